package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage"
)

// CookieName is the session cookie.
const CookieName = "kycgate_session"

// MeSection adds one field to GET /v1/me for a subject (verification, decision,
// attestations…); features that land later register theirs.
type MeSection struct {
	Name string
	Load func(ctx context.Context, subjectID string) (any, error)
}

// Handler serves sign-in, sessions and the wallet holder's own account.
type Handler struct {
	svc      *Service
	sections []MeSection
}

// NewHandler returns the HTTP handler of svc; sections extend GET /v1/me.
func NewHandler(svc *Service, sections ...MeSection) *Handler {
	return &Handler{svc: svc, sections: sections}
}

// Register mounts the routes. limit, when non-nil, guards the nonce and sign-in endpoints.
func (h *Handler) Register(r gin.IRouter, limit gin.HandlerFunc) {
	if limit == nil {
		limit = func(c *gin.Context) { c.Next() }
	}
	r.POST("/v1/auth/nonce", limit, h.nonce)
	r.POST("/v1/auth/siwe", limit, h.signIn)
	wallet := r.Group("", h.RequireWallet())
	wallet.POST("/v1/auth/logout", api.NoBody, h.logout)
	wallet.GET("/v1/me", h.me)
	wallet.POST("/v1/me/wallets", h.linkWallet)
	wallet.DELETE("/v1/me/wallets/:address", api.NoBody, h.unlinkWallet)
}

type sessionKey struct{}

// SessionFrom returns the wallet session RequireWallet put in ctx.
func SessionFrom(ctx context.Context) (storage.Session, bool) {
	s, ok := ctx.Value(sessionKey{}).(storage.Session)
	return s, ok
}

// WithSession returns ctx carrying a wallet session.
func WithSession(ctx context.Context, s storage.Session) context.Context {
	return context.WithValue(ctx, sessionKey{}, s)
}

// RequireWallet admits requests with a live wallet session, from the
// `Authorization: Bearer kgs_…` header or the session cookie.
//
// A write authenticated by the cookie must come from the gateway's own origin when the
// browser says where it comes from (Origin), so another site cannot act with the
// holder's cookie; bearer tokens are never sent by a browser on its own.
func (h *Handler) RequireWallet() gin.HandlerFunc {
	return func(c *gin.Context) {
		token := bearer(c.GetHeader("Authorization"))
		if token == "" {
			token, _ = c.Cookie(CookieName)
			if origin := c.GetHeader("Origin"); origin != "" && !safeMethod(c.Request.Method) &&
				!strings.EqualFold(origin, h.svc.siwe.URIOrigin) {
				api.Abort(c, fault.New(fault.Forbidden, "origin_mismatch",
					"a cookie-authenticated request from another origin: send the bearer token instead"))
				return
			}
		}
		ses, err := h.svc.Authenticate(c.Request.Context(), token)
		if err != nil {
			api.Abort(c, err)
			return
		}
		c.Request = c.Request.WithContext(WithSession(c.Request.Context(), ses))
		c.Next()
	}
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

func bearer(header string) string {
	if len(header) > 7 && strings.EqualFold(header[:7], "bearer ") {
		return strings.TrimSpace(header[7:])
	}
	return ""
}

// nonce issues a nonce. With a body {"address","chainId"} it also returns the message
// for that wallet to sign.
func (h *Handler) nonce(c *gin.Context) {
	var req struct {
		Address string `json:"address"`
		ChainID uint64 `json:"chainId"`
	}
	if err := api.BindJSON(c, &req); err != nil && !errors.Is(err, api.ErrEmptyBody) {
		api.Abort(c, err)
		return
	}
	n, message, err := h.svc.PrepareSignIn(c.Request.Context(), req.Address, req.ChainID)
	if err != nil {
		api.Abort(c, err)
		return
	}
	out := gin.H{"nonce": n.Value, "expiresAt": n.ExpiresAt.UTC().Format(time.RFC3339)}
	if message != "" {
		out["message"] = message
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, out)
}

type signedMessageRequest struct {
	Message   string `json:"message"`
	Signature string `json:"signature"`
}

// bindSignedMessage reads {"message","signature"}, both required.
func bindSignedMessage(c *gin.Context) (signedMessageRequest, error) {
	var req signedMessageRequest
	if err := api.BindJSON(c, &req); err != nil {
		return req, err
	}
	if req.Message == "" || req.Signature == "" {
		return req, fault.InvalidError("invalid_request", "message and signature are required")
	}
	return req, nil
}

func (h *Handler) signIn(c *gin.Context) {
	req, err := bindSignedMessage(c)
	if err != nil {
		api.Abort(c, err)
		return
	}
	res, err := h.svc.SignIn(c.Request.Context(), req.Message, req.Signature)
	if err != nil {
		api.Abort(c, err)
		return
	}
	http.SetCookie(c.Writer, &http.Cookie{
		Name: CookieName, Value: res.Token, Path: "/", Expires: res.Session.ExpiresAt,
		MaxAge: int(res.Session.ExpiresAt.Sub(res.Session.CreatedAt).Seconds()), HttpOnly: true,
		Secure: h.svc.cfg.CookieSecure, SameSite: http.SameSiteLaxMode,
	})
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{
		"token": res.Token, "address": checksum(res.Session.Address), "chainId": res.Session.ChainID,
		"subjectId": res.Session.SubjectID, "expiresAt": res.Session.ExpiresAt.UTC().Format(time.RFC3339),
	})
}

func (h *Handler) logout(c *gin.Context) {
	ses, _ := SessionFrom(c.Request.Context())
	if err := h.svc.Logout(c.Request.Context(), ses); err != nil {
		api.Abort(c, err)
		return
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: CookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: h.svc.cfg.CookieSecure, SameSite: http.SameSiteLaxMode})
	c.Status(http.StatusNoContent)
}

// walletView is a wallet as the API shows it.
type walletView struct {
	Address  string `json:"address"`
	LinkedAt string `json:"linkedAt"`
}

func viewWallet(w storage.Wallet) walletView {
	return walletView{Address: checksum(w.Address), LinkedAt: w.LinkedAt.UTC().Format(time.RFC3339)}
}

func (h *Handler) me(c *gin.Context) {
	ctx := c.Request.Context()
	ses, _ := SessionFrom(ctx)
	wallets, err := h.svc.store.ListWallets(ctx, ses.SubjectID)
	if err != nil {
		api.Abort(c, err)
		return
	}
	views := make([]walletView, len(wallets))
	for i, w := range wallets {
		views[i] = viewWallet(w)
	}
	out := gin.H{
		"subject": gin.H{"id": ses.SubjectID},
		"session": gin.H{"address": checksum(ses.Address), "chainId": ses.ChainID,
			"expiresAt": ses.ExpiresAt.UTC().Format(time.RFC3339)},
		"wallets":      views,
		"verification": nil,
		"decision":     nil,
		"attestations": []any{},
	}
	for _, s := range h.sections {
		v, err := s.Load(ctx, ses.SubjectID)
		if err != nil {
			api.Abort(c, err)
			return
		}
		out[s.Name] = v
	}
	c.JSON(http.StatusOK, out)
}

func (h *Handler) linkWallet(c *gin.Context) {
	req, err := bindSignedMessage(c)
	if err != nil {
		api.Abort(c, err)
		return
	}
	ses, _ := SessionFrom(c.Request.Context())
	w, err := h.svc.LinkWallet(c.Request.Context(), ses, req.Message, req.Signature)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusCreated, viewWallet(w))
}

func (h *Handler) unlinkWallet(c *gin.Context) {
	ses, _ := SessionFrom(c.Request.Context())
	if err := h.svc.UnlinkWallet(c.Request.Context(), ses, c.Param("address")); err != nil {
		api.Abort(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
