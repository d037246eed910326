package wallet_test

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"math/big"
	"strconv"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/contracts"
	"github.com/kycgate/kycgate/wallet"
)

const simChainID = 1337 // ethclient/simulated's chain id

// testKey derives a fixed private key from a label, so failures are reproducible.
func testKey(label string) *ecdsa.PrivateKey {
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte(label)))
	if err != nil {
		panic(err)
	}
	return key
}

func addrOf(key *ecdsa.PrivateKey) common.Address { return crypto.PubkeyToAddress(key.PublicKey) }

func sign(t testing.TB, key *ecdsa.PrivateKey, digest common.Hash) []byte {
	t.Helper()
	sig, err := crypto.Sign(digest[:], key)
	require.NoError(t, err)
	return sig
}

// bundle is a simulated chain with the SmartWalletFactory deployed and a Verifier that
// reads it as chain simChainID.
type bundle struct {
	backend  *simulated.Backend
	client   simulated.Client
	opts     *bind.TransactOpts
	factory  common.Address
	verifier *wallet.Verifier
}

func setup(t *testing.T) *bundle {
	t.Helper()
	deployer := testKey("deployer")
	backend := simulated.NewBackend(types.GenesisAlloc{addrOf(deployer): {Balance: big.NewInt(1e18)}})
	t.Cleanup(func() { _ = backend.Close() })
	b := &bundle{
		backend: backend,
		client:  backend.Client(),
		opts:    bind.NewKeyedTransactor(deployer, big.NewInt(simChainID)),
	}
	addr, tx, err := bind.DeployContract(b.opts, common.FromHex(contracts.SmartWalletFactoryMetaData.Bin), b.client, nil)
	require.NoError(t, err)
	backend.Commit()
	_, err = bind.WaitDeployed(context.Background(), b.client, tx.Hash())
	require.NoError(t, err)
	b.factory = addr
	b.verifier = wallet.NewVerifier(map[uint64]bind.ContractCaller{simChainID: b.client})
	return b
}

// counterfactual returns the address of owner's wallet (salt 0) and the factory calldata
// that deploys it, without deploying it.
func (b *bundle) counterfactual(t *testing.T, owner common.Address) (common.Address, []byte) {
	t.Helper()
	f := contracts.NewSmartWalletFactory()
	out, err := b.client.CallContract(context.Background(), ethereum.CallMsg{To: &b.factory, Data: f.PackWalletAddress(owner, common.Hash{})}, nil)
	require.NoError(t, err)
	addr, err := f.UnpackWalletAddress(out)
	require.NoError(t, err)
	return addr, f.PackDeploy(owner, common.Hash{})
}

// deployWallet deploys owner's wallet (salt 0) through the factory.
func (b *bundle) deployWallet(t *testing.T, owner common.Address) common.Address {
	t.Helper()
	addr, calldata := b.counterfactual(t, owner)
	tx, err := bind.NewBoundContract(b.factory, contracts.NewSmartWalletFactory().GetABI(), b.client, b.client, b.client).RawTransact(b.opts, calldata)
	require.NoError(t, err)
	b.backend.Commit()
	receipt, err := bind.WaitMined(context.Background(), b.client, tx.Hash())
	require.NoError(t, err)
	require.Equal(t, types.ReceiptStatusSuccessful, receipt.Status)
	require.True(t, b.hasCode(t, addr))
	return addr
}

func (b *bundle) hasCode(t *testing.T, addr common.Address) bool {
	t.Helper()
	code, err := b.client.CodeAt(context.Background(), addr, nil)
	require.NoError(t, err)
	return len(code) > 0
}

var digest = common.BytesToHash(accounts.TextHash([]byte("kycgate wallet test")))

func TestVerifySignatureEOA(t *testing.T) {
	t.Parallel()
	key := testKey("eoa")
	sig := sign(t, key, digest)
	require.Contains(t, []byte{0, 1}, sig[64])
	ctx := context.Background()

	for name, v := range map[string]*wallet.Verifier{
		"nil verifier (no chains)": nil,
		"zero verifier":            {},
		"no client for chain 1":    wallet.NewVerifier(nil),
	} {
		require.NoError(t, v.VerifySignature(ctx, 1, addrOf(key), digest, sig), name)
	}

	v27 := append([]byte(nil), sig...)
	v27[64] += 27
	require.NoError(t, wallet.NewVerifier(nil).VerifySignature(ctx, 1, addrOf(key), digest, v27), "v in {27, 28}")
}

// Without a client nothing but an EOA signature can be checked: a signature that does not
// recover to the address might be a contract wallet's, so the verdict is "unsupported".
func TestVerifySignatureWithoutClientIsUnsupported(t *testing.T) {
	t.Parallel()
	key := testKey("eoa")
	v := wallet.NewVerifier(nil)
	ctx := context.Background()
	err := v.VerifySignature(ctx, 1, addrOf(key), digest, sign(t, testKey("other"), digest))
	require.ErrorIs(t, err, wallet.ErrContractWalletUnsupported)
	require.NotErrorIs(t, err, wallet.ErrInvalidSignature)
	require.ErrorContains(t, err, "chain 1")
}

func TestVerifySignatureRejectsMalformed(t *testing.T) {
	t.Parallel()
	b := setup(t)
	key := testKey("eoa")
	good := sign(t, key, digest)
	ctx := context.Background()

	check := func(name string, sig []byte) {
		t.Helper()
		var err error
		require.NotPanics(t, func() { err = b.verifier.VerifySignature(ctx, simChainID, addrOf(key), digest, sig) }, name)
		require.ErrorIs(t, err, wallet.ErrInvalidSignature, name)
		// Without a client the same signatures are never accepted either.
		require.NotPanics(t, func() { err = wallet.NewVerifier(nil).VerifySignature(ctx, simChainID, addrOf(key), digest, sig) }, name)
		require.Error(t, err, name)
	}

	for n := 0; n <= 70; n++ {
		if n == 65 {
			continue
		}
		sig := make([]byte, n) // the start of a good signature, zero-padded
		copy(sig, good)
		check("length "+strconv.Itoa(n), sig)
	}
	for v := 0; v < 256; v++ {
		if v == 0 || v == 1 || v == 27 || v == 28 {
			continue
		}
		sig := append([]byte(nil), good...)
		sig[64] = byte(v)
		check("v "+strconv.Itoa(v), sig)
	}
	check("nil", nil)
	check("r = 0", append(make([]byte, 32), good[32:]...))
	check("s = 0", append(append(append([]byte(nil), good[:32]...), make([]byte, 32)...), good[64]))

	// The malleable twin (n - s, flipped v) recovers the same key: refused (EIP-2).
	high := append([]byte(nil), good...)
	s := new(big.Int).SetBytes(high[32:64])
	new(big.Int).Sub(crypto.S256().Params().N, s).FillBytes(high[32:64])
	high[64] ^= 1
	pub, err := crypto.Ecrecover(digest[:], high)
	require.NoError(t, err)
	require.Equal(t, addrOf(key), common.BytesToAddress(crypto.Keccak256(pub[1:])[12:]), "the twin is a valid ECDSA signature")
	check("high s", high)

	check("other key", sign(t, testKey("other"), digest))
	check("other digest", sign(t, key, crypto.Keccak256Hash([]byte("other"))))
	check("too long", make([]byte, wallet.MaxSignatureSize+1))
}

func TestVerifySignatureERC1271(t *testing.T) {
	t.Parallel()
	b := setup(t)
	owner := testKey("owner")
	walletAddr := b.deployWallet(t, addrOf(owner))
	ctx := context.Background()

	require.NoError(t, b.verifier.VerifySignature(ctx, simChainID, walletAddr, digest, sign(t, owner, digest)), "owner signature")

	err := b.verifier.VerifySignature(ctx, simChainID, walletAddr, digest, sign(t, testKey("not the owner"), digest))
	require.ErrorIs(t, err, wallet.ErrInvalidSignature, "wrong owner")

	err = b.verifier.VerifySignature(ctx, simChainID, walletAddr, crypto.Keccak256Hash([]byte("other")), sign(t, owner, digest))
	require.ErrorIs(t, err, wallet.ErrInvalidSignature, "other digest")

	err = b.verifier.VerifySignature(ctx, simChainID, walletAddr, digest, []byte{1, 2, 3})
	require.ErrorIs(t, err, wallet.ErrInvalidSignature, "garbage")

	// The same wallet on a chain without an RPC cannot be checked.
	err = b.verifier.VerifySignature(ctx, 1, walletAddr, digest, sign(t, owner, digest))
	require.ErrorIs(t, err, wallet.ErrContractWalletUnsupported)

	// A contract without isValidSignature (the factory) reverts: invalid, not an error.
	err = b.verifier.VerifySignature(ctx, simChainID, b.factory, digest, sign(t, owner, digest))
	require.ErrorIs(t, err, wallet.ErrInvalidSignature, "no isValidSignature")
}

func TestVerifySignatureERC6492(t *testing.T) {
	t.Parallel()
	b := setup(t)
	owner := testKey("owner")
	ctx := context.Background()
	walletAddr, deployCall := b.counterfactual(t, addrOf(owner))
	require.False(t, b.hasCode(t, walletAddr))

	wrapped := wallet.WrapERC6492(b.factory, deployCall, sign(t, owner, digest))
	require.True(t, wallet.IsERC6492(wrapped))
	require.NoError(t, b.verifier.VerifySignature(ctx, simChainID, walletAddr, digest, wrapped), "counterfactual owner signature")
	require.False(t, b.hasCode(t, walletAddr), "the check deploys inside an eth_call only")

	wrong := wallet.WrapERC6492(b.factory, deployCall, sign(t, testKey("not the owner"), digest))
	require.ErrorIs(t, b.verifier.VerifySignature(ctx, simChainID, walletAddr, digest, wrong), wallet.ErrInvalidSignature, "wrong owner")

	// Factory calldata that deploys someone else's wallet leaves no code at walletAddr.
	_, otherCall := b.counterfactual(t, addrOf(testKey("not the owner")))
	swapped := wallet.WrapERC6492(b.factory, otherCall, sign(t, owner, digest))
	require.ErrorIs(t, b.verifier.VerifySignature(ctx, simChainID, walletAddr, digest, swapped), wallet.ErrInvalidSignature, "deploys another wallet")

	malformed := append([]byte{1, 2, 3}, wallet.ERC6492Suffix...)
	require.ErrorIs(t, b.verifier.VerifySignature(ctx, simChainID, walletAddr, digest, malformed), wallet.ErrInvalidSignature, "malformed wrapper")
	require.ErrorIs(t, b.verifier.VerifySignature(ctx, simChainID, walletAddr, digest, wallet.ERC6492Suffix), wallet.ErrInvalidSignature, "suffix only")

	// No RPC for the chain: never a silent pass, even though the inner signature is the owner's.
	err := b.verifier.VerifySignature(ctx, 1, walletAddr, digest, wrapped)
	require.ErrorIs(t, err, wallet.ErrContractWalletUnsupported)
	require.ErrorIs(t, wallet.NewVerifier(nil).VerifySignature(ctx, simChainID, walletAddr, digest, wrapped), wallet.ErrContractWalletUnsupported)

	// Once deployed, the wrapped signature is still valid (ERC-6492 order), and so is the plain one.
	b.deployWallet(t, addrOf(owner))
	require.NoError(t, b.verifier.VerifySignature(ctx, simChainID, walletAddr, digest, wrapped), "wrapped, after deployment")
	require.NoError(t, b.verifier.VerifySignature(ctx, simChainID, walletAddr, digest, sign(t, owner, digest)), "plain, after deployment")
	require.ErrorIs(t, b.verifier.VerifySignature(ctx, simChainID, walletAddr, digest, wrong), wallet.ErrInvalidSignature, "wrong owner, after deployment")
}

// A node that cannot be reached gives an error that is neither verdict.
func TestVerifySignatureChainFailure(t *testing.T) {
	t.Parallel()
	down := wallet.NewVerifier(map[uint64]bind.ContractCaller{1: unreachable{}})
	owner := testKey("owner")
	ctx := context.Background()
	for name, sig := range map[string][]byte{
		"ERC-1271": sign(t, testKey("other"), digest),
		"ERC-6492": wallet.WrapERC6492(common.Address{1}, nil, sign(t, owner, digest)),
	} {
		err := down.VerifySignature(ctx, 1, addrOf(owner), digest, sig)
		require.ErrorIs(t, err, errUnreachable, name)
		require.NotErrorIs(t, err, wallet.ErrInvalidSignature, name)
		require.NotErrorIs(t, err, wallet.ErrContractWalletUnsupported, name)
	}
	// An EOA signature needs no node.
	require.NoError(t, down.VerifySignature(ctx, 1, addrOf(owner), digest, sign(t, owner, digest)))
}

var errUnreachable = errors.New("dial tcp: connection refused")

// unreachable is a chain client whose node never answers.
type unreachable struct{}

func (unreachable) CodeAt(context.Context, common.Address, *big.Int) ([]byte, error) {
	return nil, errUnreachable
}

func (unreachable) CallContract(context.Context, ethereum.CallMsg, *big.Int) ([]byte, error) {
	return nil, errUnreachable
}
