package kyc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage"
)

// unknownRefAttempts is how many runs an event about a provider reference no
// verification carries gets before its job is cancelled: the reference may still be
// committing (a provider can notify while the session is being opened).
const unknownRefAttempts = 3

// errUnchanged stops a change whose verification is already where the provider says.
var errUnchanged = errors.New("kyc: the verification is already in that state")

// eventWorker is the River worker of ProcessEventArgs.
type eventWorker struct {
	river.WorkerDefaults[ProcessEventArgs]
	s *Service
}

func (w *eventWorker) Work(ctx context.Context, job *river.Job[ProcessEventArgs]) error {
	return honourRetryAfter(job.JobRow, w.s.processEvent(ctx, job.Args.EventID, job.Attempt))
}

// Bounds on waiting as a provider asks (Retry-After on a 429 or 5xx).
const (
	// maxRetryAfterWaits is how many times one job waits as asked before its failures
	// go back to counting against its attempts (River's backoff).
	maxRetryAfterWaits = 10
	// maxRetryAfter caps one wait.
	maxRetryAfter = time.Hour
)

// honourRetryAfter turns a provider error that says when to come back (a fault with
// RetryAfter, from a 429 or a 5xx with Retry-After) into a snooze of that long, so the
// next fetch is not sooner than the provider asked; a snooze does not use an attempt, so
// a job waits so at most maxRetryAfterWaits times, then retries on River's backoff.
// Other errors pass through.
func honourRetryAfter(job *rivertype.JobRow, err error) error {
	fe, ok := errors.AsType[*fault.Error](err)
	if !ok || fe.RetryAfter <= 0 || permanent(err) {
		return err
	}
	var meta struct {
		Snoozes int `json:"snoozes"`
	}
	_ = json.Unmarshal(job.Metadata, &meta)
	if meta.Snoozes >= maxRetryAfterWaits {
		return err
	}
	return river.JobSnooze(min(fe.RetryAfter, maxRetryAfter))
}

// processEvent processes one stored provider event, once: it finds the verification by
// the provider's reference, skips an event older than one already processed for it, and
// otherwise fetches the authoritative state (refresh). The event is marked processed in
// the transaction of the change it causes, so a run repeated after a crash does nothing.
func (s *Service) processEvent(ctx context.Context, id string, attempt int) (err error) {
	e, err := s.store.GetProviderEvent(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return river.JobCancel(fmt.Errorf("kyc: no provider event %s", id))
	}
	if err != nil {
		return err
	}
	if e.ProcessedAt != nil {
		return nil
	}
	defer func() {
		if err == nil {
			s.metrics.processed(e, s.now())
		}
	}()
	if s.persons != nil && e.Provider == s.persons.Name {
		return s.processPersonEvent(ctx, e, attempt)
	}
	if e.Ref == "" {
		// About no session (an account-level notice): nothing to fetch.
		return s.store.MarkProviderEventProcessed(ctx, e.ID, "", s.now())
	}
	v, err := s.store.GetVerificationByProviderRef(ctx, e.Provider, e.Ref)
	if errors.Is(err, storage.ErrNotFound) {
		err = fmt.Errorf("kyc: %s event %s: no verification has this provider reference", e.Provider, e.ID)
		s.metrics.failure(e.Provider, "retry")
		if attempt >= unknownRefAttempts {
			s.metrics.failure(e.Provider, "permanent")
			return river.JobCancel(err)
		}
		return err
	}
	if err != nil {
		return err
	}
	if e.EventAt != nil {
		latest, ok, err := s.store.LatestProviderEventAt(ctx, v.ID)
		if err != nil {
			return err
		}
		if ok && latest.After(*e.EventAt) {
			// A newer event was processed: the state it fetched is newer than this one's.
			s.log.DebugContext(ctx, "provider event superseded", "provider", e.Provider, "event", e.ID, "verification", v.ID)
			return s.store.MarkProviderEventProcessed(ctx, e.ID, v.ID, s.now())
		}
	}
	return s.refresh(ctx, v, &e, "webhook")
}

// refresh fetches a verification's authoritative state from its provider and applies it
// through the one writer (Apply). An unchanged state, or one the state machine does not
// allow from the current status (an older state: providers may report behind the
// gateway), changes nothing. For an approved verification, a later decline, reset or
// deactivation (rejected, resubmission requested or revoked) revokes it. ev, when set,
// is the event being processed: it is marked processed with the change, or alone when
// nothing changes.
//
// A provider error is returned for River to retry with backoff, unless it is a client
// error (a fault other than rate limited, unavailable or internal): then the job is
// cancelled and the verification gets an audited note naming the error's code.
func (s *Service) refresh(ctx context.Context, v storage.Verification, ev *storage.ProviderEvent, source string) error {
	actor := "provider:" + v.Provider
	f, ok := s.providers[v.Provider].(Fetcher)
	if !ok {
		return river.JobCancel(fmt.Errorf("kyc: provider %q is not configured or cannot be fetched from", v.Provider))
	}
	opened, err := s.open(v)
	if err != nil {
		return err
	}
	res, err := f.Fetch(ctx, opened)
	if err != nil {
		if !permanent(err) {
			s.metrics.failure(v.Provider, "retry")
			return fmt.Errorf("kyc: fetch %s from %s: %w", v.ID, v.Provider, err)
		}
		s.metrics.failure(v.Provider, "permanent")
		detail := map[string]any{"code": fault.Code(err), "source": source}
		if _, nerr := s.Apply(ctx, Change{VerificationID: v.ID, Action: "verification.provider_error", Actor: actor,
			Detail: detail}); nerr != nil {
			return fmt.Errorf("kyc: note the provider's refusal on %s: %w", v.ID, nerr)
		}
		return river.JobCancel(fmt.Errorf("kyc: %s refused to fetch %s: %w", v.Provider, v.ID, err))
	}
	mark := func(st storage.Store) error {
		if ev == nil {
			return nil
		}
		return st.MarkProviderEventProcessed(ctx, ev.ID, v.ID, s.now())
	}
	c, ok := changeFor(v, res)
	if !ok && res.Note != "" {
		// Nothing changes, but the provider's status is worth a line in the history.
		_, err := s.Apply(ctx, Change{VerificationID: v.ID, Action: "verification.provider_status", Actor: actor,
			Detail: map[string]any{"providerStatus": res.Note, "source": source},
			Then:   func(tx storage.Store, _ storage.Verification) error { return mark(tx) }})
		return err
	}
	if !ok {
		return mark(s.store)
	}
	c.Actor = actor
	c.Detail = map[string]any{"source": source}
	if ev != nil {
		c.Detail["eventId"] = ev.ID
	}
	// The status is compared again with the row locked: another run may have applied it.
	c.Data = func(cur storage.Verification) ([]byte, error) {
		if cur.Status == c.To {
			return nil, errUnchanged
		}
		return cur.Data, nil
	}
	c.Then = func(tx storage.Store, _ storage.Verification) error { return mark(tx) }
	_, err = s.Apply(ctx, c)
	switch code := fault.Code(err); {
	case err == nil:
		return nil
	case errors.Is(err, errUnchanged), code == "invalid_transition", code == codeSubjectBlocked:
		// Already there, or moved meanwhile to where this state cannot follow (audited).
		return mark(s.store)
	default:
		return err
	}
}

// changeFor maps a provider's result onto a change of v; ok is false when there is
// nothing to change (no status, the same one, or one the state machine refuses).
func changeFor(v storage.Verification, res Result) (Change, bool) {
	to := res.Status
	if !ValidStatus(to) {
		return Change{}, false
	}
	if v.Status == storage.StatusApproved {
		switch to {
		case storage.StatusRejected, storage.StatusResubmissionRequested, storage.StatusRevoked:
			// A later finding about an approved subject withdraws the approval.
			return Change{VerificationID: v.ID, To: storage.StatusRevoked, Reason: res.Reason}, true
		}
	}
	if to == v.Status || !CanTransition(v.Status, to) {
		return Change{}, false
	}
	c := Change{VerificationID: v.ID, To: to, Level: res.Level, Claims: res.Claims, Reason: res.Reason}
	if to == storage.StatusRejected || to == storage.StatusResubmissionRequested {
		c.RejectType = res.RejectType
	}
	return c, true
}

// permanent reports whether a provider error will not go away by retrying: a domain
// error of a client kind (the request was refused as it is), not a rate limit, an
// unavailable dependency or an internal error.
func permanent(err error) bool {
	fe, ok := errors.AsType[*fault.Error](err)
	if !ok {
		return false
	}
	switch fe.Kind {
	case fault.RateLimited, fault.Unavailable, fault.Internal:
		return false
	}
	return true
}
