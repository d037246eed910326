package verifier_test

import (
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/contracts"
	"github.com/kycgate/kycgate/onchain/eas"
)

// gasReport measures, on the simulated backend, what `make gas` prints.
type gasReport struct {
	verifyOverhead, deploy, revoke, signerRotation uint64
}

func measureGas(t testing.TB) gasReport {
	t.Helper()
	c := newTestChain(t)
	alice := testKey("alice")
	kyc := c.calldata(t, c.sign(t, c.attestation(t, addr(alice), eas.KYCClaims{Level: 2, Country: "DE", Over18: true, WalletRisk: 1}), nil))
	m := contracts.NewExampleGatedMint()

	// Two fresh consumers, so both calls make the same first-time storage write.
	ungatedMint := c.deployMint(t)
	gated, err := c.send(t, alice, c.mint, m.PackMint(kyc))
	require.NoError(t, err)
	require.Equal(t, types.ReceiptStatusSuccessful, gated.Status)
	ungated, err := c.send(t, alice, ungatedMint, m.PackMintUngated(kyc))
	require.NoError(t, err)
	require.Equal(t, types.ReceiptStatusSuccessful, ungated.Status)

	revoke, err := c.verifier.Revoke(opts(c.revoker), [32]byte{1})
	require.NoError(t, err)
	rotate, err := c.verifier.RotateSigner(opts(c.owner), addr(c.signer), addr(testKey("next signer")))
	require.NoError(t, err)
	return gasReport{
		verifyOverhead: gated.GasUsed - ungated.GasUsed,
		deploy:         c.deploy.GasUsed,
		revoke:         c.receipt(t, revoke).GasUsed,
		signerRotation: c.receipt(t, rotate).GasUsed,
	}
}

// TestGasReport prints the figures of `make gas` and holds the verification overhead
// under its 10,000 gas budget.
func TestGasReport(t *testing.T) {
	t.Parallel()
	r := measureGas(t)
	fmt.Printf("verify-overhead-gas: %d\ndeploy-gas: %d\nrevoke-gas: %d\nsigner-rotation-gas: %d\n",
		r.verifyOverhead, r.deploy, r.revoke, r.signerRotation)
	require.Less(t, r.verifyOverhead, uint64(10_000), "the gated call's overhead over the ungated one")
}
