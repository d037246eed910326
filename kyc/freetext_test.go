package kyc_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
)

// Markers typed into every free-text field a wallet holder, a reviewer or the built-in
// provider fills. Each is distinct, so a failure names the field that leaked. Dumps of
// the database and the logs must contain none of them.
const (
	markSIWEStatement  = "MkStatementQuillon"
	markSIWERequestID  = "MkSiweRequestVarnish"
	markSIWEResource   = "MkSiweResourceTamsin"
	markFirst          = "MkFirstNameOrlaith"
	markLast           = "MkLastNamePennywhistle"
	markFileName       = "MkFileNameBrackwater"
	markResubmitReason = "MkResubmitReasonHollis"
	markDocComment     = "MkDocumentCommentFenwick"
	markApproveReason  = "MkApproveReasonMarigold"
	markRepeatReason   = "MkRepeatReasonSable"
	markClosedReason   = "MkClosedCaseReasonTorvald"
	markRevokeReason   = "MkRevokeReasonWinslow"
	markRefusedReason  = "MkRefusedRevokeReasonAvery"
	markBlockReason    = "MkBlockReasonCalloway"
	markUnblockReason  = "MkUnblockReasonDelphine"
	markRejectReason   = "MkRejectReasonEsperanza"
	markBlockOpen      = "MkBlockOpenCaseReasonGrimsby"
)

// freeTextMarkers are all of them.
var freeTextMarkers = []string{markSIWEStatement, markSIWERequestID, markSIWEResource, markFirst, markLast, markFileName,
	markResubmitReason, markDocComment, markApproveReason, markRepeatReason, markClosedReason, markRevokeReason,
	markRefusedReason, markBlockReason, markUnblockReason, markRejectReason, markBlockOpen}

// uploadNamed uploads file under a file name of the user's choosing.
func (b testBundle) uploadNamed(t testing.TB, path, name string, file []byte, fields ...string) string {
	t.Helper()
	rec := authtest.Upload(t, b.h, path, name, file, fields...)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var out struct{ DocumentID string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	return out.DocumentID
}

// signInSaying signs a wallet in with a message whose free-text parts carry markers.
func (b testBundle) signInSaying(t testing.TB) wallet {
	t.Helper()
	key := authtest.NewKey(t)
	scheme, host, _ := strings.Cut(publicURL, "://")
	m := authtest.Message{Scheme: scheme, Domain: host, Address: authtest.Address(key),
		Statement: "Sign in " + markSIWEStatement + ".", URI: publicURL, ChainID: 1, Nonce: authtest.Nonce(t, b.h),
		IssuedAt: b.clock.Now(), RequestID: markSIWERequestID, Resources: []string{publicURL + "/" + markSIWEResource}}
	text := m.String()
	var out struct{ Token string }
	b.call(t, http.StatusOK, "POST", "/v1/auth/siwe", map[string]string{"message": text, "signature": authtest.Sign(t, key, text)}, &out)
	return wallet{key: key, address: authtest.Address(key), auth: bearer(out.Token)}
}

// freeTextJourney types a marker into every free-text field: the sign-in message, the
// personal details, upload file names, a reviewer's reasons for each decision (resubmit
// with document comments, approve, a repeat, a refused change on a closed case, reject),
// a reversal and a refused one, a block of an approved subject and of one with an open
// case, and an unblock. It checks that reviewers still read the reasons in the case
// history, and returns the markers.
func freeTextJourney(t *testing.T, b testBundle) []string {
	t.Helper()
	w := b.signInSaying(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID}, &st, w.auth...)
	flow := "/v1/flow/" + st.FlowToken
	b.call(t, http.StatusOK, "PUT", flow+"/personal_details", details(markFirst, markLast), nil)
	front := b.uploadNamed(t, flow+"/documents", markFileName+".png", pngImage(t, 120, 80, 3), "type", "passport")
	b.uploadNamed(t, flow+"/selfie", markFileName+"-selfie.jpg", jpegImage(t, 96, 96))
	b.call(t, http.StatusOK, "POST", flow+"/submit", nil, nil)

	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "resubmit", "reason": markResubmitReason,
		"documents": []map[string]string{{"documentId": front, "comment": markDocComment}}})
	var view struct {
		Steps []struct{ Name, Status, Comment string }
	}
	b.call(t, http.StatusOK, "GET", flow, nil, &view)
	require.Equal(t, markDocComment, view.Steps[1].Comment, "the user reads the comment")
	b.uploadNamed(t, flow+"/documents", markFileName+"-again.png", pngImage(t, 120, 80, 4), "type", "passport")
	b.call(t, http.StatusOK, "POST", flow+"/submit", nil, nil)
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": markApproveReason})
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": markRepeatReason})
	b.decide(t, http.StatusConflict, st.ID, map[string]any{"decision": "reject", "reason": markClosedReason})

	// Reviewers still read the reasons, opened, in the case history.
	var kase struct {
		History []struct {
			Action string
			Detail map[string]any
		}
	}
	b.call(t, http.StatusOK, "GET", "/v1/admin/reviews/"+st.ID, nil, &kase, b.reviewer()...)
	reasons := map[string]any{}
	for _, e := range kase.History {
		if r, ok := e.Detail["reason"]; ok {
			reasons[e.Action] = r
		}
		require.NotContains(t, e.Detail, "sealed", "the history shows the text, not the sealed box")
	}
	require.Equal(t, markResubmitReason, reasons["verification.resubmission_requested"])
	require.Equal(t, markApproveReason, reasons["verification.approved"])

	// A reversal, then a refused one (the verification is no longer approved), a block
	// and an unblock.
	admin := "/v1/admin/"
	b.call(t, http.StatusOK, "POST", admin+"verifications/"+st.ID+"/revoke", map[string]string{"reason": markRevokeReason}, nil, b.reviewer()...)
	b.fail(t, http.StatusConflict, "invalid_transition", "POST", admin+"verifications/"+st.ID+"/revoke",
		map[string]string{"reason": markRefusedReason}, b.reviewer()...)
	sub := b.subjectOf(t, w)
	b.call(t, http.StatusOK, "POST", admin+"subjects/"+sub.ID+"/block", map[string]string{"reason": markBlockReason}, nil, b.reviewer()...)
	b.call(t, http.StatusOK, "POST", admin+"subjects/"+sub.ID+"/unblock", map[string]string{"reason": markUnblockReason}, nil, b.reviewer()...)
	b.call(t, http.StatusOK, "GET", "/v1/admin/reviews/"+st.ID, nil, &kase, b.reviewer()...)
	reasons = map[string]any{}
	for _, e := range kase.History {
		if r, ok := e.Detail["reason"]; ok {
			reasons[e.Action] = r
		}
	}
	require.Equal(t, markRevokeReason, reasons["verification.revoked"])
	require.Equal(t, markRefusedReason, reasons["verification.transition_refused"])

	// A final rejection, and a block of a subject whose case is still open.
	rejected := b.signIn(t)
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", nil, &st, rejected.auth...)
	b.completeFlow(t, st.FlowToken, "Ann", "Other")
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "reject", "reason": markRejectReason})
	open := b.signIn(t)
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", nil, &st, open.auth...)
	b.completeFlow(t, st.FlowToken, "Bea", "Other")
	b.call(t, http.StatusOK, "POST", admin+"subjects/"+b.subjectOf(t, open).ID+"/block", map[string]string{"reason": markBlockOpen},
		nil, b.reviewer()...)
	b.call(t, http.StatusOK, "GET", "/v1/admin/reviews/"+st.ID, nil, &kase, b.reviewer()...)
	last := kase.History[len(kase.History)-1]
	require.Equal(t, "verification.rejected", last.Action)
	require.Equal(t, markBlockOpen, last.Detail["reason"])
	return freeTextMarkers
}

// TestAuditSealsFreeText: the audit rows hold codes in plain text and reasons sealed.
func TestAuditSealsFreeText(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	w, st := b.approvedWallet(t, 1, b.tenantID)
	b.call(t, http.StatusOK, "POST", "/v1/admin/verifications/"+st.ID+"/revoke", map[string]string{"reason": markRevokeReason}, nil, b.reviewer()...)
	entries, err := b.store.ListAudit(t.Context(), "verification", st.ID)
	require.NoError(t, err)
	var revoked map[string]any
	for _, e := range entries {
		require.NotContains(t, e.Detail, markRevokeReason)
		require.NotContains(t, e.Detail, "documents match", "the approval's reason is sealed too")
		if e.Action == "verification.revoked" {
			require.NoError(t, json.Unmarshal([]byte(e.Detail), &revoked))
		}
	}
	require.Equal(t, "approved", revoked["from"], "codes stay readable")
	require.Equal(t, "revoked", revoked["to"])
	require.NotContains(t, revoked, "reason")
	require.Contains(t, revoked["sealed"], "reason")
	subEntries, err := b.store.ListAudit(t.Context(), "subject", b.subjectOf(t, w).ID)
	require.NoError(t, err)
	for _, e := range subEntries {
		require.NotContains(t, e.Detail, markRevokeReason)
	}
}
