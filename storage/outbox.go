package storage

import (
	"context"
	"time"
)

// OutboxStore keeps events that must leave the gateway in order per key (outbound tenant
// webhooks: key tenant:subject). Appending takes the next sequence number of the key
// under a lock on the key, so two transactions that append to one key are serialised
// and the sequence follows commit order. A background job per event delivers it once
// every earlier event of its key is finished.
type OutboxStore interface {
	// AppendOutbox stores e with the next sequence number of e.Key (set on e, with ID)
	// and reports whether an earlier event of the key is still unfinished.
	AppendOutbox(ctx context.Context, e *OutboxEvent) (blocked bool, err error)
	// SetOutboxJob records the id of the background job that delivers an event.
	SetOutboxJob(ctx context.Context, id string, jobID int64) error
	GetOutboxEvent(ctx context.Context, id string) (OutboxEvent, error)
	// OutboxBlocker returns the earliest unfinished event of key before seq, or
	// ErrNotFound when every earlier event is finished.
	OutboxBlocker(ctx context.Context, key string, seq int64) (OutboxEvent, error)
	// FinishOutboxEvent marks an unfinished event finished (delivered or given up) with
	// the key locked, and returns the next unfinished event of its key (nil when there is
	// none), whose job the caller wakes. ErrConflict if it was finished already.
	FinishOutboxEvent(ctx context.Context, id string, at time.Time, outcome OutboxOutcome) (next *OutboxEvent, err error)
}

// OutboxOutcome is how an outbox event finished.
type OutboxOutcome string

// The outbox outcomes.
const (
	OutboxDelivered OutboxOutcome = "delivered"
	OutboxFailed    OutboxOutcome = "failed"
)

// OutboxEvent is one event waiting to leave the gateway, in order within its key.
type OutboxEvent struct {
	ID string
	// Key orders events: those of one key are delivered in Seq order.
	Key string
	Seq int64
	// Kind says what the payload is (e.g. "webhook").
	Kind string
	// Payload is the event, without personal data.
	Payload []byte
	// JobID is the background job that delivers it; 0 until recorded.
	JobID      int64
	CreatedAt  time.Time
	FinishedAt *time.Time
	Outcome    OutboxOutcome
}
