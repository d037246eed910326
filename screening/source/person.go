package source

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// Person screening: the contract between the gateway and a sanctions / PEP /
// adverse-media screening service for people (Kora Compliance, screening/kora). The
// gateway decides; the service answers one of four outcomes.

// PersonOutcome is a person-screening decision, in Kora's terms (compliance API,
// decision.outcome).
type PersonOutcome string

// Person-screening outcomes.
const (
	// PersonApprove: nothing relevant found.
	PersonApprove PersonOutcome = "APPROVE"
	// PersonApproveWithMonitoring: approve, and keep screening the person periodically.
	PersonApproveWithMonitoring PersonOutcome = "APPROVE_WITH_MONITORING"
	// PersonReviewRequired: possible matches a reviewer must look at.
	PersonReviewRequired PersonOutcome = "REVIEW_REQUIRED"
	// PersonBlock: a match that forbids onboarding.
	PersonBlock PersonOutcome = "BLOCK"
)

// Valid reports whether o is one of the four outcomes.
func (o PersonOutcome) Valid() bool {
	switch o {
	case PersonApprove, PersonApproveWithMonitoring, PersonReviewRequired, PersonBlock:
		return true
	}
	return false
}

// Person is who to screen, from the verified identity data. It is personal data: an
// adapter sends it over TLS only and never logs it.
type Person struct {
	// Name is the full name as verified.
	Name string
	// DateOfBirth is YYYY-MM-DD ("" when unknown).
	DateOfBirth string
	// Nationality is an ISO 3166-1 alpha-2 code ("" when unknown).
	Nationality string
	// Identifiers are identity documents the provider verified (may be empty).
	Identifiers []Identifier
}

// Identifier is one identity document of a person.
type Identifier struct {
	// Type is the document type (PASSPORT, ID_CARD, DRIVERS, …).
	Type string
	// Value is the document number.
	Value string
	// Country is the issuing country, ISO 3166-1 alpha-2.
	Country string
}

// Purpose says why a person is screened.
type Purpose string

// Screening purposes (Kora: purpose).
const (
	// PurposeOnboarding: before an approval.
	PurposeOnboarding Purpose = "ONBOARDING"
	// PurposePeriodic: a monitored person's periodic re-screening.
	PurposePeriodic Purpose = "PERIODIC"
)

// PersonQuery asks for one screening: of Person (onboarding), or of the service's
// monitored SubjectID (periodic). Async asks the service to answer later (by webhook or
// a poll of the screening id) instead of within the request.
type PersonQuery struct {
	Purpose   Purpose
	Person    *Person
	SubjectID string
	Async     bool
}

// PersonResult is a person screening's state. Matches is the service's match list as
// it sent it (JSON): personal data the caller seals and never logs or shows to tenants.
type PersonResult struct {
	// ScreeningID is the service's id of the screening.
	ScreeningID string
	// Pending is true while an ASYNC screening has no result; Outcome is then empty.
	Pending bool
	Outcome PersonOutcome
	// RiskScore is the service's score (Kora: 0–1000) and RiskBand its band
	// (LOW, MEDIUM, HIGH, CRITICAL).
	RiskScore int
	RiskBand  string
	// Rules are the decision's triggered rule codes (no personal data).
	Rules   []string
	Matches []byte
}

// PersonScreener is a person-screening service.
type PersonScreener interface {
	// ScreenPerson runs q. Errors are *PersonError when the service answered one.
	ScreenPerson(ctx context.Context, q PersonQuery) (PersonResult, error)
	// Screening reads a screening's current state (polling an ASYNC one).
	Screening(ctx context.Context, id string) (PersonResult, error)
	// Enrol creates a monitored subject for p and returns the service's subject id.
	Enrol(ctx context.Context, p Person) (string, error)
	// VerifyEvent checks a webhook's signature over its raw body and decodes it.
	VerifyEvent(h http.Header, body []byte) (PersonEvent, error)
}

// PersonEvent is one verified webhook from a person-screening service.
type PersonEvent struct {
	// Type is the event name (screening.completed, screening.match_found,
	// risk.threshold_breached).
	Type string
	// ID identifies the delivery for de-duplication: the service's event id when it
	// sends one, else a hash of the signed body.
	ID string
	// ScreeningID is set for screening events, SubjectID for subject ones.
	ScreeningID string
	SubjectID   string
	// Outcome is set on screening.completed.
	Outcome PersonOutcome
}

// Person-screening event types (Kora webhooks).
const (
	EventScreeningCompleted    = "screening.completed"
	EventScreeningMatchFound   = "screening.match_found"
	EventRiskThresholdBreached = "risk.threshold_breached"
)

// PersonErrorCode classifies a service's error answer.
type PersonErrorCode string

// Person-screening error codes (Kora error codes).
const (
	// PersonValidation: the request was refused as invalid (400); never retry it as is.
	PersonValidation PersonErrorCode = "VALIDATION_ERROR"
	// PersonRateLimited: wait RetryAfter (429).
	PersonRateLimited PersonErrorCode = "RATE_LIMITED"
	// PersonTimeout: a SYNC screening took too long (503); run it ASYNC.
	PersonTimeout PersonErrorCode = "SCREENING_TIMEOUT"
	// PersonFailed: the service failed (5xx, or a network error); retry with backoff.
	PersonFailed PersonErrorCode = "SCREENING_FAILED"
	// PersonUnauthorized: the service refused the credentials (401/403).
	PersonUnauthorized PersonErrorCode = "UNAUTHORIZED"
	// PersonNotFound: no such screening or subject (404).
	PersonNotFound PersonErrorCode = "NOT_FOUND"
)

// PersonError is an error answer of a person-screening service. It never holds the
// screened person's data: Fields name fields, Messages are the service's words about them.
type PersonError struct {
	Code PersonErrorCode
	// Status is the HTTP status (0 for a network error).
	Status int
	// RequestID is the service's request id, for support.
	RequestID string
	// Fields are a validation error's field errors.
	Fields []FieldError
	// RetryAfter is how long the service asked to wait (0: back off as usual).
	RetryAfter time.Duration
	// Err is the underlying cause (a network error), if any.
	Err error
}

// FieldError is one field a service refused.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error implements error.
func (e *PersonError) Error() string {
	s := fmt.Sprintf("person screening: %s (HTTP %d)", e.Code, e.Status)
	if e.RequestID != "" {
		s += " request " + e.RequestID
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *PersonError) Unwrap() error { return e.Err }

// Retryable reports whether the same request may succeed later: rate limits and failures
// are, validation errors, refused credentials and unknown ids are not. A timeout is
// retried in ASYNC mode, not as is.
func (e *PersonError) Retryable() bool {
	return e.Code == PersonRateLimited || e.Code == PersonFailed
}

// PersonConfig is a person-screening service's settings, decoded from
// KYCGATE_<NAME>_* by package conf.
type PersonConfig interface {
	OpenPerson(deps Deps) (PersonScreener, error)
}
