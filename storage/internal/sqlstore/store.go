package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kycgate/kycgate/storage"
)

// Store implements storage.Store on a Driver.
type Store struct {
	d    Driver
	q    Querier
	inTx bool

	listAuditSQL string
}

var _ storage.Store = (*Store)(nil)

// New returns a Store that runs its queries through d.
func New(d Driver) *Store {
	dl := d.Dialect()
	return &Store{
		d: d,
		q: d,
		listAuditSQL: fmt.Sprintf(`SELECT %s FROM audit_log WHERE entity_kind = $1 AND entity_id = $2 ORDER BY %s`,
			auditColumns, dl.Seq),
	}
}

// InTx implements storage.Store.
func (s *Store) InTx(ctx context.Context, fn func(tx storage.Store) error) error {
	return s.tx(ctx, func(q Querier) error {
		if s.inTx {
			return fn(s)
		}
		child := *s
		child.q, child.inTx = q, true
		return fn(&child)
	})
}

// tx runs fn in a transaction, joining the current one when there is one.
func (s *Store) tx(ctx context.Context, fn func(Querier) error) error {
	if s.inTx {
		return fn(s.q)
	}
	return s.d.InTx(ctx, fn)
}

// DriverDB implements storage.DriverHandles.
func (s *Store) DriverDB() any { return s.d.Handle() }

// DriverTx implements storage.DriverHandles.
func (s *Store) DriverTx() any {
	if h, ok := s.q.(Handle); ok && s.inTx {
		return h.Handle()
	}
	return nil
}

// Ping implements storage.Store.
func (s *Store) Ping(ctx context.Context) error { return s.d.Ping(ctx) }

// Close implements storage.Store.
func (s *Store) Close() error { return s.d.Close() }

// exec runs a statement that must touch at least one row; none is ErrNotFound.
func (s *Store) exec(ctx context.Context, q Querier, what, query string, args ...any) error {
	n, err := q.Exec(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, s.d.MapError(err))
	}
	if n == 0 {
		return fmt.Errorf("%s: %w", what, storage.ErrNotFound)
	}
	return nil
}

// insert runs an INSERT, mapping a unique violation to ErrConflict.
func (s *Store) insert(ctx context.Context, what, query string, args ...any) error {
	if _, err := s.q.Exec(ctx, query, args...); err != nil {
		return fmt.Errorf("%s: %w", what, s.d.MapError(err))
	}
	return nil
}

// one reads a single row with scan, mapping no rows to ErrNotFound.
func one[T any](ctx context.Context, s *Store, q Querier, what string, scan func(Row) (T, error), query string, args ...any) (T, error) {
	v, err := scan(q.QueryRow(ctx, query, args...))
	if err != nil {
		return v, fmt.Errorf("%s: %w", what, s.d.MapError(err))
	}
	return v, nil
}

// many reads every row with scan.
func many[T any](ctx context.Context, s *Store, what string, scan func(Row) (T, error), query string, args ...any) ([]T, error) {
	rows, err := s.q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, s.d.MapError(err))
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, s.d.MapError(err))
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, s.d.MapError(err))
	}
	return out, nil
}

// update is the read-modify-write behind every Update* method: lock the row, let fn
// change it, write it back, all in one transaction.
func update[T any](ctx context.Context, s *Store, what string, scan func(Row) (T, error), selectSQL string, id string,
	fn func(T) (T, error), write func(Querier, T) error) (T, error) {
	var out T
	err := s.tx(ctx, func(q Querier) error {
		old, err := one(ctx, s, q, what, scan, selectSQL+" "+s.d.Dialect().ForUpdate, id)
		if err != nil {
			return err
		}
		next, err := fn(old)
		if err != nil {
			return err
		}
		if err := write(q, next); err != nil {
			return fmt.Errorf("%s: %w", what, s.d.MapError(err))
		}
		out = next
		return nil
	})
	return out, err
}

// Tenant and the other aliases keep the scanners short.
type (
	Tenant       = storage.Tenant
	APIKey       = storage.APIKey
	Subject      = storage.Subject
	Wallet       = storage.Wallet
	Session      = storage.Session
	Verification = storage.Verification
	Screening    = storage.Screening
	Attestation  = storage.Attestation
	AuditEntry   = storage.AuditEntry
)

// DeleteExpired implements storage.Store.
func (s *Store) DeleteExpired(ctx context.Context, now time.Time) (storage.Swept, error) {
	var out storage.Swept
	for _, d := range []struct {
		n     *int64
		query string
		at    time.Time
	}{
		{&out.Nonces, `DELETE FROM siwe_nonces WHERE expires_at <= $1`, now},
		{&out.LinkTokens, `DELETE FROM link_tokens WHERE expires_at <= $1`, now},
		{&out.Sessions, `DELETE FROM sessions WHERE expires_at <= $1 OR revoked_at <= $1`, now},
		{&out.ConsoleSessions, `DELETE FROM console_sessions WHERE expires_at <= $1`, now},
	} {
		n, err := s.q.Exec(ctx, d.query, micro(d.at))
		if err != nil {
			return out, fmt.Errorf("delete expired: %w", s.d.MapError(err))
		}
		*d.n = n
	}
	// Finished outbox events go in batches, so one sweep never holds a long lock.
	for {
		n, err := s.DeleteFinishedOutbox(ctx, now.Add(-storage.OutboxRetention), OutboxDeleteBatch)
		if err != nil {
			return out, fmt.Errorf("delete expired: %w", err)
		}
		out.OutboxEvents += n
		if n < OutboxDeleteBatch {
			return out, nil
		}
	}
}

// OutboxDeleteBatch is how many finished outbox events one statement of DeleteExpired
// deletes.
const OutboxDeleteBatch = 1000

// prefixed qualifies each column of a column list with a table alias.
func prefixed(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = alias + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

func nilIfEmpty(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}
