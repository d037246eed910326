package kyc_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

type flowView struct {
	VerificationID, Status string
	Steps                  []struct{ Name, Status, Comment string }
}

func (f flowView) step(name string) (string, string) {
	for _, s := range f.Steps {
		if s.Name == name {
			return s.Status, s.Comment
		}
	}
	return "", ""
}

func TestResubmissionOfOneDocument(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	w := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", nil, &st, w.auth...)
	docs := b.completeFlow(t, st.FlowToken, "Ada", "Lovelace")
	flow := "/v1/flow/" + st.FlowToken

	// Naming a document that is not the case's is refused.
	b.decide(t, http.StatusBadRequest, st.ID, map[string]any{"decision": "resubmit", "reason": "blurry",
		"documents": []map[string]string{{"documentId": "doc_nope", "comment": "?"}}})
	b.decide(t, http.StatusBadRequest, st.ID, map[string]any{"decision": "resubmit", "reason": "blurry"})
	out := b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "resubmit", "reason": "back unreadable",
		"documents": []map[string]string{{"documentId": docs.back, "comment": "The back of the card is blurred; upload a sharp photo."}}})
	require.Equal(t, "resubmission_requested", out["status"])
	require.Equal(t, "retry", out["rejectType"])
	again := b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "resubmit", "reason": "double click",
		"documents": []map[string]string{{"documentId": docs.back, "comment": "The back of the card is blurred; upload a sharp photo."}}})
	require.Equal(t, false, again["changed"], "the same decision twice is applied once")

	var view flowView
	b.call(t, http.StatusOK, "GET", flow, nil, &view)
	require.Equal(t, "resubmission_requested", view.Status)
	status, comment := view.step("document")
	require.Equal(t, "redo", status)
	require.Contains(t, comment, "blurred")
	status, _ = view.step("personal_details")
	require.Equal(t, "done", status)
	status, _ = view.step("selfie")
	require.Equal(t, "done", status)

	// Only the named document can change.
	b.fail(t, http.StatusConflict, "step_locked", "PUT", flow+"/personal_details", details("Ada", "Byron"))
	rec := b.upload(t, flow+"/selfie", pngImage(t, 90, 90, 3))
	require.Equal(t, http.StatusConflict, rec.Code, rec.Body.String())
	rec = b.upload(t, flow+"/documents", pngImage(t, 90, 90, 3), "type", "id_card", "side", "front")
	require.Equal(t, http.StatusConflict, rec.Code, rec.Body.String())
	rec = b.upload(t, flow+"/documents", pngImage(t, 90, 90, 3), "type", "passport")
	require.Equal(t, http.StatusConflict, rec.Code, "the document type cannot change either")
	b.fail(t, http.StatusUnprocessableEntity, "steps_incomplete", "POST", flow+"/submit", nil)

	newBack := b.uploadOK(t, flow+"/documents", pngImage(t, 120, 80, 4), "type", "id_card", "side", "back")
	b.call(t, http.StatusOK, "GET", flow, nil, &view)
	require.Equal(t, "in_progress", view.Status)
	status, _ = view.step("document")
	require.Equal(t, "done", status)
	var submitted struct{ Status string }
	b.call(t, http.StatusOK, "POST", flow+"/submit", nil, &submitted)
	require.Equal(t, "in_review", submitted.Status)

	// The reviewer sees which documents are current, and approves.
	var kase struct {
		Documents []struct {
			DocumentID string
			Current    bool
		}
	}
	b.call(t, http.StatusOK, "GET", "/v1/admin/reviews/"+st.ID, nil, &kase, b.reviewer()...)
	current := map[string]bool{}
	for _, d := range kase.Documents {
		current[d.DocumentID] = d.Current
	}
	require.Equal(t, map[string]bool{docs.front: true, docs.back: false, newBack: true, docs.selfie: true}, current)
	out = b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "fine now"})
	require.Equal(t, "approved", out["status"])
	require.Equal(t, 1, b.subjectOf(t, w).ApprovedLevel)
}

func TestFinalRejection(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	w := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID}, &st, w.auth...)
	b.completeFlow(t, st.FlowToken, "Mallory", "Forger")
	b.decide(t, http.StatusBadRequest, st.ID, map[string]any{"decision": "reject"})
	out := b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "reject", "reason": "forged document"})
	require.Equal(t, "rejected", out["status"])
	require.Equal(t, "final", out["rejectType"])
	out = b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "reject", "reason": "again"})
	require.Equal(t, false, out["changed"])
	b.decide(t, http.StatusConflict, st.ID, map[string]any{"decision": "approve", "reason": "oops"})

	sub := b.subjectOf(t, w)
	require.True(t, sub.Blocked, "a final rejection blocks")
	require.Zero(t, sub.ApprovedLevel)
	b.fail(t, http.StatusConflict, "flow_closed", "PUT", "/v1/flow/"+st.FlowToken+"/personal_details", details("A", "B"))
	b.fail(t, http.StatusForbidden, "subject_blocked", "POST", "/v1/kyc/verifications", nil, w.auth...)
	b.fail(t, http.StatusForbidden, "subject_blocked", "POST", "/v1/attestations", map[string]any{"chainId": 1}, w.auth...)
	code, gate := b.gate(t, b.tenantKey, w.address)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "deny", gate["decision"])
	require.Equal(t, []any{"subject_blocked"}, gate["reasons"])
}

func TestReuseOfAnApproval(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	otherID, otherKey := b.newTenant(t, "Other dApp")
	w, first := b.approvedWallet(t, 2, b.tenantID)

	code, gate := b.gate(t, otherKey, w.address)
	require.Equal(t, http.StatusNotFound, code, "not shared with the other tenant yet")
	require.Equal(t, "unknown_wallet", gate["error"].(map[string]any)["code"])

	// The holder verifies for the other dApp: the approval is reused, not redone.
	var st started
	b.call(t, http.StatusOK, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": otherID, "level": 1}, &st, w.auth...)
	require.True(t, st.Reused)
	require.Equal(t, first.ID, st.ID)
	require.Equal(t, "approved", st.Status)
	require.Empty(t, st.FlowToken)
	code, gate = b.gate(t, otherKey, w.address)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "allow", gate["decision"])
	var got map[string]any
	b.call(t, http.StatusOK, "GET", "/v1/kyc/verifications/"+first.ID, nil, &got, bearer(otherKey)...)
	require.Equal(t, "approved", got["status"])
	require.NotContains(t, got, "tenantId", "the other dApp does not learn which dApp the holder verified for first")
	b.call(t, http.StatusOK, "GET", "/v1/kyc/verifications/"+first.ID, nil, &got, b.tenant()...)
	require.Equal(t, b.tenantID, got["tenantId"])

	// A higher level than the approval needs a new verification.
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": otherID, "level": 3}, &st, w.auth...)
	require.False(t, st.Reused)
	require.NotEqual(t, first.ID, st.ID)
	require.Equal(t, "created", st.Status)
	b.fail(t, http.StatusBadRequest, "invalid_level", "POST", "/v1/kyc/verifications", map[string]any{"level": 4}, w.auth...)
	b.fail(t, http.StatusBadRequest, "unknown_tenant", "POST", "/v1/kyc/verifications", map[string]any{"tenantId": "ten_nope"}, w.auth...)
	b.fail(t, http.StatusBadRequest, "unknown_provider", "POST", "/v1/kyc/verifications", map[string]any{"provider": "sumsub"}, w.auth...)

	audit, err := b.store.ListAudit(context.Background(), "verification", first.ID)
	require.NoError(t, err)
	require.Equal(t, "verification.reused", audit[len(audit)-1].Action)
}

func TestStartingAgainResumesWithAFreshToken(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	w := b.signIn(t)
	var first, second started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", nil, &first, w.auth...)
	b.call(t, http.StatusOK, "PUT", "/v1/flow/"+first.FlowToken+"/personal_details", details("Ada", "Lovelace"), nil)
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", nil, &second, w.auth...)
	require.Equal(t, first.ID, second.ID, "the open verification is resumed")
	require.NotEqual(t, first.FlowToken, second.FlowToken)
	b.fail(t, http.StatusNotFound, "unknown_flow", "GET", "/v1/flow/"+first.FlowToken, nil)
	var view flowView
	b.call(t, http.StatusOK, "GET", "/v1/flow/"+second.FlowToken, nil, &view)
	status, _ := view.step("personal_details")
	require.Equal(t, "done", status, "progress is kept for the other device")
}

func TestRegularModeThenALinkedWallet(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	ctx := context.Background()
	customer := "/v1/tenant/customers/user-42"

	b.fail(t, http.StatusNotFound, "unknown_customer", "GET", customer, nil, b.tenant()...)
	var st started
	b.call(t, http.StatusCreated, "POST", customer+"/verifications", nil, &st, b.tenant()...)
	require.Equal(t, "regular", st.Mode)
	require.Equal(t, b.tenantID, st.TenantID)
	b.fail(t, http.StatusBadRequest, "invalid_customer_id", "POST", "/v1/tenant/customers/"+strings.Repeat("x", 129)+"/verifications", nil, b.tenant()...)

	var cust struct {
		SubjectID, Status string
		Level             int
		Wallets           []string
		Decision          struct {
			Decision string
			Reasons  []string
		}
	}
	b.call(t, http.StatusOK, "GET", customer, nil, &cust, b.tenant()...)
	require.Equal(t, "created", cust.Status)
	require.Equal(t, "review", cust.Decision.Decision)
	require.Equal(t, []string{"kyc_pending"}, cust.Decision.Reasons)

	b.completeFlow(t, st.FlowToken, "Alan", "Turing")
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "ok", "level": 2})
	b.call(t, http.StatusOK, "GET", customer, nil, &cust, b.tenant()...)
	require.Equal(t, "approved", cust.Status)
	require.Equal(t, 2, cust.Level)
	require.Empty(t, cust.Wallets)
	require.Equal(t, "allow", cust.Decision.Decision)

	// The customer links a wallet: the tenant hands out a link token, the customer signs
	// in with the wallet and presents it.
	var lt struct{ LinkToken string }
	b.call(t, http.StatusCreated, "POST", customer+"/link-token", nil, &lt, b.tenant()...)
	require.True(t, strings.HasPrefix(lt.LinkToken, "kgl_"))
	w := b.signIn(t)
	var linked struct{ SubjectID string }
	b.call(t, http.StatusOK, "POST", "/v1/kyc/link", map[string]string{"linkToken": lt.LinkToken}, &linked, w.auth...)
	require.Equal(t, cust.SubjectID, linked.SubjectID)
	b.fail(t, http.StatusUnauthorized, "link_token_invalid", "POST", "/v1/kyc/link", map[string]string{"linkToken": lt.LinkToken}, w.auth...)

	b.call(t, http.StatusOK, "GET", customer, nil, &cust, b.tenant()...)
	require.Equal(t, []string{w.address.Hex()}, cust.Wallets)
	var me struct {
		Subject      struct{ ID string }
		Verification struct{ ID, Status, Mode string }
	}
	b.call(t, http.StatusOK, "GET", "/v1/me", nil, &me, w.auth...)
	require.Equal(t, cust.SubjectID, me.Subject.ID, "the session follows its wallet")
	require.Equal(t, "approved", me.Verification.Status)
	code, gate := b.gate(t, b.tenantKey, w.address)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "allow", gate["decision"])
	b.call(t, http.StatusCreated, "POST", "/v1/attestations", map[string]any{"chainId": 1}, nil, w.auth...)

	// A wallet with its own KYC history cannot be merged into a customer.
	other, _ := b.approvedWallet(t, 1, "")
	b.call(t, http.StatusCreated, "POST", customer+"/link-token", nil, &lt, b.tenant()...)
	b.fail(t, http.StatusConflict, "subject_not_empty", "POST", "/v1/kyc/link", map[string]string{"linkToken": lt.LinkToken}, other.auth...)
	ww, err := b.store.GetWallet(ctx, other.address.Hex())
	require.NoError(t, err)
	require.NotEqual(t, cust.SubjectID, ww.SubjectID)
	b.call(t, http.StatusCreated, "POST", customer+"/link-token", nil, &lt, b.tenant()...)
	b.clock.Add(31 * time.Minute)
	b.fail(t, http.StatusUnauthorized, "link_token_invalid", "POST", "/v1/kyc/link", map[string]string{"linkToken": lt.LinkToken}, b.signIn(t).auth...)
}

func TestTenantsAndWalletsSeeOnlyTheirOwn(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	_, otherKey := b.newTenant(t, "Other dApp")
	other := bearer(otherKey)

	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/tenant/customers/alice/verifications", nil, &st, b.tenant()...)
	w, web3 := b.approvedWallet(t, 1, b.tenantID)

	// Another tenant: the customer, the verifications and the wallet are unknown to it.
	b.fail(t, http.StatusNotFound, "unknown_customer", "GET", "/v1/tenant/customers/alice", nil, other...)
	b.fail(t, http.StatusNotFound, "unknown_verification", "GET", "/v1/kyc/verifications/"+st.ID, nil, other...)
	b.fail(t, http.StatusNotFound, "unknown_verification", "GET", "/v1/kyc/verifications/"+web3.ID, nil, other...)
	b.fail(t, http.StatusNotFound, "unknown_customer", "POST", "/v1/tenant/customers/alice/link-token", nil, other...)
	code, notShared := b.gate(t, otherKey, w.address)
	require.Equal(t, http.StatusNotFound, code)
	stranger := authtest.Address(authtest.NewKey(t))
	code, unknown := b.gate(t, otherKey, stranger)
	require.Equal(t, http.StatusNotFound, code)
	delete(notShared["error"].(map[string]any), "requestId")
	delete(unknown["error"].(map[string]any), "requestId")
	require.Equal(t, unknown, notShared, "a wallet not shared answers exactly like an unknown one")
	b.fail(t, http.StatusBadRequest, "invalid_address", "GET", "/v1/tenant/wallets/0x1234", nil, b.tenant()...)

	// Another wallet cannot read this wallet's verification.
	intruder := b.signIn(t)
	b.fail(t, http.StatusNotFound, "unknown_verification", "GET", "/v1/kyc/verifications/"+web3.ID, nil, intruder.auth...)
	b.fail(t, http.StatusNotFound, "unknown_verification", "GET", "/v1/kyc/verifications/"+st.ID, nil, w.auth...)

	// Keys only open their own doors.
	b.fail(t, http.StatusUnauthorized, "unauthenticated", "GET", "/v1/tenant/customers/alice", nil, b.reviewer()...)
	b.fail(t, http.StatusUnauthorized, "unauthenticated", "GET", "/v1/admin/reviews", nil, b.tenant()...)
	b.fail(t, http.StatusUnauthorized, "unauthenticated", "GET", "/v1/admin/reviews", nil, w.auth...)
	b.fail(t, http.StatusUnauthorized, "unauthenticated", "GET", "/v1/tenant/wallets/"+w.address.Hex(), nil)
	b.fail(t, http.StatusUnauthorized, "unauthenticated", "GET", "/v1/tenant/rules", nil, bearer("kgt_notakey")...)
	b.fail(t, http.StatusUnauthorized, "unauthenticated", "POST", "/v1/kyc/verifications", nil, b.tenant()...)
}

func TestBackwardsTransitionIsRefusedAndAudited(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	ctx := context.Background()
	w, st := b.approvedWallet(t, 1, "")

	// The flow cannot reopen an approved case, nor can a reviewer ask for documents again.
	b.fail(t, http.StatusConflict, "flow_closed", "POST", "/v1/flow/"+st.FlowToken+"/submit", nil)
	b.decide(t, http.StatusConflict, st.ID, map[string]any{"decision": "resubmit", "reason": "x",
		"documents": []map[string]string{{"documentId": "doc_x", "comment": "x"}}})

	// Straight through the lifecycle: approved → in_review is refused, audited, and changes nothing.
	svc := kycService(t, b)
	_, err := svc.Apply(ctx, kycChange(st.ID, storage.StatusInReview))
	require.Error(t, err)
	require.Contains(t, err.Error(), "invalid_transition")
	v, err := b.store.GetVerification(ctx, st.ID)
	require.NoError(t, err)
	require.Equal(t, storage.StatusApproved, v.Status)
	audit, err := b.store.ListAudit(ctx, "verification", st.ID)
	require.NoError(t, err)
	last := audit[len(audit)-1]
	require.Equal(t, "verification.transition_refused", last.Action)
	require.Contains(t, last.Detail, `"from":"approved"`)
	require.Contains(t, last.Detail, `"to":"in_review"`)
	require.Equal(t, 1, b.subjectOf(t, w).ApprovedLevel)
}

func TestReversalAndBlocklistRevokeAttestations(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	ctx := context.Background()
	w, st := b.approvedWallet(t, 1, b.tenantID)
	var issued struct{ UID string }
	b.call(t, http.StatusCreated, "POST", "/v1/attestations", map[string]any{"chainId": 1}, &issued, w.auth...)

	b.fail(t, http.StatusBadRequest, "reason_required", "POST", "/v1/admin/verifications/"+st.ID+"/revoke", map[string]string{"reason": ""}, b.reviewer()...)
	var revoked struct{ Status string }
	b.call(t, http.StatusOK, "POST", "/v1/admin/verifications/"+st.ID+"/revoke", map[string]string{"reason": "document reported stolen"},
		&revoked, b.reviewer()...)
	require.Equal(t, "revoked", revoked.Status)
	b.fail(t, http.StatusConflict, "invalid_transition", "POST", "/v1/admin/verifications/"+st.ID+"/revoke",
		map[string]string{"reason": "again"}, b.reviewer()...)
	b.fail(t, http.StatusNotFound, "unknown_verification", "POST", "/v1/admin/verifications/ver_nope/revoke",
		map[string]string{"reason": "x"}, b.reviewer()...)

	var att struct{ Status, RevocationReason string }
	b.call(t, http.StatusOK, "GET", "/v1/attestations/"+issued.UID, nil, &att)
	require.Equal(t, "revoked", att.Status)
	require.Equal(t, "kyc_revoked", att.RevocationReason)
	jobs, err := queue.Waiting[verifier.RevokeArgs](ctx, b.store)
	require.NoError(t, err)
	require.Equal(t, []verifier.RevokeArgs{{UID: issued.UID}}, jobs, "the onchain revocation is queued")
	sub := b.subjectOf(t, w)
	require.Zero(t, sub.ApprovedLevel)
	require.Nil(t, sub.BirthDate)
	require.False(t, sub.Blocked)
	code, gate := b.gate(t, b.tenantKey, w.address)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "deny", gate["decision"])

	// Verified again, then blocklisted: the new attestation is revoked too.
	var again started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", nil, &again, w.auth...)
	b.completeFlow(t, again.FlowToken, "Grace", "Hopper")
	b.decide(t, http.StatusOK, again.ID, map[string]any{"decision": "approve", "reason": "cleared"})
	b.call(t, http.StatusCreated, "POST", "/v1/attestations", map[string]any{"chainId": 1}, &issued, w.auth...)
	var blocked struct {
		Blocked bool
		Level   int
	}
	b.call(t, http.StatusOK, "POST", "/v1/admin/subjects/"+sub.ID+"/block", map[string]string{"reason": "sanctions list"}, &blocked, b.reviewer()...)
	require.True(t, blocked.Blocked)
	require.Zero(t, blocked.Level)
	b.call(t, http.StatusOK, "GET", "/v1/attestations/"+issued.UID, nil, &att)
	require.Equal(t, "revoked", att.Status)
	require.Equal(t, "subject_blocked", att.RevocationReason)
	var v struct{ Status string }
	b.call(t, http.StatusOK, "GET", "/v1/kyc/verifications/"+again.ID, nil, &v, w.auth...)
	require.Equal(t, "revoked", v.Status, "the approval behind it is revoked with it")
	b.fail(t, http.StatusForbidden, "subject_blocked", "POST", "/v1/kyc/verifications", nil, w.auth...)

	b.call(t, http.StatusOK, "POST", "/v1/admin/subjects/"+sub.ID+"/unblock", map[string]string{"reason": "false positive"}, &blocked, b.reviewer()...)
	require.False(t, blocked.Blocked)
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", nil, &again, w.auth...)
	b.fail(t, http.StatusNotFound, "unknown_subject", "POST", "/v1/admin/subjects/sub_nope/block", map[string]string{"reason": "x"}, b.reviewer()...)
}

func TestUploadsAreCheckedByContentAndSize(t *testing.T) {
	t.Parallel()
	b := setup(t, nil, func(c *server.Config) {
		c.BodyLimit, c.UploadLimit = 2048, 8<<10
		// Many uploads to one flow in a minute: the per-flow rate limit is another test's.
		c.Env = func(k string) string { return map[string]string{"KYCGATE_MANUAL_UPLOADS_PER_MINUTE_PER_FLOW": "0"}[k] }
	})
	w := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", nil, &st, w.auth...)
	flow := "/v1/flow/" + st.FlowToken

	big := noisyPNG(t, 64, 64, 12)
	require.Greater(t, len(big), 2048, "larger than the global body limit")
	require.Less(t, len(big), 8<<10)
	b.uploadOK(t, flow+"/selfie", big)

	rec := b.upload(t, flow+"/documents", []byte("just some text, not an image"), "type", "passport")
	require.Equal(t, http.StatusUnsupportedMediaType, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), "unsupported_media_type")
	rec = b.upload(t, flow+"/documents", []byte("<html><body>hi</body></html>"), "type", "passport")
	require.Equal(t, http.StatusUnsupportedMediaType, rec.Code)
	rec = b.upload(t, flow+"/selfie", pdfDocument())
	require.Equal(t, http.StatusUnsupportedMediaType, rec.Code, "a selfie is a photo")
	rec = b.upload(t, flow+"/documents", []byte("%PDF-1.4\ntruncated"), "type", "passport")
	require.Equal(t, http.StatusUnsupportedMediaType, rec.Code)
	rec = b.upload(t, flow+"/documents", pngImage(t, 20, 20, 1), "type", "passport")
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Contains(t, rec.Body.String(), "image_too_small")
	rec = b.upload(t, flow+"/documents", append([]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, make([]byte, 200)...), "type", "passport")
	require.Equal(t, http.StatusUnsupportedMediaType, rec.Code, "a PNG signature on garbage is refused")
	rec = b.upload(t, flow+"/documents", pngImage(t, 80, 80, 1), "type", "selfie_stick")
	require.Equal(t, http.StatusBadRequest, rec.Code)
	rec = b.upload(t, flow+"/documents", pngImage(t, 80, 80, 1), "type", "passport", "side", "back")
	require.Equal(t, http.StatusBadRequest, rec.Code, "a passport has one side")
	rec = b.upload(t, flow+"/documents", pngImage(t, 80, 80, 1), "type", "id_card")
	require.Equal(t, http.StatusBadRequest, rec.Code, "an ID card upload names its side")

	noise := noisyPNG(t, 100, 100, 100) // too big for an 8 KiB upload limit
	require.Greater(t, len(noise), 8<<10)
	rec = b.upload(t, flow+"/documents", noise, "type", "passport")
	require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), "file_too_large")

	// Not multipart at all.
	b.fail(t, http.StatusBadRequest, "invalid_upload", "POST", flow+"/selfie", map[string]string{"file": "x"})
	// The global limit still holds everywhere else.
	b.fail(t, http.StatusRequestEntityTooLarge, "body_too_large", "PUT", flow+"/personal_details",
		map[string]string{"firstName": strings.Repeat("x", 4096)})
}

func TestUnfinishedFlowExpires(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	w := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", nil, &st, w.auth...)
	b.call(t, http.StatusOK, "PUT", "/v1/flow/"+st.FlowToken+"/personal_details", details("Ada", "Lovelace"), nil)
	b.clock.Add(29 * 24 * time.Hour)
	var view flowView
	b.call(t, http.StatusOK, "GET", "/v1/flow/"+st.FlowToken, nil, &view)
	require.Equal(t, "in_progress", view.Status)
	b.clock.Add(24 * time.Hour)
	b.call(t, http.StatusOK, "GET", "/v1/flow/"+st.FlowToken, nil, &view)
	require.Equal(t, "expired", view.Status)
	b.fail(t, http.StatusConflict, "flow_expired", "POST", "/v1/flow/"+st.FlowToken+"/submit", nil)

	w = b.signInAgain(t, w)
	var next started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", nil, &next, w.auth...)
	require.NotEqual(t, st.ID, next.ID, "an expired verification is not resumed")
}

func TestConcurrentDecisionsOneWins(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) storage.Store{"sqlite": storagetest.OpenSQLite, "postgres": storagetest.OpenPostgres} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, open(t))
			w := b.signIn(t)
			var st started
			b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", nil, &st, w.auth...)
			b.completeFlow(t, st.FlowToken, "Ada", "Lovelace")

			// Three different decisions at once: exactly one is applied.
			decisions := []map[string]any{
				{"decision": "approve", "reason": "a"}, {"decision": "reject", "reason": "b"},
				{"decision": "approve", "reason": "c", "level": 3},
			}
			bodies := make([]string, len(decisions))
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i, d := range decisions {
				wg.Go(func() {
					<-start
					rec := authtest.Do(t, b.h, "POST", "/v1/admin/reviews/"+st.ID+"/decision", d, b.reviewer()...)
					bodies[i] = fmt.Sprint(rec.Code, " ", rec.Body.String())
				})
			}
			close(start)
			wg.Wait()
			// The winner changed the case; each other one is refused, or (an approval
			// without a level after one at level 3) acknowledged as the same decision.
			changed := 0
			for _, body := range bodies {
				switch {
				case strings.HasPrefix(body, "200 ") && strings.Contains(body, `"changed":true`):
					changed++
				case strings.HasPrefix(body, "200 ") && strings.Contains(body, `"changed":false`):
				case strings.HasPrefix(body, "409 "):
				default:
					t.Errorf("unexpected answer %s", body)
				}
			}
			require.Equal(t, 1, changed, "%v", bodies)
			audit, err := b.store.ListAudit(context.Background(), "verification", st.ID)
			require.NoError(t, err)
			decided := 0
			for _, e := range audit {
				if e.Action == "verification.approved" || e.Action == "verification.rejected" {
					decided++
				}
			}
			require.Equal(t, 1, decided)
		})
	}
}
