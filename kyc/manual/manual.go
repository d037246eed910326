// Package manual is the built-in KYC provider and the default: the gateway hosts the
// verification flow itself and compliance reviewers decide, after Ballerine's
// manual-review workflow. It needs no outside account, which makes `make run` a complete
// KYC system on its own.
//
// A wallet holder (or a tenant's customer) follows a flow token through four steps —
// personal_details, document, selfie, submit — on the hosted page or through the JSON API
// under /v1/flow/{token}. Progress is saved per step in the verification's (sealed) data,
// so the flow resumes on another device. Uploads are checked by content (JPEG, PNG, PDF),
// size-limited, sealed with pii and stored in the documents table.
//
// Reviewers work the queue under /v1/admin/reviews with a reviewer API key: approve (at a
// level), reject (final), or ask for named documents again with a comment the user sees
// (a retry), after which only those are asked for. Decisions go through the kyc
// lifecycle, are audited, and are idempotent; a different decision on a closed case is
// refused.
//
// The same hosted flow also serves the verifications of external providers that run on
// it (kyc.HostedFlow: Sumsub in api mode): its back end then forwards the submission to
// the provider instead of the reviewers' queue (backend.go).
package manual

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/conf"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/storage"
)

// Type is the provider type under which the manual provider is registered.
const Type = "manual"

// FlowTokenPrefix starts every hosted-flow token.
const FlowTokenPrefix = "kgf_"

// Defaults.
const (
	DefaultMaxUploadBytes = 10 << 20
	DefaultFlowTTL        = 30 * 24 * time.Hour
)

// Config configures the manual provider from KYCGATE_MANUAL_* (package conf).
type Config struct {
	// MaxUploadBytes is the largest document or selfie accepted, in bytes
	// (KYCGATE_MANUAL_MAX_UPLOAD_BYTES; default KYCGATE_UPLOAD_LIMIT, else 10 MiB).
	MaxUploadBytes int64
	// FlowTTL is how long an unfinished flow lives without progress before it expires
	// (KYCGATE_MANUAL_FLOW_TTL, a Go duration of at least 1h; default 720h).
	FlowTTL time.Duration `default:"720h"`
	// MaxUploadsPerVerification caps the uploads of one verification, replaced ones
	// included (KYCGATE_MANUAL_MAX_UPLOADS_PER_VERIFICATION, at least 3; default 20). A
	// replaced document's content is deleted.
	MaxUploadsPerVerification int `default:"20"`
	// UploadsPerMinutePerFlow and UploadsPerMinutePerClient rate-limit uploads per flow
	// token and per client IP (KYCGATE_MANUAL_UPLOADS_PER_MINUTE_PER_FLOW, default 10;
	// KYCGATE_MANUAL_UPLOADS_PER_MINUTE_PER_CLIENT, default 30; 0: no limit).
	UploadsPerMinutePerFlow   int `default:"10"`
	UploadsPerMinutePerClient int `default:"30"`
	// UploadMemoryBytes bounds the memory the bodies of uploads in flight hold
	// (KYCGATE_MANUAL_UPLOAD_MEMORY_BYTES, default 128 MiB; each upload is charged three
	// times its size); image decoding has its own budget of MaxImagePixels × 4 bytes.
	UploadMemoryBytes int64
	// MaxImagePixels is the largest image decoded, width × height
	// (KYCGATE_MANUAL_MAX_IMAGE_PIXELS, default 50 million).
	MaxImagePixels int64
	// MaxPDFPages and MaxPDFBytes bound PDF documents (KYCGATE_MANUAL_MAX_PDF_PAGES and
	// KYCGATE_MANUAL_MAX_PDF_BYTES; defaults 10 pages, 5 MiB).
	MaxPDFPages int
	MaxPDFBytes int64
}

// NewConfig returns an empty Config: the registry factory of the manual provider.
func NewConfig() kyc.Config { return &Config{} }

var _ kyc.Config = (*Config)(nil)

// Validate implements the conf validation hook.
func (c *Config) Validate() error {
	if c.MaxUploadBytes != 0 && (c.MaxUploadBytes < 1024 || c.MaxUploadBytes > 100<<20) {
		return conf.Invalid("MaxUploadBytes", fmt.Sprintf("%d is outside 1 KiB to 100 MiB", c.MaxUploadBytes))
	}
	if c.FlowTTL != 0 && c.FlowTTL < time.Hour {
		return conf.Invalid("FlowTTL", "want a duration of at least 1h")
	}
	switch {
	case c.MaxUploadsPerVerification != 0 && c.MaxUploadsPerVerification < 3:
		return conf.Invalid("MaxUploadsPerVerification", "want at least 3 (front, back, selfie)")
	case c.UploadsPerMinutePerFlow < 0:
		return conf.Invalid("UploadsPerMinutePerFlow", "must not be negative")
	case c.UploadsPerMinutePerClient < 0:
		return conf.Invalid("UploadsPerMinutePerClient", "must not be negative")
	case c.UploadMemoryBytes < 0:
		return conf.Invalid("UploadMemoryBytes", "must not be negative")
	case c.MaxImagePixels < 0 || (c.MaxImagePixels > 0 && c.MaxImagePixels < minImageSide*minImageSide) ||
		c.MaxImagePixels > 500_000_000:
		return conf.Invalid("MaxImagePixels", fmt.Sprintf("want %d to 500000000", minImageSide*minImageSide))
	case c.MaxPDFPages < 0:
		return conf.Invalid("MaxPDFPages", "must not be negative")
	case c.MaxPDFBytes < 0:
		return conf.Invalid("MaxPDFBytes", "must not be negative")
	}
	return nil
}

// Open implements kyc.Config.
func (c *Config) Open(name string, deps kyc.Deps) (kyc.Provider, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("manual: %w", err)
	}
	maxUpload, flowTTL := c.MaxUploadBytes, c.FlowTTL
	if maxUpload == 0 {
		maxUpload = cmp.Or(deps.UploadLimit, DefaultMaxUploadBytes)
	}
	if deps.UploadLimit > 0 {
		maxUpload = min(maxUpload, deps.UploadLimit)
	}
	if flowTTL == 0 {
		flowTTL = DefaultFlowTTL
	}
	maxUploads, memory := c.MaxUploadsPerVerification, c.UploadMemoryBytes
	if maxUploads == 0 {
		maxUploads = DefaultMaxUploadsPerVerification
	}
	if memory == 0 {
		memory = DefaultUploadMemoryBytes
	}
	maxBody := maxUpload + multipartOverhead
	if memory < uploadCopies*maxBody {
		return nil, fmt.Errorf("manual: invalid KYCGATE_MANUAL_UPLOAD_MEMORY_BYTES: %d is under %d (three copies of the largest upload)",
			memory, uploadCopies*maxBody)
	}
	if deps.Store == nil || deps.Sealer == nil || deps.Lifecycle == nil {
		return nil, errors.New("manual: store, sealer and lifecycle are required")
	}
	now := deps.Now
	if now == nil {
		now = time.Now
	}
	return &Provider{name: name, store: deps.Store, sealer: deps.Sealer, life: deps.Lifecycle, now: now, lookup: deps.Provider, names: deps.ProviderNames,
		publicURL: strings.TrimSuffix(deps.PublicURL, "/"), maxUpload: maxUpload, flowTTL: flowTTL,
		maxUploads: maxUploads, checker: NewChecker(c.MaxImagePixels, c.MaxPDFPages, c.MaxPDFBytes),
		gate: newUploadGate(c.UploadsPerMinutePerFlow, c.UploadsPerMinutePerClient, memory, maxBody, now)}, nil
}

// Provider is the manual provider.
type Provider struct {
	name      string
	store     storage.Store
	sealer    sealer
	life      kyc.Lifecycle
	now       func() time.Time
	publicURL string
	maxUpload int64
	flowTTL   time.Duration
	// maxUploads caps the uploads of one verification; checker judges their content;
	// gate rate-limits them and bounds the memory they hold.
	maxUploads int
	checker    *Checker
	gate       *uploadGate
	// lookup finds the provider of a verification that is not this provider's, whose
	// flow may still run here (backendOf).
	lookup func(name string) kyc.Provider
	// names lists the enabled providers, whose kyc.ExternalReview cases the reviewer
	// queue lists too (external.go).
	names func() []string
}

// sealer is the part of pii.Sealer the provider uses.
type sealer interface {
	Seal(plaintext []byte, label string) ([]byte, error)
	Open(sealed []byte, label string) ([]byte, error)
}

var (
	_ kyc.Provider = (*Provider)(nil)
	_ kyc.Router   = (*Provider)(nil)
)

// Start implements kyc.Provider: it issues a fresh flow token (any earlier one stops
// working) and keeps the progress already saved.
func (p *Provider) Start(_ context.Context, v storage.Verification) (kyc.Session, error) {
	token, _ := auth.NewAPIKey(FlowTokenPrefix)
	return kyc.Session{Ref: v.ID, URL: p.publicURL + "/flow/" + token, FlowToken: token}, nil
}

// ---- the flow's state, kept (sealed) in the verification's data ----

// PersonalDetails are what the user declares in the first step.
type PersonalDetails struct {
	FirstName   string `json:"firstName"`
	LastName    string `json:"lastName"`
	DateOfBirth string `json:"dateOfBirth"`
	Country     string `json:"country"`
	// DocumentNumber is the identity document's number as printed (optional): person
	// screening (Kora) sends it as an identifier.
	DocumentNumber string `json:"documentNumber,omitempty"`
}

// LogValue keeps personal details out of logs.
func (PersonalDetails) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// documentSlot is the identity document being submitted: its type and a document id per side.
type documentSlot struct {
	Type  string            `json:"type"`
	Sides map[string]string `json:"sides"`
}

// decisionRecord is the last reviewer decision.
type decisionRecord struct {
	Decision   string            `json:"decision"`
	ReasonCode string            `json:"reasonCode,omitempty"`
	Reason     string            `json:"reason"`
	Level      int               `json:"level,omitempty"`
	Documents  []DocumentComment `json:"documents,omitempty"`
	Reviewer   string            `json:"reviewer"`
	At         time.Time         `json:"at"`
}

// redoItem is one slot a reviewer asked for again.
type redoItem struct {
	DocumentID string `json:"documentId"`
	Comment    string `json:"comment"`
	Done       bool   `json:"done"`
}

// state is the flow's progress.
type state struct {
	Details  *PersonalDetails `json:"details,omitempty"`
	Document *documentSlot    `json:"document,omitempty"`
	Selfie   string           `json:"selfie,omitempty"`
	// Uploads counts every upload the flow received, replaced ones included.
	Uploads int `json:"uploads,omitempty"`
	// Redo maps the slots a reviewer (or an external provider's retry) asked for again
	// ("document:front", "document:back", "selfie"; "personal_details" for an external
	// provider) to the comment the user sees. While it is set (from the resubmit decision
	// to the next submit) only those slots can change.
	Redo        map[string]redoItem `json:"redo,omitempty"`
	SubmittedAt *time.Time          `json:"submittedAt,omitempty"`
	Decision    *decisionRecord     `json:"decision,omitempty"`
	// Sent maps the slots sent to an external provider (the forwarder back end) to the
	// provider's id of the image (Sumsub's image id), so that its retry can name them.
	Sent map[string]string `json:"sent,omitempty"`
	// Comment is an external provider's comment on its retry (Sumsub's
	// moderationComment), shown until the next submit.
	Comment string `json:"comment,omitempty"`
}

func loadState(v storage.Verification) (state, error) {
	var st state
	if len(v.Data) == 0 {
		return st, nil
	}
	if err := json.Unmarshal(v.Data, &st); err != nil {
		return st, fmt.Errorf("manual: state of %s: %w", v.ID, err)
	}
	return st, nil
}

func (st state) encode() ([]byte, error) { return json.Marshal(st) }

// Document types and the sides each needs.
var documentSides = map[string][]string{
	"passport":         {"front"},
	"id_card":          {"front", "back"},
	"driving_licence":  {"front", "back"},
	"residence_permit": {"front", "back"},
}

// slotOf names the slot a current document fills, or "".
func (st state) slotOf(documentID string) string {
	if st.Selfie == documentID && documentID != "" {
		return "selfie"
	}
	if st.Document != nil {
		for side, id := range st.Document.Sides {
			if id == documentID {
				return "document:" + side
			}
		}
	}
	return ""
}

// documentDone reports whether the chosen document has every side it needs.
func (st state) documentDone() bool {
	if st.Document == nil {
		return false
	}
	for _, side := range documentSides[st.Document.Type] {
		if st.Document.Sides[side] == "" {
			return false
		}
	}
	return true
}

// Step is one step of the flow as the user sees it.
type Step struct {
	Name    string `json:"name"`
	Status  string `json:"status"`
	Comment string `json:"comment,omitempty"`
	// Hint tells the user how to do the step (the selfie of an external provider's
	// flow: the document visible and readable in it).
	Hint string `json:"hint,omitempty"`
}

// Step statuses.
const (
	StepTodo = "todo"
	StepDone = "done"
	StepRedo = "redo"
)

func (st state) steps(status storage.VerificationStatus) []Step {
	step := func(name string, done bool, redo []string) Step {
		switch {
		case len(redo) > 0:
			return Step{Name: name, Status: StepRedo, Comment: strings.Join(redo, " ")}
		case done:
			return Step{Name: name, Status: StepDone}
		}
		return Step{Name: name, Status: StepTodo}
	}
	var detailsRedo, docRedo, selfieRedo []string
	if item, ok := st.Redo[slotDetails]; ok && !item.Done {
		detailsRedo = append(detailsRedo, item.Comment)
	}
	for _, side := range []string{"front", "back"} {
		if item, ok := st.Redo["document:"+side]; ok && !item.Done {
			docRedo = append(docRedo, item.Comment)
		}
	}
	if item, ok := st.Redo["selfie"]; ok && !item.Done {
		selfieRedo = append(selfieRedo, item.Comment)
	}
	submitted := st.SubmittedAt != nil && !editable(status)
	return []Step{
		step("personal_details", st.Details != nil, detailsRedo),
		step("document", st.documentDone(), docRedo),
		step("selfie", st.Selfie != "", selfieRedo),
		step("submit", submitted, nil),
	}
}

// editable reports whether the user may still change the flow.
func editable(s storage.VerificationStatus) bool {
	return s == storage.StatusCreated || s == storage.StatusInProgress || s == storage.StatusResubmissionRequested
}

// editableFrom lists the statuses the user's changes compare-and-swap against.
var editableFrom = []storage.VerificationStatus{storage.StatusCreated, storage.StatusInProgress, storage.StatusResubmissionRequested}

// closedError explains why a flow no longer takes changes.
func closedError(s storage.VerificationStatus) error {
	switch s {
	case storage.StatusInReview:
		return fault.ConflictError("flow_submitted", "this verification is submitted and under review")
	case storage.StatusExpired:
		return fault.ConflictError("flow_expired", "this verification expired: start a new one")
	}
	return fault.ConflictError("flow_closed", "this verification is closed")
}
