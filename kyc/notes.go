package kyc

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/storage"
)

// SealedDetail is the member of an audit entry's detail that holds the free text people
// typed (a reviewer's reason, a note), sealed: {"sealed":{"reason":"<base64>"}}. The
// audit log keeps codes (actions, statuses, reject types) in plain text and never the
// words themselves, which may name people, dates or documents.
const SealedDetail = "sealed"

// Box seals and opens values under a context label, as pii.Sealer does.
type Box interface {
	Seal(plaintext []byte, label string) ([]byte, error)
	Open(sealed []byte, label string) ([]byte, error)
}

var _ Box = (*pii.Sealer)(nil)

// noteLabel binds a sealed note to the audited record and the field it was typed in, so
// a value copied into another record's entry does not open.
func noteLabel(entityKind, entityID, field string) string {
	return "audit:" + entityKind + ":" + entityID + ":" + field
}

// SealNotes puts notes (field → free text) into detail sealed under SealedDetail, with
// labels bound to the audited record. Empty notes are left out.
func SealNotes(sealer Box, entityKind, entityID string, detail map[string]any, notes map[string]string) error {
	sealed := map[string]string{}
	for _, field := range slices.Sorted(maps.Keys(notes)) {
		text := notes[field]
		if text == "" {
			continue
		}
		box, err := sealer.Seal([]byte(text), noteLabel(entityKind, entityID, field))
		if err != nil {
			return fmt.Errorf("kyc: seal audit %s: %w", field, err)
		}
		sealed[field] = base64.StdEncoding.EncodeToString(box)
	}
	if len(sealed) > 0 {
		detail[SealedDetail] = sealed
	}
	return nil
}

// OpenDetail returns an audit entry's detail with its sealed notes opened and put back
// in place ({"reason":"…"}), for those allowed to read them (reviewers, in a case's
// history). A detail without sealed notes is returned as it is.
func OpenDetail(sealer Box, e storage.AuditEntry) (json.RawMessage, error) {
	var detail map[string]json.RawMessage
	if json.Unmarshal([]byte(e.Detail), &detail) != nil || detail[SealedDetail] == nil {
		// Not an object, or nothing sealed: shown as stored.
		return json.RawMessage(e.Detail), nil
	}
	var sealed map[string]string
	if err := json.Unmarshal(detail[SealedDetail], &sealed); err != nil {
		return nil, fmt.Errorf("kyc: audit entry %s: sealed notes: %w", e.ID, err)
	}
	delete(detail, SealedDetail)
	for field, b64 := range sealed {
		box, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			return nil, fmt.Errorf("kyc: audit entry %s: %s: %w", e.ID, field, err)
		}
		plain, err := sealer.Open(box, noteLabel(e.EntityKind, e.EntityID, field))
		if err != nil {
			return nil, fmt.Errorf("kyc: audit entry %s: open %s: %w", e.ID, field, err)
		}
		text, err := json.Marshal(string(plain))
		if err != nil {
			return nil, err
		}
		detail[field] = text
	}
	return json.Marshal(detail)
}

// recordAudit appends an audit entry with detail in plain text and notes (field → free
// text) sealed (SealNotes).
func (s *Service) recordAudit(ctx context.Context, st storage.AuditStore, now time.Time, actor, action, entityKind, entityID string,
	detail map[string]any, notes map[string]string) error {
	if detail == nil {
		detail = map[string]any{}
	}
	if err := SealNotes(s.sealer, entityKind, entityID, detail, notes); err != nil {
		return err
	}
	return storage.RecordAudit(ctx, st, now, actor, action, entityKind, entityID, detail)
}
