package compilot

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
)

// Svix's webhook headers.
const (
	HeaderID        = "svix-id"
	HeaderTimestamp = "svix-timestamp"
	HeaderSignature = "svix-signature"
)

// Tolerance is how far a delivery's svix-timestamp may be from the gateway's clock.
const Tolerance = 5 * time.Minute

// Webhook types the adapter fetches the customer for.
const (
	EventCustomerCreated = "customer.created"
	EventCustomerUpdated = "customer.updated"
	EventCustomerDeleted = "customer.deleted"
)

// Webhook is the part of ComPilot's envelope the adapter reads: the type and the
// customer's externalCustomerId (the gateway's verification id). Everything else stays
// in the stored, sealed raw body: the state is fetched, never taken from the webhook.
type Webhook struct {
	Type    string `json:"type"`
	Payload struct {
		ExternalCustomerID string `json:"externalCustomerId"`
	} `json:"payload"`
}

func refused(code, message string) error { return fault.UnauthorizedError(code, message) }

// VerifyWebhook implements provider.WebhookVerifier with Svix's scheme, as the Standard
// Webhooks library verifies it: svix-signature holds one or more space-separated
// "v1,<base64>" signatures, one of which must be base64(HMAC-SHA256(key, svix-id + "." +
// svix-timestamp + "." + raw body)) with the base64-decoded key after whsec_ (compared in
// constant time); svix-timestamp must be within Tolerance of the gateway's clock (the
// library's own check reads the wall clock, so the adapter checks against its Now). The
// body is parsed only after that. The event id is svix-id (Svix keeps it across retries
// of one message); the reference is the customer's externalCustomerId. An event about no
// customer is accepted with no reference (stored, nothing fetched).
func (p *Provider) VerifyWebhook(header http.Header, body []byte) (provider.WebhookEvent, error) {
	id, ts, sig := header.Get(HeaderID), header.Get(HeaderTimestamp), header.Get(HeaderSignature)
	if id == "" || ts == "" || sig == "" {
		return provider.WebhookEvent{}, refused("webhook_signature_missing", "the delivery lacks svix-id, svix-timestamp or svix-signature")
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return provider.WebhookEvent{}, refused("webhook_signature_invalid", "the delivery's svix-timestamp is not unix seconds")
	}
	at := time.Unix(sec, 0)
	if d := p.now().Sub(at); d > Tolerance || d < -Tolerance {
		return provider.WebhookEvent{}, refused("webhook_stale", "the delivery's svix-timestamp is more than 5 minutes away")
	}
	mapped := http.Header{}
	mapped.Set(standardwebhooks.HeaderWebhookID, id)
	mapped.Set(standardwebhooks.HeaderWebhookTimestamp, ts)
	mapped.Set(standardwebhooks.HeaderWebhookSignature, sig)
	if err := p.webhook.VerifyIgnoringTimestamp(body, mapped); err != nil {
		return provider.WebhookEvent{}, refused("webhook_signature_invalid", "the delivery's signature does not match")
	}
	var w Webhook
	if err := json.Unmarshal(body, &w); err != nil || w.Type == "" {
		return provider.WebhookEvent{}, fault.InvalidError("webhook_body_invalid", "the delivery is not a ComPilot event")
	}
	return provider.WebhookEvent{ID: id, Ref: w.Payload.ExternalCustomerID, Type: w.Type, At: at.UTC()}, nil
}
