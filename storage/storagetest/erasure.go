package storagetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

// sealedLike is a value in the sealed format's shape: version 1, a 4-byte key id, then
// 28 bytes (nonce and tag) the store never reads.
func sealedLike(keyID string, fill byte) []byte {
	out := append([]byte{1}, keyID...)
	for range 28 {
		out = append(out, fill)
	}
	return out
}

func testEraseSubjectData(t *testing.T, s storage.Store) {
	erased, kept := newSubject(t, s), newSubject(t, s)
	for _, sub := range []storage.Subject{erased, kept} {
		_, err := s.UpdateSubject(ctx, sub.ID, func(x storage.Subject) (storage.Subject, error) {
			x.BirthDate = []byte("sealed-dob")
			return x, nil
		})
		require.NoError(t, err)
		v := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "p", ProviderRef: "ref-" + sub.ID, Level: 1, CreatedAt: t0}
		require.NoError(t, s.CreateVerification(ctx, &v))
		// An event not matched to the verification yet, naming its provider reference.
		require.NoError(t, s.InsertProviderEvent(ctx, &storage.ProviderEvent{Provider: "p", EventID: "unmatched-" + sub.ID,
			Ref: v.ProviderRef, Payload: []byte("sealed-payload"), ReceivedAt: t0}))
		require.NoError(t, s.CreateDocument(ctx, &storage.Document{VerificationID: v.ID, Kind: "selfie", ContentType: "image/png",
			Size: 1, Data: []byte("sealed-doc"), CreatedAt: t0}))
		require.NoError(t, s.InsertProviderEvent(ctx, &storage.ProviderEvent{Provider: "p", EventID: sub.ID, VerificationID: v.ID,
			Payload: []byte("sealed-payload"), ReceivedAt: t0}))
		addr := "0x" + sub.ID[len(sub.ID)-8:] + "00000000000000000000000000000000"
		require.NoError(t, s.LinkWallet(ctx, &storage.Wallet{Address: addr, SubjectID: sub.ID, LinkedAt: t0}))
		require.NoError(t, s.AddScreening(ctx, &storage.Screening{Address: addr, Source: "ofac", Status: "clear", Reference: "ofac-sdn 2025-11-19", CheckedAt: t0}))
	}
	got, err := s.EraseSubjectData(ctx, erased.ID)
	require.NoError(t, err)
	require.Equal(t, storage.Erased{Documents: 1, ProviderPayloads: 2, BirthDates: 1}, got)
	again, err := s.EraseSubjectData(ctx, erased.ID)
	require.NoError(t, err)
	require.Equal(t, storage.Erased{}, again, "erasing twice finds nothing more")
	sub, err := s.GetSubject(ctx, erased.ID)
	require.NoError(t, err)
	require.Nil(t, sub.BirthDate)
	sub, err = s.GetSubject(ctx, kept.ID)
	require.NoError(t, err)
	require.Equal(t, []byte("sealed-dob"), sub.BirthDate, "another subject keeps its data")
	wallets, err := s.ListWallets(ctx, erased.ID)
	require.NoError(t, err)
	screenings, err := s.ListScreenings(ctx, wallets[0].Address, 10)
	require.NoError(t, err)
	require.Len(t, screenings, 1, "a wallet's screening history (no personal data) stays")

	require.NoError(t, s.RecordErasure(ctx, storage.Erasure{SubjectID: erased.ID, ErasedAt: t0, Code: "request", Actor: "reviewer:r"}))
	require.ErrorIs(t, s.RecordErasure(ctx, storage.Erasure{SubjectID: erased.ID, ErasedAt: t0, Code: "x", Actor: "y"}), storage.ErrConflict)
	e, err := s.GetErasure(ctx, erased.ID)
	require.NoError(t, err)
	require.Equal(t, "request", e.Code)
	_, err = s.GetErasure(ctx, kept.ID)
	require.ErrorIs(t, err, storage.ErrNotFound)

	require.NoError(t, s.PutErasureMarker(ctx, []byte("mark"), t0))
	require.NoError(t, s.PutErasureMarker(ctx, []byte("mark"), t0), "twice is fine")
	found, err := s.HasErasureMarker(ctx, []byte("mark"))
	require.NoError(t, err)
	require.True(t, found)
	found, err = s.HasErasureMarker(ctx, []byte("other"))
	require.NoError(t, err)
	require.False(t, found)
}

func testConsents(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	tn := storage.Tenant{Name: "T", CreatedAt: t0}
	require.NoError(t, s.CreateTenant(ctx, &tn))
	c := storage.Consent{SubjectID: sub.ID, TenantID: tn.ID, Scope: "details", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	require.NoError(t, s.CreateConsent(ctx, &c))
	require.ErrorIs(t, s.CreateConsent(ctx, &storage.Consent{SubjectID: sub.ID, TenantID: "ten_missing", Scope: "details",
		CreatedAt: t0, ExpiresAt: t0}), storage.ErrNotFound)
	ok, err := s.HasConsent(ctx, tn.ID, sub.ID, "details", t0.Add(time.Hour-time.Second))
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = s.HasConsent(ctx, tn.ID, sub.ID, "details", t0.Add(time.Hour))
	require.NoError(t, err)
	require.False(t, ok, "expired at expiresAt")
	require.ErrorIs(t, s.RevokeConsent(ctx, "sub_other", c.ID, t0), storage.ErrNotFound)
	require.NoError(t, s.RevokeConsent(ctx, sub.ID, c.ID, t0))
	require.ErrorIs(t, s.RevokeConsent(ctx, sub.ID, c.ID, t0), storage.ErrNotFound)
	ok, err = s.HasConsent(ctx, tn.ID, sub.ID, "details", t0)
	require.NoError(t, err)
	require.False(t, ok)
	list, err := s.ListConsents(ctx, sub.ID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	require.NotNil(t, list[0].RevokedAt)
}

func testRetentionDue(t *testing.T, s storage.Store) {
	limit := t0.Add(365 * 24 * time.Hour)
	mk := func(status storage.VerificationStatus, at time.Time) string {
		sub := newSubject(t, s)
		v := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "manual", Level: 1, Status: status,
			CreatedAt: at, UpdatedAt: at}
		require.NoError(t, s.CreateVerification(ctx, &v))
		return sub.ID
	}
	decidedOld := mk(storage.StatusApproved, limit.Add(-time.Second))
	mk(storage.StatusApproved, limit)
	abandonedOld := mk(storage.StatusInProgress, limit.Add(-time.Second))
	expiredOld := mk(storage.StatusExpired, limit.Add(-time.Second))
	mk(storage.StatusExpired, limit)
	ids, err := s.ListRetentionDue(ctx, limit, limit, 10)
	require.NoError(t, err)
	want := []string{decidedOld, abandonedOld, expiredOld}
	require.ElementsMatch(t, want, ids)
	require.NoError(t, s.RecordErasure(ctx, storage.Erasure{SubjectID: decidedOld, ErasedAt: t0, Code: "retention", Actor: "system"}))
	ids, err = s.ListRetentionDue(ctx, limit, limit, 10)
	require.NoError(t, err)
	require.ElementsMatch(t, []string{abandonedOld, expiredOld}, ids, "an erased subject is not listed again")
	ids, err = s.ListRetentionDue(ctx, limit, limit, 1)
	require.NoError(t, err)
	require.Len(t, ids, 1)
}

func testSealedColumns(t *testing.T, s storage.Store) {
	for i, id := range []string{"aaaa", "bbbb", "aaaa"} {
		tn := storage.Tenant{Name: "T", CreatedAt: t0, WebhookSecret: sealedLike(id, byte(i))}
		require.NoError(t, s.CreateTenant(ctx, &tn))
	}
	counts, err := s.CountSealed(ctx, "tenants.webhook_secret")
	require.NoError(t, err)
	require.Equal(t, map[string]int64{"61616161": 2, "62626262": 1}, counts)
	_, err = s.CountSealed(ctx, "nope.column")
	require.ErrorIs(t, err, storage.ErrNotFound)

	page, err := s.ListSealed(ctx, "tenants.webhook_secret", "", []byte("aaaa"), 10)
	require.NoError(t, err)
	require.Len(t, page, 1, "values under the skipped key are left out")
	require.Equal(t, "tenant:"+page[0].Key+":webhook", page[0].Label)
	all, err := s.ListSealed(ctx, "tenants.webhook_secret", "", nil, 2)
	require.NoError(t, err)
	require.Len(t, all, 2)
	rest, err := s.ListSealed(ctx, "tenants.webhook_secret", all[1].Key, nil, 2)
	require.NoError(t, err)
	require.Len(t, rest, 1)
	require.Less(t, all[1].Key, rest[0].Key, "key order")

	next := sealedLike("cccc", 9)
	require.NoError(t, s.ReplaceSealed(ctx, "tenants.webhook_secret", page[0].Key, page[0].Value, next))
	require.ErrorIs(t, s.ReplaceSealed(ctx, "tenants.webhook_secret", page[0].Key, page[0].Value, next), storage.ErrConflict)
	tn, err := s.GetTenant(ctx, page[0].Key)
	require.NoError(t, err)
	require.Equal(t, next, tn.WebhookSecret)

	cur, err := s.GetResealCursor(ctx, "tenants.webhook_secret")
	require.NoError(t, err)
	require.Empty(t, cur)
	require.NoError(t, s.SetResealCursor(ctx, "tenants.webhook_secret", "ten_x"))
	require.NoError(t, s.SetResealCursor(ctx, "tenants.webhook_secret", "ten_y"))
	cur, err = s.GetResealCursor(ctx, "tenants.webhook_secret")
	require.NoError(t, err)
	require.Equal(t, "ten_y", cur)
}
