package server_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
)

// A reviewer who blocks a subject with a Didit session also adds the session to Didit's
// blocklist, by a job: not in the request, retried when Didit fails.
func TestDiditE2EBlockAddsTheSessionToDiditsBlocklist(t *testing.T) {
	t.Parallel()
	e := startDiditE2E(t, "didit", "manual")
	rev := e.reviewer(t)
	_, id, ref := e.start(t)
	e.approve(t, ref)
	e.flush(t)
	v := e.verification(t, id)
	require.Equal(t, storage.StatusApproved, v.Status)

	e.didit.FailNext(1, http.StatusServiceUnavailable, "")
	rec := authtest.Do(t, e.Handler, "POST", "/v1/admin/subjects/"+v.SubjectID+"/block",
		map[string]any{"reason": "Fraudulent documents."}, rev...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Empty(t, e.didit.Blocklisted(), "never in the request path")
	jobs, err := queue.Waiting[kyc.BlocklistArgs](t.Context(), e.Store)
	require.NoError(t, err)
	require.Len(t, jobs, 1, "enqueued with the block")

	e.work(t)
	require.Empty(t, e.didit.Blocklisted(), "Didit failed (503)")
	jobs, err = queue.Waiting[kyc.BlocklistArgs](t.Context(), e.Store)
	require.NoError(t, err)
	require.Len(t, jobs, 1, "retried with backoff, not dropped")

	e.Clock.Add(10 * time.Minute)
	e.work(t)
	require.Equal(t, []string{ref}, e.didit.Blocklisted())
	var bodies []string
	for _, r := range e.didit.Requests() {
		if r.Method == "POST" && r.Path == "/v3/blocklist/add/" {
			bodies = append(bodies, string(r.Body))
		}
	}
	require.Len(t, bodies, 1, "the failed attempt was not accepted")
	require.JSONEq(t, `{"session_id":"`+ref+`","blocklist_face":true,"blocklist_document":true}`, bodies[0])
	jobs, err = queue.Waiting[kyc.BlocklistArgs](t.Context(), e.Store)
	require.NoError(t, err)
	require.Empty(t, jobs)
	require.Equal(t, storage.StatusRevoked, e.verification(t, id).Status)
}

// Blocking a subject whose only verification is the manual provider's (no blocklist)
// enqueues nothing.
func TestDiditE2EBlockWithoutDiditSessionEnqueuesNothing(t *testing.T) {
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
	v := e.verification(t, st.ID)
	require.Equal(t, "manual", v.Provider)

	rec = authtest.Do(t, e.Handler, "POST", "/v1/admin/subjects/"+v.SubjectID+"/block",
		map[string]any{"reason": "Fraudulent documents."}, rev...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	jobs, err := queue.Waiting[kyc.BlocklistArgs](t.Context(), e.Store)
	require.NoError(t, err)
	require.Empty(t, jobs)
	e.work(t)
	require.Empty(t, e.didit.Blocklisted())
}
