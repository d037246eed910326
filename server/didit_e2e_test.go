package server_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/didit"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
)

// The end-to-end tests of Didit over the shared inbound pipeline: a whole gateway over
// HTTP, the fake Didit, River's jobs driven on the gateway's clock.

func TestDiditE2EHappyPath(t *testing.T) {
	t.Parallel()
	e := startDiditE2E(t)
	w, id, ref := e.start(t)
	require.Equal(t, storage.StatusCreated, e.verification(t, id).Status)
	var sent map[string]any
	require.NoError(t, json.Unmarshal(e.didit.Requests()[0].Body, &sent))
	require.Equal(t, map[string]any{"workflow_id": e.didit.WorkflowID, "vendor_data": id, "callback": servertest.PublicURL}, sent)

	// The user resumes: the same session.
	rec := authtest.Do(t, e.Handler, "POST", "/v1/kyc/verifications", map[string]any{"provider": "didit", "tenantId": e.tenantID},
		w.bearer...)
	require.Less(t, rec.Code, 300, rec.Body.String())
	require.Equal(t, 1, e.didit.Sessions())

	e.didit.SetStatus(t, ref, didit.StatusInProgress)
	e.flush(t)
	require.Equal(t, storage.StatusInProgress, e.verification(t, id).Status)

	e.Clock.Add(time.Minute)
	e.approve(t, ref)
	e.flush(t)
	v := e.verification(t, id)
	require.Equal(t, storage.StatusApproved, v.Status)
	require.Equal(t, 1, v.Level, "KYCGATE_DIDIT_LEVEL's default")
	require.Equal(t, 1, e.audits(t, id, "verification.approved"))
	require.Equal(t, 1, e.told.Count("verification.updated", id, "approved"), "the tenant is told")

	uid, pkg := e.attest(t, w)
	rec = authtest.Do(t, e.Handler, "POST", "/v1/attestations/verify", map[string]any{"package": pkg})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var got struct {
		Valid    bool
		UID      string
		KYCLevel int
		Country  string
		Over18   bool
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	require.True(t, got.Valid, rec.Body.String())
	require.Equal(t, uid, got.UID)
	require.Equal(t, "DE", got.Country, "Didit's alpha-3 DEU as alpha-2")
	require.True(t, got.Over18, "born 1990-01-02")
	require.Equal(t, 2, e.count(t, "provider_events", "processed_at IS NOT NULL"))
	require.Zero(t, e.count(t, "provider_events", "payload LIKE $1", "%Quokka%"),
		"the webhook's decision (names, media URLs) is not stored in clear")
}

func TestDiditE2EDeclined(t *testing.T) {
	t.Parallel()
	e := startDiditE2E(t)
	w, id, ref := e.start(t)
	e.didit.SetStatus(t, ref, didit.StatusDeclined)
	e.flush(t)
	v := e.verification(t, id)
	require.Equal(t, storage.StatusRejected, v.Status)
	require.Equal(t, kyc.RejectRetry, v.RejectType)
	sub, err := e.Store.GetSubject(t.Context(), v.SubjectID)
	require.NoError(t, err)
	require.False(t, sub.Blocked, "a Didit decline lets the holder start again")
	require.Equal(t, 1, e.told.Count("verification.updated", id, "rejected"))
	rec := authtest.Do(t, e.Handler, "POST", "/v1/attestations", map[string]any{"chainId": 8453}, w.bearer...)
	require.NotEqual(t, http.StatusCreated, rec.Code, "no attestation for a rejected verification")
}

func TestDiditE2EApprovedThenKycExpiredRevokes(t *testing.T) {
	t.Parallel()
	e := startDiditE2E(t)
	w, id, ref := e.start(t)
	e.approve(t, ref)
	e.flush(t)
	require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)
	uid, _ := e.attest(t, w)

	e.Clock.Add(time.Hour)
	e.didit.SetStatus(t, ref, didit.StatusKYCExpired)
	e.flush(t)
	v := e.verification(t, id)
	require.Equal(t, storage.StatusRevoked, v.Status)
	require.Equal(t, 1, e.audits(t, id, "verification.revoked"))
	rec := authtest.Do(t, e.Handler, "GET", "/v1/attestations/"+uid, nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var status struct{ Status string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &status))
	require.Equal(t, "revoked", status.Status, "offchain at once")
	onchain, err := queue.Waiting[verifier.RevokeArgs](t.Context(), e.Store)
	require.NoError(t, err)
	require.Equal(t, []verifier.RevokeArgs{{UID: uid}}, onchain, "onchain by job")
	require.Equal(t, []string{"created", "approved", "revoked"}, e.outbox(t, v.SubjectID, id))
	require.Equal(t, 1, e.told.Count("verification.updated", id, "revoked"), "the tenant is told")
	rec = authtest.Do(t, e.Handler, "POST", "/v1/attestations", map[string]any{"chainId": 8453}, w.bearer...)
	require.NotEqual(t, http.StatusCreated, rec.Code, "no new attestation once revoked")
}

func TestDiditE2EForgedStaleAndReplayedWebhooksChangeNothing(t *testing.T) {
	t.Parallel()
	e := startDiditE2E(t)
	_, id, ref := e.start(t)
	e.approve(t, ref)
	e.didit.Webhooks() // lost: each case below is delivered by hand
	now := e.Clock.Now()
	h, body := e.didit.Webhook(ref, "evt-genuine", now)

	forged := h.Clone()
	forged.Set(didit.HeaderSignature, didit.Sign([]byte("not-the-webhook-secret"), body))
	staleH, staleB := e.didit.Webhook(ref, "evt-stale", now.Add(-301*time.Second))
	futureH, futureB := e.didit.Webhook(ref, "evt-future", now.Add(301*time.Second))
	noTs := h.Clone()
	noTs.Del(didit.HeaderTimestamp)
	tampered := []byte(strings.Replace(string(body), `"status":"Approved"`, `"status":"Declined"`, 1))
	require.NotEqual(t, string(body), string(tampered))
	for _, c := range []struct {
		name string
		h    http.Header
		body []byte
	}{
		{"forged signature", forged, body},
		{"stale timestamp (301 s)", staleH, staleB},
		{"timestamp 301 s ahead", futureH, futureB},
		{"no timestamp", noTs, body},
		{"body changed", h, tampered},
	} {
		rec := e.deliver(c.h, c.body)
		require.Equal(t, http.StatusUnauthorized, rec.Code, "%s: %s", c.name, rec.Body)
	}
	require.Zero(t, e.count(t, "provider_events", ""), "nothing stored")
	jobs, err := queue.Waiting[kyc.ProcessEventArgs](t.Context(), e.Store)
	require.NoError(t, err)
	require.Empty(t, jobs, "nothing queued")
	require.Equal(t, storage.StatusCreated, e.verification(t, id).Status, "nothing changed")
	require.Zero(t, e.decisions(ref))

	rec := e.deliver(h, body)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.JSONEq(t, `{"received":true,"duplicate":false}`, rec.Body.String())
	e.work(t)
	require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)

	// Replayed later with a fresh X-Timestamp (not covered by X-Signature): the same
	// event_id, stored once, not processed again.
	e.Clock.Add(10 * time.Minute)
	replay := h.Clone()
	replay.Set(didit.HeaderTimestamp, strconv.FormatInt(e.Clock.Now().Unix(), 10))
	rec = e.deliver(replay, body)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.JSONEq(t, `{"received":true,"duplicate":true}`, rec.Body.String())
	e.work(t)
	require.Equal(t, 1, e.count(t, "provider_events", ""))
	require.Equal(t, 1, e.decisions(ref), "one fetch")
	require.Equal(t, 1, e.audits(t, id, "verification.approved"))
	require.Equal(t, 1, e.told.Count("verification.updated", id, "approved"))
}

func TestDiditE2ETheSameWebhookFiftyTimesHasOneEffect(t *testing.T) {
	t.Parallel()
	e := startDiditE2E(t)
	_, id, ref := e.start(t)
	e.approve(t, ref)
	e.didit.Webhooks()
	h, body := e.didit.Webhook(ref, "evt-50", e.Clock.Now())

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
	require.Equal(t, 1, e.decisions(ref), "one fetch")
	require.Equal(t, 1, e.audits(t, id, "verification.approved"), "one effect")
	require.Equal(t, 1, e.told.Count("verification.updated", id, "approved"))
	require.Equal(t, []string{"created", "approved"}, e.outbox(t, e.verification(t, id).SubjectID, id))
}
