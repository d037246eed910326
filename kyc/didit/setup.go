package didit

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/fault"
)

// SetupConfig is what `kycgate providers setup didit` reads from KYCGATE_DIDIT_*: the
// API to call and the key, and the workflow id when one is configured already (then
// nothing is created).
type SetupConfig struct {
	BaseURL    string        `env:"BASE_URL" default:"https://verification.didit.me"`
	APIKey     string        `env:"API_KEY,required"`
	WorkflowID string        `env:"WORKFLOW_ID"`
	Timeout    time.Duration `default:"30s"`
}

// Validate implements conf's validation.
func (c *SetupConfig) Validate() error {
	u, err := url.Parse(c.BaseURL)
	switch {
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		return conf.Invalid("BaseURL", "want an http(s) origin such as "+DefaultBaseURL)
	case strings.TrimSuffix(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil:
		return conf.Invalid("BaseURL", "want an origin only (no path, query or credentials)")
	case strings.TrimSpace(c.APIKey) == "":
		return conf.Invalid("APIKey", "must not be empty")
	case c.Timeout <= 0 || c.Timeout > 5*time.Minute:
		return conf.Invalid("Timeout", "want a duration above 0 and at most 5m")
	}
	return nil
}

// WorkflowLabel is the label of the workflow Setup creates.
const WorkflowLabel = "kycgate KYC"

// Recommended settings of the workflow Setup creates: a face match scoring below
// FaceMatchDeclineThreshold is declined, below FaceMatchReviewThreshold goes to review;
// a declined user may try MaxRetryAttempts more times.
const (
	FaceMatchDeclineThreshold = 40
	FaceMatchReviewThreshold  = 60
	MaxRetryAttempts          = 3
)

// WorkflowFeature is one check of a workflow, in execution order.
type WorkflowFeature struct {
	Feature string         `json:"feature"`
	Config  map[string]any `json:"config,omitempty"`
}

// WorkflowRequest is the body of POST /v3/workflows/ (Didit's "Create Workflow" of its
// management API: a simple linear workflow from its features).
type WorkflowRequest struct {
	WorkflowLabel    string            `json:"workflow_label"`
	Features         []WorkflowFeature `json:"features"`
	MaxRetryAttempts int               `json:"max_retry_attempts"`
}

// Workflow is the part of Didit's answer Setup reads: the uuid is what sessions are
// created with (KYCGATE_DIDIT_WORKFLOW_ID).
type Workflow struct {
	UUID          string   `json:"uuid"`
	WorkflowID    string   `json:"workflow_id"`
	WorkflowLabel string   `json:"workflow_label"`
	Features      []string `json:"features"`
}

// RecommendedWorkflow is the KYC workflow Setup creates: document scan (OCR), passive
// liveness, face match against the document with a decline and a review threshold, and
// MaxRetryAttempts retries after a decline.
func RecommendedWorkflow() WorkflowRequest {
	return WorkflowRequest{
		WorkflowLabel: WorkflowLabel,
		Features: []WorkflowFeature{
			{Feature: "OCR"},
			{Feature: "LIVENESS", Config: map[string]any{"face_liveness_method": "passive"}},
			{Feature: "FACE_MATCH", Config: map[string]any{
				"face_match_score_decline_threshold": FaceMatchDeclineThreshold,
				"face_match_score_review_threshold":  FaceMatchReviewThreshold,
			}},
		},
		MaxRetryAttempts: MaxRetryAttempts,
	}
}

// SetupResult is what Setup did: the workflow id to use and whether it created it.
type SetupResult struct {
	WorkflowID string `json:"workflowId"`
	Created    bool   `json:"created"`
}

// Setup creates the recommended KYC workflow (RecommendedWorkflow) with
// POST /v3/workflows/ when cfg names none, and answers its id; when cfg names one, it
// changes nothing and answers that one. Each call without a configured id creates a new
// workflow (Didit's endpoint is not idempotent).
func Setup(ctx context.Context, cfg SetupConfig) (SetupResult, error) {
	if err := cfg.Validate(); err != nil {
		return SetupResult{}, fmt.Errorf("didit: %w", err)
	}
	if id := strings.TrimSpace(cfg.WorkflowID); id != "" {
		return SetupResult{WorkflowID: id}, nil
	}
	c := &client{base: strings.TrimSuffix(cfg.BaseURL, "/"), key: cfg.APIKey,
		http: &http.Client{Timeout: cfg.Timeout}, now: time.Now}
	var w Workflow
	if err := c.call(ctx, http.MethodPost, "/v3/workflows/", RecommendedWorkflow(), &w); err != nil {
		return SetupResult{}, err
	}
	id := w.UUID
	if id == "" {
		id = w.WorkflowID
	}
	if id == "" {
		return SetupResult{}, fault.New(fault.Unavailable, "didit_bad_answer", "Didit created a workflow but answered no id")
	}
	return SetupResult{WorkflowID: id, Created: true}, nil
}
