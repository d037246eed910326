package storage

import (
	"context"
	"encoding/json"
	"time"
)

// AuditStore is the append-only audit log.
type AuditStore interface {
	AppendAudit(ctx context.Context, e *AuditEntry) error
	ListAudit(ctx context.Context, entityKind, entityID string) ([]AuditEntry, error)
}

// AuditEntry records who did what to which record, and why.
type AuditEntry struct {
	ID         string
	At         time.Time
	Actor      string
	Action     string
	EntityKind string
	EntityID   string
	// Detail is JSON without personal data.
	Detail string
}

// RecordAudit appends an audit entry whose detail is v marshalled to JSON. Detail must
// never hold personal data.
func RecordAudit(ctx context.Context, st AuditStore, at time.Time, actor, action, entityKind, entityID string, v any) error {
	detail := "{}"
	if v != nil {
		raw, err := json.Marshal(v)
		if err != nil {
			return err
		}
		detail = string(raw)
	}
	return st.AppendAudit(ctx, &AuditEntry{At: at, Actor: actor, Action: action, EntityKind: entityKind, EntityID: entityID, Detail: detail})
}
