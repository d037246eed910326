package verifier_test

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/contracts"
	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/onchain/verifier"
)

// chainID is the simulated backend's chain id.
const chainID = 1337

// easAddress and easVersion are the EAS deployment the test verifiers are built for (the
// address need not hold code: it only enters the EIP-712 domain).
var easAddress = common.HexToAddress("0x4200000000000000000000000000000000000021")

const easVersion = "1.0.1"

// autoMine is the simulated client with a block sealed after every transaction, so
// waiting for a receipt never waits.
type autoMine struct {
	simulated.Client
	sim *simulated.Backend
}

func (a autoMine) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if err := a.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	a.sim.Commit()
	return nil
}

// testChain is a simulated chain with a deployed verifier and example consumer.
type testChain struct {
	sim      *simulated.Backend
	backend  autoMine
	domain   eas.Domain
	owner    *ecdsa.PrivateKey
	signer   *ecdsa.PrivateKey
	revoker  *ecdsa.PrivateKey
	verifier *verifier.Contract
	mint     common.Address
	deploy   *types.Receipt
}

// testKey derives a fixed private key from a label, so failures are reproducible.
func testKey(label string) *ecdsa.PrivateKey {
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte("kycgate verifier test: " + label)))
	if err != nil {
		panic(err)
	}
	return key
}

func addr(k *ecdsa.PrivateKey) common.Address { return crypto.PubkeyToAddress(k.PublicKey) }

func opts(k *ecdsa.PrivateKey) *bind.TransactOpts {
	return bind.NewKeyedTransactor(k, big.NewInt(chainID))
}

// fundedLabels are the accounts funded at genesis.
var fundedLabels = []string{"owner", "revoker", "alice", "bob", "mallory"}

// osaka runs the simulated chain under the rules of Ethereum mainnet today (Osaka), not the
// simulated backend's default of every fork go-ethereum knows, drafts included, whose gas
// schedule is not mainnet's.
func osaka(_ *node.Config, ethConf *ethconfig.Config) {
	cfg := *params.AllDevChainProtocolChanges
	cfg.AmsterdamTime, cfg.BogotaTime = nil, nil
	ethConf.Genesis.Config = &cfg
}

func newTestChain(t testing.TB, options ...func(*node.Config, *ethconfig.Config)) *testChain {
	t.Helper()
	if len(options) == 0 {
		options = append(options, osaka)
	}
	alloc := types.GenesisAlloc{}
	for _, l := range fundedLabels {
		alloc[addr(testKey(l))] = types.Account{Balance: new(big.Int).Lsh(big.NewInt(1), 80)}
	}
	sim := simulated.NewBackend(alloc, options...)
	t.Cleanup(func() { _ = sim.Close() })
	c := &testChain{
		sim: sim, backend: autoMine{Client: sim.Client(), sim: sim},
		domain: eas.NewDomain(chainID, easAddress, easVersion),
		owner:  testKey("owner"), signer: testKey("gateway signer"), revoker: testKey("revoker"),
	}
	va, tx, err := verifier.Deploy(opts(c.owner), c.backend, c.params())
	require.NoError(t, err)
	c.deploy = c.receipt(t, tx)
	c.verifier = verifier.NewContract(va, c.backend)
	c.mint = c.deployMint(t)
	return c
}

// params are the constructor parameters of the test verifiers: the chain's EAS domain, the
// gateway signer, the revoker.
func (c *testChain) params() verifier.Params {
	return verifier.Params{
		Owner: addr(c.owner), EAS: c.domain,
		Signers: []common.Address{addr(c.signer)}, Revokers: []common.Address{addr(c.revoker)},
	}
}

// deployMint deploys an ExampleGatedMint (its own registry) with the test parameters.
func (c *testChain) deployMint(t testing.TB) common.Address {
	t.Helper()
	a, _ := c.deployMintReceipt(t)
	return a
}

// deployMintReceipt is deployMint with the creation receipt.
func (c *testChain) deployMintReceipt(t testing.TB) (common.Address, *types.Receipt) {
	t.Helper()
	a, tx, err := bind.DeployContract(opts(c.owner), common.FromHex(contracts.ExampleGatedMintMetaData.Bin), c.backend,
		contracts.NewExampleGatedMint().PackConstructor(c.params().KYCConfig()))
	require.NoError(t, err)
	r := c.receipt(t, tx)
	require.Equal(t, types.ReceiptStatusSuccessful, r.Status)
	return a, r
}

func (c *testChain) receipt(t testing.TB, tx *types.Transaction) *types.Receipt {
	t.Helper()
	r, err := bind.WaitMined(context.Background(), c.backend, tx.Hash())
	require.NoError(t, err)
	return r
}

// now is the latest block's timestamp, which eth_call sees.
func (c *testChain) now(t testing.TB) uint64 {
	t.Helper()
	h, err := c.backend.HeaderByNumber(context.Background(), nil)
	require.NoError(t, err)
	return h.Time
}

// attestation is a valid gateway attestation for recipient at the chain's current time.
func (c *testChain) attestation(t testing.TB, recipient common.Address, claims eas.KYCClaims) eas.Attestation {
	t.Helper()
	data, err := claims.Encode()
	require.NoError(t, err)
	now := c.now(t)
	return eas.Attestation{
		Version: eas.Version2, Schema: eas.KYCSchemaUID, Recipient: recipient,
		Time: now - 60, ExpirationTime: now + 3600, Revocable: true, Data: data,
		Salt: crypto.Keccak256Hash(recipient[:], data, big.NewInt(int64(now)).Bytes()),
	}
}

// sign signs att the way the gateway does (eas.Sign), under domain (default: the chain's).
func (c *testChain) sign(t testing.TB, att eas.Attestation, key *ecdsa.PrivateKey, domain ...eas.Domain) *eas.Package {
	t.Helper()
	d := c.domain
	if len(domain) > 0 {
		d = domain[0]
	}
	if key == nil {
		key = c.signer
	}
	pkg, err := eas.Sign(d, att, eas.NewKeySigner(key))
	require.NoError(t, err)
	return pkg
}

func (c *testChain) calldata(t testing.TB, pkg *eas.Package) []byte {
	t.Helper()
	kyc, err := verifier.Calldata(pkg)
	require.NoError(t, err)
	return kyc
}

// send sends data to `to` from key and returns the receipt; a transaction that would
// revert is refused at gas estimation and returned as the error.
func (c *testChain) send(t testing.TB, key *ecdsa.PrivateKey, to common.Address, data []byte) (*types.Receipt, error) {
	t.Helper()
	b := bind.NewBoundContract(to, contracts.NewExampleGatedMint().GetABI(), c.backend, c.backend, c.backend)
	tx, err := b.RawTransact(opts(key), data)
	if err != nil {
		return nil, err
	}
	return c.receipt(t, tx), nil
}

func (c *testChain) balance(t testing.TB, who common.Address) *big.Int {
	t.Helper()
	m := contracts.NewExampleGatedMint()
	b, err := bind.Call(m.Instance(c.backend, c.mint), nil, m.PackBalanceOf(who), m.UnpackBalanceOf)
	require.NoError(t, err)
	return b
}
