package ofac

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kycgate/kycgate/screening/ofac/internal/sdn"
	"github.com/kycgate/kycgate/screening/source"
)

// Origins: where the list in use was loaded from.
const (
	OriginSnapshot = "embedded snapshot"
	OriginDownload = "download"
	OriginFile     = "file"
)

// ErrStale is returned by Screen while the list in use is older than KYCGATE_OFAC_MAX_AGE.
var ErrStale = errors.New("ofac: the SDN list is older than KYCGATE_OFAC_MAX_AGE")

// Screener is the OFAC source. It is safe for concurrent use: Screen reads the list in
// use through an atomic pointer; Refresh replaces it.
type Screener struct {
	name, url, file string
	every, maxAge   time.Duration
	maxBytes        int64
	client          *http.Client
	now             func() time.Time

	list      atomic.Pointer[loaded]
	failures  atomic.Uint64
	refreshMu sync.Mutex // one refresh at a time
	mu        sync.Mutex // guards the fields below
	lastFail  time.Time
	lastErr   string
}

// loaded is a list in use, with where it came from and its precomputed Reference.
type loaded struct {
	*sdn.List
	origin   string
	loadedAt time.Time
	ref      string
}

var (
	_ source.Refresher = (*Screener)(nil)
	_ source.Reporter  = (*Screener)(nil)
)

func (s *Screener) store(l *sdn.List, origin string) {
	s.list.Store(&loaded{List: l, origin: origin, loadedAt: s.now(),
		ref: fmt.Sprintf("ofac-sdn %s sha256:%s", l.Date.Format(time.DateOnly), l.SHA256)})
}

// stale reports the error Screen answers for l, if any.
func (s *Screener) stale(l *loaded) error {
	if s.maxAge > 0 && s.now().Sub(l.Date) > s.maxAge {
		return fmt.Errorf("%w: list of %s (%s, %s), limit %s", ErrStale, l.Date.Format(time.DateOnly), l.DateFrom, l.origin, s.maxAge)
	}
	return nil
}

// Screen answers Sanctioned (RiskSevere, category "sanctions") for an address on the list
// and Clear (RiskNone) otherwise, on any chain. Reference is "ofac-sdn <date> sha256:<hex>";
// CheckedAt is the list's publication date (older than the answer). It fails with
// ErrStale while the list is older than the maximum age, and when ctx is done.
func (s *Screener) Screen(ctx context.Context, q source.Query) (source.Result, error) {
	if err := ctx.Err(); err != nil {
		return source.Result{}, fmt.Errorf("ofac: %w", err)
	}
	l := s.list.Load()
	if err := s.stale(l); err != nil {
		return source.Result{}, err
	}
	r := source.Result{Source: s.name, Status: source.Clear, Risk: source.RiskNone,
		Reference: l.ref, CheckedAt: l.Date}
	if l.Contains(q.Address) {
		r.Status, r.Risk, r.Categories = source.Sanctioned, source.RiskSevere, []string{"sanctions"}
	}
	return r, nil
}

// RefreshEvery implements source.Refresher: KYCGATE_OFAC_REFRESH.
func (s *Screener) RefreshEvery() time.Duration { return s.every }

// Refresh implements source.Refresher: it reads KYCGATE_OFAC_SDN_FILE when set, else
// downloads KYCGATE_OFAC_SDN_URL, and puts the new list in use. On any failure (network,
// HTTP status other than 200, size over KYCGATE_OFAC_MAX_BYTES, a document that is not
// a list or names no EVM address) the list in use stays, the failure is counted, and the
// error is returned.
func (s *Screener) Refresh(ctx context.Context) error {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	var l *sdn.List
	var err error
	origin := OriginDownload
	if s.file != "" {
		origin = OriginFile
		l, err = s.readFile()
	} else {
		l, err = s.download(ctx)
	}
	if err != nil {
		s.failures.Add(1)
		s.mu.Lock()
		s.lastFail, s.lastErr = s.now(), err.Error()
		s.mu.Unlock()
		return fmt.Errorf("ofac: refresh: %w", err)
	}
	s.store(l, origin)
	return nil
}

// errTooLarge is a download or file over KYCGATE_OFAC_MAX_BYTES.
var errTooLarge = errors.New("the list is larger than KYCGATE_OFAC_MAX_BYTES")

// capped reads r and fails once more than n bytes came.
type capped struct {
	r    io.Reader
	n    int64
	over bool
}

func (c *capped) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n -= int64(n)
	if c.n < 0 {
		c.over = true
		return 0, errTooLarge
	}
	return n, err
}

// parse reads r, at most maxBytes of it: a document cut by the limit is errTooLarge
// whatever the parser made of its last bytes.
func parse(r io.Reader, maxBytes int64) (*sdn.List, error) {
	c := &capped{r: r, n: maxBytes}
	l, err := sdn.Parse(c)
	if c.over {
		return nil, errTooLarge
	}
	return l, err
}

func (s *Screener) download(ctx context.Context) (*sdn.List, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url, http.NoBody)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/xml, text/xml, text/plain")
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, fmt.Errorf("download answered HTTP %d", resp.StatusCode)
	}
	fetched := s.now().UTC()
	l, err := parse(resp.Body, s.maxBytes)
	if err != nil {
		return nil, err
	}
	if l.Date.IsZero() {
		if t, err := http.ParseTime(resp.Header.Get("Last-Modified")); err == nil {
			l.Date, l.DateFrom = t.UTC(), sdn.FromLastModified
		} else {
			l.Date, l.DateFrom = fetched, sdn.FromFetchTime
		}
	}
	return l, nil
}

func (s *Screener) readFile() (*sdn.List, error) {
	f, err := os.Open(s.file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	l, err := parse(f, s.maxBytes)
	if err != nil {
		return nil, err
	}
	if l.Date.IsZero() {
		l.Date, l.DateFrom = info.ModTime().UTC(), sdn.FromFileTime
	}
	return l, nil
}
