package didit_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/didit"
	"github.com/kycgate/kycgate/storage"
)

func TestConfigNamesTheBadVariable(t *testing.T) {
	t.Parallel()
	f := setup(t).fake
	for variable, value := range map[string]string{
		"KYCGATE_DIDIT_API_KEY":        "",
		"KYCGATE_DIDIT_WORKFLOW_ID":    "",
		"KYCGATE_DIDIT_WEBHOOK_SECRET": "",
		"KYCGATE_DIDIT_BASE_URL":       "https://verification.didit.me/v3",
		"KYCGATE_DIDIT_LEVEL":          "4",
		"KYCGATE_DIDIT_CALLBACK_URL":   "/relative",
	} {
		env := f.Env()
		env[variable] = value
		_, err := open(env)
		require.ErrorContains(t, err, variable, "%s=%q", variable, value)
	}
	env := f.Env()
	delete(env, "KYCGATE_DIDIT_BASE_URL")
	var cfg didit.Config
	require.NoError(t, conf.Decode(didit.Type, &cfg, func(k string) string { return env[k] }))
	require.Equal(t, "https://verification.didit.me", cfg.BaseURL)
	require.Equal(t, 1, cfg.Level)
}

func TestStartCreatesAndResumesTheSession(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v, s := b.start(t)
	require.NotEmpty(t, s.URL)
	req := b.fake.Requests()[0]
	require.Equal(t, "POST /v3/session/", req.Method+" "+req.Path)
	var sent map[string]any
	require.NoError(t, json.Unmarshal(req.Body, &sent))
	require.Equal(t, map[string]any{"workflow_id": b.fake.WorkflowID, "vendor_data": v.ID, "callback": "https://kyc.example"}, sent,
		"vendor_data is the opaque verification id; nothing else about the user is sent")

	b.fake.SetStatus(t, s.Ref, didit.StatusInProgress)
	again, err := b.p.Start(t.Context(), v)
	require.NoError(t, err)
	require.Equal(t, s, again, "an unfinished session is resumed")
	require.Equal(t, 1, b.fake.Sessions())

	b.fake.SetStatus(t, s.Ref, didit.StatusExpired)
	fresh, err := b.p.Start(t.Context(), v)
	require.NoError(t, err)
	require.NotEqual(t, s.Ref, fresh.Ref, "a finished session is not reopened")
	require.Equal(t, 2, b.fake.Sessions())
}

func TestTheAPIKeyIsChecked(t *testing.T) {
	t.Parallel()
	b := setup(t)
	env := b.fake.Env()
	env["KYCGATE_DIDIT_API_KEY"] = "wrong"
	p, err := open(env)
	require.NoError(t, err)
	_, err = p.Start(t.Context(), b.verification())
	require.Equal(t, "didit_unauthorized", fault.Code(err))
	retry, _ := didit.Retryable(err)
	require.False(t, retry)
	require.Zero(t, b.fake.Sessions())
}

func TestVerifyWebhook(t *testing.T) {
	t.Parallel()
	b := setup(t)
	_, s := b.start(t)
	b.fake.SetStatus(t, s.Ref, didit.StatusInReview)
	h, body := b.fake.Webhook(s.Ref, "evt-a", now.Add(-time.Minute))
	for _, name := range []string{didit.HeaderSignature, didit.HeaderTimestamp, didit.HeaderSignatureV2, didit.HeaderSignatureSimple} {
		require.NotEmpty(t, h.Get(name), name)
	}
	ev, err := b.p.VerifyWebhook(h, body)
	require.NoError(t, err)
	require.Equal(t, kyc.WebhookEvent{ID: "evt-a", Ref: s.Ref, Type: "status.updated", At: now.Add(-time.Minute)}, ev)

	for _, skew := range []time.Duration{-301 * time.Second, 301 * time.Second} {
		h, body := b.fake.Webhook(s.Ref, "evt-b", now.Add(skew))
		_, err := b.p.VerifyWebhook(h, body)
		require.Equal(t, "webhook_stale", fault.Code(err), "skew %s", skew)
		require.True(t, fault.IsKind(err, fault.Unauthorized))
	}
	for _, skew := range []time.Duration{-300 * time.Second, 300 * time.Second} {
		h, body := b.fake.Webhook(s.Ref, "evt-c", now.Add(skew))
		_, err := b.p.VerifyWebhook(h, body)
		require.NoError(t, err, "skew %s", skew)
	}
	bad := h.Clone()
	bad.Set(didit.HeaderTimestamp, "yesterday")
	_, err = b.p.VerifyWebhook(bad, body)
	require.Equal(t, "webhook_timestamp_invalid", fault.Code(err))

	// Signed but not a session event.
	junk := []byte(`{"event_id":"x"}`)
	jh := http.Header{}
	jh.Set(didit.HeaderSignature, didit.Sign([]byte(b.fake.WebhookSecret), junk))
	jh.Set(didit.HeaderTimestamp, strconv.FormatInt(now.Unix(), 10))
	_, err = b.p.VerifyWebhook(jh, junk)
	require.Equal(t, "webhook_body_invalid", fault.Code(err))
}

func TestFetchApprovalClaims(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v, s := b.start(t)
	b.fake.SetIDVerification(t, s.Ref, didit.IDVerification{Status: didit.StatusApproved, IssuingCountry: "deu", DateOfBirth: "2001-02-03",
		FirstName: "Hedy", LastName: "Kiesler", DocumentType: "Passport", DocumentNumber: "C4J2X9", Nationality: "AUT"})
	b.fake.SetStatus(t, s.Ref, didit.StatusApproved)
	res, err := b.p.Fetch(t.Context(), v)
	require.NoError(t, err)
	require.Equal(t, kyc.Result{Status: storage.StatusApproved, Level: 1,
		Claims: &kyc.Claims{Country: "DE", DateOfBirth: time.Date(2001, 2, 3, 0, 0, 0, 0, time.UTC), Name: "Hedy Kiesler",
			Nationality: "AT", Document: &kyc.Document{Type: "Passport", Number: "C4J2X9", Country: "DE"}}}, res)
	require.Equal(t, 1, b.fake.Count("GET", "/v3/session/"+s.Ref+"/decision/"))

	for name, idv := range map[string]didit.IDVerification{
		"no approved ID check": {Status: didit.StatusDeclined, IssuingCountry: "DEU", DateOfBirth: "2001-02-03"},
		"unknown country":      {Status: didit.StatusApproved, IssuingCountry: "XXX", DateOfBirth: "2001-02-03"},
		"alpha-2 country":      {Status: didit.StatusApproved, IssuingCountry: "DE", DateOfBirth: "2001-02-03"},
		"bad date of birth":    {Status: didit.StatusApproved, IssuingCountry: "DEU", DateOfBirth: "03/02/2001"},
	} {
		b.fake.SetIDVerification(t, s.Ref, idv)
		_, err := b.p.Fetch(t.Context(), v)
		require.Equal(t, "didit_unmapped", fault.Code(err), name)
	}
	b.fake.SetStatus(t, s.Ref, "Awaiting User")
	_, err = b.p.Fetch(t.Context(), v)
	require.Equal(t, "didit_unmapped", fault.Code(err), "an unknown status is never guessed")
}

func TestFetchLaterFindingsOfAnApprovedOne(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v, s := b.start(t)
	b.fake.SetIDVerification(t, s.Ref, person)
	v.Status = storage.StatusApproved
	for status, want := range map[string]storage.VerificationStatus{
		didit.StatusApproved:   storage.StatusApproved,
		didit.StatusInReview:   storage.StatusApproved,
		didit.StatusKYCExpired: storage.StatusRevoked,
		didit.StatusDeclined:   storage.StatusRevoked,
	} {
		b.fake.SetStatus(t, s.Ref, status)
		res, err := b.p.Fetch(t.Context(), v)
		require.NoError(t, err, status)
		require.Equal(t, want, res.Status, status)
	}
}

func TestFetchErrors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v, _ := b.start(t)
	b.fake.FailNext(1, http.StatusTooManyRequests, "42")
	_, err := b.p.Fetch(t.Context(), v)
	retry, after := didit.Retryable(err)
	require.True(t, retry)
	require.Equal(t, 42*time.Second, after)
	var fe *fault.Error
	require.ErrorAs(t, err, &fe)
	require.Equal(t, 42*time.Second, fe.RetryAfter, "the pipeline reads RetryAfter")

	b.fake.FailNext(1, http.StatusServiceUnavailable, "")
	_, err = b.p.Fetch(t.Context(), v)
	require.True(t, fault.IsKind(err, fault.Unavailable))

	v.ProviderRef = "no-such-session"
	_, err = b.p.Fetch(t.Context(), v)
	require.True(t, fault.IsKind(err, fault.NotFound), "a 4xx is permanent")
	v.ProviderRef = ""
	_, err = b.p.Fetch(t.Context(), v)
	require.Equal(t, "didit_no_session", fault.Code(err))
}

func TestDecideIsSentToDidit(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v, s := b.start(t)
	err := b.p.Decide(t.Context(), s.Ref, didit.UpdateStatus{NewStatus: didit.StatusApproved})
	require.True(t, fault.IsKind(err, fault.Invalid), "Didit refuses a decision on a session not in review")
	require.Equal(t, didit.StatusNotStarted, b.fake.Status(s.Ref))

	b.fake.SetIDVerification(t, s.Ref, didit.IDVerification{Status: didit.StatusInReview, IssuingCountry: "FRA", DateOfBirth: "1980-05-06"})
	b.fake.SetStatus(t, s.Ref, didit.StatusInReview)
	err = b.p.Decide(t.Context(), s.Ref, didit.UpdateStatus{NewStatus: didit.StatusResubmitted})
	require.Equal(t, "didit_nodes_missing", fault.Code(err), "refused before anything is sent")
	require.NoError(t, b.p.Decide(t.Context(), s.Ref, didit.UpdateStatus{NewStatus: didit.StatusResubmitted,
		Comment: "The selfie is blurry.", NodesToResubmit: []string{"feature_liveness"}}))
	require.Equal(t, didit.StatusResubmitted, b.fake.Status(s.Ref))
	last := b.fake.Requests()[len(b.fake.Requests())-1]
	require.Equal(t, "PATCH /v3/session/"+s.Ref+"/update-status/", last.Method+" "+last.Path)
	require.JSONEq(t, `{"new_status":"Resubmitted","comment":"The selfie is blurry.","nodes_to_resubmit":["feature_liveness"]}`, string(last.Body))

	b.fake.SetStatus(t, s.Ref, didit.StatusInReview)
	require.NoError(t, b.p.Decide(t.Context(), s.Ref, didit.UpdateStatus{NewStatus: didit.StatusApproved}))
	res, err := b.p.Fetch(t.Context(), v)
	require.NoError(t, err)
	require.Equal(t, storage.StatusApproved, res.Status)
	require.Equal(t, "FR", res.Claims.Country)
}
