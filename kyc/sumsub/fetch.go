package sumsub

import (
	"context"
	"strings"
	"time"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
	"github.com/kycgate/kycgate/storage"
)

// Sumsub's review statuses and answers.
const (
	StatusInit            = "init"
	StatusPending         = "pending"
	StatusPrechecked      = "prechecked"
	StatusQueued          = "queued"
	StatusCompleted       = "completed"
	StatusOnHold          = "onHold"
	StatusAwaitingService = "awaitingService"
	StatusAwaitingUser    = "awaitingUser"

	AnswerGreen = "GREEN"
	AnswerRed   = "RED"
	RejectFinal = "FINAL"
	RejectRetry = "RETRY"
)

// LabelApplicantData is the reject label of a RETRY that asks the user to correct the
// personal details (the hosted flow reopens that step).
const LabelApplicantData = "PROBLEMATIC_APPLICANT_DATA"

// Fetch implements provider.Fetcher: it reads the applicant's review status (and, for an
// approval or an already approved verification, the applicant itself) and maps it:
//
//	init                                              → in_progress
//	pending, queued, prechecked, onHold, awaitingService → in_review (awaitingService
//	                                                     carries GREEN: not an approval)
//	awaitingUser                                      → resubmission_requested (retry)
//	completed + GREEN                                 → approved at the configured level,
//	                                                     claims from the applicant's info
//	completed + RED + RETRY                           → resubmission_requested (retry)
//	completed + RED + FINAL                           → rejected (final)
//
// For a verification already approved, Sumsub's later findings revoke it: a RED review,
// a reset (the status is back to init: applicantReset), a deactivation (the applicant's
// "deleted" flag: applicantDeactivated) or a deletion (Sumsub answers 404 for the
// applicant: applicantDeleted). A re-check still running (any other status) keeps the
// approval until it completes. Result.Reason is Sumsub's moderationComment, which may be
// shown to the user; clientComment is never returned.
//
// An unknown status, a RED without a reject type, or an approval whose info lacks the
// date of birth or a known country is a permanent error (sumsub_unmapped), never guessed.
func (p *Provider) Fetch(ctx context.Context, v storage.Verification) (provider.Result, error) {
	if v.ProviderRef == "" {
		return provider.Result{}, fault.ConflictError("sumsub_no_applicant", "the verification has no Sumsub applicant yet")
	}
	approved := v.Status == storage.StatusApproved
	st, err := p.Status(ctx, v.ProviderRef)
	if approved && fault.IsKind(err, fault.NotFound) {
		return provider.Result{Status: storage.StatusRevoked, Reason: "the applicant was deleted at Sumsub"}, nil
	}
	if err != nil {
		return provider.Result{}, err
	}
	var app *Applicant
	if approved || isGreen(st) {
		a, err := p.Applicant(ctx, v.ProviderRef)
		if approved && fault.IsKind(err, fault.NotFound) {
			return provider.Result{Status: storage.StatusRevoked, Reason: "the applicant was deleted at Sumsub"}, nil
		}
		if err != nil {
			return provider.Result{}, err
		}
		app = &a
	}
	return p.mapResult(v.Status, st, app)
}

func isGreen(st ReviewStatus) bool {
	return st.ReviewStatus == StatusCompleted && st.ReviewResult != nil && st.ReviewResult.ReviewAnswer == AnswerGreen
}

func unmapped(why string) error {
	return fault.New(fault.Internal, "sumsub_unmapped", "Sumsub's review cannot be mapped: "+why)
}

// mapResult maps a review status (and the applicant, when read) onto a Result, given the
// verification's current status.
func (p *Provider) mapResult(current storage.VerificationStatus, st ReviewStatus, app *Applicant) (provider.Result, error) {
	rr := st.ReviewResult
	if rr == nil {
		rr = &ReviewResult{}
	}
	if current == storage.StatusApproved {
		switch {
		case app != nil && app.Deleted:
			return provider.Result{Status: storage.StatusRevoked, Reason: "the applicant was deactivated at Sumsub"}, nil
		case st.ReviewStatus == StatusInit:
			return provider.Result{Status: storage.StatusRevoked, Reason: "the applicant was reset at Sumsub"}, nil
		case st.ReviewStatus == StatusCompleted && rr.ReviewAnswer == AnswerRed:
			return provider.Result{Status: storage.StatusRevoked, Reason: rr.ModerationComment}, nil
		}
		// Approved, or a re-check still running: the approval stands.
		return p.approval(app)
	}
	if app != nil && app.Deleted {
		return provider.Result{}, fault.ConflictError("sumsub_applicant_deactivated", "the applicant was deactivated at Sumsub")
	}
	switch st.ReviewStatus {
	case StatusInit:
		return provider.Result{Status: storage.StatusInProgress}, nil
	case StatusPending, StatusQueued, StatusPrechecked, StatusOnHold, StatusAwaitingService:
		return provider.Result{Status: storage.StatusInReview}, nil
	case StatusAwaitingUser:
		return provider.Result{Status: storage.StatusResubmissionRequested, RejectType: provider.RejectRetry,
			Reason: rr.ModerationComment}, nil
	case StatusCompleted:
		switch {
		case rr.ReviewAnswer == AnswerGreen:
			return p.approval(app)
		case rr.ReviewAnswer == AnswerRed && rr.ReviewRejectType == RejectRetry:
			return provider.Result{Status: storage.StatusResubmissionRequested, RejectType: provider.RejectRetry,
				Reason: rr.ModerationComment}, nil
		case rr.ReviewAnswer == AnswerRed && rr.ReviewRejectType == RejectFinal:
			return provider.Result{Status: storage.StatusRejected, RejectType: provider.RejectFinal,
				Reason: rr.ModerationComment}, nil
		}
		return provider.Result{}, unmapped("completed with answer " + rr.ReviewAnswer + " and reject type " + rr.ReviewRejectType)
	}
	return provider.Result{}, unmapped("unknown review status " + st.ReviewStatus)
}

// approval is an approval at the configured level with the claims from the applicant's
// info: the date of birth and the country (alpha-3 → alpha-2), from the checked
// documents when the top level lacks them.
func (p *Provider) approval(app *Applicant) (provider.Result, error) {
	if app == nil || app.Info == nil {
		return provider.Result{}, unmapped("the approved applicant has no info")
	}
	dob, country := app.Info.Dob, app.Info.Country
	for _, d := range app.Info.IDDocs {
		if dob == "" {
			dob = d.Dob
		}
		if country == "" {
			country = d.Country
		}
	}
	born, err := time.Parse(time.DateOnly, dob)
	if err != nil {
		return provider.Result{}, unmapped("the approved applicant's date of birth is missing or not YYYY-MM-DD")
	}
	a2, ok := Alpha2(country)
	if !ok {
		return provider.Result{}, unmapped("the approved applicant's country is missing or not ISO 3166-1")
	}
	cl := &provider.Claims{Country: a2, DateOfBirth: born, Nationality: a2,
		Name: strings.TrimSpace(app.Info.FirstName + " " + app.Info.LastName)}
	for _, d := range app.Info.IDDocs {
		if d.Number != "" {
			c2, _ := Alpha2(d.Country)
			cl.Document = &provider.Document{Type: d.IDDocType, Number: d.Number, Country: c2}
			break
		}
	}
	return provider.Result{Status: storage.StatusApproved, Level: p.level, Claims: cl}, nil
}
