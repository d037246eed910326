package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/kycgate/kycgate/storage"
)

const subjectColumns = `id, created_at, tenant_id, external_customer_id, approved_level, approved_at, country, over18, blocked, updated_at, birth_date, hold`

func scanSubject(r Row) (v Subject, err error) {
	err = r.Scan(&v.ID, &v.CreatedAt, &v.TenantID, &v.ExternalCustomerID, &v.ApprovedLevel, &v.ApprovedAt, &v.Country, &v.Over18, &v.Blocked, &v.UpdatedAt, &v.BirthDate, &v.Hold)
	return v, err
}

// CreateSubject implements storage.SubjectStore.
func (s *Store) CreateSubject(ctx context.Context, v *Subject) error {
	if v.ID == "" {
		v.ID = storage.NewID("sub")
	}
	v.CreatedAt = micro(v.CreatedAt)
	if v.UpdatedAt.IsZero() {
		v.UpdatedAt = v.CreatedAt
	}
	v.UpdatedAt = micro(v.UpdatedAt)
	return s.insert(ctx, "create subject", `INSERT INTO subjects (`+subjectColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		v.ID, v.CreatedAt, v.TenantID, v.ExternalCustomerID, v.ApprovedLevel, microPtr(v.ApprovedAt), v.Country, v.Over18, v.Blocked, v.UpdatedAt,
		nilIfEmpty(v.BirthDate), v.Hold)
}

// GetSubject implements storage.SubjectStore.
func (s *Store) GetSubject(ctx context.Context, id string) (Subject, error) {
	return one(ctx, s, s.q, "get subject", scanSubject, `SELECT `+subjectColumns+` FROM subjects WHERE id = $1`, id)
}

// LockSubject implements storage.SubjectStore.
func (s *Store) LockSubject(ctx context.Context, id string) (Subject, error) {
	var out Subject
	err := s.tx(ctx, func(q Querier) error {
		var err error
		out, err = one(ctx, s, q, "lock subject", scanSubject,
			`SELECT `+subjectColumns+` FROM subjects WHERE id = $1 `+s.d.Dialect().ForUpdate, id)
		return err
	})
	return out, err
}

// GetSubjectByCustomer implements storage.SubjectStore.
func (s *Store) GetSubjectByCustomer(ctx context.Context, tenantID, externalCustomerID string) (Subject, error) {
	return one(ctx, s, s.q, "get subject by customer", scanSubject,
		`SELECT `+subjectColumns+` FROM subjects WHERE tenant_id = $1 AND external_customer_id = $2 AND external_customer_id <> ''`,
		tenantID, externalCustomerID)
}

// UpdateSubject implements storage.SubjectStore.
func (s *Store) UpdateSubject(ctx context.Context, id string, fn func(Subject) (Subject, error)) (Subject, error) {
	return update(ctx, s, "update subject", scanSubject, `SELECT `+subjectColumns+` FROM subjects WHERE id = $1`, id, fn,
		func(q Querier, v Subject) error {
			_, err := q.Exec(ctx, `UPDATE subjects SET tenant_id = $2, external_customer_id = $3, approved_level = $4,
approved_at = $5, country = $6, over18 = $7, blocked = $8, updated_at = $9, birth_date = $10, hold = $11 WHERE id = $1`,
				id, v.TenantID, v.ExternalCustomerID, v.ApprovedLevel, microPtr(v.ApprovedAt), v.Country, v.Over18, v.Blocked, micro(v.UpdatedAt),
				nilIfEmpty(v.BirthDate), v.Hold)
			return err
		})
}

const walletColumns = `address, subject_id, linked_at`

func scanWallet(r Row) (w Wallet, err error) {
	err = r.Scan(&w.Address, &w.SubjectID, &w.LinkedAt)
	return w, err
}

// LinkWallet implements storage.SubjectStore.
func (s *Store) LinkWallet(ctx context.Context, w *Wallet) error {
	w.Address = storage.NormalizeAddress(w.Address)
	w.LinkedAt = micro(w.LinkedAt)
	return s.insert(ctx, "link wallet", `INSERT INTO wallets (`+walletColumns+`) VALUES ($1, $2, $3)`, w.Address, w.SubjectID, w.LinkedAt)
}

// GetWallet implements storage.SubjectStore.
func (s *Store) GetWallet(ctx context.Context, address string) (Wallet, error) {
	return one(ctx, s, s.q, "get wallet", scanWallet, `SELECT `+walletColumns+` FROM wallets WHERE address = $1`,
		storage.NormalizeAddress(address))
}

// ListWallets implements storage.SubjectStore.
func (s *Store) ListWallets(ctx context.Context, subjectID string) ([]Wallet, error) {
	return many(ctx, s, "list wallets", scanWallet,
		`SELECT `+walletColumns+` FROM wallets WHERE subject_id = $1 ORDER BY linked_at, address`, subjectID)
}

// UnlinkWallet implements storage.SubjectStore.
func (s *Store) UnlinkWallet(ctx context.Context, address string) error {
	return s.exec(ctx, s.q, "unlink wallet", `DELETE FROM wallets WHERE address = $1`, storage.NormalizeAddress(address))
}

// MoveWallets implements storage.SubjectStore.
func (s *Store) MoveWallets(ctx context.Context, from, to string) (int64, error) {
	var n int64
	err := s.tx(ctx, func(q Querier) error {
		var err error
		if n, err = q.Exec(ctx, `UPDATE wallets SET subject_id = $2 WHERE subject_id = $1`, from, to); err != nil {
			return fmt.Errorf("move wallets: %w", s.d.MapError(err))
		}
		if _, err := q.Exec(ctx, `UPDATE sessions SET subject_id = $2 WHERE subject_id = $1`, from, to); err != nil {
			return fmt.Errorf("move sessions: %w", s.d.MapError(err))
		}
		return nil
	})
	return n, err
}

// ShareSubject implements storage.SubjectStore.
func (s *Store) ShareSubject(ctx context.Context, sh storage.Share) error {
	return s.insert(ctx, "share subject", `INSERT INTO subject_shares (`+shareColumns+`) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (tenant_id, subject_id) DO NOTHING`, sh.TenantID, sh.SubjectID, micro(sh.CreatedAt), sh.Rules, micro(sh.RulesAt))
}

const shareColumns = `tenant_id, subject_id, created_at, rules, rules_at`

func scanShare(r Row) (sh storage.Share, err error) {
	err = r.Scan(&sh.TenantID, &sh.SubjectID, &sh.CreatedAt, &sh.Rules, &sh.RulesAt)
	return sh, err
}

// SnapshotShareRules implements storage.SubjectStore.
func (s *Store) SnapshotShareRules(ctx context.Context, tenantID, subjectID, rules string, at time.Time) error {
	return s.exec(ctx, s.q, "snapshot share rules", `UPDATE subject_shares SET rules = $3, rules_at = $4
WHERE tenant_id = $1 AND subject_id = $2`, tenantID, subjectID, rules, micro(at))
}

// GetShare implements storage.SubjectStore.
func (s *Store) GetShare(ctx context.Context, tenantID, subjectID string) (storage.Share, error) {
	return one(ctx, s, s.q, "get share", scanShare, `SELECT `+shareColumns+` FROM subject_shares
WHERE tenant_id = $1 AND subject_id = $2`, tenantID, subjectID)
}

// ListShareTenants implements storage.SubjectStore.
func (s *Store) ListShareTenants(ctx context.Context, subjectID string) ([]string, error) {
	return many(ctx, s, "list share tenants", func(r Row) (id string, err error) { return id, r.Scan(&id) },
		`SELECT tenant_id FROM subject_shares WHERE subject_id = $1 ORDER BY tenant_id`, subjectID)
}

// IsSubjectShared implements storage.SubjectStore.
func (s *Store) IsSubjectShared(ctx context.Context, tenantID, subjectID string) (bool, error) {
	var n int
	err := s.q.QueryRow(ctx, `SELECT COUNT(*) FROM subject_shares WHERE tenant_id = $1 AND subject_id = $2`, tenantID, subjectID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("is subject shared: %w", s.d.MapError(err))
	}
	return n > 0, nil
}

// CreateLinkToken implements storage.SubjectStore.
func (s *Store) CreateLinkToken(ctx context.Context, t storage.LinkToken) error {
	return s.insert(ctx, "create link token", `INSERT INTO link_tokens (hash, subject_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
		t.Hash, t.SubjectID, micro(t.CreatedAt), micro(t.ExpiresAt))
}

// ConsumeLinkToken implements storage.SubjectStore. Like ConsumeNonce, the DELETE is the
// single-use guarantee.
func (s *Store) ConsumeLinkToken(ctx context.Context, hash []byte, now time.Time) (storage.LinkToken, error) {
	var t storage.LinkToken
	err := s.q.QueryRow(ctx, `DELETE FROM link_tokens WHERE hash = $1 RETURNING hash, subject_id, created_at, expires_at`, hash).
		Scan(&t.Hash, &t.SubjectID, &t.CreatedAt, &t.ExpiresAt)
	if err != nil {
		return storage.LinkToken{}, fmt.Errorf("consume link token: %w", s.d.MapError(err))
	}
	if !now.Before(t.ExpiresAt) {
		return storage.LinkToken{}, fmt.Errorf("consume link token: expired: %w", storage.ErrNotFound)
	}
	return t, nil
}
