package server_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
)

// TestErasureForwardedToDidit: a reviewer erases an approved Didit holder; the
// attestation is revoked (erased) offchain and by job onchain, the provider payloads
// are gone, the gate answers kyc_required, and the River job deletes the session at the
// fake Didit with its result audited. Erasing again changes nothing.
func TestErasureForwardedToDidit(t *testing.T) {
	t.Parallel()
	e := startDiditE2E(t)
	w, id, ref := e.start(t)
	e.approve(t, ref)
	e.flush(t)
	require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)
	uid, _ := e.attest(t, w)
	require.Positive(t, e.count(t, "provider_events", "payload IS NOT NULL"))
	subjectID := e.verification(t, id).SubjectID

	rev := e.reviewer(t)
	rec := authtest.Do(t, e.Handler, "POST", "/v1/admin/subjects/"+subjectID+"/erase", map[string]string{"reason": "holder asked"}, rev...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var out struct {
		Already             bool
		AttestationsRevoked int
		ProviderDeletions   int
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	require.False(t, out.Already)
	require.Equal(t, 1, out.AttestationsRevoked)
	require.Equal(t, 1, out.ProviderDeletions)

	att, err := e.Store.GetAttestation(t.Context(), uid)
	require.NoError(t, err)
	require.NotNil(t, att.RevokedAt)
	require.Equal(t, "erased", att.RevocationReason)
	onchain, err := queue.Waiting[verifier.RevokeArgs](t.Context(), e.Store)
	require.NoError(t, err)
	require.Equal(t, []verifier.RevokeArgs{{UID: uid}}, onchain, "onchain by job")
	require.Zero(t, e.count(t, "provider_events", "payload IS NOT NULL"), "provider payloads are deleted")
	v := e.verification(t, id)
	require.Equal(t, storage.StatusRevoked, v.Status, "the status stays, as a revocation")
	require.Empty(t, v.Data)

	require.Empty(t, e.didit.Deleted(), "forwarded by a job, not in the request")
	e.work(t)
	require.Equal(t, []string{ref}, e.didit.Deleted())
	require.Equal(t, 1, e.audits(t, id, "verification.provider_erased"))

	gate := authtest.Do(t, e.Handler, "GET", "/v1/tenant/wallets/"+authtest.Address(w.key).Hex(), nil, "Authorization", "Bearer "+e.tenantKey)
	var decision struct {
		Decision string
		Reasons  []string
	}
	require.NoError(t, json.Unmarshal(gate.Body.Bytes(), &decision), gate.Body.String())
	require.Equal(t, "deny", decision.Decision, gate.Body.String())
	require.Contains(t, decision.Reasons, "kyc_required")

	rec = authtest.Do(t, e.Handler, "POST", "/v1/admin/subjects/"+subjectID+"/erase", map[string]string{"reason": "again"}, rev...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	require.True(t, out.Already)
	e.work(t)
	require.Equal(t, []string{ref}, e.didit.Deleted(), "no second deletion")
}

// TestErasureForwardedToSumsub: the erasure of a Sumsub holder deactivates the
// applicant at the fake Sumsub, by job, audited.
func TestErasureForwardedToSumsub(t *testing.T) {
	t.Parallel()
	e := startSumsubE2E(t)
	_, id, ref := e.start(t)
	e.green(t, ref)
	e.notify(t, ref, "applicantReviewed")
	e.work(t)
	require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)
	subjectID := e.verification(t, id).SubjectID

	_, key, err := auth.CreateReviewer(t.Context(), e.Store, "Rita Reviewer", e.Clock.Now())
	require.NoError(t, err)
	rec := authtest.Do(t, e.Handler, "POST", "/v1/admin/subjects/"+subjectID+"/erase", map[string]string{"reason": "holder asked"},
		"Authorization", "Bearer "+key)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	e.work(t)
	require.Equal(t, []string{ref}, e.fake.Deactivated())
	require.Equal(t, 1, e.audits(t, id, "verification.provider_erased"))
}
