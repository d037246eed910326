package kyc_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
)

// exported is GET /v1/me/export as the test reads it.
type exported struct {
	SubjectID string
	Approval  struct {
		Level       int
		Country     string
		DateOfBirth string
		Blocked     bool
	}
	Erasure *struct{ Code string }
	Details []struct {
		VerificationID, FirstName, LastName, DateOfBirth, Country, DocumentType string
	}
	Documents []struct {
		ID, VerificationID, Kind, Type, Side, ContentType string
		Current                                           bool
	}
	Verifications []struct{ ID, Status, Provider string }
	Decisions     []struct{ VerificationID, Decision, RejectType, ActorKind string }
	Screenings    []struct{ Address, Source, Outcome string }
	Attestations  []struct {
		UID, RevokedAt, RevocationReason string
	}
	Wallets  []struct{ Address string }
	Consents []struct{ ID, TenantID string }
	Audit    []struct {
		Action, ActorKind, EntityKind, EntityID string
		Detail                                  map[string]any
	}
}

// TestExportHoldsEveryCategoryAndNothingOfAnotherSubject: two approved holders; the
// first's export has its details, documents (one replaced), verifications, decisions,
// screenings, attestations, wallets, consents and audit history, and nothing of the
// second; documents download one by one, the owner's only; both are audited.
func TestExportHoldsEveryCategoryAndNothingOfAnotherSubject(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	ctx := context.Background()

	// Holder one: a resubmission (one document replaced), then approval and an attestation.
	w := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID}, &st, w.auth...)
	docs := b.completeFlowWith(t, st.FlowToken, details("Ada", "Lovelace"))
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "resubmit", "reason": "blurred",
		"documents": []map[string]string{{"documentId": docs.front, "comment": "blurred"}}})
	flow := "/v1/flow/" + st.FlowToken
	newFront := b.uploadOK(t, flow+"/documents", pngImage(t, 120, 80, 5), "type", "id_card", "side", "front")
	b.call(t, http.StatusOK, "POST", flow+"/submit", nil, nil)
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "ok"})
	var issued struct{ UID string }
	b.call(t, http.StatusCreated, "POST", "/v1/attestations", map[string]any{"chainId": 1}, &issued, w.auth...)
	var consent struct{ ID string }
	b.call(t, http.StatusCreated, "POST", "/v1/me/consents", map[string]any{"tenantId": b.tenantID, "scope": []string{"details"},
		"expiresAt": b.clock.Now().Add(24 * time.Hour)}, &consent, w.auth...)

	// Holder two, approved for the same tenant.
	other, otherSt := b.approvedWallet(t, 1, b.tenantID)

	var out exported
	rec := b.call(t, http.StatusOK, "GET", "/v1/me/export", nil, &out, w.auth...)
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	require.Equal(t, b.subjectOf(t, w).ID, out.SubjectID)
	require.Equal(t, 1, out.Approval.Level)
	require.Equal(t, "1990-04-17", out.Approval.DateOfBirth)
	require.Nil(t, out.Erasure)

	require.Len(t, out.Details, 1)
	require.Equal(t, st.ID, out.Details[0].VerificationID)
	require.Equal(t, "Lovelace", out.Details[0].LastName)
	require.Equal(t, "id_card", out.Details[0].DocumentType)

	current := map[string]bool{}
	for _, d := range out.Documents {
		require.Equal(t, st.ID, d.VerificationID)
		current[d.ID] = d.Current
	}
	require.Equal(t, map[string]bool{docs.front: false, newFront: true, docs.back: true, docs.selfie: true}, current)

	require.Len(t, out.Verifications, 1)
	require.Equal(t, "approved", out.Verifications[0].Status)
	var decisions []string
	for _, d := range out.Decisions {
		decisions = append(decisions, d.Decision+" "+d.ActorKind)
	}
	require.Equal(t, []string{"approved reviewer"}, decisions)
	// The wallet was screened before its attestation was issued (the test source answers
	// clear); the other holder's screenings are not in this export.
	require.NotEmpty(t, out.Screenings)
	for _, sc := range out.Screenings {
		require.Equal(t, w.address.Hex(), sc.Address)
		require.Equal(t, "clear", sc.Outcome)
	}
	require.Len(t, out.Attestations, 1)
	require.Equal(t, issued.UID, out.Attestations[0].UID)
	require.Len(t, out.Wallets, 1)
	require.Equal(t, w.address.Hex(), out.Wallets[0].Address)
	require.Len(t, out.Consents, 1)
	require.Equal(t, consent.ID, out.Consents[0].ID)

	actions := map[string]bool{}
	for _, e := range out.Audit {
		actions[e.Action] = true
		require.NotContains(t, e.Detail, "sealed", "typed-in words stay out of the export's audit")
		require.NotContains(t, []string{"", "0x"}, e.ActorKind)
		require.False(t, strings.Contains(e.ActorKind, ":"), "actors are kinds, never ids")
	}
	for _, a := range []string{"subject.created", "verification.in_review", "verification.resubmission_requested",
		"verification.approved", "subject.approved", "attestation.issued", "subject.consent_given"} {
		require.True(t, actions[a], "the audit history holds %s", a)
	}

	// Nothing of the other holder anywhere in the export.
	raw := rec.Body.String()
	otherSub := b.subjectOf(t, other)
	for _, s := range []string{otherSub.ID, otherSt.ID, other.address.Hex(), strings.ToLower(other.address.Hex()), "Hopper", "flagged"} {
		require.NotContains(t, raw, s)
	}

	// Documents one by one: the owner gets the bytes, the other holder gets 404.
	rec = authtest.Do(t, b.h, "GET", "/v1/me/documents/"+newFront, nil, w.auth...)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	require.Equal(t, pngImage(t, 120, 80, 5), rec.Body.Bytes())
	b.fail(t, http.StatusNotFound, "unknown_document", "GET", "/v1/me/documents/"+newFront, nil, other.auth...)
	b.fail(t, http.StatusNotFound, "unknown_document", "GET", "/v1/me/documents/doc_nope", nil, w.auth...)

	// Both reads are audited on the subject.
	entries, err := b.store.ListAudit(ctx, "subject", out.SubjectID)
	require.NoError(t, err)
	var audited []string
	for _, e := range entries {
		audited = append(audited, e.Action)
	}
	require.Contains(t, audited, "subject.exported")
	require.Contains(t, audited, "subject.document_downloaded")

	// The consent shows in GET /v1/me and can be revoked once.
	var me struct {
		Consents []struct{ ID, RevokedAt string }
	}
	b.call(t, http.StatusOK, "GET", "/v1/me", nil, &me, w.auth...)
	require.Len(t, me.Consents, 1)
	b.fail(t, http.StatusNotFound, "unknown_consent", "DELETE", "/v1/me/consents/"+consent.ID, nil, other.auth...)
	b.call(t, http.StatusNoContent, "DELETE", "/v1/me/consents/"+consent.ID, nil, nil, w.auth...)
	b.fail(t, http.StatusNotFound, "unknown_consent", "DELETE", "/v1/me/consents/"+consent.ID, nil, w.auth...)
	b.call(t, http.StatusOK, "GET", "/v1/me", nil, &me, w.auth...)
	require.NotEmpty(t, me.Consents[0].RevokedAt)
}
