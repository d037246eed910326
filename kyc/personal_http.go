package kyc

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
)

// registerPersonal mounts the routes of the data subject's rights (issue 18): the
// holder's export, document downloads and consents; tenants' reads of details and
// erasure of their customers; reviewers' erasure of any subject. Every answer that
// carries personal data is Cache-Control: no-store.
func (h *Handler) registerPersonal(r gin.IRouter, m Middleware) {
	r.GET("/v1/me/export", m.Wallet, h.export)
	r.GET("/v1/me/documents/:id", m.Wallet, h.ownDocument)
	r.POST("/v1/me/consents", m.Wallet, h.giveConsent)
	r.DELETE("/v1/me/consents/:id", m.Wallet, api.NoBody, h.revokeConsent)
	r.GET("/v1/tenant/customers/:externalCustomerId/details", m.Tenant, h.customerDetails)
	r.DELETE("/v1/tenant/customers/:externalCustomerId/personal-data", m.Tenant, api.NoBody, h.eraseCustomer)
	r.GET("/v1/tenant/wallets/:address/details", m.Tenant, h.walletDetails)
	r.POST("/v1/admin/subjects/:id/erase", m.Reviewer, h.eraseSubject)
}

func walletActor(c *gin.Context) (string, string) {
	ses, _ := auth.SessionFrom(c.Request.Context())
	return ses.SubjectID, "wallet:" + ses.Address
}

func (h *Handler) export(c *gin.Context) {
	subjectID, actor := walletActor(c)
	out, err := h.svc.Export(c.Request.Context(), subjectID, actor)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
}

func (h *Handler) ownDocument(c *gin.Context) {
	subjectID, actor := walletActor(c)
	d, err := h.svc.OwnDocument(c.Request.Context(), subjectID, c.Param("id"), actor)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Content-Security-Policy", "default-src 'none'; sandbox")
	c.Header("Content-Disposition", `attachment; filename="`+d.ID+`"`)
	c.Data(http.StatusOK, d.ContentType, d.Data)
}

type consentRequest struct {
	TenantID  string    `json:"tenantId"`
	Scope     []string  `json:"scope"`
	ExpiresAt time.Time `json:"expiresAt"`
}

func (h *Handler) giveConsent(c *gin.Context) {
	var req consentRequest
	if err := api.BindJSON(c, &req); err != nil {
		api.Abort(c, err)
		return
	}
	subjectID, actor := walletActor(c)
	out, err := h.svc.GiveConsent(c.Request.Context(), subjectID, req.TenantID, req.Scope, req.ExpiresAt, actor)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusCreated, out)
}

func (h *Handler) revokeConsent(c *gin.Context) {
	subjectID, actor := walletActor(c)
	if err := h.svc.RevokeConsent(c.Request.Context(), subjectID, c.Param("id"), actor); err != nil {
		api.Abort(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *Handler) customerDetails(c *gin.Context) {
	ctx := c.Request.Context()
	tenantID, _ := auth.TenantFrom(ctx)
	out, err := h.svc.CustomerDetails(ctx, tenantID, c.Param("externalCustomerId"))
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
}

func (h *Handler) walletDetails(c *gin.Context) {
	ctx := c.Request.Context()
	tenantID, _ := auth.TenantFrom(ctx)
	out, err := h.svc.WalletDetails(ctx, tenantID, c.Param("address"))
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
}

func (h *Handler) eraseCustomer(c *gin.Context) {
	ctx := c.Request.Context()
	tenantID, _ := auth.TenantFrom(ctx)
	out, err := h.svc.EraseCustomer(ctx, tenantID, c.Param("externalCustomerId"))
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}

func (h *Handler) eraseSubject(c *gin.Context) {
	var req reasonRequest
	if err := api.BindJSON(c, &req); err != nil {
		api.Abort(c, err)
		return
	}
	ctx := c.Request.Context()
	out, err := h.svc.EraseSubject(ctx, c.Param("id"), reviewerActor(ctx), req.Reason)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}
