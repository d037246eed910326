package notify

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/riverqueue/river"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
)

// The bounds of a deliveries page (GET /v1/tenant/webhook/deliveries?limit=).
const (
	DefaultDeliveriesLimit = 50
	MaxDeliveriesLimit     = 100
)

// Delivery is one outbound event as its tenant sees it (the JSON of the deliveries
// routes): no payload, no URL, no response body.
type Delivery struct {
	// ID is the outbox event's id (obx_…), which replay takes.
	ID string `json:"id"`
	// MessageID is the webhook-id header every attempt carried (msg_…).
	MessageID string `json:"messageId"`
	// Type is the event type (verification.updated, attestation.issued, …).
	Type    string    `json:"type"`
	Created time.Time `json:"created"`
	// State is pending, delivered or failed.
	State    storage.OutboxState `json:"state"`
	Attempts int                 `json:"attempts"`
	// LastStatusCode is the last attempt's HTTP status, absent when it had none.
	LastStatusCode int `json:"lastStatusCode,omitempty"`
	// LastError is the last attempt's short reason when it got no HTTP answer (timeout,
	// connection_refused, …).
	LastError   string     `json:"lastError,omitempty"`
	LastAttempt *time.Time `json:"lastAttempt"`
	NextAttempt *time.Time `json:"nextAttempt"`
	Finished    *time.Time `json:"finished"`
}

// DeliveryPage is a page of deliveries, newest first; NextCursor continues it (absent on
// the last page).
type DeliveryPage struct {
	Deliveries []Delivery `json:"deliveries"`
	NextCursor string     `json:"nextCursor,omitempty"`
}

// DeliveryQuery is a listing request: State "" (all), pending, delivered or failed;
// Limit 1 to MaxDeliveriesLimit (0: the default); Cursor from a previous page.
type DeliveryQuery struct {
	State  string
	Limit  int
	Cursor string
}

// cursor is the opaque position of a page's last delivery.
type cursor struct {
	Created time.Time `json:"c"`
	ID      string    `json:"i"`
}

func encodeCursor(e storage.OutboxEvent) string {
	raw, _ := json.Marshal(cursor{Created: e.CreatedAt.UTC(), ID: e.ID})
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeCursor(s string) (*storage.OutboxCursor, error) {
	bad := fault.InvalidError("invalid_cursor", "cursor is not one this API returned")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(raw) > 256 {
		return nil, bad
	}
	var c cursor
	if err := api.DecodeStrict(bytes.NewReader(raw), &c); err != nil || c.ID == "" || c.Created.IsZero() {
		return nil, bad
	}
	return &storage.OutboxCursor{CreatedAt: c.Created, ID: c.ID}, nil
}

// Deliveries lists a tenant's outbound events, newest first. Bad input is a 400:
// invalid_status, invalid_limit or invalid_cursor.
func (s *Service) Deliveries(ctx context.Context, tenantID string, q DeliveryQuery) (DeliveryPage, error) {
	state := storage.OutboxState(q.State)
	switch state {
	case "", storage.OutboxPending, storage.OutboxState(storage.OutboxDelivered), storage.OutboxState(storage.OutboxFailed):
	default:
		return DeliveryPage{}, fault.InvalidError("invalid_status", "status is pending, delivered or failed")
	}
	limit := q.Limit
	if limit == 0 {
		limit = DefaultDeliveriesLimit
	}
	if limit < 1 || limit > MaxDeliveriesLimit {
		return DeliveryPage{}, fault.InvalidError("invalid_limit", fmt.Sprintf("limit is 1 to %d", MaxDeliveriesLimit))
	}
	sq := storage.OutboxQuery{TenantID: tenantID, State: state, Limit: limit + 1}
	if q.Cursor != "" {
		after, err := decodeCursor(q.Cursor)
		if err != nil {
			return DeliveryPage{}, err
		}
		sq.After = after
	}
	events, err := s.store.ListOutbox(ctx, sq)
	if err != nil {
		return DeliveryPage{}, err
	}
	page := DeliveryPage{Deliveries: make([]Delivery, 0, min(len(events), limit))}
	if len(events) > limit {
		events = events[:limit]
		page.NextCursor = encodeCursor(events[limit-1])
	}
	for _, e := range events {
		page.Deliveries = append(page.Deliveries, deliveryOf(e))
	}
	return page, nil
}

// deliveryOf is what a tenant sees of an outbox event.
func deliveryOf(e storage.OutboxEvent) Delivery {
	var m message
	_ = json.Unmarshal(e.Payload, &m)
	d := Delivery{ID: e.ID, MessageID: m.ID, Type: m.Type, Created: e.CreatedAt.UTC(), State: e.State(),
		Attempts: e.Attempts, LastStatusCode: e.LastStatus, LastError: e.LastError,
		LastAttempt: utc(e.LastAttemptAt), Finished: utc(e.FinishedAt)}
	if e.FinishedAt == nil {
		d.NextAttempt = utc(e.NextAttemptAt)
	}
	return d
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// Replay queues a delivered or failed event of tenantID again, as the newest event of
// its customer (it goes out after the customer's unfinished events), with a new attempt
// window; an event already pending is left as it is (idempotent). Another tenant's id is
// not_found, as an unknown one.
func (s *Service) Replay(ctx context.Context, tenantID, id string) (Delivery, error) {
	e, err := s.replay(ctx, tenantID, id, "tenant:"+tenantID, "tenant.webhook_replayed")
	if err != nil {
		return Delivery{}, err
	}
	return deliveryOf(e), nil
}

// replay requeues event id of tenantID (of any tenant when tenantID is "", for
// operators) in one transaction with its delivery job and an audit entry (actor, action;
// the entry names the tenant). A pending event is returned as it is.
func (s *Service) replay(ctx context.Context, tenantID, id, actor, action string) (storage.OutboxEvent, error) {
	var out storage.OutboxEvent
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		owner := tenantID
		if owner == "" {
			e, err := tx.GetOutboxEvent(ctx, id)
			if err != nil {
				return err
			}
			if e.TenantID == "" { // not a tenant's webhook event
				return storage.ErrNotFound
			}
			owner = e.TenantID
		}
		e, blocked, err := tx.RequeueOutboxEvent(ctx, owner, id)
		if errors.Is(err, storage.ErrConflict) {
			out, err = tx.GetOutboxEvent(ctx, id)
			return err
		}
		if err != nil {
			return err
		}
		jobID, err := queue.InsertTx(ctx, tx, DeliverArgs{EventID: e.ID}, &river.InsertOpts{Pending: blocked})
		if err != nil {
			return fmt.Errorf("webhook: replay: %w", err)
		}
		if err := tx.SetOutboxJob(ctx, e.ID, jobID); err != nil {
			return err
		}
		e.JobID, out = jobID, e
		var detail any
		if tenantID == "" {
			detail = map[string]string{"tenantId": owner}
		}
		return storage.RecordAudit(ctx, tx, s.now(), actor, action, "outbox", e.ID, detail)
	})
	if errors.Is(err, storage.ErrNotFound) {
		return out, fault.NotFoundError("delivery_not_found", "no such delivery")
	}
	return out, err
}

// deliveryQueryOf reads a listing's status, limit and cursor from the query string; a
// limit outside 1 to MaxDeliveriesLimit is 400 invalid_limit (the status and the cursor
// are checked by the listing).
func deliveryQueryOf(c *gin.Context) (DeliveryQuery, error) {
	q := DeliveryQuery{State: c.Query("status"), Cursor: c.Query("cursor")}
	if raw, ok := c.GetQuery("limit"); ok {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > MaxDeliveriesLimit {
			return q, fault.InvalidError("invalid_limit", fmt.Sprintf("limit is 1 to %d", MaxDeliveriesLimit))
		}
		q.Limit = n
	}
	return q, nil
}

// registerDeliveries mounts GET /v1/tenant/webhook/deliveries and POST
// /v1/tenant/webhook/deliveries/:id/replay on the tenant group.
func (s *Service) registerDeliveries(g gin.IRouter) {
	g.GET("/webhook/deliveries", func(c *gin.Context) {
		q, err := deliveryQueryOf(c)
		if err != nil {
			api.Abort(c, err)
			return
		}
		tenantID, _ := auth.TenantFrom(c.Request.Context())
		page, err := s.Deliveries(c.Request.Context(), tenantID, q)
		if err != nil {
			api.Abort(c, err)
			return
		}
		c.Header("Cache-Control", "no-store")
		c.JSON(http.StatusOK, page)
	})
	g.POST("/webhook/deliveries/:id/replay", api.NoBody, func(c *gin.Context) {
		tenantID, _ := auth.TenantFrom(c.Request.Context())
		d, err := s.Replay(c.Request.Context(), tenantID, c.Param("id"))
		if err != nil {
			api.Abort(c, err)
			return
		}
		c.JSON(http.StatusAccepted, d)
	})
}
