package kora_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/screening/kora"
	"github.com/kycgate/kycgate/screening/kora/koratest"
	"github.com/kycgate/kycgate/screening/source"
)

var now = time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)

type testBundle struct {
	fake   *koratest.Fake
	client *kora.Client
}

func open(t *testing.T, env map[string]string) (*kora.Client, error) {
	t.Helper()
	cfg := kora.NewConfig()
	if err := conf.Decode(kora.Name, cfg, func(k string) string { return env[k] }); err != nil {
		return nil, err
	}
	s, err := cfg.OpenPerson(source.Deps{Now: func() time.Time { return now }})
	if err != nil {
		return nil, err
	}
	return s.(*kora.Client), nil
}

func setup(t *testing.T) testBundle {
	t.Helper()
	f := koratest.New(t)
	f.SetClock(func() time.Time { return now })
	c, err := open(t, f.Env())
	require.NoError(t, err)
	return testBundle{fake: f, client: c}
}

var alice = source.Person{Name: "Alice Example", DateOfBirth: "1990-04-01", Nationality: "DE",
	Identifiers: []source.Identifier{{Type: "PASSPORT", Value: "C01X00T47", Country: "DE"}}}

func onboarding(p source.Person) source.PersonQuery {
	return source.PersonQuery{Purpose: source.PurposeOnboarding, Person: &p}
}

func TestEachOutcome(t *testing.T) {
	t.Parallel()
	for _, o := range []source.PersonOutcome{source.PersonApprove, source.PersonApproveWithMonitoring,
		source.PersonReviewRequired, source.PersonBlock} {
		t.Run(string(o), func(t *testing.T) {
			t.Parallel()
			b := setup(t)
			b.fake.SetOutcome(alice.Name, o)
			r, err := b.client.ScreenPerson(context.Background(), onboarding(alice))
			require.NoError(t, err)
			require.False(t, r.Pending)
			require.Equal(t, o, r.Outcome)
			require.NotEmpty(t, r.ScreeningID)
			require.Positive(t, r.RiskScore)
			if o == source.PersonApprove {
				require.Empty(t, r.Rules)
			} else {
				require.NotEmpty(t, r.Matches)
				require.Equal(t, []string{"SANCTIONS_MATCH"}, r.Rules)
			}
		})
	}
}

func TestRequestCarriesThePersonAndTheChecks(t *testing.T) {
	t.Parallel()
	b := setup(t)
	_, err := b.client.ScreenPerson(context.Background(), onboarding(alice))
	require.NoError(t, err)
	reqs := b.fake.Requests()
	require.Len(t, reqs, 1)
	require.Equal(t, "Bearer "+koratest.APIKey, reqs[0].Header.Get("Authorization"))
	require.Equal(t, koratest.TenantID, reqs[0].Header.Get("X-Tenant-ID"))
	require.Equal(t, "application/json", reqs[0].Header.Get("Content-Type"))
	var body map[string]any
	require.NoError(t, json.Unmarshal(reqs[0].Body, &body))
	require.Equal(t, "SYNC", body["mode"])
	require.Equal(t, "ONBOARDING", body["purpose"])
	require.Equal(t, []any{"SANCTIONS", "PEP", "ADVERSE_MEDIA"}, body["checks"])
	require.Equal(t, map[string]any{"type": "INDIVIDUAL", "name": "Alice Example", "date_of_birth": "1990-04-01",
		"nationality": "DE", "identifiers": []any{map[string]any{"type": "PASSPORT", "value": "C01X00T47", "country": "DE"}}},
		body["subject"])
}

func TestAsyncCompletesByWebhookOrPoll(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.fake.SetOutcome(alice.Name, source.PersonReviewRequired)
	q := onboarding(alice)
	q.Async = true
	r, err := b.client.ScreenPerson(context.Background(), q)
	require.NoError(t, err)
	require.True(t, r.Pending)
	require.Empty(t, r.Outcome)

	polled, err := b.client.Screening(context.Background(), r.ScreeningID)
	require.NoError(t, err)
	require.True(t, polled.Pending)

	h, body := b.fake.Complete(t, r.ScreeningID)
	ev, err := b.client.VerifyEvent(h, body)
	require.NoError(t, err)
	require.Equal(t, source.EventScreeningCompleted, ev.Type)
	require.Equal(t, r.ScreeningID, ev.ScreeningID)
	require.Equal(t, source.PersonReviewRequired, ev.Outcome)
	require.Len(t, ev.ID, 64, "without an envelope id, the hash of the signed bytes")

	polled, err = b.client.Screening(context.Background(), r.ScreeningID)
	require.NoError(t, err)
	require.False(t, polled.Pending)
	require.Equal(t, source.PersonReviewRequired, polled.Outcome)
}

func TestMonitoredSubjectPeriodicScreening(t *testing.T) {
	t.Parallel()
	b := setup(t)
	id, err := b.client.Enrol(context.Background(), alice)
	require.NoError(t, err)
	require.Equal(t, 1, b.fake.Subjects())
	b.fake.SetOutcome(alice.Name, source.PersonBlock)
	r, err := b.client.ScreenPerson(context.Background(), source.PersonQuery{Purpose: source.PurposePeriodic, SubjectID: id})
	require.NoError(t, err)
	require.Equal(t, source.PersonBlock, r.Outcome)
	var body map[string]any
	reqs := b.fake.Requests()
	require.NoError(t, json.Unmarshal(reqs[len(reqs)-1].Body, &body))
	require.Equal(t, "PERIODIC", body["purpose"])
	require.Equal(t, id, body["subject_id"])
	require.NotContains(t, body, "subject")

	_, err = b.client.ScreenPerson(context.Background(), source.PersonQuery{Purpose: source.PurposePeriodic, SubjectID: "sub_missing"})
	var pe *source.PersonError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, source.PersonNotFound, pe.Code)
	require.Equal(t, 720*time.Hour, b.client.RescreenEvery())
}

func TestErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		code      string
		want      source.PersonErrorCode
		status    int
		retryable bool
		fields    bool
		wait      time.Duration
	}{
		{"VALIDATION_ERROR", source.PersonValidation, 400, false, true, 0},
		{"RATE_LIMITED", source.PersonRateLimited, 429, true, false, 7 * time.Second},
		{"SCREENING_TIMEOUT", source.PersonTimeout, 503, false, false, 0},
		{"SCREENING_FAILED", source.PersonFailed, 500, true, false, 0},
	} {
		t.Run(tc.code, func(t *testing.T) {
			t.Parallel()
			b := setup(t)
			b.fake.FailNext(tc.code)
			_, err := b.client.ScreenPerson(context.Background(), onboarding(alice))
			var pe *source.PersonError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, tc.want, pe.Code)
			require.Equal(t, tc.status, pe.Status)
			require.Equal(t, tc.retryable, pe.Retryable())
			require.Equal(t, tc.wait, pe.RetryAfter)
			require.NotEmpty(t, pe.RequestID)
			if tc.fields {
				require.Equal(t, []source.FieldError{{Field: "subject.date_of_birth", Message: "must be a valid date (YYYY-MM-DD)"}}, pe.Fields)
			} else {
				require.Empty(t, pe.Fields)
			}
			require.NotContains(t, err.Error(), alice.Name)
			require.NotContains(t, err.Error(), alice.Identifiers[0].Value)
			// The next call goes through.
			_, err = b.client.ScreenPerson(context.Background(), onboarding(alice))
			require.NoError(t, err)
		})
	}
}

func TestRealValidationFromTheFake(t *testing.T) {
	t.Parallel()
	b := setup(t)
	bad := alice
	bad.DateOfBirth = "01/04/1990"
	_, err := b.client.ScreenPerson(context.Background(), onboarding(bad))
	var pe *source.PersonError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, source.PersonValidation, pe.Code)
	require.Equal(t, "subject.date_of_birth", pe.Fields[0].Field)
}

// answering serves one canned answer.
func answering(t *testing.T, status int, header http.Header, body string) *kora.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	env := (&koratest.Fake{URL: srv.URL}).Env()
	c, err := open(t, env)
	require.NoError(t, err)
	return c
}

func TestRateLimitResetHeaderAlone(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		value string
		want  time.Duration
	}{
		{strconv.FormatInt(now.Add(42*time.Second).Unix(), 10), 42 * time.Second},
		{"12", 12 * time.Second},
		{strconv.FormatInt(now.Add(-time.Minute).Unix(), 10), 0},
		{"soon", 0},
	} {
		c := answering(t, 429, http.Header{"X-Ratelimit-Reset": {tc.value}}, `{"code":"RATE_LIMITED","message":"slow down"}`)
		_, err := c.ScreenPerson(context.Background(), onboarding(alice))
		var pe *source.PersonError
		require.ErrorAs(t, err, &pe)
		require.Equal(t, source.PersonRateLimited, pe.Code)
		require.Equal(t, tc.want, pe.RetryAfter, tc.value)
	}
}

func TestMalformedAndUnknownAnswers(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		status int
		body   string
		want   source.PersonErrorCode
	}{
		"not JSON":         {200, `<html>`, source.PersonFailed},
		"no id":            {200, `{"status":"COMPLETED","decision":{"outcome":"APPROVE"}}`, source.PersonFailed},
		"unknown outcome":  {200, `{"screening_id":"s1","decision":{"outcome":"MAYBE"}}`, source.PersonFailed},
		"502 without body": {502, ``, source.PersonFailed},
		"401":              {401, `{"code":"UNAUTHORIZED"}`, source.PersonUnauthorized},
		"422 without code": {422, `{}`, source.PersonValidation},
		"503 without code": {503, ``, source.PersonFailed},
	} {
		c := answering(t, tc.status, nil, tc.body)
		_, err := c.ScreenPerson(context.Background(), onboarding(alice))
		var pe *source.PersonError
		require.ErrorAs(t, err, &pe, name)
		require.Equal(t, tc.want, pe.Code, name)
	}
}

func TestWrongCredentialsAreRefused(t *testing.T) {
	t.Parallel()
	f := koratest.New(t)
	env := f.Env()
	env["KYCGATE_KORA_TENANT_ID"] = "someone-else"
	c, err := open(t, env)
	require.NoError(t, err)
	_, err = c.ScreenPerson(context.Background(), onboarding(alice))
	var pe *source.PersonError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, source.PersonUnauthorized, pe.Code)
	require.False(t, pe.Retryable())
}

func TestNetworkErrorIsRetryable(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	env := (&koratest.Fake{URL: srv.URL}).Env()
	srv.Close()
	c, err := open(t, env)
	require.NoError(t, err)
	_, err = c.ScreenPerson(context.Background(), onboarding(alice))
	var pe *source.PersonError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, source.PersonFailed, pe.Code)
	require.True(t, pe.Retryable())
}

func TestCancelledContextStopsTheCall(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	c, err := open(t, (&koratest.Fake{URL: srv.URL}).Env())
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := c.ScreenPerson(ctx, onboarding(alice)); done <- err }()
	cancel()
	err = <-done
	require.ErrorIs(t, err, context.Canceled)
}

func TestForgedWebhooksAreRefused(t *testing.T) {
	t.Parallel()
	b := setup(t)
	h, body := b.fake.MatchFound("sub_1", "scr_1")
	ev, err := b.client.VerifyEvent(h, body)
	require.NoError(t, err)
	require.Equal(t, source.EventScreeningMatchFound, ev.Type)
	require.Equal(t, "sub_1", ev.SubjectID)

	tampered := []byte(strings.Replace(string(body), "sub_1", "sub_2", 1))
	_, err = b.client.VerifyEvent(h, tampered)
	require.ErrorIs(t, err, kora.ErrSignature)

	forged := http.Header{}
	forged.Set("X-Webhook-Signature", kora.Sign("not-the-secret", body))
	_, err = b.client.VerifyEvent(forged, body)
	require.ErrorIs(t, err, kora.ErrSignature)

	_, err = b.client.VerifyEvent(http.Header{}, body)
	require.ErrorIs(t, err, kora.ErrSignature)

	h2, unknown := koratest.Webhook(map[string]any{"event": "screening.deleted", "data": map[string]any{"screening_id": "x"}})
	_, err = b.client.VerifyEvent(h2, unknown)
	require.ErrorIs(t, err, kora.ErrPayload)

	h3, noOutcome := koratest.Webhook(map[string]any{"event": "screening.completed", "data": map[string]any{"screening_id": "x"}})
	_, err = b.client.VerifyEvent(h3, noOutcome)
	require.ErrorIs(t, err, kora.ErrPayload)

	h4, breach := b.fake.ThresholdBreached("sub_9")
	ev, err = b.client.VerifyEvent(h4, breach)
	require.NoError(t, err)
	require.Equal(t, "sub_9", ev.SubjectID)
}

func TestTimestampBodyForm(t *testing.T) {
	t.Parallel()
	f := koratest.New(t)
	env := f.Env()
	env["KYCGATE_KORA_SIGNED_PAYLOAD"] = "timestamp.body"
	env["KYCGATE_KORA_SIGNATURE_HEADER"] = "X-Kora-Signature"
	c, err := open(t, env)
	require.NoError(t, err)
	body := []byte(`{"event":"risk.threshold_breached","data":{"subject_id":"sub_1"}}`)
	signed := func(at time.Time) http.Header {
		ts := strconv.FormatInt(at.Unix(), 10)
		h := http.Header{}
		h.Set("X-Webhook-Timestamp", ts)
		h.Set("X-Kora-Signature", kora.Sign(koratest.WebhookSecret, append([]byte(ts+"."), body...)))
		return h
	}
	_, err = c.VerifyEvent(signed(now.Add(-time.Minute)), body)
	require.NoError(t, err)
	_, err = c.VerifyEvent(signed(now.Add(-10*time.Minute)), body)
	require.ErrorIs(t, err, kora.ErrSignature, "a stale timestamp is a replay")
	plain := http.Header{}
	plain.Set("X-Kora-Signature", kora.Sign(koratest.WebhookSecret, body))
	_, err = c.VerifyEvent(plain, body)
	require.ErrorIs(t, err, kora.ErrSignature, "the body form is not accepted when timestamp.body is configured")
}

func TestConfig(t *testing.T) {
	t.Parallel()
	base := (&koratest.Fake{URL: "https://api.korastratum.com/api/v1"}).Env()
	for name, tc := range map[string]struct {
		key, value, want string
	}{
		"plain http off loopback": {"KYCGATE_KORA_BASE_URL", "http://kora.example.com/api/v1", "KYCGATE_KORA_BASE_URL"},
		"credentials in URL":      {"KYCGATE_KORA_BASE_URL", "https://u:p@kora.example.com/api/v1", "KYCGATE_KORA_BASE_URL"},
		"unknown check":           {"KYCGATE_KORA_CHECKS", "SANCTIONS,CRIMINAL", "KYCGATE_KORA_CHECKS"},
		"signed payload":          {"KYCGATE_KORA_SIGNED_PAYLOAD", "header", "KYCGATE_KORA_SIGNED_PAYLOAD"},
		"no key":                  {"KYCGATE_KORA_API_KEY", "", "KYCGATE_KORA_API_KEY"},
		"rescreen too often":      {"KYCGATE_KORA_RESCREEN_EVERY", "1m", "KYCGATE_KORA_RESCREEN_EVERY"},
	} {
		env := map[string]string{}
		for k, v := range base {
			env[k] = v
		}
		env[tc.key] = tc.value
		_, err := open(t, env)
		require.ErrorContains(t, err, tc.want, name)
		require.NotContains(t, err.Error(), koratest.APIKey, name)
	}
	c, err := open(t, base)
	require.NoError(t, err)
	require.NotNil(t, c)
	env := map[string]string{}
	for k, v := range base {
		env[k] = v
	}
	env["KYCGATE_KORA_BASE_URL"] = "http://127.0.0.1:9/api/v1"
	_, err = open(t, env)
	require.NoError(t, err, "plain http to a loopback fake is allowed")
	require.False(t, errors.Is(err, kora.ErrSignature))
}
