package server_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/didit"
	"github.com/kycgate/kycgate/storage"
)

// Didit's "In Review" cases decided by the gateway's reviewers (KYCGATE_PROVIDERS lists
// manual, which serves the reviewer API).

func TestDiditE2EInReviewApprovedByOurReviewer(t *testing.T) {
	t.Parallel()
	e := startDiditE2E(t, "didit", "manual")
	rev := e.reviewer(t)
	w, id, ref := e.start(t)
	e.inReview(t, ref)
	require.Equal(t, storage.StatusInReview, e.verification(t, id).Status)

	rec := authtest.Do(t, e.Handler, "GET", "/v1/admin/reviews", nil, rev...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var queue struct {
		Items []struct{ VerificationID, Provider, Status string }
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &queue))
	require.Len(t, queue.Items, 1)
	require.Equal(t, id, queue.Items[0].VerificationID)
	require.Equal(t, "didit", queue.Items[0].Provider, "listed as a Didit case")

	rec = authtest.Do(t, e.Handler, "GET", "/v1/admin/reviews/"+id, nil, rev...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.NotContains(t, rec.Body.String(), "media.didit", "no media URL")
	require.NotContains(t, rec.Body.String(), "Quokka", "nothing personal from Didit")
	var c struct {
		Provider        string
		UpdatedAt       string
		ProviderSummary *kyc.ReviewSummary
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &c))
	require.Equal(t, "didit", c.Provider)
	require.NotNil(t, c.ProviderSummary)
	require.Equal(t, didit.StatusInReview, c.ProviderSummary.Status)
	kinds := map[string]kyc.ReviewCheck{}
	for _, ch := range c.ProviderSummary.Checks {
		kinds[ch.Kind] = ch
	}
	require.Equal(t, []string{"POSSIBLE_DUPLICATED_USER"}, kinds["id_verification"].Warnings, "which check warned")
	require.NotNil(t, kinds["face_match"].Score)
	require.InDelta(t, 91.25, *kinds["face_match"].Score, 0.001, "scores")
	require.Equal(t, "Approved", kinds["liveness"].Status)

	rec = authtest.Do(t, e.Handler, "POST", "/v1/admin/reviews/"+id+"/decision",
		map[string]any{"decision": "approve", "reason": "Duplicate is the same person's old session.", "expectedUpdatedAt": c.UpdatedAt}, rev...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, []string{`{"new_status":"Approved","comment":"Duplicate is the same person's old session."}`}, e.patches(ref),
		"sent to Didit")
	v := e.verification(t, id)
	require.Equal(t, storage.StatusApproved, v.Status)
	require.Equal(t, didit.StatusApproved, e.didit.Status(ref))
	e.work(t)
	require.Equal(t, 1, e.told.Count("verification.updated", id, "approved"), "the tenant is told")

	// Didit's own webhook about the change it accepted changes nothing more.
	e.flush(t)
	require.Equal(t, 1, e.audits(t, id, "verification.approved"))
	require.Equal(t, 1, e.told.Count("verification.updated", id, "approved"))

	_, pkg := e.attest(t, w)
	rec = authtest.Do(t, e.Handler, "POST", "/v1/attestations/verify", map[string]any{"package": pkg})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var got struct {
		Valid   bool
		Country string
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	require.True(t, got.Valid)
	require.Equal(t, "ES", got.Country, "the claims of Didit's ID check")

	// The same decision again is acknowledged without sending anything.
	rec = authtest.Do(t, e.Handler, "POST", "/v1/admin/reviews/"+id+"/decision",
		map[string]any{"decision": "approve", "reason": "again"}, rev...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), `"changed":false`)
	require.Len(t, e.patches(ref), 1)
}

func TestDiditE2EInReviewResubmitAndRejectByOurReviewer(t *testing.T) {
	t.Parallel()
	e := startDiditE2E(t, "didit", "manual")
	rev := e.reviewer(t)

	_, id, ref := e.start(t)
	e.inReview(t, ref)
	rec := authtest.Do(t, e.Handler, "POST", "/v1/admin/reviews/"+id+"/decision",
		map[string]any{"decision": "resubmit", "reason": "The selfie is too dark."}, rev...)
	require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), "nodes_required")
	require.Empty(t, e.patches(ref), "nothing sent for an invalid decision")
	rec = authtest.Do(t, e.Handler, "POST", "/v1/admin/reviews/"+id+"/decision",
		map[string]any{"decision": "resubmit", "reason": "The selfie is too dark.", "nodes": []string{"feature_liveness"}}, rev...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, []string{`{"new_status":"Resubmitted","comment":"The selfie is too dark.","nodes_to_resubmit":["feature_liveness"]}`},
		e.patches(ref))
	v := e.verification(t, id)
	require.Equal(t, storage.StatusResubmissionRequested, v.Status)
	require.Equal(t, kyc.RejectRetry, v.RejectType)
	require.Equal(t, didit.StatusResubmitted, e.didit.Status(ref))
	e.work(t)
	require.Equal(t, 1, e.told.Count("verification.updated", id, "resubmission_requested"))

	_, id2, ref2 := e.start(t)
	e.inReview(t, ref2)
	rec = authtest.Do(t, e.Handler, "POST", "/v1/admin/reviews/"+id2+"/decision",
		map[string]any{"decision": "reject", "reason": "The document is forged."}, rev...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	v2 := e.verification(t, id2)
	require.Equal(t, storage.StatusRejected, v2.Status)
	require.Equal(t, kyc.RejectFinal, v2.RejectType, "the reviewer's rejection is final")
	require.Equal(t, didit.StatusDeclined, e.didit.Status(ref2))
	e.flush(t) // Didit's Declined webhook (retry) does not soften it
	require.Equal(t, kyc.RejectFinal, e.verification(t, id2).RejectType)
}

func TestDiditE2EAReviewerDecisionDiditRefusesLeavesTheCaseOpen(t *testing.T) {
	t.Parallel()
	e := startDiditE2E(t, "didit", "manual")
	rev := e.reviewer(t)
	_, id, ref := e.start(t)
	e.inReview(t, ref)
	approve := map[string]any{"decision": "approve", "reason": "Looks right."}

	for _, c := range []struct {
		status int
		code   string
	}{{http.StatusServiceUnavailable, "didit_unavailable"}, {http.StatusBadRequest, "didit_invalid_request"}} {
		e.didit.FailNext(1, c.status, "")
		rec := authtest.Do(t, e.Handler, "POST", "/v1/admin/reviews/"+id+"/decision", approve, rev...)
		require.NotEqual(t, http.StatusOK, rec.Code, rec.Body.String())
		require.Contains(t, rec.Body.String(), c.code, "the error is visible")
		require.Equal(t, storage.StatusInReview, e.verification(t, id).Status, "not applied locally")
		require.Equal(t, didit.StatusInReview, e.didit.Status(ref))
	}
	require.Equal(t, 2, e.audits(t, id, "review.decision_not_sent"), "in the case's history")
	rec := authtest.Do(t, e.Handler, "GET", "/v1/admin/reviews/"+id, nil, rev...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), "didit_unavailable")

	rec = authtest.Do(t, e.Handler, "POST", "/v1/admin/reviews/"+id+"/decision", approve, rev...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)
}
