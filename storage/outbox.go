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
	// RecordOutboxAttempt counts one delivery attempt of an event and keeps its result
	// (a.StatusCode, a.Error), its time (the first attempt's too, when none is recorded)
	// and the next attempt's time; it returns the updated event. ErrNotFound when absent.
	RecordOutboxAttempt(ctx context.Context, id string, a OutboxAttempt) (OutboxEvent, error)
	// ListOutbox returns the events of q.TenantID, newest first (created, then id
	// descending), at most q.Limit, after q.After when set (keyset pagination: events
	// inserted meanwhile never shift a page).
	ListOutbox(ctx context.Context, q OutboxQuery) ([]OutboxEvent, error)
	// RequeueOutboxEvent makes a finished event of tenantID unfinished again, as the
	// newest of its key (a new sequence number, taken with the key locked, so it goes out
	// after the key's current events and holds back only later ones), with its attempt
	// window restarted at the next attempt; it reports whether an earlier event of the key
	// is still unfinished. ErrNotFound when tenantID has no such event, ErrConflict when
	// it is unfinished.
	RequeueOutboxEvent(ctx context.Context, tenantID, id string) (e OutboxEvent, blocked bool, err error)
	// DeleteFinishedOutbox deletes at most limit events finished at or before before and
	// reports how many it deleted (the sweep calls it until fewer than limit go).
	DeleteFinishedOutbox(ctx context.Context, before time.Time, limit int) (int64, error)
}

// OutboxAttempt is the result of one delivery attempt.
type OutboxAttempt struct {
	At time.Time
	// StatusCode is the HTTP status the endpoint answered; 0 when there was no answer.
	StatusCode int
	// Error is a short, sanitised reason when the attempt failed without an answer
	// (timeout, connection refused): no URL, no response body.
	Error string
	// NextAt is when the next attempt is due; nil when none is planned.
	NextAt *time.Time
}

// OutboxState is the state of an outbox event as tenants see it: pending while
// unfinished, else its outcome.
type OutboxState string

// OutboxPending is the state of an unfinished event (the others are the outcomes).
const OutboxPending OutboxState = "pending"

// OutboxCursor is the position after which ListOutbox continues: the last event seen.
type OutboxCursor struct {
	CreatedAt time.Time
	ID        string
}

// OutboxQuery selects a tenant's outbox events (or every tenant's, for operators).
type OutboxQuery struct {
	TenantID string
	// AllTenants selects the events of every tenant (TenantID is then ignored): for
	// operators only.
	AllTenants bool
	// Failing keeps the troubled events: failed ones, and pending ones with at least one
	// (failed) attempt.
	Failing bool
	// Since keeps the events created at or after it; zero: no bound.
	Since time.Time
	// State filters (pending, delivered, failed); all when empty.
	State OutboxState
	// Limit is how many at most (at least 1).
	Limit int
	// After continues a listing; nil starts with the newest.
	After *OutboxCursor
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
	// TenantID is the tenant the event is for ("" for other kinds).
	TenantID string
	// Attempts counts the delivery attempts so far.
	Attempts int
	// LastStatus is the last attempt's HTTP status (0: none); LastError its short reason
	// when it had no answer.
	LastStatus int
	LastError  string
	// FirstAttemptAt starts the window after which delivery gives up (reset on a
	// replay); LastAttemptAt and NextAttemptAt are the last and the next attempt.
	FirstAttemptAt, LastAttemptAt, NextAttemptAt *time.Time
}

// State is the event's state: pending while unfinished, else its outcome.
func (e OutboxEvent) State() OutboxState {
	if e.FinishedAt == nil {
		return OutboxPending
	}
	return OutboxState(e.Outcome)
}
