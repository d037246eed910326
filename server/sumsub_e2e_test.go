package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/sumsub"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
)

// The end-to-end tests of Sumsub (websdk mode) over the shared inbound pipeline: a whole
// gateway over HTTP, the fake Sumsub, River's jobs driven on the gateway's clock.

func TestSumsubE2EApprovedWithEachDigestAlgorithm(t *testing.T) {
	t.Parallel()
	e := startSumsubE2E(t)
	for _, alg := range []string{sumsub.AlgSHA1, sumsub.AlgSHA256, sumsub.AlgSHA512} {
		w, id, ref := e.start(t)
		require.Equal(t, storage.StatusCreated, e.verification(t, id).Status)
		e.green(t, ref)
		h, body := e.fake.Webhook(ref, "applicantReviewed", alg, "req-"+alg, e.Clock.Now())
		require.Equal(t, alg, h.Get(sumsub.HeaderDigestAlg))
		rec := e.deliver(h, body)
		require.Equal(t, http.StatusOK, rec.Code, "%s: %s", alg, rec.Body)
		require.JSONEq(t, `{"received":true,"duplicate":false}`, rec.Body.String())
		e.work(t)

		v := e.verification(t, id)
		require.Equal(t, storage.StatusApproved, v.Status, alg)
		require.Equal(t, 1, v.Level, "KYCGATE_SUMSUB_LEVEL's default")
		require.Equal(t, 1, e.audits(t, id, "verification.approved"))
		require.Equal(t, 1, e.told.Count("verification.updated", id, "approved"), "the tenant is told")

		uid, pkg := e.attest(t, w)
		rec = authtest.Do(t, e.Handler, "POST", "/v1/attestations/verify", map[string]any{"package": pkg})
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var got struct {
			Valid     bool
			UID       string
			Recipient string
			KYCLevel  int
			Country   string
			Over18    bool
		}
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
		require.True(t, got.Valid, rec.Body.String())
		require.Equal(t, uid, got.UID)
		require.True(t, strings.EqualFold(authtest.Address(w.key).Hex(), got.Recipient))
		require.Equal(t, 1, got.KYCLevel)
		require.Equal(t, "DE", got.Country, "Sumsub's alpha-3 DEU as alpha-2")
		require.True(t, got.Over18, "born 1990-01-02")
	}
	require.Equal(t, 3, e.count(t, "provider_events", "processed_at IS NOT NULL"))
	require.Zero(t, e.count(t, "provider_events", "payload LIKE $1", "%Quokka%"), "nothing personal in clear")
}

func TestSumsubE2ERedFinalAndRetry(t *testing.T) {
	t.Parallel()
	e := startSumsubE2E(t)

	w, id, ref := e.start(t)
	e.fake.SetReview(t, ref, sumsub.StatusCompleted, &sumsub.ReviewResult{ReviewAnswer: sumsub.AnswerRed,
		ReviewRejectType: sumsub.RejectFinal, ModerationComment: "We could not verify you.", ClientComment: "Quokka fraud ring"})
	e.notify(t, ref, "applicantReviewed")
	e.work(t)
	v := e.verification(t, id)
	require.Equal(t, storage.StatusRejected, v.Status)
	require.Equal(t, kyc.RejectFinal, v.RejectType)
	sub, err := e.Store.GetSubject(t.Context(), v.SubjectID)
	require.NoError(t, err)
	require.True(t, sub.Blocked, "a final rejection blocks the subject")
	require.Equal(t, 1, e.told.Count("verification.updated", id, "rejected"))
	rec := authtest.Do(t, e.Handler, "POST", "/v1/attestations", map[string]any{"chainId": 8453}, w.bearer...)
	require.NotEqual(t, http.StatusCreated, rec.Code, "no attestation for a rejected subject")

	_, id2, ref2 := e.start(t)
	e.fake.SetReview(t, ref2, sumsub.StatusCompleted, &sumsub.ReviewResult{ReviewAnswer: sumsub.AnswerRed,
		ReviewRejectType: sumsub.RejectRetry, RejectLabels: []string{"BAD_PROOF_OF_IDENTITY"},
		ModerationComment: "The photo of the document is blurry."})
	e.notify(t, ref2, "applicantReviewed")
	e.work(t)
	v2 := e.verification(t, id2)
	require.Equal(t, storage.StatusResubmissionRequested, v2.Status)
	require.Equal(t, kyc.RejectRetry, v2.RejectType)
	sub2, err := e.Store.GetSubject(t.Context(), v2.SubjectID)
	require.NoError(t, err)
	require.False(t, sub2.Blocked)
	require.Equal(t, 1, e.told.Count("verification.updated", id2, "resubmission_requested"))
}

func TestSumsubE2ELaterFindingsRevoke(t *testing.T) {
	t.Parallel()
	for _, later := range []string{"red", "reset", "deactivated", "deleted"} {
		t.Run(later, func(t *testing.T) {
			t.Parallel()
			e := startSumsubE2E(t)
			w, id, ref := e.start(t)
			e.green(t, ref)
			e.notify(t, ref, "applicantReviewed")
			e.work(t)
			require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)
			uid, _ := e.attest(t, w)

			e.Clock.Add(time.Hour)
			switch later {
			case "red":
				e.fake.SetReview(t, ref, sumsub.StatusCompleted, &sumsub.ReviewResult{ReviewAnswer: sumsub.AnswerRed,
					ReviewRejectType: sumsub.RejectFinal, ModerationComment: "Document found forged on re-check."})
				e.notify(t, ref, "applicantReviewed")
			case "reset":
				e.fake.Reset(t, ref)
			case "deactivated":
				e.fake.Deactivate(t, ref)
			case "deleted":
				e.fake.Remove(t, ref)
			}
			for _, d := range e.fake.Webhooks() {
				rec := e.deliver(d.Header, d.Body)
				require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			}
			e.work(t)

			v := e.verification(t, id)
			require.Equal(t, storage.StatusRevoked, v.Status)
			require.Equal(t, 1, e.audits(t, id, "verification.revoked"))
			rec := authtest.Do(t, e.Handler, "GET", "/v1/attestations/"+uid, nil)
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			var status struct{ Status, RevocationReason string }
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &status))
			require.Equal(t, "revoked", status.Status, "offchain at once")
			require.Equal(t, kyc.RevokedReversed, status.RevocationReason)
			onchain, err := queue.Waiting[verifier.RevokeArgs](t.Context(), e.Store)
			require.NoError(t, err)
			require.Equal(t, []verifier.RevokeArgs{{UID: uid}}, onchain, "onchain by job")
			require.Equal(t, []string{"created", "approved", "revoked"}, e.outbox(t, v.SubjectID, id),
				"the tenant's outbox has the events")
			require.Equal(t, 1, e.told.Count("verification.updated", id, "revoked"), "and the tenant is told")
			sub, err := e.Store.GetSubject(t.Context(), v.SubjectID)
			require.NoError(t, err)
			require.Zero(t, sub.ApprovedLevel)
			rec = authtest.Do(t, e.Handler, "POST", "/v1/attestations", map[string]any{"chainId": 8453}, w.bearer...)
			require.NotEqual(t, http.StatusCreated, rec.Code, "no new attestation once revoked")
		})
	}
}

func TestSumsubE2EWebhooksThatDoNotVerifyStoreNothing(t *testing.T) {
	t.Parallel()
	e := startSumsubE2E(t)
	_, _, ref := e.start(t)
	e.green(t, ref)
	now := e.Clock.Now()
	h, body := e.fake.Webhook(ref, "applicantReviewed", sumsub.AlgSHA256, "req-1", now)

	forged := h.Clone()
	forged.Set(sumsub.HeaderDigest, sumsub.Digest([]byte("not-the-webhook-secret"), sumsub.AlgSHA256, body))
	unknownAlg := h.Clone()
	unknownAlg.Set(sumsub.HeaderDigestAlg, "HMAC_MD5_HEX")
	unknownAlg.Set(sumsub.HeaderDigest, sumsub.Digest([]byte(e.fake.WebhookSecret), sumsub.AlgSHA256, body))
	missing := h.Clone()
	missing.Del(sumsub.HeaderDigest)
	otherAlg := h.Clone() // signed under SHA-256, claimed as SHA-512
	otherAlg.Set(sumsub.HeaderDigestAlg, sumsub.AlgSHA512)
	big := []byte(strings.Replace(string(body), `"applicantId"`,
		`"pad":"`+strings.Repeat("x", kyc.MaxWebhookBytes)+`","applicantId"`, 1))
	bigH := h.Clone()
	bigH.Set(sumsub.HeaderDigest, sumsub.Digest([]byte(e.fake.WebhookSecret), sumsub.AlgSHA256, big))
	tampered := []byte(strings.Replace(string(body), "applicantReviewed", "applicantPending", 1))
	for _, c := range []struct {
		name   string
		h      http.Header
		body   []byte
		status int
		code   string
	}{
		{"forged digest", forged, body, http.StatusUnauthorized, "invalid_signature"},
		{"unknown algorithm", unknownAlg, body, http.StatusUnauthorized, "invalid_signature"},
		{"missing header", missing, body, http.StatusUnauthorized, "invalid_signature"},
		{"another algorithm's name", otherAlg, body, http.StatusUnauthorized, "invalid_signature"},
		{"body changed", h, tampered, http.StatusUnauthorized, "invalid_signature"},
		{"over the limit", bigH, big, http.StatusRequestEntityTooLarge, "body_too_large"},
	} {
		rec := e.deliver(c.h, c.body)
		require.Equal(t, c.status, rec.Code, "%s: %s", c.name, rec.Body)
		require.Contains(t, rec.Body.String(), `"code":"`+c.code+`"`, c.name)
	}
	require.Zero(t, e.count(t, "provider_events", ""), "nothing stored")
	jobs, err := queue.Waiting[kyc.ProcessEventArgs](t.Context(), e.Store)
	require.NoError(t, err)
	require.Empty(t, jobs, "nothing queued")

	rec := e.deliver(h, body)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, 1, e.count(t, "provider_events", ""), "the genuine delivery is stored")
	// Without the algorithm header: Sumsub's default, SHA-256.
	noAlg := h.Clone()
	noAlg.Del(sumsub.HeaderDigestAlg)
	rec = e.deliver(noAlg, body)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.JSONEq(t, `{"received":true,"duplicate":true}`, rec.Body.String())
	require.Equal(t, 1, e.count(t, "provider_events", ""))
}

func TestSumsubE2ETheSameWebhookFiftyTimesHasOneEffect(t *testing.T) {
	t.Parallel()
	e := startSumsubE2E(t)
	_, id, ref := e.start(t)
	e.green(t, ref)
	h, body := e.fake.Webhook(ref, "applicantReviewed", sumsub.AlgSHA512, "req-50", e.Clock.Now())

	var wg sync.WaitGroup
	codes := make([]int, 50)
	dups := make([]bool, 50)
	for i := range 50 {
		wg.Go(func() {
			rec := e.deliver(h, body)
			codes[i] = rec.Code
			var out struct{ Duplicate bool }
			_ = json.Unmarshal(rec.Body.Bytes(), &out)
			dups[i] = out.Duplicate
		})
	}
	wg.Wait()
	n := 0
	for i := range 50 {
		require.Equal(t, http.StatusOK, codes[i], "delivery %d", i)
		if dups[i] {
			n++
		}
	}
	require.Equal(t, 49, n, "one stored, 49 acknowledged as duplicates")
	require.Equal(t, 1, e.count(t, "provider_events", ""))
	e.work(t)
	require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)
	require.Equal(t, 1, e.fetches(ref), "one fetch")
	require.Equal(t, 1, e.audits(t, id, "verification.approved"), "one effect")
	require.Equal(t, 1, e.told.Count("verification.updated", id, "approved"))
	require.Equal(t, []string{"created", "approved"}, e.outbox(t, e.verification(t, id).SubjectID, id))
}

func TestSumsubE2EEventsOutOfOrderEndRight(t *testing.T) {
	t.Parallel()
	e := startSumsubE2E(t)
	now := e.Clock.Now()

	// applicantReviewed (GREEN) is processed, then the older applicantPending arrives.
	_, id, ref := e.start(t)
	e.green(t, ref)
	reviewedH, reviewed := e.fake.Webhook(ref, "applicantReviewed", sumsub.AlgSHA256, "req-2", now.Add(-time.Minute))
	pendingH, pending := e.fake.Webhook(ref, "applicantPending", sumsub.AlgSHA256, "req-1", now.Add(-2*time.Minute))
	require.Equal(t, http.StatusOK, e.deliver(reviewedH, reviewed).Code)
	e.work(t)
	require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)
	require.Equal(t, http.StatusOK, e.deliver(pendingH, pending).Code)
	e.work(t)
	require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)
	require.Equal(t, 1, e.fetches(ref), "an event older than one processed is not fetched for")
	require.Equal(t, 2, e.count(t, "provider_events", "processed_at IS NOT NULL"))
	require.Equal(t, 1, e.told.Count("verification.updated", id, "approved"))
	require.Zero(t, e.told.Count("verification.updated", id, "in_review"))

	// Both arrive before either is processed, newer first; Sumsub is already at GREEN.
	_, id2, ref2 := e.start(t)
	e.green(t, ref2)
	h2, b2 := e.fake.Webhook(ref2, "applicantReviewed", sumsub.AlgSHA1, "req-4", now)
	h1, b1 := e.fake.Webhook(ref2, "applicantPending", sumsub.AlgSHA1, "req-3", now.Add(-time.Minute))
	require.Equal(t, http.StatusOK, e.deliver(h2, b2).Code)
	require.Equal(t, http.StatusOK, e.deliver(h1, b1).Code)
	e.work(t)
	require.Equal(t, storage.StatusApproved, e.verification(t, id2).Status)
	require.Equal(t, 1, e.audits(t, id2, "verification.approved"))
	require.Zero(t, e.audits(t, id2, "verification.transition_refused"))
}

func TestSumsubE2ELostWebhookIsCoveredByPolling(t *testing.T) {
	t.Parallel()
	e := startSumsubE2E(t)
	_, id, ref := e.start(t)
	_, idQuiet, refQuiet := e.start(t)
	e.green(t, ref) // and the applicantReviewed webhook is lost
	e.fake.SetReview(t, refQuiet, sumsub.StatusPending, nil)
	poll := func() {
		t.Helper()
		require.NoError(t, e.Store.InTx(t.Context(), func(tx storage.Store) error {
			_, err := queue.InsertTx(t.Context(), tx, kyc.PollArgs{}, nil)
			return err
		}))
		e.work(t)
	}

	e.Clock.Add(kyc.DefaultPollAfter - time.Minute)
	poll()
	require.Zero(t, e.fetches(ref), "not before KYCGATE_PROVIDER_POLL_AFTER")
	require.Equal(t, storage.StatusCreated, e.verification(t, id).Status)
	e.Clock.Add(time.Minute)
	poll()
	require.Equal(t, 1, e.fetches(ref))
	v := e.verification(t, id)
	require.Equal(t, storage.StatusApproved, v.Status, "the lost approval is found")
	require.Equal(t, 1, e.told.Count("verification.updated", id, "approved"))
	require.Equal(t, storage.StatusInReview, e.verification(t, idQuiet).Status)

	// Still pending at Sumsub, then rejected for good with its webhook lost too.
	e.fake.SetReview(t, refQuiet, sumsub.StatusCompleted, &sumsub.ReviewResult{ReviewAnswer: sumsub.AnswerRed,
		ReviewRejectType: sumsub.RejectFinal})
	e.Clock.Add(kyc.DefaultPollAfter)
	poll()
	vq := e.verification(t, idQuiet)
	require.Equal(t, storage.StatusRejected, vq.Status)
	require.Equal(t, kyc.RejectFinal, vq.RejectType)
	before := e.fetches(refQuiet) + e.fetches(ref)
	e.Clock.Add(24 * time.Hour)
	poll()
	require.Equal(t, before, e.fetches(refQuiet)+e.fetches(ref), "closed: no more polling")
	require.Zero(t, e.count(t, "provider_events", ""), "no webhook was involved")
}

func TestSumsubE2EFailuresAreRetriedAndRefusalsNoted(t *testing.T) {
	t.Parallel()
	e := startSumsubE2E(t)
	_, id, ref := e.start(t)
	e.green(t, ref)
	e.fake.FailNext(1, http.StatusTooManyRequests, "")
	e.fake.FailNext(1, http.StatusServiceUnavailable, "")
	e.notify(t, ref, "applicantReviewed")
	e.work(t)
	require.Equal(t, storage.StatusCreated, e.verification(t, id).Status, "429")
	jobs, err := queue.Waiting[kyc.ProcessEventArgs](t.Context(), e.Store)
	require.NoError(t, err)
	require.Len(t, jobs, 1, "retried with backoff, not dropped")
	e.Clock.Add(31 * time.Second)
	e.work(t)
	require.Equal(t, storage.StatusCreated, e.verification(t, id).Status, "503")
	e.Clock.Add(61 * time.Second)
	e.work(t)
	require.Equal(t, storage.StatusApproved, e.verification(t, id).Status, "the third run succeeds")
	require.Equal(t, 1, e.audits(t, id, "verification.approved"))
	jobs, err = queue.Waiting[kyc.ProcessEventArgs](t.Context(), e.Store)
	require.NoError(t, err)
	require.Empty(t, jobs)

	// A 4xx other than 429 is permanent: the job is cancelled, the verification keeps its
	// status and carries an audited note naming the error (nothing personal).
	_, id2, ref2 := e.start(t)
	e.green(t, ref2)
	e.fake.FailNext(1, http.StatusBadRequest, "")
	e.notify(t, ref2, "applicantReviewed")
	e.work(t)
	require.Equal(t, storage.StatusCreated, e.verification(t, id2).Status)
	given, err := queue.GivenUp[kyc.ProcessEventArgs](t.Context(), e.Store)
	require.NoError(t, err)
	require.Len(t, given, 1, "cancelled, visible in the jobs UI")
	list, err := e.Store.ListAudit(t.Context(), "verification", id2)
	require.NoError(t, err)
	last := list[len(list)-1]
	require.Equal(t, "verification.provider_error", last.Action)
	require.Contains(t, last.Detail, `"code":"sumsub_invalid_request"`)
	require.NotContains(t, last.Detail, "Quokka")
	e.Clock.Add(time.Hour)
	e.work(t)
	require.Equal(t, storage.StatusCreated, e.verification(t, id2).Status, "not retried")

	raw := authtest.Do(t, e.Handler, "GET", "/metrics", nil).Body.String()
	require.Contains(t, raw, `kycgate_provider_processing_failures_total{kind="retry",provider="sumsub"} 2`)
	require.Contains(t, raw, `kycgate_provider_processing_failures_total{kind="permanent",provider="sumsub"} 1`)
}

// TestSumsubE2ERetryAfterIsHonoured: a 429 with Retry-After: 300 is not fetched again
// before those five minutes, although River's own backoff would retry after 30 s.
func TestSumsubE2ERetryAfterIsHonoured(t *testing.T) {
	t.Parallel()
	e := startSumsubE2E(t)
	_, id, ref := e.start(t)
	e.green(t, ref)
	e.fake.FailNext(1, http.StatusTooManyRequests, "300")
	e.notify(t, ref, "applicantReviewed")
	e.work(t)
	require.Equal(t, storage.StatusCreated, e.verification(t, id).Status, "429")
	e.Clock.Add(2 * time.Minute) // past River's backoff, before Sumsub's Retry-After
	e.work(t)
	require.Equal(t, storage.StatusCreated, e.verification(t, id).Status, "not fetched before Retry-After")
	e.Clock.Add(4 * time.Minute)
	e.work(t)
	require.Equal(t, storage.StatusApproved, e.verification(t, id).Status, "fetched once Retry-After passed")
}
