package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kycgate/kycgate/storage"
)

const verificationColumns = `id, subject_id, tenant_id, mode, provider, provider_ref, level, status, reject_type,
flow_token_hash, data, created_at, updated_at, return_url`

func scanVerification(r Row) (v Verification, err error) {
	err = r.Scan(&v.ID, &v.SubjectID, &v.TenantID, &v.Mode, &v.Provider, &v.ProviderRef, &v.Level, &v.Status,
		&v.RejectType, &v.FlowTokenHash, &v.Data, &v.CreatedAt, &v.UpdatedAt, &v.ReturnURL)
	return v, err
}

// CreateVerification implements storage.VerificationStore.
func (s *Store) CreateVerification(ctx context.Context, v *Verification) error {
	if v.ID == "" {
		v.ID = storage.NewID("ver")
	}
	if v.Status == "" {
		v.Status = storage.StatusCreated
	}
	v.CreatedAt = micro(v.CreatedAt)
	if v.UpdatedAt.IsZero() {
		v.UpdatedAt = v.CreatedAt
	}
	v.UpdatedAt = micro(v.UpdatedAt)
	return s.insert(ctx, "create verification", `INSERT INTO verifications (`+verificationColumns+`)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		v.ID, v.SubjectID, v.TenantID, v.Mode, v.Provider, v.ProviderRef, v.Level, v.Status, v.RejectType,
		nilIfEmpty(v.FlowTokenHash), v.Data, v.CreatedAt, v.UpdatedAt, v.ReturnURL)
}

// GetVerification implements storage.VerificationStore.
func (s *Store) GetVerification(ctx context.Context, id string) (Verification, error) {
	return one(ctx, s, s.q, "get verification", scanVerification, `SELECT `+verificationColumns+` FROM verifications WHERE id = $1`, id)
}

// GetVerificationByFlowToken implements storage.VerificationStore.
func (s *Store) GetVerificationByFlowToken(ctx context.Context, hash []byte) (Verification, error) {
	return one(ctx, s, s.q, "get verification by flow token", scanVerification,
		`SELECT `+verificationColumns+` FROM verifications WHERE flow_token_hash = $1`, hash)
}

// GetVerificationByProviderRef implements storage.VerificationStore.
func (s *Store) GetVerificationByProviderRef(ctx context.Context, provider, ref string) (Verification, error) {
	if ref == "" {
		return Verification{}, fmt.Errorf("get verification by provider ref: %w", storage.ErrNotFound)
	}
	return one(ctx, s, s.q, "get verification by provider ref", scanVerification,
		`SELECT `+verificationColumns+` FROM verifications WHERE provider = $1 AND provider_ref = $2`, provider, ref)
}

// UpdateVerification implements storage.VerificationStore.
func (s *Store) UpdateVerification(ctx context.Context, id string, fn func(Verification) (Verification, error)) (Verification, error) {
	return update(ctx, s, "update verification", scanVerification,
		`SELECT `+verificationColumns+` FROM verifications WHERE id = $1`, id, fn,
		func(q Querier, v Verification) error {
			_, err := q.Exec(ctx, `UPDATE verifications SET tenant_id = $2, provider_ref = $3, level = $4, status = $5,
reject_type = $6, flow_token_hash = $7, data = $8, updated_at = $9, return_url = $10, next_poll_at = NULL WHERE id = $1`,
				id, v.TenantID, v.ProviderRef, v.Level, v.Status, v.RejectType, nilIfEmpty(v.FlowTokenHash), v.Data, micro(v.UpdatedAt),
				v.ReturnURL)
			return err
		})
}

// SetVerificationStatus implements storage.VerificationStore.
func (s *Store) SetVerificationStatus(ctx context.Context, id string, from, to storage.VerificationStatus, at time.Time) error {
	return s.tx(ctx, func(q Querier) error {
		n, err := q.Exec(ctx, `UPDATE verifications SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2`,
			id, from, to, micro(at))
		if err != nil {
			return fmt.Errorf("set verification status: %w", s.d.MapError(err))
		}
		if n == 1 {
			return nil
		}
		var current string
		if err := q.QueryRow(ctx, `SELECT status FROM verifications WHERE id = $1`, id).Scan(&current); err != nil {
			return fmt.Errorf("set verification status: %w", s.d.MapError(err))
		}
		return fmt.Errorf("set verification status %s→%s: status is %s: %w", from, to, current, storage.ErrConflict)
	})
}

// ListVerificationsBySubject implements storage.VerificationStore.
func (s *Store) ListVerificationsBySubject(ctx context.Context, subjectID string) ([]Verification, error) {
	return many(ctx, s, "list verifications", scanVerification,
		`SELECT `+verificationColumns+` FROM verifications WHERE subject_id = $1 ORDER BY created_at, id`, subjectID)
}

// ListVerificationsByStatus implements storage.VerificationStore, oldest change first.
func (s *Store) ListVerificationsByStatus(ctx context.Context, status storage.VerificationStatus, limit int) ([]Verification, error) {
	return many(ctx, s, "list verifications by status", scanVerification,
		`SELECT `+verificationColumns+` FROM verifications WHERE status = $1 ORDER BY updated_at, id LIMIT $2`, status, limit)
}

// ListVerificationsByProvider implements storage.VerificationStore, oldest change first.
func (s *Store) ListVerificationsByProvider(ctx context.Context, provider string, status storage.VerificationStatus, limit int) ([]Verification, error) {
	return many(ctx, s, "list verifications by provider", scanVerification,
		`SELECT `+verificationColumns+` FROM verifications WHERE provider = $1 AND status = $2 ORDER BY updated_at, id LIMIT $3`,
		provider, status, limit)
}

// ListVerificationsToPoll implements storage.VerificationStore.
func (s *Store) ListVerificationsToPoll(ctx context.Context, pq storage.PollQuery) ([]Verification, error) {
	if len(pq.Providers) == 0 || len(pq.Statuses) == 0 || pq.Limit <= 0 {
		return []Verification{}, nil
	}
	args := []any{micro(pq.UnchangedSince), micro(pq.Now), pq.Limit}
	in := func(values []string) string {
		marks := make([]string, len(values))
		for i, v := range values {
			args = append(args, v)
			marks[i] = fmt.Sprintf("$%d", len(args))
		}
		return strings.Join(marks, ", ")
	}
	statuses := make([]string, len(pq.Statuses))
	for i, st := range pq.Statuses {
		statuses[i] = string(st)
	}
	providers, states := in(pq.Providers), in(statuses)
	return many(ctx, s, "list verifications to poll", scanVerification, `SELECT `+verificationColumns+` FROM verifications
WHERE provider IN (`+providers+`) AND status IN (`+states+`) AND provider_ref <> '' AND updated_at <= $1
AND (next_poll_at IS NULL OR next_poll_at <= $2) ORDER BY updated_at, id LIMIT $3`, args...)
}

// SetVerificationNextPoll implements storage.VerificationStore.
func (s *Store) SetVerificationNextPoll(ctx context.Context, id string, at time.Time) error {
	return s.exec(ctx, s.q, "set next poll", `UPDATE verifications SET next_poll_at = $2 WHERE id = $1`, id, micro(at))
}

const documentColumns = `id, verification_id, kind, doc_type, side, content_type, size, data, created_at`

func scanDocument(r Row) (d storage.Document, err error) {
	err = r.Scan(&d.ID, &d.VerificationID, &d.Kind, &d.Type, &d.Side, &d.ContentType, &d.Size, &d.Data, &d.CreatedAt)
	return d, err
}

// CreateDocument implements storage.DocumentStore.
func (s *Store) CreateDocument(ctx context.Context, d *storage.Document) error {
	if d.ID == "" {
		d.ID = storage.NewID("doc")
	}
	d.CreatedAt = micro(d.CreatedAt)
	return s.insert(ctx, "create document", `INSERT INTO documents (`+documentColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		d.ID, d.VerificationID, d.Kind, d.Type, d.Side, d.ContentType, d.Size, d.Data, d.CreatedAt)
}

// GetDocument implements storage.DocumentStore.
func (s *Store) GetDocument(ctx context.Context, id string) (storage.Document, error) {
	return one(ctx, s, s.q, "get document", scanDocument,
		`SELECT `+documentColumns+` FROM documents WHERE id = $1 AND length(data) > 0`, id)
}

// PurgeDocument implements storage.DocumentStore.
func (s *Store) PurgeDocument(ctx context.Context, id string) error {
	return s.exec(ctx, s.q, "purge document", `UPDATE documents SET data = $2 WHERE id = $1`, id, []byte{})
}

// ListDocuments implements storage.DocumentStore; the content stays in the database.
func (s *Store) ListDocuments(ctx context.Context, verificationID string) ([]storage.Document, error) {
	return many(ctx, s, "list documents", scanDocument,
		`SELECT id, verification_id, kind, doc_type, side, content_type, size, NULL, created_at FROM documents
WHERE verification_id = $1 ORDER BY created_at, id`, verificationID)
}

// InsertProviderEvent implements storage.ProviderEventStore.
func (s *Store) InsertProviderEvent(ctx context.Context, e *storage.ProviderEvent) error {
	if e.ID == "" {
		e.ID = storage.NewID("evt")
	}
	e.ReceivedAt = micro(e.ReceivedAt)
	e.EventAt = microPtr(e.EventAt)
	// ON CONFLICT DO NOTHING: a duplicate leaves the transaction usable (several events
	// are stored in one transaction when ingestion groups them), and it is one statement.
	n, err := s.q.Exec(ctx, `INSERT INTO provider_events
(`+providerEventColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (provider, event_id) DO NOTHING`,
		e.ID, e.Provider, e.EventID, e.VerificationID, e.Ref, e.EventAt, e.Payload, e.ReceivedAt, microPtr(e.ProcessedAt))
	if err != nil {
		return fmt.Errorf("insert provider event: %w", s.d.MapError(err))
	}
	if n == 0 {
		return fmt.Errorf("insert provider event: %w", storage.ErrConflict)
	}
	return nil
}

// InsertProviderEvents implements storage.ProviderEventStore: one INSERT of every event,
// ON CONFLICT DO NOTHING, RETURNING the ids stored.
func (s *Store) InsertProviderEvents(ctx context.Context, es []*storage.ProviderEvent) ([]bool, error) {
	if len(es) == 0 {
		return nil, nil
	}
	var q strings.Builder
	q.WriteString(`INSERT INTO provider_events (` + providerEventColumns + `) VALUES `)
	args := make([]any, 0, 9*len(es))
	index := make(map[string]int, len(es))
	for i, e := range es {
		if e.ID == "" {
			e.ID = storage.NewID("evt")
		}
		e.ReceivedAt = micro(e.ReceivedAt)
		e.EventAt = microPtr(e.EventAt)
		index[e.ID] = i
		if i > 0 {
			q.WriteString(", ")
		}
		n := len(args)
		fmt.Fprintf(&q, "($%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5, n+6, n+7, n+8, n+9)
		args = append(args, e.ID, e.Provider, e.EventID, e.VerificationID, e.Ref, e.EventAt, e.Payload, e.ReceivedAt,
			microPtr(e.ProcessedAt))
	}
	q.WriteString(` ON CONFLICT (provider, event_id) DO NOTHING RETURNING id`)
	rows, err := s.q.Query(ctx, q.String(), args...)
	if err != nil {
		return nil, fmt.Errorf("insert provider events: %w", s.d.MapError(err))
	}
	defer rows.Close()
	stored := make([]bool, len(es))
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("insert provider events: %w", s.d.MapError(err))
		}
		if i, ok := index[id]; ok {
			stored[i] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("insert provider events: %w", s.d.MapError(err))
	}
	return stored, nil
}

const providerEventColumns = `id, provider, event_id, verification_id, ref, event_at, payload, received_at, processed_at`

// GetProviderEvent implements storage.ProviderEventStore.
func (s *Store) GetProviderEvent(ctx context.Context, id string) (storage.ProviderEvent, error) {
	return one(ctx, s, s.q, "get provider event", func(r Row) (e storage.ProviderEvent, err error) {
		err = r.Scan(&e.ID, &e.Provider, &e.EventID, &e.VerificationID, &e.Ref, &e.EventAt, &e.Payload, &e.ReceivedAt, &e.ProcessedAt)
		return e, err
	}, `SELECT `+providerEventColumns+` FROM provider_events WHERE id = $1`, id)
}

// MarkProviderEventProcessed implements storage.ProviderEventStore.
func (s *Store) MarkProviderEventProcessed(ctx context.Context, id, verificationID string, at time.Time) error {
	return s.exec(ctx, s.q, "mark provider event processed",
		`UPDATE provider_events SET processed_at = $2, verification_id = $3 WHERE id = $1`, id, micro(at), verificationID)
}

// LatestProviderEventAt implements storage.ProviderEventStore.
func (s *Store) LatestProviderEventAt(ctx context.Context, verificationID string) (time.Time, bool, error) {
	var at *time.Time
	err := s.q.QueryRow(ctx, `SELECT max(event_at) FROM provider_events
WHERE verification_id = $1 AND processed_at IS NOT NULL`, verificationID).Scan(&at)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("latest provider event: %w", s.d.MapError(err))
	}
	if at == nil {
		return time.Time{}, false, nil
	}
	return *at, true, nil
}
