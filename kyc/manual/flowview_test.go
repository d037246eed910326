package manual_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/manual"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// onBothStores runs a test on a gateway over SQLite and over PostgreSQL.
func onBothStores(t *testing.T, test func(t *testing.T, b bundle)) {
	for name, open := range map[string]func(testing.TB) storage.Store{
		"sqlite": storagetest.OpenSQLite, "postgres": storagetest.OpenPostgres,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			gw := servertest.Start(t, server.Config{DataKey: testDataKey}, open(t))
			_, key, err := auth.CreateTenant(t.Context(), gw.Store, "Acme", gw.Clock.Now())
			require.NoError(t, err)
			_, rkey, err := auth.CreateReviewer(t.Context(), gw.Store, "Reviewer", gw.Clock.Now())
			require.NoError(t, err)
			test(t, bundle{gw: gw, tenantKey: key, reviewerKey: rkey, customers: new(int)})
		})
	}
}

// startWith opens a verification for a new customer with a start body.
func (b bundle) startWith(t *testing.T, body any) (token, id string) {
	t.Helper()
	*b.customers++
	rec := authtest.Do(t, b.gw.Handler, "POST", fmt.Sprintf("/v1/tenant/customers/cust-%d/verifications", *b.customers), body,
		"Authorization", "Bearer "+b.tenantKey)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var out struct{ ID, FlowToken string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	return out.FlowToken, out.ID
}

func (b bundle) flowView(t *testing.T, token string) manual.FlowView {
	t.Helper()
	rec := authtest.Do(t, b.gw.Handler, "GET", "/v1/flow/"+token, nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	var v manual.FlowView
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &v))
	return v
}

// fillIDCard completes a flow with an ID card (front and back) and submits it; it returns
// the ids of the front, the back and the selfie.
func (b bundle) fillIDCard(t *testing.T, token string) (front, back, selfie string) {
	t.Helper()
	rec := authtest.Do(t, b.gw.Handler, "PUT", "/v1/flow/"+token+"/personal_details",
		map[string]string{"firstName": "Ada", "lastName": "Lovelace", "dateOfBirth": "1990-04-17", "country": "GB"})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	img := encoded(t, 80, 80, pngOf)
	front = documentID(t, b.document(t, token, img, "type", "id_card", "side", "front"))
	back = documentID(t, b.document(t, token, img, "type", "id_card", "side", "back"))
	selfie = documentID(t, b.selfie(t, token, img))
	rec = authtest.Do(t, b.gw.Handler, "POST", "/v1/flow/"+token+"/submit", nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	return front, back, selfie
}

func (b bundle) decide(t *testing.T, id string, body map[string]any) {
	t.Helper()
	rec := authtest.Do(t, b.gw.Handler, "POST", "/v1/admin/reviews/"+id+"/decision", body, "Authorization", "Bearer "+b.reviewerKey)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
}

func TestFlowViewShowsEachState(t *testing.T) {
	t.Parallel()
	onBothStores(t, func(t *testing.T, b bundle) {
		// Created, with a return URL.
		token, id := b.startWith(t, map[string]any{"returnUrl": "https://dapp.example/after-kyc?x=1"})
		v := b.flowView(t, token)
		require.Equal(t, storage.StatusCreated, v.Status)
		require.Equal(t, "https://dapp.example/after-kyc?x=1", v.ReturnURL)
		require.Empty(t, v.Redo)
		require.Empty(t, v.Message)
		require.Empty(t, v.AttestationURL, "not approved")

		// Waiting for review.
		_, back, _ := b.fillIDCard(t, token)
		v = b.flowView(t, token)
		require.Equal(t, storage.StatusInReview, v.Status)
		require.Empty(t, v.Redo)
		require.Equal(t, manual.StepDone, v.Steps[3].Status)

		// The reviewer asks for the back of the card again: only that slot, with its comment.
		b.decide(t, id, map[string]any{"decision": "resubmit", "reason": "blurred",
			"documents": []map[string]string{{"documentId": back, "comment": "The back is blurred: photograph it in daylight."}}})
		v = b.flowView(t, token)
		require.Equal(t, storage.StatusResubmissionRequested, v.Status)
		require.Equal(t, []manual.RedoSlot{{Slot: "document:back", Step: "document", Side: "back", DocumentType: "id_card",
			Comment: "The back is blurred: photograph it in daylight.", Done: false}}, v.Redo)
		require.Equal(t, manual.StepRedo, v.Steps[1].Status)
		require.Empty(t, v.Message)

		// Another slot stays locked; the asked one is taken and marked done.
		img := encoded(t, 80, 80, pngOf)
		requireError(t, b.selfie(t, token, img), http.StatusConflict, "step_locked")
		requireError(t, b.document(t, token, img, "type", "passport"), http.StatusConflict, "step_locked")
		documentID(t, b.document(t, token, img, "type", "id_card", "side", "back"))
		v = b.flowView(t, token)
		require.Equal(t, storage.StatusInProgress, v.Status)
		require.Len(t, v.Redo, 1)
		require.True(t, v.Redo[0].Done)

		// Submitted again: back to waiting, the round is over.
		rec := authtest.Do(t, b.gw.Handler, "POST", "/v1/flow/"+token+"/submit", nil)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		v = b.flowView(t, token)
		require.Equal(t, storage.StatusInReview, v.Status)
		require.Empty(t, v.Redo)

		// Approved: the return URL; no attestation link outside Web3 mode.
		b.decide(t, id, map[string]any{"decision": "approve", "reason": "documents match", "level": 1})
		v = b.flowView(t, token)
		require.Equal(t, storage.StatusApproved, v.Status)
		require.Equal(t, "https://dapp.example/after-kyc?x=1", v.ReturnURL)
		require.Empty(t, v.AttestationURL)
		require.Empty(t, v.Message)

		// Revoked: what happens next.
		rec = authtest.Do(t, b.gw.Handler, "POST", "/v1/admin/verifications/"+id+"/revoke", map[string]string{"reason": "fraud"},
			"Authorization", "Bearer "+b.reviewerKey)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		v = b.flowView(t, token)
		require.Equal(t, storage.StatusRevoked, v.Status)
		require.Equal(t, manual.MessageRevoked, v.Message)

		// Rejected (final): the support message; no return URL when none was given.
		token, id = b.startWith(t, nil)
		b.fillIDCard(t, token)
		// The reason code goes with reject only, and is one of the list.
		for _, bad := range []map[string]any{
			{"decision": "reject", "reasonCode": "looks_odd", "reason": "forged"},
			{"decision": "resubmit", "reasonCode": "other", "reason": "x", "documents": []map[string]string{{"documentId": "doc_x", "comment": "c"}}},
		} {
			rec := authtest.Do(t, b.gw.Handler, "POST", "/v1/admin/reviews/"+id+"/decision", bad, "Authorization", "Bearer "+b.reviewerKey)
			require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
			require.Contains(t, rec.Body.String(), "invalid_reason_code")
		}
		b.decide(t, id, map[string]any{"decision": "reject", "reasonCode": "document_forged", "reason": "forged"})
		rec = authtest.Do(t, b.gw.Handler, "GET", "/v1/admin/reviews/"+id, nil, "Authorization", "Bearer "+b.reviewerKey)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var decided struct {
			Decision struct{ ReasonCode, Reason string }
			History  []struct {
				Action string
				Detail map[string]any
			}
		}
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &decided))
		require.Equal(t, "document_forged", decided.Decision.ReasonCode)
		require.Equal(t, "forged", decided.Decision.Reason)
		var coded bool
		for _, h := range decided.History {
			coded = coded || (h.Action == "verification.rejected" && h.Detail["reasonCode"] == "document_forged")
		}
		require.True(t, coded, "the audit entry of the rejection carries the code: %s", rec.Body)
		v = b.flowView(t, token)
		require.Equal(t, storage.StatusRejected, v.Status)
		require.Equal(t, "final", v.RejectType)
		require.Equal(t, manual.MessageContactSupport, v.Message)
		require.Empty(t, v.ReturnURL)
		require.Empty(t, v.Redo)

		// Rejected with a retry (an external provider's answer): start again.
		token, id = b.startWith(t, nil)
		b.fillIDCard(t, token)
		key, err := pii.ParseKey(testDataKey)
		require.NoError(t, err)
		sealer, err := pii.NewSealer(key)
		require.NoError(t, err)
		life, err := kyc.NewService(kyc.Options{Store: b.gw.Store, Sealer: sealer, Now: b.gw.Clock.Now})
		require.NoError(t, err)
		_, err = life.Apply(t.Context(), kyc.Change{VerificationID: id, To: storage.StatusRejected, RejectType: kyc.RejectRetry,
			Actor: "provider:test", Reason: "blurred"})
		require.NoError(t, err)
		v = b.flowView(t, token)
		require.Equal(t, "retry", v.RejectType)
		require.Equal(t, manual.MessageStartAgain, v.Message)
		require.Empty(t, v.Redo)

		// Expired: what happens next.
		token, _ = b.startWith(t, nil)
		b.gw.Clock.Add(manual.DefaultFlowTTL)
		v = b.flowView(t, token)
		require.Equal(t, storage.StatusExpired, v.Status)
		require.Equal(t, manual.MessageExpired, v.Message)
	})
}

func TestStartRefusesABadReturnURL(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for _, bad := range []string{"http://dapp.example/", "javascript:alert(1)", "https://user:pw@dapp.example/", "/relative",
		"https://", "https://dapp.example:99999/", "data:text/html,x"} {
		rec := authtest.Do(t, b.gw.Handler, "POST", "/v1/tenant/customers/cust-x/verifications", map[string]any{"returnUrl": bad},
			"Authorization", "Bearer "+b.tenantKey)
		requireError(t, rec, http.StatusBadRequest, "invalid_return_url")
	}
}

// TestFlowViewOffersAnAttestationInWeb3Mode: an approved Web3-mode verification links
// to the sign-in page, where the holder takes an attestation.
func TestFlowViewOffersAnAttestationInWeb3Mode(t *testing.T) {
	t.Parallel()
	b := setup(t)
	key := authtest.NewKey(t)
	session := authtest.SignIn(t, b.gw.Handler, servertest.PublicURL, key, 1, b.gw.Clock.Now())
	rec := authtest.Do(t, b.gw.Handler, "POST", "/v1/kyc/verifications", map[string]any{"returnUrl": "https://dapp.example/"},
		"Authorization", "Bearer "+session)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var out struct{ ID, FlowToken string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	b.fillIDCard(t, out.FlowToken)
	require.Empty(t, b.flowView(t, out.FlowToken).AttestationURL, "not before approval")
	b.decide(t, out.ID, map[string]any{"decision": "approve", "reason": "documents match", "level": 1})
	v := b.flowView(t, out.FlowToken)
	require.Equal(t, servertest.PublicURL+"/", v.AttestationURL)
	require.Equal(t, "https://dapp.example/", v.ReturnURL)
}
