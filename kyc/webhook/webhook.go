// Package webhook sends tenants signed outbound webhooks (the Standard Webhooks spec):
// Enqueue turns a change into one durable delivery job per tenant to notify, inside the
// transaction of the change, and Deliverer is the job handler that signs and POSTs them.
// The tenant's endpoint is managed with Service (PUT/GET/DELETE /v1/tenant/webhook).
package webhook

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/kycgate/kycgate/storage"
)

// JobKind is the kind of the delivery jobs.
const JobKind = "webhook.deliver"

// The event types.
const (
	// TypeVerificationUpdated: a verification changed status.
	TypeVerificationUpdated = "verification.updated"
	// TypeAttestationIssued: an attestation was issued.
	TypeAttestationIssued = "attestation.issued"
	// TypeAttestationRevoked: an attestation was revoked.
	TypeAttestationRevoked = "attestation.revoked"
)

// Event is something tenants are told about. Data must hold no personal data.
type Event struct {
	Type string
	Time time.Time
	Data map[string]any
}

// message is the payload of a delivery job: one event for one tenant.
type message struct {
	ID        string         `json:"id"`
	TenantID  string         `json:"tenantId"`
	Type      string         `json:"type"`
	Timestamp time.Time      `json:"timestamp"`
	Data      map[string]any `json:"data"`
}

// Enqueue adds a delivery job of ev for every tenant the subject is shared with, and for
// tenantHint (the tenant a verification was opened for) when it is not empty. Tenants
// without a webhook URL are skipped. When a tenant is the one whose customer the subject
// is (regular mode), the data gains its externalCustomerId. Each job's OrderingKey is
// tenant:subject, so one customer's events reach a tenant in order, and its DedupKey is
// the message id (webhook-id). Call it with the transaction of the change.
func Enqueue(ctx context.Context, tx storage.Store, subjectID, tenantHint string, ev Event) error {
	tenants, err := tx.ListSubjectShares(ctx, subjectID)
	if err != nil {
		return fmt.Errorf("webhook: list shares: %w", err)
	}
	if tenantHint != "" && !slices.Contains(tenants, tenantHint) {
		tenants = append(tenants, tenantHint)
	}
	if len(tenants) == 0 {
		return nil
	}
	sub, err := tx.GetSubject(ctx, subjectID)
	if err != nil {
		return fmt.Errorf("webhook: get subject: %w", err)
	}
	for _, id := range tenants {
		t, err := tx.GetTenant(ctx, id)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("webhook: get tenant: %w", err)
		}
		if t.WebhookURL == "" {
			continue
		}
		data := maps.Clone(ev.Data)
		if data == nil {
			data = map[string]any{}
		}
		if sub.TenantID == id && sub.ExternalCustomerID != "" {
			data["externalCustomerId"] = sub.ExternalCustomerID
		}
		msg := message{ID: storage.NewID("msg"), TenantID: id, Type: ev.Type, Timestamp: ev.Time.UTC(), Data: data}
		raw, err := json.Marshal(msg)
		if err != nil {
			return err
		}
		job := storage.Job{Kind: JobKind, DedupKey: msg.ID, OrderingKey: id + ":" + subjectID, Payload: raw,
			DueAt: ev.Time, CreatedAt: ev.Time}
		if err := tx.EnqueueJob(ctx, &job); err != nil {
			return fmt.Errorf("webhook: enqueue: %w", err)
		}
	}
	return nil
}

// VerificationUpdated is the event of a verification's (new) status. It names the
// verification, its status, level and mode, and the subject's wallets.
func VerificationUpdated(ctx context.Context, tx storage.Store, v storage.Verification, at time.Time) (Event, error) {
	wallets, err := tx.ListWallets(ctx, v.SubjectID)
	if err != nil {
		return Event{}, fmt.Errorf("webhook: list wallets: %w", err)
	}
	addresses := make([]string, 0, len(wallets))
	for _, w := range wallets {
		addresses = append(addresses, w.Address)
	}
	data := map[string]any{"verificationId": v.ID, "status": v.Status, "level": v.Level, "mode": v.Mode,
		"wallets": addresses}
	if v.RejectType != "" {
		data["rejectType"] = v.RejectType
	}
	return Event{Type: TypeVerificationUpdated, Time: at, Data: data}, nil
}

// EnqueueVerification enqueues the verification.updated event of v (its subject's
// tenants and the tenant it was opened for).
func EnqueueVerification(ctx context.Context, tx storage.Store, v storage.Verification, at time.Time) error {
	ev, err := VerificationUpdated(ctx, tx, v, at)
	if err != nil {
		return err
	}
	return Enqueue(ctx, tx, v.SubjectID, v.TenantID, ev)
}

// EnqueueAttestation enqueues attestation.issued (reason empty) or attestation.revoked
// for a subject's tenants.
func EnqueueAttestation(ctx context.Context, tx storage.Store, a storage.Attestation, reason string, at time.Time) error {
	ev := Event{Type: TypeAttestationIssued, Time: at,
		Data: map[string]any{"uid": a.UID, "chainId": a.ChainID, "recipient": a.Recipient}}
	if a.RevokedAt != nil {
		ev.Type = TypeAttestationRevoked
		ev.Data["reason"] = reason
	}
	return Enqueue(ctx, tx, a.SubjectID, "", ev)
}
