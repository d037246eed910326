package kyc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/storage"
)

// Person screening before approval (sanctions, PEP, adverse media; issue 15). When any
// provider would approve a verification, Apply first screens the person with the
// configured service (Kora) and lets the outcome decide, through the one writer:
// APPROVE approves; APPROVE_WITH_MONITORING approves and enrols the person for periodic
// re-screening; REVIEW_REQUIRED puts the case in review (aml_review) for a reviewer, whose
// approval then stands; BLOCK rejects (final, aml_block) and blocks the subject. An
// approval is never granted without a screening result: a screening that cannot run now
// (rate limited, failing, or running ASYNC after a timeout) leaves the verification in
// review until a job or the service's webhook brings the result.

// Person-screening reason codes, in audit entries, gating and cases.
const (
	// CodeAMLReview: a reviewer must look at possible matches (or a monitored person's
	// new match).
	CodeAMLReview = "aml_review"
	// CodeAMLBlock: the service's outcome forbids onboarding.
	CodeAMLBlock = "aml_block"
	// CodeAMLPending: the screening has not answered yet.
	CodeAMLPending = "aml_pending"
	// CodeAMLInvalid: the service refused the person's data as invalid, or the provider
	// gave too little to screen (no name); a reviewer asks for corrections or rejects.
	CodeAMLInvalid = "aml_invalid"
	// RevokedAMLReview is the revocation reason of a monitored person's hold.
	RevokedAMLReview = "aml_review"
)

// PersonScreening is the service's configuration of person screening.
type PersonScreening struct {
	// Name is the service's name (kora), Screener the open adapter.
	Name     string
	Screener source.PersonScreener
	// RescreenEvery is how often a monitored person is screened again.
	RescreenEvery time.Duration
}

// SetPersonScreening enables person screening before every approval.
func (s *Service) SetPersonScreening(p PersonScreening) {
	if p.RescreenEvery <= 0 {
		p.RescreenEvery = 30 * 24 * time.Hour
	}
	s.persons = &p
}

// intent is the approval a screening decides, sealed in its record until it answers.
type intent struct {
	Level       int       `json:"level"`
	Country     string    `json:"country"`
	DateOfBirth time.Time `json:"dateOfBirth"`
	Actor       string    `json:"actor"`
	// From are the statuses the approval expected (its compare-and-swap).
	From []storage.VerificationStatus `json:"from,omitempty"`
}

func personOf(cl *Claims) source.Person {
	p := source.Person{Name: strings.TrimSpace(cl.Name), Nationality: cl.Nationality}
	if !cl.DateOfBirth.IsZero() {
		p.DateOfBirth = cl.DateOfBirth.Format(time.DateOnly)
	}
	if d := cl.Document; d != nil && d.Number != "" {
		p.Identifiers = []source.Identifier{{Type: strings.ToUpper(d.Type), Value: d.Number, Country: d.Country}}
	}
	return p
}

func personLabel(id string) string { return "person_screening:" + id + ":person" }
func intentLabel(id string) string { return "person_screening:" + id + ":intent" }
func detailLabel(id string) string { return "person_screening:" + id + ":detail" }

// screenBeforeApproval runs c (an approval) past person screening. It returns proceed
// when c may be applied as it is (a completed screening allows it), or the verification
// as the screening left it.
func (s *Service) screenBeforeApproval(ctx context.Context, c Change) (storage.Verification, bool, error) {
	if c.Claims == nil {
		return storage.Verification{}, true, nil // the writer refuses an approval without claims
	}
	v, err := s.store.GetVerification(ctx, c.VerificationID)
	if err != nil || v.Status == storage.StatusApproved || !CanTransition(v.Status, storage.StatusApproved) {
		return v, true, nil // nothing to screen: the writer answers (unknown, unchanged or refused)
	}
	person := personOf(c.Claims)
	latest, err := s.store.LatestPersonScreening(ctx, v.ID)
	switch {
	case errors.Is(err, storage.ErrNotFound):
	case err != nil:
		return v, false, err
	default:
		same, err := s.samePerson(latest, person)
		if err != nil {
			return v, false, err
		}
		if same {
			switch {
			case latest.State == storage.PersonCompleted && latest.Purpose == string(source.PurposeOnboarding):
				switch source.PersonOutcome(latest.Outcome) {
				case source.PersonApprove, source.PersonApproveWithMonitoring:
					return v, true, nil
				case source.PersonReviewRequired:
					if strings.HasPrefix(c.Actor, "reviewer:") {
						return v, true, nil // a reviewer looked at the matches and approves
					}
					return v, false, nil // waits for the reviewer
				}
				return v, false, fault.ConflictError(CodeAMLBlock, "person screening blocked this person")
			case latest.State == storage.PersonPending:
				return v, false, nil // the result is on its way
			case latest.State == storage.PersonInvalid && strings.HasPrefix(c.Actor, "reviewer:"):
				return v, false, fault.ConflictError("aml_screening_required",
					"the person could not be screened (the screening service refused the details): ask for corrected details or reject")
			case latest.State == storage.PersonInvalid:
				return v, false, nil
			}
		}
	}
	rec := storage.PersonScreening{SubjectID: v.SubjectID, VerificationID: v.ID, Service: s.persons.Name,
		Purpose: string(source.PurposeOnboarding), State: storage.PersonPending, CreatedAt: s.now(), UpdatedAt: s.now()}
	in := intent{Level: c.Level, Country: c.Claims.Country, DateOfBirth: c.Claims.DateOfBirth, Actor: c.Actor, From: c.From}
	if err := s.sealRecord(&rec, &person, &in, nil); err != nil {
		return v, false, err
	}
	if person.Name == "" {
		rec.State = storage.PersonInvalid
		if err := s.sealRecord(&rec, nil, nil, []source.FieldError{{Field: "name", Message: "the identity provider returned no name to screen"}}); err != nil {
			return v, false, err
		}
		out, err := s.holdForReview(ctx, v, rec, CodeAMLInvalid)
		return out, false, err
	}
	out, err := s.runScreening(ctx, v, rec, person, &c)
	return out, false, err
}

// samePerson reports whether rec screened person (a resubmission may change the data).
func (s *Service) samePerson(rec storage.PersonScreening, person source.Person) (bool, error) {
	if len(rec.Person) == 0 {
		return false, nil
	}
	raw, err := s.sealer.Open(rec.Person, personLabel(rec.ID))
	if err != nil {
		return false, err
	}
	want, err := json.Marshal(person)
	if err != nil {
		return false, err
	}
	return string(raw) == string(want), nil
}

// sealRecord seals the person, the intent and the detail (matches or field errors) into
// rec, each when given.
func (s *Service) sealRecord(rec *storage.PersonScreening, person *source.Person, in *intent, detail any) error {
	if rec.ID == "" {
		rec.ID = storage.NewID("psc")
	}
	seal := func(v any, label string) ([]byte, error) {
		raw, ok := v.([]byte)
		if !ok {
			var err error
			if raw, err = json.Marshal(v); err != nil {
				return nil, err
			}
		}
		return s.sealer.Seal(raw, label)
	}
	var err error
	if person != nil {
		if rec.Person, err = seal(person, personLabel(rec.ID)); err != nil {
			return err
		}
	}
	if in != nil {
		if rec.Intent, err = seal(in, intentLabel(rec.ID)); err != nil {
			return err
		}
	}
	if detail != nil {
		if rec.Detail, err = seal(detail, detailLabel(rec.ID)); err != nil {
			return err
		}
	}
	return nil
}

// runScreening asks the service (SYNC; ASYNC after a timeout) and acts on its answer. A
// call that cannot answer now leaves rec pending with a job that tries again.
//
// orig, when set, is the approval being screened (the synchronous path): an approving
// outcome applies it as it is (its data and notes included); without it (a job, a
// webhook) the approval is rebuilt from the sealed intent.
func (s *Service) runScreening(ctx context.Context, v storage.Verification, rec storage.PersonScreening, person source.Person, orig *Change) (storage.Verification, error) {
	res, err := s.ask(ctx, source.PersonQuery{Purpose: source.Purpose(rec.Purpose), Person: &person})
	var pe *source.PersonError
	switch {
	case errors.As(err, &pe) && pe.Code == source.PersonValidation:
		rec.State = storage.PersonInvalid
		if err := s.sealRecord(&rec, nil, nil, pe.Fields); err != nil {
			return v, err
		}
		return s.holdForReview(ctx, v, rec, CodeAMLInvalid)
	case err != nil:
		s.log.WarnContext(ctx, "person screening failed; retrying by job", "service", s.persons.Name, "verification", v.ID, "error", err)
		rec.Attempts++
		return s.pendScreening(ctx, v, rec, max(retryAfterOf(err), firstRetry))
	case res.Pending:
		rec.ScreeningID = res.ScreeningID
		return s.pendScreening(ctx, v, rec, pollAfterAsync)
	}
	return s.decideScreening(ctx, v, rec, res, orig)
}

// ask runs one screening: SYNC, then the same in ASYNC mode when the service answers
// SCREENING_TIMEOUT (Kora's advice), counted in the metrics.
func (s *Service) ask(ctx context.Context, q source.PersonQuery) (source.PersonResult, error) {
	res, err := s.persons.Screener.ScreenPerson(ctx, q)
	var pe *source.PersonError
	if errors.As(err, &pe) && pe.Code == source.PersonTimeout {
		q.Async = true
		res, err = s.persons.Screener.ScreenPerson(ctx, q)
	}
	s.metrics.personScreening(s.persons.Name, res, err)
	return res, err
}

// firstRetry is how long a screening that failed synchronously waits before its job
// tries again (River's backoff takes over from there).
const firstRetry = 30 * time.Second

// pollAfterAsync is when a pending ASYNC screening is first polled, if no webhook came.
const pollAfterAsync = time.Minute

func retryAfterOf(err error) time.Duration {
	var pe *source.PersonError
	if errors.As(err, &pe) && pe.RetryAfter > 0 {
		return min(pe.RetryAfter, maxRetryAfter)
	}
	return 0
}

// pendScreening stores rec pending, with the job that polls or retries it, and holds the
// verification in review meanwhile (aml_pending).
func (s *Service) pendScreening(ctx context.Context, v storage.Verification, rec storage.PersonScreening, after time.Duration) (storage.Verification, error) {
	rec.State = storage.PersonPending
	return s.recordAndHold(ctx, v, rec, CodeAMLPending, func(tx storage.Store) error {
		_, err := queueInsert(ctx, tx, PersonScreeningArgs{RecordID: rec.ID}, s.now().Add(after))
		return err
	})
}

// queueInsert inserts a job in tx, to run at at.
func queueInsert(ctx context.Context, tx storage.Store, args river.JobArgs, at time.Time) (int64, error) {
	return queue.InsertTx(ctx, tx, args, &river.InsertOpts{ScheduledAt: at})
}

// holdForReview stores rec and puts the verification in review with code.
func (s *Service) holdForReview(ctx context.Context, v storage.Verification, rec storage.PersonScreening, code string) (storage.Verification, error) {
	return s.recordAndHold(ctx, v, rec, code, nil)
}

// recordAndHold writes rec (created or updated) and moves v to in_review (or records a
// data-only change when it is there already), in one transaction.
func (s *Service) recordAndHold(ctx context.Context, v storage.Verification, rec storage.PersonScreening, code string, more func(tx storage.Store) error) (storage.Verification, error) {
	c := Change{VerificationID: v.ID, To: storage.StatusInReview, Actor: "screening:" + s.persons.Name,
		Action: "verification." + code, Detail: map[string]any{"code": code, "personScreening": rec.ID},
		From: []storage.VerificationStatus{v.Status}}
	if v.Status == storage.StatusInReview {
		c.To = ""
	}
	c.Then = func(tx storage.Store, _ storage.Verification) error {
		if err := s.saveRecord(ctx, tx, rec); err != nil {
			return err
		}
		if more != nil {
			return more(tx)
		}
		return nil
	}
	return s.apply(ctx, c)
}

// saveRecord creates rec, or updates it when it is stored already.
func (s *Service) saveRecord(ctx context.Context, tx storage.Store, rec storage.PersonScreening) error {
	rec.UpdatedAt = s.now()
	_, err := tx.UpdatePersonScreening(ctx, rec.ID, func(storage.PersonScreening) (storage.PersonScreening, error) { return rec, nil })
	if errors.Is(err, storage.ErrNotFound) {
		return tx.CreatePersonScreening(ctx, &rec)
	}
	return err
}

// decideScreening acts on an onboarding screening's result, through the one writer.
func (s *Service) decideScreening(ctx context.Context, v storage.Verification, rec storage.PersonScreening, res source.PersonResult, orig *Change) (storage.Verification, error) {
	rec.ScreeningID, rec.State, rec.Outcome = res.ScreeningID, storage.PersonCompleted, string(res.Outcome)
	rec.RiskScore, rec.RiskBand, rec.Rules = res.RiskScore, res.RiskBand, joinRules(res.Rules)
	if len(res.Matches) > 0 {
		if err := s.sealRecord(&rec, nil, nil, res.Matches); err != nil {
			return v, err
		}
	}
	in, err := s.openIntent(rec)
	if err != nil {
		return v, err
	}
	actor := "screening:" + s.persons.Name
	switch res.Outcome {
	case source.PersonApprove, source.PersonApproveWithMonitoring:
		if res.Outcome == source.PersonApproveWithMonitoring {
			person, err := s.openPerson(rec)
			if err != nil {
				return v, err
			}
			if rec.MonitorID, err = s.persons.Screener.Enrol(ctx, person); err != nil {
				// Approving without the monitoring the outcome asks for is not allowed:
				// the job enrols and approves later.
				s.log.WarnContext(ctx, "person screening: enrolment failed; retrying by job", "verification", v.ID, "error", err)
				rec.State = storage.PersonPending
				rec.Attempts++
				return s.pendScreening(ctx, v, rec, max(retryAfterOf(err), firstRetry))
			}
			next := s.now().Add(s.persons.RescreenEvery)
			rec.NextScreenAt = &next
		}
		var c Change
		if orig != nil {
			c = *orig
		} else {
			c = Change{VerificationID: v.ID, To: storage.StatusApproved, Level: in.Level,
				Claims: &Claims{Country: in.Country, DateOfBirth: in.DateOfBirth}, Actor: in.Actor}
			if len(in.From) > 0 {
				c.From = append(slices.Clone(in.From), storage.StatusInReview)
			}
		}
		c.Detail = maps.Clone(c.Detail)
		if c.Detail == nil {
			c.Detail = map[string]any{}
		}
		c.Detail["personScreening"], c.Detail["screeningOutcome"] = rec.ID, rec.Outcome
		then := c.Then
		c.Then = func(tx storage.Store, out storage.Verification) error {
			if err := s.saveRecord(ctx, tx, rec); err != nil {
				return err
			}
			if then != nil {
				return then(tx, out)
			}
			return nil
		}
		return s.apply(ctx, c)
	case source.PersonReviewRequired:
		return s.holdForReview(ctx, v, rec, CodeAMLReview)
	case source.PersonBlock:
		c := Change{VerificationID: v.ID, To: storage.StatusRejected, RejectType: RejectFinal, Actor: actor,
			Detail: map[string]any{"code": CodeAMLBlock, "personScreening": rec.ID},
			Then:   func(tx storage.Store, _ storage.Verification) error { return s.saveRecord(ctx, tx, rec) }}
		return s.apply(ctx, c)
	}
	return v, fmt.Errorf("kyc: person screening %s: unknown outcome %q", rec.ID, res.Outcome)
}

func (s *Service) openIntent(rec storage.PersonScreening) (intent, error) {
	var in intent
	raw, err := s.sealer.Open(rec.Intent, intentLabel(rec.ID))
	if err != nil {
		return in, err
	}
	return in, json.Unmarshal(raw, &in)
}

func (s *Service) openPerson(rec storage.PersonScreening) (source.Person, error) {
	var p source.Person
	raw, err := s.sealer.Open(rec.Person, personLabel(rec.ID))
	if err != nil {
		return p, err
	}
	return p, json.Unmarshal(raw, &p)
}
