package kyc_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
)

func TestWebhooksThatDoNotVerifyStoreNothing(t *testing.T) {
	t.Parallel()
	b := setupExt(t, nil)
	_, _, ref := b.start(t)
	now := b.clock.Now()
	h, body := b.vendor.webhook("e-1", ref, "reviewed", now)

	forged, forgedBody := b.vendor.webhookSigned("not-the-secret", "e-1", ref, "reviewed", now)
	tampered := []byte(strings.Replace(string(body), "reviewed", "approved", 1))
	missing := h.Clone()
	missing.Del(extSignature)
	staleH, staleBody := b.vendor.webhook("e-2", ref, "reviewed", now.Add(-extStale-time.Minute))
	big := []byte(`{"id":"e-3","pad":"` + strings.Repeat("x", kyc.MaxWebhookBytes) + `"}`)
	bigH, _ := b.vendor.webhookSigned(extSecret, "e-3", ref, "reviewed", now)
	for _, c := range []struct {
		name   string
		h      http.Header
		body   []byte
		status int
		code   string
	}{
		{"forged signature", forged, forgedBody, http.StatusUnauthorized, "invalid_signature"},
		{"body changed", h, tampered, http.StatusUnauthorized, "invalid_signature"},
		{"missing header", missing, body, http.StatusUnauthorized, "invalid_signature"},
		{"stale", staleH, staleBody, http.StatusUnauthorized, "invalid_signature"},
		{"over the limit", bigH, big, http.StatusRequestEntityTooLarge, "body_too_large"},
	} {
		rec := b.deliver(t, c.h, c.body)
		require.Equal(t, c.status, rec.Code, "%s: %s", c.name, rec.Body)
		require.Contains(t, rec.Body.String(), `"code":"`+c.code+`"`, c.name)
	}
	// Over the limit without a declared length (chunked): read up to the limit only.
	req, err := http.NewRequest("POST", "/v1/webhooks/"+extName, strings.NewReader(string(big)))
	require.NoError(t, err)
	req.Header = bigH
	req.ContentLength = -1
	rec := b.deliverRequest(req)
	require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, rec.Body.String())

	for _, name := range []string{"manual", "nope"} {
		rec := b.deliverTo(t, name, h, body)
		require.Equal(t, http.StatusNotFound, rec.Code, "%s: %s", name, rec.Body)
		require.Contains(t, rec.Body.String(), "unknown_provider")
	}
	require.Zero(t, countRows(t, b.store, "provider_events", ""), "nothing stored")
	jobs, err := queue.Waiting[kyc.ProcessEventArgs](t.Context(), b.store)
	require.NoError(t, err)
	require.Empty(t, jobs, "nothing queued")

	rec = b.deliver(t, h, body)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, 1, countRows(t, b.store, "provider_events", ""))
	raw := b.call(t, http.StatusOK, "GET", "/metrics", nil, nil).Body.String()
	require.Contains(t, raw, `kycgate_provider_webhooks_total{outcome="refused",provider="ext"} 4`)
	require.Contains(t, raw, `kycgate_provider_webhooks_total{outcome="too_large",provider="ext"} 2`)
	require.Contains(t, raw, `kycgate_provider_webhooks_total{outcome="received",provider="ext"} 1`)
}

func (b extBundle) deliverTo(t testing.TB, provider string, h http.Header, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	req, err := http.NewRequest("POST", "/v1/webhooks/"+provider, strings.NewReader(string(body)))
	require.NoError(t, err)
	req.Header = h.Clone()
	return b.deliverRequest(req)
}

func TestTheSameWebhookFiftyTimesHasOneEffect(t *testing.T) {
	t.Parallel()
	b := setupExt(t, nil)
	_, id, ref := b.start(t)
	b.vendor.set(ref, "green")
	h, body := b.vendor.webhook("e-green", ref, "reviewed", b.clock.Now())

	var wg sync.WaitGroup
	codes := make([]int, 50)
	duplicates := make([]bool, 50)
	for i := range 50 {
		wg.Go(func() {
			rec := b.deliver(t, h, body)
			codes[i] = rec.Code
			var out struct{ Duplicate bool }
			_ = json.Unmarshal(rec.Body.Bytes(), &out)
			duplicates[i] = out.Duplicate
		})
	}
	wg.Wait()
	dups := 0
	for i, c := range codes {
		require.Equal(t, http.StatusOK, c, "delivery %d", i)
		if duplicates[i] {
			dups++
		}
	}
	require.Equal(t, 49, dups, "one stored, 49 acknowledged as duplicates")
	require.Equal(t, 1, countRows(t, b.store, "provider_events", ""))
	jobs, err := queue.Waiting[kyc.ProcessEventArgs](t.Context(), b.store)
	require.NoError(t, err)
	require.Len(t, jobs, 1)

	b.work(t)
	v := b.verificationOf(t, id)
	require.Equal(t, storage.StatusApproved, v.Status)
	require.Equal(t, 2, v.Level, "the level the vendor's result grants")
	require.EqualValues(t, 1, b.vendor.fetches.Load())
	require.Equal(t, 1, b.audits(t, id, "verification.approved"))
	require.Equal(t, 1, b.hooks.Count("verification.updated", id, "approved"))
	require.Equal(t, 1, countRows(t, b.store, "provider_events", "processed_at IS NOT NULL AND verification_id = $1", id))
	sub, err := b.store.GetSubject(t.Context(), v.SubjectID)
	require.NoError(t, err)
	require.Equal(t, "FR", sub.Country, "claims come from the vendor's result")

	// Sent again after processing: still nothing more.
	require.Equal(t, http.StatusOK, b.deliver(t, h, body).Code)
	b.work(t)
	require.EqualValues(t, 1, b.vendor.fetches.Load())
	require.Equal(t, 1, b.audits(t, id, "verification.approved"))

	// The payload is kept sealed.
	require.Zero(t, countRows(t, b.store, "provider_events", "payload LIKE $1", "%Quokka%"))
}

func TestEventsOutOfOrderEndRight(t *testing.T) {
	t.Parallel()
	b := setupExt(t, nil)
	now := b.clock.Now()

	// The newer event (reviewed, approved) is processed before the older one (pending).
	_, id, ref := b.start(t)
	b.vendor.set(ref, "green")
	b.send(t, "e-2", ref, "reviewed", now.Add(-time.Minute))
	b.work(t)
	require.Equal(t, storage.StatusApproved, b.verificationOf(t, id).Status)
	b.send(t, "e-1", ref, "pending", now.Add(-2*time.Minute))
	b.work(t)
	require.Equal(t, storage.StatusApproved, b.verificationOf(t, id).Status)
	require.EqualValues(t, 1, b.vendor.fetches.Load(), "an event older than one processed is not even fetched for")
	require.Equal(t, 2, countRows(t, b.store, "provider_events", "processed_at IS NOT NULL"))

	// Both arrive before either is processed, the vendor already at its final state.
	_, id2, ref2 := b.start(t)
	b.send(t, "f-2", ref2, "reviewed", now)
	b.send(t, "f-1", ref2, "pending", now.Add(-time.Minute))
	b.vendor.set(ref2, "final")
	b.work(t)
	v := b.verificationOf(t, id2)
	require.Equal(t, storage.StatusRejected, v.Status)
	require.Equal(t, kyc.RejectFinal, v.RejectType)

	// A newer event while the vendor's API still reports an earlier state (or an event
	// without a time): the state machine keeps the verification where it is, silently.
	b.vendor.set(ref, "pending")
	b.send(t, "e-3", ref, "pending", now)
	b.work(t)
	require.Equal(t, storage.StatusApproved, b.verificationOf(t, id).Status)
	require.Zero(t, b.audits(t, id, "verification.transition_refused"))
	require.Equal(t, 1, b.hooks.Count("verification.updated", id, "approved"))
	require.Zero(t, b.hooks.Count("verification.updated", id, "in_review"))
}

func TestLostWebhookIsCoveredByPolling(t *testing.T) {
	t.Parallel()
	b := setupExt(t, nil)
	_, id, ref := b.start(t)
	_, idQuiet, refQuiet := b.start(t)
	b.vendor.set(ref, "green")
	b.vendor.set(refQuiet, "pending")
	// poll runs the periodic poll job and the fetches it schedules, and reports how
	// many verifications were fetched.
	poll := func() int {
		t.Helper()
		before := b.vendor.fetches.Load()
		require.NoError(t, b.store.InTx(t.Context(), func(tx storage.Store) error {
			_, err := queue.InsertTx(t.Context(), tx, kyc.PollArgs{}, nil)
			return err
		}))
		b.work(t)
		return int(b.vendor.fetches.Load() - before)
	}

	b.clock.Add(14 * time.Minute)
	require.Zero(t, poll(), "not before KYCGATE_PROVIDER_POLL_AFTER")
	b.clock.Add(time.Minute)
	require.Equal(t, 2, poll())
	require.Equal(t, storage.StatusApproved, b.verificationOf(t, id).Status, "the lost approval is found")
	require.Equal(t, 1, b.hooks.Count("verification.updated", id, "approved"))
	require.Equal(t, storage.StatusInReview, b.verificationOf(t, idQuiet).Status)

	// Unchanged: polled again after as long as it has been unchanged (15m, 30m, 1h, …).
	fetches := func() int64 { return b.vendor.fetches.Load() }
	base := fetches()
	for _, wait := range []time.Duration{15 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour} {
		b.clock.Add(wait - time.Minute)
		require.Zero(t, poll(), "not due yet")
		b.clock.Add(time.Minute)
		require.Equal(t, 1, poll(), "due after %s", wait)
		base++
		require.Equal(t, base, fetches())
	}
	for range 3 { // capped
		b.clock.Add(kyc.MaxPollInterval)
		require.Equal(t, 1, poll())
	}
	b.vendor.set(refQuiet, "retry")
	b.clock.Add(kyc.MaxPollInterval)
	require.Equal(t, 1, poll())
	v := b.verificationOf(t, idQuiet)
	require.Equal(t, storage.StatusResubmissionRequested, v.Status)
	b.vendor.set(refQuiet, "final")
	b.clock.Add(16 * time.Minute)
	require.Equal(t, 1, poll(), "still open: polled until it closes")
	require.Equal(t, storage.StatusRejected, b.verificationOf(t, idQuiet).Status)
	b.clock.Add(24 * time.Hour)
	require.Zero(t, poll(), "closed: no more polling")
}

func TestProviderFailuresAreRetriedAndRefusalsNoted(t *testing.T) {
	t.Parallel()
	b := setupExt(t, nil)
	_, id, ref := b.start(t)
	b.vendor.set(ref, "green")
	b.vendor.fail = 2
	b.send(t, "e-1", ref, "reviewed", b.clock.Now())
	b.work(t)
	require.Equal(t, storage.StatusCreated, b.verificationOf(t, id).Status)
	jobs, err := queue.Waiting[kyc.ProcessEventArgs](t.Context(), b.store)
	require.NoError(t, err)
	require.Len(t, jobs, 1, "retried with backoff, not dropped")
	b.clock.Add(31 * time.Second)
	b.work(t)
	require.Equal(t, storage.StatusCreated, b.verificationOf(t, id).Status, "second failure")
	b.clock.Add(61 * time.Second)
	b.work(t)
	require.Equal(t, storage.StatusApproved, b.verificationOf(t, id).Status, "third run")
	require.EqualValues(t, 3, b.vendor.fetches.Load())

	// A client error from the vendor is permanent: the job is cancelled, the
	// verification carries an audited note without personal data.
	_, id2, ref2 := b.start(t)
	b.vendor.refuse = true
	b.send(t, "e-2", ref2, "reviewed", b.clock.Now())
	b.work(t)
	jobs, err = queue.Waiting[kyc.ProcessEventArgs](t.Context(), b.store)
	require.NoError(t, err)
	require.Empty(t, jobs)
	given, err := queue.GivenUp[kyc.ProcessEventArgs](t.Context(), b.store)
	require.NoError(t, err)
	require.Len(t, given, 1, "cancelled, visible in the jobs UI")
	list, err := b.store.ListAudit(t.Context(), "verification", id2)
	require.NoError(t, err)
	last := list[len(list)-1]
	require.Equal(t, "verification.provider_error", last.Action)
	require.Contains(t, last.Detail, `"code":"ext_applicant_not_found"`)
	require.NotContains(t, last.Detail, "Quokka")
	require.Equal(t, storage.StatusCreated, b.verificationOf(t, id2).Status)
	raw := b.call(t, http.StatusOK, "GET", "/metrics", nil, nil).Body.String()
	require.Contains(t, raw, `kycgate_provider_processing_failures_total{kind="retry",provider="ext"} 2`)
	require.Contains(t, raw, `kycgate_provider_processing_failures_total{kind="permanent",provider="ext"} 1`)
}

func TestLaterRedRevokesAnApprovedSubject(t *testing.T) {
	t.Parallel()
	for _, later := range []string{"reset", "final"} {
		t.Run(later, func(t *testing.T) {
			t.Parallel()
			b := setupExt(t, nil)
			w, id, ref := b.start(t)
			b.vendor.set(ref, "green")
			b.send(t, "e-1", ref, "reviewed", b.clock.Now())
			b.work(t)
			require.Equal(t, storage.StatusApproved, b.verificationOf(t, id).Status)
			var att struct{ UID string }
			b.call(t, http.StatusCreated, "POST", "/v1/attestations", map[string]any{"chainId": 1}, &att, w.auth...)

			b.clock.Add(time.Hour)
			b.vendor.set(ref, later)
			b.send(t, "e-2", ref, "reviewed", b.clock.Now())
			b.work(t)
			require.Equal(t, storage.StatusRevoked, b.verificationOf(t, id).Status)
			var status struct{ Status, RevocationReason string }
			b.call(t, http.StatusOK, "GET", "/v1/attestations/"+att.UID, nil, &status)
			require.Equal(t, "revoked", status.Status, "offchain at once")
			require.Equal(t, kyc.RevokedReversed, status.RevocationReason)
			onchain, err := queue.Waiting[verifier.RevokeArgs](t.Context(), b.store)
			require.NoError(t, err)
			require.Equal(t, []verifier.RevokeArgs{{UID: att.UID}}, onchain, "onchain by job")
			require.Equal(t, 1, b.hooks.Count("verification.updated", id, "revoked"), "the tenant is told")
			require.Equal(t, 1, b.audits(t, id, "verification.revoked"))
			sub := b.subjectOf(t, w)
			require.Zero(t, sub.ApprovedLevel)
		})
	}
}

// deliverRequest serves a prepared request.
func (b extBundle) deliverRequest(req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	b.h.ServeHTTP(rec, req.WithContext(context.Background()))
	return rec
}

// send delivers a signed event and requires 200.
func (b extBundle) send(t testing.TB, id, ref, typ string, at time.Time) {
	t.Helper()
	h, body := b.vendor.webhook(id, ref, typ, at)
	rec := b.deliver(t, h, body)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
}
