package sqlstore

import (
	"context"
	"time"

	"github.com/kycgate/kycgate/storage"
)

const personScreeningColumns = `id, subject_id, verification_id, service, screening_id, purpose, state, outcome,
risk_score, risk_band, rules, person, intent, detail, monitor_id, next_screen_at, attempts, created_at, updated_at`

func scanPersonScreening(r Row) (v storage.PersonScreening, err error) {
	err = r.Scan(&v.ID, &v.SubjectID, &v.VerificationID, &v.Service, &v.ScreeningID, &v.Purpose, &v.State, &v.Outcome,
		&v.RiskScore, &v.RiskBand, &v.Rules, &v.Person, &v.Intent, &v.Detail, &v.MonitorID, &v.NextScreenAt, &v.Attempts,
		&v.CreatedAt, &v.UpdatedAt)
	return v, err
}

// CreatePersonScreening implements storage.PersonScreeningStore.
func (s *Store) CreatePersonScreening(ctx context.Context, v *storage.PersonScreening) error {
	if v.ID == "" {
		v.ID = storage.NewID("psc")
	}
	v.CreatedAt, v.UpdatedAt = micro(v.CreatedAt), micro(v.UpdatedAt)
	v.NextScreenAt = microPtr(v.NextScreenAt)
	return s.insert(ctx, "create person screening", `INSERT INTO person_screenings (`+personScreeningColumns+`)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
		v.ID, v.SubjectID, v.VerificationID, v.Service, v.ScreeningID, v.Purpose, v.State, v.Outcome,
		v.RiskScore, v.RiskBand, v.Rules, nilIfEmpty(v.Person), nilIfEmpty(v.Intent), nilIfEmpty(v.Detail), v.MonitorID,
		v.NextScreenAt, v.Attempts, v.CreatedAt, v.UpdatedAt)
}

// GetPersonScreening implements storage.PersonScreeningStore.
func (s *Store) GetPersonScreening(ctx context.Context, id string) (storage.PersonScreening, error) {
	return one(ctx, s, s.q, "get person screening", scanPersonScreening,
		`SELECT `+personScreeningColumns+` FROM person_screenings WHERE id = $1`, id)
}

// GetPersonScreeningByVendorID implements storage.PersonScreeningStore.
func (s *Store) GetPersonScreeningByVendorID(ctx context.Context, service, screeningID string) (storage.PersonScreening, error) {
	return one(ctx, s, s.q, "get person screening by vendor id", scanPersonScreening,
		`SELECT `+personScreeningColumns+` FROM person_screenings WHERE service = $1 AND screening_id = $2 AND screening_id <> ''
ORDER BY created_at DESC, id DESC LIMIT 1`, service, screeningID)
}

// LatestPersonScreening implements storage.PersonScreeningStore.
func (s *Store) LatestPersonScreening(ctx context.Context, verificationID string) (storage.PersonScreening, error) {
	return one(ctx, s, s.q, "latest person screening", scanPersonScreening,
		`SELECT `+personScreeningColumns+` FROM person_screenings WHERE verification_id = $1 AND verification_id <> ''
ORDER BY created_at DESC, id DESC LIMIT 1`, verificationID)
}

// LatestMonitoredScreening implements storage.PersonScreeningStore.
func (s *Store) LatestMonitoredScreening(ctx context.Context, service, monitorID string) (storage.PersonScreening, error) {
	return one(ctx, s, s.q, "latest monitored screening", scanPersonScreening,
		`SELECT `+personScreeningColumns+` FROM person_screenings WHERE service = $1 AND monitor_id = $2 AND monitor_id <> ''
ORDER BY created_at DESC, id DESC LIMIT 1`, service, monitorID)
}

// UpdatePersonScreening implements storage.PersonScreeningStore.
func (s *Store) UpdatePersonScreening(ctx context.Context, id string, fn func(storage.PersonScreening) (storage.PersonScreening, error)) (storage.PersonScreening, error) {
	return update(ctx, s, "update person screening", scanPersonScreening,
		`SELECT `+personScreeningColumns+` FROM person_screenings WHERE id = $1`, id, fn,
		func(q Querier, v storage.PersonScreening) error {
			_, err := q.Exec(ctx, `UPDATE person_screenings SET screening_id = $2, state = $3, outcome = $4, risk_score = $5,
risk_band = $6, rules = $7, person = $8, intent = $9, detail = $10, monitor_id = $11, next_screen_at = $12, attempts = $13,
updated_at = $14 WHERE id = $1`,
				id, v.ScreeningID, v.State, v.Outcome, v.RiskScore, v.RiskBand, v.Rules, nilIfEmpty(v.Person), nilIfEmpty(v.Intent),
				nilIfEmpty(v.Detail), v.MonitorID, microPtr(v.NextScreenAt), v.Attempts, micro(v.UpdatedAt))
			return err
		})
}

// ListDueMonitoring implements storage.PersonScreeningStore.
func (s *Store) ListDueMonitoring(ctx context.Context, now time.Time, limit int) ([]storage.PersonScreening, error) {
	return many(ctx, s, "list due monitoring", scanPersonScreening,
		`SELECT `+personScreeningColumns+` FROM person_screenings WHERE next_screen_at IS NOT NULL AND next_screen_at <= $1
AND monitor_id <> '' AND state <> 'superseded' ORDER BY next_screen_at, id LIMIT $2`, micro(now), limit)
}

// ListPersonScreenings implements storage.PersonScreeningStore.
func (s *Store) ListPersonScreenings(ctx context.Context, subjectID string) ([]storage.PersonScreening, error) {
	return many(ctx, s, "list person screenings", scanPersonScreening,
		`SELECT `+personScreeningColumns+` FROM person_screenings WHERE subject_id = $1 ORDER BY created_at DESC, id DESC`, subjectID)
}

// ListHeldSubjects implements storage.PersonScreeningStore.
func (s *Store) ListHeldSubjects(ctx context.Context, limit int) ([]storage.Subject, error) {
	return many(ctx, s, "list held subjects", scanSubject,
		`SELECT `+subjectColumns+` FROM subjects WHERE hold <> '' AND NOT blocked ORDER BY updated_at, id LIMIT $1`, limit)
}
