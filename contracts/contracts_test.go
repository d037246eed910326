package contracts_test

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/contracts"
)

var magic = [4]byte{0x16, 0x26, 0xba, 0x7e}

// testChain is a simulated chain (chain id 1337) with one funded deployer account.
type testChain struct {
	backend *simulated.Backend
	client  simulated.Client
	opts    *bind.TransactOpts
}

func newTestChain(t *testing.T) *testChain {
	t.Helper()
	key := testKey("deployer")
	from := crypto.PubkeyToAddress(key.PublicKey)
	backend := simulated.NewBackend(types.GenesisAlloc{from: {Balance: big.NewInt(1e18)}})
	t.Cleanup(func() { _ = backend.Close() })
	return &testChain{backend: backend, client: backend.Client(), opts: bind.NewKeyedTransactor(key, big.NewInt(1337))}
}

func (c *testChain) deploy(t *testing.T, bytecode string, input []byte) common.Address {
	t.Helper()
	addr, tx, err := bind.DeployContract(c.opts, common.FromHex(bytecode), c.client, input)
	require.NoError(t, err)
	c.backend.Commit()
	got, err := bind.WaitDeployed(context.Background(), c.client, tx.Hash())
	require.NoError(t, err)
	require.Equal(t, addr, got)
	return addr
}

func (c *testChain) transact(t *testing.T, to common.Address, data []byte) *types.Receipt {
	t.Helper()
	tx, err := bind.NewBoundContract(to, contracts.NewSmartWalletFactory().GetABI(), c.client, c.client, c.client).RawTransact(c.opts, data)
	require.NoError(t, err)
	c.backend.Commit()
	receipt, err := bind.WaitMined(context.Background(), c.client, tx.Hash())
	require.NoError(t, err)
	return receipt
}

func (c *testChain) call(t *testing.T, to common.Address, data []byte) []byte {
	t.Helper()
	out, err := bind.NewBoundContract(to, contracts.NewSmartWalletFactory().GetABI(), c.client, c.client, c.client).CallRaw(&bind.CallOpts{}, data)
	require.NoError(t, err)
	return out
}

// testKey derives a fixed private key from a label, so failures are reproducible.
func testKey(label string) *ecdsa.PrivateKey {
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte(label)))
	if err != nil {
		panic(err)
	}
	return key
}

func sign(t *testing.T, key *ecdsa.PrivateKey, digest common.Hash) []byte {
	t.Helper()
	sig, err := crypto.Sign(digest[:], key)
	require.NoError(t, err)
	return sig
}

func TestSmartWalletIsValidSignature(t *testing.T) {
	t.Parallel()
	c := newTestChain(t)
	owner := testKey("owner")
	wallet := contracts.NewSmartWallet()
	addr := c.deploy(t, contracts.SmartWalletMetaData.Bin, wallet.PackConstructor(crypto.PubkeyToAddress(owner.PublicKey)))
	digest := crypto.Keccak256Hash([]byte("hello"))

	isValid := func(sig []byte) [4]byte {
		out, err := wallet.UnpackIsValidSignature(c.call(t, addr, wallet.PackIsValidSignature(digest, sig)))
		require.NoError(t, err)
		return out
	}

	ownerSig := sign(t, owner, digest)
	require.Equal(t, magic, isValid(ownerSig), "owner signature, v in {0,1}")
	v27 := append([]byte(nil), ownerSig...)
	v27[64] += 27
	require.Equal(t, magic, isValid(v27), "owner signature, v in {27,28}")

	require.NotEqual(t, magic, isValid(sign(t, testKey("someone else"), digest)), "wrong key")
	require.NotEqual(t, magic, isValid(sign(t, owner, crypto.Keccak256Hash([]byte("other")))), "other digest")
	require.NotEqual(t, magic, isValid(ownerSig[:64]), "short signature")
	require.NotEqual(t, magic, isValid(nil), "empty signature")

	// The malleable twin (n - s, flipped v) recovers the same key; the wallet refuses it (EIP-2).
	high := append([]byte(nil), ownerSig...)
	s := new(big.Int).SetBytes(high[32:64])
	new(big.Int).Sub(crypto.S256().Params().N, s).FillBytes(high[32:64])
	high[64] ^= 1
	require.NotEqual(t, magic, isValid(high), "high-s twin")
}

func TestSmartWalletFactoryDeploysAtPredictedAddress(t *testing.T) {
	t.Parallel()
	c := newTestChain(t)
	factory := contracts.NewSmartWalletFactory()
	factoryAddr := c.deploy(t, contracts.SmartWalletFactoryMetaData.Bin, nil)
	owner := crypto.PubkeyToAddress(testKey("owner").PublicKey)
	salt := common.Hash{31: 7}

	predicted, err := factory.UnpackWalletAddress(c.call(t, factoryAddr, factory.PackWalletAddress(owner, salt)))
	require.NoError(t, err)
	// The same address computed off-chain from the CREATE2 rule.
	initCode := append(common.FromHex(contracts.SmartWalletMetaData.Bin), contracts.NewSmartWallet().PackConstructor(owner)...)
	require.Equal(t, crypto.CreateAddress2(factoryAddr, salt, crypto.Keccak256(initCode)), predicted)

	code, err := c.client.CodeAt(context.Background(), predicted, nil)
	require.NoError(t, err)
	require.Empty(t, code, "not deployed yet")

	receipt := c.transact(t, factoryAddr, factory.PackDeploy(owner, salt))
	require.Equal(t, types.ReceiptStatusSuccessful, receipt.Status)
	require.Len(t, receipt.Logs, 1)
	ev, err := factory.UnpackWalletDeployedEvent(receipt.Logs[0])
	require.NoError(t, err)
	require.Equal(t, predicted, ev.Wallet)
	require.Equal(t, owner, ev.Owner)

	wallet := contracts.NewSmartWallet()
	gotOwner, err := wallet.UnpackOwner(c.call(t, predicted, wallet.PackOwner()))
	require.NoError(t, err)
	require.Equal(t, owner, gotOwner)

	// Deploying again is a no-op that succeeds (ERC-6492 verifiers may replay the factory call).
	receipt = c.transact(t, factoryAddr, factory.PackDeploy(owner, salt))
	require.Equal(t, types.ReceiptStatusSuccessful, receipt.Status)
	require.Empty(t, receipt.Logs)
}
