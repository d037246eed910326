// Package screening screens wallets against the onchain analytics sources (package
// screening/source's contract; adapters under screening/…), as package kyc runs
// verifications against kyc/provider's: it runs every enabled source on a wallet
// (concurrently, bounded), combines their answers under the policy, keeps every answer
// and failure as history for audit, serves a result younger than the TTL from the
// store, and tells the lifecycle (Effects) when a wallet is sanctioned or held for a
// reviewer.
//
// When: on a wallet's first sign-in or link (a job inserted in that transaction,
// EnqueueTx), before every attestation (CheckSubject, synchronous), and by the periodic
// re-screening job for every wallet that holds a valid attestation or belongs to a
// subject shared with (or owned by) a tenant.
//
// Holds: a risk at or above the review level (or a sanctions match) holds the wallet
// until a reviewer clears it (Clear); a later clear screening does not lift the hold. A
// reviewer's clearance accepts the wallet's risk level at that time: later screenings at
// or below it hold nothing. A failed source is never clear: the wallet's screening is
// pending (gating review or deny per OnError, no attestation) until a source answers
// again; it does not need a reviewer.
package screening

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/sync/errgroup"

	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/storage"
)

// Settings are the policy and timings, from KYCGATE_SCREENING_* (package conf).
type Settings struct {
	// ReviewRisk is the lowest risk level (TRM's scale: 1, 5, 10, 15) that holds a wallet
	// for a reviewer (KYCGATE_SCREENING_REVIEW_RISK); default 10 (high).
	ReviewRisk int `env:"REVIEW_RISK" default:"10"`
	// OnError is what a failed source means: review (default) or deny
	// (KYCGATE_SCREENING_ON_ERROR).
	OnError string `env:"ON_ERROR" default:"review"`
	// TTL is how long a source's answer is served from the store (KYCGATE_SCREENING_TTL).
	TTL time.Duration `env:"TTL" default:"24h"`
	// Concurrency bounds the source calls in flight on this replica
	// (KYCGATE_SCREENING_CONCURRENCY).
	Concurrency int `env:"CONCURRENCY" default:"8"`
	// Timeout bounds one source call (KYCGATE_SCREENING_TIMEOUT).
	Timeout time.Duration `env:"TIMEOUT" default:"20s"`
	// Batch is the most wallets one run of the re-screening job takes
	// (KYCGATE_SCREENING_BATCH).
	Batch int `env:"BATCH" default:"500"`
}

// Validate implements conf's validation.
func (c *Settings) Validate() error {
	switch {
	case c.ReviewRisk < 1 || c.ReviewRisk > int(source.RiskSevere):
		return conf.Invalid("ReviewRisk", "want a risk level 1 to 15 on TRM's scale (1 low, 5 medium, 10 high, 15 severe)")
	case c.OnError != string(source.OutcomeReview) && c.OnError != string(source.OutcomeDeny):
		return conf.Invalid("OnError", "want review or deny")
	case c.TTL < time.Minute:
		return conf.Invalid("TTL", "want at least 1m")
	case c.Concurrency < 1 || c.Concurrency > 256:
		return conf.Invalid("Concurrency", "want 1 to 256")
	case c.Timeout < time.Second:
		return conf.Invalid("Timeout", "want at least 1s")
	case c.Batch < 1 || c.Batch > 100000:
		return conf.Invalid("Batch", "want 1 to 100000")
	}
	return nil
}

// DecodeSettings reads Settings from KYCGATE_SCREENING_* with getenv.
func DecodeSettings(getenv func(string) string) (Settings, error) {
	var s Settings
	err := conf.Decode("screening", &s, getenv)
	return s, err
}

// Policy is the combining policy the settings describe.
func (c Settings) Policy() source.Policy {
	return source.Policy{ReviewRisk: source.Risk(c.ReviewRisk), OnError: source.Outcome(c.OnError)}
}

// Named is an enabled source under its registry name.
type Named struct {
	Name   string
	Source source.Screener
}

// Event is a change of a linked wallet's screening the lifecycle acts on.
type Event struct {
	SubjectID string
	Address   string
	// Outcome is the new combined outcome.
	Outcome source.Outcome
	// Sanctioned: a source says sanctioned (block the subject). NewHold: the wallet was
	// just held for a reviewer. Flagged: tenants get a screening.flagged webhook
	// (a new hold, or a first sanctions match).
	Sanctioned, NewHold, Flagged bool
	Sources                      []string
	At                           time.Time
}

// Effects is the lifecycle's side of a screening (kyc.Service implements it through
// its one writer): it runs inside the transaction that stores the screening.
type Effects interface {
	WalletScreened(ctx context.Context, tx storage.Store, e Event) error
}

// Service screens wallets.
type Service struct {
	store   storage.Store
	sources []Named
	set     Settings
	policy  source.Policy
	now     func() time.Time
	effects Effects
	metrics *Metrics
	sem     chan struct{}
	chainID uint64
	every   time.Duration
}

// Options configures a Service.
type Options struct {
	Store    storage.Store
	Sources  []Named
	Settings Settings
	// ChainID is the chain wallets are screened for when no chain is given (the
	// re-screening job): the gateway's first chain.
	ChainID uint64
	// RescreenEvery is how old a wallet's last screening may grow before the periodic
	// job screens it again (KYCGATE_RESCREEN_EVERY).
	RescreenEvery time.Duration
	Now           func() time.Time
	Metrics       *Metrics
}

// New returns the screening service. SetEffects must be called before wallets are
// screened for real (the server wires the lifecycle).
func New(o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Metrics == nil {
		o.Metrics = NewMetrics(nil)
	}
	if o.Settings.Concurrency < 1 {
		o.Settings.Concurrency = 1
	}
	for _, n := range o.Sources {
		if r, ok := n.Source.(source.Reporter); ok {
			o.Metrics.listAge(n.Name, r, o.Now)
		}
	}
	return &Service{store: o.Store, sources: o.Sources, set: o.Settings, policy: o.Settings.Policy(), now: o.Now,
		metrics: o.Metrics, sem: make(chan struct{}, o.Settings.Concurrency), chainID: o.ChainID, every: o.RescreenEvery}
}

// SetEffects wires the lifecycle's effects.
func (s *Service) SetEffects(e Effects) { s.effects = e }

// Sources are the enabled sources.
func (s *Service) Sources() []Named { return slices.Clone(s.sources) }

// Screen screens address on chainID (0: the default chain) with every enabled source and
// returns the wallet's combined state. Each source's answer younger than the TTL is
// served from the store unless fresh is set; when every source is served so, nothing is
// written. Answers and failures are stored as history, the combined state replaced, and
// the lifecycle told (Effects) in one transaction.
func (s *Service) Screen(ctx context.Context, address string, chainID uint64, fresh bool) (storage.WalletScreening, error) {
	p, err := s.prepare(ctx, address, chainID, fresh, nil)
	if err != nil || p.done {
		return p.state, err
	}
	return s.commit(ctx, p)
}

// pending is a screening whose sources answered, not yet stored (done: served from the
// store, nothing to store).
type pending struct {
	addr  string
	rows  []storage.Screening
	sum   source.Summary
	now   time.Time
	state storage.WalletScreening
	done  bool
}

// prepare reads the cache and asks the sources that have no answer younger than the TTL
// (every source when fresh), except those whose answer pre already holds (by source
// name: a batched call's row for this address); it writes nothing.
func (s *Service) prepare(ctx context.Context, address string, chainID uint64, fresh bool, pre map[string]storage.Screening) (pending, error) {
	if !common.IsHexAddress(address) {
		return pending{}, fmt.Errorf("screening: %q is not an address", address)
	}
	addr := storage.NormalizeAddress(address)
	if chainID == 0 {
		chainID = s.chainID
	}
	now := s.now()
	prev, err := s.store.GetWalletScreening(ctx, addr)
	known := err == nil
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return pending{}, err
	}
	if !fresh && known && !prev.Failed && now.Sub(prev.CheckedAt) < s.set.TTL && s.covers(prev.Sources) {
		// The last screening asked every enabled source within the TTL: served as it is.
		for _, n := range s.sources {
			s.metrics.cache(n.Name, true)
		}
		return pending{state: prev, done: true}, nil
	}
	cached := map[string]source.Result{}
	if !fresh {
		latest, err := s.store.LatestScreenings(ctx, addr)
		if err != nil {
			return pending{}, err
		}
		for _, row := range latest {
			if now.Sub(row.CheckedAt) < s.set.TTL {
				cached[row.Source] = resultOf(row)
			}
		}
	}
	var todo []Named
	var results []source.Result
	var rows []storage.Screening
	for _, n := range s.sources {
		if r, ok := cached[n.Name]; ok {
			s.metrics.cache(n.Name, true)
			results = append(results, r)
			continue
		}
		s.metrics.cache(n.Name, false)
		if row, ok := pre[n.Name]; ok {
			rows = append(rows, row)
		} else {
			todo = append(todo, n)
		}
	}
	rows = append(rows, s.run(ctx, addr, chainID, todo)...)
	var errs []source.SourceError
	for _, row := range rows {
		if row.Error != "" {
			errs = append(errs, source.SourceError{Source: row.Source, Err: errors.New(row.Error)})
		} else {
			results = append(results, resultOf(row))
		}
	}
	return pending{addr: addr, rows: rows, sum: s.policy.Combine(results, errs), now: now}, nil
}

// commit stores a prepared screening in one transaction: the history rows, the wallet's
// new state and the lifecycle's effects.
func (s *Service) commit(ctx context.Context, p pending) (storage.WalletScreening, error) {
	var out storage.WalletScreening
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		for i := range p.rows {
			if err := tx.AddScreening(ctx, &p.rows[i]); err != nil {
				return err
			}
		}
		var err error
		out, err = s.record(ctx, tx, p.addr, p.sum, p.now)
		return err
	})
	return out, err
}

// run calls each source on addr concurrently (bounded by the service's semaphore) and
// returns one history row per source, in order: its answer or its failure.
func (s *Service) run(ctx context.Context, addr string, chainID uint64, todo []Named) []storage.Screening {
	rows := make([]storage.Screening, len(todo))
	var g errgroup.Group
	q := source.Query{Address: common.HexToAddress(addr), ChainID: chainID}
	for i, n := range todo {
		g.Go(func() error {
			select {
			case s.sem <- struct{}{}:
			case <-ctx.Done():
				rows[i] = failure(addr, chainID, n.Name, ctx.Err(), s.now())
				return nil
			}
			defer func() { <-s.sem }()
			cctx, cancel := context.WithTimeout(ctx, s.set.Timeout)
			defer cancel()
			start := time.Now()
			r, err := n.Source.Screen(cctx, q)
			s.metrics.observe(n.Name, time.Since(start), err)
			rows[i] = s.answer(addr, chainID, n.Name, r, err)
			return nil
		})
	}
	_ = g.Wait()
	return rows
}

// answer is the history row of one source's answer r (or failure err) about addr.
func (s *Service) answer(addr string, chainID uint64, name string, r source.Result, err error) storage.Screening {
	if err == nil && !validStatus(r.Status) {
		err = fmt.Errorf("screening: source %s answered status %q", name, r.Status)
	}
	if err != nil {
		return failure(addr, chainID, name, err, s.now())
	}
	at := r.CheckedAt
	if at.IsZero() || at.After(s.now()) {
		at = s.now()
	}
	return storage.Screening{Address: addr, ChainID: chainID, Source: name, Status: string(r.Status),
		Risk: int(r.Risk), Categories: append([]string{}, r.Categories...), Reference: r.Reference, CheckedAt: at}
}

func validStatus(st source.Status) bool {
	return st == source.Clear || st == source.Flagged || st == source.Sanctioned
}

// failure is the history row of a source that did not answer. The error text is the
// adapter's (adapters keep secrets out of their errors), cut to 300 bytes.
func failure(addr string, chainID uint64, name string, err error, now time.Time) storage.Screening {
	msg := err.Error()
	if len(msg) > 300 {
		msg = msg[:300]
	}
	return storage.Screening{Address: addr, ChainID: chainID, Source: name, Categories: []string{}, Error: msg, CheckedAt: now}
}

// resultOf reads a stored answer back as a source's Result.
func resultOf(row storage.Screening) source.Result {
	return source.Result{Source: row.Source, Status: source.Status(row.Status), Risk: source.Risk(row.Risk),
		Categories: row.Categories, Reference: row.Reference, CheckedAt: row.CheckedAt}
}

// record replaces the wallet's combined state with sum inside tx (the row read again
// there, so a reviewer's concurrent clearance is not lost) and tells the lifecycle
// about a linked wallet that is sanctioned or newly held. A linked wallet's subject is
// locked first: two screenings of one wallet at once (its first-screening job and a
// gating lookup screening it on the spot) then see each other's state, so a hold is
// new, audited and announced once.
func (s *Service) record(ctx context.Context, tx storage.Store, addr string, sum source.Summary, now time.Time) (storage.WalletScreening, error) {
	w, err := tx.GetWallet(ctx, addr)
	linked := err == nil
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return storage.WalletScreening{}, err
	}
	if linked {
		if _, err := tx.LockSubject(ctx, w.SubjectID); err != nil {
			return storage.WalletScreening{}, err
		}
	}
	prev, err := tx.GetWalletScreening(ctx, addr)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return prev, err
	}
	outcome := sum.Outcome
	if outcome == source.OutcomeReview && len(sum.Errors) == 0 && int(sum.Risk) <= prev.AcceptedRisk {
		outcome = source.OutcomeClear // a reviewer accepted this risk level
	}
	next := prev
	next.Address, next.Outcome, next.Risk = addr, string(outcome), int(sum.Risk)
	next.Sources, next.Failed, next.CheckedAt, next.UpdatedAt = sourcesOf(sum), len(sum.Errors) > 0, now, now
	sanctioned := sum.Outcome == source.OutcomeSanctioned
	hold := sanctioned || (sum.Risk > source.RiskNone && sum.Risk >= s.policy.ReviewRisk && int(sum.Risk) > prev.AcceptedRisk)
	newHold := hold && !prev.Held
	if newHold {
		next.Held, next.HeldAt = true, &now
	}
	if err := tx.PutWalletScreening(ctx, next); err != nil {
		return next, err
	}
	if !sanctioned && !newHold {
		return next, nil
	}
	if !linked || s.effects == nil {
		return next, nil
	}
	return next, s.effects.WalletScreened(ctx, tx, Event{SubjectID: w.SubjectID, Address: addr, Outcome: sum.Outcome,
		Sanctioned: sanctioned, NewHold: newHold, Flagged: newHold || (sanctioned && prev.Outcome != string(source.OutcomeSanctioned)),
		Sources: next.Sources, At: now})
}

// sourcesOf lists the sources of a summary, answered or failed, sorted.
func sourcesOf(sum source.Summary) []string {
	out := []string{}
	for _, r := range sum.Results {
		out = append(out, r.Source)
	}
	for _, e := range sum.Errors {
		out = append(out, e.Source)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// covers reports whether names include every enabled source.
func (s *Service) covers(names []string) bool {
	for _, n := range s.sources {
		if !slices.Contains(names, n.Name) {
			return false
		}
	}
	return true
}
