package storagetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/storage"
)

func testPersonScreenings(t *testing.T, s storage.Store) {
	sub := newSubject(t, s)
	next := t0.Add(30 * 24 * time.Hour)
	p := storage.PersonScreening{SubjectID: sub.ID, VerificationID: "ver_1", Service: "kora", Purpose: "ONBOARDING",
		State: storage.PersonPending, Person: []byte("sealed-person"), Intent: []byte("sealed-intent"), CreatedAt: t0, UpdatedAt: t0}
	require.NoError(t, s.CreatePersonScreening(ctx, &p))
	require.NotEmpty(t, p.ID)

	got, err := s.LatestPersonScreening(ctx, "ver_1")
	require.NoError(t, err)
	require.Equal(t, p.ID, got.ID)
	require.Equal(t, storage.PersonPending, got.State)
	require.Equal(t, []byte("sealed-person"), got.Person)
	require.Nil(t, got.Detail)
	_, err = s.GetPersonScreeningByVendorID(ctx, "kora", "")
	require.ErrorIs(t, err, storage.ErrNotFound, "an empty vendor id finds nothing")

	done, err := s.UpdatePersonScreening(ctx, p.ID, func(v storage.PersonScreening) (storage.PersonScreening, error) {
		v.ScreeningID, v.State, v.Outcome, v.RiskScore, v.RiskBand, v.Rules = "scr_1", storage.PersonCompleted,
			"APPROVE_WITH_MONITORING", 380, "MEDIUM", "PEP_MATCH"
		v.Detail, v.MonitorID, v.NextScreenAt, v.Attempts = []byte("sealed-matches"), "sub_1", &next, 2
		v.UpdatedAt = t0.Add(time.Minute)
		return v, nil
	})
	require.NoError(t, err)
	require.Equal(t, "scr_1", done.ScreeningID)
	byVendor, err := s.GetPersonScreeningByVendorID(ctx, "kora", "scr_1")
	require.NoError(t, err)
	require.Equal(t, p.ID, byVendor.ID)
	require.Equal(t, "APPROVE_WITH_MONITORING", byVendor.Outcome)
	require.Equal(t, 380, byVendor.RiskScore)
	require.Equal(t, []byte("sealed-matches"), byVendor.Detail)
	require.True(t, byVendor.NextScreenAt.Equal(us(next)))
	require.Equal(t, 2, byVendor.Attempts)
	mon, err := s.LatestMonitoredScreening(ctx, "kora", "sub_1")
	require.NoError(t, err)
	require.Equal(t, p.ID, mon.ID)
	_, err = s.LatestMonitoredScreening(ctx, "other", "sub_1")
	require.ErrorIs(t, err, storage.ErrNotFound)

	due, err := s.ListDueMonitoring(ctx, next.Add(-time.Second), 10)
	require.NoError(t, err)
	require.Empty(t, due, "not due before its time")
	due, err = s.ListDueMonitoring(ctx, next, 10)
	require.NoError(t, err)
	require.Len(t, due, 1)

	// A later record of the same person is newest; a superseded one is never due.
	later := storage.PersonScreening{SubjectID: sub.ID, VerificationID: "ver_1", Service: "kora", Purpose: "PERIODIC",
		State: storage.PersonCompleted, Outcome: "APPROVE", CreatedAt: t0.Add(time.Hour), UpdatedAt: t0.Add(time.Hour)}
	require.NoError(t, s.CreatePersonScreening(ctx, &later))
	got, err = s.LatestPersonScreening(ctx, "ver_1")
	require.NoError(t, err)
	require.Equal(t, later.ID, got.ID)
	_, err = s.UpdatePersonScreening(ctx, p.ID, func(v storage.PersonScreening) (storage.PersonScreening, error) {
		v.State = storage.PersonSuperseded
		return v, nil
	})
	require.NoError(t, err)
	due, err = s.ListDueMonitoring(ctx, next.Add(time.Hour), 10)
	require.NoError(t, err)
	require.Empty(t, due)
	all, err := s.ListPersonScreenings(ctx, sub.ID)
	require.NoError(t, err)
	require.Len(t, all, 2)
	require.Equal(t, later.ID, all[0].ID)

	// The subject's hold round-trips.
	held, err := s.UpdateSubject(ctx, sub.ID, func(v storage.Subject) (storage.Subject, error) {
		v.Hold = "aml_review"
		return v, nil
	})
	require.NoError(t, err)
	require.Equal(t, "aml_review", held.Hold)
	again, err := s.GetSubject(ctx, sub.ID)
	require.NoError(t, err)
	require.Equal(t, "aml_review", again.Hold)
	held, err = s.UpdateSubject(ctx, newSubject(t, s).ID, func(v storage.Subject) (storage.Subject, error) {
		v.Hold, v.Blocked = "aml_review", true
		return v, nil
	})
	require.NoError(t, err)
	list, err := s.ListHeldSubjects(ctx, 10)
	require.NoError(t, err)
	require.Len(t, list, 1, "a blocked subject is decided: not in the queue")
	require.Equal(t, sub.ID, list[0].ID)
}
