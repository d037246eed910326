package kyc_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kycgate/kycgate/api/openapitest"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/notify/notifytest"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/screening/kora/koratest"
	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// koraBundle is a gateway with KYCGATE_PERSON_SCREENERS=kora pointed at a fake Kora, the
// manual provider, a reviewer, and a tenant whose webhook endpoint records what it is told.
type koraBundle struct {
	testBundle
	srv  *server.Server
	kora *koratest.Fake
	told *notifytest.Receiver
}

func setupKora(t *testing.T, store storage.Store) koraBundle {
	t.Helper()
	if store == nil {
		store = storagetest.OpenSQLite(t)
	}
	fake := koratest.New(t)
	env := fake.Env()
	cfg := server.Config{PublicURL: publicURL, DataKey: dataKey, SignerKey: signerKey, LogLevel: "debug",
		PersonScreeners: []string{"kora"}, Env: func(k string) string { return env[k] },
		WebhookAllowHTTP: true, WebhookAllowPrivate: true}
	clk := servertest.NewClock(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
	fake.SetClock(clk.Now)
	screeners, _ := servertest.Screener(&cfg, clk.Now) // wallets screen clear
	logs := &syncBuffer{}
	srv, err := server.New(cfg, store, server.NewLogger(cfg.WithDefaults(), logs), server.WithClock(clk.Now), screeners)
	require.NoError(t, err)
	b := koraBundle{testBundle: testBundle{h: openapitest.Handler(t, srv.Handler()), raw: srv.Handler(), store: store, clock: clk, logs: logs}, srv: srv, kora: fake,
		told: notifytest.New(t)}
	ctx := context.Background()
	tn, key, err := auth.CreateTenant(ctx, store, "Acme dApp", clk.Now())
	require.NoError(t, err)
	b.tenantID, b.tenantKey = tn.ID, key
	rev, rkey, err := auth.CreateReviewer(ctx, store, "Reviewer One", clk.Now())
	require.NoError(t, err)
	b.reviewerID, b.reviewerKey = rev.ID, rkey
	b.call(t, http.StatusOK, "PUT", "/v1/tenant/webhook", map[string]string{"url": b.told.URL}, nil, b.tenant()...)
	return b
}

func (b koraBundle) work(t *testing.T) {
	t.Helper()
	_, err := b.srv.StepWorkers(context.Background())
	require.NoError(t, err)
}

// submitted signs a wallet in and takes a verification for the tenant through the
// hosted flow, the person named name with a document number; the case waits in review.
func (b koraBundle) submitted(t *testing.T, name string) (wallet, started) {
	t.Helper()
	w := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID, "level": 2}, &st, w.auth...)
	first, last, _ := strings.Cut(name, " ")
	d := details(first, last)
	d["documentNumber"] = "T22000129"
	b.completeFlowWith(t, st.FlowToken, d)
	return w, st
}

func (b koraBundle) approve(t *testing.T, id string) map[string]any {
	t.Helper()
	return b.decide(t, http.StatusOK, id, map[string]any{"decision": "approve", "reason": "documents match"})
}

func (b koraBundle) verification(t *testing.T, id string) storage.Verification {
	t.Helper()
	v, err := b.store.GetVerification(context.Background(), id)
	require.NoError(t, err)
	return v
}

func (b koraBundle) latest(t *testing.T, id string) storage.PersonScreening {
	t.Helper()
	p, err := b.store.LatestPersonScreening(context.Background(), id)
	require.NoError(t, err)
	return p
}

func (b koraBundle) attest(t *testing.T, w wallet) int {
	t.Helper()
	return authtest.Do(t, b.h, "POST", "/v1/attestations", map[string]any{"chainId": 8453}, w.auth...).Code
}

// deliver posts a Kora webhook as Kora would.
func (b koraBundle) deliver(t *testing.T, h http.Header, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("POST", "/v1/webhooks/kora", strings.NewReader(string(body)))
	req.Header = h.Clone()
	rec := httptest.NewRecorder()
	b.h.ServeHTTP(rec, req)
	return rec
}

func TestPersonScreeningOutcomesFromAReviewersApproval(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		outcome source.PersonOutcome
		status  storage.VerificationStatus
	}{
		{source.PersonApprove, storage.StatusApproved},
		{source.PersonApproveWithMonitoring, storage.StatusApproved},
		{source.PersonReviewRequired, storage.StatusInReview},
		{source.PersonBlock, storage.StatusRejected},
	} {
		t.Run(string(tc.outcome), func(t *testing.T) {
			t.Parallel()
			b := setupKora(t, nil)
			name := "Ada " + strings.ReplaceAll(string(tc.outcome), "_", "")
			b.kora.SetOutcome(name, tc.outcome)
			w, st := b.submitted(t, name)
			b.approve(t, st.ID)
			v := b.verification(t, st.ID)
			require.Equal(t, tc.status, v.Status)
			rec := b.latest(t, st.ID)
			require.Equal(t, storage.PersonCompleted, rec.State)
			require.Equal(t, string(tc.outcome), rec.Outcome)
			require.Equal(t, 1, b.kora.Count("POST", "/screenings"), "screened once, synchronously")
			sub := b.subjectOf(t, w)
			code, gate := b.gate(t, b.tenantKey, w.address)
			require.Equal(t, http.StatusOK, code)

			switch tc.outcome {
			case source.PersonApprove:
				require.Empty(t, rec.MonitorID)
				require.Nil(t, rec.NextScreenAt)
				require.Equal(t, "allow", gate["decision"])
				require.Equal(t, http.StatusCreated, b.attest(t, w))
			case source.PersonApproveWithMonitoring:
				require.NotEmpty(t, rec.MonitorID)
				require.Equal(t, 1, b.kora.Subjects(), "enrolled for monitoring")
				require.True(t, rec.NextScreenAt.Equal(b.clock.Now().Add(30*24*time.Hour)))
				require.Equal(t, "allow", gate["decision"])
			case source.PersonReviewRequired:
				require.Equal(t, "review", gate["decision"])
				require.Equal(t, 0, sub.ApprovedLevel)
				require.NotEqual(t, http.StatusCreated, b.attest(t, w))
				// The reviewer sees the matches, then approves: the approval stands now.
				var list struct{ Screenings []kyc.PersonScreeningView }
				b.call(t, http.StatusOK, "GET", "/v1/admin/subjects/"+sub.ID+"/person-screenings", nil, &list, b.reviewer()...)
				require.Len(t, list.Screenings, 1)
				require.Contains(t, string(list.Screenings[0].Matches), "OFAC-SDN")
				b.approve(t, st.ID)
				require.Equal(t, storage.StatusApproved, b.verification(t, st.ID).Status)
				require.Equal(t, 1, b.kora.Count("POST", "/screenings"), "the reviewer's approval is not screened again")
				require.Equal(t, http.StatusCreated, b.attest(t, w))
			case source.PersonBlock:
				require.Equal(t, kyc.RejectFinal, v.RejectType)
				require.True(t, sub.Blocked)
				require.Equal(t, "deny", gate["decision"])
				require.NotEqual(t, http.StatusCreated, b.attest(t, w))
			}
			// /v1/me shows the outcome code, never the matches.
			var me map[string]any
			b.call(t, http.StatusOK, "GET", "/v1/me", nil, &me, w.auth...)
			ps := me["personScreening"].(map[string]any)
			require.Equal(t, string(tc.outcome), ps["outcome"])
			require.NotContains(t, ps, "matches")
		})
	}
}

func TestPersonScreeningTimeoutThenAsyncCompletion(t *testing.T) {
	t.Parallel()
	b := setupKora(t, nil)
	b.kora.FailNext("SCREENING_TIMEOUT")
	w, st := b.submitted(t, "Grace Async")
	b.approve(t, st.ID)
	require.Equal(t, storage.StatusInReview, b.verification(t, st.ID).Status, "no approval without a result")
	rec := b.latest(t, st.ID)
	require.Equal(t, storage.PersonPending, rec.State)
	require.NotEmpty(t, rec.ScreeningID, "the same screening again, ASYNC")
	require.Equal(t, []string{rec.ScreeningID}, b.kora.Pending())
	code, gate := b.gate(t, b.tenantKey, w.address)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "review", gate["decision"])

	// Kora completes it and says so by webhook: the gateway reads it back and approves.
	h, body := b.kora.Complete(t, rec.ScreeningID)
	res := b.deliver(t, h, body)
	require.Equal(t, http.StatusOK, res.Code, res.Body.String())
	b.work(t)
	require.Equal(t, storage.StatusApproved, b.verification(t, st.ID).Status)
	require.Equal(t, http.StatusCreated, b.attest(t, w))
	// The same delivery again is a duplicate and changes nothing.
	res = b.deliver(t, h, body)
	require.Equal(t, http.StatusOK, res.Code)
	require.JSONEq(t, `{"received":true,"duplicate":true}`, res.Body.String())
}

func TestPersonScreeningAsyncCompletedByPollWithoutWebhook(t *testing.T) {
	t.Parallel()
	b := setupKora(t, nil)
	b.kora.FailNext("SCREENING_TIMEOUT")
	_, st := b.submitted(t, "Lin Poll")
	b.approve(t, st.ID)
	rec := b.latest(t, st.ID)
	b.kora.Complete(t, rec.ScreeningID) // the webhook is lost
	b.clock.Add(2 * time.Minute)
	b.work(t)
	require.Equal(t, storage.StatusApproved, b.verification(t, st.ID).Status)
}

func TestPersonScreeningRetriesRateLimitsAndFailures(t *testing.T) {
	t.Parallel()
	for _, code := range []string{"RATE_LIMITED", "SCREENING_FAILED"} {
		t.Run(code, func(t *testing.T) {
			t.Parallel()
			b := setupKora(t, nil)
			b.kora.FailNext(code)
			_, st := b.submitted(t, "Joan Retry")
			b.approve(t, st.ID)
			require.Equal(t, storage.StatusInReview, b.verification(t, st.ID).Status)
			rec := b.latest(t, st.ID)
			require.Equal(t, storage.PersonPending, rec.State)
			require.Empty(t, rec.ScreeningID)
			b.work(t) // not due yet: the service asked to wait (or the first backoff)
			require.Equal(t, 1, b.kora.Count("POST", "/screenings"))
			b.clock.Add(31 * time.Second)
			b.work(t)
			require.Equal(t, 2, b.kora.Count("POST", "/screenings"))
			require.Equal(t, storage.StatusApproved, b.verification(t, st.ID).Status)
		})
	}
}

func TestPersonScreeningValidationErrorGoesToAReviewer(t *testing.T) {
	t.Parallel()
	b := setupKora(t, nil)
	b.kora.FailNext("VALIDATION_ERROR")
	w, st := b.submitted(t, "Val Idation")
	b.approve(t, st.ID)
	require.Equal(t, storage.StatusInReview, b.verification(t, st.ID).Status)
	rec := b.latest(t, st.ID)
	require.Equal(t, storage.PersonInvalid, rec.State)
	b.work(t)
	require.Equal(t, 1, b.kora.Count("POST", "/screenings"), "a validation error is never retried as is")
	// The reviewer sees the field errors and cannot approve without a result.
	sub := b.subjectOf(t, w)
	var list struct{ Screenings []kyc.PersonScreeningView }
	b.call(t, http.StatusOK, "GET", "/v1/admin/subjects/"+sub.ID+"/person-screenings", nil, &list, b.reviewer()...)
	require.Contains(t, string(list.Screenings[0].FieldErrors), "subject.date_of_birth")
	b.fail(t, http.StatusConflict, "aml_screening_required", "POST", "/v1/admin/reviews/"+st.ID+"/decision",
		map[string]any{"decision": "approve", "reason": "looks fine"}, b.reviewer()...)
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "reject", "reason": "cannot screen"})
	require.Equal(t, storage.StatusRejected, b.verification(t, st.ID).Status)
}

func TestMonitoringFindsAMatchThirtyDaysLater(t *testing.T) {
	t.Parallel()
	b := setupKora(t, nil)
	name := "Maya Monitored"
	b.kora.SetOutcome(name, source.PersonApproveWithMonitoring)
	w, st := b.submitted(t, name)
	b.approve(t, st.ID)
	require.Equal(t, http.StatusCreated, b.attest(t, w))
	sub := b.subjectOf(t, w)
	b.work(t)

	monitor := func() {
		t.Helper()
		require.NoError(t, b.store.InTx(context.Background(), func(tx storage.Store) error {
			_, err := queue.InsertTx(context.Background(), tx, kyc.PersonMonitorArgs{}, nil)
			return err
		}))
		b.work(t)
	}
	b.clock.Add(29 * 24 * time.Hour)
	monitor()
	require.Zero(t, b.kora.Count("POST", "/screenings")-1, "nobody is due before 30 days")

	b.kora.SetOutcome(name, source.PersonReviewRequired)
	b.clock.Add(24*time.Hour + time.Minute)
	monitor()
	require.Equal(t, 2, b.kora.Count("POST", "/screenings"))
	held, err := b.store.GetSubject(context.Background(), sub.ID)
	require.NoError(t, err)
	require.Equal(t, kyc.CodeAMLReview, held.Hold)
	code, gate := b.gate(t, b.tenantKey, w.address)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "review", gate["decision"])
	require.Contains(t, gate["reasons"], "aml_review")
	list, err := b.store.ListAttestationsBySubject(context.Background(), sub.ID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	require.NotNil(t, list[0].RevokedAt, "the attestation is revoked")
	require.Equal(t, kyc.RevokedAMLReview, list[0].RevocationReason)
	jobs, err := queue.Waiting[verifier.RevokeArgs](context.Background(), b.store)
	require.NoError(t, err)
	require.Len(t, jobs, 1, "the onchain revocation job is queued")
	require.Equal(t, list[0].UID, jobs[0].UID)
	w = b.signInAgain(t, w) // 30 days on, the session expired
	b.fail(t, http.StatusForbidden, "subject_on_hold", "POST", "/v1/attestations", map[string]any{"chainId": 8453}, w.auth...)
	b.work(t)
	require.Equal(t, 1, b.told.Count(kyc.TypeScreeningFlagged, "", ""), "the tenant is told, without details")

	// The hold is a case in the reviewers' queue of holds.
	var holds struct{ Holds []kyc.HeldSubject }
	b.call(t, http.StatusOK, "GET", "/v1/admin/holds", nil, &holds, b.reviewer()...)
	require.Equal(t, []kyc.HeldSubject{{SubjectID: sub.ID, Reason: kyc.CodeAMLReview, Level: 2, Since: holds.Holds[0].Since}}, holds.Holds)

	// A reviewer clears the hold: attestations may be issued again.
	b.call(t, http.StatusOK, "POST", "/v1/admin/subjects/"+sub.ID+"/clear-hold", map[string]string{"reason": "false positive"}, nil, b.reviewer()...)
	require.Equal(t, http.StatusCreated, b.attest(t, w))
	_, gate = b.gate(t, b.tenantKey, w.address)
	require.Equal(t, "allow", gate["decision"])
	b.call(t, http.StatusOK, "GET", "/v1/admin/holds", nil, &holds, b.reviewer()...)
	require.Empty(t, holds.Holds)
}

func TestMatchFoundWebhookHoldsAndForgedOneChangesNothing(t *testing.T) {
	t.Parallel()
	b := setupKora(t, nil)
	name := "Iris Webhook"
	b.kora.SetOutcome(name, source.PersonApproveWithMonitoring)
	w, st := b.submitted(t, name)
	b.approve(t, st.ID)
	rec := b.latest(t, st.ID)
	sub := b.subjectOf(t, w)

	// Forged: signed with another secret, or tampered.
	h, body := b.kora.MatchFound(rec.MonitorID, "scr_x")
	forged := h.Clone()
	forged.Set("X-Webhook-Signature", strings.Repeat("0", 64))
	res := b.deliver(t, forged, body)
	require.Equal(t, http.StatusUnauthorized, res.Code)
	res = b.deliver(t, h, []byte(strings.Replace(string(body), rec.MonitorID, "sub_other", 1)))
	require.Equal(t, http.StatusUnauthorized, res.Code)
	b.work(t)
	got, err := b.store.GetSubject(context.Background(), sub.ID)
	require.NoError(t, err)
	require.Empty(t, got.Hold, "a forged webhook changes nothing")

	res = b.deliver(t, h, body)
	require.Equal(t, http.StatusOK, res.Code, res.Body.String())
	b.work(t)
	got, err = b.store.GetSubject(context.Background(), sub.ID)
	require.NoError(t, err)
	require.Equal(t, kyc.CodeAMLReview, got.Hold)
	// The reviewer blocks instead of clearing.
	b.call(t, http.StatusOK, "POST", "/v1/admin/subjects/"+sub.ID+"/block", map[string]string{"reason": "confirmed match"}, nil, b.reviewer()...)
	_, gate := b.gate(t, b.tenantKey, w.address)
	require.Equal(t, "deny", gate["decision"])
}

// TestPersonScreeningLeavesNoNameInClear screens a person whose matches (which quote
// the name) go to a reviewer, and a monitored one, then greps the SQLite file and its
// WAL, and every column on PostgreSQL, for the screened names and the document number.
func TestPersonScreeningLeavesNoNameInClear(t *testing.T) {
	t.Parallel()
	journey := func(t *testing.T, store storage.Store) (koraBundle, []string) {
		b := setupKora(t, store)
		b.kora.SetOutcome("Zebulon Quackenbush-Odinsdottir", source.PersonReviewRequired)
		_, st := b.submitted(t, "Zebulon Quackenbush-Odinsdottir")
		b.approve(t, st.ID)
		b.kora.SetOutcome("Ottoline Vexworthy", source.PersonApproveWithMonitoring)
		_, st2 := b.submitted(t, "Ottoline Vexworthy")
		b.approve(t, st2.ID)
		require.Equal(t, storage.StatusApproved, b.verification(t, st2.ID).Status)
		b.work(t)
		return b, []string{"Zebulon", "Quackenbush", "Ottoline", "Vexworthy", "T22000129"}
	}
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "kycgate.db")
		st, err := server.OpenStore(context.Background(), "sqlite://"+path, true)
		require.NoError(t, err)
		t.Cleanup(func() { st.Close() })
		b, marks := journey(t, st)
		for _, suffix := range []string{"", "-wal"} {
			raw, err := os.ReadFile(path + suffix)
			if suffix == "-wal" && os.IsNotExist(err) {
				continue
			}
			require.NoError(t, err)
			requireNoPersonalData(t, "sqlite file"+suffix, raw, marks...)
		}
		requireNoPersonalData(t, "logs", []byte(b.logs.String()), marks...)
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		url := storagetest.PostgresURL(t)
		st, err := server.OpenStore(context.Background(), url, true)
		require.NoError(t, err)
		t.Cleanup(func() { st.Close() })
		b, marks := journey(t, st)
		dump := postgresDump(t, url)
		require.Contains(t, dump.String(), "REVIEW_REQUIRED", "the dump is readable: the grep is meaningful")
		requireNoPersonalData(t, "postgres dump", dump.Bytes(), marks...)
		requireNoPersonalData(t, "logs", []byte(b.logs.String()), marks...)
	})
}
