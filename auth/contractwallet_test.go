package auth_test

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"log/slog"
	"math/big"
	"net/http"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/contracts"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage/storagetest"
	"github.com/kycgate/kycgate/wallet"
)

// TestContractWalletSignsInOverHTTP signs in with an undeployed (EIP-6492) smart wallet
// and then, once deployed, with the same wallet through EIP-1271, against a gateway whose
// chain 1337 is go-ethereum's simulated backend.
func TestContractWalletSignsInOverHTTP(t *testing.T) {
	t.Parallel()
	deployer, owner := authtest.NewKey(t), authtest.NewKey(t)
	backend := simulated.NewBackend(types.GenesisAlloc{authtest.Address(deployer): {Balance: big.NewInt(1e18)}})
	t.Cleanup(func() { _ = backend.Close() })
	client := backend.Client()
	opts := bind.NewKeyedTransactor(deployer, big.NewInt(1337))
	factory, tx, err := bind.DeployContract(opts, common.FromHex(contracts.SmartWalletFactoryMetaData.Bin), client, nil)
	require.NoError(t, err)
	backend.Commit()
	_, err = bind.WaitDeployed(context.Background(), client, tx.Hash())
	require.NoError(t, err)

	f := contracts.NewSmartWalletFactory()
	out, err := client.CallContract(context.Background(), ethereum.CallMsg{To: &factory,
		Data: f.PackWalletAddress(authtest.Address(owner), common.Hash{})}, nil)
	require.NoError(t, err)
	smartWallet, err := f.UnpackWalletAddress(out)
	require.NoError(t, err)
	deployCalldata := f.PackDeploy(authtest.Address(owner), common.Hash{})

	srv, err := server.New(server.Config{PublicURL: publicURL, ChainIDs: []uint64{1337}}, storagetest.OpenSQLite(t),
		slog.New(slog.DiscardHandler), server.WithChainClients(map[uint64]bind.ContractCaller{1337: client}))
	require.NoError(t, err)
	h := srv.Handler()

	signAsWallet := func(signer *ecdsa.PrivateKey) (string, string) {
		m := authtest.Message{Scheme: "http", Domain: "localhost:8080", Address: smartWallet, URI: publicURL, ChainID: 1337,
			Nonce: authtest.Nonce(t, h), IssuedAt: mustNow()}
		text := m.String()
		sig, err := crypto.Sign(accounts.TextHash([]byte(text)), signer)
		require.NoError(t, err)
		sig[64] += 27
		return text, hexutil.Encode(wallet.WrapERC6492(factory, deployCalldata, sig))
	}

	// Counterfactual: the wallet is not deployed yet.
	text, sig := signAsWallet(owner)
	rec := authtest.Do(t, h, "POST", "/v1/auth/siwe", map[string]string{"message": text, "signature": sig})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var got struct{ Address string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	require.Equal(t, smartWallet.Hex(), got.Address)

	text, sig = signAsWallet(authtest.NewKey(t))
	rec = authtest.Do(t, h, "POST", "/v1/auth/siwe", map[string]string{"message": text, "signature": sig})
	require.Equal(t, http.StatusUnauthorized, rec.Code, "a stranger cannot sign for the wallet")
	require.Equal(t, "invalid_signature", errorCode(t, rec))

	// Deployed: plain EIP-1271.
	_, err = bind.NewBoundContract(factory, f.GetABI(), client, client, client).RawTransact(opts, deployCalldata)
	require.NoError(t, err)
	backend.Commit()
	m := authtest.Message{Scheme: "http", Domain: "localhost:8080", Address: smartWallet, URI: publicURL, ChainID: 1337,
		Nonce: authtest.Nonce(t, h), IssuedAt: mustNow()}
	rec = authtest.Do(t, h, "POST", "/v1/auth/siwe", map[string]string{"message": m.String(), "signature": authtest.Sign(t, owner, m.String())})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
}

func mustNow() time.Time { return time.Now().UTC().Truncate(time.Second) }
