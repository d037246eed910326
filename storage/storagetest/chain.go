package storagetest

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

const (
	registryA = "0xAA000000000000000000000000000000000000A1"
	registryB = "0xbb000000000000000000000000000000000000b2"
	senderX   = "0x5E00000000000000000000000000000000000001"
)

func testOnchainRevocations(t *testing.T, s storage.Store) {
	row := func(registry, digest, uid string, at time.Time) storage.OnchainRevocation {
		return storage.OnchainRevocation{ChainID: 10, Registry: registry, Digest: digest, UID: uid, CreatedAt: at}
	}
	require.NoError(t, s.AddOnchainRevocations(ctx, []storage.OnchainRevocation{
		row(registryA, "0xd1", "0x01", t0), row(registryB, "0xd1", "0x01", t0),
		row(registryA, "0xd2", "0x02", t0.Add(time.Second)), row(registryA, "0xd3", "0x03", t0.Add(2*time.Second)),
	}))
	// Adding again keeps the rows (and their state) as they are.
	require.NoError(t, s.AddOnchainRevocations(ctx, []storage.OnchainRevocation{row(registryA, "0xd1", "0x01", t0.Add(time.Hour))}))

	got, err := s.ListOnchainRevocations(ctx, "0x01")
	require.NoError(t, err)
	require.Len(t, got, 2)
	require.Equal(t, storage.OnchainRevocation{ChainID: 10, Registry: "0xaa000000000000000000000000000000000000a1", Digest: "0xd1",
		UID: "0x01", State: storage.OnchainPending, CreatedAt: us(t0)}, normTimes(got[0]))

	pending, err := s.PendingOnchainRevocations(ctx, 10, registryA, 2)
	require.NoError(t, err)
	require.Equal(t, []string{"0xd1", "0xd2"}, digests(pending), "oldest first, at most the limit")
	pending, err = s.PendingOnchainRevocations(ctx, 11, registryA, 10)
	require.NoError(t, err)
	require.Empty(t, pending, "per chain")

	// A batch is recorded only under the sender lease.
	batch := storage.RevocationBatch{TxHash: "0xt1", ChainID: 10, Registry: registryA, Sender: senderX, Nonce: 7,
		RawTx: []byte{1, 2, 3}, Size: 2, SentAt: t0.Add(time.Minute)}
	require.ErrorIs(t, s.RecordRevocationBatch(ctx, batch, []string{"0xd1", "0xd2"}, "h1", time.Minute), storage.ErrConflict)
	ok, err := s.AcquireChainSender(ctx, 10, senderX, "h1", t0, 2*time.Minute)
	require.NoError(t, err)
	require.True(t, ok)
	require.ErrorIs(t, s.RecordRevocationBatch(ctx, batch, []string{"0xd1", "0xd2"}, "h2", time.Minute), storage.ErrConflict,
		"another holder")
	require.NoError(t, s.RecordRevocationBatch(ctx, batch, []string{"0xd1", "0xd2"}, "h1", 5*time.Minute))
	other := batch
	other.TxHash, other.Nonce = "0xt2", 8
	require.ErrorIs(t, s.RecordRevocationBatch(ctx, other, []string{"0xd3", "0xd2"}, "h1", time.Minute), storage.ErrConflict,
		"0xd2 is in a batch already")
	pending, err = s.PendingOnchainRevocations(ctx, 10, registryA, 10)
	require.NoError(t, err)
	require.Equal(t, []string{"0xd3"}, digests(pending), "the failed record left 0xd3 pending")

	open, err := s.OpenRevocationBatches(ctx, 10, senderX)
	require.NoError(t, err)
	require.Len(t, open, 1)
	want := batch
	want.Registry, want.Sender, want.SentAt = "0xaa000000000000000000000000000000000000a1", "0x5e00000000000000000000000000000000000001", us(batch.SentAt)
	open[0].SentAt = open[0].SentAt.UTC()
	require.Equal(t, want, open[0])
	got, err = s.ListOnchainRevocations(ctx, "0x02")
	require.NoError(t, err)
	require.Equal(t, storage.OnchainSent, got[0].State)
	require.Equal(t, "0xt1", got[0].TxHash)

	// The record renewed the lease: still h1's after the first ttl.
	ok, err = s.AcquireChainSender(ctx, 10, senderX, "h2", t0.Add(3*time.Minute), time.Minute)
	require.NoError(t, err)
	require.False(t, ok, "renewed until sent_at+5m")

	// Settling as mined marks the rows; twice is a conflict.
	require.NoError(t, s.SettleRevocationBatch(ctx, "0xt1", true, t0.Add(2*time.Minute)))
	require.ErrorIs(t, s.SettleRevocationBatch(ctx, "0xt1", true, t0.Add(2*time.Minute)), storage.ErrConflict)
	require.ErrorIs(t, s.SettleRevocationBatch(ctx, "0xnone", true, t0), storage.ErrNotFound)
	got, err = s.ListOnchainRevocations(ctx, "0x02")
	require.NoError(t, err)
	require.Equal(t, storage.OnchainMined, got[0].State)
	require.True(t, got[0].MinedAt.Equal(us(t0.Add(2*time.Minute))))
	open, err = s.OpenRevocationBatches(ctx, 10, senderX)
	require.NoError(t, err)
	require.Empty(t, open)

	// A dropped batch puts its rows back to pending.
	drop := batch
	drop.TxHash, drop.Nonce, drop.Size = "0xt3", 8, 1
	require.NoError(t, s.RecordRevocationBatch(ctx, drop, []string{"0xd3"}, "h1", time.Minute))
	require.NoError(t, s.SettleRevocationBatch(ctx, "0xt3", false, t0.Add(2*time.Minute)))
	pending, err = s.PendingOnchainRevocations(ctx, 10, registryA, 10)
	require.NoError(t, err)
	require.Equal(t, []string{"0xd3"}, digests(pending))
	require.Empty(t, pending[0].TxHash)

	// A revocation found onchain by a read is marked without a batch.
	require.NoError(t, s.MarkOnchainRevoked(ctx, 10, registryA, []string{"0xd3", "0xd1"}, t0.Add(3*time.Minute)))
	got, err = s.ListOnchainRevocations(ctx, "0x03")
	require.NoError(t, err)
	require.Equal(t, storage.OnchainMined, got[0].State)
	got, err = s.ListOnchainRevocations(ctx, "0x01")
	require.NoError(t, err)
	require.True(t, got[0].MinedAt.Equal(us(t0.Add(2*time.Minute))), "an already mined row keeps its time")
}

func testChainSenderLease(t *testing.T, s storage.Store) {
	acquire := func(holder string, now time.Time) bool {
		ok, err := s.AcquireChainSender(ctx, 1, senderX, holder, now, time.Minute)
		require.NoError(t, err)
		return ok
	}
	require.True(t, acquire("a", t0))
	require.False(t, acquire("b", t0.Add(59*time.Second)), "held")
	require.True(t, acquire("a", t0.Add(30*time.Second)), "the holder renews")
	require.False(t, acquire("b", t0.Add(89*time.Second)), "renewed until t0+90s")
	ok, err := s.AcquireChainSender(ctx, 2, senderX, "b", t0, time.Minute)
	require.NoError(t, err)
	require.True(t, ok, "per chain")
	require.True(t, acquire("b", t0.Add(90*time.Second)), "expired: a crashed holder's lease is taken over")
	require.False(t, acquire("a", t0.Add(91*time.Second)))

	require.NoError(t, s.ReleaseChainSender(ctx, 1, senderX, "a"), "not the holder: nothing happens")
	require.False(t, acquire("a", t0.Add(92*time.Second)))
	require.NoError(t, s.ReleaseChainSender(ctx, 1, senderX, "b"))
	require.True(t, acquire("a", t0.Add(92*time.Second)), "released")
}

// Replicas racing for one lease: exactly one wins each round.
func testChainSenderLeaseConcurrency(t *testing.T, s storage.Store) {
	const racers = 8
	for round := range 5 {
		now := t0.Add(time.Duration(round) * time.Hour)
		var wg sync.WaitGroup
		wins := make(chan string, racers)
		for i := range racers {
			wg.Go(func() {
				holder := storage.NewID("h")
				ok, err := s.AcquireChainSender(ctx, 1, senderX, holder, now.Add(time.Duration(i)), time.Minute)
				if err == nil && ok {
					wins <- holder
				}
			})
		}
		wg.Wait()
		close(wins)
		require.Len(t, wins, 1, "round %d", round)
	}
}

func digests(rs []storage.OnchainRevocation) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Digest
	}
	return out
}

func normTimes(r storage.OnchainRevocation) storage.OnchainRevocation {
	r.CreatedAt = r.CreatedAt.UTC()
	if r.MinedAt != nil {
		m := r.MinedAt.UTC()
		r.MinedAt = &m
	}
	return r
}
