package kyc_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// The erased holder's typed-in values: none may remain in a dump after the erasure.
const (
	eraseFirst          = "ErFirstNameAldous"
	eraseLast           = "ErLastNameBexley"
	eraseResubmitReason = "ErResubmitReasonCorwin"
	eraseReason         = "ErEraseReasonDunstan"
)

// erasure is what erasureJourney leaves: the erased subject's sealed values as they
// were stored (none may remain), and a sealed value of the control subject (it must).
type erasure struct {
	subjectID, verificationID, attestationUID string
	w                                         wallet
	sealed                                    [][]byte
	control                                   []byte
}

// erasureJourney approves two holders through the manual flow (the first after a
// resubmission whose reason is sealed in the audit log, with an attestation), erases the
// first by a reviewer, and checks what the API and the store say afterwards.
func erasureJourney(t *testing.T, b testBundle) erasure {
	t.Helper()
	ctx := context.Background()
	w := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID}, &st, w.auth...)
	docs := b.completeFlowWith(t, st.FlowToken, details(eraseFirst, eraseLast))
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "resubmit", "reason": eraseResubmitReason,
		"documents": []map[string]string{{"documentId": docs.front, "comment": eraseResubmitReason}}})
	flow := "/v1/flow/" + st.FlowToken
	b.uploadOK(t, flow+"/documents", pngImage(t, 120, 80, 6), "type", "id_card", "side", "front")
	b.call(t, http.StatusOK, "POST", flow+"/submit", nil, nil)
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "ok"})
	var issued struct{ UID string }
	b.call(t, http.StatusCreated, "POST", "/v1/attestations", map[string]any{"chainId": 1}, &issued, w.auth...)
	other, _ := b.approvedWallet(t, 1, b.tenantID)

	sub := b.subjectOf(t, w)
	e := erasure{subjectID: sub.ID, verificationID: st.ID, attestationUID: issued.UID, w: w, control: b.subjectOf(t, other).BirthDate}
	require.NotEmpty(t, sub.BirthDate)
	require.NotEmpty(t, e.control)
	e.sealed = append(e.sealed, sub.BirthDate)
	v, err := b.store.GetVerification(ctx, st.ID)
	require.NoError(t, err)
	require.NotEmpty(t, v.Data)
	e.sealed = append(e.sealed, v.Data)
	list, err := b.store.ListDocuments(ctx, st.ID)
	require.NoError(t, err)
	require.Len(t, list, 4)
	for _, d := range list {
		full, err := b.store.GetDocument(ctx, d.ID)
		if errors.Is(err, storage.ErrNotFound) {
			continue // the replaced upload's content was purged when it was replaced
		}
		require.NoError(t, err)
		e.sealed = append(e.sealed, full.Data)
	}
	require.Len(t, e.sealed, 5, "the date of birth, the data and three documents")
	entries, err := b.store.ListAuditBySubject(ctx, sub.ID)
	require.NoError(t, err)
	notes := 0
	for _, en := range entries {
		var detail struct{ Sealed map[string]string }
		require.NoError(t, json.Unmarshal([]byte(en.Detail), &detail))
		for _, b64 := range detail.Sealed {
			box, err := base64.StdEncoding.DecodeString(b64)
			require.NoError(t, err)
			e.sealed = append(e.sealed, []byte(b64), box)
			notes++
		}
	}
	require.Positive(t, notes, "the reviewer's reasons are sealed in the audit log")

	var out kyc.ErasureResult
	b.call(t, http.StatusOK, "POST", "/v1/admin/subjects/"+sub.ID+"/erase", map[string]string{"reason": eraseReason}, &out, b.reviewer()...)
	require.False(t, out.Already)
	require.Equal(t, 1, out.AttestationsRevoked)
	b.fail(t, http.StatusBadRequest, "reason_required", "POST", "/v1/admin/subjects/"+sub.ID+"/erase", map[string]string{}, b.reviewer()...)
	b.fail(t, http.StatusNotFound, "unknown_subject", "POST", "/v1/admin/subjects/sub_nope/erase", map[string]string{"reason": "x"}, b.reviewer()...)

	// What stays: statuses, the revocation, the audit trail with its codes.
	v, err = b.store.GetVerification(ctx, st.ID)
	require.NoError(t, err)
	require.Equal(t, storage.StatusRevoked, v.Status)
	require.Empty(t, v.Data)
	att, err := b.store.GetAttestation(ctx, issued.UID)
	require.NoError(t, err)
	require.Equal(t, kyc.RevokedErased, att.RevocationReason)
	actions := map[string]bool{}
	entries, err = b.store.ListAuditBySubject(ctx, sub.ID)
	require.NoError(t, err)
	for _, en := range entries {
		actions[en.Action] = true
		var detail map[string]any
		require.NoError(t, json.Unmarshal([]byte(en.Detail), &detail))
		if en.Action != "subject.erased" { // the erasure's own reason stays, sealed
			require.NotContains(t, detail, "sealed", en.Action)
		}
		require.NotContains(t, detail, "country", en.Action)
	}
	for _, a := range []string{"subject.created", "verification.approved", "verification.resubmission_requested",
		"verification.revoked", "verification.erased", "subject.erased", "attestation.revoked"} {
		require.True(t, actions[a], "the audit trail keeps %s", a)
	}
	list, err = b.store.ListDocuments(ctx, st.ID)
	require.NoError(t, err)
	require.Empty(t, list, "document rows are deleted, not only their content")

	// The holder's export says so; the tenant's gate answers kyc_required.
	var exp exported
	b.call(t, http.StatusOK, "GET", "/v1/me/export", nil, &exp, w.auth...)
	require.NotNil(t, exp.Erasure)
	require.Equal(t, kyc.ErasedOnRequest, exp.Erasure.Code)
	require.Empty(t, exp.Details)
	require.Empty(t, exp.Documents)
	require.Empty(t, exp.Approval.DateOfBirth)
	code, gate := b.gate(t, b.tenantKey, w.address)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "deny", gate["decision"])
	require.Contains(t, gate["reasons"], "kyc_required")

	// Erasing twice is fine.
	b.call(t, http.StatusOK, "POST", "/v1/admin/subjects/"+sub.ID+"/erase", map[string]string{"reason": "again"}, &out, b.reviewer()...)
	require.True(t, out.Already)
	return e
}

// requireErased fails if raw holds any of the erased subject's stored values or typed-in
// markers; control (the other subject's sealed date of birth) must be in controlRaw, so
// the search is meaningful.
func requireErased(t *testing.T, where string, raw []byte, e erasure) {
	t.Helper()
	for i, s := range e.sealed {
		require.False(t, bytes.Contains(raw, s), "%s still holds sealed value %d of the erased subject", where, i)
	}
	requireNoPersonalData(t, where, raw, eraseFirst, eraseLast, eraseResubmitReason, eraseReason)
}

// TestErasureLeavesNothingOnSQLite: after the erasure, neither the SQLite file nor its
// WAL holds the erased subject's sealed values or typed-in words, while the other
// subject's are still there.
func TestErasureLeavesNothingOnSQLite(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "kycgate.db")
	st, err := server.OpenStore(context.Background(), "sqlite://"+path, true)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	b := setup(t, st)
	e := erasureJourney(t, b)

	var all []byte
	for _, suffix := range []string{"", "-wal"} {
		raw, err := os.ReadFile(path + suffix)
		if suffix == "-wal" && os.IsNotExist(err) {
			continue
		}
		require.NoError(t, err)
		requireErased(t, "sqlite file"+suffix, raw, e)
		all = append(all, raw...)
	}
	require.True(t, bytes.Contains(all, e.control), "the other subject's sealed date of birth is found: the search is meaningful")
	require.NoError(t, st.Close())
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	requireErased(t, "sqlite file after checkpoint", raw, e)
	require.True(t, bytes.Contains(raw, e.control))
}

// TestErasureLeavesNothingOnPostgres: the same over every text and bytea column of
// every table of PostgreSQL.
func TestErasureLeavesNothingOnPostgres(t *testing.T) {
	t.Parallel()
	url := storagetest.PostgresURL(t)
	st, err := server.OpenStore(context.Background(), url, true)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	b := setup(t, st)
	e := erasureJourney(t, b)
	dump := dumpPostgres(t, url)
	requireErased(t, "postgres dump", dump, e)
	require.True(t, bytes.Contains(dump, e.control), "the other subject's sealed date of birth is found")
}

// dumpPostgres reads every text, bytea and JSON column of every table of the database
// at url, as bytes.
func dumpPostgres(t *testing.T, url string) []byte {
	t.Helper()
	dump := postgresDump(t, url)
	require.Contains(t, dump.String(), "Acme dApp", "the dump is readable: the grep is meaningful")
	return dump.Bytes()
}

// TestErasedBlockedPersonCannotStartOver: a blocked holder is erased; a new wallet
// declaring the same name and date of birth (written differently) cannot be approved,
// someone else can; the erased blocked subject's gate stays deny.
func TestErasedBlockedPersonCannotStartOver(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	w, _ := b.approvedWallet(t, 1, b.tenantID)
	sub := b.subjectOf(t, w)
	b.call(t, http.StatusOK, "POST", "/v1/admin/subjects/"+sub.ID+"/block", map[string]string{"reason": "fraud"}, nil, b.reviewer()...)
	b.call(t, http.StatusOK, "POST", "/v1/admin/subjects/"+sub.ID+"/erase", map[string]string{"reason": "asked"}, nil, b.reviewer()...)
	code, gate := b.gate(t, b.tenantKey, w.address)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "deny", gate["decision"])

	again := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID}, &st, again.auth...)
	b.completeFlowWith(t, st.FlowToken, map[string]string{"firstName": "  grace ", "lastName": "HOPPER", "dateOfBirth": "1990-04-17", "country": "DE"})
	b.fail(t, http.StatusConflict, "subject_blocked", "POST", "/v1/admin/reviews/"+st.ID+"/decision",
		map[string]any{"decision": "approve", "reason": "looks fine"}, b.reviewer()...)

	someoneElse := b.signIn(t)
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID}, &st, someoneElse.auth...)
	b.completeFlow(t, st.FlowToken, "Grace", "Murray")
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "ok"})
}
