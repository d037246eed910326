// Package notify sends tenants signed outbound webhooks (the Standard Webhooks spec):
// Enqueue turns a change into one outbox event and one River delivery job per tenant to
// notify, inside the transaction of the change, and Deliverer is the River worker that
// signs and POSTs them, in order per customer (the outbox key tenant:subject).
// The tenant's endpoint is managed with Service (PUT/GET/DELETE /v1/tenant/webhook).
package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
)

// JobKind is the kind of the delivery jobs.
const JobKind = "webhook.deliver"

// DeliverArgs is the delivery job of one outbox event.
type DeliverArgs struct {
	EventID string `json:"eventId"`
}

// Kind implements river.JobArgs.
func (DeliverArgs) Kind() string { return JobKind }

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

// message is the payload of an outbox event: one event for one tenant.
type message struct {
	ID        string         `json:"id"`
	TenantID  string         `json:"tenantId"`
	Type      string         `json:"type"`
	Timestamp time.Time      `json:"timestamp"`
	Data      map[string]any `json:"data"`
}

// Enqueue adds one outbox event of ev for a tenant and its delivery job, unless the tenant
// has no webhook URL. The event's key is tenant:subject, so one customer's events reach a
// tenant in order: the job of an event with an unfinished predecessor is inserted
// pending, and the predecessor's job wakes it when it finishes. Call it with the
// transaction of the change.
func Enqueue(ctx context.Context, tx storage.Store, tenantID, subjectID string, ev Event) error {
	t, err := tx.GetTenant(ctx, tenantID)
	if errors.Is(err, storage.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("webhook: get tenant: %w", err)
	}
	if t.WebhookURL == "" {
		return nil
	}
	data := maps.Clone(ev.Data)
	if data == nil {
		data = map[string]any{}
	}
	msg := message{ID: storage.NewID("msg"), TenantID: tenantID, Type: ev.Type, Timestamp: ev.Time.UTC(), Data: data}
	raw, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	return tx.InTx(ctx, func(tx storage.Store) error {
		e := storage.OutboxEvent{Key: tenantID + ":" + subjectID, Kind: "webhook", TenantID: tenantID, Payload: raw,
			CreatedAt: ev.Time}
		blocked, err := tx.AppendOutbox(ctx, &e)
		if err != nil {
			return fmt.Errorf("webhook: enqueue: %w", err)
		}
		jobID, err := queue.InsertTx(ctx, tx, DeliverArgs{EventID: e.ID}, &river.InsertOpts{Pending: blocked})
		if err != nil {
			return fmt.Errorf("webhook: enqueue: %w", err)
		}
		return tx.SetOutboxJob(ctx, e.ID, jobID)
	})
}

// EnqueueVerification enqueues the verification.updated event of v for the two tenants
// entitled to it: the tenant the verification was opened for, and the tenant whose
// regular-mode customer the subject is. Only the latter also learns the subject's
// wallets and its externalCustomerId: a tenant a wallet holder verified for is not told
// which other wallets, or which other dApps, the holder has.
func EnqueueVerification(ctx context.Context, tx storage.Store, v storage.Verification, at time.Time) error {
	sub, err := tx.GetSubject(ctx, v.SubjectID)
	if err != nil {
		return fmt.Errorf("webhook: get subject: %w", err)
	}
	owner := customerOwner(sub)
	base := map[string]any{"verificationId": v.ID, "status": v.Status, "level": v.Level, "mode": v.Mode}
	if v.RejectType != "" {
		base["rejectType"] = v.RejectType
	}
	for _, tenantID := range slices.Compact([]string{v.TenantID, owner}) {
		if tenantID == "" {
			continue
		}
		data := maps.Clone(base)
		if tenantID == owner {
			wallets, err := tx.ListWallets(ctx, v.SubjectID)
			if err != nil {
				return fmt.Errorf("webhook: list wallets: %w", err)
			}
			addresses := make([]string, 0, len(wallets))
			for _, w := range wallets {
				addresses = append(addresses, w.Address)
			}
			data["wallets"] = addresses
			data["externalCustomerId"] = sub.ExternalCustomerID
		}
		if err := Enqueue(ctx, tx, tenantID, v.SubjectID, Event{Type: TypeVerificationUpdated, Time: at, Data: data}); err != nil {
			return err
		}
	}
	return nil
}

// EnqueueAttestation enqueues attestation.issued (when a is not revoked) or
// attestation.revoked for the tenant whose regular-mode customer the subject is: the
// recipient is a wallet, which only that tenant may learn.
func EnqueueAttestation(ctx context.Context, tx storage.Store, a storage.Attestation, reason string, at time.Time) error {
	sub, err := tx.GetSubject(ctx, a.SubjectID)
	if err != nil {
		return fmt.Errorf("webhook: get subject: %w", err)
	}
	owner := customerOwner(sub)
	if owner == "" {
		return nil
	}
	ev := Event{Type: TypeAttestationIssued, Time: at, Data: map[string]any{"uid": a.UID, "chainId": a.ChainID,
		"recipient": a.Recipient, "externalCustomerId": sub.ExternalCustomerID}}
	if a.RevokedAt != nil {
		ev.Type = TypeAttestationRevoked
		ev.Data["reason"] = reason
	}
	return Enqueue(ctx, tx, owner, a.SubjectID, ev)
}

// customerOwner is the tenant whose regular-mode customer sub is, or "".
func customerOwner(sub storage.Subject) string {
	if sub.ExternalCustomerID == "" {
		return ""
	}
	return sub.TenantID
}
