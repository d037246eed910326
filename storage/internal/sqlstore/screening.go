package sqlstore

import (
	"context"

	"github.com/kycgate/kycgate/storage"
)

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
