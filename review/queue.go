// Package review is the compliance reviewers' one queue (GET /v1/admin/queue): every kind
// of case waiting for a reviewer — the manual provider's flows and external providers'
// in-review cases (kyc/manual's Queue), wallets held by screening, and subjects held by a
// person screening's match — merged, filtered and paged oldest first, each with the path
// of the JSON resource that opens it. The back office at /review (package web) reads it.
//
// It is its own package because it sits above kyc/manual, which imports kyc: only a
// package above both sees every kind of case. It reads; deciding stays with the routes of
// each kind (reviews, wallet-screening clears, hold clears).
package review

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/manual"
	"github.com/kycgate/kycgate/storage"
)

// Kind is the kind of a case in the queue.
type Kind string

// The kinds of cases.
const (
	// KindManual is a case of the built-in manual provider.
	KindManual Kind = "manual"
	// KindProviderCase is an external provider's case its reviewers decide here.
	KindProviderCase Kind = "provider_case"
	// KindWalletScreening is a wallet held by screening until a reviewer clears it.
	KindWalletScreening Kind = "wallet_screening"
	// KindPersonScreening is an approved subject held by a person screening's match.
	KindPersonScreening Kind = "person_screening"
)

// Kinds are every kind, in the order the counts list them.
var Kinds = []Kind{KindManual, KindProviderCase, KindWalletScreening, KindPersonScreening}

// StatusHeld is the status of a held wallet or subject in the queue.
const StatusHeld = "held"

// SourceLimit is how many cases the queue reads from each source (the oldest of each):
// counts and pages cover at most this many cases per source.
const SourceLimit = 200

// Item is one case in the queue.
type Item struct {
	Kind Kind `json:"kind"`
	// ID is the verification id (manual, provider_case), the checksummed address
	// (wallet_screening) or the subject id (person_screening).
	ID string `json:"id"`
	// Provider is the verification's provider, or a held wallet's screening sources
	// (comma-separated); empty for person-screening holds.
	Provider string `json:"provider"`
	// Status is the verification's status, or "held".
	Status    string `json:"status"`
	SubjectID string `json:"subjectId"`
	// Address is the held wallet (wallet_screening only).
	Address string `json:"address,omitempty"`
	// WaitingSince is when the case last changed (RFC 3339, UTC): the queue's order.
	WaitingSince string `json:"waitingSince"`
	// Href is the JSON resource that opens the case.
	Href string `json:"href"`
}

// Page is one page of the queue.
type Page struct {
	Items []Item `json:"items"`
	// Counts are the cases of each kind that match the filters other than kind.
	Counts map[Kind]int `json:"counts"`
	// NextCursor fetches the next page; null on the last.
	NextCursor *string `json:"nextCursor"`
}

// Filter selects and pages the queue. The zero Filter is the first 50 cases of every
// kind: verifications in review and every hold.
type Filter struct {
	Kind     Kind
	Provider string
	// Status is a verification status (only verifications match) or "held" (only holds);
	// empty: in_review verifications and every hold.
	Status string
	// OlderThan keeps cases waiting at least this long.
	OlderThan time.Duration
	// Limit is the page size, 1 to 200 (0: 50).
	Limit int
	// After is the position of the last case of the previous page (a decoded cursor).
	After *Position
}

// Position is where a case sits in the queue's order.
type Position struct {
	WaitingSince string `json:"w"`
	Kind         Kind   `json:"k"`
	ID           string `json:"i"`
}

func (p Position) less(q Position) bool {
	if p.WaitingSince != q.WaitingSince {
		return p.WaitingSince < q.WaitingSince
	}
	if p.Kind != q.Kind {
		return p.Kind < q.Kind
	}
	return p.ID < q.ID
}

func (it Item) position() Position {
	return Position{WaitingSince: it.WaitingSince, Kind: it.Kind, ID: it.ID}
}

// Cases is the source of verification cases: the manual provider's Queue.
type Cases interface {
	Queue(ctx context.Context, status storage.VerificationStatus, limit int) ([]manual.QueueItem, error)
}

// Store is what the queue reads of the store.
type Store interface {
	ListHeldWallets(ctx context.Context, limit int) ([]storage.WalletScreening, error)
	ListHeldSubjects(ctx context.Context, limit int) ([]storage.Subject, error)
	GetWallet(ctx context.Context, address string) (storage.Wallet, error)
}

// Queue merges the sources.
type Queue struct {
	cases      Cases
	manualName string
	store      Store
	now        func() time.Time
}

// New returns the queue over cases (nil: no verification cases; their provider's own are
// those named manualName), the holds in store, on the clock now.
func New(cases Cases, manualName string, store Store, now func() time.Time) *Queue {
	if now == nil {
		now = time.Now
	}
	return &Queue{cases: cases, manualName: manualName, store: store, now: now}
}

// List returns one page of the queue, oldest first.
func (q *Queue) List(ctx context.Context, f Filter) (Page, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	all, err := q.gather(ctx, f.Status)
	if err != nil {
		return Page{}, err
	}
	cutoff := ""
	if f.OlderThan > 0 {
		cutoff = kyc.Timestamp(q.now().Add(-f.OlderThan))
	}
	page := Page{Items: []Item{}, Counts: map[Kind]int{}}
	for _, k := range Kinds {
		page.Counts[k] = 0
	}
	var matching []Item
	for _, it := range all {
		if (f.Provider != "" && !providerMatches(it, f.Provider)) || (cutoff != "" && it.WaitingSince > cutoff) {
			continue
		}
		page.Counts[it.Kind]++
		if f.Kind == "" || it.Kind == f.Kind {
			matching = append(matching, it)
		}
	}
	slices.SortFunc(matching, func(a, b Item) int {
		switch {
		case a.position().less(b.position()):
			return -1
		case b.position().less(a.position()):
			return 1
		}
		return 0
	})
	if f.After != nil {
		i, _ := slices.BinarySearchFunc(matching, *f.After, func(it Item, p Position) int {
			if p.less(it.position()) {
				return 1
			}
			return -1
		})
		matching = matching[i:]
	}
	if len(matching) > f.Limit {
		matching = matching[:f.Limit]
		next := EncodeCursor(matching[f.Limit-1].position())
		page.NextCursor = &next
	}
	for i := range matching {
		if err := q.fillSubject(ctx, &matching[i]); err != nil {
			return Page{}, err
		}
	}
	page.Items = append(page.Items, matching...)
	return page, nil
}

// gather reads every source the status selects.
func (q *Queue) gather(ctx context.Context, status string) ([]Item, error) {
	var out []Item
	if q.cases != nil && status != StatusHeld {
		vs := storage.StatusInReview
		if status != "" {
			vs = storage.VerificationStatus(status)
		}
		list, err := q.cases.Queue(ctx, vs, SourceLimit)
		if err != nil {
			return nil, err
		}
		for _, c := range list {
			kind := KindProviderCase
			if c.Provider == q.manualName {
				kind = KindManual
			}
			out = append(out, Item{Kind: kind, ID: c.VerificationID, Provider: c.Provider, Status: string(c.Status),
				SubjectID: c.SubjectID, WaitingSince: c.UpdatedAt, Href: "/v1/admin/reviews/" + c.VerificationID})
		}
	}
	if status != "" && status != StatusHeld {
		return out, nil
	}
	wallets, err := q.store.ListHeldWallets(ctx, SourceLimit)
	if err != nil {
		return nil, err
	}
	for _, w := range wallets {
		since := w.UpdatedAt
		if w.HeldAt != nil {
			since = *w.HeldAt
		}
		addr := common.HexToAddress(w.Address).Hex()
		out = append(out, Item{Kind: KindWalletScreening, ID: addr, Provider: strings.Join(w.Sources, ","), Status: StatusHeld,
			Address: addr, WaitingSince: kyc.Timestamp(since), Href: "/v1/admin/wallets/" + addr + "/screenings"})
	}
	subjects, err := q.store.ListHeldSubjects(ctx, SourceLimit)
	if err != nil {
		return nil, err
	}
	for _, s := range subjects {
		out = append(out, Item{Kind: KindPersonScreening, ID: s.ID, Status: StatusHeld, SubjectID: s.ID,
			WaitingSince: kyc.Timestamp(s.UpdatedAt), Href: "/v1/admin/subjects/" + s.ID + "/person-screenings"})
	}
	return out, nil
}

// fillSubject names the subject a held wallet is linked to (none: unlinked since).
func (q *Queue) fillSubject(ctx context.Context, it *Item) error {
	if it.Kind != KindWalletScreening {
		return nil
	}
	w, err := q.store.GetWallet(ctx, it.Address)
	if errors.Is(err, storage.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	it.SubjectID = w.SubjectID
	return nil
}

func providerMatches(it Item, provider string) bool {
	return slices.Contains(strings.Split(it.Provider, ","), provider)
}

// EncodeCursor is the opaque cursor of a position.
func EncodeCursor(p Position) string {
	raw, _ := json.Marshal(p)
	return base64.RawURLEncoding.EncodeToString(raw)
}

var (
	providerName = regexp.MustCompile(`^[a-z][a-z0-9]{0,31}$`)
	days         = regexp.MustCompile(`^([1-9][0-9]{0,3})d$`)
)

// ParseFilter reads a Filter from the query parameters kind, provider, status,
// olderThan (a Go duration such as 90m or 36h, or whole days such as 7d), limit (1 to
// 200) and cursor. Anything else, or a bad value, is a 400 error naming the parameter.
func ParseFilter(get func(string) (string, bool), names []string) (Filter, error) {
	var f Filter
	for _, n := range names {
		if !slices.Contains([]string{"kind", "provider", "status", "olderThan", "limit", "cursor"}, n) {
			return f, fault.InvalidError("invalid_query", fmt.Sprintf("unknown query parameter %q", n))
		}
	}
	if v, ok := get("kind"); ok && v != "" {
		if !slices.Contains(Kinds, Kind(v)) {
			return f, fault.InvalidError("invalid_kind", "kind is manual, provider_case, wallet_screening or person_screening")
		}
		f.Kind = Kind(v)
	}
	if v, ok := get("provider"); ok && v != "" {
		if !providerName.MatchString(v) {
			return f, fault.InvalidError("invalid_provider", "provider is a provider or source name such as manual or ofac")
		}
		f.Provider = v
	}
	if v, ok := get("status"); ok && v != "" {
		if v != StatusHeld && !kyc.ValidStatus(storage.VerificationStatus(v)) {
			return f, fault.InvalidError("invalid_status", "status is a verification status (in_review, …) or held")
		}
		f.Status = v
	}
	if v, ok := get("olderThan"); ok && v != "" {
		d, err := parseAge(v)
		if err != nil {
			return f, fault.InvalidError("invalid_older_than", "olderThan is a positive duration such as 90m, 36h or 7d")
		}
		f.OlderThan = d
	}
	if v, ok := get("limit"); ok && v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			return f, fault.InvalidError("invalid_limit", "limit is 1 to 200")
		}
		f.Limit = n
	}
	if v, ok := get("cursor"); ok && v != "" {
		var p Position
		raw, err := base64.RawURLEncoding.DecodeString(v)
		if err == nil {
			err = json.Unmarshal(raw, &p)
		}
		if _, terr := time.Parse(time.RFC3339, p.WaitingSince); err != nil || terr != nil || !slices.Contains(Kinds, p.Kind) || p.ID == "" {
			return f, fault.InvalidError("invalid_cursor", "cursor is the nextCursor of a previous page")
		}
		f.After = &p
	}
	return f, nil
}

func parseAge(v string) (time.Duration, error) {
	if m := days.FindStringSubmatch(v); m != nil {
		n, _ := strconv.Atoi(m[1])
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 || d > 10000*24*time.Hour {
		return 0, errors.New("bad age")
	}
	return d, nil
}
