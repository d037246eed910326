package storagetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

// RunTests runs the whole conformance suite. newStore must return a fresh, migrated
// store for each call; each subtest gets its own.
func RunTests(t *testing.T, newStore func(t testing.TB) storage.Store) {
	tests := []struct {
		name string
		run  func(t *testing.T, s storage.Store)
	}{
		{"Tenants", testTenants},
		{"APIKeys", testAPIKeys},
		{"SubjectsAndWallets", testSubjectsAndWallets},
		{"Nonces", testNonces},
		{"NonceConsumedOnceUnderConcurrency", testNonceConcurrency},
		{"Sessions", testSessions},
		{"Verifications", testVerifications},
		{"VerificationCompareAndSwapUnderConcurrency", testVerificationConcurrency},
		{"ProviderEvents", testProviderEvents},
		{"Screenings", testScreenings},
		{"Attestations", testAttestations},
		{"Outbox", testOutbox},
		{"OutboxSequenceUnderConcurrency", testOutboxConcurrency},
		{"Operators", testOperators},
		{"DriverHandles", testDriverHandles},
		{"Audit", testAudit},
		{"Reviewers", testReviewers},
		{"SubjectShares", testSubjectShares},
		{"MoveWallets", testMoveWallets},
		{"LinkTokens", testLinkTokens},
		{"LinkTokenConsumedOnceUnderConcurrency", testLinkTokenConcurrency},
		{"Documents", testDocuments},
		{"VerificationsByProvider", testVerificationsByProvider},
		{"VerificationByProviderRef", testVerificationByProviderRef},
		{"LockSubject", testLockSubject},
		{"SubjectBirthDate", testSubjectBirthDate},
		{"TimeRoundTrip", testTimeRoundTrip},
		{"Transactions", testTransactions},
		{"DeleteExpired", testDeleteExpired},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t, newStore(t))
		})
	}
}

var (
	ctx = context.Background()
	// t0 is a fixed instant with sub-microsecond digits and a non-UTC zone, to catch
	// precision and zone handling.
	t0 = time.Date(2026, 3, 4, 5, 6, 7, 891234567, time.FixedZone("CET", 3600))
)

// us is t as the store keeps it.
func us(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func newSubject(t *testing.T, s storage.Store) storage.Subject {
	t.Helper()
	sub := storage.Subject{CreatedAt: t0}
	require.NoError(t, s.CreateSubject(ctx, &sub))
	return sub
}

func testTenants(t *testing.T, s storage.Store) {
	tn := storage.Tenant{Name: "Acme dApp", CreatedAt: t0}
	require.NoError(t, s.CreateTenant(ctx, &tn))
	require.NotEmpty(t, tn.ID)

	got, err := s.GetTenant(ctx, tn.ID)
	require.NoError(t, err)
	require.Equal(t, "Acme dApp", got.Name)
	require.Equal(t, "{}", got.Rules)
	require.True(t, got.CreatedAt.Equal(us(t0)))

	dup := storage.Tenant{ID: tn.ID, Name: "again", CreatedAt: t0}
	require.ErrorIs(t, s.CreateTenant(ctx, &dup), storage.ErrConflict)

	_, err = s.GetTenant(ctx, "ten_missing")
	require.ErrorIs(t, err, storage.ErrNotFound)

	updated, err := s.UpdateTenant(ctx, tn.ID, func(old storage.Tenant) (storage.Tenant, error) {
		old.WebhookURL = "https://dapp.example/hooks"
		old.WebhookSecret = []byte{1, 2, 3}
		old.Rules = `{"minLevel":2}`
		old.DefaultProvider = "sumsub"
		return old, nil
	})
	require.NoError(t, err)
	require.Equal(t, "https://dapp.example/hooks", updated.WebhookURL)
	got, err = s.GetTenant(ctx, tn.ID)
	require.NoError(t, err)
	require.Equal(t, []byte{1, 2, 3}, got.WebhookSecret)
	require.Equal(t, `{"minLevel":2}`, got.Rules)
	require.Equal(t, "sumsub", got.DefaultProvider)

	refused := errors.New("refused")
	_, err = s.UpdateTenant(ctx, tn.ID, func(storage.Tenant) (storage.Tenant, error) { return storage.Tenant{}, refused })
	require.ErrorIs(t, err, refused)
	_, err = s.UpdateTenant(ctx, "ten_missing", func(old storage.Tenant) (storage.Tenant, error) { return old, nil })
	require.ErrorIs(t, err, storage.ErrNotFound)

	second := storage.Tenant{Name: "Second", CreatedAt: t0.Add(time.Second)}
	require.NoError(t, s.CreateTenant(ctx, &second))
	all, err := s.ListTenants(ctx)
	require.NoError(t, err)
	require.Len(t, all, 2)
	require.Equal(t, tn.ID, all[0].ID)
}

func testAPIKeys(t *testing.T, s storage.Store) {
	k := storage.APIKey{OwnerKind: storage.OwnerTenant, OwnerID: "ten_x", Prefix: "kgt_abcd", Hash: []byte("hash-1"), CreatedAt: t0}
	require.NoError(t, s.CreateAPIKey(ctx, &k))

	got, err := s.GetAPIKeyByHash(ctx, []byte("hash-1"))
	require.NoError(t, err)
	require.Equal(t, k.ID, got.ID)
	require.Equal(t, storage.OwnerTenant, got.OwnerKind)
	require.Nil(t, got.RevokedAt)

	dup := storage.APIKey{OwnerKind: storage.OwnerReviewer, OwnerID: "rev_y", Prefix: "kgr_", Hash: []byte("hash-1"), CreatedAt: t0}
	require.ErrorIs(t, s.CreateAPIKey(ctx, &dup), storage.ErrConflict)

	require.NoError(t, s.RevokeAPIKey(ctx, k.ID, t0))
	_, err = s.GetAPIKeyByHash(ctx, []byte("hash-1"))
	require.ErrorIs(t, err, storage.ErrNotFound)
	require.ErrorIs(t, s.RevokeAPIKey(ctx, k.ID, t0), storage.ErrNotFound)
}

func testSubjectsAndWallets(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	got, err := s.GetSubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Zero(t, got.ApprovedLevel)
	require.Nil(t, got.ApprovedAt)
	require.False(t, got.Blocked)

	_, err = s.GetSubject(ctx, "sub_missing")
	require.ErrorIs(t, err, storage.ErrNotFound)

	approvedAt := t0.Add(time.Hour)
	_, err = s.UpdateSubject(ctx, sub.ID, func(old storage.Subject) (storage.Subject, error) {
		old.ApprovedLevel, old.ApprovedAt, old.Blocked, old.UpdatedAt = 2, &approvedAt, true, approvedAt
		old.Country, old.Over18 = "DE", true
		return old, nil
	})
	require.NoError(t, err)
	got, err = s.GetSubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Equal(t, 2, got.ApprovedLevel)
	require.True(t, got.ApprovedAt.Equal(us(approvedAt)))
	require.True(t, got.Blocked)
	require.Equal(t, "DE", got.Country)
	require.True(t, got.Over18)

	// Regular-mode subjects are unique per tenant and customer id.
	cust := storage.Subject{TenantID: "ten_a", ExternalCustomerID: "user-42", CreatedAt: t0}
	require.NoError(t, s.CreateSubject(ctx, &cust))
	found, err := s.GetSubjectByCustomer(ctx, "ten_a", "user-42")
	require.NoError(t, err)
	require.Equal(t, cust.ID, found.ID)
	_, err = s.GetSubjectByCustomer(ctx, "ten_b", "user-42")
	require.ErrorIs(t, err, storage.ErrNotFound)
	again := storage.Subject{TenantID: "ten_a", ExternalCustomerID: "user-42", CreatedAt: t0}
	require.ErrorIs(t, s.CreateSubject(ctx, &again), storage.ErrConflict)

	// Wallets: mixed-case input, stored lower-case, one subject each.
	w := storage.Wallet{Address: "0xAbCdEf0000000000000000000000000000000001", SubjectID: sub.ID, LinkedAt: t0}
	require.NoError(t, s.LinkWallet(ctx, &w))
	gw, err := s.GetWallet(ctx, "0xABCDEF0000000000000000000000000000000001")
	require.NoError(t, err)
	require.Equal(t, "0xabcdef0000000000000000000000000000000001", gw.Address)
	require.Equal(t, sub.ID, gw.SubjectID)

	other := newSubject(t, s)
	steal := storage.Wallet{Address: w.Address, SubjectID: other.ID, LinkedAt: t0}
	require.ErrorIs(t, s.LinkWallet(ctx, &steal), storage.ErrConflict)

	orphan := storage.Wallet{Address: "0x0000000000000000000000000000000000000009", SubjectID: "sub_missing", LinkedAt: t0}
	require.ErrorIs(t, s.LinkWallet(ctx, &orphan), storage.ErrNotFound)

	w2 := storage.Wallet{Address: "0x0000000000000000000000000000000000000002", SubjectID: sub.ID, LinkedAt: t0.Add(time.Minute)}
	require.NoError(t, s.LinkWallet(ctx, &w2))
	list, err := s.ListWallets(ctx, sub.ID)
	require.NoError(t, err)
	require.Len(t, list, 2)
	require.Equal(t, w.Address, list[0].Address)

	require.NoError(t, s.UnlinkWallet(ctx, w2.Address))
	require.ErrorIs(t, s.UnlinkWallet(ctx, w2.Address), storage.ErrNotFound)
	_, err = s.GetWallet(ctx, w2.Address)
	require.ErrorIs(t, err, storage.ErrNotFound)
	empty, err := s.ListWallets(ctx, other.ID)
	require.NoError(t, err)
	require.Empty(t, empty)
}

func testNonces(t *testing.T, s storage.Store) {
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "n1", CreatedAt: t0, ExpiresAt: t0.Add(5 * time.Minute)}))
	require.ErrorIs(t, s.CreateNonce(ctx, storage.Nonce{Value: "n1", CreatedAt: t0, ExpiresAt: t0}), storage.ErrConflict)

	require.NoError(t, s.ConsumeNonce(ctx, "n1", t0.Add(time.Minute)))
	require.ErrorIs(t, s.ConsumeNonce(ctx, "n1", t0.Add(time.Minute)), storage.ErrNotFound, "a nonce is single-use")
	require.ErrorIs(t, s.ConsumeNonce(ctx, "never-issued", t0), storage.ErrNotFound)

	// A nonce is expired at its expiry instant, not one tick later.
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "n2", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}))
	require.ErrorIs(t, s.ConsumeNonce(ctx, "n2", us(t0.Add(time.Minute))), storage.ErrNotFound)

	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "old", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}))
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "fresh", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
	swept, err := s.DeleteExpired(ctx, t0.Add(2*time.Minute))
	require.NoError(t, err)
	require.EqualValues(t, 1, swept.Nonces)
	require.NoError(t, s.ConsumeNonce(ctx, "fresh", t0.Add(2*time.Minute)))
}

func testNonceConcurrency(t *testing.T, s storage.Store) {
	for round := range 5 {
		value := fmt.Sprintf("race-%d", round)
		require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: value, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
		var wins, losses atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for range 8 {
			wg.Go(func() {
				<-start
				err := s.ConsumeNonce(ctx, value, t0)
				switch {
				case err == nil:
					wins.Add(1)
				case errors.Is(err, storage.ErrNotFound):
					losses.Add(1)
				default:
					t.Errorf("consume: unexpected error %v", err)
				}
			})
		}
		close(start)
		wg.Wait()
		require.EqualValues(t, 1, wins.Load(), "exactly one consumer wins")
		require.EqualValues(t, 7, losses.Load())
	}
}

func testSessions(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	ses := storage.Session{TokenHash: []byte("tok"), SubjectID: sub.ID, Address: "0xAA00000000000000000000000000000000000001",
		ChainID: 8453, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	require.NoError(t, s.CreateSession(ctx, &ses))

	got, err := s.GetSessionByTokenHash(ctx, []byte("tok"), t0.Add(time.Minute))
	require.NoError(t, err)
	require.Equal(t, ses.ID, got.ID)
	require.EqualValues(t, 8453, got.ChainID)
	require.Equal(t, "0xaa00000000000000000000000000000000000001", got.Address)

	_, err = s.GetSessionByTokenHash(ctx, []byte("tok"), t0.Add(time.Hour))
	require.ErrorIs(t, err, storage.ErrNotFound, "expired at its expiry instant")
	_, err = s.GetSessionByTokenHash(ctx, []byte("other"), t0)
	require.ErrorIs(t, err, storage.ErrNotFound)

	require.NoError(t, s.RevokeSession(ctx, ses.ID, t0.Add(time.Second)))
	_, err = s.GetSessionByTokenHash(ctx, []byte("tok"), t0.Add(time.Minute))
	require.ErrorIs(t, err, storage.ErrNotFound)
	require.ErrorIs(t, s.RevokeSession(ctx, ses.ID, t0), storage.ErrNotFound)

	// Every session of one wallet on one subject ends at once; others stay.
	other := newSubject(t, s)
	for i, v := range []struct {
		sub, addr string
	}{{sub.ID, "0xAA00000000000000000000000000000000000001"}, {sub.ID, "0xaa00000000000000000000000000000000000001"},
		{sub.ID, "0xBB00000000000000000000000000000000000002"}, {other.ID, "0xAA00000000000000000000000000000000000001"}} {
		x := storage.Session{TokenHash: []byte(fmt.Sprint("w", i)), SubjectID: v.sub, Address: v.addr, ChainID: 1,
			CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
		require.NoError(t, s.CreateSession(ctx, &x))
	}
	n, err := s.RevokeWalletSessions(ctx, sub.ID, "0xAA00000000000000000000000000000000000001", t0)
	require.NoError(t, err)
	require.EqualValues(t, 2, n)
	for i, live := range []bool{false, false, true, true} {
		_, err := s.GetSessionByTokenHash(ctx, []byte(fmt.Sprint("w", i)), t0.Add(time.Minute))
		require.Equal(t, live, err == nil, "session %d", i)
	}
}

func testVerifications(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	v := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "manual", Level: 1, CreatedAt: t0,
		FlowTokenHash: []byte("flow"), Data: []byte("sealed")}
	require.NoError(t, s.CreateVerification(ctx, &v))
	require.Equal(t, storage.StatusCreated, v.Status)

	got, err := s.GetVerification(ctx, v.ID)
	require.NoError(t, err)
	require.Equal(t, storage.StatusCreated, got.Status)
	require.Equal(t, []byte("sealed"), got.Data)
	byToken, err := s.GetVerificationByFlowToken(ctx, []byte("flow"))
	require.NoError(t, err)
	require.Equal(t, v.ID, byToken.ID)
	_, err = s.GetVerification(ctx, "ver_missing")
	require.ErrorIs(t, err, storage.ErrNotFound)

	require.NoError(t, s.SetVerificationStatus(ctx, v.ID, storage.StatusCreated, storage.StatusInProgress, t0.Add(time.Second)))
	err = s.SetVerificationStatus(ctx, v.ID, storage.StatusCreated, storage.StatusInReview, t0)
	require.ErrorIs(t, err, storage.ErrConflict, "a stale from-status loses")
	require.ErrorIs(t, s.SetVerificationStatus(ctx, "ver_missing", storage.StatusCreated, storage.StatusInProgress, t0), storage.ErrNotFound)

	up, err := s.UpdateVerification(ctx, v.ID, func(old storage.Verification) (storage.Verification, error) {
		old.Status, old.RejectType, old.UpdatedAt = storage.StatusRejected, "retry", t0.Add(time.Minute)
		return old, nil
	})
	require.NoError(t, err)
	require.Equal(t, storage.StatusRejected, up.Status)
	got, err = s.GetVerification(ctx, v.ID)
	require.NoError(t, err)
	require.Equal(t, "retry", got.RejectType)
	require.True(t, got.UpdatedAt.Equal(us(t0.Add(time.Minute))))

	other := storage.Verification{SubjectID: sub.ID, Mode: "regular", Provider: "manual", Level: 1, CreatedAt: t0.Add(time.Hour)}
	require.NoError(t, s.CreateVerification(ctx, &other))
	list, err := s.ListVerificationsBySubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Len(t, list, 2)
	require.Equal(t, v.ID, list[0].ID)
	created, err := s.ListVerificationsByStatus(ctx, storage.StatusCreated, 10)
	require.NoError(t, err)
	require.Len(t, created, 1)
	require.Equal(t, other.ID, created[0].ID)

	orphan := storage.Verification{SubjectID: "sub_missing", Mode: "web3", Provider: "manual", CreatedAt: t0}
	require.ErrorIs(t, s.CreateVerification(ctx, &orphan), storage.ErrNotFound)
}

func testVerificationConcurrency(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	for _, via := range []string{"SetVerificationStatus", "UpdateVerification"} {
		v := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "manual", CreatedAt: t0}
		require.NoError(t, s.CreateVerification(ctx, &v))
		var wins atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range 8 {
			wg.Go(func() {
				<-start
				var err error
				if via == "SetVerificationStatus" {
					err = s.SetVerificationStatus(ctx, v.ID, storage.StatusCreated, storage.StatusInProgress, t0)
				} else {
					_, err = s.UpdateVerification(ctx, v.ID, func(old storage.Verification) (storage.Verification, error) {
						if old.Status != storage.StatusCreated {
							return old, storage.ErrConflict
						}
						old.Status, old.ProviderRef = storage.StatusInProgress, fmt.Sprintf("winner-%d", i)
						return old, nil
					})
				}
				if err == nil {
					wins.Add(1)
				} else if !errors.Is(err, storage.ErrConflict) {
					t.Errorf("%s: unexpected error %v", via, err)
				}
			})
		}
		close(start)
		wg.Wait()
		require.EqualValues(t, 1, wins.Load(), "%s: exactly one compare-and-swap wins", via)
	}
}

func testProviderEvents(t *testing.T, s storage.Store) {
	e := storage.ProviderEvent{Provider: "sumsub", EventID: "evt-1", Payload: []byte("sealed"), ReceivedAt: t0}
	require.NoError(t, s.InsertProviderEvent(ctx, &e))
	dup := storage.ProviderEvent{Provider: "sumsub", EventID: "evt-1", ReceivedAt: t0}
	require.ErrorIs(t, s.InsertProviderEvent(ctx, &dup), storage.ErrConflict, "a duplicate delivery is detected")
	sameIDOtherProvider := storage.ProviderEvent{Provider: "didit", EventID: "evt-1", ReceivedAt: t0}
	require.NoError(t, s.InsertProviderEvent(ctx, &sameIDOtherProvider))
	require.NoError(t, s.MarkProviderEventProcessed(ctx, e.ID, t0))
	require.ErrorIs(t, s.MarkProviderEventProcessed(ctx, "evt_missing", t0), storage.ErrNotFound)
}

func testScreenings(t *testing.T, s storage.Store) {
	addr := "0xAB00000000000000000000000000000000000001"
	require.NoError(t, s.PutScreening(ctx, storage.Screening{Address: addr, Source: "ofac", Risk: 0,
		CheckedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
	require.NoError(t, s.PutScreening(ctx, storage.Screening{Address: addr, Source: "ofac", Risk: 10, Flagged: true,
		Detail: "SDN match", CheckedAt: t0.Add(time.Minute), ExpiresAt: t0.Add(2 * time.Hour)}))
	got, err := s.GetScreening(ctx, addr, "ofac")
	require.NoError(t, err)
	require.True(t, got.Flagged)
	require.Equal(t, 10, got.Risk)
	require.Equal(t, "SDN match", got.Detail)
	require.True(t, got.ExpiresAt.Equal(us(t0.Add(2*time.Hour))))
	_, err = s.GetScreening(ctx, addr, "trm")
	require.ErrorIs(t, err, storage.ErrNotFound)
}

func testAttestations(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	mk := func(uid string, at time.Time) storage.Attestation {
		a := storage.Attestation{UID: uid, SubjectID: sub.ID, Recipient: "0xAA00000000000000000000000000000000000001",
			ChainID: 1, Signer: "0xsigner", Package: []byte(`{"sig":{}}`), IssuedAt: at, ExpiresAt: at.Add(24 * time.Hour)}
		require.NoError(t, s.CreateAttestation(ctx, &a))
		return a
	}
	a1 := mk("0x01", t0)
	mk("0x02", t0.Add(time.Second))
	dup := a1
	require.ErrorIs(t, s.CreateAttestation(ctx, &dup), storage.ErrConflict)

	got, err := s.GetAttestation(ctx, "0x01")
	require.NoError(t, err)
	require.Nil(t, got.RevokedAt)
	require.EqualValues(t, 1, got.ChainID)
	_, err = s.GetAttestation(ctx, "0xff")
	require.ErrorIs(t, err, storage.ErrNotFound)

	require.NoError(t, s.RevokeAttestation(ctx, "0x01", "sanctions hit", t0.Add(time.Hour)))
	require.ErrorIs(t, s.RevokeAttestation(ctx, "0x01", "again", t0.Add(2*time.Hour)), storage.ErrConflict)
	require.ErrorIs(t, s.RevokeAttestation(ctx, "0xff", "x", t0), storage.ErrNotFound)
	got, err = s.GetAttestation(ctx, "0x01")
	require.NoError(t, err)
	require.Equal(t, "sanctions hit", got.RevocationReason, "the first revocation is kept")
	require.True(t, got.RevokedAt.Equal(us(t0.Add(time.Hour))))

	mk("0x03", t0.Add(2*time.Second))
	uids, err := s.RevokeSubjectAttestations(ctx, sub.ID, "rejected", t0.Add(3*time.Hour))
	require.NoError(t, err)
	require.Equal(t, []string{"0x02", "0x03"}, uids, "only unrevoked ones are revoked")
	uids, err = s.RevokeSubjectAttestations(ctx, sub.ID, "rejected", t0.Add(4*time.Hour))
	require.NoError(t, err)
	require.Empty(t, uids)

	list, err := s.ListAttestationsBySubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Len(t, list, 3)
	require.Equal(t, "0x01", list[0].UID)

	// Revoking by recipient leaves the subject's other wallets' attestations alone.
	a4 := mk("0x04", t0.Add(3*time.Second))
	other := storage.Attestation{UID: "0x05", SubjectID: sub.ID, Recipient: "0xBB00000000000000000000000000000000000002",
		ChainID: 1, Signer: "0xsigner", Package: []byte(`{}`), IssuedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	require.NoError(t, s.CreateAttestation(ctx, &other))
	uids, err = s.RevokeRecipientAttestations(ctx, sub.ID, "0xAA00000000000000000000000000000000000001", "unlinked", t0)
	require.NoError(t, err)
	require.Equal(t, []string{a4.UID}, uids)
	got, err = s.GetAttestation(ctx, "0x05")
	require.NoError(t, err)
	require.Nil(t, got.RevokedAt)
}

func testAudit(t *testing.T, s storage.Store) {
	for i, action := range []string{"verification.created", "verification.approved", "attestation.revoked"} {
		e := storage.AuditEntry{At: t0.Add(time.Duration(i) * time.Second), Actor: "reviewer:rev_1", Action: action,
			EntityKind: "verification", EntityID: "ver_1", Detail: `{"reason":"ok"}`}
		require.NoError(t, s.AppendAudit(ctx, &e))
	}
	noise := storage.AuditEntry{At: t0, Actor: "system", Action: "x", EntityKind: "verification", EntityID: "ver_2"}
	require.NoError(t, s.AppendAudit(ctx, &noise))
	list, err := s.ListAudit(ctx, "verification", "ver_1")
	require.NoError(t, err)
	require.Len(t, list, 3)
	require.Equal(t, "verification.created", list[0].Action)
	require.Equal(t, "attestation.revoked", list[2].Action)
	require.Equal(t, `{"reason":"ok"}`, list[1].Detail)
}

func testTimeRoundTrip(t *testing.T, s storage.Store) {
	instants := []time.Time{
		t0,
		time.Date(1999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(2100, 1, 1, 0, 0, 0, 1000, time.FixedZone("x", -7*3600-1800)),
		time.Unix(0, 0),
	}
	for i, at := range instants {
		tn := storage.Tenant{Name: fmt.Sprint(i), CreatedAt: at}
		require.NoError(t, s.CreateTenant(ctx, &tn))
		got, err := s.GetTenant(ctx, tn.ID)
		require.NoError(t, err)
		require.True(t, got.CreatedAt.Equal(us(at)), "instant %d: got %s want %s", i, got.CreatedAt, us(at))
		require.Equal(t, time.UTC, got.CreatedAt.Location(), "times come back in UTC")
	}
	// Ordering by time follows the instants, not the text of the zone they came in.
	list, err := s.ListTenants(ctx)
	require.NoError(t, err)
	require.Equal(t, []string{"3", "1", "0", "2"}, []string{list[0].Name, list[1].Name, list[2].Name, list[3].Name})
}

func testTransactions(t *testing.T, s storage.Store) {
	boom := errors.New("boom")
	var id string
	err := s.InTx(ctx, func(tx storage.Store) error {
		tn := storage.Tenant{Name: "rolled back", CreatedAt: t0}
		require.NoError(t, tx.CreateTenant(ctx, &tn))
		id = tn.ID
		_, err := tx.GetTenant(ctx, id)
		require.NoError(t, err, "visible inside its transaction")
		return boom
	})
	require.ErrorIs(t, err, boom)
	_, err = s.GetTenant(ctx, id)
	require.ErrorIs(t, err, storage.ErrNotFound, "rolled back")

	err = s.InTx(ctx, func(tx storage.Store) error {
		tn := storage.Tenant{Name: "kept", CreatedAt: t0}
		if err := tx.CreateTenant(ctx, &tn); err != nil {
			return err
		}
		id = tn.ID
		// Nested transactions join the outer one, and compare-and-swap helpers work inside.
		return tx.InTx(ctx, func(inner storage.Store) error {
			_, err := inner.UpdateTenant(ctx, id, func(old storage.Tenant) (storage.Tenant, error) {
				old.Name = "kept and renamed"
				return old, nil
			})
			return err
		})
	})
	require.NoError(t, err)
	got, err := s.GetTenant(ctx, id)
	require.NoError(t, err)
	require.Equal(t, "kept and renamed", got.Name)

	// A failed consume inside a transaction rolls back everything done before it.
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "tx-nonce", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
	err = s.InTx(ctx, func(tx storage.Store) error {
		if err := tx.ConsumeNonce(ctx, "tx-nonce", t0); err != nil {
			return err
		}
		return boom
	})
	require.ErrorIs(t, err, boom)
	require.NoError(t, s.ConsumeNonce(ctx, "tx-nonce", t0), "the consume was rolled back with the transaction")
}

func testReviewers(t *testing.T, s storage.Store) {
	r := storage.Reviewer{Name: "Compliance One", CreatedAt: t0}
	require.NoError(t, s.CreateReviewer(ctx, &r))
	require.NotEmpty(t, r.ID)
	got, err := s.GetReviewer(ctx, r.ID)
	require.NoError(t, err)
	require.Equal(t, "Compliance One", got.Name)
	require.True(t, got.CreatedAt.Equal(us(t0)))
	dup := storage.Reviewer{ID: r.ID, Name: "again", CreatedAt: t0}
	require.ErrorIs(t, s.CreateReviewer(ctx, &dup), storage.ErrConflict)
	_, err = s.GetReviewer(ctx, "rev_missing")
	require.ErrorIs(t, err, storage.ErrNotFound)
}

func testMoveWallets(t *testing.T, s storage.Store) {
	from, to := newSubject(t, s), newSubject(t, s)
	w := storage.Wallet{Address: "0xAA000000000000000000000000000000000000B1", SubjectID: from.ID, LinkedAt: t0}
	require.NoError(t, s.LinkWallet(ctx, &w))
	ses := storage.Session{TokenHash: []byte("move-tok"), SubjectID: from.ID, Address: w.Address, ChainID: 1,
		CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	require.NoError(t, s.CreateSession(ctx, &ses))

	n, err := s.MoveWallets(ctx, from.ID, to.ID)
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
	gw, err := s.GetWallet(ctx, w.Address)
	require.NoError(t, err)
	require.Equal(t, to.ID, gw.SubjectID)
	gs, err := s.GetSessionByTokenHash(ctx, []byte("move-tok"), t0)
	require.NoError(t, err)
	require.Equal(t, to.ID, gs.SubjectID, "sessions follow their wallets")
	left, err := s.ListWallets(ctx, from.ID)
	require.NoError(t, err)
	require.Empty(t, left)

	n, err = s.MoveWallets(ctx, from.ID, to.ID)
	require.NoError(t, err)
	require.Zero(t, n)
	_, err = s.MoveWallets(ctx, to.ID, "sub_missing")
	require.ErrorIs(t, err, storage.ErrNotFound, "the target must exist")
	gw, err = s.GetWallet(ctx, w.Address)
	require.NoError(t, err)
	require.Equal(t, to.ID, gw.SubjectID)
}

func testLinkTokens(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	tok := storage.LinkToken{Hash: []byte("link-1"), SubjectID: sub.ID, CreatedAt: t0, ExpiresAt: t0.Add(30 * time.Minute)}
	require.NoError(t, s.CreateLinkToken(ctx, tok))
	require.ErrorIs(t, s.CreateLinkToken(ctx, tok), storage.ErrConflict)

	got, err := s.ConsumeLinkToken(ctx, []byte("link-1"), t0.Add(time.Minute))
	require.NoError(t, err)
	require.Equal(t, sub.ID, got.SubjectID)
	require.True(t, got.ExpiresAt.Equal(us(t0.Add(30*time.Minute))))
	_, err = s.ConsumeLinkToken(ctx, []byte("link-1"), t0.Add(time.Minute))
	require.ErrorIs(t, err, storage.ErrNotFound, "single use")

	late := storage.LinkToken{Hash: []byte("link-2"), SubjectID: sub.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}
	require.NoError(t, s.CreateLinkToken(ctx, late))
	_, err = s.ConsumeLinkToken(ctx, []byte("link-2"), us(t0.Add(time.Minute)))
	require.ErrorIs(t, err, storage.ErrNotFound, "expired at its expiry instant")

	orphan := storage.LinkToken{Hash: []byte("link-3"), SubjectID: "sub_missing", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	require.ErrorIs(t, s.CreateLinkToken(ctx, orphan), storage.ErrNotFound)
}

func testLinkTokenConcurrency(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	require.NoError(t, s.CreateLinkToken(ctx, storage.LinkToken{Hash: []byte("race"), SubjectID: sub.ID, CreatedAt: t0,
		ExpiresAt: t0.Add(time.Hour)}))
	var wins atomic.Int32
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range 8 {
		wg.Go(func() {
			<-start
			_, err := s.ConsumeLinkToken(ctx, []byte("race"), t0)
			switch {
			case err == nil:
				wins.Add(1)
			case !errors.Is(err, storage.ErrNotFound):
				t.Errorf("consume link token: unexpected error %v", err)
			}
		})
	}
	close(start)
	wg.Wait()
	require.EqualValues(t, 1, wins.Load(), "exactly one consumer wins")
}

func testDocuments(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	v := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: "manual", Level: 1, CreatedAt: t0}
	require.NoError(t, s.CreateVerification(ctx, &v))

	front := storage.Document{VerificationID: v.ID, Kind: "document", Type: "id_card", Side: "front",
		ContentType: "image/png", Size: 3, Data: []byte("sealed-front"), CreatedAt: t0}
	require.NoError(t, s.CreateDocument(ctx, &front))
	require.NotEmpty(t, front.ID)
	selfie := storage.Document{VerificationID: v.ID, Kind: "selfie", ContentType: "image/jpeg", Size: 5,
		Data: []byte("sealed-selfie"), CreatedAt: t0.Add(time.Second)}
	require.NoError(t, s.CreateDocument(ctx, &selfie))

	got, err := s.GetDocument(ctx, front.ID)
	require.NoError(t, err)
	require.Equal(t, []byte("sealed-front"), got.Data)
	require.Equal(t, "id_card", got.Type)
	require.Equal(t, "front", got.Side)
	require.EqualValues(t, 3, got.Size)
	_, err = s.GetDocument(ctx, "doc_missing")
	require.ErrorIs(t, err, storage.ErrNotFound)

	list, err := s.ListDocuments(ctx, v.ID)
	require.NoError(t, err)
	require.Len(t, list, 2)
	require.Equal(t, front.ID, list[0].ID)
	require.Equal(t, "selfie", list[1].Kind)
	require.Nil(t, list[0].Data, "listings leave the content in the database")
	require.Equal(t, "image/jpeg", list[1].ContentType)

	none, err := s.ListDocuments(ctx, "ver_missing")
	require.NoError(t, err)
	require.Empty(t, none)
	orphan := storage.Document{VerificationID: "ver_missing", Kind: "selfie", ContentType: "image/png", Data: []byte("x"), CreatedAt: t0}
	require.ErrorIs(t, s.CreateDocument(ctx, &orphan), storage.ErrNotFound)

	// Purging deletes the content and keeps the record.
	require.NoError(t, s.PurgeDocument(ctx, front.ID))
	_, err = s.GetDocument(ctx, front.ID)
	require.ErrorIs(t, err, storage.ErrNotFound, "a purged document has no content to get")
	list, err = s.ListDocuments(ctx, v.ID)
	require.NoError(t, err)
	require.Len(t, list, 2, "a purged document stays listed")
	require.Equal(t, front.ID, list[0].ID)
	require.EqualValues(t, 3, list[0].Size)
	got, err = s.GetDocument(ctx, selfie.ID)
	require.NoError(t, err)
	require.Equal(t, []byte("sealed-selfie"), got.Data, "purging one document leaves the others")
	require.NoError(t, s.PurgeDocument(ctx, front.ID), "purging twice is harmless")
	require.ErrorIs(t, s.PurgeDocument(ctx, "doc_missing"), storage.ErrNotFound)
}

func testVerificationsByProvider(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	mk := func(provider string, status storage.VerificationStatus, at time.Time) string {
		v := storage.Verification{SubjectID: sub.ID, Mode: "web3", Provider: provider, Level: 1, Status: status,
			CreatedAt: at, UpdatedAt: at}
		require.NoError(t, s.CreateVerification(ctx, &v))
		return v.ID
	}
	newer := mk("manual", storage.StatusInReview, t0.Add(time.Hour))
	older := mk("manual", storage.StatusInReview, t0)
	mk("sumsub", storage.StatusInReview, t0)
	mk("manual", storage.StatusInProgress, t0)

	list, err := s.ListVerificationsByProvider(ctx, "manual", storage.StatusInReview, 10)
	require.NoError(t, err)
	require.Len(t, list, 2)
	require.Equal(t, []string{older, newer}, []string{list[0].ID, list[1].ID}, "least recently changed first")
	list, err = s.ListVerificationsByProvider(ctx, "manual", storage.StatusInReview, 1)
	require.NoError(t, err)
	require.Len(t, list, 1)
}

func testSubjectBirthDate(t *testing.T, s storage.Store) {
	sub := storage.Subject{CreatedAt: t0, BirthDate: []byte("sealed-dob")}
	require.NoError(t, s.CreateSubject(ctx, &sub))
	got, err := s.GetSubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Equal(t, []byte("sealed-dob"), got.BirthDate)

	_, err = s.UpdateSubject(ctx, sub.ID, func(old storage.Subject) (storage.Subject, error) {
		old.BirthDate = nil
		return old, nil
	})
	require.NoError(t, err)
	got, err = s.GetSubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Nil(t, got.BirthDate)
}

func testDeleteExpired(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	now := t0.Add(time.Hour)
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "gone", CreatedAt: t0, ExpiresAt: now}))
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "kept", CreatedAt: t0, ExpiresAt: now.Add(time.Second)}))
	require.NoError(t, s.CreateLinkToken(ctx, storage.LinkToken{Hash: []byte("lt-gone"), SubjectID: sub.ID, CreatedAt: t0, ExpiresAt: now}))
	require.NoError(t, s.CreateLinkToken(ctx, storage.LinkToken{Hash: []byte("lt-kept"), SubjectID: sub.ID, CreatedAt: t0, ExpiresAt: now.Add(time.Hour)}))
	for i, v := range []struct{ expires, revoked time.Time }{
		{expires: now}, {expires: now.Add(time.Hour), revoked: t0}, {expires: now.Add(time.Hour)},
	} {
		ses := storage.Session{TokenHash: []byte(fmt.Sprint("sweep", i)), SubjectID: sub.ID, Address: "0x01", ChainID: 1,
			CreatedAt: t0, ExpiresAt: v.expires}
		if !v.revoked.IsZero() {
			ses.RevokedAt = &v.revoked
		}
		require.NoError(t, s.CreateSession(ctx, &ses))
	}
	swept, err := s.DeleteExpired(ctx, now)
	require.NoError(t, err)
	require.Equal(t, storage.Swept{Nonces: 1, LinkTokens: 1, Sessions: 2}, swept)
	require.NoError(t, s.ConsumeNonce(ctx, "kept", now))
	_, err = s.ConsumeLinkToken(ctx, []byte("lt-kept"), now)
	require.NoError(t, err)
	_, err = s.GetSessionByTokenHash(ctx, []byte("sweep2"), now)
	require.NoError(t, err, "a live session stays")
}
