package kyc

import (
	"context"
	"errors"
	"math"
	"net/http"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/gate"
	"github.com/kycgate/kycgate/storage"
)

// View is a verification as the API shows it to its wallet holder and to tenants. It
// carries no personal data.
type View struct {
	ID         string                     `json:"id"`
	Status     storage.VerificationStatus `json:"status"`
	RejectType string                     `json:"rejectType,omitempty"`
	Provider   string                     `json:"provider"`
	Mode       string                     `json:"mode"`
	Level      int                        `json:"level"`
	TenantID   string                     `json:"tenantId,omitempty"`
	CreatedAt  string                     `json:"createdAt"`
	UpdatedAt  string                     `json:"updatedAt"`
}

// ViewOf is the API view of a verification.
func ViewOf(v storage.Verification) View {
	return View{ID: v.ID, Status: v.Status, RejectType: v.RejectType, Provider: v.Provider, Mode: v.Mode, Level: v.Level,
		TenantID: v.TenantID, CreatedAt: Timestamp(v.CreatedAt), UpdatedAt: Timestamp(v.UpdatedAt)}
}

// Timestamp formats a time as the API does: RFC 3339 in UTC.
func Timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// StartedView is the answer to a start.
type StartedView struct {
	View
	URL       string `json:"url,omitempty"`
	FlowToken string `json:"flowToken,omitempty"`
	SDKToken  string `json:"sdkToken,omitempty"`
	// Challenge is a message the wallet signs for the provider (ComPilot's Web3 mode).
	Challenge string `json:"challenge,omitempty"`
	Reused    bool   `json:"reused"`
}

// ForSubject returns a verification of the subject; anyone else's is unknown.
func (s *Service) ForSubject(ctx context.Context, subjectID, id string) (View, error) {
	v, err := s.store.GetVerification(ctx, id)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && v.SubjectID != subjectID) {
		return View{}, fault.NotFoundError("unknown_verification", "no such verification")
	}
	return ViewOf(v), err
}

// ForTenant returns a verification whose subject is shared with the tenant.
func (s *Service) ForTenant(ctx context.Context, tenantID, id string) (View, error) {
	v, err := s.store.GetVerification(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return View{}, fault.NotFoundError("unknown_verification", "no such verification")
	} else if err != nil {
		return View{}, err
	}
	shared, err := s.store.IsSubjectShared(ctx, tenantID, v.SubjectID)
	if err != nil {
		return View{}, err
	}
	if !shared {
		return View{}, fault.NotFoundError("unknown_verification", "no such verification")
	}
	return tenantView(v, tenantID), nil
}

// tenantView is a verification as a tenant sees it: a result shared with it from another
// dApp does not say which one.
func tenantView(v storage.Verification, tenantID string) View {
	out := ViewOf(v)
	if out.TenantID != tenantID {
		out.TenantID = ""
	}
	return out
}

// CustomerView is a tenant's customer: the approval, the wallets, the latest verification
// and the decision under the tenant's rules.
type CustomerView struct {
	ExternalCustomerID string        `json:"externalCustomerId"`
	SubjectID          string        `json:"subjectId"`
	Status             string        `json:"status"`
	Level              int           `json:"level"`
	ApprovedAt         string        `json:"approvedAt,omitempty"`
	Wallets            []string      `json:"wallets"`
	Verification       *View         `json:"verification"`
	Decision           gate.Decision `json:"decision"`
}

// Customer returns a tenant's regular-mode customer; other tenants' customers are unknown.
// Like the wallet gating lookup it is one query (storage GetCustomerGateView): the
// customer, its share, its latest verification and its wallets with their screening
// states; only a wallet never screened adds work (it is screened on the spot).
func (s *Service) Customer(ctx context.Context, tenantID, customerID string) (CustomerView, error) {
	if err := ValidCustomerID(customerID); err != nil {
		return CustomerView{}, err
	}
	g, err := s.store.GetCustomerGateView(ctx, tenantID, customerID)
	if errors.Is(err, storage.ErrNotFound) {
		return CustomerView{}, fault.NotFoundError("unknown_customer", "no customer with this id")
	} else if err != nil {
		return CustomerView{}, err
	}
	sub := g.Subject
	out := CustomerView{ExternalCustomerID: customerID, SubjectID: sub.ID, Status: "none", Level: sub.ApprovedLevel,
		Wallets: make([]string, 0, len(g.Wallets))}
	if sub.ApprovedAt != nil {
		out.ApprovedAt = Timestamp(*sub.ApprovedAt)
	}
	for _, w := range g.Wallets {
		out.Wallets = append(out.Wallets, common.HexToAddress(w.Address).Hex())
	}
	if g.Latest != nil {
		v := tenantView(*g.Latest, tenantID)
		out.Verification, out.Status = &v, string(g.Latest.Status)
	}
	out.Decision, err = gate.DecideView(ctx, s, s.rules, g, s.now())
	return out, err
}

// MeSections add the subject's latest verification, its decision (under the default
// rules) and its consents to tenants to GET /v1/me.
func (s *Service) MeSections() []auth.MeSection {
	out := []auth.MeSection{
		{Name: "verification", Load: func(ctx context.Context, subjectID string) (any, error) {
			latest, err := s.latest(ctx, subjectID)
			if err != nil || latest == nil {
				return nil, err
			}
			return ViewOf(*latest), nil
		}},
		{Name: "decision", Load: func(ctx context.Context, subjectID string) (any, error) {
			sub, err := s.store.GetSubject(ctx, subjectID)
			if err != nil {
				return nil, err
			}
			k, err := s.KYCState(ctx, sub)
			if err != nil {
				return nil, err
			}
			return gate.Decide(sub, k, gate.Rules{MinLevel: 1}, s.now()), nil
		}},
		{Name: "consents", Load: func(ctx context.Context, subjectID string) (any, error) {
			return s.Consents(ctx, subjectID)
		}},
	}
	if s.persons != nil {
		out = append(out, s.personScreeningSection())
	}
	return out
}

// Handler serves the verification API.
type Handler struct {
	svc *Service
}

// NewHandler returns the HTTP handler of svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Middleware are the guards the routes are mounted with.
type Middleware struct {
	// Wallet admits wallet sessions, Tenant tenant API keys, Reviewer reviewer API keys,
	// WalletOrTenant either of the first two.
	Wallet, Tenant, Reviewer, WalletOrTenant gin.HandlerFunc
	// BodyLimit raises the body limit of one route pattern (the manual provider's uploads).
	BodyLimit func(pattern string, limit int64)
}

// Register mounts the routes, and those of every provider that serves its own.
func (h *Handler) Register(r gin.IRouter, m Middleware) {
	r.POST("/v1/kyc/verifications", m.Wallet, h.startWeb3)
	r.GET("/v1/kyc/verifications/:id", m.WalletOrTenant, h.get)
	r.POST("/v1/kyc/link", m.Wallet, h.link)

	t := r.Group("/v1/tenant", m.Tenant)
	t.POST("/customers/:externalCustomerId/verifications", h.startRegular)
	t.GET("/customers/:externalCustomerId", h.customer)
	t.POST("/customers/:externalCustomerId/link-token", api.NoBody, h.linkToken)
	t.GET("/settings", h.getSettings)
	t.PUT("/settings", h.putSettings)

	// Providers' webhooks: the route enforces its own limit (MaxWebhookBytes, whatever
	// KYCGATE_BODY_LIMIT says), so that refusals are counted per provider.
	m.BodyLimit(WebhookPath, math.MaxInt64)
	r.POST(WebhookPath, h.webhook)

	a := r.Group("/v1/admin", m.Reviewer)
	a.POST("/verifications/:id/revoke", h.revoke)
	a.POST("/subjects/:id/block", h.block(true))
	a.POST("/subjects/:id/unblock", h.block(false))
	a.GET("/subjects/:id/person-screenings", h.personScreenings)
	a.POST("/subjects/:id/clear-hold", h.clearHold)
	a.GET("/holds", h.holds)
	h.registerPersonal(r, m)
	h.registerScreening(a)

	for _, p := range h.svc.Providers() {
		if pr, ok := p.(Router); ok {
			pr.Routes(r, Guards{Reviewer: m.Reviewer, BodyLimit: m.BodyLimit})
		}
	}
}

type startRequest struct {
	TenantID  string `json:"tenantId"`
	Provider  string `json:"provider"`
	Level     int    `json:"level"`
	ReturnURL string `json:"returnUrl"`
}

// bindOptional decodes a JSON body that may be absent.
func bindOptional(c *gin.Context, v any) error {
	if c.Request.ContentLength == 0 {
		return nil
	}
	return api.BindJSON(c, v)
}

// renderStarted answers a start; a tenant (tenantID not empty) gets the tenant view, which
// does not name the dApp a reused approval was made for.
func (h *Handler) renderStarted(c *gin.Context, st Started, tenantID string) {
	view := ViewOf(st.Verification)
	if tenantID != "" {
		view = tenantView(st.Verification, tenantID)
	}
	out := StartedView{View: view, URL: st.Session.URL, FlowToken: st.Session.FlowToken,
		SDKToken: st.Session.SDKToken, Challenge: st.Session.Challenge, Reused: st.Reused}
	c.Header("Cache-Control", "no-store")
	status := http.StatusCreated
	if st.Reused {
		status = http.StatusOK
	}
	c.JSON(status, out)
}

func (h *Handler) startWeb3(c *gin.Context) {
	var req startRequest
	if err := bindOptional(c, &req); err != nil {
		api.Abort(c, err)
		return
	}
	ses, _ := auth.SessionFrom(c.Request.Context())
	st, err := h.svc.StartForWallet(c.Request.Context(), ses, StartRequest(req))
	if err != nil {
		api.Abort(c, err)
		return
	}
	h.renderStarted(c, st, "")
}

type regularStartRequest struct {
	Provider  string `json:"provider"`
	Level     int    `json:"level"`
	ReturnURL string `json:"returnUrl"`
}

func (h *Handler) startRegular(c *gin.Context) {
	var req regularStartRequest
	if err := bindOptional(c, &req); err != nil {
		api.Abort(c, err)
		return
	}
	tenantID, _ := auth.TenantFrom(c.Request.Context())
	st, err := h.svc.StartForCustomer(c.Request.Context(), tenantID, c.Param("externalCustomerId"),
		StartRequest{Provider: req.Provider, Level: req.Level, ReturnURL: req.ReturnURL})
	if err != nil {
		api.Abort(c, err)
		return
	}
	h.renderStarted(c, st, tenantID)
}

func (h *Handler) get(c *gin.Context) {
	ctx := c.Request.Context()
	var v View
	var err error
	if tenantID, ok := auth.TenantFrom(ctx); ok {
		v, err = h.svc.ForTenant(ctx, tenantID, c.Param("id"))
	} else {
		ses, _ := auth.SessionFrom(ctx)
		v, err = h.svc.ForSubject(ctx, ses.SubjectID, c.Param("id"))
	}
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

func (h *Handler) customer(c *gin.Context) {
	ctx := c.Request.Context()
	tenantID, _ := auth.TenantFrom(ctx)
	out, err := h.svc.Customer(ctx, tenantID, c.Param("externalCustomerId"))
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}

func (h *Handler) linkToken(c *gin.Context) {
	tenantID, _ := auth.TenantFrom(c.Request.Context())
	token, expires, err := h.svc.NewLinkToken(c.Request.Context(), tenantID, c.Param("externalCustomerId"))
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, gin.H{"linkToken": token, "expiresAt": Timestamp(expires)})
}

type linkRequest struct {
	LinkToken string `json:"linkToken"`
}

func (h *Handler) link(c *gin.Context) {
	var req linkRequest
	if err := api.BindJSON(c, &req); err != nil {
		api.Abort(c, err)
		return
	}
	ses, _ := auth.SessionFrom(c.Request.Context())
	subjectID, err := h.svc.LinkWallet(c.Request.Context(), ses, req.LinkToken)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"subjectId": subjectID})
}

type reasonRequest struct {
	Reason string `json:"reason"`
}

func reviewerActor(ctx context.Context) string {
	id, _ := auth.ReviewerFrom(ctx)
	return "reviewer:" + id
}

func (h *Handler) revoke(c *gin.Context) {
	var req reasonRequest
	if err := api.BindJSON(c, &req); err != nil {
		api.Abort(c, err)
		return
	}
	ctx := c.Request.Context()
	v, err := h.svc.Revoke(ctx, c.Param("id"), reviewerActor(ctx), req.Reason)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusOK, ViewOf(v))
}

func (h *Handler) block(blocked bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		var req reasonRequest
		if err := api.BindJSON(c, &req); err != nil {
			api.Abort(c, err)
			return
		}
		ctx := c.Request.Context()
		sub, err := h.svc.SetBlocked(ctx, c.Param("id"), blocked, reviewerActor(ctx), req.Reason)
		if err != nil {
			api.Abort(c, err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"subjectId": sub.ID, "blocked": sub.Blocked, "level": sub.ApprovedLevel})
	}
}
