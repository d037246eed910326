package kyc

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage"
)

// PersonScreeningView is one person screening as a reviewer sees it: the codes, and the
// matches (or a refused request's field errors) opened from their seal. Tenants and the
// holder never see Matches or FieldErrors.
type PersonScreeningView struct {
	ID             string `json:"id"`
	VerificationID string `json:"verificationId,omitempty"`
	Service        string `json:"service"`
	ScreeningID    string `json:"screeningId,omitempty"`
	Purpose        string `json:"purpose"`
	State          string `json:"state"`
	Outcome        string `json:"outcome,omitempty"`
	RiskScore      int    `json:"riskScore"`
	RiskBand       string `json:"riskBand,omitempty"`
	// Rules are the triggered rule codes.
	Rules     []string `json:"rules"`
	Monitored bool     `json:"monitored"`
	// NextScreenAt is when a monitored person is screened again (RFC 3339).
	NextScreenAt string          `json:"nextScreenAt,omitempty"`
	Matches      json.RawMessage `json:"matches,omitempty"`
	FieldErrors  json.RawMessage `json:"fieldErrors,omitempty"`
	CreatedAt    string          `json:"createdAt"`
	UpdatedAt    string          `json:"updatedAt"`
}

// PersonScreenings lists a subject's person screenings for a reviewer, newest first,
// with their matches opened; the opening is audited.
func (s *Service) PersonScreenings(ctx context.Context, subjectID, actor string) ([]PersonScreeningView, error) {
	if _, err := s.store.GetSubject(ctx, subjectID); err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			return nil, fault.NotFoundError("unknown_subject", "no such subject")
		}
		return nil, err
	}
	list, err := s.store.ListPersonScreenings(ctx, subjectID)
	if err != nil {
		return nil, err
	}
	out := make([]PersonScreeningView, 0, len(list))
	for _, r := range list {
		v := PersonScreeningView{ID: r.ID, VerificationID: r.VerificationID, Service: r.Service, ScreeningID: r.ScreeningID,
			Purpose: r.Purpose, State: string(r.State), Outcome: r.Outcome, RiskScore: r.RiskScore, RiskBand: r.RiskBand,
			Rules: splitRules(r.Rules), Monitored: r.MonitorID != "", CreatedAt: Timestamp(r.CreatedAt), UpdatedAt: Timestamp(r.UpdatedAt)}
		if r.NextScreenAt != nil {
			v.NextScreenAt = Timestamp(*r.NextScreenAt)
		}
		if len(r.Detail) > 0 {
			raw, err := s.sealer.Open(r.Detail, detailLabel(r.ID))
			if err != nil {
				return nil, err
			}
			if r.State == storage.PersonInvalid {
				v.FieldErrors = raw
			} else {
				v.Matches = raw
			}
		}
		out = append(out, v)
	}
	if err := s.recordAudit(ctx, s.store, s.now(), actor, "person_screening.viewed", "subject", subjectID,
		map[string]any{"screenings": len(out)}, nil); err != nil {
		return nil, err
	}
	return out, nil
}

func splitRules(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// personScreeningSection adds the latest person screening's outcome code to GET /v1/me
// (never the matches): {"state","outcome","checkedAt"} or null.
func (s *Service) personScreeningSection() auth.MeSection {
	return auth.MeSection{Name: "personScreening", Load: func(ctx context.Context, subjectID string) (any, error) {
		list, err := s.store.ListPersonScreenings(ctx, subjectID)
		if err != nil || len(list) == 0 {
			return nil, err
		}
		r := list[0]
		return gin.H{"state": r.State, "outcome": r.Outcome, "checkedAt": Timestamp(r.UpdatedAt)}, nil
	}}
}

func (h *Handler) personScreenings(c *gin.Context) {
	ctx := c.Request.Context()
	list, err := h.svc.PersonScreenings(ctx, c.Param("id"), reviewerActor(ctx))
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"subjectId": c.Param("id"), "screenings": list})
}

// HeldSubject is one case of the reviewers' queue of holds: a subject a person
// screening's new match put on hold.
type HeldSubject struct {
	SubjectID string `json:"subjectId"`
	// Reason is the hold's code (aml_review).
	Reason string `json:"reason"`
	Level  int    `json:"level"`
	// Since is when the subject last changed (when it was put on hold, RFC 3339).
	Since string `json:"since"`
}

func (h *Handler) holds(c *gin.Context) {
	list, err := h.svc.store.ListHeldSubjects(c.Request.Context(), 200)
	if err != nil {
		api.Abort(c, err)
		return
	}
	out := make([]HeldSubject, len(list))
	for i, s := range list {
		out[i] = HeldSubject{SubjectID: s.ID, Reason: s.Hold, Level: s.ApprovedLevel, Since: Timestamp(s.UpdatedAt)}
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"holds": out})
}

func (h *Handler) clearHold(c *gin.Context) {
	var req reasonRequest
	if err := api.BindJSON(c, &req); err != nil {
		api.Abort(c, err)
		return
	}
	ctx := c.Request.Context()
	sub, err := h.svc.ClearHold(ctx, c.Param("id"), reviewerActor(ctx), req.Reason)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"subjectId": sub.ID, "hold": nil, "level": sub.ApprovedLevel})
}
