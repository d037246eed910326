package kora

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kycgate/kycgate/screening/source"
)

// Webhook errors. ErrSignature covers every reason a delivery is not Kora's (missing,
// malformed or wrong signature, a stale timestamp) so an attacker learns nothing from
// which it was.
var (
	ErrSignature = errors.New("kora webhook: signature does not verify")
	ErrPayload   = errors.New("kora webhook: malformed or unknown event")
)

// TimestampTolerance bounds how far a signed timestamp (the "timestamp.body" form) may be
// from the gateway's clock.
const TimestampTolerance = 5 * time.Minute

// event is the webhook envelope {"event","data"} (guides/webhooks).
type event struct {
	ID    string `json:"id"`
	Event string `json:"event"`
	Data  struct {
		ScreeningID string `json:"screening_id"`
		SubjectID   string `json:"subject_id"`
		Decision    *struct {
			Outcome string `json:"outcome"`
		} `json:"decision"`
	} `json:"data"`
}

// Sign returns the hex HMAC-SHA256 of payload under secret: the signature Kora sends
// (and the fake signs with).
func Sign(secret string, payload []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(payload)
	return hex.EncodeToString(m.Sum(nil))
}

// VerifyEvent implements source.PersonScreener. It checks SignatureHeader, the hex
// HMAC-SHA256 of the raw body (or of "{timestamp}.{body}" with the timestamp from
// TimestampHeader, within TimestampTolerance), in constant time, then decodes the
// envelope. Only the three documented events are accepted. The event's ID is the
// envelope's id when Kora sends one, else the hex SHA-256 of the signed bytes, so a
// redelivery of the same bytes is a duplicate.
func (c *Client) VerifyEvent(h http.Header, body []byte) (source.PersonEvent, error) {
	signed := body
	if c.cfg.SignedPayload == SignTimestampBody {
		ts := h.Get(c.cfg.TimestampHeader)
		n, err := strconv.ParseInt(ts, 10, 64)
		if err != nil {
			return source.PersonEvent{}, ErrSignature
		}
		if d := c.now().Sub(time.Unix(n, 0)); d > TimestampTolerance || d < -TimestampTolerance {
			return source.PersonEvent{}, ErrSignature
		}
		signed = append([]byte(ts+"."), body...)
	}
	got, err := hex.DecodeString(strings.TrimPrefix(strings.TrimSpace(h.Get(c.cfg.SignatureHeader)), "sha256="))
	if err != nil || len(got) != sha256.Size {
		return source.PersonEvent{}, ErrSignature
	}
	m := hmac.New(sha256.New, []byte(c.cfg.WebhookSecret))
	m.Write(signed)
	if !hmac.Equal(got, m.Sum(nil)) {
		return source.PersonEvent{}, ErrSignature
	}
	var e event
	if err := json.Unmarshal(body, &e); err != nil {
		return source.PersonEvent{}, ErrPayload
	}
	out := source.PersonEvent{Type: e.Event, ID: e.ID, ScreeningID: e.Data.ScreeningID, SubjectID: e.Data.SubjectID}
	if out.ID == "" {
		sum := sha256.Sum256(signed)
		out.ID = hex.EncodeToString(sum[:])
	}
	switch e.Event {
	case source.EventScreeningCompleted:
		if e.Decision() == "" || out.ScreeningID == "" {
			return source.PersonEvent{}, ErrPayload
		}
		out.Outcome = source.PersonOutcome(e.Decision())
		if !out.Outcome.Valid() {
			return source.PersonEvent{}, ErrPayload
		}
	case source.EventScreeningMatchFound:
		if out.ScreeningID == "" && out.SubjectID == "" {
			return source.PersonEvent{}, ErrPayload
		}
	case source.EventRiskThresholdBreached:
		if out.SubjectID == "" {
			return source.PersonEvent{}, ErrPayload
		}
	default:
		return source.PersonEvent{}, ErrPayload
	}
	return out, nil
}

// Decision is the completed screening's outcome ("" when absent).
func (e event) Decision() string {
	if e.Data.Decision == nil {
		return ""
	}
	return e.Data.Decision.Outcome
}
