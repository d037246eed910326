package notify

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage"
)

// FailureWindow is how far back the operators' list of delivery failures looks.
const FailureWindow = 30 * 24 * time.Hour

// Operator is the operators' view of every tenant's webhooks (under /v1/operator): the
// tenants and their endpoints, the recent delivery failures, and replays. It never shows
// a secret, a payload, a response body, or more of an endpoint's URL than its origin.
type Operator struct {
	svc *Service
	// deliverer holds this replica's breakers; nil shows every circuit closed.
	deliverer *Deliverer
}

// NewOperator returns the operators' view over svc and the deliverer whose breakers it
// shows (nil: none).
func NewOperator(svc *Service, d *Deliverer) *Operator { return &Operator{svc: svc, deliverer: d} }

// Endpoint is a tenant's webhook endpoint as operators see it.
type Endpoint struct {
	// Enabled is true when the tenant has a webhook URL (its events are sent).
	Enabled bool `json:"enabled"`
	// Origin is the URL's scheme and host only (a path or query may carry a token);
	// absent when disabled.
	Origin string `json:"origin,omitempty"`
	// Circuit is the endpoint's breaker on the replica that answered; absent when
	// disabled.
	Circuit *Circuit `json:"circuit,omitempty"`
}

// TenantEndpoints is one tenant with its webhook endpoint.
type TenantEndpoints struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"createdAt"`
	Webhook   Endpoint  `json:"webhook"`
}

// Tenants lists every tenant with its webhook endpoint, in the store's order.
func (o *Operator) Tenants(ctx context.Context) ([]TenantEndpoints, error) {
	list, err := o.svc.store.ListTenants(ctx)
	if err != nil {
		return nil, err
	}
	now := o.svc.now()
	out := make([]TenantEndpoints, len(list))
	for i, t := range list {
		out[i] = TenantEndpoints{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt.UTC()}
		if t.WebhookURL == "" {
			continue
		}
		c := Circuit{State: CircuitClosed}
		if o.deliverer != nil {
			c = o.deliverer.endpoints().circuit(t.ID+" "+t.WebhookURL, now)
		}
		out[i].Webhook = Endpoint{Enabled: true, Origin: originOf(t.WebhookURL), Circuit: &c}
	}
	return out, nil
}

// Failure is a troubled delivery of any tenant: failed, or pending after a failed attempt
// (retrying, NextAttempt set).
type Failure struct {
	Delivery
	TenantID   string `json:"tenantId"`
	TenantName string `json:"tenantName"`
}

// FailurePage is a page of failures, newest first; NextCursor continues it (absent on
// the last page).
type FailurePage struct {
	Failures   []Failure `json:"failures"`
	NextCursor string    `json:"nextCursor,omitempty"`
}

// FailureQuery selects failures: State "" (both), "failed" or "retrying"; Limit 1 to
// MaxDeliveriesLimit (0: the default); Cursor from a previous page. It has a listing's
// shape (DeliveryQuery), with its own states.
type FailureQuery DeliveryQuery

// Failures lists the delivery failures of every tenant created in the last FailureWindow,
// newest first. Bad input is a 400: invalid_status, invalid_limit or invalid_cursor.
func (o *Operator) Failures(ctx context.Context, q FailureQuery) (FailurePage, error) {
	sq := storage.OutboxQuery{AllTenants: true, Failing: true, Since: o.svc.now().Add(-FailureWindow)}
	switch q.State {
	case "":
	case "failed":
		sq.State = storage.OutboxState(storage.OutboxFailed)
	case "retrying":
		sq.State = storage.OutboxPending
	default:
		return FailurePage{}, fault.InvalidError("invalid_status", "status is failed or retrying")
	}
	limit := q.Limit
	if limit == 0 {
		limit = DefaultDeliveriesLimit
	}
	if limit < 1 || limit > MaxDeliveriesLimit {
		return FailurePage{}, fault.InvalidError("invalid_limit", fmt.Sprintf("limit is 1 to %d", MaxDeliveriesLimit))
	}
	sq.Limit = limit + 1
	if q.Cursor != "" {
		after, err := decodeCursor(q.Cursor)
		if err != nil {
			return FailurePage{}, err
		}
		sq.After = after
	}
	events, err := o.svc.store.ListOutbox(ctx, sq)
	if err != nil {
		return FailurePage{}, err
	}
	tenants, err := o.svc.store.ListTenants(ctx)
	if err != nil {
		return FailurePage{}, err
	}
	names := make(map[string]string, len(tenants))
	for _, t := range tenants {
		names[t.ID] = t.Name
	}
	page := FailurePage{Failures: make([]Failure, 0, min(len(events), limit))}
	if len(events) > limit {
		events = events[:limit]
		page.NextCursor = encodeCursor(events[limit-1])
	}
	for _, e := range events {
		page.Failures = append(page.Failures, Failure{Delivery: deliveryOf(e), TenantID: e.TenantID, TenantName: names[e.TenantID]})
	}
	return page, nil
}

// Replay queues any tenant's delivered or failed event again, as the tenant's replay
// does (Service.Replay), audited as operator.webhook_replayed with the operator as
// actor; a pending event is left as it is. An unknown id is 404 delivery_not_found.
func (o *Operator) Replay(ctx context.Context, operatorID, id string) (Failure, error) {
	e, err := o.svc.replay(ctx, "", id, "operator:"+operatorID, "operator.webhook_replayed")
	if err != nil {
		return Failure{}, err
	}
	t, err := o.svc.store.GetTenant(ctx, e.TenantID)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return Failure{}, err
	}
	return Failure{Delivery: deliveryOf(e), TenantID: e.TenantID, TenantName: t.Name}, nil
}

// Register mounts, behind the operator middleware:
//
//	GET  /v1/operator/tenants                            → 200 {"tenants":[TenantEndpoints]}
//	GET  /v1/operator/webhook/failures?status=&limit=&cursor= → 200 FailurePage
//	POST /v1/operator/webhook/deliveries/:id/replay      → 202 Failure
func (o *Operator) Register(r gin.IRouter, operator gin.HandlerFunc) {
	g := r.Group("/v1/operator", operator)
	g.GET("/tenants", func(c *gin.Context) {
		list, err := o.Tenants(c.Request.Context())
		if err != nil {
			api.Abort(c, err)
			return
		}
		c.Header("Cache-Control", "no-store")
		c.JSON(http.StatusOK, gin.H{"tenants": list})
	})
	g.GET("/webhook/failures", func(c *gin.Context) {
		q, err := deliveryQueryOf(c)
		if err != nil {
			api.Abort(c, err)
			return
		}
		page, err := o.Failures(c.Request.Context(), FailureQuery(q))
		if err != nil {
			api.Abort(c, err)
			return
		}
		c.Header("Cache-Control", "no-store")
		c.JSON(http.StatusOK, page)
	})
	g.POST("/webhook/deliveries/:id/replay", api.NoBody, func(c *gin.Context) {
		operatorID, _ := auth.OperatorFrom(c.Request.Context())
		f, err := o.Replay(c.Request.Context(), operatorID, c.Param("id"))
		if err != nil {
			api.Abort(c, err)
			return
		}
		c.Header("Cache-Control", "no-store")
		c.JSON(http.StatusAccepted, f)
	})
}
