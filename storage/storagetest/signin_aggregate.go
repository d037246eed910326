package storagetest

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

func newSignIn(nonce, address string, token string) storage.SignIn {
	return storage.SignIn{Nonce: nonce, Session: storage.Session{TokenHash: []byte(token), Address: address, ChainID: 8453,
		CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}}
}

func testSignIn(t *testing.T, s storage.Store) {
	const addr = "0xAA00000000000000000000000000000000000001"
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "s1", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}))
	first := newSignIn("s1", addr, "tok1")
	require.NoError(t, s.SignIn(ctx, &first))
	require.True(t, first.SubjectCreated, "the first sign-in of an address creates its subject")
	require.NotEmpty(t, first.Session.ID)
	require.NotEmpty(t, first.Session.SubjectID)

	ses, err := s.GetSessionByTokenHash(ctx, []byte("tok1"), t0)
	require.NoError(t, err)
	require.Equal(t, first.Session.ID, ses.ID)
	require.Equal(t, first.Session.SubjectID, ses.SubjectID)
	require.Equal(t, "0xaa00000000000000000000000000000000000001", ses.Address)
	require.EqualValues(t, 8453, ses.ChainID)
	require.Equal(t, us(t0), ses.CreatedAt)
	require.Equal(t, us(t0.Add(time.Hour)), ses.ExpiresAt)
	w, err := s.GetWallet(ctx, addr)
	require.NoError(t, err)
	require.Equal(t, first.Session.SubjectID, w.SubjectID)
	require.Equal(t, us(t0), w.LinkedAt)
	sub, err := s.GetSubject(ctx, w.SubjectID)
	require.NoError(t, err)
	require.Equal(t, us(t0), sub.CreatedAt)
	require.Equal(t, us(t0), sub.UpdatedAt)
	require.Zero(t, sub.ApprovedLevel)
	require.False(t, sub.Blocked)
	audit, err := s.ListAudit(ctx, "subject", w.SubjectID)
	require.NoError(t, err)
	require.Len(t, audit, 1)
	require.Equal(t, "subject.created", audit[0].Action)
	require.Equal(t, "wallet:0xaa00000000000000000000000000000000000001", audit[0].Actor)
	require.Equal(t, "{}", audit[0].Detail)

	// The nonce is gone: replaying it writes nothing.
	replay := newSignIn("s1", addr, "tok-replay")
	require.ErrorIs(t, s.SignIn(ctx, &replay), storage.ErrNotFound)
	_, err = s.GetSessionByTokenHash(ctx, []byte("tok-replay"), t0)
	require.ErrorIs(t, err, storage.ErrNotFound)

	// A second sign-in of the address reuses its subject.
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "s2", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}))
	second := newSignIn("s2", addr, "tok2")
	require.NoError(t, s.SignIn(ctx, &second))
	require.False(t, second.SubjectCreated)
	require.Equal(t, first.Session.SubjectID, second.Session.SubjectID)
	audit, err = s.ListAudit(ctx, "subject", w.SubjectID)
	require.NoError(t, err)
	require.Len(t, audit, 1, "no second subject.created")

	// An expired nonce signs nothing in, and an unknown one neither.
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "s3", CreatedAt: t0, ExpiresAt: t0}))
	expired := newSignIn("s3", "0xBB00000000000000000000000000000000000002", "tok3")
	require.ErrorIs(t, s.SignIn(ctx, &expired), storage.ErrNotFound)
	_, err = s.GetWallet(ctx, "0xBB00000000000000000000000000000000000002")
	require.ErrorIs(t, err, storage.ErrNotFound, "no subject for a refused sign-in")
	unknown := newSignIn("never-issued", "0xBB00000000000000000000000000000000000002", "tok4")
	require.ErrorIs(t, s.SignIn(ctx, &unknown), storage.ErrNotFound)

	// A failed sign-in leaves its nonce: a token hash already in use fails the whole unit.
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "s5", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}))
	dup := newSignIn("s5", "0xCC00000000000000000000000000000000000003", "tok1")
	require.ErrorIs(t, s.SignIn(ctx, &dup), storage.ErrConflict)
	_, err = s.GetWallet(ctx, "0xCC00000000000000000000000000000000000003")
	require.ErrorIs(t, err, storage.ErrNotFound, "the new subject and wallet were rolled back")
	ok := newSignIn("s5", "0xCC00000000000000000000000000000000000003", "tok5")
	require.NoError(t, s.SignIn(ctx, &ok), "the nonce survived the failed attempt")
}

// testSignInConcurrency: one nonce, many concurrent sign-ins: exactly one session; and
// many first sign-ins of one address with their own nonces: one subject, each either
// signed in or asked to retry (ErrConflict), and every retry signs in to that subject.
func testSignInConcurrency(t *testing.T, s storage.Store) {
	for round := range 5 {
		value := fmt.Sprintf("race-%d", round)
		require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: value, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
		var wins, losses atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range 8 {
			wg.Go(func() {
				<-start
				in := newSignIn(value, "0xAA00000000000000000000000000000000000001", fmt.Sprintf("t%d-%d", round, i))
				err := s.SignIn(ctx, &in)
				switch {
				case err == nil:
					wins.Add(1)
				case errors.Is(err, storage.ErrNotFound):
					losses.Add(1)
				default:
					t.Errorf("sign in: unexpected error %v", err)
				}
			})
		}
		close(start)
		wg.Wait()
		require.EqualValues(t, 1, wins.Load(), "exactly one sign-in per nonce")
		require.EqualValues(t, 7, losses.Load())
	}

	const addr = "0xDD00000000000000000000000000000000000004"
	subjects := make([]string, 6)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range subjects {
		value := fmt.Sprintf("first-%d", i)
		require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: value, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
		wg.Go(func() {
			<-start
			in := newSignIn(value, addr, "first-"+value)
			err := s.SignIn(ctx, &in)
			if errors.Is(err, storage.ErrConflict) {
				in.Session.ID = ""
				err = s.SignIn(ctx, &in)
			}
			if err != nil {
				t.Errorf("sign in %d: %v", i, err)
				return
			}
			subjects[i] = in.Session.SubjectID
		})
	}
	close(start)
	wg.Wait()
	w, err := s.GetWallet(ctx, addr)
	require.NoError(t, err)
	for i, sub := range subjects {
		require.Equal(t, w.SubjectID, sub, "sign-in %d", i)
	}
}

// testSignInJob: a first sign-in inserts its job (storage.Job) as one River row, with
// River's insert notification when asked; a returning sign-in, a replayed nonce and a
// failed sign-in insert none.
func testSignInJob(t *testing.T, s storage.Store) {
	job := func() *storage.Job {
		return &storage.Job{Kind: "storagetest.first", Args: []byte(`{"address":"0xaa","chainId":8453}`), Queue: "default",
			Priority: 2, MaxAttempts: 10, At: &t0, NotifyTopic: "river_insert", NotifyPayload: `{"queue": "default"}`}
	}
	riverNotifications := listenRiver(t, s)
	const addr = "0xAA00000000000000000000000000000000000001"
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "j1", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}))
	first := newSignIn("j1", addr, "tok1")
	first.Job = job()
	require.NoError(t, s.SignIn(ctx, &first))
	require.True(t, first.SubjectCreated)
	rows := riverJobs(t, s)
	require.Equal(t, []riverJob{{Kind: "storagetest.first", Args: `{"address":"0xaa","chainId":8453}`, Queue: "default",
		Priority: 2, MaxAttempts: 10, State: "available", At: "2026-03-04 04:06:07.891", Metadata: "{}", Tags: "[]"}}, rows,
		"the first sign-in's job, as River writes it")
	require.Equal(t, 1, riverNotifications(), "with River's insert notification")

	// Returning, replayed and failed sign-ins insert nothing.
	replay := newSignIn("j1", addr, "tok-replay")
	replay.Job = job()
	require.ErrorIs(t, s.SignIn(ctx, &replay), storage.ErrNotFound)
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "j2", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}))
	again := newSignIn("j2", addr, "tok2")
	again.Job = job()
	require.NoError(t, s.SignIn(ctx, &again))
	require.False(t, again.SubjectCreated)
	used := newSignIn("j2", "0xBB00000000000000000000000000000000000002", "tok3")
	used.Job = job()
	require.ErrorIs(t, s.SignIn(ctx, &used), storage.ErrNotFound, "a used nonce")
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "j3", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}))
	dup := newSignIn("j3", "0xCC00000000000000000000000000000000000003", "tok1")
	dup.Job = job()
	require.ErrorIs(t, s.SignIn(ctx, &dup), storage.ErrConflict, "a token hash in use fails the whole unit")
	require.Len(t, riverJobs(t, s), 1, "no job but the first sign-in's")
	require.Equal(t, 1, riverNotifications())

	// Without a time the database's clock stamps it; without a topic nothing is notified.
	noTopic := job()
	noTopic.At, noTopic.NotifyTopic = nil, ""
	ok := newSignIn("j3", "0xCC00000000000000000000000000000000000003", "tok4")
	ok.Job = noTopic
	require.NoError(t, s.SignIn(ctx, &ok))
	rows = riverJobs(t, s)
	require.Len(t, rows, 2)
	require.NotEqual(t, rows[0].At, rows[1].At)
	require.Equal(t, 1, riverNotifications())

	// A job the database refuses (River's priority_in_range check) fails the whole sign-in:
	// no subject, wallet, session or job, and the nonce is still there for a retry.
	const newAddr = "0xDD00000000000000000000000000000000000004"
	require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "j4", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}))
	refused := newSignIn("j4", newAddr, "tok5")
	refused.Job = job()
	refused.Job.Priority = 5
	require.Error(t, s.SignIn(ctx, &refused))
	_, err := s.GetWallet(ctx, newAddr)
	require.ErrorIs(t, err, storage.ErrNotFound, "no subject without its job")
	require.Len(t, riverJobs(t, s), 2)
	retry := newSignIn("j4", newAddr, "tok5")
	retry.Job = job()
	require.NoError(t, s.SignIn(ctx, &retry), "the nonce was not consumed")
	require.True(t, retry.SubjectCreated)
	require.Len(t, riverJobs(t, s), 3)

	// A job malformed in itself is refused before anything is written, returning sign-ins
	// included, on both stores alike.
	for _, bad := range []func(*storage.Job){
		func(j *storage.Job) { j.Kind = "" },
		func(j *storage.Job) { j.Args = []byte(`{"address":`) },
		func(j *storage.Job) { j.Args = []byte(`[1]`) },
		func(j *storage.Job) { j.Queue = "" },
		func(j *storage.Job) { j.MaxAttempts = 0 },
		func(j *storage.Job) { j.MaxAttempts = 1 << 16 },
	} {
		require.NoError(t, s.CreateNonce(ctx, storage.Nonce{Value: "j5", CreatedAt: t0, ExpiresAt: t0.Add(time.Minute)}))
		in := newSignIn("j5", addr, "tok6")
		in.Job = job()
		bad(in.Job)
		require.Error(t, s.SignIn(ctx, &in), "%+v", in.Job)
		require.NoError(t, s.ConsumeNonce(ctx, "j5", t0), "the nonce was not consumed")
	}
	require.Len(t, riverJobs(t, s), 3)
}
