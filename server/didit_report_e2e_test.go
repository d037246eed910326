package server_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc/didit/diditest"
	"github.com/kycgate/kycgate/server/servertest"
)

// The case view of a Didit case offers Didit's PDF report: streamed to the reviewer from
// Didit, never stored, audited as a view.
func TestDiditE2EReviewerReadsDiditsPDFReport(t *testing.T) {
	t.Parallel()
	e := startDiditE2E(t, "didit", "manual")
	rev := e.reviewer(t)
	_, id, ref := e.start(t)
	e.inReview(t, ref)

	rec := authtest.Do(t, e.Handler, "GET", "/v1/admin/reviews/"+id, nil, rev...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var c struct{ Report string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &c))
	require.Equal(t, "/v1/admin/reviews/"+id+"/report", c.Report, "the case view offers the report")

	rec = authtest.Do(t, e.Handler, "GET", c.Report, nil, rev...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, "application/pdf", rec.Header().Get("Content-Type"))
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	require.Equal(t, diditest.PDF(ref), rec.Body.Bytes(), "Didit's report, as Didit sent it")
	require.Equal(t, 1, e.didit.Count("GET", "/v3/session/"+ref+"/generate-pdf/"))

	list, err := e.Store.ListAudit(t.Context(), "verification", id)
	require.NoError(t, err)
	last := list[len(list)-1]
	require.Equal(t, "review.report_viewed", last.Action)
	require.JSONEq(t, `{"provider":"didit"}`, last.Detail, "nothing personal")
	require.Equal(t, 1, e.audits(t, id, "review.report_viewed"))

	// Not for a wallet: reviewers only.
	rec = authtest.Do(t, e.Handler, "GET", c.Report, nil)
	require.Equal(t, http.StatusUnauthorized, rec.Code, rec.Body.String())

	// Didit failing: the reviewer gets Didit's error, nothing is audited as viewed.
	e.didit.FailNext(1, http.StatusServiceUnavailable, "")
	rec = authtest.Do(t, e.Handler, "GET", c.Report, nil, rev...)
	require.Equal(t, http.StatusServiceUnavailable, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), "didit_unavailable")
	require.Equal(t, 1, e.audits(t, id, "review.report_viewed"))
}

// A case of a provider without reports (the manual provider's own) has none: 404.
func TestDiditE2EReportOfAProviderWithoutReportsIsNotFound(t *testing.T) {
	t.Parallel()
	e := startDiditE2E(t, "didit", "manual")
	rev := e.reviewer(t)
	key := authtest.NewKey(t)
	token := authtest.SignIn(t, e.Handler, servertest.PublicURL, key, 1, e.Clock.Now())
	rec := authtest.Do(t, e.Handler, "POST", "/v1/kyc/verifications", map[string]any{"provider": "manual", "tenantId": e.tenantID},
		"Authorization", "Bearer "+token)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var st struct{ ID string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &st))

	rec = authtest.Do(t, e.Handler, "GET", "/v1/admin/reviews/"+st.ID+"/report", nil, rev...)
	require.Equal(t, http.StatusNotFound, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), "unknown_report")
	rec = authtest.Do(t, e.Handler, "GET", "/v1/admin/reviews/ver_nosuchcase/report", nil, rev...)
	require.Equal(t, http.StatusNotFound, rec.Code, rec.Body.String())
	require.Equal(t, 0, e.audits(t, st.ID, "review.report_viewed"))
}
