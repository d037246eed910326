package storage

import (
	"context"
	"time"
)

// PersonScreeningStore keeps the screenings of persons against sanctions, PEP and
// adverse-media lists (Kora): one record per screening the gateway asked for, with the
// outcome as a code and everything personal sealed.
type PersonScreeningStore interface {
	// CreatePersonScreening stores a new record; it sets ID when empty.
	CreatePersonScreening(ctx context.Context, p *PersonScreening) error
	GetPersonScreening(ctx context.Context, id string) (PersonScreening, error)
	// GetPersonScreeningByVendorID finds the record of the service's screening id.
	GetPersonScreeningByVendorID(ctx context.Context, service, screeningID string) (PersonScreening, error)
	// LatestPersonScreening returns the newest record about a verification.
	LatestPersonScreening(ctx context.Context, verificationID string) (PersonScreening, error)
	// LatestMonitoredScreening returns the newest record that enrolled the service's
	// monitored subject id.
	LatestMonitoredScreening(ctx context.Context, service, monitorID string) (PersonScreening, error)
	// UpdatePersonScreening runs update on the locked record and stores its result.
	UpdatePersonScreening(ctx context.Context, id string, update func(PersonScreening) (PersonScreening, error)) (PersonScreening, error)
	// ListDueMonitoring lists monitored records (MonitorID set, not superseded) whose
	// NextScreenAt is at or before now, the most overdue first, at most limit.
	ListDueMonitoring(ctx context.Context, now time.Time, limit int) ([]PersonScreening, error)
	// ListPersonScreenings lists a subject's records, newest first.
	ListPersonScreenings(ctx context.Context, subjectID string) ([]PersonScreening, error)
	// ListHeldSubjects lists the subjects on hold (Subject.Hold set, not blocked), the
	// longest held first (by their last change), at most limit: the reviewers' queue of
	// holds.
	ListHeldSubjects(ctx context.Context, limit int) ([]Subject, error)
}

// PersonScreeningState is where a person screening stands.
type PersonScreeningState string

// Person screening states.
const (
	// PersonPending: asked, no result yet (ASYNC, or a retry is scheduled).
	PersonPending PersonScreeningState = "pending"
	// PersonCompleted: the service answered an outcome.
	PersonCompleted PersonScreeningState = "completed"
	// PersonInvalid: the service refused the request as invalid (the field errors are
	// sealed in Detail); a reviewer decides the case.
	PersonInvalid PersonScreeningState = "invalid"
	// PersonSuperseded: a later screening of the same person replaced this one.
	PersonSuperseded PersonScreeningState = "superseded"
)

// PersonScreening is one screening of a person. Outcome, RiskBand and Rules are codes;
// Person (the data sent), Intent (the approval waiting for the result) and Detail (the
// matches or field errors) are sealed by the caller.
type PersonScreening struct {
	ID             string
	SubjectID      string
	VerificationID string
	// Service is the screening service's name (kora); ScreeningID its id of the
	// screening ("" until the service answered one).
	Service     string
	ScreeningID string
	// Purpose is ONBOARDING or PERIODIC.
	Purpose string
	State   PersonScreeningState
	// Outcome is APPROVE, APPROVE_WITH_MONITORING, REVIEW_REQUIRED or BLOCK once
	// completed.
	Outcome   string
	RiskScore int
	RiskBand  string
	// Rules are the triggered rule codes, comma-separated.
	Rules string
	// Person is the screened person's data, sealed (kept to enrol and to re-screen).
	Person []byte
	// Intent is the approval this screening decides (level and claims), sealed.
	Intent []byte
	// Detail is the service's matches, or a validation error's fields, sealed.
	Detail []byte
	// MonitorID is the service's monitored subject id after an enrolment.
	MonitorID    string
	NextScreenAt *time.Time
	// Attempts counts failed calls (rate limits, failures) for a pending record.
	Attempts  int
	CreatedAt time.Time
	UpdatedAt time.Time
}
