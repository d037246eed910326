package queue_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/sqlite"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// TestJobIsTheRowRiverInserts: the same args inserted by River's InsertTx and, described
// by Queue.Job, by a store's first sign-in give the same river_job row (River's SQLite
// insert adds its unique-insert nonce to the metadata), and River works both.
func TestJobIsTheRowRiverInserts(t *testing.T) {
	t.Parallel()
	for name, open := range backends {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, open)
			opts := &river.InsertOpts{Priority: 2}
			var riverID int64
			require.NoError(t, b.store.InTx(t.Context(), func(tx storage.Store) error {
				var err error
				riverID, err = queue.InsertTx(t.Context(), tx, testArgs{Name: "x"}, opts)
				return err
			}))
			job, err := b.q.Job(testArgs{Name: "x"}, opts)
			require.NoError(t, err)
			now := b.clock.Now()
			require.NoError(t, b.store.CreateNonce(t.Context(), storage.Nonce{Value: "n", CreatedAt: now, ExpiresAt: now.Add(time.Minute)}))
			in := storage.SignIn{Nonce: "n", Job: &job, Session: storage.Session{TokenHash: []byte("t"),
				Address: "0xaa00000000000000000000000000000000000001", ChainID: 1, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}}
			require.NoError(t, b.store.SignIn(t.Context(), &in))
			require.True(t, in.SubjectCreated)

			jobs, err := b.q.Jobs(t.Context())
			require.NoError(t, err)
			var theirs, ours *rivertype.JobRow
			for _, j := range jobs {
				switch {
				case j.ID == riverID:
					theirs = j
				case j.Kind == "test.kind":
					ours = j
				}
			}
			require.NotNil(t, theirs)
			require.NotNil(t, ours, "the sign-in's row")
			require.JSONEq(t, string(theirs.EncodedArgs), string(ours.EncodedArgs))
			require.JSONEq(t, "{}", string(ours.Metadata))
			var meta map[string]any
			require.NoError(t, json.Unmarshal(theirs.Metadata, &meta))
			delete(meta, "river:unique_nonce")
			require.Empty(t, meta)
			ours.ID, ours.EncodedArgs, ours.Metadata = theirs.ID, theirs.EncodedArgs, theirs.Metadata
			require.Equal(t, theirs, ours)
			require.Equal(t, 2, ours.Priority)
			require.Equal(t, queue.MaxAttempts, ours.MaxAttempts, "the queue's max attempts, not the table's 25")
			require.Equal(t, rivertype.JobStateAvailable, ours.State)
			require.Equal(t, now, ours.ScheduledAt, "on the queue's (stubbed) clock")

			require.Equal(t, 2, b.run(t), "River works both rows")
			require.EqualValues(t, 2, b.worker.calls.Load())
		})
	}
}

// TestJobNotifiesOncePerCooldown: a described job carries River's insert notification
// until one is inserted; then the queue's next ones within the fetch cooldown go
// without. Options a plain row cannot express are refused.
func TestJobNotifiesOncePerCooldown(t *testing.T) {
	t.Parallel()
	b := setup(t, backends["sqlite"])
	first, err := b.q.Job(testArgs{Name: "a"}, nil)
	require.NoError(t, err)
	require.Equal(t, "river_insert", first.NotifyTopic)
	require.Equal(t, `{"queue": "default"}`, first.NotifyPayload)
	require.Equal(t, storage.Job{Kind: "test.kind", Args: []byte(`{"name":"a"}`), Queue: "default", Priority: 1,
		MaxAttempts: queue.MaxAttempts, At: first.At, NotifyTopic: first.NotifyTopic, NotifyPayload: first.NotifyPayload}, first)
	again, err := b.q.Job(testArgs{Name: "b"}, nil)
	require.NoError(t, err)
	require.NotEmpty(t, again.NotifyTopic, "a described job that was not inserted holds nothing back")
	b.q.JobInserted(first)
	after, err := b.q.Job(testArgs{Name: "c"}, nil)
	require.NoError(t, err)
	require.Empty(t, after.NotifyTopic, "one notification per fetch cooldown")
	b.clock.Add(time.Second) // past the cooldown, on the queue's clock
	later, err := b.q.Job(testArgs{Name: "e"}, nil)
	require.NoError(t, err)
	require.Equal(t, "river_insert", later.NotifyTopic, "the next cooldown notifies again")
	other, err := b.q.Job(testArgs{Name: "d"}, &river.InsertOpts{Queue: "other"})
	require.NoError(t, err)
	require.Equal(t, `{"queue": "other"}`, other.NotifyPayload, "paced per queue")

	for _, opts := range []*river.InsertOpts{
		{UniqueOpts: river.UniqueOpts{ByArgs: true}}, {ScheduledAt: b.clock.Now().Add(time.Hour)}, {Pending: true},
		{Tags: []string{"x"}}, {Metadata: []byte(`{"a":1}`)}, {Priority: 5},
	} {
		_, err := b.q.Job(testArgs{}, opts)
		require.Error(t, err, "%+v", opts)
	}
}

// BenchmarkFirstSignInJob measures a new wallet's sign-in with its first-screening job,
// from 4 × GOMAXPROCS goroutines, two ways in one run: "two-units" is the storage SignIn
// followed by a transaction that inserts the job with River's InsertTx (the path before
// storage.SignIn took a Job), "one-unit" the SignIn carrying the Job that Queue.Job
// describes. SQLite is a file database (WAL, synchronous=NORMAL); compare ns/op.
//
//	KYCGATE_REQUIRE_POSTGRES=1 go test ./queue -run '^$' -bench FirstSignInJob
func BenchmarkFirstSignInJob(b *testing.B) {
	for _, db := range []struct {
		name string
		open func(b *testing.B) storage.Store
	}{
		{"sqlite", func(b *testing.B) storage.Store {
			st, err := sqlite.OpenMigrated(b.Context(), b.TempDir()+"/k.db")
			require.NoError(b, err)
			b.Cleanup(func() { st.Close() })
			return st
		}},
		{"postgres", func(b *testing.B) storage.Store { return storagetest.OpenPostgres(b) }},
	} {
		for _, oneUnit := range []bool{false, true} {
			b.Run(db.name+"/"+map[bool]string{false: "two-units", true: "one-unit"}[oneUnit], func(b *testing.B) {
				st := db.open(b)
				q, err := queue.New(st, queue.Config{})
				require.NoError(b, err)
				require.NoError(b, q.Build())
				benchFirstSignIns(b, st, q, oneUnit)
			})
		}
	}
}

func benchFirstSignIns(b *testing.B, st storage.Store, q *queue.Queue, oneUnit bool) {
	var n atomic.Int64
	now := time.Now()
	b.SetParallelism(4)
	b.RunParallel(func(pb *testing.PB) {
		ctx := context.Background()
		for pb.Next() {
			i := n.Add(1)
			nonce := fmt.Sprintf("n%d", i)
			if err := st.CreateNonce(ctx, storage.Nonce{Value: nonce, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
				b.Error(err)
				return
			}
			args := testArgs{Name: fmt.Sprintf("0x%040x", i)}
			in := storage.SignIn{Nonce: nonce, Session: storage.Session{TokenHash: []byte(nonce),
				Address: args.Name, ChainID: 1, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}}
			if oneUnit {
				job, err := q.Job(args, &river.InsertOpts{Priority: 2})
				if err != nil {
					b.Error(err)
					return
				}
				in.Job = &job
			}
			if err := st.SignIn(ctx, &in); err != nil {
				b.Error(err)
				return
			}
			if oneUnit {
				q.JobInserted(*in.Job)
				continue
			}
			if err := st.InTx(ctx, func(tx storage.Store) error {
				_, err := q.InsertTx(ctx, tx, args, &river.InsertOpts{Priority: 2})
				return err
			}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
