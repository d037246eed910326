package kyc

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/riverqueue/river"

	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/storage"
)

// The person-screening service's webhooks (POST /v1/webhooks/kora) go through the same
// inbound pipeline as the providers' (signature on the raw body first, stored once,
// sealed, answered 200, processed by a job): personWebhooks verifies them, and
// processPersonEvent acts on them. The stored reference says what the event is about:
// "screening:<id>" (screening.completed) or "subject:<id>" (a monitored person's
// screening.match_found or risk.threshold_breached).

// personWebhooks adapts the service's VerifyEvent to the pipeline's WebhookVerifier.
type personWebhooks struct{ ps source.PersonScreener }

func (w personWebhooks) VerifyWebhook(h http.Header, body []byte) (WebhookEvent, error) {
	ev, err := w.ps.VerifyEvent(h, body)
	if err != nil {
		return WebhookEvent{}, err
	}
	ref := "screening:" + ev.ScreeningID
	if ev.Type != source.EventScreeningCompleted && ev.SubjectID != "" {
		ref = "subject:" + ev.SubjectID
	}
	return WebhookEvent{ID: ev.ID, Type: ev.Type, Ref: ref}, nil
}

// processPersonEvent acts on a stored event of the person-screening service. A
// completed screening is read back from the service (the webhook only says which) and
// decides its verification or subject; a monitored person's match holds the subject.
// The event is marked processed with its effect, or alone when there is none.
func (s *Service) processPersonEvent(ctx context.Context, e storage.ProviderEvent, attempt int) error {
	kind, id, _ := strings.Cut(e.Ref, ":")
	var rec storage.PersonScreening
	var err error
	switch kind {
	case "screening":
		rec, err = s.store.GetPersonScreeningByVendorID(ctx, s.persons.Name, id)
	case "subject":
		rec, err = s.store.LatestMonitoredScreening(ctx, s.persons.Name, id)
	default:
		return s.store.MarkProviderEventProcessed(ctx, e.ID, "", s.now())
	}
	if errors.Is(err, storage.ErrNotFound) {
		// The screening's id may still be committing (an ASYNC answer and its webhook race).
		err = fmt.Errorf("kyc: %s event %s: no person screening has this reference", e.Provider, e.ID)
		if attempt >= unknownRefAttempts {
			return river.JobCancel(err)
		}
		return err
	}
	if err != nil {
		return err
	}
	now := s.now()
	if kind == "subject" {
		return s.store.InTx(ctx, func(tx storage.Store) error {
			if err := s.hold(ctx, tx, rec.SubjectID, CodeAMLReview, rec.ID, "screening:"+s.persons.Name, now); err != nil {
				return err
			}
			return tx.MarkProviderEventProcessed(ctx, e.ID, rec.VerificationID, now)
		})
	}
	if rec.State == storage.PersonPending {
		res, err := s.persons.Screener.Screening(ctx, rec.ScreeningID)
		if err != nil {
			return asFault(err)
		}
		if res.Pending {
			return errStillPending
		}
		if err := s.complete(ctx, rec, res); err != nil {
			return err
		}
	}
	return s.store.MarkProviderEventProcessed(ctx, e.ID, rec.VerificationID, now)
}
