package auth_test

import (
	"context"
	"encoding/hex"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/contracts"
	"github.com/kycgate/kycgate/wallet"
)

// ---- contract wallets on the simulated backend (chain id 1337) ----

func TestVerifyMessageContractWallets(t *testing.T) {
	t.Parallel()
	const chainID = 1337
	deployer := testKey("deployer")
	backend := simulated.NewBackend(types.GenesisAlloc{crypto.PubkeyToAddress(deployer.PublicKey): {Balance: big.NewInt(1e18)}})
	t.Cleanup(func() { _ = backend.Close() })
	client := backend.Client()
	txOpts := bind.NewKeyedTransactor(deployer, big.NewInt(chainID))
	ctx := context.Background()

	factoryAddr, tx, err := bind.DeployContract(txOpts, common.FromHex(contracts.SmartWalletFactoryMetaData.Bin), client, nil)
	require.NoError(t, err)
	backend.Commit()
	_, err = bind.WaitDeployed(ctx, client, tx.Hash())
	require.NoError(t, err)
	factory := contracts.NewSmartWalletFactory()
	walletOf := func(owner common.Address, salt common.Hash) (common.Address, []byte) {
		out, err := client.CallContract(ctx, ethereum.CallMsg{To: &factoryAddr, Data: factory.PackWalletAddress(owner, salt)}, nil)
		require.NoError(t, err)
		addr, err := factory.UnpackWalletAddress(out)
		require.NoError(t, err)
		return addr, factory.PackDeploy(owner, salt)
	}

	deployed, deployCall := walletOf(aliceAddr, common.Hash{1})
	tx, err = bind.NewBoundContract(factoryAddr, factory.GetABI(), client, client, client).RawTransact(txOpts, deployCall)
	require.NoError(t, err)
	backend.Commit()
	receipt, err := bind.WaitMined(ctx, client, tx.Hash())
	require.NoError(t, err)
	require.Equal(t, types.ReceiptStatusSuccessful, receipt.Status)
	counterfactual, counterfactualCall := walletOf(aliceAddr, common.Hash{2})

	verifier := wallet.NewVerifier(map[uint64]bind.ContractCaller{chainID: client})
	opts, err := auth.NewSIWEOptions(testURL, []uint64{chainID}, verifier)
	require.NoError(t, err)
	opts.Now = func() time.Time { return t0 }
	message := func(addr common.Address) string {
		f := fields(addr)
		f["chainId"] = float64(chainID)
		return render(f)
	}

	// ERC-1271: the deployed wallet, signed by its owner's key.
	text := message(deployed)
	got, err := auth.VerifyMessage(ctx, text, hex.EncodeToString(personalSign(t, alice, text)), opts)
	require.NoError(t, err)
	require.Equal(t, deployed, got.Address)
	_, err = auth.VerifyMessage(ctx, text, hex.EncodeToString(personalSign(t, testKey("mallory"), text)), opts)
	requireCode(t, err, auth.CodeInvalidSignature, "ERC-1271, wrong owner")

	// ERC-6492: the counterfactual wallet, its owner's signature wrapped with the deploy call.
	text = message(counterfactual)
	wrapped := wallet.WrapERC6492(factoryAddr, counterfactualCall, personalSign(t, alice, text))
	got, err = auth.VerifyMessage(ctx, text, hex.EncodeToString(wrapped), opts)
	require.NoError(t, err)
	require.Equal(t, counterfactual, got.Address)
	require.Equal(t, wrapped, got.Signature)
	wrong := wallet.WrapERC6492(factoryAddr, counterfactualCall, personalSign(t, testKey("mallory"), text))
	_, err = auth.VerifyMessage(ctx, text, hex.EncodeToString(wrong), opts)
	requireCode(t, err, auth.CodeInvalidSignature, "ERC-6492, wrong owner")

	// The same wallets on a chain without an RPC.
	noRPC := opts
	noRPC.Verifier = nil
	for _, addr := range []common.Address{deployed, counterfactual} {
		text := message(addr)
		sig := personalSign(t, alice, text)
		if addr == counterfactual {
			sig = wallet.WrapERC6492(factoryAddr, counterfactualCall, sig)
		}
		_, err = auth.VerifyMessage(ctx, text, hex.EncodeToString(sig), noRPC)
		requireCode(t, err, auth.CodeContractWalletUnsupported, addr.Hex())
	}
}
