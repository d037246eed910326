package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kycgate/kycgate/storage"
)

// RecordOutboxAttempt implements storage.OutboxStore.
func (s *Store) RecordOutboxAttempt(ctx context.Context, id string, a storage.OutboxAttempt) (storage.OutboxEvent, error) {
	var out storage.OutboxEvent
	err := s.tx(ctx, func(q Querier) error {
		at := micro(a.At)
		if err := s.exec(ctx, q, "record outbox attempt", `UPDATE outbox SET attempts = attempts + 1,
last_status = $2, last_error = $3, last_attempt_at = $4, first_attempt_at = COALESCE(first_attempt_at, $4),
next_attempt_at = $5 WHERE id = $1`, id, a.StatusCode, a.Error, at, microPtr(a.NextAt)); err != nil {
			return err
		}
		var err error
		out, err = one(ctx, s, q, "record outbox attempt", scanOutbox, `SELECT `+outboxColumns+` FROM outbox WHERE id = $1`, id)
		return err
	})
	return out, err
}

// ListOutbox implements storage.OutboxStore.
func (s *Store) ListOutbox(ctx context.Context, q storage.OutboxQuery) ([]storage.OutboxEvent, error) {
	query := `SELECT ` + outboxColumns + ` FROM outbox WHERE tenant_id = $1`
	args := []any{q.TenantID}
	if q.AllTenants {
		query, args = `SELECT `+outboxColumns+` FROM outbox WHERE tenant_id <> ''`, nil
	}
	if q.Failing {
		// The predicate of the partial index outbox_failing.
		query += ` AND ((finished_at IS NOT NULL AND outcome = 'failed') OR (finished_at IS NULL AND attempts > 0))`
	}
	if !q.Since.IsZero() {
		args = append(args, micro(q.Since))
		query += fmt.Sprintf(` AND created_at >= $%d`, len(args))
	}
	switch q.State {
	case "":
	case storage.OutboxPending:
		query += ` AND finished_at IS NULL`
	default:
		args = append(args, string(q.State))
		query += fmt.Sprintf(` AND finished_at IS NOT NULL AND outcome = $%d`, len(args))
	}
	if q.After != nil {
		args = append(args, micro(q.After.CreatedAt), q.After.ID)
		n := len(args)
		query += fmt.Sprintf(` AND (created_at < $%d OR (created_at = $%d AND id < $%d))`, n-1, n-1, n)
	}
	args = append(args, max(q.Limit, 1))
	query += fmt.Sprintf(` ORDER BY created_at DESC, id DESC LIMIT $%d`, len(args))
	return many(ctx, s, "list outbox", scanOutbox, query, args...)
}

// RequeueOutboxEvent implements storage.OutboxStore. The upsert on outbox_keys locks the
// key, as AppendOutbox does, so the new sequence number follows commit order.
func (s *Store) RequeueOutboxEvent(ctx context.Context, tenantID, id string) (storage.OutboxEvent, bool, error) {
	var out storage.OutboxEvent
	var blocked bool
	err := s.tx(ctx, func(q Querier) error {
		e, err := one(ctx, s, q, "requeue outbox event", scanOutbox,
			`SELECT `+outboxColumns+` FROM outbox WHERE id = $1 AND tenant_id = $2`, id, tenantID)
		if err != nil {
			return err
		}
		if e.FinishedAt == nil {
			return fmt.Errorf("requeue outbox event %s: still pending: %w", id, storage.ErrConflict)
		}
		var seq int64
		if err := q.QueryRow(ctx, `UPDATE outbox_keys SET last_seq = last_seq + 1 WHERE key = $1 RETURNING last_seq`,
			e.Key).Scan(&seq); err != nil {
			return fmt.Errorf("requeue outbox event: sequence: %w", s.d.MapError(err))
		}
		if err := s.exec(ctx, q, "requeue outbox event", `UPDATE outbox SET seq = $2, finished_at = NULL, outcome = '',
first_attempt_at = NULL, next_attempt_at = NULL WHERE id = $1 AND finished_at IS NOT NULL`, id, seq); err != nil {
			if errors.Is(err, storage.ErrNotFound) {
				return fmt.Errorf("requeue outbox event %s: requeued meanwhile: %w", id, storage.ErrConflict)
			}
			return err
		}
		if out, err = one(ctx, s, q, "requeue outbox event", scanOutbox,
			`SELECT `+outboxColumns+` FROM outbox WHERE id = $1`, id); err != nil {
			return err
		}
		blocked, err = s.outboxBlocked(ctx, q, out.Key, out.Seq)
		return err
	})
	return out, blocked, err
}

// DeleteFinishedOutbox implements storage.OutboxStore.
func (s *Store) DeleteFinishedOutbox(ctx context.Context, before time.Time, limit int) (int64, error) {
	n, err := s.q.Exec(ctx, `DELETE FROM outbox WHERE id IN
(SELECT id FROM outbox WHERE finished_at <= $1 ORDER BY finished_at LIMIT $2)`, micro(before), max(limit, 1))
	if err != nil {
		return 0, fmt.Errorf("delete finished outbox: %w", s.d.MapError(err))
	}
	return n, nil
}
