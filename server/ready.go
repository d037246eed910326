package server

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/screening"
)

// Readiness is the answer of GET /readyz: every dependency with its state. Only the
// database decides readiness (503 database_unavailable without it); the others are shown
// for operators, never judged. It holds no secret: no API key, no RPC URL (a chain shows
// its RPC's host only).
type Readiness struct {
	Status   string        `json:"status"`
	Database DatabaseState `json:"database"`
	// Providers are the enabled KYC providers (empty when KYC is off).
	Providers []kyc.ProviderState `json:"providers"`
	// PersonScreening is the person-screening service, when one is enabled.
	PersonScreening *kyc.ProviderState `json:"personScreening,omitempty"`
	// Screening is each wallet-screening source's report.
	Screening []screening.SourceReport `json:"screening"`
	// Chains is each chain's RPC, checked with eth_blockNumber at most every ChainCheckTTL.
	Chains []ChainState `json:"chains"`
}

// DatabaseState is the database's state: ok (an unreachable one fails readiness).
type DatabaseState struct {
	State string `json:"state"`
}

// ChainState is one chain RPC's state: ok with its latest block number, or unreachable.
type ChainState struct {
	ChainID uint64 `json:"chainId"`
	// Host is the RPC URL's host (and port): never its path, query or userinfo, where
	// providers' keys live.
	Host        string    `json:"host,omitempty"`
	State       string    `json:"state"`
	BlockNumber *uint64   `json:"blockNumber,omitempty"`
	Detail      string    `json:"detail,omitempty"`
	CheckedAt   time.Time `json:"checkedAt"`
}

// The chain states.
const (
	ChainOK          = "ok"
	ChainUnreachable = "unreachable"
	// ChainUnchecked: the client cannot tell its block number (an injected test client).
	ChainUnchecked = "unchecked"
)

// ChainCheckTTL is how long a chain RPC's state is reused by /readyz; ChainCheckTimeout
// bounds one check.
const (
	ChainCheckTTL     = 5 * time.Second
	ChainCheckTimeout = 2 * time.Second
)

func (s *Server) ready(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		slog.WarnContext(ctx, "readiness: database unreachable", "error", err)
		api.Abort(c, fault.New(fault.Unavailable, "database_unavailable", "the database is unreachable"))
		return
	}
	out := Readiness{Status: "ready", Database: DatabaseState{State: "ok"}, Providers: []kyc.ProviderState{},
		Screening: s.screening.Reports(ctx), Chains: s.chains.states(c.Request.Context())}
	if s.kyc != nil {
		out.Providers = s.kyc.ProviderStates()
		out.PersonScreening = s.kyc.PersonScreeningState()
	}
	c.JSON(http.StatusOK, out)
}

// chainProbe checks the chain RPCs for /readyz, each at most once per ChainCheckTTL.
type chainProbe struct {
	now     func() time.Time
	clients map[uint64]bind.ContractCaller
	hosts   map[uint64]string
	mu      sync.Mutex
	last    map[uint64]ChainState
}

func newChainProbe(clients map[uint64]bind.ContractCaller, urls map[uint64]string, now func() time.Time) *chainProbe {
	p := &chainProbe{now: now, clients: clients, hosts: map[uint64]string{}, last: map[uint64]ChainState{}}
	for id, raw := range urls {
		if u, err := url.Parse(raw); err == nil {
			p.hosts[id] = u.Host
		}
	}
	return p
}

// states are the chains' states, by chain id; those older than ChainCheckTTL are
// checked again, concurrently. Concurrent callers wait for one round of checks.
func (p *chainProbe) states(ctx context.Context) []ChainState {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	ids := slices.Sorted(maps.Keys(p.clients))
	var wg sync.WaitGroup
	fresh := make([]ChainState, len(ids))
	for i, id := range ids {
		if st, ok := p.last[id]; ok && now.Sub(st.CheckedAt) < ChainCheckTTL {
			fresh[i] = st
			continue
		}
		wg.Go(func() { fresh[i] = p.check(ctx, id, now) })
	}
	wg.Wait()
	for _, st := range fresh {
		p.last[st.ChainID] = st
	}
	return fresh
}

// blockNumberer is what ethclient.Client (and the simulated backend's client) offer.
type blockNumberer interface {
	BlockNumber(ctx context.Context) (uint64, error)
}

// check asks one chain's RPC for its latest block. The error is not shown nor logged
// as it is: it may quote the URL, with the key in it.
func (p *chainProbe) check(ctx context.Context, id uint64, now time.Time) ChainState {
	st := ChainState{ChainID: id, Host: p.hosts[id], CheckedAt: now.UTC()}
	bn, ok := p.clients[id].(blockNumberer)
	if !ok {
		st.State = ChainUnchecked
		return st
	}
	ctx, cancel := context.WithTimeout(ctx, ChainCheckTimeout)
	defer cancel()
	n, err := bn.BlockNumber(ctx)
	switch {
	case err == nil:
		st.State, st.BlockNumber = ChainOK, &n
	case errors.Is(err, context.DeadlineExceeded):
		st.State, st.Detail = ChainUnreachable, "no answer to eth_blockNumber within "+ChainCheckTimeout.String()
	default:
		st.State, st.Detail = ChainUnreachable, "eth_blockNumber failed"
	}
	if err != nil {
		slog.WarnContext(ctx, "readiness: chain RPC unreachable", "chain", id, "host", st.Host)
	}
	return st
}
