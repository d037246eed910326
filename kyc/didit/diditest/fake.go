// Package diditest is a fake Didit API (v3) for tests: an httptest server that answers as
// Didit documents session creation (201; the same session for the same vendor_data while
// it is unfinished), a session's decision and a decision sent from outside
// (update-status), workflow creation (POST /v3/workflows/), the blocklist
// (POST /v3/blocklist/add/) and a session's PDF report (generate-pdf), refuses every
// request without the right x-api-key (401 with a {"detail"} body), and produces webhooks with all of Didit's headers (X-Signature over
// the raw body, X-Timestamp, X-Signature-V2, X-Signature-Simple).
//
// What only Didit's console or the user's session can do is a Go method: SetStatus,
// SetIDVerification, FailNext (a 429 or 5xx). The pipeline's end-to-end tests use it as
// well as the adapter's own.
package diditest

import (
	"bytes"
	"cmp"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
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

	"github.com/kycgate/kycgate/kyc/didit"
)

// Fake is a fake Didit. Its fields are set by New; Now may be changed before use.
type Fake struct {
	// URL is the fake's origin, for KYCGATE_DIDIT_BASE_URL.
	URL string
	// APIKey is the only key it accepts; WorkflowID the only workflow it knows;
	// WebhookSecret signs its webhooks.
	APIKey, WorkflowID, WebhookSecret string
	// Now is its clock: webhooks' X-Timestamp and timestamp come from it.
	Now func() time.Time

	srv      *httptest.Server
	mu       sync.Mutex
	seq      int
	sessions map[string]*session
	byVendor map[string]string
	requests []Request
	failures []failure
	webhooks []Delivery
	// workflows created through POST /v3/workflows/; blocklisted session ids.
	workflows   []didit.WorkflowRequest
	blocklisted []string
	deleted     []string // sessions deleted through the API (erase.go)
}

// Request is one request the fake accepted (API key right): its method, its path as
// received and its body.
type Request struct {
	Method string
	Path   string
	Body   []byte
}

// Delivery is one signed webhook.
type Delivery struct {
	Header http.Header
	Body   []byte
}

type failure struct {
	status     int
	retryAfter string
}

type session struct {
	id, token, vendorData, callback, status string
	number                                  int
	created                                 time.Time
	idv                                     *didit.IDVerification
	reviews                                 []map[string]any
}

// New starts a fake Didit, closed when the test ends.
func New(t testing.TB) *Fake {
	f := &Fake{APIKey: "fake-didit-api-key", WorkflowID: "11111111-2222-4333-8444-555555555555",
		WebhookSecret: "fake-didit-webhook-secret", Now: time.Now,
		sessions: map[string]*session{}, byVendor: map[string]string{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	f.URL = f.srv.URL
	t.Cleanup(f.srv.Close)
	return f
}

// Env returns the gateway's variables pointing the didit provider at the fake.
func (f *Fake) Env() map[string]string {
	return map[string]string{
		"KYCGATE_DIDIT_BASE_URL": f.URL, "KYCGATE_DIDIT_API_KEY": f.APIKey,
		"KYCGATE_DIDIT_WORKFLOW_ID": f.WorkflowID, "KYCGATE_DIDIT_WEBHOOK_SECRET": f.WebhookSecret,
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// fail answers Didit's (DRF-style) error body.
func fail(w http.ResponseWriter, status int, detail string) {
	writeJSON(w, status, map[string]string{"detail": detail})
}

// maxBody bounds a request body the fake reads.
const maxBody = 1 << 20

func (f *Fake) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		fail(w, http.StatusBadRequest, "Cannot read the request.")
		return
	}
	if key := r.Header.Get(didit.HeaderAPIKey); key == "" || !hmac.Equal([]byte(key), []byte(f.APIKey)) {
		fail(w, http.StatusUnauthorized, "Invalid API key.")
		return
	}
	f.mu.Lock()
	if len(f.failures) > 0 {
		fl := f.failures[0]
		f.failures = f.failures[1:]
		f.mu.Unlock()
		if fl.retryAfter != "" {
			w.Header().Set("Retry-After", fl.retryAfter)
		}
		fail(w, fl.status, http.StatusText(fl.status))
		return
	}
	f.requests = append(f.requests, Request{Method: r.Method, Path: r.URL.RequestURI(), Body: body})
	f.mu.Unlock()

	switch {
	case r.URL.Path == "/v3/session/" && r.Method == http.MethodPost:
		f.create(w, body)
		return
	case r.URL.Path == "/v3/workflows/" && r.Method == http.MethodPost:
		f.createWorkflow(w, body)
		return
	case r.URL.Path == "/v3/blocklist/add/" && r.Method == http.MethodPost:
		f.blocklistAdd(w, body)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/v3/session/")
	id, action, _ := strings.Cut(rest, "/")
	if !ok || id == "" {
		fail(w, http.StatusNotFound, "Not found.")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.sessions[id]
	if s == nil {
		fail(w, http.StatusNotFound, "Session not found.")
		return
	}
	switch r.Method + " " + action {
	case "GET decision/":
		writeJSON(w, http.StatusOK, f.decisionLocked(s))
	case "PATCH update-status/":
		f.updateLocked(w, s, body)
	case "DELETE delete/":
		f.deleteLocked(w, s)
	case "GET generate-pdf", "GET generate-pdf/":
		w.Header().Set("Content-Type", "application/pdf")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(PDF(s.id))
	default:
		fail(w, http.StatusNotFound, "Not found.")
	}
}

// unfinished reports whether a session's user may still continue it.
func unfinished(status string) bool {
	switch status {
	case didit.StatusNotStarted, didit.StatusInProgress, didit.StatusInReview, didit.StatusResubmitted:
		return true
	}
	return false
}

func (f *Fake) create(w http.ResponseWriter, body []byte) {
	var in didit.SessionRequest
	if err := json.Unmarshal(body, &in); err != nil {
		fail(w, http.StatusBadRequest, "Invalid JSON.")
		return
	}
	if in.WorkflowID != f.WorkflowID {
		writeJSON(w, http.StatusBadRequest, map[string][]string{"workflow_id": {"Workflow not found."}})
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if id, ok := f.byVendor[in.VendorData]; ok && in.VendorData != "" && unfinished(f.sessions[id].status) {
		writeJSON(w, http.StatusCreated, f.sessionJSONLocked(f.sessions[id]))
		return
	}
	f.seq++
	s := &session{id: fmt.Sprintf("%08x-0000-4000-8000-%012x", 0xd1d17000+f.seq, f.seq), number: f.seq,
		token: fmt.Sprintf("tok%09d", f.seq), vendorData: in.VendorData, callback: in.Callback,
		status: didit.StatusNotStarted, created: f.Now().UTC()}
	f.sessions[s.id] = s
	if in.VendorData != "" {
		f.byVendor[in.VendorData] = s.id
	}
	writeJSON(w, http.StatusCreated, f.sessionJSONLocked(s))
}

func (f *Fake) sessionJSONLocked(s *session) map[string]any {
	return map[string]any{"session_id": s.id, "session_number": s.number, "session_token": s.token,
		"vendor_data": s.vendorData, "status": s.status, "workflow_id": f.WorkflowID, "callback": s.callback,
		"url": "https://verify.didit.me/session/" + s.token}
}

// decisionLocked is the decision as GET /v3/session/{id}/decision/ answers it.
func (f *Fake) decisionLocked(s *session) map[string]any {
	idvs := []any{}
	if s.idv != nil {
		first, last := cmp.Or(s.idv.FirstName, "Zelda"), cmp.Or(s.idv.LastName, "Quokkamarker")
		idvs = append(idvs, map[string]any{"node_id": "feature_ocr", "status": s.idv.Status,
			"document_type": s.idv.DocumentType, "issuing_country": s.idv.IssuingCountry,
			"date_of_birth": s.idv.DateOfBirth, "first_name": first, "last_name": last,
			"document_number": s.idv.DocumentNumber, "nationality": s.idv.Nationality,
			"front_image": "https://media.didit.example/" + s.id + "/front.jpg?expires=3600", "warnings": idvWarnings(s.idv.Status)})
	}
	reviews := []any{}
	for _, r := range s.reviews {
		reviews = append(reviews, r)
	}
	return map[string]any{"session_id": s.id, "session_number": s.number, "session_url": "https://verify.didit.me/session/" + s.token,
		"status": s.status, "workflow_id": f.WorkflowID, "features": []string{"ID_VERIFICATION", "LIVENESS", "FACE_MATCH"},
		"vendor_data": s.vendorData, "callback": s.callback, "created_at": s.created.Format(time.RFC3339),
		"id_verifications": idvs,
		"liveness_checks":  []any{map[string]any{"node_id": "feature_liveness", "status": "Approved", "score": 98.5}},
		"face_matches":     []any{map[string]any{"node_id": "feature_face", "status": "Approved", "score": 91.25}},
		"aml_screenings":   []any{}, "reviews": reviews, "warnings": []any{}}
}

// idvWarnings are the warnings of an ID check: one when it is in review.
func idvWarnings(status string) []any {
	if status != didit.StatusInReview {
		return []any{}
	}
	return []any{map[string]any{"risk": "POSSIBLE_DUPLICATED_USER", "feature": "ID_VERIFICATION",
		"short_description": "Possible duplicated user", "log_type": "warning"}}
}

func (f *Fake) updateLocked(w http.ResponseWriter, s *session, body []byte) {
	var in didit.UpdateStatus
	if err := json.Unmarshal(body, &in); err != nil {
		fail(w, http.StatusBadRequest, "Invalid JSON.")
		return
	}
	switch in.NewStatus {
	case didit.StatusApproved, didit.StatusDeclined:
	case didit.StatusResubmitted:
		if len(in.NodesToResubmit) == 0 {
			writeJSON(w, http.StatusBadRequest, map[string][]string{"nodes_to_resubmit": {"This field is required."}})
			return
		}
	default:
		writeJSON(w, http.StatusBadRequest, map[string][]string{"new_status": {"Not a valid choice."}})
		return
	}
	switch s.status {
	case didit.StatusInReview, didit.StatusApproved, didit.StatusDeclined:
	default:
		fail(w, http.StatusBadRequest, "The session's status cannot be updated now.")
		return
	}
	s.reviews = append(s.reviews, map[string]any{"user": "api", "new_status": in.NewStatus, "comment": in.Comment,
		"created_at": f.Now().UTC().Format(time.RFC3339)})
	s.status = in.NewStatus
	// The ID check keeps its own status (In Review): only the session's changes.
	f.queueLocked(s)
	writeJSON(w, http.StatusOK, map[string]any{"session_id": s.id, "status": s.status})
}

// FailNext answers the next n authentic requests with status (a 429 or 5xx, say) and,
// when retryAfter is not empty, a Retry-After header.
func (f *Fake) FailNext(n, status int, retryAfter string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.failures = append(f.failures, failure{status: status, retryAfter: retryAfter})
	}
}

// Requests lists the requests the fake accepted, in order.
func (f *Fake) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.requests...)
}

// Count counts the accepted requests of method whose path is path.
func (f *Fake) Count(method, path string) int {
	n := 0
	for _, r := range f.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

// Ref returns the id of the latest session whose vendor_data is vendorData ("" if none).
func (f *Fake) Ref(vendorData string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.byVendor[vendorData]
}

// Sessions reports how many sessions the fake holds.
func (f *Fake) Sessions() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.sessions)
}

// Status returns session ref's status ("" when there is none).
func (f *Fake) Status(ref string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if s := f.sessions[ref]; s != nil {
		return s.status
	}
	return ""
}

func (f *Fake) with(t testing.TB, ref string, fn func(s *session)) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.sessions[ref]
	if !ok {
		t.Fatalf("diditest: no session %q", ref)
	}
	fn(s)
}

// SetIDVerification sets the ID check of session ref's decision.
func (f *Fake) SetIDVerification(t testing.TB, ref string, idv didit.IDVerification) {
	f.with(t, ref, func(s *session) { s.idv = &idv })
}

// SetStatus sets session ref's status and queues its status.updated webhook.
func (f *Fake) SetStatus(t testing.TB, ref, status string) {
	f.with(t, ref, func(s *session) { s.status = status; f.queueLocked(s) })
}

// Webhooks returns and forgets the webhooks the fake's state changes produced, in order.
func (f *Fake) Webhooks() []Delivery {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.webhooks
	f.webhooks = nil
	return out
}

func (f *Fake) queueLocked(s *session) {
	f.seq++
	h, b := f.webhookLocked(s.id, s, "status.updated", fmt.Sprintf("evt-%08d", f.seq), f.Now())
	f.webhooks = append(f.webhooks, Delivery{Header: h, Body: b})
}

// Webhook returns a status.updated delivery about session ref (its current status; In
// Progress for a session the fake does not hold) with event id eventID, sent at at, with
// every header Didit sends.
func (f *Fake) Webhook(ref, eventID string, at time.Time) (http.Header, []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.webhookLocked(ref, f.sessions[ref], "status.updated", eventID, at)
}

// final reports whether a webhook about status carries the decision.
func final(status string) bool {
	switch status {
	case didit.StatusApproved, didit.StatusDeclined, didit.StatusInReview, didit.StatusKYCExpired:
		return true
	}
	return false
}

func (f *Fake) webhookLocked(ref string, s *session, typ, eventID string, at time.Time) (http.Header, []byte) {
	body := map[string]any{"session_id": ref, "status": didit.StatusInProgress, "webhook_type": typ,
		"workflow_id": f.WorkflowID, "timestamp": at.Unix(), "created_at": at.Unix(), "event_id": eventID}
	if s != nil {
		body["status"], body["vendor_data"] = s.status, s.vendorData
		if final(s.status) {
			body["decision"] = f.decisionLocked(s)
		}
	}
	raw := encode(body)
	ts := strconv.FormatInt(at.Unix(), 10)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(didit.HeaderTimestamp, ts)
	h.Set(didit.HeaderSignature, didit.Sign([]byte(f.WebhookSecret), raw))
	// V2: the same HMAC over the canonical re-encoding (keys sorted, compact, non-ASCII
	// kept): the fake's own encoding already is that.
	h.Set(didit.HeaderSignatureV2, didit.Sign([]byte(f.WebhookSecret), raw))
	simple := hmac.New(sha256.New, []byte(f.WebhookSecret))
	fmt.Fprintf(simple, "%s:%s:%s:%s", ts, ref, body["status"], typ)
	h.Set(didit.HeaderSignatureSimple, hex.EncodeToString(simple.Sum(nil)))
	return h, raw
}

// encode is compact JSON with sorted keys (maps), non-ASCII and HTML characters kept.
func encode(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// PDF is the report the fake serves for session id: a small PDF naming the session.
func PDF(id string) []byte {
	return []byte("%PDF-1.4\n% diditest report for session " + id + "\n%%EOF\n")
}

// createWorkflow answers POST /v3/workflows/ as Didit's management API documents it
// (201 with the workflow's uuid); a workflow without a label or features is refused
// (400), as is a feature the fake does not know.
func (f *Fake) createWorkflow(w http.ResponseWriter, body []byte) {
	var in didit.WorkflowRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		fail(w, http.StatusBadRequest, "Invalid request body.")
		return
	}
	if in.WorkflowLabel == "" || len(in.Features) == 0 {
		writeJSON(w, http.StatusBadRequest, map[string][]string{"features": {"This field is required."}})
		return
	}
	names := []string{}
	for _, ft := range in.Features {
		switch ft.Feature {
		case "OCR", "LIVENESS", "FACE_MATCH", "AML", "NFC", "IP_ANALYSIS":
		default:
			writeJSON(w, http.StatusBadRequest, map[string][]string{"features": {"Unknown feature " + ft.Feature + "."}})
			return
		}
		names = append(names, ft.Feature)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	f.workflows = append(f.workflows, in)
	id := fmt.Sprintf("%08x-0000-4000-8000-%012x", 0x3f10f000+f.seq, f.seq)
	writeJSON(w, http.StatusCreated, map[string]any{"uuid": id, "workflow_id": id, "workflow_label": in.WorkflowLabel,
		"features": names, "max_retry_attempts": in.MaxRetryAttempts, "version": 1, "status": "published"})
}

// Workflows lists the workflows created through the API, in order.
func (f *Fake) Workflows() []didit.WorkflowRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]didit.WorkflowRequest(nil), f.workflows...)
}

// blocklistAdd answers POST /v3/blocklist/add/: {"session_id", "blocklist_face"?,
// "blocklist_document"?}; an unknown session is a 404.
func (f *Fake) blocklistAdd(w http.ResponseWriter, body []byte) {
	var in didit.BlocklistRequest
	if err := json.Unmarshal(body, &in); err != nil || in.SessionID == "" {
		writeJSON(w, http.StatusBadRequest, map[string][]string{"session_id": {"This field is required."}})
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.sessions[in.SessionID] == nil {
		fail(w, http.StatusNotFound, "Session not found.")
		return
	}
	f.blocklisted = append(f.blocklisted, in.SessionID)
	writeJSON(w, http.StatusOK, map[string]any{"session_id": in.SessionID, "blocklisted": true})
}

// Blocklisted lists the session ids added to the blocklist, in order.
func (f *Fake) Blocklisted() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.blocklisted...)
}
