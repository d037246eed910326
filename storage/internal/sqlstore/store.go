package sqlstore

import (
	"context"
	"fmt"
	"slices"
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

// ---- tenants ----

const tenantColumns = `id, name, created_at, webhook_url, webhook_secret, rules, default_provider`

func scanTenant(r Row) (t Tenant, err error) {
	err = r.Scan(&t.ID, &t.Name, &t.CreatedAt, &t.WebhookURL, &t.WebhookSecret, &t.Rules, &t.DefaultProvider)
	return t, err
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

// CreateTenant implements storage.TenantStore.
func (s *Store) CreateTenant(ctx context.Context, t *Tenant) error {
	if t.ID == "" {
		t.ID = storage.NewID("ten")
	}
	if t.Rules == "" {
		t.Rules = "{}"
	}
	t.CreatedAt = micro(t.CreatedAt)
	return s.insert(ctx, "create tenant", `INSERT INTO tenants (`+tenantColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		t.ID, t.Name, t.CreatedAt, t.WebhookURL, t.WebhookSecret, t.Rules, t.DefaultProvider)
}

// GetTenant implements storage.TenantStore.
func (s *Store) GetTenant(ctx context.Context, id string) (Tenant, error) {
	return one(ctx, s, s.q, "get tenant", scanTenant, `SELECT `+tenantColumns+` FROM tenants WHERE id = $1`, id)
}

// ListTenants implements storage.TenantStore.
func (s *Store) ListTenants(ctx context.Context) ([]Tenant, error) {
	return many(ctx, s, "list tenants", scanTenant, `SELECT `+tenantColumns+` FROM tenants ORDER BY created_at, id`)
}

// UpdateTenant implements storage.TenantStore.
func (s *Store) UpdateTenant(ctx context.Context, id string, fn func(Tenant) (Tenant, error)) (Tenant, error) {
	return update(ctx, s, "update tenant", scanTenant, `SELECT `+tenantColumns+` FROM tenants WHERE id = $1`, id, fn,
		func(q Querier, t Tenant) error {
			_, err := q.Exec(ctx, `UPDATE tenants SET name = $2, webhook_url = $3, webhook_secret = $4, rules = $5,
default_provider = $6 WHERE id = $1`, id, t.Name, t.WebhookURL, t.WebhookSecret, t.Rules, t.DefaultProvider)
			return err
		})
}

// ---- API keys ----

const apiKeyColumns = `id, owner_kind, owner_id, prefix, hash, created_at, revoked_at`

func scanAPIKey(r Row) (k APIKey, err error) {
	err = r.Scan(&k.ID, &k.OwnerKind, &k.OwnerID, &k.Prefix, &k.Hash, &k.CreatedAt, &k.RevokedAt)
	return k, err
}

// CreateAPIKey implements storage.CredentialStore.
func (s *Store) CreateAPIKey(ctx context.Context, k *APIKey) error {
	if k.ID == "" {
		k.ID = storage.NewID("key")
	}
	k.CreatedAt = micro(k.CreatedAt)
	return s.insert(ctx, "create api key", `INSERT INTO api_keys (`+apiKeyColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		k.ID, k.OwnerKind, k.OwnerID, k.Prefix, k.Hash, k.CreatedAt, microPtr(k.RevokedAt))
}

// GetAPIKeyByHash implements storage.CredentialStore.
func (s *Store) GetAPIKeyByHash(ctx context.Context, hash []byte) (APIKey, error) {
	return one(ctx, s, s.q, "get api key", scanAPIKey,
		`SELECT `+apiKeyColumns+` FROM api_keys WHERE hash = $1 AND revoked_at IS NULL`, hash)
}

// RevokeAPIKey implements storage.CredentialStore.
func (s *Store) RevokeAPIKey(ctx context.Context, id string, at time.Time) error {
	return s.exec(ctx, s.q, "revoke api key", `UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, id, micro(at))
}

// ---- subjects and wallets ----

const subjectColumns = `id, created_at, tenant_id, external_customer_id, approved_level, approved_at, country, over18, blocked, updated_at, birth_date`

func scanSubject(r Row) (v Subject, err error) {
	err = r.Scan(&v.ID, &v.CreatedAt, &v.TenantID, &v.ExternalCustomerID, &v.ApprovedLevel, &v.ApprovedAt, &v.Country, &v.Over18, &v.Blocked, &v.UpdatedAt, &v.BirthDate)
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
	return s.insert(ctx, "create subject", `INSERT INTO subjects (`+subjectColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		v.ID, v.CreatedAt, v.TenantID, v.ExternalCustomerID, v.ApprovedLevel, microPtr(v.ApprovedAt), v.Country, v.Over18, v.Blocked, v.UpdatedAt,
		nilIfEmpty(v.BirthDate))
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
approved_at = $5, country = $6, over18 = $7, blocked = $8, updated_at = $9, birth_date = $10 WHERE id = $1`,
				id, v.TenantID, v.ExternalCustomerID, v.ApprovedLevel, microPtr(v.ApprovedAt), v.Country, v.Over18, v.Blocked, micro(v.UpdatedAt),
				nilIfEmpty(v.BirthDate))
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

// IsSubjectShared implements storage.SubjectStore.
func (s *Store) IsSubjectShared(ctx context.Context, tenantID, subjectID string) (bool, error) {
	var n int
	err := s.q.QueryRow(ctx, `SELECT COUNT(*) FROM subject_shares WHERE tenant_id = $1 AND subject_id = $2`, tenantID, subjectID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("is subject shared: %w", s.d.MapError(err))
	}
	return n > 0, nil
}

// GetSharedSubjectByWallet implements storage.SubjectStore with one indexed join.
func (s *Store) GetSharedSubjectByWallet(ctx context.Context, tenantID, address string) (Subject, error) {
	return one(ctx, s, s.q, "get shared subject by wallet", scanSubject, `SELECT `+prefixed("s.", subjectColumns)+`
FROM wallets w
JOIN subject_shares sh ON sh.subject_id = w.subject_id AND sh.tenant_id = $1
JOIN subjects s ON s.id = w.subject_id
WHERE w.address = $2`, tenantID, storage.NormalizeAddress(address))
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

// ---- reviewers ----

// CreateReviewer implements storage.ReviewerStore.
func (s *Store) CreateReviewer(ctx context.Context, r *storage.Reviewer) error {
	if r.ID == "" {
		r.ID = storage.NewID("rev")
	}
	r.CreatedAt = micro(r.CreatedAt)
	return s.insert(ctx, "create reviewer", `INSERT INTO reviewers (id, name, created_at) VALUES ($1, $2, $3)`, r.ID, r.Name, r.CreatedAt)
}

// GetReviewer implements storage.ReviewerStore.
func (s *Store) GetReviewer(ctx context.Context, id string) (storage.Reviewer, error) {
	return one(ctx, s, s.q, "get reviewer", func(r Row) (v storage.Reviewer, err error) {
		err = r.Scan(&v.ID, &v.Name, &v.CreatedAt)
		return v, err
	}, `SELECT id, name, created_at FROM reviewers WHERE id = $1`, id)
}

// ---- SIWE nonces and sessions ----

// CreateNonce implements storage.SignInStore.
func (s *Store) CreateNonce(ctx context.Context, n storage.Nonce) error {
	return s.insert(ctx, "create nonce", `INSERT INTO siwe_nonces (value, created_at, expires_at) VALUES ($1, $2, $3)`,
		n.Value, micro(n.CreatedAt), micro(n.ExpiresAt))
}

// ConsumeNonce implements storage.SignInStore. The DELETE is the single-use guarantee:
// of two concurrent deletes of one row, only one returns it.
func (s *Store) ConsumeNonce(ctx context.Context, value string, now time.Time) error {
	var expires time.Time
	err := s.q.QueryRow(ctx, `DELETE FROM siwe_nonces WHERE value = $1 RETURNING expires_at`, value).Scan(&expires)
	if err != nil {
		return fmt.Errorf("consume nonce: %w", s.d.MapError(err))
	}
	if !now.Before(expires) {
		return fmt.Errorf("consume nonce: expired: %w", storage.ErrNotFound)
	}
	return nil
}

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
		{&out.OutboxEvents, `DELETE FROM outbox WHERE finished_at <= $1`, now.Add(-storage.OutboxRetention)},
	} {
		n, err := s.q.Exec(ctx, d.query, micro(d.at))
		if err != nil {
			return out, fmt.Errorf("delete expired: %w", s.d.MapError(err))
		}
		*d.n = n
	}
	return out, nil
}

const sessionColumns = `id, token_hash, subject_id, address, chain_id, created_at, expires_at, revoked_at`

func scanSession(r Row) (v Session, err error) {
	var chainID int64
	err = r.Scan(&v.ID, &v.TokenHash, &v.SubjectID, &v.Address, &chainID, &v.CreatedAt, &v.ExpiresAt, &v.RevokedAt)
	v.ChainID = uint64(chainID)
	return v, err
}

// CreateSession implements storage.SignInStore.
func (s *Store) CreateSession(ctx context.Context, v *Session) error {
	if v.ID == "" {
		v.ID = storage.NewID("ses")
	}
	v.Address = storage.NormalizeAddress(v.Address)
	v.CreatedAt, v.ExpiresAt = micro(v.CreatedAt), micro(v.ExpiresAt)
	return s.insert(ctx, "create session", `INSERT INTO sessions (`+sessionColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		v.ID, v.TokenHash, v.SubjectID, v.Address, int64(v.ChainID), v.CreatedAt, v.ExpiresAt, microPtr(v.RevokedAt))
}

// GetSessionByTokenHash implements storage.SignInStore.
func (s *Store) GetSessionByTokenHash(ctx context.Context, hash []byte, now time.Time) (Session, error) {
	return one(ctx, s, s.q, "get session", scanSession,
		`SELECT `+sessionColumns+` FROM sessions WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2`, hash, micro(now))
}

// RevokeSession implements storage.SignInStore.
func (s *Store) RevokeSession(ctx context.Context, id string, at time.Time) error {
	return s.exec(ctx, s.q, "revoke session", `UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, id, micro(at))
}

// RevokeWalletSessions implements storage.SignInStore.
func (s *Store) RevokeWalletSessions(ctx context.Context, subjectID, address string, at time.Time) (int64, error) {
	n, err := s.q.Exec(ctx, `UPDATE sessions SET revoked_at = $3 WHERE subject_id = $1 AND address = $2 AND revoked_at IS NULL`,
		subjectID, storage.NormalizeAddress(address), micro(at))
	if err != nil {
		return 0, fmt.Errorf("revoke wallet sessions: %w", s.d.MapError(err))
	}
	return n, nil
}

// ---- verifications ----

const verificationColumns = `id, subject_id, tenant_id, mode, provider, provider_ref, level, status, reject_type,
flow_token_hash, data, created_at, updated_at`

func scanVerification(r Row) (v Verification, err error) {
	err = r.Scan(&v.ID, &v.SubjectID, &v.TenantID, &v.Mode, &v.Provider, &v.ProviderRef, &v.Level, &v.Status,
		&v.RejectType, &v.FlowTokenHash, &v.Data, &v.CreatedAt, &v.UpdatedAt)
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
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		v.ID, v.SubjectID, v.TenantID, v.Mode, v.Provider, v.ProviderRef, v.Level, v.Status, v.RejectType,
		nilIfEmpty(v.FlowTokenHash), v.Data, v.CreatedAt, v.UpdatedAt)
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
reject_type = $6, flow_token_hash = $7, data = $8, updated_at = $9 WHERE id = $1`,
				id, v.TenantID, v.ProviderRef, v.Level, v.Status, v.RejectType, nilIfEmpty(v.FlowTokenHash), v.Data, micro(v.UpdatedAt))
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

// ---- documents ----

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

// ---- provider events ----

// InsertProviderEvent implements storage.ProviderEventStore.
func (s *Store) InsertProviderEvent(ctx context.Context, e *storage.ProviderEvent) error {
	if e.ID == "" {
		e.ID = storage.NewID("evt")
	}
	e.ReceivedAt = micro(e.ReceivedAt)
	return s.insert(ctx, "insert provider event", `INSERT INTO provider_events
(id, provider, event_id, verification_id, payload, received_at, processed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		e.ID, e.Provider, e.EventID, e.VerificationID, e.Payload, e.ReceivedAt, microPtr(e.ProcessedAt))
}

// MarkProviderEventProcessed implements storage.ProviderEventStore.
func (s *Store) MarkProviderEventProcessed(ctx context.Context, id string, at time.Time) error {
	return s.exec(ctx, s.q, "mark provider event processed",
		`UPDATE provider_events SET processed_at = $2 WHERE id = $1`, id, micro(at))
}

// ---- screenings ----

const screeningColumns = `address, source, risk, flagged, detail, checked_at, expires_at`

func scanScreening(r Row) (v Screening, err error) {
	err = r.Scan(&v.Address, &v.Source, &v.Risk, &v.Flagged, &v.Detail, &v.CheckedAt, &v.ExpiresAt)
	return v, err
}

// PutScreening implements storage.ScreeningStore.
func (s *Store) PutScreening(ctx context.Context, v Screening) error {
	return s.insert(ctx, "put screening", `INSERT INTO screenings (`+screeningColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (address, source) DO UPDATE SET risk = excluded.risk, flagged = excluded.flagged, detail = excluded.detail,
checked_at = excluded.checked_at, expires_at = excluded.expires_at`,
		storage.NormalizeAddress(v.Address), v.Source, v.Risk, v.Flagged, v.Detail, micro(v.CheckedAt), micro(v.ExpiresAt))
}

// GetScreening implements storage.ScreeningStore.
func (s *Store) GetScreening(ctx context.Context, address, source string) (Screening, error) {
	return one(ctx, s, s.q, "get screening", scanScreening,
		`SELECT `+screeningColumns+` FROM screenings WHERE address = $1 AND source = $2`, storage.NormalizeAddress(address), source)
}

// ---- attestations ----

const attestationColumns = `uid, subject_id, recipient, chain_id, signer, package, issued_at, expires_at, revoked_at, revocation_reason`

func scanAttestation(r Row) (v Attestation, err error) {
	var chainID int64
	err = r.Scan(&v.UID, &v.SubjectID, &v.Recipient, &chainID, &v.Signer, &v.Package, &v.IssuedAt, &v.ExpiresAt,
		&v.RevokedAt, &v.RevocationReason)
	v.ChainID = uint64(chainID)
	return v, err
}

// CreateAttestation implements storage.AttestationStore.
func (s *Store) CreateAttestation(ctx context.Context, v *Attestation) error {
	v.Recipient = storage.NormalizeAddress(v.Recipient)
	v.IssuedAt, v.ExpiresAt = micro(v.IssuedAt), micro(v.ExpiresAt)
	return s.insert(ctx, "create attestation", `INSERT INTO attestations (`+attestationColumns+`)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		v.UID, v.SubjectID, v.Recipient, int64(v.ChainID), v.Signer, v.Package, v.IssuedAt, v.ExpiresAt,
		microPtr(v.RevokedAt), v.RevocationReason)
}

// GetAttestation implements storage.AttestationStore.
func (s *Store) GetAttestation(ctx context.Context, uid string) (Attestation, error) {
	return one(ctx, s, s.q, "get attestation", scanAttestation, `SELECT `+attestationColumns+` FROM attestations WHERE uid = $1`, uid)
}

// ListAttestationsBySubject implements storage.AttestationStore.
func (s *Store) ListAttestationsBySubject(ctx context.Context, subjectID string) ([]Attestation, error) {
	return many(ctx, s, "list attestations", scanAttestation,
		`SELECT `+attestationColumns+` FROM attestations WHERE subject_id = $1 ORDER BY issued_at, uid`, subjectID)
}

// RevokeAttestation implements storage.AttestationStore.
func (s *Store) RevokeAttestation(ctx context.Context, uid, reason string, at time.Time) error {
	return s.tx(ctx, func(q Querier) error {
		n, err := q.Exec(ctx, `UPDATE attestations SET revoked_at = $3, revocation_reason = $2 WHERE uid = $1 AND revoked_at IS NULL`,
			uid, reason, micro(at))
		if err != nil {
			return fmt.Errorf("revoke attestation: %w", s.d.MapError(err))
		}
		if n == 1 {
			return nil
		}
		if _, err := one(ctx, s, q, "revoke attestation", scanAttestation,
			`SELECT `+attestationColumns+` FROM attestations WHERE uid = $1`, uid); err != nil {
			return err
		}
		return fmt.Errorf("revoke attestation %s: already revoked: %w", uid, storage.ErrConflict)
	})
}

// RevokeSubjectAttestations implements storage.AttestationStore.
func (s *Store) RevokeSubjectAttestations(ctx context.Context, subjectID, reason string, at time.Time) ([]string, error) {
	uids, err := many(ctx, s, "revoke subject attestations", func(r Row) (uid string, err error) {
		err = r.Scan(&uid)
		return uid, err
	}, `UPDATE attestations SET revoked_at = $3, revocation_reason = $2 WHERE subject_id = $1 AND revoked_at IS NULL RETURNING uid`,
		subjectID, reason, micro(at))
	slices.Sort(uids)
	return uids, err
}

// RevokeRecipientAttestations implements storage.AttestationStore.
func (s *Store) RevokeRecipientAttestations(ctx context.Context, subjectID, recipient, reason string, at time.Time) ([]string, error) {
	uids, err := many(ctx, s, "revoke recipient attestations", func(r Row) (uid string, err error) {
		err = r.Scan(&uid)
		return uid, err
	}, `UPDATE attestations SET revoked_at = $4, revocation_reason = $3
WHERE subject_id = $1 AND recipient = $2 AND revoked_at IS NULL RETURNING uid`,
		subjectID, storage.NormalizeAddress(recipient), reason, micro(at))
	slices.Sort(uids)
	return uids, err
}

// ---- audit log ----

const auditColumns = `id, at, actor, action, entity_kind, entity_id, detail`

func scanAudit(r Row) (e AuditEntry, err error) {
	err = r.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.EntityKind, &e.EntityID, &e.Detail)
	return e, err
}

// AppendAudit implements storage.AuditStore.
func (s *Store) AppendAudit(ctx context.Context, e *AuditEntry) error {
	if e.ID == "" {
		e.ID = storage.NewID("aud")
	}
	if e.Detail == "" {
		e.Detail = "{}"
	}
	e.At = micro(e.At)
	return s.insert(ctx, "append audit", `INSERT INTO audit_log (`+auditColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		e.ID, e.At, e.Actor, e.Action, e.EntityKind, e.EntityID, e.Detail)
}

// ListAudit implements storage.AuditStore, oldest first.
func (s *Store) ListAudit(ctx context.Context, entityKind, entityID string) ([]AuditEntry, error) {
	return many(ctx, s, "list audit", scanAudit, s.listAuditSQL, entityKind, entityID)
}

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
