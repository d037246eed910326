package sumsubtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/kycgate/kycgate/kyc/sumsub"
)

// applicantJSON is an applicant as GET /resources/applicants/{id}/one answers it.
type applicantJSON struct {
	ID             string         `json:"id"`
	CreatedAt      string         `json:"createdAt"`
	InspectionID   string         `json:"inspectionId"`
	ExternalUserID string         `json:"externalUserId"`
	LevelName      string         `json:"levelName"`
	Info           *sumsub.Info   `json:"info,omitempty"`
	FixedInfo      *sumsub.Info   `json:"fixedInfo,omitempty"`
	Deleted        bool           `json:"deleted,omitempty"`
	Review         map[string]any `json:"review"`
	Type           string         `json:"type"`
}

func (f *Fake) applicantJSONLocked(a *applicant) applicantJSON {
	return applicantJSON{ID: a.id, CreatedAt: a.createdAt, InspectionID: a.inspectionID, ExternalUserID: a.externalUserID,
		LevelName: a.levelName, Info: a.info, FixedInfo: a.fixedInfo, Deleted: a.deleted,
		Review: f.reviewJSONLocked(a), Type: "individual"}
}

// reviewJSONLocked is the review as GET …/status answers it.
func (f *Fake) reviewJSONLocked(a *applicant) map[string]any {
	out := map[string]any{"reviewId": "rv" + a.id[18:], "attemptId": "at" + a.id[18:], "attemptCnt": 1,
		"levelName": a.levelName, "createDate": a.createdAt + "+0000", "reviewStatus": a.review.ReviewStatus, "priority": 0}
	if a.review.ReviewResult != nil {
		out["reviewResult"] = a.review.ReviewResult
	}
	return out
}

// stepJSON is one step of GET …/requiredIdDocsStatus.
type stepJSON struct {
	ReviewResult       *sumsub.ReviewResult            `json:"reviewResult,omitempty"`
	Country            string                          `json:"country"`
	IDDocType          string                          `json:"idDocType"`
	ImageIDs           []int64                         `json:"imageIds"`
	ImageReviewResults map[string]*sumsub.ReviewResult `json:"imageReviewResults"`
	Forbidden          bool                            `json:"forbidden"`
}

// stepsLocked is the requiredIdDocsStatus breakdown of the fake level (IDENTITY, SELFIE):
// a step without images is null; once the applicant is reviewed, a step is RED (with the
// first rejected image's comment) when one of its images is, else GREEN.
func (f *Fake) stepsLocked(a *applicant) map[string]*stepJSON {
	out := map[string]*stepJSON{"IDENTITY": nil, "SELFIE": nil}
	for _, im := range a.images {
		step := stepOf(im.docType)
		s := out[step]
		if s == nil {
			s = &stepJSON{Country: im.country, IDDocType: im.docType, ImageReviewResults: map[string]*sumsub.ReviewResult{}}
			out[step] = s
		}
		n, _ := strconv.ParseInt(im.id, 10, 64)
		s.ImageIDs = append(s.ImageIDs, n)
		if im.review != nil {
			s.ImageReviewResults[im.id] = im.review
		}
	}
	if a.review.ReviewStatus != sumsub.StatusCompleted {
		return out
	}
	for _, s := range out {
		if s == nil {
			continue
		}
		s.ReviewResult = &sumsub.ReviewResult{ReviewAnswer: sumsub.AnswerGreen}
		for _, id := range s.ImageIDs {
			if r := s.ImageReviewResults[strconv.FormatInt(id, 10)]; r != nil && r.ReviewAnswer == sumsub.AnswerRed {
				s.ReviewResult = &sumsub.ReviewResult{ReviewAnswer: sumsub.AnswerRed, ReviewRejectType: r.ReviewRejectType,
					RejectLabels: r.RejectLabels, ModerationComment: r.ModerationComment}
				break
			}
		}
	}
	return out
}

// webhookJSON is a webhook body, its fields in the order Sumsub documents them.
type webhookJSON struct {
	ApplicantID    string               `json:"applicantId"`
	InspectionID   string               `json:"inspectionId"`
	CorrelationID  string               `json:"correlationId"`
	ExternalUserID string               `json:"externalUserId,omitempty"`
	LevelName      string               `json:"levelName"`
	Type           string               `json:"type"`
	SandboxMode    bool                 `json:"sandboxMode"`
	ReviewStatus   string               `json:"reviewStatus"`
	ReviewResult   *sumsub.ReviewResult `json:"reviewResult,omitempty"`
	CreatedAtMs    string               `json:"createdAtMs"`
}

// Webhook returns a delivery of one event of type typ about applicant ref (which need not
// exist: then only its id is filled), with correlationId correlationID, created at at,
// signed with the webhook secret under alg (HMAC_SHA1_HEX, HMAC_SHA256_HEX or
// HMAC_SHA512_HEX).
func (f *Fake) Webhook(ref, typ, alg, correlationID string, at time.Time) (http.Header, []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.webhookLocked(ref, typ, alg, correlationID, at)
}

func (f *Fake) webhookLocked(ref, typ, alg, correlationID string, at time.Time) (http.Header, []byte) {
	w := webhookJSON{ApplicantID: ref, CorrelationID: correlationID, LevelName: f.LevelName, Type: typ, SandboxMode: true,
		CreatedAtMs: at.UTC().Format(sumsub.CreatedAtLayout)}
	if a := f.applicants[ref]; a != nil {
		w.InspectionID, w.ExternalUserID, w.LevelName = a.inspectionID, a.externalUserID, a.levelName
		w.ReviewStatus, w.ReviewResult = a.review.ReviewStatus, a.review.ReviewResult
	}
	body, err := json.Marshal(w)
	if err != nil {
		panic(err) // plain strings and bools always marshal
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(sumsub.HeaderDigest, sumsub.Digest([]byte(f.WebhookSecret), alg, body))
	h.Set(sumsub.HeaderDigestAlg, alg)
	return h, body
}

// queueLocked records the webhook a state change of a produces.
func (f *Fake) queueLocked(a *applicant, typ string) {
	h, b := f.webhookLocked(a.id, typ, f.Alg, fmt.Sprintf("req-%08d", f.nextLocked()), f.Now())
	f.webhooks = append(f.webhooks, Delivery{Header: h, Body: b})
}
