// Package source is the contract between wallet screening (package screening) and the
// onchain analytics sources (an OFAC list, Chainalysis' oracle and API, TRM): what a
// source answers, the policy that combines their answers into one outcome, and the
// registry the configuration opens sources from. It imports no storage, server or HTTP
// framework, so the adapters (screening/ofac, screening/chainalysis, screening/trm), which
// import it and nothing else of ours, stay leaves.
//
// Risk levels follow TRM Labs' categoryRiskScoreLevel scale (wallet screening v2): 0 none
// or unknown, 1 low, 5 medium, 10 high, 15 severe. A source that only answers "sanctioned
// or not" (an OFAC list, the Chainalysis oracle and sanctions API, TRM's free sanctions
// check) answers RiskNone for a clear address and RiskSevere for a sanctioned one.
package source

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/conf"
)

// Status is one source's verdict about one address.
type Status string

// Statuses a source answers.
const (
	// Clear: the source knows nothing against the address (or only risk below any level).
	Clear Status = "clear"
	// Flagged: the source links the address to risk (Risk says how much), not to a
	// sanctions list.
	Flagged Status = "flagged"
	// Sanctioned: the address is on a sanctions list.
	Sanctioned Status = "sanctioned"
)

// Risk is a risk level on TRM Labs' scale (0, 1, 5, 10, 15).
type Risk uint8

// Risk levels (TRM Labs wallet screening v2, categoryRiskScoreLevel).
const (
	RiskNone   Risk = 0
	RiskLow    Risk = 1
	RiskMedium Risk = 5
	RiskHigh   Risk = 10
	RiskSevere Risk = 15
)

// Query is one address to screen on one chain (EIP-155 chain id; 0 when the source does
// not distinguish chains).
type Query struct {
	Address common.Address
	ChainID uint64
}

// Result is one source's answer about one address.
type Result struct {
	// Source is the registry name of the source (ofac, chainalysis-oracle, …).
	Source string
	Status Status
	Risk   Risk
	// Categories are the source's own risk or list categories ("sanctions", "mixer", …).
	Categories []string
	// Reference identifies what was consulted: the list's publication date and hash for a
	// list, the response or request id for an API, the block for an oracle.
	Reference string
	// CheckedAt is when the source answered (or the list was published, if older).
	CheckedAt time.Time
}

// Screener is one wallet-screening source.
type Screener interface {
	// Screen answers for q. An error means "no answer": the policy never reads it as
	// clear. Errors that carry a retry time implement RetryAfter.
	Screen(ctx context.Context, q Query) (Result, error)
}

// BatchScreener is a source that answers several addresses in one call (TRM).
type BatchScreener interface {
	Screener
	// ScreenMany answers for every query, in order.
	ScreenMany(ctx context.Context, qs []Query) ([]Result, error)
}

// Reporter is a source that can say how it is (an OFAC list's date and source), shown in
// /readyz and metrics. Detail must hold no secret.
type Reporter interface {
	Report(ctx context.Context) Report
}

// Report is a source's state for operators.
type Report struct {
	// OK is false when the source cannot answer (a list too old, no RPC for a chain).
	OK bool
	// Detail is free text for operators (no secrets): the list's date, source and hash.
	Detail string
	// ListDate is the publication date of a list source (zero for others).
	ListDate time.Time
}

// RetryAfter is an error that says when to try again (a 429's Retry-After).
type RetryAfter interface {
	error
	RetryAfter() time.Duration
}

// Outcome is the combined decision for one address (or a subject's wallets).
type Outcome string

// Outcomes, from best to worst.
const (
	// OutcomeClear: every source answered, none sanctioned, risk below the review level.
	OutcomeClear Outcome = "clear"
	// OutcomeReview: a risk at or above the review level, or a source failed and the
	// policy says review. Issuance is held and gating answers review.
	OutcomeReview Outcome = "review"
	// OutcomeDeny: a source failed and the policy says deny. Gating answers deny; the
	// subject is not blocked (nothing was found against it).
	OutcomeDeny Outcome = "deny"
	// OutcomeSanctioned: a source says sanctioned. The subject is blocked.
	OutcomeSanctioned Outcome = "sanctioned"
)

// rank orders outcomes from best to worst, for combining.
func (o Outcome) rank() int {
	return slices.Index([]Outcome{OutcomeClear, OutcomeReview, OutcomeDeny, OutcomeSanctioned}, o)
}

// Worse returns the worse of o and p.
func (o Outcome) Worse(p Outcome) Outcome {
	if p.rank() > o.rank() {
		return p
	}
	return o
}

// Policy combines the sources' answers: any sanctioned → sanctioned; a risk at or above
// ReviewRisk → review; a source error → OnError (review or deny), never clear.
type Policy struct {
	// ReviewRisk is the lowest risk level that holds for review (KYCGATE_SCREENING_REVIEW_RISK).
	ReviewRisk Risk
	// OnError is what a failed source means: OutcomeReview or OutcomeDeny
	// (KYCGATE_SCREENING_ON_ERROR).
	OnError Outcome
}

// SourceError is a source that did not answer.
type SourceError struct {
	Source string
	Err    error
}

// Summary is the combined screening of one address.
type Summary struct {
	Outcome Outcome
	// Risk is the highest risk any source answered (RiskSevere when sanctioned).
	Risk    Risk
	Results []Result
	Errors  []SourceError
}

// Combine applies the policy to the answers (results) and failures (errs) of every
// enabled source. With no source at all it answers OnError: nothing was measured.
func (p Policy) Combine(results []Result, errs []SourceError) Summary {
	s := Summary{Outcome: OutcomeClear, Results: results, Errors: errs}
	if len(results) == 0 && len(errs) == 0 {
		s.Outcome = p.onError()
		return s
	}
	for _, r := range results {
		s.Risk = max(s.Risk, r.Risk)
		switch {
		case r.Status == Sanctioned:
			s.Risk = RiskSevere
			s.Outcome = s.Outcome.Worse(OutcomeSanctioned)
		case r.Risk > RiskNone && r.Risk >= p.ReviewRisk:
			s.Outcome = s.Outcome.Worse(OutcomeReview)
		}
	}
	if len(errs) > 0 {
		s.Outcome = s.Outcome.Worse(p.onError())
	}
	return s
}

func (p Policy) onError() Outcome {
	if p.OnError == OutcomeDeny {
		return OutcomeDeny
	}
	return OutcomeReview
}

// Config is a source's settings, decoded from KYCGATE_<CONFNAME>_* by package conf; Open
// validates nothing further than what conf did and opens the source.
type Config interface {
	Open(name string, deps Deps) (Screener, error)
}

// Deps is what the gateway hands a source when it opens it.
type Deps struct {
	// Now is the clock (injected in tests).
	Now func() time.Time
	// Dev is true under `serve --dev` (e.g. no maximum list age).
	Dev bool
	// Sleep waits d unless ctx ends first (injected in tests with Now, so that a rate
	// limit or a short Retry-After is waited on the test's clock; nil: a real timer and
	// the real clock).
	Sleep func(ctx context.Context, d time.Duration) error
	// Chains are the gateway's chain clients by EIP-155 chain id (dialled from
	// KYCGATE_RPC_URLS; the simulated backend's in tests), for sources that read a chain
	// (the Chainalysis oracle).
	Chains map[uint64]ethereum.ContractCaller
}

// Entry registers one source: ConfName is the prefix of its variables
// (KYCGATE_<CONFNAME>_*; several sources may share one, as chainalysis-oracle and
// chainalysis-api share KYCGATE_CHAINALYSIS_*), New returns a fresh Config.
type Entry struct {
	ConfName string
	New      func() Config
}

// Registry is the sources this binary knows, by the name KYCGATE_SCREENERS lists.
type Registry map[string]Entry

// Open decodes source name's Config (variables looked up with getenv) and opens it.
// Errors name the bad variable.
func (r Registry) Open(name string, getenv func(string) string, deps Deps) (Screener, error) {
	e, ok := r[name]
	if !ok {
		return nil, fmt.Errorf("screening source: unknown source %q (known: %v)", name, r.Names())
	}
	cfg := e.New()
	if err := conf.Decode(e.ConfName, cfg, getenv); err != nil {
		return nil, fmt.Errorf("screening source: source %s: %w", name, err)
	}
	s, err := cfg.Open(name, deps)
	if err != nil {
		return nil, fmt.Errorf("screening source: source %s: %w", name, err)
	}
	return s, nil
}

// Names lists the registered source names, sorted.
func (r Registry) Names() []string { return slices.Sorted(maps.Keys(r)) }
