package server_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/compilot"
	"github.com/kycgate/kycgate/kyc/compilot/compilottest"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
)

// The end-to-end tests of ComPilot (regular mode) over the shared inbound pipeline: a
// whole gateway over HTTP, the fake ComPilot, River's jobs driven on the gateway's clock.

func TestCompilotE2EApproved(t *testing.T) {
	t.Parallel()
	e := startCompilotE2E(t)
	id := e.start(t, "cust-1")
	require.Equal(t, storage.StatusCreated, e.verification(t, id).Status)

	e.active(t, id)
	e.flush(t)
	v := e.verification(t, id)
	require.Equal(t, storage.StatusApproved, v.Status)
	require.Equal(t, 1, v.Level, "KYCGATE_COMPILOT_LEVEL's default")
	require.Equal(t, 1, e.audits(t, id, "verification.approved"))
	require.Equal(t, 1, e.told.Count("verification.updated", id, "approved"), "the tenant is told")
	status, decision := e.customer(t, "cust-1")
	require.Equal(t, "approved", status)
	require.Equal(t, "allow", decision)

	w := e.link(t, "cust-1")
	uid, pkg := e.attest(t, w)
	rec := authtest.Do(t, e.Handler, "POST", "/v1/attestations/verify", map[string]any{"package": pkg})
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
	require.Equal(t, "DE", got.Country, "ComPilot's alpha-3 DEU as alpha-2")
	require.True(t, got.Over18, "born 1990-01-02")
	require.Equal(t, 1, e.count(t, "provider_events", "processed_at IS NOT NULL"))
}

// TestCompilotE2EActiveWithoutClaimsLeavesThemUnknown: ComPilot approves a customer whose
// record holds no country or date of birth; the approval stands with both unknown, and a
// tenant whose rules need them gets review, not allow (issue 13).
func TestCompilotE2EActiveWithoutClaimsLeavesThemUnknown(t *testing.T) {
	t.Parallel()
	e := startCompilotE2E(t)
	id := e.start(t, "cust-1")
	e.fake.SetCustomer(t, id, compilot.StatusActive, nil)
	e.flush(t)
	v := e.verification(t, id)
	require.Equal(t, storage.StatusApproved, v.Status)
	sub, err := e.Store.GetSubject(t.Context(), v.SubjectID)
	require.NoError(t, err)
	require.Empty(t, sub.Country, "the country stays unknown")
	require.False(t, sub.Over18, "over 18 is not claimed without a date of birth")
	require.Empty(t, sub.BirthDate)
	_, decision := e.customer(t, "cust-1")
	require.Equal(t, "allow", decision, "rules that need neither claim allow")

	rec := authtest.Do(t, e.Handler, "PUT", "/v1/tenant/rules", map[string]any{"blockedCountries": []string{"US"}, "minAge": 18},
		e.tenant()...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	id2 := e.start(t, "cust-2")
	e.fake.SetCustomer(t, id2, compilot.StatusActive, nil)
	e.flush(t)
	require.Equal(t, storage.StatusApproved, e.verification(t, id2).Status)
	rec = authtest.Do(t, e.Handler, "GET", "/v1/tenant/customers/cust-2", nil, e.tenant()...)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), `"decision":"review"`)
	require.Contains(t, rec.Body.String(), `"country_unknown"`)
	require.Contains(t, rec.Body.String(), `"age_unknown"`)
}

func TestCompilotE2EFailedThenActive(t *testing.T) {
	t.Parallel()
	e := startCompilotE2E(t)
	id := e.start(t, "cust-1")
	e.fake.SetCustomer(t, id, compilot.StatusFailed, nil)
	e.flush(t)
	v := e.verification(t, id)
	require.Equal(t, storage.StatusResubmissionRequested, v.Status)
	require.Equal(t, kyc.RejectRetry, v.RejectType)
	sub, err := e.Store.GetSubject(t.Context(), v.SubjectID)
	require.NoError(t, err)
	require.False(t, sub.Blocked, "Failed may onboard again")
	require.Equal(t, 1, e.told.Count("verification.updated", id, "resubmission_requested"))

	e.Clock.Add(time.Minute)
	e.active(t, id)
	e.flush(t)
	require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)
	require.Equal(t, []string{"created", "resubmission_requested", "approved"}, e.outbox(t, v.SubjectID, id))
}

func TestCompilotE2ERejectedIsFinal(t *testing.T) {
	t.Parallel()
	e := startCompilotE2E(t)
	id := e.start(t, "cust-1")
	e.fake.SetCustomer(t, id, compilot.StatusRejected, nil)
	e.flush(t)
	v := e.verification(t, id)
	require.Equal(t, storage.StatusRejected, v.Status)
	require.Equal(t, kyc.RejectFinal, v.RejectType)
	sub, err := e.Store.GetSubject(t.Context(), v.SubjectID)
	require.NoError(t, err)
	require.True(t, sub.Blocked, "a final rejection blocks the subject")
}

func TestCompilotE2EActiveThenTerminatedOrDeletedRevokes(t *testing.T) {
	t.Parallel()
	for _, later := range []string{compilot.StatusTerminated, "deleted"} {
		t.Run(later, func(t *testing.T) {
			t.Parallel()
			e := startCompilotE2E(t)
			id := e.start(t, "cust-1")
			e.active(t, id)
			e.flush(t)
			require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)
			w := e.link(t, "cust-1")
			uid, _ := e.attest(t, w)

			e.Clock.Add(time.Hour)
			e.fake.SetCustomer(t, id, compilot.StatusDormant, nil)
			e.flush(t)
			require.Equal(t, storage.StatusApproved, e.verification(t, id).Status, "Dormant leaves the approval")
			require.Equal(t, 1, e.audits(t, id, "verification.provider_status"), "Dormant is recorded for reviewers")

			if later == "deleted" {
				e.fake.Delete(t, id)
			} else {
				e.fake.SetCustomer(t, id, later, nil)
			}
			e.flush(t)
			v := e.verification(t, id)
			require.Equal(t, storage.StatusRevoked, v.Status)
			require.Equal(t, 1, e.audits(t, id, "verification.revoked"))
			rec := authtest.Do(t, e.Handler, "GET", "/v1/attestations/"+uid, nil)
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			var st struct{ Status string }
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &st))
			require.Equal(t, "revoked", st.Status, "the attestation is revoked")
			require.Equal(t, []string{"created", "approved", "revoked"}, e.outbox(t, v.SubjectID, id))
			require.Equal(t, 1, e.told.Count("verification.updated", id, "revoked"), "the tenant is told")
		})
	}
}

func TestCompilotE2EWebhookSignatures(t *testing.T) {
	t.Parallel()
	e := startCompilotE2E(t)
	id := e.start(t, "cust-1")
	e.active(t, id)
	require.Len(t, e.fake.Webhooks(), 1) // delivered below by hand
	now := e.Clock.Now()
	h, body := e.fake.Webhook(compilot.EventCustomerUpdated, id, "msg_1", now)
	valid := h.Get(compilot.HeaderSignature)
	rotated := compilottest.Sign("whsec_b2xkLXJvdGF0ZWQtc2VjcmV0", "msg_1", now, body)

	forged := h.Clone()
	forged.Set(compilot.HeaderSignature, rotated)
	staleH, staleBody := e.fake.Webhook(compilot.EventCustomerUpdated, id, "msg_2", now.Add(-6*time.Minute))
	futureH, futureBody := e.fake.Webhook(compilot.EventCustomerUpdated, id, "msg_3", now.Add(6*time.Minute))
	retimed := h.Clone()
	retimed.Set(compilot.HeaderTimestamp, strconv.FormatInt(now.Unix()-1, 10))
	noID := h.Clone()
	noID.Del(compilot.HeaderID)
	tampered := []byte(strings.Replace(string(body), "customer.updated", "customer.created", 1))
	for _, c := range []struct {
		name string
		h    http.Header
		body []byte
	}{
		{"another secret", forged, body},
		{"stale svix-timestamp", staleH, staleBody},
		{"svix-timestamp in the future", futureH, futureBody},
		{"svix-timestamp changed", retimed, body},
		{"no svix-id", noID, body},
		{"body changed", h, tampered},
	} {
		rec := e.deliver(c.h, c.body)
		require.Equal(t, http.StatusUnauthorized, rec.Code, "%s: %s", c.name, rec.Body)
		require.Contains(t, rec.Body.String(), `"code":"invalid_signature"`, c.name)
	}
	require.Zero(t, e.count(t, "provider_events", ""), "nothing stored")
	jobs, err := queue.Waiting[kyc.ProcessEventArgs](t.Context(), e.Store)
	require.NoError(t, err)
	require.Empty(t, jobs, "nothing queued")
	e.work(t)
	require.Equal(t, storage.StatusCreated, e.verification(t, id).Status, "nothing changed")

	several := h.Clone()
	several.Set(compilot.HeaderSignature, rotated+" "+valid)
	rec := e.deliver(several, body)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.JSONEq(t, `{"received":true,"duplicate":false}`, rec.Body.String(), "one valid signature among several")
	rec = e.deliver(h, body)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.JSONEq(t, `{"received":true,"duplicate":true}`, rec.Body.String(), "the same svix-id is stored once")
	e.work(t)
	require.Equal(t, storage.StatusApproved, e.verification(t, id).Status)
	require.Equal(t, 1, e.count(t, "provider_events", ""))
}

// web3Start signs a wallet in, starts {"provider":"compilot"} and completes ComPilot's
// verify step with the wallet's signature of the challenge the start answered.
func (e *compilotE2E) web3Start(t *testing.T) (id, address string) {
	t.Helper()
	key := authtest.NewKey(t)
	address = strings.ToLower(crypto.PubkeyToAddress(key.PublicKey).Hex()) // as the session keeps it
	token := authtest.SignIn(t, e.Handler, servertest.PublicURL, key, 8453, e.Clock.Now())
	rec := authtest.Do(t, e.Handler, "POST", "/v1/kyc/verifications", map[string]any{"provider": "compilot", "tenantId": e.tenantID},
		"Authorization", "Bearer "+token)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var st struct{ ID, Provider, Mode, SDKToken, Challenge string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &st))
	require.Equal(t, "web3", st.Mode)
	require.Empty(t, st.SDKToken)
	require.Contains(t, st.Challenge, address, "the start answers ComPilot's challenge for the session's wallet")
	reqs := e.fake.Requests()
	require.Equal(t, map[string]any{"address": address, "namespace": "eip155", "blockchainId": "8453",
		"origin": servertest.PublicURL, "workflowId": e.fake.WorkflowID, "externalCustomerId": st.ID}, reqs[len(reqs)-1].Body)
	cp := e.fake.VerifyChallenge(t, st.Challenge, address, "8453", authtest.Sign(t, key, st.Challenge))
	require.Equal(t, st.ID, e.fake.TokenCustomer(cp))
	return st.ID, address
}

func TestCompilotE2EWeb3ModeApproved(t *testing.T) {
	t.Parallel()
	e := startCompilotE2E(t)
	id, _ := e.web3Start(t)
	require.Equal(t, storage.StatusCreated, e.verification(t, id).Status)
	e.active(t, id)
	e.flush(t)
	v := e.verification(t, id)
	require.Equal(t, storage.StatusApproved, v.Status)
	require.Equal(t, 1, e.audits(t, id, "verification.approved"))
	require.Equal(t, 1, e.told.Count("verification.updated", id, "approved"), "the tenant is told")
}

func TestCompilotE2EWeb3ModeOtherWalletRefused(t *testing.T) {
	t.Parallel()
	e := startCompilotE2E(t)
	id, _ := e.web3Start(t)
	e.fake.SetWallets(t, id, "0x00000000000000000000000000000000000000aa")
	e.active(t, id)
	e.flush(t)
	v := e.verification(t, id)
	require.Equal(t, storage.StatusCreated, v.Status, "nothing changed")
	require.Equal(t, 1, e.audits(t, id, "verification.provider_error"), "the refusal is audited")
	require.Zero(t, e.audits(t, id, "verification.approved"))
	require.Zero(t, e.told.Count("verification.updated", id, "approved"))
}
