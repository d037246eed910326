package server_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
)

// The end-to-end tests of wallet screening: a whole gateway over HTTP, Sumsub's fake
// approving, the scriptable screening source of servertest answering, River's jobs
// driven on the gateway's clock.

func TestScreeningE2ESanctionedWalletGetsNoAttestationAndGatesDeny(t *testing.T) {
	t.Parallel()
	backends(t, func(t *testing.T, store storage.Store) {
		e := startScreeningE2E(t, store, nil)
		w, id, ref := e.start(t)
		address := authtest.Address(w.key).Hex()
		e.list.Sanction(address)
		e.work(t) // the sign-in's screening job: sanctioned, the subject blocked

		v := e.verification(t, id)
		require.Equal(t, storage.StatusRejected, v.Status, "the block closes the open verification")
		sub, err := e.Store.GetSubject(t.Context(), v.SubjectID)
		require.NoError(t, err)
		require.True(t, sub.Blocked)
		subjectAudits, err := e.Store.ListAudit(t.Context(), "subject", sub.ID)
		require.NoError(t, err)
		var actions []string
		for _, a := range subjectAudits {
			actions = append(actions, a.Action)
		}
		require.Contains(t, actions, "subject.blocked")
		require.Contains(t, actions, "screening.case_opened")
		require.Equal(t, 1, e.told.Count("screening.flagged", "", ""), "the tenant the holder shared with is told")

		// Sumsub's later approval cannot lift it, and no attestation is issued.
		e.green(t, ref)
		e.notify(t, ref, "applicantReviewed")
		e.work(t)
		code, _ := e.issue(t, w)
		require.Equal(t, http.StatusForbidden, code)

		got := e.gate(t, address)
		require.Equal(t, "deny", got.Decision)
		require.Contains(t, got.Reasons, "wallet_sanctioned")
		require.Equal(t, "sanctioned", got.Screening.Outcome)
		require.Zero(t, e.count(t, "attestations", ""))

		// The reviewer sees the history with its source and reference; a sanctioned wallet
		// cannot be cleared.
		rec := authtest.Do(t, e.Handler, "GET", "/v1/admin/wallets/"+address+"/screenings", nil, e.reviewer...)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		require.Contains(t, rec.Body.String(), `"source":"testlist"`)
		require.Contains(t, rec.Body.String(), `"status":"sanctioned"`)
		require.Contains(t, rec.Body.String(), `"reference":"testlist-fake"`)
		rec = authtest.Do(t, e.Handler, "POST", "/v1/admin/wallets/"+address+"/screenings/clear",
			map[string]string{"reason": "looks fine"}, e.reviewer...)
		require.Equal(t, http.StatusConflict, rec.Code, rec.Body.String())
	})
}

func TestScreeningE2EWalletSanctionedAfterApprovalLosesItsAttestation(t *testing.T) {
	t.Parallel()
	backends(t, func(t *testing.T, store storage.Store) {
		e := startScreeningE2E(t, store, nil)
		w, address := e.approved(t)
		uid, pkg := e.attest(t, w)
		require.Zero(t, e.walletRisk(t, pkg), "clear: walletRisk 0")
		require.Equal(t, "allow", e.gate(t, address).Decision)

		// Listed later: the next scheduled screening (a day on) revokes.
		e.list.Sanction(address)
		e.rescreen(t)
		require.Equal(t, "allow", e.gate(t, address).Decision, "not due yet: screened a moment ago")
		e.Clock.Add(25 * time.Hour)
		e.rescreen(t)

		a, err := e.Store.GetAttestation(t.Context(), uid)
		require.NoError(t, err)
		require.NotNil(t, a.RevokedAt, "revoked offchain at once")
		require.Equal(t, "wallet_sanctioned", a.RevocationReason)
		onchain, err := queue.Waiting[verifier.RevokeArgs](t.Context(), e.Store)
		require.NoError(t, err)
		require.Equal(t, []verifier.RevokeArgs{{UID: uid}}, onchain, "onchain by job")
		got := e.gate(t, address)
		require.Equal(t, "deny", got.Decision)
		require.Contains(t, got.Reasons, "wallet_sanctioned")
		code, _ := e.issue(t, e.signIn(t, w))
		require.Equal(t, http.StatusForbidden, code)
	})
}

func TestScreeningE2EAnOutageNeverLetsAWalletThrough(t *testing.T) {
	t.Parallel()
	for _, onError := range []string{"review", "deny"} {
		t.Run(onError, func(t *testing.T) {
			backends(t, func(t *testing.T, store storage.Store) {
				e := startScreeningE2E(t, store, map[string]string{"KYCGATE_SCREENING_ON_ERROR": onError})
				e.list.Outage(true)
				w, address := e.approved(t)

				code, reason := e.issue(t, w)
				require.Equal(t, http.StatusForbidden, code)
				require.Equal(t, "screening_pending", reason)
				require.Zero(t, e.count(t, "attestations", ""))
				got := e.gate(t, address)
				require.Equal(t, onError, got.Decision)
				require.Contains(t, got.Reasons, "screening_pending")
				require.Equal(t, "pending", got.Screening.Outcome)

				// The source answers again: the next screening lets the wallet through.
				e.list.Outage(false)
				code, _ = e.issue(t, w)
				require.Equal(t, http.StatusCreated, code)
				require.Equal(t, "allow", e.gate(t, address).Decision)
			})
		})
	}
}

func TestScreeningE2EFlaggedWalletAboveMaxWalletRiskIsDenied(t *testing.T) {
	t.Parallel()
	backends(t, func(t *testing.T, store storage.Store) {
		e := startScreeningE2E(t, store, map[string]string{"KYCGATE_SCREENING_REVIEW_RISK": "15"})
		rec := authtest.Do(t, e.Handler, "PUT", "/v1/tenant/rules", map[string]any{"minLevel": 1, "maxWalletRisk": 5},
			"Authorization", "Bearer "+e.tenantKey)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		rec = authtest.Do(t, e.Handler, "PUT", "/v1/tenant/rules", map[string]any{"maxWalletRisk": 16},
			"Authorization", "Bearer "+e.tenantKey)
		require.Equal(t, http.StatusBadRequest, rec.Code, "the scale ends at 15")

		key := authtest.NewKey(t)
		e.list.Flag(authtest.Address(key).Hex(), source.RiskHigh)
		w, id, ref := e.startWith(t, key)
		e.green(t, ref)
		e.notify(t, ref, "applicantReviewed")
		e.work(t)
		require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)
		address := authtest.Address(w.key).Hex()

		got := e.gate(t, address)
		require.Equal(t, "deny", got.Decision)
		require.Equal(t, []string{"wallet_risk_too_high"}, got.Reasons)
		require.Equal(t, "clear", got.Screening.Outcome, "below the review level: not held")
		_, pkg := e.attest(t, w)
		require.Equal(t, 10, e.walletRisk(t, pkg), "the attestation carries the combined risk")
	})
}

func TestScreeningE2EACachedScreeningCallsNoSource(t *testing.T) {
	t.Parallel()
	e := startScreeningE2E(t, nil, map[string]string{"KYCGATE_SCREENING_TTL": "1h"})
	w, _ := e.approved(t)
	calls := e.list.Calls()
	require.Equal(t, 1, calls, "the sign-in's job screened the wallet once")
	e.attest(t, w)
	require.Equal(t, calls, e.list.Calls(), "within the TTL the stored answer serves")
	e.Clock.Add(2 * time.Hour)
	rec := authtest.Do(t, e.Handler, "POST", "/v1/attestations", map[string]any{"chainId": 10}, w.bearer...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	require.Equal(t, calls+1, e.list.Calls(), "past the TTL the source is asked again")
}

func TestScreeningE2EReviewerClearsAHold(t *testing.T) {
	t.Parallel()
	backends(t, func(t *testing.T, store storage.Store) {
		e := startScreeningE2E(t, store, nil)
		key := authtest.NewKey(t)
		address := authtest.Address(key).Hex()
		e.list.Flag(address, source.RiskHigh)
		w, id, ref := e.startWith(t, key)
		e.green(t, ref)
		e.notify(t, ref, "applicantReviewed")
		e.work(t)
		require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)

		code, reason := e.issue(t, w)
		require.Equal(t, http.StatusForbidden, code)
		require.Equal(t, "screening_review", reason)
		got := e.gate(t, address)
		require.Equal(t, "review", got.Decision)
		require.Equal(t, []string{"screening_review"}, got.Reasons)
		require.Equal(t, 1, e.told.Count("screening.flagged", "", ""))

		// A clear answer later does not lift the hold by itself.
		e.list.Clean(address)
		e.Clock.Add(25 * time.Hour)
		e.rescreen(t)
		require.Equal(t, "review", e.gate(t, address).Decision)
		e.list.Flag(address, source.RiskHigh)
		e.Clock.Add(25 * time.Hour)
		e.rescreen(t)
		require.Equal(t, 1, e.told.Count("screening.flagged", "", ""), "still the one hold: no new webhook")

		rec := authtest.Do(t, e.Handler, "GET", "/v1/admin/screenings/held", nil, e.reviewer...)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		require.Contains(t, rec.Body.String(), address, "the reviewers' case list")
		rec = authtest.Do(t, e.Handler, "POST", "/v1/admin/wallets/"+address+"/screenings/clear", map[string]string{}, e.reviewer...)
		require.Equal(t, http.StatusBadRequest, rec.Code, "a reason is required")
		rec = authtest.Do(t, e.Handler, "POST", "/v1/admin/wallets/"+address+"/screenings/clear",
			map[string]string{"reason": "exchange hot wallet, documented"}, e.reviewer...)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		audits, err := e.Store.ListAudit(t.Context(), "wallet", storage.NormalizeAddress(address))
		require.NoError(t, err)
		require.Equal(t, "wallet.screening_cleared", audits[len(audits)-1].Action)
		require.NotContains(t, audits[len(audits)-1].Detail, "hot wallet", "the reason is sealed")

		// Cleared at risk 10: screenings at that level hold nothing again.
		e.Clock.Add(25 * time.Hour)
		e.rescreen(t)
		require.Equal(t, "allow", e.gate(t, address).Decision)
		_, pkg := e.attest(t, e.signIn(t, w))
		require.Equal(t, 10, e.walletRisk(t, pkg))
		rec = authtest.Do(t, e.Handler, "GET", "/v1/admin/screenings/held", nil, e.reviewer...)
		require.JSONEq(t, `{"wallets":[]}`, rec.Body.String(), "cleared: no case left")
		rec = authtest.Do(t, e.Handler, "GET", "/v1/admin/wallets/"+address+"/screenings", nil, e.reviewer...)
		require.Equal(t, http.StatusOK, rec.Code)
		require.Contains(t, rec.Body.String(), `"acceptedRisk":10`)
		rec = authtest.Do(t, e.Handler, "GET", "/v1/admin/wallets/"+address+"/screenings", nil, "Authorization", "Bearer "+e.tenantKey)
		require.Equal(t, http.StatusUnauthorized, rec.Code, "reviewers only")
	})
}

func TestScreeningReadinessShowsSourcesAndNeverFails(t *testing.T) {
	t.Parallel()
	g := servertest.Start(t, servertestConfigWithOFAC(), nil)
	rec := authtest.Do(t, g.Handler, "GET", "/readyz", nil)
	require.Equal(t, http.StatusOK, rec.Code, "a list past its maximum age does not make the gateway unready")
	require.Contains(t, rec.Body.String(), `"source":"ofac"`)
	require.Contains(t, rec.Body.String(), `"ok":false`, "the embedded snapshot is older than 30 days at the test clock")
	rec = authtest.Do(t, g.Handler, "GET", "/metrics", nil)
	require.Contains(t, rec.Body.String(), `kycgate_screening_list_age_seconds{source="ofac"}`)
}
