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

// legacyOperatorCookie is the cookie that once carried an operator's API key under
// /admin; the session form clears it from browsers that still hold one.
const legacyOperatorCookie = "kycgate_operator"

type operatorKey struct{}

// OperatorFrom returns the id of the operator whose API key or console session
// RequireOperator admitted.
func OperatorFrom(ctx context.Context) (string, bool) {
	id, ok := ctx.Value(operatorKey{}).(string)
	return id, ok && id != ""
}

// WithOperator returns ctx carrying an authenticated operator id.
func WithOperator(ctx context.Context, operatorID string) context.Context {
	return context.WithValue(ctx, operatorKey{}, operatorID)
}

// RequireOperator admits requests with `Authorization: Bearer kgo_…`, a live operator API
// key, or (console non-nil, no Authorization header) a live operator console session
// cookie, whose writes must carry its CSRF token in X-CSRF-Token (else 403 csrf_failed).
// Tenant and reviewer keys and reviewer sessions are refused.
func RequireOperator(st storage.CredentialStore, console *Console) gin.HandlerFunc {
	return keyOrConsole(requireKey(st, storage.OwnerOperator, OperatorKeyPrefix, WithOperator),
		console, storage.ConsoleOperator, csrfHeader, WithOperator)
}

// RequireOperatorPages is RequireOperator for pages whose own scripts cannot send
// X-CSRF-Token (the River UI under /admin/jobs): a cookie-authenticated write must
// instead come from the gateway's own origin (Sec-Fetch-Site: same-origin, or an Origin
// equal to the public origin), else 403 csrf_failed.
func RequireOperatorPages(st storage.CredentialStore, console *Console) gin.HandlerFunc {
	return keyOrConsole(requireKey(st, storage.OwnerOperator, OperatorKeyPrefix, WithOperator),
		console, storage.ConsoleOperator, csrfSameOrigin, WithOperator)
}

// OperatorSession is the form at /admin/session for browsers without JavaScript: GET
// shows it, POST exchanges an operator API key (form field "key") for an operator
// console session (the ConsoleCookie, as POST /v1/console/session sets it) and redirects
// to next (a path under /admin). A wrong key answers 401 and sets nothing; the key is
// never stored in the browser.
func OperatorSession(console *Console, next string) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Header("Cache-Control", "no-store")
		if c.Request.Method == http.MethodGet {
			c.Header("Content-Security-Policy", "default-src 'none'; form-action 'self'")
			c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(`<!doctype html><title>kycgate operators</title>
<form method="post"><label>Operator API key <input name="key" type="password" autocomplete="off" required></label>
<button>Open the jobs</button></form>`))
			return
		}
		if err := c.Request.ParseForm(); err != nil {
			api.Abort(c, fault.InvalidError("invalid_form", "send the form as application/x-www-form-urlencoded"))
			return
		}
		for name, values := range c.Request.PostForm {
			if name != "key" || len(values) != 1 {
				api.Abort(c, fault.InvalidError("invalid_form", "send exactly one field, key"))
				return
			}
		}
		key := strings.TrimSpace(c.PostForm("key"))
		if !strings.HasPrefix(key, OperatorKeyPrefix) {
			api.Abort(c, fault.UnauthorizedError("unauthenticated", "an operator API key (kgo_…) is required"))
			return
		}
		in, err := console.SignIn(c.Request.Context(), key)
		if err != nil {
			api.Abort(c, err)
			return
		}
		console.setCookie(c, in.Token, in.Session.ExpiresAt)
		http.SetCookie(c.Writer, &http.Cookie{Name: legacyOperatorCookie, Value: "", Path: "/admin", MaxAge: -1,
			HttpOnly: true, Secure: console.cfg.CookieSecure, SameSite: http.SameSiteStrictMode})
		c.Redirect(http.StatusSeeOther, next)
	}
}

// CreateOperator creates an operator and its first API key in one transaction and
// returns the key's secret, which is shown only this once.
func CreateOperator(ctx context.Context, st storage.Store, name string, now time.Time) (storage.Operator, string, error) {
	var o storage.Operator
	secret, err := createWithKey(ctx, st, storage.OwnerOperator, name, now, func(tx storage.Store, name string) (string, error) {
		o = storage.Operator{Name: name, CreatedAt: now}
		err := tx.CreateOperator(ctx, &o)
		return o.ID, err
	})
	return o, secret, err
}
