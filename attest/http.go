package attest

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/onchain/eas"
)

// Handler serves issuance, status, verification and the discovery document.
type Handler struct {
	svc *Service
}

// NewHandler returns the HTTP handler of svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register mounts the routes; requireWallet admits wallet sessions and
// limit, when non-nil, guards issuance.
func (h *Handler) Register(r gin.IRouter, requireWallet, limit gin.HandlerFunc) {
	if limit == nil {
		limit = func(c *gin.Context) { c.Next() }
	}
	r.POST("/v1/attestations", limit, requireWallet, h.issue)
	r.POST("/v1/attestations/verify", h.verify)
	r.GET("/v1/attestations/:uid", h.get)
	r.GET("/.well-known/kycgate-configuration", h.configuration)
}

// MeSection lists the subject's attestations in GET /v1/me.
func (h *Handler) MeSection() auth.MeSection {
	return auth.MeSection{Name: "attestations", Load: func(ctx context.Context, subjectID string) (any, error) {
		list, err := h.svc.ListForSubject(ctx, subjectID)
		if err != nil {
			return nil, err
		}
		out := make([]gin.H, len(list))
		now := h.svc.now()
		for i, a := range list {
			out[i] = gin.H{"uid": a.UID, "chainId": a.ChainID, "recipient": a.Recipient, "status": StatusOf(a, now),
				"issuedAt": a.IssuedAt.Format(time.RFC3339), "expiresAt": a.ExpiresAt.Format(time.RFC3339)}
		}
		return out, nil
	}}
}

func (h *Handler) url(p *eas.Package) string { return eas.EncodeURL(h.svc.cfg.PublicURL, p) }

func (h *Handler) issue(c *gin.Context) {
	var req struct {
		ChainID uint64 `json:"chainId"`
	}
	if err := api.BindJSON(c, &req); err != nil {
		api.Abort(c, err)
		return
	}
	if req.ChainID == 0 {
		api.Abort(c, fault.InvalidError("invalid_request", "chainId is required"))
		return
	}
	ses, _ := auth.SessionFrom(c.Request.Context())
	issued, err := h.svc.Issue(c.Request.Context(), ses, req.ChainID)
	if err != nil {
		api.Abort(c, err)
		return
	}
	status := http.StatusCreated
	if issued.Reused {
		status = http.StatusOK
	}
	c.JSON(status, gin.H{
		"uid": issued.Record.UID, "chainId": issued.Record.ChainID, "status": StatusValid, "reused": issued.Reused,
		"expiresAt": issued.Record.ExpiresAt.Format(time.RFC3339), "package": issued.Package, "url": h.url(issued.Package),
	})
}

func (h *Handler) get(c *gin.Context) {
	rec, pkg, err := h.svc.Get(c.Request.Context(), c.Param("uid"))
	if err != nil {
		api.Abort(c, err)
		return
	}
	out := gin.H{"uid": rec.UID, "chainId": rec.ChainID, "status": StatusOf(rec, h.svc.now()),
		"expiresAt": rec.ExpiresAt.Format(time.RFC3339), "package": pkg, "url": h.url(pkg)}
	if rec.RevokedAt != nil {
		out["revokedAt"] = rec.RevokedAt.Format(time.RFC3339)
		out["revocationReason"] = rec.RevocationReason
	}
	c.JSON(http.StatusOK, out)
}

// verify accepts {"package": {...}} (the shareable package) or {"package": "…"} (the
// attestation URL or its fragment); verifyRequest reads the body.
func (h *Handler) verify(c *gin.Context) {
	pkg, err := verifyRequest(c)
	if err != nil {
		api.Abort(c, err)
		return
	}
	res, err := Verify(c.Request.Context(), pkg, h.svc.Trust(), h.svc.store)
	if err != nil {
		api.Abort(c, err)
		return
	}
	h.svc.metrics.verify(res)
	if b, ok := res.appendJSON(make([]byte, 0, 512)); ok {
		c.Render(http.StatusOK, encodedJSON(b))
		return
	}
	c.JSON(http.StatusOK, res)
}

// ParseAny reads a package from its JSON object, or from a JSON string holding the
// attestation URL, its fragment, or the package JSON itself. Package JSON is read as
// strictly as every request body (api.CheckMembers: no member named twice, none differing
// only in case), and errors name JSON fields and types, never Go ones.
func ParseAny(raw json.RawMessage) (*eas.Package, error) {
	trimmed := strings.TrimSpace(string(raw))
	if strings.HasPrefix(trimmed, "{") {
		return ParsePackage([]byte(trimmed))
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, errors.New("package must be an object or a string")
	}
	s = strings.TrimSpace(s)
	var pkg *eas.Package
	var err error
	switch {
	case strings.HasPrefix(s, "{"):
		return ParsePackage([]byte(s))
	case strings.Contains(s, "#attestation="):
		pkg, err = eas.DecodeURL(s)
	default:
		pkg, err = eas.DecodeFragment(s)
	}
	if err != nil {
		return nil, api.PlainJSONError(err)
	}
	return pkg, nil
}

// ParsePackage reads the shareable package JSON strictly (see ParseAny).
func ParsePackage(raw []byte) (*eas.Package, error) {
	if pkg, ok := eas.ParseExact(raw); ok { // names every member once: CheckMembers passes
		return pkg, nil
	}
	if err := api.CheckMembers(raw); err != nil {
		return nil, err
	}
	pkg, err := eas.ParsePackage(raw)
	if err != nil {
		return nil, api.PlainJSONError(err)
	}
	return pkg, nil
}

func (h *Handler) configuration(c *gin.Context) {
	type signerView struct {
		Address string `json:"address"`
		KeyID   string `json:"keyId"`
		Status  string `json:"status"`
	}
	signers := []signerView{}
	if h.svc.keys != nil {
		for _, k := range h.svc.keys.Keys() {
			signers = append(signers, signerView{Address: k.Address.Hex(), KeyID: k.KeyID, Status: string(k.Status)})
		}
	}
	chains := []gin.H{}
	for _, id := range sortedKeys(h.svc.cfg.Domains) {
		d := h.svc.cfg.Domains[id]
		chain := gin.H{"chainId": id, "eas": gin.H{"name": d.Name, "version": d.Version,
			"verifyingContract": d.VerifyingContract.Hex()}, "verifier": nil}
		if v, ok := h.svc.cfg.Verifiers[id]; ok {
			chain["verifier"] = v.Hex()
		}
		chains = append(chains, chain)
	}
	c.Header("Cache-Control", "public, max-age=300")
	c.JSON(http.StatusOK, gin.H{
		"issuer":  h.svc.cfg.PublicURL,
		"signers": signers,
		"schema": gin.H{"definition": eas.KYCSchema, "uid": uidString(eas.KYCSchemaUID), "revocable": true,
			"resolver": "0x0000000000000000000000000000000000000000"},
		"attestation": gin.H{"format": "eas-offchain", "version": eas.Version2,
			"validitySeconds": int64(h.svc.cfg.Validity / time.Second)},
		"chains":  chains,
		"revoker": revokerView(h.svc.cfg.Revoker),
	})
}

// revokerView is the revoker's address, or null when revocations are not published onchain.
func revokerView(a common.Address) any {
	if a == (common.Address{}) {
		return nil
	}
	return a.Hex()
}
