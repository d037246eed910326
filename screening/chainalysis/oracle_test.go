package chainalysis_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/contracts"
	"github.com/kycgate/kycgate/screening/chainalysis"
	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/screening/source/sourcetest"
)

// simChainID is the simulated backend's chain id.
const simChainID = 1337

// oracleChain is a simulated chain with a SanctionsOracle (Chainalysis' interface)
// deployed by owner, and the chainalysis-oracle source opened on it.
type oracleChain struct {
	sim    *simulated.Backend
	owner  *bind.TransactOpts
	oracle *bind.BoundContract
	addr   common.Address
	s      source.Screener
}

func setupOracle(t *testing.T) *oracleChain {
	t.Helper()
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte("kycgate chainalysis oracle test: owner")))
	require.NoError(t, err)
	owner := crypto.PubkeyToAddress(key.PublicKey)
	sim := simulated.NewBackend(types.GenesisAlloc{owner: {Balance: new(big.Int).Lsh(big.NewInt(1), 80)}})
	t.Cleanup(func() { _ = sim.Close() })
	c := &oracleChain{sim: sim, owner: bind.NewKeyedTransactor(key, big.NewInt(simChainID))}
	addr, tx, err := bind.DeployContract(c.owner, common.FromHex(contracts.SanctionsOracleMetaData.Bin), sim.Client(), nil)
	require.NoError(t, err)
	sim.Commit()
	c.mined(t, tx)
	c.addr = addr
	c.oracle = contracts.NewSanctionsOracle().Instance(sim.Client(), addr)

	vars := map[string]string{"KYCGATE_CHAINALYSIS_ORACLES": fmt.Sprintf("%d=%s", simChainID, addr.Hex())}
	s, err := registry().Open(chainalysis.OracleName, func(k string) string { return vars[k] },
		source.Deps{Now: sourcetest.NewClock(t0).Now, Chains: map[uint64]ethereum.ContractCaller{simChainID: sim.Client()}})
	require.NoError(t, err)
	c.s = s
	return c
}

func (c *oracleChain) mined(t *testing.T, tx *types.Transaction) {
	t.Helper()
	r, err := bind.WaitMined(context.Background(), c.sim.Client(), tx.Hash())
	require.NoError(t, err)
	require.Equal(t, types.ReceiptStatusSuccessful, r.Status)
}

func (c *oracleChain) transact(t *testing.T, data []byte) {
	t.Helper()
	tx, err := bind.Transact(c.oracle, c.owner, data)
	require.NoError(t, err)
	c.sim.Commit()
	c.mined(t, tx)
}

func (c *oracleChain) block(t *testing.T) uint64 {
	t.Helper()
	n, err := c.sim.Client().BlockNumber(context.Background())
	require.NoError(t, err)
	return n
}

func TestOracleOnTheSimulatedChain(t *testing.T) {
	t.Parallel()
	c := setupOracle(t)
	c.transact(t, contracts.NewSanctionsOracle().PackAddToSanctionsList([]common.Address{sanctioned}))
	ctx := context.Background()

	r, err := c.s.Screen(ctx, source.Query{Address: clean, ChainID: simChainID})
	require.NoError(t, err)
	require.Equal(t, source.Result{Source: "chainalysis-oracle", Status: source.Clear, Risk: source.RiskNone, CheckedAt: t0,
		Reference: fmt.Sprintf("chain 1337 oracle %s block %d", c.addr.Hex(), c.block(t))}, r)

	r, err = c.s.Screen(ctx, source.Query{Address: sanctioned, ChainID: simChainID})
	require.NoError(t, err)
	require.Equal(t, source.Sanctioned, r.Status)
	require.Equal(t, source.RiskSevere, r.Risk)
	require.Equal(t, []string{"sanctions"}, r.Categories)

	// The only chain with a client answers a query without a chain.
	r, err = c.s.Screen(ctx, source.Query{Address: sanctioned})
	require.NoError(t, err)
	require.Equal(t, source.Sanctioned, r.Status)

	c.transact(t, contracts.NewSanctionsOracle().PackRemoveFromSanctionsList([]common.Address{sanctioned}))
	r, err = c.s.Screen(ctx, source.Query{Address: sanctioned, ChainID: simChainID})
	require.NoError(t, err)
	require.Equal(t, source.Clear, r.Status, "taken off the list")

	rep := c.s.(source.Reporter).Report(ctx)
	require.True(t, rep.OK)
	require.Equal(t, "oracle on chains [1337]; no chain client (KYCGATE_RPC_URLS) for chains 1, 10, 56, 137, 8453, 42161, 43114", rep.Detail)
}

func TestOraclePacksTheDocumentedSelector(t *testing.T) {
	t.Parallel()
	require.Equal(t, contracts.NewSanctionsOracle().PackIsSanctioned(sanctioned), chainalysis.Pack(sanctioned))
	require.Equal(t, crypto.Keccak256([]byte("isSanctioned(address)"))[:4], chainalysis.IsSanctionedSelector[:])
}

func TestOracleNeverAnswersClearWithoutAnOracle(t *testing.T) {
	t.Parallel()
	c := setupOracle(t)
	ctx := context.Background()

	_, err := c.s.Screen(ctx, source.Query{Address: clean, ChainID: 10})
	require.ErrorIs(t, err, chainalysis.ErrNoOracle, "Optimism has an oracle but no client")
	_, err = c.s.Screen(ctx, source.Query{Address: clean, ChainID: 424242})
	require.ErrorIs(t, err, chainalysis.ErrNoOracle, "no oracle at all")

	// An oracle address without code answers nothing: not a bool, not clear.
	vars := map[string]string{"KYCGATE_CHAINALYSIS_ORACLES": "1337=0x000000000000000000000000000000000000dEaD"}
	s, err := registry().Open(chainalysis.OracleName, func(k string) string { return vars[k] },
		source.Deps{Chains: map[uint64]ethereum.ContractCaller{simChainID: c.sim.Client()}})
	require.NoError(t, err)
	_, err = s.Screen(ctx, source.Query{Address: clean, ChainID: simChainID})
	require.ErrorIs(t, err, chainalysis.ErrBadAnswer)
}

func TestOracleConfig(t *testing.T) {
	t.Parallel()
	open := func(oracles string, chains map[uint64]ethereum.ContractCaller) error {
		_, err := registry().Open(chainalysis.OracleName, func(k string) string {
			return map[string]string{"KYCGATE_CHAINALYSIS_ORACLES": oracles}[k]
		}, source.Deps{Chains: chains})
		return err
	}
	require.ErrorContains(t, open("", nil), "needs a chain client (KYCGATE_RPC_URLS) for a chain with an oracle ([1 10 56 137 8453 42161 43114])")
	for _, bad := range []string{"1", "x=0x40C57923924B5c5c5455c48D93317139ADDaC8fb", "0=0x40C57923924B5c5c5455c48D93317139ADDaC8fb", "1=0x40C5", "1=40C57923924B5c5c5455c48D93317139ADDaC8fb"} {
		require.ErrorContains(t, open(bad, nil), "invalid KYCGATE_CHAINALYSIS_ORACLES", bad)
	}
	got, err := chainalysis.ParseOracles(" 1=0x000000000000000000000000000000000000dEaD , 99=0x3A91A31cB3dC49b4db9Ce721F50a9D076c8D739B")
	require.NoError(t, err)
	require.Equal(t, common.HexToAddress("0xdead"), got[1], "overridden")
	require.Equal(t, chainalysis.BaseOracleAddress, got[99], "added")
	require.Equal(t, chainalysis.BaseOracleAddress, got[8453], "Base's own oracle")
	require.Equal(t, chainalysis.OracleAddress, got[42161])
}

// rpcFake is a JSON-RPC endpoint for the transport failures: it answers eth_blockNumber
// and eth_call (result) unless a sourcetest fault is due.
type rpcFake struct {
	sourcetest.Faults
	mu     sync.Mutex
	result string
}

func (f *rpcFake) setResult(r string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.result = r
}

func (f *rpcFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.Serve(w, r) {
		return
	}
	var req struct {
		ID     json.RawMessage `json:"id"`
		Method string          `json:"method"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	result := any(f.result)
	f.mu.Unlock()
	if req.Method == "eth_blockNumber" {
		result = "0x2a"
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"jsonrpc": "2.0", "id": req.ID, "result": result})
}

func TestOracleRPCFailuresAreErrors(t *testing.T) {
	t.Parallel()
	trueWord := "0x" + common.Bytes2Hex(common.LeftPadBytes([]byte{1}, 32))
	cases := map[string]struct {
		arm  func(f *rpcFake)
		env  string
		want func(t *testing.T, err error)
	}{
		"429": {arm: func(f *rpcFake) { f.FailNext(http.StatusTooManyRequests) }, want: func(t *testing.T, err error) {
			var ra source.RetryAfter
			require.ErrorAs(t, err, &ra)
			require.Equal(t, chainalysis.RPCRetryAfter, ra.RetryAfter())
		}},
		"500": {arm: func(f *rpcFake) { f.FailNext(http.StatusInternalServerError) }, want: func(t *testing.T, err error) {
			require.ErrorContains(t, err, "500")
		}},
		"timeout": {arm: func(f *rpcFake) { f.Hang() }, env: "1ms", want: func(t *testing.T, err error) {
			require.ErrorIs(t, err, context.DeadlineExceeded)
		}},
		"malformed body": {arm: func(f *rpcFake) { f.MalformedNext(`{"jsonrpc":"2.0","id":1,"result":`) }, want: func(t *testing.T, err error) {
			require.Error(t, err)
		}},
		"not a bool": {arm: func(f *rpcFake) { f.setResult("0x" + common.Bytes2Hex(common.LeftPadBytes([]byte{2}, 32))) }, want: func(t *testing.T, err error) {
			require.ErrorIs(t, err, chainalysis.ErrBadAnswer)
		}},
		"short answer": {arm: func(f *rpcFake) { f.setResult("0x01") }, want: func(t *testing.T, err error) {
			require.ErrorIs(t, err, chainalysis.ErrBadAnswer)
		}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := &rpcFake{result: trueWord}
			srv := httptest.NewServer(f)
			t.Cleanup(srv.Close)
			t.Cleanup(f.Close)
			client, err := ethclient.Dial(srv.URL)
			require.NoError(t, err)
			t.Cleanup(client.Close)
			openWith := func(timeout string) source.Screener {
				vars := map[string]string{"KYCGATE_CHAINALYSIS_TIMEOUT": timeout}
				s, err := registry().Open(chainalysis.OracleName, func(k string) string { return vars[k] },
					source.Deps{Chains: map[uint64]ethereum.ContractCaller{1: client}})
				require.NoError(t, err)
				return s
			}

			r, err := openWith("").Screen(context.Background(), source.Query{Address: sanctioned, ChainID: 1})
			require.NoError(t, err, "the fake answers true when nothing is armed")
			require.Equal(t, source.Sanctioned, r.Status)
			require.Contains(t, r.Reference, "block 42")
			s := openWith(c.env) // the 1ms timeout only once the fake hangs
			c.arm(f)
			r, err = s.Screen(context.Background(), source.Query{Address: sanctioned, ChainID: 1})
			require.Zero(t, r)
			c.want(t, err)
		})
	}
}
