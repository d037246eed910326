package kyc_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// The personal data the happy path submits; dumps of the database must not contain it.
const (
	secretFirst = "Zebulon"
	secretLast  = "Quackenbush-Odinsdottir"
	secretDOB   = "1990-04-17"
)

// TestHappyPathOnSQLite runs sign-in → start → steps → uploads → submit → approval →
// attestation on a SQLite file, then types a marker into every free-text field
// (freeTextJourney), then greps the file and the logs for the personal data and the
// markers.
func TestHappyPathOnSQLite(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "kycgate.db")
	st, err := server.OpenStore(context.Background(), "sqlite://"+path, true)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	b := happyPath(t, st)
	marks := freeTextJourney(t, b)

	for _, suffix := range []string{"", "-wal"} {
		raw, err := os.ReadFile(path + suffix)
		if suffix == "-wal" && os.IsNotExist(err) {
			continue
		}
		require.NoError(t, err)
		requireNoPersonalData(t, "sqlite file "+suffix, raw, marks...)
	}
	require.NoError(t, st.Close(), "closing checkpoints the WAL into the file")
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(raw), "Acme dApp", "the dump is readable: the grep is meaningful")
	requireNoPersonalData(t, "sqlite file after checkpoint", raw, marks...)
	requireNoPersonalData(t, "logs", []byte(b.logs.String()), marks...)
}

// TestHappyPathOnPostgres runs the same on PostgreSQL and greps every text and bytea
// column of every table, and the logs.
func TestHappyPathOnPostgres(t *testing.T) {
	t.Parallel()
	url := storagetest.PostgresURL(t)
	st, err := server.OpenStore(context.Background(), url, true)
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	b := happyPath(t, st)
	marks := freeTextJourney(t, b)

	dump := postgresDump(t, url)
	require.Contains(t, dump.String(), "Acme dApp", "the dump is readable: the grep is meaningful")
	requireNoPersonalData(t, "postgres dump", dump.Bytes(), marks...)
	requireNoPersonalData(t, "logs", []byte(b.logs.String()), marks...)
}

// postgresDump returns every text and bytea value of every table of the database at url.
func postgresDump(t *testing.T, url string) *bytes.Buffer {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT table_name, column_name, data_type FROM information_schema.columns
WHERE table_schema = current_schema() AND data_type IN ('text', 'bytea', 'character varying', 'jsonb', 'json')`)
	require.NoError(t, err)
	type column struct{ table, name, typ string }
	var columns []column
	for rows.Next() {
		var c column
		require.NoError(t, rows.Scan(&c.table, &c.name, &c.typ))
		columns = append(columns, c)
	}
	require.NoError(t, rows.Err())
	require.NotEmpty(t, columns)
	var dump bytes.Buffer
	for _, c := range columns {
		col := pgx.Identifier{c.name}.Sanitize()
		expr := col
		if c.typ != "bytea" {
			expr = "convert_to(" + col + "::text, 'UTF8')"
		}
		vals, err := conn.Query(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE %s IS NOT NULL`, expr, pgx.Identifier{c.table}.Sanitize(), col))
		require.NoError(t, err)
		for vals.Next() {
			var v []byte
			require.NoError(t, vals.Scan(&v))
			dump.Write(v)
			dump.WriteByte('\n')
		}
		require.NoError(t, vals.Err())
	}
	return &dump
}

// requireNoPersonalData fails if raw holds the happy path's personal data or any of
// the markers, plain or hex-encoded.
func requireNoPersonalData(t *testing.T, where string, raw []byte, markers ...string) {
	t.Helper()
	for _, secret := range append([]string{secretFirst, secretLast, secretDOB, pdfMarker}, markers...) {
		for _, form := range []string{secret, hex.EncodeToString([]byte(secret))} {
			require.False(t, bytes.Contains(raw, []byte(form)), "%s contains %q", where, form)
		}
	}
}

// happyPath runs the whole flow over HTTP on store and returns the gateway.
func happyPath(t *testing.T, store storage.Store) testBundle {
	b := setup(t, store)
	ctx := context.Background()

	// A wallet signs in and starts a verification for the tenant.
	w := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID, "level": 2}, &st, w.auth...)
	require.Equal(t, "created", st.Status)
	require.Equal(t, "manual", st.Provider)
	require.Equal(t, "web3", st.Mode)
	require.Equal(t, 2, st.Level)
	require.False(t, st.Reused)
	require.True(t, strings.HasPrefix(st.FlowToken, "kgf_"))
	require.Equal(t, publicURL+"/flow/"+st.FlowToken, st.URL)

	// The hosted flow: every step to do.
	flow := "/v1/flow/" + st.FlowToken
	var view struct {
		VerificationID, Status string
		Steps                  []struct{ Name, Status, Comment string }
	}
	b.call(t, http.StatusOK, "GET", flow, nil, &view)
	require.Equal(t, st.ID, view.VerificationID)
	require.Len(t, view.Steps, 4)
	for i, name := range []string{"personal_details", "document", "selfie", "submit"} {
		require.Equal(t, name, view.Steps[i].Name)
		require.Equal(t, "todo", view.Steps[i].Status)
	}
	b.fail(t, http.StatusUnprocessableEntity, "steps_incomplete", "POST", flow+"/submit", nil)

	// Step by step; progress is saved, so a second device sees it.
	b.call(t, http.StatusOK, "PUT", flow+"/personal_details", details(secretFirst, secretLast), &view)
	require.Equal(t, "in_progress", view.Status)
	require.Equal(t, "done", view.Steps[0].Status)
	front := b.uploadOK(t, flow+"/documents", pngImage(t, 120, 80, 7), "type", "id_card", "side", "front")
	b.call(t, http.StatusOK, "GET", flow, nil, &view)
	require.Equal(t, "todo", view.Steps[1].Status, "an ID card needs its back too")
	back := b.uploadOK(t, flow+"/documents", pdfDocument(), "type", "id_card", "side", "back")
	selfie := pngImage(t, 100, 100, 9)
	selfieID := b.uploadOK(t, flow+"/selfie", selfie)
	b.call(t, http.StatusOK, "GET", flow, nil, &view)
	require.Equal(t, []string{"done", "done", "done", "todo"},
		[]string{view.Steps[0].Status, view.Steps[1].Status, view.Steps[2].Status, view.Steps[3].Status})

	var submitted struct{ Status string }
	b.call(t, http.StatusOK, "POST", flow+"/submit", nil, &submitted)
	require.Equal(t, "in_review", submitted.Status)
	b.call(t, http.StatusOK, "POST", flow+"/submit", nil, &submitted)
	require.Equal(t, "in_review", submitted.Status, "submitting twice is harmless")
	b.fail(t, http.StatusConflict, "flow_submitted", "PUT", flow+"/personal_details", details("X", "Y"))

	// The reviewer's queue, the case and a document.
	var queue struct {
		Items []struct{ VerificationID, Status string }
	}
	b.call(t, http.StatusOK, "GET", "/v1/admin/reviews?status=in_review", nil, &queue, b.reviewer()...)
	require.Len(t, queue.Items, 1)
	require.Equal(t, st.ID, queue.Items[0].VerificationID)
	var kase struct {
		Status          string
		PersonalDetails map[string]string
		Documents       []struct {
			DocumentID, Kind, Type, Side, ContentType string
			Current                                   bool
		}
		History []struct{ Actor, Action string }
	}
	b.call(t, http.StatusOK, "GET", "/v1/admin/reviews/"+st.ID, nil, &kase, b.reviewer()...)
	require.Equal(t, secretLast, kase.PersonalDetails["lastName"])
	require.Len(t, kase.Documents, 3)
	kinds := map[string]string{}
	for _, d := range kase.Documents {
		require.True(t, d.Current)
		kinds[d.DocumentID] = d.Kind + " " + d.Type + " " + d.Side + " " + d.ContentType
	}
	require.Equal(t, map[string]string{front: "document id_card front image/png", back: "document id_card back application/pdf",
		selfieID: "selfie   image/png"}, kinds)
	require.NotEmpty(t, kase.History)
	rec := authtest.Do(t, b.h, "GET", "/v1/admin/documents/"+selfieID, nil, b.reviewer()...)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "image/png", rec.Header().Get("Content-Type"))
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	require.Equal(t, selfie, rec.Body.Bytes(), "the reviewer gets the file back as uploaded")

	// The reviewer approves; a repeat is acknowledged, a different decision refused.
	out := b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "documents match the details"})
	require.Equal(t, "approved", out["status"])
	require.Equal(t, true, out["changed"])
	out = b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "clicked twice"})
	require.Equal(t, false, out["changed"])
	b.decide(t, http.StatusConflict, st.ID, map[string]any{"decision": "reject", "reason": "changed my mind"})

	// The subject is approved at that level, with the claims attestations carry.
	sub := b.subjectOf(t, w)
	require.Equal(t, 2, sub.ApprovedLevel)
	require.Equal(t, "DE", sub.Country)
	require.True(t, sub.Over18)
	require.NotNil(t, sub.ApprovedAt)
	require.NotEmpty(t, sub.BirthDate)
	var got struct{ Status string }
	b.call(t, http.StatusOK, "GET", "/v1/kyc/verifications/"+st.ID, nil, &got, w.auth...)
	require.Equal(t, "approved", got.Status)
	b.call(t, http.StatusOK, "GET", "/v1/kyc/verifications/"+st.ID, nil, &got, b.tenant()...)
	require.Equal(t, "approved", got.Status)
	var me struct {
		Verification struct{ ID, Status string }
		Decision     struct {
			Decision string
			Level    int
		}
	}
	b.call(t, http.StatusOK, "GET", "/v1/me", nil, &me, w.auth...)
	require.Equal(t, st.ID, me.Verification.ID)
	require.Equal(t, "allow", me.Decision.Decision)

	// The tenant's gating decision for the wallet.
	code, gate := b.gate(t, b.tenantKey, w.address)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "allow", gate["decision"])
	require.EqualValues(t, 2, gate["level"])
	require.Equal(t, []any{}, gate["reasons"])

	// The audit log tells the story with actors.
	audit, err := b.store.ListAudit(ctx, "verification", st.ID)
	require.NoError(t, err)
	var actions []string
	for _, e := range audit {
		actions = append(actions, e.Actor+" "+e.Action)
	}
	require.Contains(t, actions, "reviewer:"+b.reviewerID+" verification.approved")
	require.Contains(t, actions, "reviewer:"+b.reviewerID+" review.document_viewed")

	// The wallet gets an attestation that verifies, with the approved claims.
	var issued struct {
		UID     string
		Package json.RawMessage
	}
	b.call(t, http.StatusCreated, "POST", "/v1/attestations", map[string]any{"chainId": 1}, &issued, w.auth...)
	var verified struct {
		Valid    bool
		Reason   string
		KYCLevel int
		Country  string
		Over18   bool
	}
	b.call(t, http.StatusOK, "POST", "/v1/attestations/verify", map[string]any{"package": issued.Package}, &verified)
	require.True(t, verified.Valid, verified.Reason)
	require.Equal(t, 2, verified.KYCLevel)
	require.Equal(t, "DE", verified.Country)
	require.True(t, verified.Over18)
	require.NotContains(t, string(issued.Package), secretLast)
	return b
}
