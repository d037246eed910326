package sumsub

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"hash"
	"net/http"
	"time"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
)

// The webhook signature headers and algorithms.
const (
	HeaderDigest    = "X-Payload-Digest"
	HeaderDigestAlg = "X-Payload-Digest-Alg"

	AlgSHA1   = "HMAC_SHA1_HEX"
	AlgSHA256 = "HMAC_SHA256_HEX"
	AlgSHA512 = "HMAC_SHA512_HEX"
)

// CreatedAtLayout is the layout of a webhook's createdAtMs: a string, UTC.
const CreatedAtLayout = "2006-01-02 15:04:05.000"

// digestHash returns the hash of a digest algorithm; nil for any other value.
func digestHash(alg string) func() hash.Hash {
	switch alg {
	case AlgSHA1:
		return sha1.New
	case AlgSHA256:
		return sha256.New
	case AlgSHA512:
		return sha512.New
	}
	return nil
}

// Digest returns X-Payload-Digest for body: the lowercase hex HMAC of the raw body with
// the webhook secret under alg; "" for an unknown alg. The fake signs with it.
func Digest(secret []byte, alg string, body []byte) string {
	h := digestHash(alg)
	if h == nil {
		return ""
	}
	mac := hmac.New(h, secret)
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// Webhook is the part of a Sumsub webhook the adapter reads. Everything else in the body
// (reviewResult, clientComment…) is left to the stored, sealed raw body: the state is
// fetched from the API, never taken from the webhook.
type Webhook struct {
	ApplicantID    string `json:"applicantId"`
	InspectionID   string `json:"inspectionId"`
	CorrelationID  string `json:"correlationId"`
	ExternalUserID string `json:"externalUserId"`
	LevelName      string `json:"levelName"`
	Type           string `json:"type"`
	SandboxMode    bool   `json:"sandboxMode"`
	ReviewStatus   string `json:"reviewStatus"`
	CreatedAtMs    string `json:"createdAtMs"`
}

func refused(code, message string) error { return fault.UnauthorizedError(code, message) }

// VerifyWebhook implements provider.WebhookVerifier. X-Payload-Digest must be the hex HMAC of
// the raw body with the webhook secret, under the algorithm X-Payload-Digest-Alg names
// (HMAC_SHA1_HEX, HMAC_SHA256_HEX, HMAC_SHA512_HEX; HMAC_SHA256_HEX, Sumsub's default,
// when the header is absent; any other value is refused), compared in constant time; the
// body is parsed only after that.
//
// Sumsub signs no timestamp, so no staleness check is possible: a captured delivery can
// be replayed. That is harmless by construction: processing fetches the applicant's
// current state from the API instead of trusting the body, and the event's time (At,
// from createdAtMs) lets the pipeline ignore an event older than one it applied.
//
// The event id is "sha256:" + the hex SHA-256 of the raw body. Sumsub sends no event id,
// and correlationId is documented as a request trace, not as unique per event; a body
// digest stores an exact redelivery once, and a distinct event (another type, time or
// correlation id) never collides with an earlier one. A redelivery Sumsub re-encoded
// differently would be stored twice: harmless, since processing is an idempotent fetch.
func (p *Provider) VerifyWebhook(header http.Header, body []byte) (provider.WebhookEvent, error) {
	got := header.Get(HeaderDigest)
	if got == "" {
		return provider.WebhookEvent{}, refused("webhook_signature_missing", "the delivery has no "+HeaderDigest)
	}
	alg := header.Get(HeaderDigestAlg)
	if alg == "" {
		alg = AlgSHA256
	}
	h := digestHash(alg)
	if h == nil {
		return provider.WebhookEvent{}, refused("webhook_algorithm_refused", "the delivery's digest algorithm is not accepted")
	}
	sig, err := hex.DecodeString(got)
	mac := hmac.New(h, p.webhookSecret)
	mac.Write(body)
	if err != nil || !hmac.Equal(sig, mac.Sum(nil)) {
		return provider.WebhookEvent{}, refused("webhook_signature_invalid", "the delivery's signature does not match")
	}
	var w Webhook
	if err := json.Unmarshal(body, &w); err != nil || w.ApplicantID == "" {
		return provider.WebhookEvent{}, fault.InvalidError("webhook_body_invalid", "the delivery is not a Sumsub applicant event")
	}
	ev := provider.WebhookEvent{ID: bodyID(body), Ref: w.ApplicantID, Type: w.Type}
	if w.CreatedAtMs != "" {
		// time.DateTime accepts any fraction of a second after the seconds.
		at, err := time.Parse(time.DateTime, w.CreatedAtMs)
		if err != nil {
			return provider.WebhookEvent{}, fault.InvalidError("webhook_body_invalid", "the delivery's createdAtMs is not yyyy-MM-dd HH:mm:ss.fff")
		}
		ev.At = at.UTC()
	}
	return ev, nil
}

func bodyID(body []byte) string {
	sum := sha256.Sum256(body)
	return "sha256:" + hex.EncodeToString(sum[:])
}
