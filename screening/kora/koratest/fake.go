// Package koratest is a fake Kora Compliance API for tests: it answers as the Kora
// integration guide and compliance reference document (PROVIDERS.md): bearer key and
// X-Tenant-ID checked, SYNC and ASYNC screenings with the four outcomes, monitored
// subjects and PERIODIC screenings, the documented error bodies (VALIDATION_ERROR with
// details, RATE_LIMITED with Retry-After and X-RateLimit-Reset, SCREENING_TIMEOUT,
// SCREENING_FAILED), and webhooks signed as X-Webhook-Signature = hex HMAC-SHA256 of the
// raw body.
package koratest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kycgate/kycgate/screening/kora"
	"github.com/kycgate/kycgate/screening/source"
)

// Credentials the fake accepts.
const (
	APIKey        = "kora-test-key"
	TenantID      = "tenant-test"
	WebhookSecret = "kora-webhook-secret"
)

// Fake is a running fake Kora API.
type Fake struct {
	URL string

	mu         sync.Mutex
	now        func() time.Time
	outcomes   map[string]source.PersonOutcome // by person name
	failures   []string                        // error codes for the next calls to POST /screenings
	screenings map[string]*screening
	subjects   map[string]subjectRecord
	requests   []Request
	seq        int
}

type screening struct {
	ID        string
	Name      string
	Purpose   string
	Mode      string
	SubjectID string
	Outcome   source.PersonOutcome // "" while pending
}

type subjectRecord struct {
	ID   string
	Body json.RawMessage
	Name string
}

// Request is one call the fake received (bodies kept: it is a test fake).
type Request struct {
	Method, Path string
	Body         []byte
	Header       http.Header
}

// New starts a fake on a loopback port, closed with t's cleanup. Every person is
// APPROVE until SetOutcome says otherwise.
func New(t testing.TB) *Fake {
	f := &Fake{now: time.Now, outcomes: map[string]source.PersonOutcome{},
		screenings: map[string]*screening{}, subjects: map[string]subjectRecord{}}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	f.URL = srv.URL + "/api/v1"
	return f
}

// SetClock sets the clock X-RateLimit-Reset is computed from.
func (f *Fake) SetClock(now func() time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = now
}

// Env returns the gateway settings that point the Kora adapter at the fake.
func (f *Fake) Env() map[string]string {
	return map[string]string{
		"KYCGATE_KORA_BASE_URL": f.URL, "KYCGATE_KORA_API_KEY": APIKey,
		"KYCGATE_KORA_TENANT_ID": TenantID, "KYCGATE_KORA_WEBHOOK_SECRET": WebhookSecret,
	}
}

// SetOutcome makes screenings of the person named name answer o.
func (f *Fake) SetOutcome(name string, o source.PersonOutcome) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.outcomes[name] = o
}

// FailNext makes the next POST /screenings calls answer the error codes given, in order:
// VALIDATION_ERROR, RATE_LIMITED, SCREENING_TIMEOUT or SCREENING_FAILED.
func (f *Fake) FailNext(codes ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures = append(f.failures, codes...)
}

// Requests returns the calls received so far.
func (f *Fake) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.requests...)
}

// Count returns how many calls of method to a path starting with prefix were received.
func (f *Fake) Count(method, prefix string) int {
	n := 0
	for _, r := range f.Requests() {
		if r.Method == method && strings.HasPrefix(r.Path, prefix) {
			n++
		}
	}
	return n
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (f *Fake) fail(w http.ResponseWriter, status int, code, msg string, details []source.FieldError) {
	f.seq++
	body := map[string]any{"code": code, "message": msg, "request_id": fmt.Sprintf("req_%d", f.seq)}
	if details != nil {
		body["details"] = details
	}
	writeJSON(w, status, body)
}

func (f *Fake) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	f.mu.Lock()
	defer f.mu.Unlock()
	path := strings.TrimPrefix(r.URL.Path, "/api/v1")
	f.requests = append(f.requests, Request{Method: r.Method, Path: path, Body: body, Header: r.Header.Clone()})
	if r.Header.Get("Authorization") != "Bearer "+APIKey || r.Header.Get("X-Tenant-ID") != TenantID {
		f.fail(w, http.StatusUnauthorized, "UNAUTHORIZED", "invalid API key or tenant", nil)
		return
	}
	switch {
	case r.Method == http.MethodPost && path == "/screenings":
		f.screen(w, body)
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/screenings/"):
		s, ok := f.screenings[strings.TrimPrefix(path, "/screenings/")]
		if !ok {
			f.fail(w, http.StatusNotFound, "NOT_FOUND", "screening not found", nil)
			return
		}
		writeJSON(w, http.StatusOK, screeningJSON(s))
	case r.Method == http.MethodPost && path == "/subjects":
		f.createSubject(w, body)
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/subjects/"):
		s, ok := f.subjects[strings.TrimPrefix(path, "/subjects/")]
		if !ok {
			f.fail(w, http.StatusNotFound, "NOT_FOUND", "subject not found", nil)
			return
		}
		var out map[string]any
		_ = json.Unmarshal(s.Body, &out)
		out["id"] = s.ID
		writeJSON(w, http.StatusOK, out)
	default:
		f.fail(w, http.StatusNotFound, "NOT_FOUND", "no such endpoint", nil)
	}
}

type subjectJSON struct {
	Type        string `json:"type"`
	Name        string `json:"name"`
	DateOfBirth string `json:"date_of_birth"`
}

type screenRequest struct {
	Mode      string       `json:"mode"`
	Purpose   string       `json:"purpose"`
	Subject   *subjectJSON `json:"subject"`
	SubjectID string       `json:"subject_id"`
	Checks    []string     `json:"checks"`
}

func (f *Fake) screen(w http.ResponseWriter, body []byte) {
	if len(f.failures) > 0 {
		code := f.failures[0]
		f.failures = f.failures[1:]
		switch code {
		case "VALIDATION_ERROR":
			f.fail(w, http.StatusBadRequest, code, "request validation failed",
				[]source.FieldError{{Field: "subject.date_of_birth", Message: "must be a valid date (YYYY-MM-DD)"}})
		case "RATE_LIMITED":
			w.Header().Set("Retry-After", "7")
			w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(f.now().Add(7*time.Second).Unix(), 10))
			f.fail(w, http.StatusTooManyRequests, code, "rate limit exceeded", nil)
		case "SCREENING_TIMEOUT":
			f.fail(w, http.StatusServiceUnavailable, code, "screening did not complete within 30 seconds; use ASYNC mode", nil)
		default:
			f.fail(w, http.StatusInternalServerError, "SCREENING_FAILED", "screening failed", nil)
		}
		return
	}
	var req screenRequest
	if err := json.Unmarshal(body, &req); err != nil {
		f.fail(w, http.StatusBadRequest, "VALIDATION_ERROR", "malformed JSON", []source.FieldError{{Field: "body", Message: "invalid JSON"}})
		return
	}
	var details []source.FieldError
	if req.Mode != "SYNC" && req.Mode != "ASYNC" {
		details = append(details, source.FieldError{Field: "mode", Message: "must be SYNC or ASYNC"})
	}
	if req.Purpose != "ONBOARDING" && req.Purpose != "PERIODIC" {
		details = append(details, source.FieldError{Field: "purpose", Message: "must be ONBOARDING or PERIODIC"})
	}
	if len(req.Checks) == 0 {
		details = append(details, source.FieldError{Field: "checks", Message: "at least one check is required"})
	}
	name := ""
	switch {
	case req.Subject != nil && req.SubjectID == "":
		if req.Subject.Type != "INDIVIDUAL" || strings.TrimSpace(req.Subject.Name) == "" {
			details = append(details, source.FieldError{Field: "subject.name", Message: "is required"})
		}
		if req.Subject.DateOfBirth != "" {
			if _, err := time.Parse(time.DateOnly, req.Subject.DateOfBirth); err != nil {
				details = append(details, source.FieldError{Field: "subject.date_of_birth", Message: "must be a valid date (YYYY-MM-DD)"})
			}
		}
		name = req.Subject.Name
	case req.Subject == nil && req.SubjectID != "":
		s, ok := f.subjects[req.SubjectID]
		if !ok {
			f.fail(w, http.StatusNotFound, "NOT_FOUND", "subject not found", nil)
			return
		}
		name = s.Name
	default:
		details = append(details, source.FieldError{Field: "subject", Message: "one of subject or subject_id is required"})
	}
	if len(details) > 0 {
		f.fail(w, http.StatusBadRequest, "VALIDATION_ERROR", "request validation failed", details)
		return
	}
	f.seq++
	s := &screening{ID: fmt.Sprintf("scr_%04d", f.seq), Name: name, Purpose: req.Purpose, Mode: req.Mode, SubjectID: req.SubjectID}
	f.screenings[s.ID] = s
	if req.Mode == "ASYNC" {
		writeJSON(w, http.StatusAccepted, screeningJSON(s))
		return
	}
	s.Outcome = f.outcomeLocked(name)
	writeJSON(w, http.StatusOK, screeningJSON(s))
}

func (f *Fake) outcomeLocked(name string) source.PersonOutcome {
	if o, ok := f.outcomes[name]; ok {
		return o
	}
	return source.PersonApprove
}

// scores are a score inside each outcome's default band (0–250, 251–500, 501–750,
// 751–1000) and the band's name.
var scores = map[source.PersonOutcome]struct {
	score int
	band  string
}{
	source.PersonApprove: {120, "LOW"}, source.PersonApproveWithMonitoring: {380, "MEDIUM"},
	source.PersonReviewRequired: {640, "HIGH"}, source.PersonBlock: {910, "CRITICAL"},
}

func screeningJSON(s *screening) map[string]any {
	if s.Outcome == "" {
		return map[string]any{"screening_id": s.ID, "status": "PENDING"}
	}
	sc := scores[s.Outcome]
	out := map[string]any{
		"screening_id": s.ID, "status": "COMPLETED", "risk_score": sc.score, "risk_band": sc.band,
		"decision": map[string]any{"outcome": s.Outcome, "triggered_rules": rules(s.Outcome),
			"explanation": "risk score " + strconv.Itoa(sc.score)},
		"matches":       []any{},
		"match_summary": map[string]any{"total": 0},
	}
	if s.Outcome != source.PersonApprove {
		out["matches"] = []any{map[string]any{"source": "OFAC-SDN", "score": 0.93, "name": s.Name, "list": "SANCTIONS"}}
		out["match_summary"] = map[string]any{"total": 1, "sanctions": 1}
	}
	return out
}

func rules(o source.PersonOutcome) []string {
	if o == source.PersonApprove {
		return []string{}
	}
	return []string{"SANCTIONS_MATCH"}
}

func (f *Fake) createSubject(w http.ResponseWriter, body []byte) {
	var s subjectJSON
	if err := json.Unmarshal(body, &s); err != nil || s.Type != "INDIVIDUAL" || strings.TrimSpace(s.Name) == "" {
		f.fail(w, http.StatusBadRequest, "VALIDATION_ERROR", "request validation failed",
			[]source.FieldError{{Field: "name", Message: "is required"}})
		return
	}
	f.seq++
	id := fmt.Sprintf("sub_%04d", f.seq)
	f.subjects[id] = subjectRecord{ID: id, Body: append(json.RawMessage(nil), body...), Name: s.Name}
	writeJSON(w, http.StatusCreated, map[string]any{"id": id, "type": "INDIVIDUAL", "name": s.Name})
}

// Subjects returns how many monitored subjects exist.
func (f *Fake) Subjects() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.subjects)
}

// Complete finishes the pending ASYNC screening id with the outcome of its person and
// returns the signed screening.completed webhook Kora sends.
func (f *Fake) Complete(t testing.TB, id string) (http.Header, []byte) {
	t.Helper()
	f.mu.Lock()
	s, ok := f.screenings[id]
	if !ok {
		f.mu.Unlock()
		t.Fatalf("koratest: no screening %s", id)
	}
	if s.Outcome == "" {
		s.Outcome = f.outcomeLocked(s.Name)
	}
	data := screeningJSON(s)
	f.mu.Unlock()
	return Webhook(map[string]any{"event": source.EventScreeningCompleted, "data": data})
}

// MatchFound returns a signed screening.match_found webhook for monitored subject id.
func (f *Fake) MatchFound(subjectID, screeningID string) (http.Header, []byte) {
	return Webhook(map[string]any{"event": source.EventScreeningMatchFound, "data": map[string]any{
		"subject_id": subjectID, "screening_id": screeningID,
		"match": map[string]any{"source": "OFAC-SDN", "score": 0.97}}})
}

// ThresholdBreached returns a signed risk.threshold_breached webhook for subject id.
func (f *Fake) ThresholdBreached(subjectID string) (http.Header, []byte) {
	return Webhook(map[string]any{"event": source.EventRiskThresholdBreached, "data": map[string]any{
		"subject_id": subjectID, "risk_score": 820, "risk_band": "CRITICAL"}})
}

// Pending lists the ids of ASYNC screenings not yet completed.
func (f *Fake) Pending() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for id, s := range f.screenings {
		if s.Outcome == "" {
			out = append(out, id)
		}
	}
	return out
}

// Webhook encodes envelope and signs it as Kora does (X-Webhook-Signature, hex
// HMAC-SHA256 of the raw body under WebhookSecret).
func Webhook(envelope any) (http.Header, []byte) {
	body, err := json.Marshal(envelope)
	if err != nil {
		panic(err)
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("X-Webhook-Signature", kora.Sign(WebhookSecret, body))
	return h, body
}
