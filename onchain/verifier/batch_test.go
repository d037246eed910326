package verifier_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/contracts"
	"github.com/kycgate/kycgate/onchain/verifier"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// batchBundle is a simulated chain, a store with attestations for it, and the chain as
// the publishers see it.
type batchBundle struct {
	c     *testChain
	store storage.Store
	clock *servertest.Clock
	sub   storage.Subject
	uids  []string
	// digests are the attestations' EIP-712 digests, by uid.
	digests map[string]common.Hash
}

func setupBatch(t *testing.T, store storage.Store, n int) *batchBundle {
	t.Helper()
	c := newTestChain(t)
	b := &batchBundle{c: c, store: store, clock: servertest.NewClock(time.Unix(int64(c.now(t)), 0)), digests: map[string]common.Hash{}}
	b.sub = storage.Subject{CreatedAt: b.clock.Now()}
	require.NoError(t, store.CreateSubject(t.Context(), &b.sub))
	for i := range n {
		recipient := addr(testKey(fmt.Sprint("holder ", i)))
		pkg := c.sign(t, c.attestation(t, recipient, adult), nil)
		js, err := pkg.MarshalJSON()
		require.NoError(t, err)
		uid := pkg.UID.Hex()
		require.NoError(t, store.CreateAttestation(t.Context(), &storage.Attestation{UID: uid, SubjectID: b.sub.ID,
			Recipient: recipient.Hex(), ChainID: chainID, Signer: addr(c.signer).Hex(), Package: js,
			IssuedAt: b.clock.Now(), ExpiresAt: b.clock.Now().Add(time.Hour)}))
		b.uids = append(b.uids, uid)
		b.digests[uid] = verifier.Digest(pkg)
	}
	return b
}

// publisher is a publisher for the test chain's verifier (and, with both, the mint too)
// over rpc.
func (b *batchBundle) publisher(rpc verifier.Backend, both bool) *verifier.Publisher {
	registries := []common.Address{b.c.verifier.Address()}
	if both {
		registries = append(registries, b.c.mint)
	}
	p := verifier.NewPublisher(b.store, map[uint64]verifier.Chain{chainID: {
		ChainID: chainID, Backend: rpc, Registries: registries, Key: b.c.revoker,
	}}, nil)
	p.Now = b.clock.Now
	return p
}

// pile records the revocations of uids as pending while another holder has the sender,
// so the next flush finds them all.
func (b *batchBundle) pile(t *testing.T, p *verifier.Publisher, uids []string) {
	t.Helper()
	sender := addr(b.c.revoker).Hex()
	ok, err := b.store.AcquireChainSender(t.Context(), chainID, sender, "elsewhere", b.clock.Now(), time.Minute)
	require.NoError(t, err)
	require.True(t, ok)
	for _, uid := range uids {
		require.ErrorIs(t, p.Publish(t.Context(), uid), verifier.ErrSenderBusy)
	}
	require.NoError(t, b.store.ReleaseChainSender(t.Context(), chainID, sender, "elsewhere"))
}

// revokerNonce is how many transactions the revoker has had mined.
func (b *batchBundle) revokerNonce(t *testing.T) uint64 {
	t.Helper()
	n, err := b.c.backend.NonceAt(t.Context(), addr(b.c.revoker), nil)
	require.NoError(t, err)
	return n
}

// revokedEvents counts the Revoked events of registry per digest.
func (b *batchBundle) revokedEvents(t *testing.T, registry common.Address) map[common.Hash]int {
	t.Helper()
	v := contracts.NewKYCVerifier()
	logs, err := b.c.backend.FilterLogs(t.Context(), ethereum.FilterQuery{
		Addresses: []common.Address{registry}, FromBlock: big.NewInt(0),
		Topics: [][]common.Hash{{v.GetABI().Events["Revoked"].ID}},
	})
	require.NoError(t, err)
	out := map[common.Hash]int{}
	for _, l := range logs {
		out[l.Topics[1]]++
	}
	return out
}

// requireAllRevoked checks every attestation is revoked once on each registry and
// recorded as mined.
func (b *batchBundle) requireAllRevoked(t *testing.T, registries ...common.Address) {
	t.Helper()
	for _, registry := range registries {
		events := b.revokedEvents(t, registry)
		require.Len(t, events, len(b.uids), registry.Hex())
		for _, uid := range b.uids {
			require.Equal(t, 1, events[b.digests[uid]], "one Revoked event for %s on %s", uid, registry.Hex())
		}
	}
	for _, uid := range b.uids {
		rows, err := b.store.ListOnchainRevocations(t.Context(), uid)
		require.NoError(t, err)
		require.Len(t, rows, len(registries))
		for _, r := range rows {
			require.Equal(t, storage.OnchainMined, r.State, uid)
		}
	}
}

// TestBatchRevokesInOneTransaction: N pending revocations go out in one revokeMany; the
// jobs of the others then find them done and send nothing.
func TestBatchRevokesInOneTransaction(t *testing.T) {
	t.Parallel()
	const n = 12
	b := setupBatch(t, storagetest.OpenSQLite(t), n)
	p := b.publisher(b.c.backend, false)
	b.pile(t, p, b.uids)

	require.NoError(t, p.Publish(t.Context(), b.uids[0]))
	require.EqualValues(t, 1, b.revokerNonce(t), "one transaction")
	for _, uid := range b.uids {
		require.NoError(t, p.Publish(t.Context(), uid))
	}
	require.EqualValues(t, 1, b.revokerNonce(t), "the other jobs found their revocation done")
	b.requireAllRevoked(t, b.c.verifier.Address())
	batches, err := b.store.OpenRevocationBatches(t.Context(), chainID, addr(b.c.revoker).Hex())
	require.NoError(t, err)
	require.Empty(t, batches)
}

// TestBatchSizeIsBounded: more pending revocations than BatchSize take several
// transactions, none larger than BatchSize.
func TestBatchSizeIsBounded(t *testing.T) {
	t.Parallel()
	b := setupBatch(t, storagetest.OpenSQLite(t), 7)
	p := b.publisher(b.c.backend, false)
	p.BatchSize = 3
	b.pile(t, p, b.uids)
	require.NoError(t, p.Publish(t.Context(), b.uids[6]))
	require.EqualValues(t, 3, b.revokerNonce(t), "3 + 3 + 1")
	b.requireAllRevoked(t, b.c.verifier.Address())
}

// gatedSend holds a publisher inside SendTransaction (after the transaction reached the
// chain) until the test lets it go, so another publisher can run meanwhile.
type gatedSend struct {
	autoMine
	sending chan struct{}
	proceed chan struct{}
}

func (g *gatedSend) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if err := g.autoMine.SendTransaction(ctx, tx); err != nil {
		return err
	}
	if g.sending != nil {
		close(g.sending)
		g.sending = nil
		<-g.proceed
	}
	return nil
}

// TestReplicasDoNotShareTheSender: while one replica's publisher is in the middle of
// sending, the other's does not send (it would take the same nonce); its revocation goes
// out in the first one's next batch.
func TestReplicasDoNotShareTheSender(t *testing.T) {
	t.Parallel()
	b := setupBatch(t, storagetest.OpenPostgres(t), 2)
	gate := &gatedSend{autoMine: b.c.backend, sending: make(chan struct{}), proceed: make(chan struct{})}
	first := b.publisher(gate, true)
	second := b.publisher(b.c.backend, true)

	sending := gate.sending
	done := make(chan error, 1)
	go func() { done <- first.Publish(context.Background(), b.uids[0]) }()
	<-sending
	require.ErrorIs(t, second.Publish(t.Context(), b.uids[1]), verifier.ErrSenderBusy, "the sender is the first replica's")
	close(gate.proceed)
	require.NoError(t, <-done)
	require.NoError(t, second.Publish(t.Context(), b.uids[1]), "the first replica batched it")
	require.EqualValues(t, 3, b.revokerNonce(t),
		"the verifier: the first revocation, then the second; the mint, flushed after both were pending: one batch of two")
	b.requireAllRevoked(t, b.c.verifier.Address(), b.c.mint)
}

// crashingSend fails SendTransaction like a process that dies around the send: after
// the transaction reached the chain (sent) or before (not sent).
type crashingSend struct {
	autoMine
	sent bool
}

var errCrash = errors.New("connection reset by peer")

func (c crashingSend) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if c.sent {
		if err := c.autoMine.SendTransaction(ctx, tx); err != nil {
			return err
		}
	}
	return errCrash
}

// TestCrashAroundSendIsReconciled: a batch whose send failed (it may or may not have
// reached the chain) is settled by the next flush of another replica: from its receipt
// when it was mined, by sending the same signed transaction again when it was not. No
// revocation is sent twice or lost, and no second nonce is used.
func TestCrashAroundSendIsReconciled(t *testing.T) {
	t.Parallel()
	for name, sent := range map[string]bool{"after send": true, "before send": false} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := setupBatch(t, storagetest.OpenSQLite(t), 5)
			crashy := b.publisher(crashingSend{autoMine: b.c.backend, sent: sent}, false)
			healthy := b.publisher(b.c.backend, false)
			b.pile(t, healthy, b.uids)

			require.ErrorIs(t, crashy.Publish(t.Context(), b.uids[0]), errCrash)
			want := uint64(0)
			if sent {
				want = 1
			}
			require.Equal(t, want, b.revokerNonce(t))
			open, err := b.store.OpenRevocationBatches(t.Context(), chainID, addr(b.c.revoker).Hex())
			require.NoError(t, err)
			require.Len(t, open, 1, "recorded before the send")
			require.Equal(t, 5, open[0].Size)

			for _, uid := range b.uids {
				require.NoError(t, healthy.Publish(t.Context(), uid))
			}
			require.EqualValues(t, 1, b.revokerNonce(t), "the recorded transaction, once")
			b.requireAllRevoked(t, b.c.verifier.Address())
		})
	}
}

// TestCrashedSenderLeaseExpires: a replica that died holding the sender blocks the
// others only until its lease runs out.
func TestCrashedSenderLeaseExpires(t *testing.T) {
	t.Parallel()
	b := setupBatch(t, storagetest.OpenSQLite(t), 1)
	p := b.publisher(b.c.backend, false)
	ok, err := b.store.AcquireChainSender(t.Context(), chainID, addr(b.c.revoker).Hex(), "dead replica", b.clock.Now(), p.LeaseTTL)
	require.NoError(t, err)
	require.True(t, ok)
	require.ErrorIs(t, p.Publish(t.Context(), b.uids[0]), verifier.ErrSenderBusy)
	b.clock.Add(p.LeaseTTL)
	require.NoError(t, p.Publish(t.Context(), b.uids[0]))
	b.requireAllRevoked(t, b.c.verifier.Address())
}

// TestReplacedBatchGoesBackToPending: a recorded batch whose nonce another transaction
// used can never be mined; the registry's revokedAt says what is there, the rest is
// sent again.
func TestReplacedBatchGoesBackToPending(t *testing.T) {
	t.Parallel()
	b := setupBatch(t, storagetest.OpenSQLite(t), 3)
	crashy := b.publisher(crashingSend{autoMine: b.c.backend, sent: false}, false)
	healthy := b.publisher(b.c.backend, false)
	b.pile(t, healthy, b.uids)
	require.ErrorIs(t, crashy.Publish(t.Context(), b.uids[0]), errCrash)
	// The revoker's nonce is used meanwhile by another transaction, which also revokes
	// one of the batch's attestations.
	_, err := b.c.verifier.Revoke(opts(b.c.revoker), b.digests[b.uids[1]])
	require.NoError(t, err)

	require.NoError(t, healthy.Publish(t.Context(), b.uids[2]))
	require.EqualValues(t, 2, b.revokerNonce(t), "the other transaction, then a batch of the two left")
	b.requireAllRevoked(t, b.c.verifier.Address())
}
