package ofac

import (
	"context"
	"fmt"
	"time"

	"github.com/kycgate/kycgate/screening/source"
)

// State is the list in use and the refreshes' record, for /readyz and metrics.
type State struct {
	// Origin is where the list in use came from: OriginSnapshot, OriginDownload or
	// OriginFile.
	Origin string
	// Date is the list's publication date; DateFrom says where it comes from
	// (DateOfIssue, header, Last-Modified, file time, fetch time).
	Date     time.Time
	DateFrom string
	// SHA256 is the hex SHA-256 of the bytes the list was read from.
	SHA256 string
	// Addresses is the number of distinct EVM addresses on it.
	Addresses int
	// LoadedAt is when it was put in use.
	LoadedAt time.Time
	// Stale reports that it is older than KYCGATE_OFAC_MAX_AGE (Screen fails).
	Stale bool
	// Failures counts the refreshes that failed since start; LastFailure and LastError
	// describe the latest (zero and "" when none).
	Failures    uint64
	LastFailure time.Time
	LastError   string
}

// State returns the source's state now.
func (s *Screener) State() State {
	l := s.list.Load()
	st := State{Origin: l.origin, Date: l.Date, DateFrom: string(l.DateFrom), SHA256: l.SHA256,
		Addresses: l.Len(), LoadedAt: l.loadedAt, Stale: s.stale(l) != nil, Failures: s.failures.Load()}
	s.mu.Lock()
	st.LastFailure, st.LastError = s.lastFail, s.lastErr
	s.mu.Unlock()
	return st
}

// Report implements source.Reporter: OK while the list is not too old; Detail names the
// list's date, origin, size and hash and the failed refreshes (no secret: the URL has no
// credentials).
func (s *Screener) Report(context.Context) source.Report {
	st := s.State()
	detail := fmt.Sprintf("SDN list of %s (%s), %s, %d EVM addresses, sha256 %s",
		st.Date.Format(time.DateOnly), st.DateFrom, st.Origin, st.Addresses, st.SHA256)
	if st.Stale {
		detail += fmt.Sprintf("; older than the maximum age %s", s.maxAge)
	}
	if st.Failures > 0 {
		detail += fmt.Sprintf("; %d failed refreshes, the last at %s: %s", st.Failures,
			st.LastFailure.UTC().Format(time.RFC3339), st.LastError)
	}
	return source.Report{OK: !st.Stale, Detail: detail, ListDate: st.Date}
}
