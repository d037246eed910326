package sqlstore

import (
	"context"
	"strings"
	"time"

	"github.com/kycgate/kycgate/storage"
)

const screeningColumns = `id, address, chain_id, source, status, risk, categories, reference, error, checked_at`

func scanScreening(r Row) (v Screening, err error) {
	var chainID int64
	var categories string
	err = r.Scan(&v.ID, &v.Address, &chainID, &v.Source, &v.Status, &v.Risk, &categories, &v.Reference, &v.Error, &v.CheckedAt)
	v.ChainID, v.Categories = uint64(chainID), splitList(categories)
	return v, err
}

// splitList reads a comma-separated column ("" is an empty list).
func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// AddScreening implements storage.ScreeningStore.
func (s *Store) AddScreening(ctx context.Context, v *Screening) error {
	if v.ID == "" {
		v.ID = storage.NewID("scr")
	}
	v.Address, v.CheckedAt = storage.NormalizeAddress(v.Address), micro(v.CheckedAt)
	return s.insert(ctx, "add screening", `INSERT INTO screenings (`+screeningColumns+`)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, v.ID, v.Address, int64(v.ChainID), v.Source, v.Status, v.Risk,
		strings.Join(v.Categories, ","), v.Reference, v.Error, v.CheckedAt)
}

// ListScreenings implements storage.ScreeningStore.
func (s *Store) ListScreenings(ctx context.Context, address string, limit int) ([]Screening, error) {
	return many(ctx, s, "list screenings", scanScreening, `SELECT `+screeningColumns+` FROM screenings
WHERE address = $1 ORDER BY checked_at DESC, id DESC LIMIT $2`, storage.NormalizeAddress(address), limit)
}

// LatestScreenings implements storage.ScreeningStore.
func (s *Store) LatestScreenings(ctx context.Context, address string) ([]Screening, error) {
	return many(ctx, s, "latest screenings", scanScreening, `SELECT `+prefixed("s.", screeningColumns)+` FROM screenings s
WHERE s.address = $1 AND s.error = '' AND s.checked_at = (SELECT MAX(l.checked_at) FROM screenings l
WHERE l.address = s.address AND l.source = s.source AND l.error = '') ORDER BY s.source, s.id`, storage.NormalizeAddress(address))
}

const walletScreeningColumns = `address, outcome, risk, sources, failed, checked_at, held, held_at, accepted_risk, updated_at`

func scanWalletScreening(r Row) (v storage.WalletScreening, err error) {
	var sources string
	err = r.Scan(&v.Address, &v.Outcome, &v.Risk, &sources, &v.Failed, &v.CheckedAt, &v.Held, &v.HeldAt, &v.AcceptedRisk, &v.UpdatedAt)
	v.Sources = splitList(sources)
	return v, err
}

// GetWalletScreening implements storage.ScreeningStore.
func (s *Store) GetWalletScreening(ctx context.Context, address string) (storage.WalletScreening, error) {
	return one(ctx, s, s.q, "get wallet screening", scanWalletScreening, `SELECT `+walletScreeningColumns+`
FROM wallet_screenings WHERE address = $1`, storage.NormalizeAddress(address))
}

// PutWalletScreening implements storage.ScreeningStore.
func (s *Store) PutWalletScreening(ctx context.Context, v storage.WalletScreening) error {
	return s.insert(ctx, "put wallet screening", `INSERT INTO wallet_screenings (`+walletScreeningColumns+`)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (address) DO UPDATE SET outcome = excluded.outcome, risk = excluded.risk, sources = excluded.sources,
failed = excluded.failed, checked_at = excluded.checked_at, held = excluded.held, held_at = excluded.held_at,
accepted_risk = excluded.accepted_risk, updated_at = excluded.updated_at`,
		storage.NormalizeAddress(v.Address), v.Outcome, v.Risk, strings.Join(v.Sources, ","), v.Failed, micro(v.CheckedAt),
		v.Held, microPtr(v.HeldAt), v.AcceptedRisk, micro(v.UpdatedAt))
}

// ListHeldWallets implements storage.ScreeningStore.
func (s *Store) ListHeldWallets(ctx context.Context, limit int) ([]storage.WalletScreening, error) {
	return many(ctx, s, "list held wallets", scanWalletScreening, `SELECT `+walletScreeningColumns+`
FROM wallet_screenings WHERE held = $1 ORDER BY held_at, address LIMIT $2`, true, limit)
}

// ListWalletsToRescreen implements storage.ScreeningStore.
func (s *Store) ListWalletsToRescreen(ctx context.Context, now, before time.Time, limit int) ([]string, error) {
	return many(ctx, s, "list wallets to rescreen", func(r Row) (a string, err error) { return a, r.Scan(&a) },
		`SELECT w.address FROM wallets w
JOIN subjects sub ON sub.id = w.subject_id
LEFT JOIN wallet_screenings ws ON ws.address = w.address
WHERE (ws.checked_at IS NULL OR ws.checked_at < $2)
AND (sub.tenant_id <> ''
  OR EXISTS (SELECT 1 FROM subject_shares sh WHERE sh.subject_id = w.subject_id)
  OR EXISTS (SELECT 1 FROM attestations a WHERE a.recipient = w.address AND a.revoked_at IS NULL AND a.expires_at > $1))
ORDER BY ws.checked_at IS NOT NULL, ws.checked_at, w.address
LIMIT $3`, micro(now), micro(before), limit)
}
