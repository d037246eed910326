package kyc

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage"
)

// MaxWebhookBytes is the largest inbound provider webhook body; a larger one is answered
// 413 body_too_large and nothing is stored.
const MaxWebhookBytes = 1 << 20

// WebhookPath is the route external providers deliver their webhooks to.
const WebhookPath = "/v1/webhooks/:provider"

// Ingested is what Ingest did with a verified webhook.
type Ingested struct {
	// EventID is the stored event's id (evt_…); empty for a duplicate.
	EventID string
	// Duplicate reports that the event was stored before: nothing changed.
	Duplicate bool
}

// ProcessEventArgs is the River job that processes one stored provider event (on any
// replica): inserted in the transaction that stores the event.
type ProcessEventArgs struct {
	// EventID is the stored event (storage.ProviderEvent.ID).
	EventID string `json:"eventId"`
	// Provider names the provider, for the jobs UI.
	Provider string `json:"provider"`
}

// Kind implements river.JobArgs.
func (ProcessEventArgs) Kind() string { return "kyc.provider_event" }

// eventLabel binds a sealed webhook payload to its provider and event.
func eventLabel(provider, eventID string) string { return "provider_event:" + provider + ":" + eventID }

// dedupeKey is the key an event is stored once under: the provider's own event id, or
// a SHA-256 digest of the body when the provider gives none.
func dedupeKey(ev WebhookEvent, body []byte) string {
	if ev.ID != "" {
		return ev.ID
	}
	sum := sha256.Sum256(body)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// webhookProvider returns the named provider when it receives webhooks.
func (s *Service) webhookProvider(name string) (WebhookVerifier, bool) {
	if s.persons != nil && name == s.persons.Name {
		return personWebhooks{s.persons.Screener}, true
	}
	wv, ok := s.providers[name].(WebhookVerifier)
	return wv, ok
}

// Ingest checks an inbound webhook's signature on the raw body (the provider compares in
// constant time) before anything parses it, then stores the event once, sealed, with
// the job that processes it, in one transaction. An unknown provider, or one without
// webhooks, is 404 unknown_provider; a signature that does not verify (forged, missing,
// stale) is 401 invalid_signature and stores nothing; an event stored before is a
// duplicate and changes nothing. Concurrent events share one transaction (committer).
func (s *Service) Ingest(ctx context.Context, provider string, header http.Header, body []byte) (Ingested, error) {
	wv, ok := s.webhookProvider(provider)
	if !ok {
		return Ingested{}, fault.NotFoundError("unknown_provider", "no provider receives webhooks here")
	}
	ev, err := wv.VerifyWebhook(header, body)
	if err != nil {
		s.metrics.webhook(provider, "refused")
		return Ingested{}, fault.Wrap(fault.Unauthorized, "invalid_signature", "the webhook's signature does not verify", err)
	}
	key := dedupeKey(ev, body)
	sealed, err := s.sealer.Seal(body, eventLabel(provider, key))
	if err != nil {
		return Ingested{}, err
	}
	e := storage.ProviderEvent{Provider: provider, EventID: key, Ref: ev.Ref, Payload: sealed, ReceivedAt: s.now()}
	if !ev.At.IsZero() {
		at := ev.At
		e.EventAt = &at
	}
	// Stored with the events arriving at the same time, in one transaction (a group
	// commit, see committer), and only then answered.
	it := &ingestItem{e: e, provider: provider}
	if err := s.ingest.add(ctx, it); err != nil {
		return Ingested{}, err
	}
	e = it.e
	if it.dup {
		s.metrics.webhook(provider, "duplicate")
		return Ingested{Duplicate: true}, nil
	}
	s.metrics.webhook(provider, "received")
	s.log.DebugContext(ctx, "provider webhook stored", "provider", provider, "event", e.ID, "type", ev.Type)
	return Ingested{EventID: e.ID}, nil
}

// readAll reads r up to limit bytes; more is an *http.MaxBytesError.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err == nil && int64(len(body)) > limit {
		err = &http.MaxBytesError{Limit: limit}
	}
	return body, err
}

// webhook serves POST /v1/webhooks/{provider}: the raw body, size-limited, goes to
// Ingest; 200 only once the event is durably stored (or was before).
func (h *Handler) webhook(c *gin.Context) {
	name := c.Param("provider")
	if _, ok := h.svc.webhookProvider(name); !ok {
		api.Abort(c, fault.NotFoundError("unknown_provider", "no provider receives webhooks here"))
		return
	}
	var body []byte
	var err error = &http.MaxBytesError{Limit: MaxWebhookBytes}
	if c.Request.ContentLength <= MaxWebhookBytes {
		body, err = readAll(c.Request.Body, MaxWebhookBytes)
	}
	if err != nil {
		if _, tooBig := errors.AsType[*http.MaxBytesError](err); tooBig {
			h.svc.metrics.webhook(name, "too_large")
		}
		api.Abort(c, err)
		return
	}
	res, err := h.svc.Ingest(c.Request.Context(), name, c.Request.Header, body)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"received": true, "duplicate": res.Duplicate})
}
