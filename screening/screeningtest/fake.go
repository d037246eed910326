// Package screeningtest is a scriptable wallet-screening source for tests: per address it
// answers clear, flagged (with a risk level), sanctioned or an error, and it counts its
// calls. It implements source.Screener and source.Reporter and can be registered in a
// source.Registry (Entry) like a real adapter.
package screeningtest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/screening/source"
)

// ErrOutage is the error a failing fake answers unless told another.
var ErrOutage = errors.New("screeningtest: source unavailable")

// verdict is what the fake answers for one address.
type verdict struct {
	status source.Status
	risk   source.Risk
	err    error
}

// Fake is a scriptable source. The zero value is not usable; call New.
type Fake struct {
	name  string
	now   func() time.Time
	mu    sync.Mutex
	by    map[common.Address]verdict
	all   *verdict
	calls atomic.Int64
}

// New returns a fake named name (its Result.Source) that answers clear for every address
// until told otherwise. now stamps results (time.Now when nil).
func New(name string, now func() time.Time) *Fake {
	if now == nil {
		now = time.Now
	}
	return &Fake{name: name, now: now, by: map[common.Address]verdict{}}
}

func (f *Fake) set(address string, v verdict) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.by[common.HexToAddress(address)] = v
}

// Clean makes address clear.
func (f *Fake) Clean(address string) { f.set(address, verdict{status: source.Clear}) }

// Flag makes address flagged at risk.
func (f *Fake) Flag(address string, risk source.Risk) {
	f.set(address, verdict{status: source.Flagged, risk: risk})
}

// Sanction puts address on the fake's sanctions list.
func (f *Fake) Sanction(address string) {
	f.set(address, verdict{status: source.Sanctioned, risk: source.RiskSevere})
}

// Fail makes every screening of address fail with err (ErrOutage when nil).
func (f *Fake) Fail(address string, err error) {
	if err == nil {
		err = ErrOutage
	}
	f.set(address, verdict{err: err})
}

// Outage makes every screening fail with ErrOutage (on true) or answer per address again.
func (f *Fake) Outage(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.all = nil
	if on {
		f.all = &verdict{err: ErrOutage}
	}
}

// Calls is how many times Screen was called.
func (f *Fake) Calls() int { return int(f.calls.Load()) }

// Screen implements source.Screener.
func (f *Fake) Screen(ctx context.Context, q source.Query) (source.Result, error) {
	f.calls.Add(1)
	if err := ctx.Err(); err != nil {
		return source.Result{}, err
	}
	f.mu.Lock()
	v, ok := f.by[q.Address]
	if f.all != nil {
		v, ok = *f.all, true
	}
	f.mu.Unlock()
	if !ok {
		v = verdict{status: source.Clear}
	}
	if v.err != nil {
		return source.Result{}, fmt.Errorf("%s: %w", f.name, v.err)
	}
	r := source.Result{Source: f.name, Status: v.status, Risk: v.risk, Categories: []string{},
		Reference: f.name + "-fake", CheckedAt: f.now()}
	if v.status == source.Sanctioned {
		r.Categories = []string{"sanctions"}
	}
	return r, nil
}

// Report implements source.Reporter: always OK, a list dated a day before now.
func (f *Fake) Report(context.Context) source.Report {
	return source.Report{OK: true, Detail: "fake list", ListDate: f.now().Add(-24 * time.Hour)}
}

// config is the registry's view of a fake: no settings, it opens the fake itself.
type config struct{ f *Fake }

// Open implements source.Config.
func (c *config) Open(string, source.Deps) (source.Screener, error) { return c.f, nil }

// Entry registers f in a source.Registry (it reads no variable).
func (f *Fake) Entry() source.Entry {
	return source.Entry{ConfName: "fake", New: func() source.Config { return &config{f: f} }}
}

// Batch is a Fake that also answers several addresses in one call (source.BatchScreener,
// as TRM's sanctions check does). Calls counts single calls only; Batches counts
// ScreenMany calls.
type Batch struct {
	*Fake
	batches atomic.Int64
}

// NewBatch returns a batching fake (see New).
func NewBatch(name string, now func() time.Time) *Batch { return &Batch{Fake: New(name, now)} }

// Batches is how many times ScreenMany was called.
func (b *Batch) Batches() int { return int(b.batches.Load()) }

// ScreenMany implements source.BatchScreener: one answer per query, in order; any
// address's failure fails the call.
func (b *Batch) ScreenMany(ctx context.Context, qs []source.Query) ([]source.Result, error) {
	b.batches.Add(1)
	out := make([]source.Result, 0, len(qs))
	for _, q := range qs {
		r, err := b.Fake.Screen(ctx, q)
		b.Fake.calls.Add(-1)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
