package kyc_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/kycgate/kycgate/api/openapitest"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// TestRotationReSealsEverythingSoTheOldKeyCanGo: data sealed under key A in every
// sealed column (a subject's date of birth, verification data, documents, sealed audit
// notes, a provider event's payload, a tenant's webhook secret); the key rotates to B
// (A kept as old), the job runs in small batches from a saved cursor; then A is removed
// and everything still opens, through the store and through the API. On both backends.
func TestRotationReSealsEverythingSoTheOldKeyCanGo(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) storage.Store{"sqlite": storagetest.OpenSQLite, "postgres": storagetest.OpenPostgres} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			testRotation(t, open(t))
		})
	}
}

func testRotation(t *testing.T, store storage.Store) {
	ctx := context.Background()
	keyA, err := pii.ParseKey(dataKey)
	require.NoError(t, err)
	sealerA, err := pii.NewSealer(keyA)
	require.NoError(t, err)

	// Under A: a journey with a resubmission note, an event payload, a webhook secret.
	b := setup(t, store)
	w := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID}, &st, w.auth...)
	docs := b.completeFlow(t, st.FlowToken, "Rosalind", "Franklin")
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "resubmit", "reason": "RotReasonUnderA",
		"documents": []map[string]string{{"documentId": docs.front, "comment": "again"}}})
	front := b.uploadOK(t, "/v1/flow/"+st.FlowToken+"/documents", pngImage(t, 120, 80, 8), "type", "id_card", "side", "front")
	b.call(t, http.StatusOK, "POST", "/v1/flow/"+st.FlowToken+"/submit", nil, nil)
	b.decide(t, http.StatusOK, st.ID, map[string]any{"decision": "approve", "reason": "RotApproveUnderA"})
	payload, err := sealerA.Seal([]byte(`{"status":"Approved"}`), "provider_event:didit:evt_rot")
	require.NoError(t, err)
	require.NoError(t, store.InsertProviderEvent(ctx, &storage.ProviderEvent{Provider: "didit", EventID: "evt_rot",
		Payload: payload, ReceivedAt: b.clock.Now()}))
	secret, err := sealerA.Seal([]byte("whsec_rotation"), "tenant:"+b.tenantID+":webhook")
	require.NoError(t, err)
	_, err = store.UpdateTenant(ctx, b.tenantID, func(tn storage.Tenant) (storage.Tenant, error) {
		tn.WebhookURL, tn.WebhookSecret = "https://hooks.example/kyc", secret
		return tn, nil
	})
	require.NoError(t, err)
	before, err := kyc.CountSealed(ctx, store)
	require.NoError(t, err)
	require.Equal(t, []string{keyA.ID()}, keysOf(before))
	require.GreaterOrEqual(t, before[keyA.ID()], int64(8), "values in every column")

	// Rotate to B, A kept as old; a cursor saved by an earlier, interrupted run.
	hexB := pii.GenerateKey()
	keyB, err := pii.ParseKey(hexB)
	require.NoError(t, err)
	sealerAB, err := pii.NewSealer(keyB, keyA)
	require.NoError(t, err)
	startLogs := func() string {
		cfg := server.Config{PublicURL: publicURL, DataKey: hexB, OldDataKeys: dataKey, SignerKey: signerKey}
		logs := &syncBuffer{}
		_, err := server.New(cfg, store, server.NewLogger(cfg.WithDefaults(), logs), server.WithClock(b.clock.Now))
		require.NoError(t, err)
		return logs.String()
	}
	require.Contains(t, startLogs(), "values are still sealed under old data keys", "serve warns")
	require.NoError(t, store.SetResealCursor(ctx, "verifications.data", st.ID))
	res, err := kyc.NewRotation(store, sealerAB, nil, nil).Run(ctx, 2)
	require.NoError(t, err)
	require.Equal(t, int(before[keyA.ID()]), res.Resealed, "every value once")
	require.Equal(t, map[string]int64{keyB.ID(): before[keyA.ID()]}, res.Counts)
	require.Zero(t, res.Old(keyB.ID()))
	again, err := kyc.NewRotation(store, sealerAB, nil, nil).Run(ctx, 2)
	require.NoError(t, err)
	require.Zero(t, again.Resealed, "a second run has nothing to do")
	logs := startLogs()
	require.NotContains(t, logs, "values are still sealed under old data keys")
	require.Contains(t, logs, "KYCGATE_OLD_DATA_KEYS can be emptied")

	// A removed: every value opens with B alone, through the store…
	sealerB, err := pii.NewSealer(keyB)
	require.NoError(t, err)
	opened := 0
	for _, column := range storage.SealedColumns {
		page, err := store.ListSealed(ctx, column, "", nil, 1000)
		require.NoError(t, err)
		for _, v := range page {
			if column == "audit_log.detail" {
				_, err := kyc.OpenDetail(sealerB, auditOf(t, v))
				require.NoError(t, err, "%s %s", column, v.Key)
			} else {
				_, err := sealerB.Open(v.Value, v.Label)
				require.NoError(t, err, "%s %s", column, v.Key)
			}
			opened++
		}
	}
	require.Positive(t, opened)

	// …and through the API of a gateway that knows only B.
	cfg := server.Config{PublicURL: publicURL, DataKey: hexB, SignerKey: signerKey}
	srv, err := server.New(cfg, store, server.NewLogger(cfg.WithDefaults(), &syncBuffer{}), server.WithClock(b.clock.Now))
	require.NoError(t, err)
	h := openapitest.Handler(t, srv.Handler())
	var kase struct {
		PersonalDetails map[string]string
		History         []struct {
			Action string
			Detail map[string]any
		}
	}
	rec := authtest.Do(t, h, "GET", "/v1/admin/reviews/"+st.ID, nil, b.reviewer()...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &kase))
	require.Equal(t, "Franklin", kase.PersonalDetails["lastName"])
	reasons := map[string]any{}
	for _, e := range kase.History {
		if r, ok := e.Detail["reason"]; ok {
			reasons[e.Action] = r
		}
	}
	require.Equal(t, "RotReasonUnderA", reasons["verification.resubmission_requested"])
	rec = authtest.Do(t, h, "GET", "/v1/me/documents/"+front, nil, w.auth...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, pngImage(t, 120, 80, 8), rec.Body.Bytes())
	rec = authtest.Do(t, h, "GET", "/v1/me/export", nil, w.auth...)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), `"dateOfBirth":"1990-04-17"`)
}

func keysOf(m map[string]int64) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// auditOf is the audit entry of a sealed audit_log.detail value (its label is
// "audit:<entity kind>:<entity id>:").
func auditOf(t *testing.T, v storage.SealedValue) storage.AuditEntry {
	t.Helper()
	parts := strings.Split(v.Label, ":")
	require.Len(t, parts, 4, v.Label)
	return storage.AuditEntry{ID: v.Key, Detail: string(v.Value), EntityKind: parts[1], EntityID: parts[2]}
}
