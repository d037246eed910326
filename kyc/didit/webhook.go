package didit

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
)

// The webhook headers Didit signs with. The adapter verifies HeaderSignature (over the
// raw body) and HeaderTimestamp; V2 and Simple are sent too but not relied on.
const (
	HeaderSignature       = "X-Signature"
	HeaderTimestamp       = "X-Timestamp"
	HeaderSignatureV2     = "X-Signature-V2"
	HeaderSignatureSimple = "X-Signature-Simple"
)

// MaxSkew is how far X-Timestamp may be from now, either way.
const MaxSkew = 300 * time.Second

// Sign returns X-Signature for body: the lowercase hex HMAC-SHA256 of the raw body with the
// webhook secret. The fake signs with it.
func Sign(secret, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// Webhook is the part of a Didit webhook the adapter reads. The rest (the decision, with
// personal data) is left to the stored, sealed raw body: the state is fetched from the
// API, never taken from the webhook.
type Webhook struct {
	SessionID   string `json:"session_id"`
	Status      string `json:"status"`
	WebhookType string `json:"webhook_type"`
	EventID     string `json:"event_id"`
	Timestamp   int64  `json:"timestamp"`
}

func refused(code, message string) error { return fault.UnauthorizedError(code, message) }

// VerifyWebhook implements provider.WebhookVerifier. X-Signature must be the hex
// HMAC-SHA256 of the raw body with the webhook secret (compared in constant time) and
// X-Timestamp (unix seconds) within MaxSkew of now; the body is parsed only after that.
// The event id is Didit's event_id (a redelivery carries the same one), At the body's
// timestamp.
//
// X-Signature covers the body, not X-Timestamp: a captured delivery re-sent with a fresh
// X-Timestamp passes. That is harmless by construction: its event_id is already stored
// (a duplicate), and processing fetches the session's decision instead of trusting the
// body.
func (p *Provider) VerifyWebhook(header http.Header, body []byte) (provider.WebhookEvent, error) {
	got, ts := header.Get(HeaderSignature), header.Get(HeaderTimestamp)
	if got == "" || ts == "" {
		return provider.WebhookEvent{}, refused("webhook_signature_missing", "the delivery has no "+HeaderSignature+" or "+HeaderTimestamp)
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return provider.WebhookEvent{}, refused("webhook_timestamp_invalid", "the delivery's "+HeaderTimestamp+" is not unix seconds")
	}
	if skew := p.now().Sub(time.Unix(sec, 0)); skew > MaxSkew || skew < -MaxSkew {
		return provider.WebhookEvent{}, refused("webhook_stale", "the delivery's timestamp is too far from now")
	}
	sig, err := hex.DecodeString(got)
	mac := hmac.New(sha256.New, p.webhookSecret)
	mac.Write(body)
	if err != nil || !hmac.Equal(sig, mac.Sum(nil)) {
		return provider.WebhookEvent{}, refused("webhook_signature_invalid", "the delivery's signature does not match")
	}
	var w Webhook
	if err := json.Unmarshal(body, &w); err != nil || w.SessionID == "" {
		return provider.WebhookEvent{}, fault.InvalidError("webhook_body_invalid", "the delivery is not a Didit session event")
	}
	ev := provider.WebhookEvent{ID: w.EventID, Ref: w.SessionID, Type: w.WebhookType}
	if w.Timestamp > 0 {
		ev.At = time.Unix(w.Timestamp, 0).UTC()
	}
	return ev, nil
}
