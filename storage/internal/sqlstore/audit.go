package sqlstore

import (
	"context"

	"github.com/kycgate/kycgate/storage"
)

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
