package verifier_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/contracts"
	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/onchain/verifier"
)

// gasReport measures, on the simulated backend under Osaka rules, what `make gas` prints:
//   - verifyOverhead: receipt gas of ExampleGatedMint.mint (onlyKYC) minus mintUngated with
//     the same calldata, each the first mint of a fresh consumer;
//   - deploy: deploying KYCVerifier with one signer and one revoker; gatedDeploy: deploying
//     ExampleGatedMint (an integrator carries the check and its own registry);
//   - revoke: a first revocation (a new storage slot and an event);
//   - signerRotation: rotateSigner, one signer out and one in;
//   - revokeBatchPer: a revokeMany of verifier.DefaultBatchSize first revocations, divided
//     by the batch size: the gas per revoked attestation batched, against revoke's one by
//     one;
//   - verifierCall: the execution gas of KYCVerifier.check called in a transaction of its
//     own. A contract calling the shared verifier pays about this plus 2,600 for the cold
//     account and the ABI encoding around the call.
type gasReport struct {
	verifyOverhead, deploy, gatedDeploy, revoke, revokeBatchPer, signerRotation, verifierCall uint64
}

func measureGas(t testing.TB) gasReport {
	t.Helper()
	c := newTestChain(t)
	alice := testKey("alice")
	kyc := c.calldata(t, c.sign(t, c.attestation(t, addr(alice), eas.KYCClaims{Level: 2, Country: "DE", Over18: true, WalletRisk: 1}), nil))
	m := contracts.NewExampleGatedMint()

	// Two fresh consumers, so both calls make the same first-time storage write.
	ungatedMint, gatedDeploy := c.deployMintReceipt(t)
	gated, err := c.send(t, alice, c.mint, m.PackMint(kyc))
	require.NoError(t, err)
	require.Equal(t, types.ReceiptStatusSuccessful, gated.Status)
	ungated, err := c.send(t, alice, ungatedMint, m.PackMintUngated(kyc))
	require.NoError(t, err)
	require.Equal(t, types.ReceiptStatusSuccessful, ungated.Status)

	revoke, err := c.verifier.Revoke(opts(c.revoker), [32]byte{1})
	require.NoError(t, err)
	// KYCVerifier.check in a transaction of its own: its execution gas, without the
	// intrinsic 21,000 and the calldata.
	input := contracts.NewKYCVerifier().PackCheck(kyc, addr(alice))
	call, err := c.send(t, alice, c.verifier.Address(), input)
	require.NoError(t, err)
	calldataGas, floorTokens := uint64(0), uint64(0)
	for _, b := range input {
		if b == 0 {
			calldataGas, floorTokens = calldataGas+4, floorTokens+1
		} else {
			calldataGas, floorTokens = calldataGas+16, floorTokens+4
		}
	}
	require.Greater(t, call.GasUsed, 21_000+10*floorTokens, "above the EIP-7623 calldata floor, so execution can be read off")
	batch := make([]common.Hash, verifier.DefaultBatchSize)
	for i := range batch {
		batch[i] = common.BigToHash(big.NewInt(int64(1000 + i)))
	}
	many, err := c.verifier.RevokeMany(opts(c.revoker), batch)
	require.NoError(t, err)
	manyReceipt := c.receipt(t, many)
	require.Equal(t, types.ReceiptStatusSuccessful, manyReceipt.Status)
	require.Len(t, manyReceipt.Logs, len(batch), "one Revoked event each")
	rotate, err := c.verifier.RotateSigner(opts(c.owner), addr(c.signer), addr(testKey("next signer")))
	require.NoError(t, err)
	return gasReport{
		verifyOverhead: gated.GasUsed - ungated.GasUsed,
		deploy:         c.deploy.GasUsed,
		gatedDeploy:    gatedDeploy.GasUsed,
		verifierCall:   call.GasUsed - 21_000 - calldataGas,
		revoke:         c.receipt(t, revoke).GasUsed,
		revokeBatchPer: manyReceipt.GasUsed / uint64(len(batch)),
		signerRotation: c.receipt(t, rotate).GasUsed,
	}
}

// TestGasReport prints the figures of `make gas` and holds the verification overhead
// under its 10,000 gas budget.
func TestGasReport(t *testing.T) {
	t.Parallel()
	r := measureGas(t)
	fmt.Printf("verify-overhead-gas: %d\ndeploy-gas: %d\ngated-deploy-gas: %d\nrevoke-gas: %d\nrevoke-batched-per-attestation-gas: %d\nsigner-rotation-gas: %d\nverifier-check-gas: %d\n",
		r.verifyOverhead, r.deploy, r.gatedDeploy, r.revoke, r.revokeBatchPer, r.signerRotation, r.verifierCall)
	require.Less(t, r.revokeBatchPer, r.revoke, "batching saves the per-transaction cost")
	require.Less(t, r.verifyOverhead, uint64(10_000), "the gated call's overhead over the ungated one")
}

func BenchmarkCalldata(b *testing.B) {
	c := newTestChain(b)
	pkg := c.sign(b, c.attestation(b, addr(testKey("alice")), adult), nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := verifier.Calldata(pkg); err != nil {
			b.Fatal(err)
		}
	}
}
