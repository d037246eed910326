package sqlstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/kycgate/kycgate/storage"
)

// signInSQL is a whole sign-in as one PostgreSQL statement (data-modifying CTEs), so it
// costs one round trip and one commit instead of eight sequential ones. Every CTE runs
// once and to completion whether or not the final SELECT reads it, all in the
// statement's one implicit transaction:
//
//   - n deletes the nonce: of concurrent deletes of one row only one returns it (a
//     waiting one re-checks the row after the first commits and finds it gone), which
//     is the single-use guarantee;
//   - ok is that row if still unexpired; without it nothing below writes (a deleted but
//     expired nonce is gone, as ConsumeNonce leaves it);
//   - w is the address's wallet, sub the subject created when there is none, wl its
//     wallet row and aud its audit entry; two first sign-ins of one address race on
//     the wallet's primary key, and the loser's whole statement fails (ErrConflict);
//   - ses is the session of the existing or the new subject (foreign keys are checked
//     at the end of the statement, when the new subject exists);
//   - job is the new subject's job (storage.Job, kind $13 set) as River's insert writes
//     its row, and note River's insert notification for it ($17 set), sent at commit;
//     the final SELECT counts note so that it runs.
//
// Inside a caller's transaction it runs there as well.
const signInSQL = `WITH n AS (
  DELETE FROM siwe_nonces WHERE value = $1::text RETURNING expires_at
), ok AS (
  SELECT 1 AS one FROM n WHERE n.expires_at > $2::timestamptz
), w AS (
  SELECT subject_id FROM wallets WHERE address = $3::text
), sub AS (
  INSERT INTO subjects (id, created_at, updated_at)
  SELECT $4::text, $2::timestamptz, $2::timestamptz FROM ok WHERE NOT EXISTS (SELECT 1 FROM w)
  RETURNING id
), wl AS (
  INSERT INTO wallets (address, subject_id, linked_at) SELECT $3::text, sub.id, $2::timestamptz FROM sub
  RETURNING subject_id
), aud AS (
  INSERT INTO audit_log (id, at, actor, action, entity_kind, entity_id, detail)
  SELECT $5::text, $2::timestamptz, $6::text, 'subject.created', 'subject', wl.subject_id, '{}' FROM wl
  RETURNING entity_id
), ses AS (
  INSERT INTO sessions (id, token_hash, subject_id, address, chain_id, created_at, expires_at)
  SELECT $7::text, $8::bytea, COALESCE((SELECT subject_id FROM w), (SELECT id FROM sub)), $3::text, $9::bigint,
    $2::timestamptz, $10::timestamptz
  FROM ok
  RETURNING subject_id
), job AS (
  INSERT INTO river_job (args, created_at, kind, max_attempts, metadata, priority, queue, scheduled_at, state, tags)
  SELECT $11::jsonb, COALESCE($12::timestamptz, now()), $13::text, $14::smallint, '{}', $15::smallint, $16::text,
    COALESCE($12::timestamptz, now()), 'available', '{}'
  FROM sub WHERE $13::text <> ''
  RETURNING queue
), note AS (
  SELECT pg_notify(current_schema() || '.' || $17::text, $18::text) FROM job WHERE $17::text <> ''
)
SELECT COALESCE((SELECT subject_id FROM ses), ''), EXISTS (SELECT 1 FROM sub), (SELECT count(*) FROM note)`

// SignIn implements storage.SignInStore: one statement where the database has writable
// CTEs (PostgreSQL), otherwise one transaction of the same steps (SQLite, whose one
// writer makes the steps as atomic; its statements are prepared once per connection).
func (s *Store) SignIn(ctx context.Context, in *storage.SignIn) error {
	v := &in.Session
	if v.ID == "" {
		v.ID = storage.NewID("ses")
	}
	v.Address = storage.NormalizeAddress(v.Address)
	v.CreatedAt, v.ExpiresAt = micro(v.CreatedAt), micro(v.ExpiresAt)
	in.SubjectCreated = false
	if err := validJob(in.Job); err != nil {
		return fmt.Errorf("sign in: %w", err)
	}
	if !s.d.Dialect().WritableCTE {
		return s.tx(ctx, func(q Querier) error { return s.signInSteps(ctx, q, in) })
	}
	var subjectID string
	var created bool
	var notified int64
	j := jobParams(in.Job)
	err := s.q.QueryRow(ctx, signInSQL, in.Nonce, v.CreatedAt, v.Address, storage.NewID("sub"), storage.NewID("aud"),
		"wallet:"+v.Address, v.ID, v.TokenHash, int64(v.ChainID), v.ExpiresAt,
		j.args, j.at, j.kind, j.maxAttempts, j.priority, j.queue, j.topic, j.payload).Scan(&subjectID, &created, &notified)
	if err != nil {
		return fmt.Errorf("sign in: %w", s.d.MapError(err))
	}
	if subjectID == "" {
		return fmt.Errorf("sign in: nonce unknown, used or expired: %w", storage.ErrNotFound)
	}
	v.SubjectID, in.SubjectCreated = subjectID, created
	return nil
}

// signInSteps is SignIn as separate statements inside the transaction q.
func (s *Store) signInSteps(ctx context.Context, q Querier, in *storage.SignIn) error {
	v := &in.Session
	child := *s
	child.q, child.inTx = q, true
	if err := child.ConsumeNonce(ctx, in.Nonce, v.CreatedAt); err != nil {
		return fmt.Errorf("sign in: %w", err)
	}
	w, err := child.GetWallet(ctx, v.Address)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		sub := storage.Subject{CreatedAt: v.CreatedAt}
		if err := child.CreateSubject(ctx, &sub); err != nil {
			return err
		}
		w = storage.Wallet{Address: v.Address, SubjectID: sub.ID, LinkedAt: v.CreatedAt}
		if err := child.LinkWallet(ctx, &w); err != nil {
			return err
		}
		if err := storage.RecordAudit(ctx, &child, v.CreatedAt, "wallet:"+v.Address, "subject.created", "subject", sub.ID, nil); err != nil {
			return err
		}
		if in.Job != nil {
			if err := child.insertJob(ctx, in.Job); err != nil {
				return fmt.Errorf("sign in: %w", err)
			}
		}
		v.SubjectID = w.SubjectID
		if err := child.CreateSession(ctx, v); err != nil {
			return err
		}
		in.SubjectCreated = true
		return nil
	case err != nil:
		return err
	}
	v.SubjectID = w.SubjectID
	return child.CreateSession(ctx, v)
}
