package storagetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

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

	at, err := s.AttestationRevokedAt(ctx, "0x01")
	require.NoError(t, err)
	require.Nil(t, at, "not revoked")
	_, err = s.AttestationRevokedAt(ctx, "0xff")
	require.ErrorIs(t, err, storage.ErrNotFound)

	require.NoError(t, s.RevokeAttestation(ctx, "0x01", "sanctions hit", t0.Add(time.Hour)))
	at, err = s.AttestationRevokedAt(ctx, "0x01")
	require.NoError(t, err)
	require.NotNil(t, at)
	require.True(t, at.Equal(us(t0.Add(time.Hour))))
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
