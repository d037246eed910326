package storagetest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

// RunTests runs the whole conformance suite. newStore must return a fresh, migrated
// store for each call; each subtest gets its own. The tests of each aggregate live in
// the file named like its storage/ file.
func RunTests(t *testing.T, newStore func(t testing.TB) storage.Store) {
	tests := []struct {
		name string
		run  func(t *testing.T, s storage.Store)
	}{
		// tenant.go
		{"Tenants", testTenants},
		// credential.go
		{"APIKeys", testAPIKeys},
		{"Reviewers", testReviewers},
		{"Operators", testOperators},
		// console.go
		{"ConsoleSessions", testConsoleSessions},
		{"ConsoleSessionKeyRevoked", testConsoleSessionKeyRevoked},
		{"ConsoleSessionConcurrentTouch", testConsoleSessionConcurrentTouch},
		// subject.go
		{"SubjectsAndWallets", testSubjectsAndWallets},
		{"SubjectShares", testSubjectShares},
		{"MoveWallets", testMoveWallets},
		{"LinkTokens", testLinkTokens},
		{"LinkTokenConsumedOnceUnderConcurrency", testLinkTokenConcurrency},
		{"LockSubject", testLockSubject},
		{"SubjectBirthDate", testSubjectBirthDate},
		// gate.go
		{"GateView", testGateView},
		{"CustomerGateView", testCustomerGateView},
		// signin.go
		{"Nonces", testNonces},
		{"NonceConsumedOnceUnderConcurrency", testNonceConcurrency},
		{"Sessions", testSessions},
		// signin_aggregate.go
		{"SignIn", testSignIn},
		{"SignInOnceUnderConcurrency", testSignInConcurrency},
		{"SignInJob", testSignInJob},
		// verification.go
		{"Verifications", testVerifications},
		{"VerificationCompareAndSwapUnderConcurrency", testVerificationConcurrency},
		{"VerificationsByProvider", testVerificationsByProvider},
		{"VerificationByProviderRef", testVerificationByProviderRef},
		{"Documents", testDocuments},
		{"ProviderEvents", testProviderEvents},
		{"VerificationsToPoll", testVerificationsToPoll},
		// screening.go, attestation.go, audit.go, outbox.go
		{"Screenings", testScreenings},
		{"PersonScreenings", testPersonScreenings},
		{"WalletsToRescreen", testWalletsToRescreen},
		{"Attestations", testAttestations},
		// chain.go
		{"OnchainRevocations", testOnchainRevocations},
		{"ChainSenderLease", testChainSenderLease},
		{"ChainSenderLeaseUnderConcurrency", testChainSenderLeaseConcurrency},
		{"Audit", testAudit},
		{"Outbox", testOutbox},
		{"OutboxSequenceUnderConcurrency", testOutboxConcurrency},
		{"OutboxDeliveries", testOutboxDeliveries},
		{"OutboxFailingAcrossTenants", testOutboxFailingAcrossTenants},
		{"OutboxCleanup", testOutboxCleanup},
		// storagetest.go: the Store as a whole
		{"DriverHandles", testDriverHandles},
		{"TimeRoundTrip", testTimeRoundTrip},
		{"Transactions", testTransactions},
		{"DeleteExpired", testDeleteExpired},
		// erasure.go: the data subject's rights
		{"EraseSubjectData", testEraseSubjectData},
		{"Consents", testConsents},
		{"RetentionDue", testRetentionDue},
		{"SealedColumns", testSealedColumns},
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

// testDriverHandles: a store exposes its pool, and inside InTx the open transaction, so
// the job queue can write in the transaction of the change.
func testDriverHandles(t *testing.T, s storage.Store) {
	h, ok := s.(storage.DriverHandles)
	require.True(t, ok, "the store exposes its driver handles")
	switch h.DriverDB().(type) {
	case *pgxpool.Pool, *sql.DB:
	default:
		t.Fatalf("unexpected pool %T", h.DriverDB())
	}
	require.Nil(t, h.DriverTx(), "no transaction outside InTx")
	require.NoError(t, s.InTx(ctx, func(tx storage.Store) error {
		th := tx.(storage.DriverHandles)
		switch th.DriverTx().(type) {
		case pgx.Tx, *sql.Tx:
		default:
			t.Fatalf("unexpected transaction %T", th.DriverTx())
		}
		require.Equal(t, h.DriverDB(), th.DriverDB())
		return nil
	}))
}
