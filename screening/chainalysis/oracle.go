package chainalysis

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/kycgate/kycgate/screening/source"
)

// IsSanctionedSelector is the 4-byte selector of isSanctioned(address).
var IsSanctionedSelector = [4]byte{0xdf, 0x59, 0x2f, 0x7d}

// ErrNoOracle is a query for a chain without an oracle or without a client for it.
var ErrNoOracle = errors.New("chainalysis: no sanctions oracle or no chain client for this chain")

// ErrBadAnswer is an eth_call answer that is not an ABI-encoded bool (no contract at the
// oracle's address answers nothing at all).
var ErrBadAnswer = errors.New("chainalysis: the oracle's answer is not a bool")

// Oracle is the chainalysis-oracle source.
type Oracle struct {
	name    string
	oracles map[uint64]common.Address
	chains  map[uint64]ethereum.ContractCaller
	timeout time.Duration
	now     func() time.Time
}

var _ source.Reporter = (*Oracle)(nil)

// blockNumberer is a chain client that also tells its latest block (ethclient's and the
// simulated backend's do), so that a result names the block it was read at.
type blockNumberer interface {
	BlockNumber(ctx context.Context) (uint64, error)
}

// ready lists the chains that have both an oracle and a client, sorted.
func (o *Oracle) ready() []uint64 {
	var out []uint64
	for id := range o.oracles {
		if o.chains[id] != nil {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// Pack is the calldata of isSanctioned(addr): the selector and the address left-padded
// to 32 bytes.
func Pack(addr common.Address) []byte {
	data := make([]byte, 4+32)
	copy(data, IsSanctionedSelector[:])
	copy(data[4+12:], addr[:])
	return data
}

// unpack reads an ABI-encoded bool: 32 bytes, 0 or 1.
func unpack(out []byte) (bool, error) {
	if len(out) != 32 {
		return false, fmt.Errorf("%w: %d bytes", ErrBadAnswer, len(out))
	}
	for _, b := range out[:31] {
		if b != 0 {
			return false, ErrBadAnswer
		}
	}
	switch out[31] {
	case 0:
		return false, nil
	case 1:
		return true, nil
	}
	return false, ErrBadAnswer
}

// Screen calls isSanctioned(q.Address) on q.ChainID's oracle (q.ChainID 0: the lowest
// chain id that has an oracle and a client; the oracles hold one list), at the latest
// block when the client tells it. It answers Sanctioned (RiskSevere, "sanctions") or Clear
// (RiskNone), Reference "chain <id> oracle <address> block <n>". A chain without an
// oracle or client (ErrNoOracle), a failed call (an RPC 429 as a *source.WaitError),
// a timeout (KYCGATE_CHAINALYSIS_TIMEOUT) and an answer that is not a bool (ErrBadAnswer)
// are errors.
func (o *Oracle) Screen(ctx context.Context, q source.Query) (source.Result, error) {
	chain := q.ChainID
	if chain == 0 {
		if ready := o.ready(); len(ready) > 0 {
			chain = ready[0]
		}
	}
	oracle, ok := o.oracles[chain]
	client := o.chains[chain]
	if !ok || client == nil {
		return source.Result{}, fmt.Errorf("%w: chain %d", ErrNoOracle, q.ChainID)
	}
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	var block *big.Int
	at := "latest"
	if bn, ok := client.(blockNumberer); ok {
		n, err := bn.BlockNumber(ctx)
		if err != nil {
			return source.Result{}, o.rpcError(chain, "block number", err)
		}
		block, at = new(big.Int).SetUint64(n), fmt.Sprintf("block %d", n)
	}
	out, err := client.CallContract(ctx, ethereum.CallMsg{To: &oracle, Data: Pack(q.Address)}, block)
	if err != nil {
		return source.Result{}, o.rpcError(chain, "isSanctioned", err)
	}
	sanctioned, err := unpack(out)
	if err != nil {
		return source.Result{}, fmt.Errorf("chainalysis: chain %d oracle %s: %w", chain, oracle.Hex(), err)
	}
	r := source.Result{Source: o.name, Status: source.Clear, Risk: source.RiskNone, CheckedAt: o.now(),
		Reference: fmt.Sprintf("chain %d oracle %s %s", chain, oracle.Hex(), at)}
	if sanctioned {
		r.Status, r.Risk, r.Categories = source.Sanctioned, source.RiskSevere, []string{"sanctions"}
	}
	return r, nil
}

// RPCRetryAfter is the wait an RPC endpoint's 429 asks for: go-ethereum's client does
// not expose the answer's Retry-After header.
const RPCRetryAfter = time.Second

// rpcError wraps a chain client's error; an HTTP 429 from the RPC endpoint becomes a
// *source.WaitError (RPCRetryAfter).
func (o *Oracle) rpcError(chain uint64, what string, err error) error {
	var he rpc.HTTPError
	if errors.As(err, &he) && he.StatusCode == http.StatusTooManyRequests {
		err = &source.WaitError{Source: o.name, Status: he.StatusCode, Wait: RPCRetryAfter}
	}
	return fmt.Errorf("chainalysis: chain %d: %s: %w", chain, what, err)
}

// Report implements source.Reporter: OK with at least one chain ready; Detail lists the
// chains screened and the oracles without a client.
func (o *Oracle) Report(context.Context) source.Report {
	ready := o.ready()
	var idle []string
	for _, id := range slices.Sorted(maps.Keys(o.oracles)) {
		if o.chains[id] == nil {
			idle = append(idle, fmt.Sprint(id))
		}
	}
	detail := fmt.Sprintf("oracle on chains %v", ready)
	if len(idle) > 0 {
		detail += "; no chain client (KYCGATE_RPC_URLS) for chains " + strings.Join(idle, ", ")
	}
	return source.Report{OK: len(ready) > 0, Detail: detail}
}
