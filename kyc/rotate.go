package kyc

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
)

// Key rotation that finishes (README, "Rotating the data key"): after KYCGATE_DATA_KEY
// changes, with the old key in KYCGATE_OLD_DATA_KEYS, the rotation job re-seals every
// value of every sealed column (storage.SealedColumns) under the new key, batch by
// batch, keeping its place in the database (reseal cursors) so a restart resumes. Once
// `kycgate keys status` shows no value under an old key, KYCGATE_OLD_DATA_KEYS can be
// emptied.
const (
	// RotateEvery is how often the rotation job runs (it does nothing when every value
	// is under the primary key).
	RotateEvery = time.Hour
	// RotateBatch is how many values one step re-seals (and commits its cursor after).
	RotateBatch = 200
	auditColumn = "audit_log.detail"
)

// CountSealed counts the sealed values in the database per key id (8 hex digits), over
// every sealed column: each note inside an audit entry counts as one value. It reads the
// database only (no key needed): `kycgate keys status` prints it.
func CountSealed(ctx context.Context, st storage.Store) (map[string]int64, error) {
	out := map[string]int64{}
	for _, column := range storage.SealedColumns {
		if column == auditColumn {
			continue
		}
		counts, err := st.CountSealed(ctx, column)
		if err != nil {
			return nil, err
		}
		for id, n := range counts {
			out[id] += n
		}
	}
	after := ""
	for {
		page, err := st.ListSealed(ctx, auditColumn, after, nil, 1000)
		if err != nil {
			return nil, err
		}
		for _, v := range page {
			notes, err := sealedNotes(v.Value)
			if err != nil {
				return nil, fmt.Errorf("kyc: audit entry %s: %w", v.Key, err)
			}
			for _, box := range notes {
				out[pii.KeyIDOf(box)]++
			}
		}
		if len(page) < 1000 {
			return out, nil
		}
		after = page[len(page)-1].Key
	}
}

// sealedNotes decodes the sealed notes of an audit entry's detail (field → sealed box).
func sealedNotes(detail []byte) (map[string][]byte, error) {
	var d struct {
		Sealed map[string]string `json:"sealed"`
	}
	if err := json.Unmarshal(detail, &d); err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(d.Sealed))
	for field, b64 := range d.Sealed {
		box, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			return nil, err
		}
		out[field] = box
	}
	return out, nil
}

// Rotation re-seals values sealed under old keys with the primary key.
type Rotation struct {
	store  storage.Store
	sealer *pii.Sealer
	log    *slog.Logger
	left   *prometheus.GaugeVec
}

// NewRotation returns the rotation of store's sealed values under sealer's primary key.
// reg, when not nil, gets the gauge kycgate_sealed_values{key_id}: the values sealed
// under each key id, as of the last run (ids other than the primary's are what is left
// to re-seal).
func NewRotation(store storage.Store, sealer *pii.Sealer, reg prometheus.Registerer, log *slog.Logger) *Rotation {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &Rotation{store: store, sealer: sealer, log: log, left: prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: "kycgate", Name: "sealed_values",
		Help: "Values sealed at rest per data key id, as of the last key-rotation run; ids other than the primary key's are left to re-seal.",
	}, []string{"key_id"})}
	if reg != nil {
		reg.MustRegister(r.left)
	}
	return r
}

// RotationResult is what a rotation run did and what is left.
type RotationResult struct {
	Resealed int
	// Counts are the sealed values per key id after the run.
	Counts map[string]int64
}

// Old sums the counts of keys other than the primary.
func (r RotationResult) Old(primary string) int64 {
	var n int64
	for id, c := range r.Counts {
		if id != primary {
			n += c
		}
	}
	return n
}

// Run re-seals every value under an old key, column by column, batch values at a
// time; each batch is written with its cursor, so an interrupted run resumes where it
// stopped, and passes repeat until one finds nothing left. It then refreshes the gauge.
// A value a writer replaced meanwhile is skipped (it was written under the primary key).
func (r *Rotation) Run(ctx context.Context, batch int) (RotationResult, error) {
	var out RotationResult
	// Passes over every column until one re-seals nothing: a pass resumed from a saved
	// cursor, or one that lost a compare-and-swap, may have left values behind it.
	for {
		pass := 0
		for _, column := range storage.SealedColumns {
			for {
				n, done, err := r.step(ctx, column, batch)
				pass += n
				if err != nil {
					return out, fmt.Errorf("kyc: re-seal %s: %w", column, err)
				}
				if done {
					break
				}
			}
		}
		out.Resealed += pass
		if pass == 0 {
			break
		}
	}
	counts, err := CountSealed(ctx, r.store)
	if err != nil {
		return out, err
	}
	out.Counts = counts
	r.left.Reset()
	for _, id := range slices.Sorted(maps.Keys(counts)) {
		r.left.WithLabelValues(id).Set(float64(counts[id]))
	}
	return out, nil
}

// step re-seals one batch of a column from its cursor; done when the column is through
// (its cursor is then reset for the next rotation).
func (r *Rotation) step(ctx context.Context, column string, batch int) (int, bool, error) {
	resealed := 0
	err := r.store.InTx(ctx, func(tx storage.Store) error {
		after, err := tx.GetResealCursor(ctx, column)
		if err != nil {
			return err
		}
		page, err := tx.ListSealed(ctx, column, after, r.sealer.PrimaryKeyID(), batch)
		if err != nil {
			return err
		}
		for _, v := range page {
			next, changed, err := r.reseal(column, v)
			if err != nil {
				return fmt.Errorf("%s: %w", v.Key, err)
			}
			if !changed {
				continue
			}
			if err := tx.ReplaceSealed(ctx, column, v.Key, v.Value, next); errors.Is(err, storage.ErrConflict) {
				continue
			} else if err != nil {
				return err
			}
			resealed++
		}
		if len(page) < batch {
			return tx.SetResealCursor(ctx, column, "")
		}
		return tx.SetResealCursor(ctx, column, page[len(page)-1].Key)
	})
	if err != nil {
		return 0, false, err
	}
	after, err := r.store.GetResealCursor(ctx, column)
	return resealed, after == "", err
}

// reseal returns a value sealed again under the primary key: the bytes themselves, or
// for an audit entry its detail with every note re-sealed.
func (r *Rotation) reseal(column string, v storage.SealedValue) ([]byte, bool, error) {
	if column != auditColumn {
		return r.sealer.Reseal(v.Value, v.Label)
	}
	var detail map[string]json.RawMessage
	if err := json.Unmarshal(v.Value, &detail); err != nil {
		return nil, false, err
	}
	notes, err := sealedNotes(v.Value)
	if err != nil {
		return nil, false, err
	}
	sealed := map[string]string{}
	changed := false
	for field, box := range notes {
		next, c, err := r.sealer.Reseal(box, v.Label+field)
		if err != nil {
			return nil, false, err
		}
		changed = changed || c
		sealed[field] = base64.StdEncoding.EncodeToString(next)
	}
	if !changed {
		return v.Value, false, nil
	}
	raw, err := json.Marshal(sealed)
	if err != nil {
		return nil, false, err
	}
	detail[SealedDetail] = raw
	out, err := json.Marshal(detail)
	return out, true, err
}

// RotateArgs is the periodic River job (RotateEvery) that runs the rotation.
type RotateArgs struct{}

// Kind implements river.JobArgs.
func (RotateArgs) Kind() string { return "kyc.rotate_data_key" }

type rotateWorker struct {
	river.WorkerDefaults[RotateArgs]
	r *Rotation
}

func (w *rotateWorker) Work(ctx context.Context, _ *river.Job[RotateArgs]) error {
	res, err := w.r.Run(ctx, RotateBatch)
	if err != nil {
		return err
	}
	if res.Resealed > 0 {
		w.r.log.InfoContext(ctx, "re-sealed values under the current data key", "resealed", res.Resealed,
			"leftUnderOldKeys", res.Old(w.r.sealer.KeyID()))
	}
	return nil
}

// Jobs registers the rotation worker and its periodic run with q.
func (r *Rotation) Jobs(q *queue.Queue) {
	river.AddWorker(q.Workers(), &rotateWorker{r: r})
	q.AddPeriodic(RotateEvery, func() river.JobArgs { return RotateArgs{} })
}
