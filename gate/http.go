package gate

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
)

// Register mounts the tenant's gating routes behind tenant (the tenant API key
// middleware): GET /v1/tenant/wallets/{address}, GET and PUT /v1/tenant/rules.
func (s *Service) Register(r gin.IRouter, tenant gin.HandlerFunc) {
	t := r.Group("/v1/tenant", tenant)
	t.GET("/wallets/:address", s.gateWallet)
	t.GET("/rules", s.getRules)
	t.PUT("/rules", s.putRules)
}

func (s *Service) gateWallet(c *gin.Context) {
	ctx := c.Request.Context()
	tenantID, _ := auth.TenantFrom(ctx)
	t, err := s.tenant(ctx, tenantID)
	if err != nil {
		api.Abort(c, err)
		return
	}
	out, err := s.GateWallet(ctx, t, c.Param("address"))
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}

func (s *Service) getRules(c *gin.Context) {
	tenantID, _ := auth.TenantFrom(c.Request.Context())
	r, err := s.Rules(c.Request.Context(), tenantID)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusOK, r)
}

func (s *Service) putRules(c *gin.Context) {
	var r Rules
	if err := api.BindJSON(c, &r); err != nil {
		api.Abort(c, err)
		return
	}
	tenantID, _ := auth.TenantFrom(c.Request.Context())
	r, err := s.SetRules(c.Request.Context(), tenantID, r)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusOK, r)
}
