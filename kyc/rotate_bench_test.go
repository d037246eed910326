package kyc_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// rotationBenchValues is how many sealed dates of birth the rotation benchmarks hold.
const rotationBenchValues = 2000

// rotationBench seeds a SQLite store with rotationBenchValues subjects whose dates of
// birth are sealed under a, and returns it with the sealers that rotate a→b and b→a.
func rotationBench(b *testing.B) (storage.Store, [2]*pii.Sealer) {
	ctx := context.Background()
	store := storagetest.OpenSQLite(b)
	ka, err := pii.ParseKey(pii.GenerateKey())
	require.NoError(b, err)
	kb, err := pii.ParseKey(pii.GenerateKey())
	require.NoError(b, err)
	sa, err := pii.NewSealer(ka)
	require.NoError(b, err)
	ab, err := pii.NewSealer(kb, ka)
	require.NoError(b, err)
	ba, err := pii.NewSealer(ka, kb)
	require.NoError(b, err)
	require.NoError(b, store.InTx(ctx, func(tx storage.Store) error {
		for range rotationBenchValues {
			sub := storage.Subject{}
			if err := tx.CreateSubject(ctx, &sub); err != nil {
				return err
			}
			box, err := sa.Seal([]byte("1990-04-17"), "subject:"+sub.ID+":birth_date")
			if err != nil {
				return err
			}
			if _, err := tx.UpdateSubject(ctx, sub.ID, func(s storage.Subject) (storage.Subject, error) {
				s.BirthDate = box
				return s, nil
			}); err != nil {
				return err
			}
		}
		return nil
	}))
	return store, [2]*pii.Sealer{ab, ba}
}

// BenchmarkRotationReseal re-seals every value once per iteration (alternating the
// primary key), in batches of kyc.RotateBatch.
func BenchmarkRotationReseal(b *testing.B) {
	store, sealers := rotationBench(b)
	i := 0
	for b.Loop() {
		res, err := kyc.NewRotation(store, sealers[i%2], nil, nil).Run(context.Background(), kyc.RotateBatch)
		if err != nil || res.Resealed != rotationBenchValues {
			b.Fatal(err, res.Resealed)
		}
		i++
	}
	b.ReportMetric(float64(rotationBenchValues)*float64(b.N)/b.Elapsed().Seconds(), "values/s")
}

// BenchmarkRotationNothingLeft is the baseline: a run that finds every value under the
// primary key already (what the hourly job costs once a rotation has finished).
func BenchmarkRotationNothingLeft(b *testing.B) {
	store, sealers := rotationBench(b)
	_, err := kyc.NewRotation(store, sealers[0], nil, nil).Run(context.Background(), kyc.RotateBatch)
	require.NoError(b, err)
	for b.Loop() {
		res, err := kyc.NewRotation(store, sealers[0], nil, nil).Run(context.Background(), kyc.RotateBatch)
		if err != nil || res.Resealed != 0 {
			b.Fatal(err, res.Resealed)
		}
	}
}
