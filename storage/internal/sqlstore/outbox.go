package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kycgate/kycgate/storage"
)

const outboxColumns = `id, key, seq, kind, payload, job_id, created_at, finished_at, outcome, tenant_id, attempts,
last_status, last_error, first_attempt_at, last_attempt_at, next_attempt_at`

func scanOutbox(r Row) (e storage.OutboxEvent, err error) {
	err = r.Scan(&e.ID, &e.Key, &e.Seq, &e.Kind, &e.Payload, &e.JobID, &e.CreatedAt, &e.FinishedAt, &e.Outcome,
		&e.TenantID, &e.Attempts, &e.LastStatus, &e.LastError, &e.FirstAttemptAt, &e.LastAttemptAt, &e.NextAttemptAt)
	return e, err
}

// AppendOutbox implements storage.OutboxStore. The upsert on outbox_keys takes the key's
// row lock until the transaction ends, so appends to one key are serialised.
func (s *Store) AppendOutbox(ctx context.Context, e *storage.OutboxEvent) (bool, error) {
	if e.ID == "" {
		e.ID = storage.NewID("obx")
	}
	e.CreatedAt = micro(e.CreatedAt)
	var blocked bool
	err := s.tx(ctx, func(q Querier) error {
		err := q.QueryRow(ctx, `INSERT INTO outbox_keys (key, last_seq) VALUES ($1, 1)
ON CONFLICT (key) DO UPDATE SET last_seq = outbox_keys.last_seq + 1 RETURNING last_seq`, e.Key).Scan(&e.Seq)
		if err != nil {
			return fmt.Errorf("append outbox: sequence: %w", s.d.MapError(err))
		}
		if _, err := q.Exec(ctx, `INSERT INTO outbox (id, key, seq, kind, payload, job_id, created_at, outcome, tenant_id)
VALUES ($1, $2, $3, $4, $5, 0, $6, '', $7)`, e.ID, e.Key, e.Seq, e.Kind, e.Payload, e.CreatedAt, e.TenantID); err != nil {
			return fmt.Errorf("append outbox: %w", s.d.MapError(err))
		}
		var err2 error
		blocked, err2 = s.outboxBlocked(ctx, q, e.Key, e.Seq)
		return err2
	})
	return blocked, err
}

// outboxBlocked reports whether an event of key before seq is unfinished.
func (s *Store) outboxBlocked(ctx context.Context, q Querier, key string, seq int64) (bool, error) {
	var n int64
	if err := q.QueryRow(ctx, `SELECT count(*) FROM outbox WHERE key = $1 AND seq < $2 AND finished_at IS NULL`,
		key, seq).Scan(&n); err != nil {
		return false, fmt.Errorf("outbox: blocked: %w", s.d.MapError(err))
	}
	return n > 0, nil
}

// SetOutboxJob implements storage.OutboxStore.
func (s *Store) SetOutboxJob(ctx context.Context, id string, jobID int64) error {
	return s.exec(ctx, s.q, "set outbox job", `UPDATE outbox SET job_id = $2 WHERE id = $1`, id, jobID)
}

// GetOutboxEvent implements storage.OutboxStore.
func (s *Store) GetOutboxEvent(ctx context.Context, id string) (storage.OutboxEvent, error) {
	return one(ctx, s, s.q, "get outbox event", scanOutbox, `SELECT `+outboxColumns+` FROM outbox WHERE id = $1`, id)
}

// OutboxBlocker implements storage.OutboxStore.
func (s *Store) OutboxBlocker(ctx context.Context, key string, seq int64) (storage.OutboxEvent, error) {
	return one(ctx, s, s.q, "outbox blocker", scanOutbox, `SELECT `+outboxColumns+` FROM outbox
WHERE key = $1 AND seq < $2 AND finished_at IS NULL ORDER BY seq LIMIT 1`, key, seq)
}

// FinishOutboxEvent implements storage.OutboxStore.
func (s *Store) FinishOutboxEvent(ctx context.Context, id string, at time.Time, outcome storage.OutboxOutcome) (*storage.OutboxEvent, error) {
	var next *storage.OutboxEvent
	err := s.tx(ctx, func(q Querier) error {
		e, err := one(ctx, s, q, "finish outbox event", scanOutbox, `SELECT `+outboxColumns+` FROM outbox WHERE id = $1`, id)
		if err != nil {
			return err
		}
		if e.FinishedAt != nil {
			return fmt.Errorf("finish outbox event %s: already %s: %w", id, e.Outcome, storage.ErrConflict)
		}
		var last int64
		if err := q.QueryRow(ctx, `SELECT last_seq FROM outbox_keys WHERE key = $1 `+s.d.Dialect().ForUpdate, e.Key).Scan(&last); err != nil {
			return fmt.Errorf("finish outbox event: lock key: %w", s.d.MapError(err))
		}
		if err := s.exec(ctx, q, "finish outbox event", `UPDATE outbox SET finished_at = $2, outcome = $3
WHERE id = $1 AND finished_at IS NULL`, id, micro(at), outcome); err != nil {
			if errors.Is(err, storage.ErrNotFound) {
				return fmt.Errorf("finish outbox event %s: finished meanwhile: %w", id, storage.ErrConflict)
			}
			return err
		}
		n, err := one(ctx, s, q, "next outbox event", scanOutbox, `SELECT `+outboxColumns+` FROM outbox
WHERE key = $1 AND finished_at IS NULL ORDER BY seq LIMIT 1`, e.Key)
		switch {
		case errors.Is(err, storage.ErrNotFound):
			return nil
		case err != nil:
			return err
		}
		next = &n
		return nil
	})
	return next, err
}
