package auth

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage"
)

// ConsoleSessionPath is the console session resource: POST signs in with an API key,
// GET shows the session, DELETE signs out.
const ConsoleSessionPath = "/v1/console/session"

// Register mounts the console session routes; limit, when non-nil, guards the sign-in.
//
//	POST   /v1/console/session {"key":"kgr_…"|"kgo_…"} → 200 consoleView + cookie; 401
//	GET    /v1/console/session (cookie)                → 200 consoleView; 401
//	DELETE /v1/console/session (cookie, X-CSRF-Token)  → 204, cookie cleared; 401, 403
func (c *Console) Register(r gin.IRouter, limit gin.HandlerFunc) {
	if limit == nil {
		limit = func(c *gin.Context) { c.Next() }
	}
	r.POST(ConsoleSessionPath, noStore, limit, c.signIn)
	r.GET(ConsoleSessionPath, noStore, c.session(""), c.show)
	r.DELETE(ConsoleSessionPath, noStore, api.NoBody, c.session(""), c.signOut)
}

func noStore(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.Next()
}

// consoleView is a console session as the API shows it.
type consoleView struct {
	Role               string `json:"role"`
	Name               string `json:"name"`
	CSRFToken          string `json:"csrfToken"`
	IdleTimeoutSeconds int64  `json:"idleTimeoutSeconds"`
	ExpiresAt          string `json:"expiresAt"`
}

func (c *Console) view(ses storage.ConsoleSession, name string) consoleView {
	return consoleView{Role: string(ses.Role), Name: name, CSRFToken: ses.CSRFToken,
		IdleTimeoutSeconds: int64(c.cfg.IdleTimeout / time.Second), ExpiresAt: ses.ExpiresAt.UTC().Format(time.RFC3339)}
}

func (c *Console) signIn(g *gin.Context) {
	var req struct {
		Key string `json:"key"`
	}
	if err := api.BindJSON(g, &req); err != nil {
		api.Abort(g, err)
		return
	}
	in, err := c.SignIn(g.Request.Context(), req.Key)
	if err != nil {
		api.Abort(g, err)
		return
	}
	c.setCookie(g, in.Token, in.Session.ExpiresAt)
	g.JSON(http.StatusOK, c.view(in.Session, in.Name))
}

func (c *Console) show(g *gin.Context) {
	ses, _ := ConsoleSessionFrom(g.Request.Context())
	name, err := c.ownerName(g.Request.Context(), ses.Role, ses.OwnerID)
	if err != nil {
		api.Abort(g, err)
		return
	}
	g.JSON(http.StatusOK, c.view(ses, name))
}

func (c *Console) signOut(g *gin.Context) {
	ses, _ := ConsoleSessionFrom(g.Request.Context())
	if err := c.SignOut(g.Request.Context(), ses); err != nil {
		api.Abort(g, err)
		return
	}
	c.setCookie(g, "", time.Time{})
	g.Status(http.StatusNoContent)
}

// setCookie sets the console cookie to token until expires, or clears it (token "").
func (c *Console) setCookie(g *gin.Context, token string, expires time.Time) {
	ck := &http.Cookie{Name: ConsoleCookie, Value: token, Path: "/", HttpOnly: true, Secure: c.cfg.CookieSecure,
		SameSite: http.SameSiteStrictMode, MaxAge: -1}
	if token != "" {
		ck.Expires, ck.MaxAge = expires, int(c.cfg.MaxAge/time.Second)
	}
	http.SetCookie(g.Writer, ck)
}

// csrfMode says how a cookie-authenticated write proves it comes from our pages.
type csrfMode int

const (
	// csrfHeader: the session's token in CSRFHeader (our pages send it).
	csrfHeader csrfMode = iota
	// csrfSameOrigin: Sec-Fetch-Site: same-origin or an Origin equal to the public
	// origin (the River UI, whose own scripts cannot send our header).
	csrfSameOrigin
)

// session admits a request with a live console session cookie of role (any role when
// ""), checking CSRF on writes by the header; it aborts with 401 or 403 otherwise.
func (c *Console) session(role storage.ConsoleRole) gin.HandlerFunc {
	return c.cookie(role, csrfHeader, nil)
}

// cookie authenticates the console cookie for role ("" any), checks CSRF on writes as
// mode says, puts the session (and with, the owner) in the context and runs the rest.
func (c *Console) cookie(role storage.ConsoleRole, mode csrfMode, with func(ctx context.Context, id string) context.Context) gin.HandlerFunc {
	return func(g *gin.Context) {
		token, _ := g.Cookie(ConsoleCookie)
		ses, err := c.Lookup(g.Request.Context(), token)
		if err == nil && role != "" && ses.Role != role {
			err = fault.UnauthorizedError("unauthenticated", "this console session is not a "+string(role)+"'s: sign in with a "+string(role)+" key")
		}
		if err == nil && !safeMethod(g.Request.Method) {
			err = c.checkWrite(g, ses, mode)
		}
		if err != nil {
			api.Abort(g, err)
			return
		}
		ctx := WithConsoleSession(g.Request.Context(), ses)
		if with != nil {
			ctx = with(ctx, ses.OwnerID)
		}
		g.Request = g.Request.WithContext(ctx)
		g.Next()
	}
}

func (c *Console) checkWrite(g *gin.Context, ses storage.ConsoleSession, mode csrfMode) error {
	if mode == csrfHeader {
		return CheckCSRF(ses, g.GetHeader(CSRFHeader))
	}
	if g.GetHeader("Sec-Fetch-Site") == "same-origin" ||
		(c.cfg.PublicOrigin != "" && strings.EqualFold(g.GetHeader("Origin"), c.cfg.PublicOrigin)) {
		return nil
	}
	return fault.ForbiddenError(CodeCSRFFailed, "a console write must come from the gateway's own pages")
}

// keyOrConsole admits a bearer API key of owner (checked by key) when an Authorization
// header is sent, else a console session cookie of the same role (console may be nil:
// keys only).
func keyOrConsole(key gin.HandlerFunc, console *Console, role storage.ConsoleRole, mode csrfMode,
	with func(ctx context.Context, id string) context.Context) gin.HandlerFunc {
	if console == nil {
		return key
	}
	cookie := console.cookie(role, mode, with)
	return func(g *gin.Context) {
		if _, err := g.Cookie(ConsoleCookie); err == nil && g.GetHeader("Authorization") == "" {
			cookie(g)
			return
		}
		key(g)
	}
}
