package kyc

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/storage"
)

func (m *Metrics) personScreening(service string, res source.PersonResult, err error) {
	result := string(res.Outcome)
	var pe *source.PersonError
	switch {
	case errors.As(err, &pe):
		result = string(pe.Code)
	case err != nil:
		result = "error"
	case res.Pending:
		result = "pending"
	}
	m.persons.WithLabelValues(service, result).Inc()
}

// PersonScreeningArgs is the River job that brings a pending person screening to a
// result: it polls an ASYNC screening the service has not reported by webhook, or asks
// again after a rate limit or a failure (honouring the service's Retry-After).
type PersonScreeningArgs struct {
	// RecordID is the person screening record (storage.PersonScreening.ID).
	RecordID string `json:"recordId"`
}

// Kind implements river.JobArgs.
func (PersonScreeningArgs) Kind() string { return "kyc.person_screening" }

// InsertOpts implements river.JobArgsWithInsertOpts: a pending screening keeps trying
// for about a day on River's backoff before a reviewer has to look at it.
func (PersonScreeningArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 20} }

type personScreeningWorker struct {
	river.WorkerDefaults[PersonScreeningArgs]
	s *Service
}

func (w *personScreeningWorker) Work(ctx context.Context, job *river.Job[PersonScreeningArgs]) error {
	return honourRetryAfter(job.JobRow, w.s.finishScreening(ctx, job.Args.RecordID))
}

// errStillPending asks River to poll again later.
var errStillPending = errors.New("kyc: person screening still pending")

// finishScreening brings a pending record to a result: a poll of its screening id, or
// the screening asked again. A record no longer pending is done.
func (s *Service) finishScreening(ctx context.Context, id string) error {
	if s.persons == nil {
		return river.JobCancel(errors.New("kyc: person screening is not enabled"))
	}
	rec, err := s.store.GetPersonScreening(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return river.JobCancel(fmt.Errorf("kyc: no person screening %s", id))
	}
	if err != nil || rec.State != storage.PersonPending {
		return err
	}
	if rec.ScreeningID != "" {
		res, err := s.persons.Screener.Screening(ctx, rec.ScreeningID)
		if err != nil {
			return asFault(err)
		}
		if res.Pending {
			return errStillPending
		}
		return s.complete(ctx, rec, res)
	}
	if rec.Purpose == string(source.PurposePeriodic) {
		return s.rescreen(ctx, rec)
	}
	person, err := s.openPerson(rec)
	if err != nil {
		return err
	}
	v, err := s.store.GetVerification(ctx, rec.VerificationID)
	if err != nil {
		return err
	}
	res, err := s.ask(ctx, source.PersonQuery{Purpose: source.PurposeOnboarding, Person: &person})
	var pe *source.PersonError
	switch {
	case errors.As(err, &pe) && pe.Code == source.PersonValidation:
		rec.State = storage.PersonInvalid
		if err := s.sealRecord(&rec, nil, nil, pe.Fields); err != nil {
			return err
		}
		_, err = s.holdForReview(ctx, v, rec, CodeAMLInvalid)
		return err
	case err != nil:
		return asFault(err) // River retries with backoff, or waits as the service asked
	case res.Pending:
		rec.ScreeningID = res.ScreeningID
		if err := s.store.InTx(ctx, func(tx storage.Store) error { return s.saveRecord(ctx, tx, rec) }); err != nil {
			return err
		}
		return errStillPending
	}
	return s.complete(ctx, rec, res)
}

// asFault turns a person-screening error into one honourRetryAfter understands.
func asFault(err error) error {
	var pe *source.PersonError
	if errors.As(err, &pe) && !pe.Retryable() && pe.Code != source.PersonTimeout {
		return river.JobCancel(err)
	}
	return err
}

// complete acts on a completed result of a pending record (a poll or the service's
// webhook): an onboarding one decides its verification, a periodic one the subject.
func (s *Service) complete(ctx context.Context, rec storage.PersonScreening, res source.PersonResult) error {
	if rec.Purpose == string(source.PurposePeriodic) {
		return s.periodicOutcome(ctx, rec, res)
	}
	v, err := s.store.GetVerification(ctx, rec.VerificationID)
	if err != nil {
		return err
	}
	if !IsOpen(v.Status) {
		// Closed meanwhile (expired, rejected by the provider): keep the result only.
		rec.ScreeningID, rec.State, rec.Outcome, rec.RiskScore, rec.RiskBand = res.ScreeningID, storage.PersonCompleted,
			string(res.Outcome), res.RiskScore, res.RiskBand
		return s.store.InTx(ctx, func(tx storage.Store) error { return s.saveRecord(ctx, tx, rec) })
	}
	_, err = s.decideScreening(ctx, v, rec, res, nil)
	return err
}

// PersonMonitorArgs is the periodic River job that re-screens monitored persons whose
// time has come (KYCGATE_KORA_RESCREEN_EVERY after their last screening).
type PersonMonitorArgs struct{}

// Kind implements river.JobArgs.
func (PersonMonitorArgs) Kind() string { return "kyc.person_monitor" }

// MonitorEvery is how often the monitoring job looks for persons due a re-screening.
const MonitorEvery = time.Hour

// monitorBatch bounds one run of the monitoring job.
const monitorBatch = 200

type personMonitorWorker struct {
	river.WorkerDefaults[PersonMonitorArgs]
	s *Service
}

func (w *personMonitorWorker) Work(ctx context.Context, _ *river.Job[PersonMonitorArgs]) error {
	_, err := w.s.Monitor(ctx)
	return err
}

// Monitor re-screens, PERIODIC, every monitored person due at the clock's now (at most
// one batch) and acts on the outcomes; it reports how many it screened. A person whose
// screening fails is tried again at the next run.
func (s *Service) Monitor(ctx context.Context) (int, error) {
	if s.persons == nil {
		return 0, nil
	}
	due, err := s.store.ListDueMonitoring(ctx, s.now(), monitorBatch)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, rec := range due {
		if err := s.rescreen(ctx, rec); err != nil {
			s.log.WarnContext(ctx, "person monitoring: re-screening failed", "record", rec.ID, "error", err)
			continue
		}
		n++
	}
	return n, nil
}

// rescreen screens a monitored person again (PERIODIC, by the service's subject id): a
// new record replaces rec, and its outcome acts on the subject.
func (s *Service) rescreen(ctx context.Context, rec storage.PersonScreening) error {
	now := s.now()
	res, err := s.ask(ctx, source.PersonQuery{Purpose: source.PurposePeriodic, SubjectID: rec.MonitorID})
	if err != nil {
		// Tried again at a later run: an hour on, or when the service asked.
		retry := now.Add(max(MonitorEvery, retryAfterOf(err)))
		_, uerr := s.store.UpdatePersonScreening(ctx, rec.ID, func(r storage.PersonScreening) (storage.PersonScreening, error) {
			r.Attempts++
			r.NextScreenAt, r.UpdatedAt = &retry, now
			return r, nil
		})
		return errors.Join(err, uerr)
	}
	next := storage.PersonScreening{SubjectID: rec.SubjectID, VerificationID: rec.VerificationID, Service: rec.Service,
		ScreeningID: res.ScreeningID, Purpose: string(source.PurposePeriodic), State: storage.PersonPending,
		Person: rec.Person, MonitorID: rec.MonitorID, CreatedAt: now, UpdatedAt: now}
	next.ID = storage.NewID("psc")
	// The sealed person is bound to its record's id: re-seal it under the new one.
	person, err := s.openPerson(rec)
	if err != nil {
		return err
	}
	if err := s.sealRecord(&next, &person, nil, nil); err != nil {
		return err
	}
	err = s.store.InTx(ctx, func(tx storage.Store) error {
		if _, err := tx.UpdatePersonScreening(ctx, rec.ID, func(r storage.PersonScreening) (storage.PersonScreening, error) {
			r.State, r.NextScreenAt, r.UpdatedAt = storage.PersonSuperseded, nil, now
			return r, nil
		}); err != nil {
			return err
		}
		if err := tx.CreatePersonScreening(ctx, &next); err != nil {
			return err
		}
		if res.Pending {
			_, err := queueInsert(ctx, tx, PersonScreeningArgs{RecordID: next.ID}, now.Add(pollAfterAsync))
			return err
		}
		return nil
	})
	if err != nil || res.Pending {
		return err
	}
	return s.periodicOutcome(ctx, next, res)
}

// periodicOutcome records a monitored person's periodic result and acts on it: a clear
// outcome schedules the next re-screening; REVIEW_REQUIRED holds the subject for a
// reviewer (aml_review); BLOCK blocks it (aml_block).
func (s *Service) periodicOutcome(ctx context.Context, rec storage.PersonScreening, res source.PersonResult) error {
	now := s.now()
	rec.ScreeningID, rec.State, rec.Outcome = res.ScreeningID, storage.PersonCompleted, string(res.Outcome)
	rec.RiskScore, rec.RiskBand, rec.Rules = res.RiskScore, res.RiskBand, joinRules(res.Rules)
	if len(res.Matches) > 0 {
		if err := s.sealRecord(&rec, nil, nil, res.Matches); err != nil {
			return err
		}
	}
	next := now.Add(s.persons.RescreenEvery)
	rec.NextScreenAt = &next
	actor := "screening:" + s.persons.Name
	return s.store.InTx(ctx, func(tx storage.Store) error {
		if err := s.saveRecord(ctx, tx, rec); err != nil {
			return err
		}
		switch res.Outcome {
		case source.PersonReviewRequired:
			return s.hold(ctx, tx, rec.SubjectID, CodeAMLReview, rec.ID, actor, now)
		case source.PersonBlock:
			if _, err := tx.LockSubject(ctx, rec.SubjectID); err != nil {
				return err
			}
			return s.withdraw(ctx, tx, rec.SubjectID, true, CodeAMLBlock, "", actor, now)
		}
		return nil
	})
}
