package sqlstore

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/kycgate/kycgate/storage"
)

// sealedColumn describes one column of storage.SealedColumns: its table, the key column
// rows are ordered and addressed by, and the SQL expression of the context label the
// values were sealed under (the labels the sealing code uses: kyc.birthDateLabel,
// kyc.dataLabel, manual.documentLabel, kyc.eventLabel, notify.secretLabel and
// kyc.noteLabel without its field).
type sealedColumn struct {
	table, key, column, label string
	// text columns hold JSON (audit_log.detail), not bytes.
	text bool
}

var sealedColumns = map[string]sealedColumn{
	"subjects.birth_date":     {table: "subjects", key: "id", column: "birth_date", label: `'subject:' || id || ':birth_date'`},
	"verifications.data":      {table: "verifications", key: "id", column: "data", label: `'verification:' || id || ':data'`},
	"documents.data":          {table: "documents", key: "id", column: "data", label: `'document:' || id`},
	"provider_events.payload": {table: "provider_events", key: "id", column: "payload", label: `'provider_event:' || provider || ':' || event_id`},
	"tenants.webhook_secret":  {table: "tenants", key: "id", column: "webhook_secret", label: `'tenant:' || id || ':webhook'`},
	"audit_log.detail": {table: "audit_log", key: "id", column: "detail", text: true,
		label: `'audit:' || entity_kind || ':' || entity_id || ':'`},
	// kyc.personLabel, kyc.intentLabel, kyc.detailLabel.
	"person_screenings.person": {table: "person_screenings", key: "id", column: "person", label: `'person_screening:' || id || ':person'`},
	"person_screenings.intent": {table: "person_screenings", key: "id", column: "intent", label: `'person_screening:' || id || ':intent'`},
	"person_screenings.detail": {table: "person_screenings", key: "id", column: "detail", label: `'person_screening:' || id || ':detail'`},
}

func lookupSealed(name string) (sealedColumn, error) {
	c, ok := sealedColumns[name]
	if !ok {
		return c, fmt.Errorf("sealed column %q: %w", name, storage.ErrNotFound)
	}
	return c, nil
}

// ListSealed implements storage.PersonalDataStore.
func (s *Store) ListSealed(ctx context.Context, column, after string, skipKeyID []byte, limit int) ([]storage.SealedValue, error) {
	c, err := lookupSealed(column)
	if err != nil {
		return nil, err
	}
	args := []any{after, limit}
	filter := c.column + ` IS NOT NULL AND length(` + c.column + `) > 0`
	switch {
	case c.text:
		filter = c.column + ` LIKE '%"sealed"%'`
	case len(skipKeyID) > 0:
		filter += ` AND substr(` + c.column + `, 2, 4) <> $3`
		args = append(args, skipKeyID)
	}
	q := fmt.Sprintf(`SELECT %s, %s, %s FROM %s WHERE %s > $1 AND %s ORDER BY %s LIMIT $2`,
		c.key, c.label, c.column, c.table, c.key, filter, c.key)
	return many(ctx, s, "list sealed "+column, func(r Row) (v storage.SealedValue, err error) {
		if c.text {
			var text string
			err = r.Scan(&v.Key, &v.Label, &text)
			v.Value = []byte(text)
			return v, err
		}
		err = r.Scan(&v.Key, &v.Label, &v.Value)
		return v, err
	}, q, args...)
}

// CountSealed implements storage.PersonalDataStore.
func (s *Store) CountSealed(ctx context.Context, column string) (map[string]int64, error) {
	c, err := lookupSealed(column)
	if err != nil {
		return nil, err
	}
	if c.text {
		return nil, fmt.Errorf("count sealed %s: notes are counted by the caller: %w", column, storage.ErrNotFound)
	}
	rows, err := many(ctx, s, "count sealed "+column, func(r Row) (kc struct {
		id []byte
		n  int64
	}, err error) {
		err = r.Scan(&kc.id, &kc.n)
		return kc, err
	}, fmt.Sprintf(`SELECT substr(%[1]s, 2, 4), count(*) FROM %[2]s WHERE %[1]s IS NOT NULL AND length(%[1]s) > 0
GROUP BY substr(%[1]s, 2, 4)`, c.column, c.table))
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, r := range rows {
		out[hex.EncodeToString(r.id)] += r.n
	}
	return out, nil
}

// ReplaceSealed implements storage.PersonalDataStore.
func (s *Store) ReplaceSealed(ctx context.Context, column, key string, old, sealed []byte) error {
	c, err := lookupSealed(column)
	if err != nil {
		return err
	}
	var oldArg, newArg any = old, sealed
	if c.text {
		oldArg, newArg = string(old), string(sealed)
	}
	n, err := s.q.Exec(ctx, fmt.Sprintf(`UPDATE %s SET %s = $3 WHERE %s = $1 AND %s = $2`, c.table, c.column, c.key, c.column),
		key, oldArg, newArg)
	if err != nil {
		return fmt.Errorf("replace sealed %s: %w", column, s.d.MapError(err))
	}
	if n == 0 {
		return fmt.Errorf("replace sealed %s %s: %w", column, key, storage.ErrConflict)
	}
	return nil
}

// GetResealCursor implements storage.PersonalDataStore.
func (s *Store) GetResealCursor(ctx context.Context, column string) (string, error) {
	var after string
	err := s.q.QueryRow(ctx, `SELECT last_key FROM reseal_cursors WHERE name = $1`, column).Scan(&after)
	if err != nil {
		if err = s.d.MapError(err); errors.Is(err, storage.ErrNotFound) {
			return "", nil
		}
		return "", fmt.Errorf("get reseal cursor: %w", err)
	}
	return after, nil
}

// SetResealCursor implements storage.PersonalDataStore.
func (s *Store) SetResealCursor(ctx context.Context, column, after string) error {
	return s.insert(ctx, "set reseal cursor", `INSERT INTO reseal_cursors (name, last_key) VALUES ($1, $2)
ON CONFLICT (name) DO UPDATE SET last_key = excluded.last_key`, column, after)
}
