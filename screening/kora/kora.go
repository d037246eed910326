package kora

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kycgate/kycgate/screening/source"
)

// maxBody bounds what the adapter reads of one answer (a screening with many matches).
const maxBody = 4 << 20

// Client is an open Kora adapter. It implements source.PersonScreener.
type Client struct {
	cfg  Config
	http *http.Client
	now  func() time.Time
}

var _ source.PersonScreener = (*Client)(nil)

func newClient(cfg Config, deps source.Deps) *Client {
	now := deps.Now
	if now == nil {
		now = time.Now
	}
	return &Client{cfg: cfg, http: &http.Client{Timeout: cfg.Timeout}, now: now}
}

// RescreenEvery is how often a monitored person is screened again
// (KYCGATE_KORA_RESCREEN_EVERY).
func (c *Client) RescreenEvery() time.Duration { return c.cfg.RescreenEvery }

// subject is Kora's subject object (POST /screenings subject, POST /subjects).
type subject struct {
	Type        string       `json:"type"`
	Name        string       `json:"name"`
	DateOfBirth string       `json:"date_of_birth,omitempty"`
	Nationality string       `json:"nationality,omitempty"`
	Identifiers []identifier `json:"identifiers,omitempty"`
}

type identifier struct {
	Type    string `json:"type"`
	Value   string `json:"value"`
	Country string `json:"country,omitempty"`
}

func toSubject(p source.Person) subject {
	s := subject{Type: "INDIVIDUAL", Name: p.Name, DateOfBirth: p.DateOfBirth, Nationality: p.Nationality}
	for _, id := range p.Identifiers {
		s.Identifiers = append(s.Identifiers, identifier{Type: id.Type, Value: id.Value, Country: id.Country})
	}
	return s
}

// screeningRequest is POST /screenings.
type screeningRequest struct {
	Mode      string   `json:"mode"`
	Purpose   string   `json:"purpose"`
	Subject   *subject `json:"subject,omitempty"`
	SubjectID string   `json:"subject_id,omitempty"`
	Checks    []string `json:"checks"`
}

// Screening is Kora's screening object, as POST /screenings and GET /screenings/{id}
// answer it.
type Screening struct {
	ID        string `json:"screening_id"`
	Status    string `json:"status"`
	RiskScore int    `json:"risk_score"`
	RiskBand  string `json:"risk_band"`
	Decision  *struct {
		Outcome        string   `json:"outcome"`
		TriggeredRules []string `json:"triggered_rules"`
		Explanation    string   `json:"explanation"`
	} `json:"decision"`
	Matches      json.RawMessage `json:"matches"`
	MatchSummary json.RawMessage `json:"match_summary"`
}

func (s Screening) result() (source.PersonResult, error) {
	if s.ID == "" {
		return source.PersonResult{}, &source.PersonError{Code: source.PersonFailed, Status: http.StatusOK,
			Err: errors.New("kora: screening without screening_id")}
	}
	r := source.PersonResult{ScreeningID: s.ID, RiskScore: s.RiskScore, RiskBand: s.RiskBand}
	if s.Decision == nil || s.Decision.Outcome == "" {
		r.Pending = true
		return r, nil
	}
	r.Outcome = source.PersonOutcome(s.Decision.Outcome)
	if !r.Outcome.Valid() {
		return source.PersonResult{}, &source.PersonError{Code: source.PersonFailed, Status: http.StatusOK,
			Err: fmt.Errorf("kora: unknown decision outcome %q", s.Decision.Outcome)}
	}
	r.Rules = s.Decision.TriggeredRules
	if len(s.Matches) > 0 && string(s.Matches) != "null" {
		r.Matches = append([]byte(nil), s.Matches...)
	}
	return r, nil
}

// ScreenPerson implements source.PersonScreener: POST /screenings in SYNC mode (ASYNC
// when q.Async), purpose ONBOARDING with the person, or PERIODIC with the subject id.
func (c *Client) ScreenPerson(ctx context.Context, q source.PersonQuery) (source.PersonResult, error) {
	req := screeningRequest{Mode: "SYNC", Purpose: string(q.Purpose), Checks: c.cfg.Checks}
	if q.Async {
		req.Mode = "ASYNC"
	}
	switch {
	case q.Person != nil && q.SubjectID == "":
		s := toSubject(*q.Person)
		req.Subject = &s
	case q.Person == nil && q.SubjectID != "":
		req.SubjectID = q.SubjectID
	default:
		return source.PersonResult{}, errors.New("kora: a screening is of a person or of a subject id, not both or neither")
	}
	if q.Purpose != source.PurposeOnboarding && q.Purpose != source.PurposePeriodic {
		return source.PersonResult{}, fmt.Errorf("kora: unknown purpose %q", q.Purpose)
	}
	var s Screening
	if err := c.do(ctx, http.MethodPost, "/screenings", req, &s); err != nil {
		return source.PersonResult{}, err
	}
	return s.result()
}

// Screening implements source.PersonScreener: GET /screenings/{id}.
func (c *Client) Screening(ctx context.Context, id string) (source.PersonResult, error) {
	if id == "" {
		return source.PersonResult{}, errors.New("kora: empty screening id")
	}
	var s Screening
	if err := c.do(ctx, http.MethodGet, "/screenings/"+url.PathEscape(id), nil, &s); err != nil {
		return source.PersonResult{}, err
	}
	return s.result()
}

// Enrol implements source.PersonScreener: POST /subjects.
func (c *Client) Enrol(ctx context.Context, p source.Person) (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	if err := c.do(ctx, http.MethodPost, "/subjects", toSubject(p), &out); err != nil {
		return "", err
	}
	if out.ID == "" {
		return "", &source.PersonError{Code: source.PersonFailed, Status: http.StatusOK, Err: errors.New("kora: subject without id")}
	}
	return out.ID, nil
}

// apiError is Kora's error body.
type apiError struct {
	Code      string              `json:"code"`
	Message   string              `json:"message"`
	RequestID string              `json:"request_id"`
	Details   []source.FieldError `json:"details"`
}

// do sends one call and decodes a 2xx answer into out. Every failure is a
// *source.PersonError; none quotes the request (personal data).
func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("kora: encode request: %w", err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimSuffix(c.cfg.BaseURL, "/")+path, body)
	if err != nil {
		return fmt.Errorf("kora: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.cfg.APIKey)
	req.Header.Set("X-Tenant-ID", c.cfg.TenantID)
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		// The URL in a *url.Error holds no personal data (ids only), but the cause is
		// kept without it all the same.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return &source.PersonError{Code: source.PersonFailed, Err: fmt.Errorf("kora %s %s: %w", method, path, err)}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return &source.PersonError{Code: source.PersonFailed, Status: resp.StatusCode, Err: fmt.Errorf("kora: read answer: %w", err)}
	}
	if len(raw) > maxBody {
		return &source.PersonError{Code: source.PersonFailed, Status: resp.StatusCode, Err: errors.New("kora: answer over 4 MiB")}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.errorOf(resp, raw)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return &source.PersonError{Code: source.PersonFailed, Status: resp.StatusCode, Err: errors.New("kora: malformed answer")}
	}
	return nil
}

// errorOf maps an error answer by its code, falling back to its status (Kora's
// reference/error-codes). The message is kept only for validation errors' fields.
func (c *Client) errorOf(resp *http.Response, raw []byte) *source.PersonError {
	var a apiError
	_ = json.Unmarshal(raw, &a)
	e := &source.PersonError{Status: resp.StatusCode, RequestID: a.RequestID, Fields: a.Details}
	switch {
	case a.Code == string(source.PersonValidation) || (a.Code == "" && resp.StatusCode == http.StatusBadRequest):
		e.Code = source.PersonValidation
	case a.Code == string(source.PersonRateLimited) || resp.StatusCode == http.StatusTooManyRequests:
		e.Code = source.PersonRateLimited
		e.RetryAfter = c.retryAfter(resp.Header)
	case a.Code == string(source.PersonTimeout):
		e.Code = source.PersonTimeout
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		e.Code = source.PersonUnauthorized
	case resp.StatusCode == http.StatusNotFound:
		e.Code = source.PersonNotFound
	case resp.StatusCode == http.StatusServiceUnavailable && a.Code == "":
		e.Code = source.PersonFailed
	case resp.StatusCode >= 500:
		e.Code = source.PersonFailed
	default:
		e.Code = source.PersonValidation
	}
	if e.Code != source.PersonValidation {
		e.Fields = nil
	}
	return e
}

// retryAfter reads Retry-After (seconds or an HTTP date, per the integration guide) or,
// failing that, X-RateLimit-Reset (a Unix time in seconds, per the rate-limit
// reference; a small number is read as seconds until the reset); 0 when neither says anything usable.
func (c *Client) retryAfter(h http.Header) time.Duration {
	now := c.now()
	if v := h.Get("Retry-After"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			return time.Duration(n) * time.Second
		}
		if t, err := http.ParseTime(v); err == nil && t.After(now) {
			return t.Sub(now)
		}
	}
	if v := h.Get("X-RateLimit-Reset"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		switch {
		case err != nil || n <= 0:
		case n < 1_000_000_000: // seconds until the reset, as some APIs send it
			return time.Duration(n) * time.Second
		case time.Unix(n, 0).After(now):
			return time.Unix(n, 0).Sub(now)
		}
	}
	return 0
}
