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

// OperatorCookie carries an operator's API key for the browser pages under /admin (the
// River UI's own requests cannot send an Authorization header). It is HttpOnly,
// SameSite=Strict and scoped to /admin.
const OperatorCookie = "kycgate_operator"

type operatorKey struct{}

// OperatorFrom returns the id of the operator whose API key RequireOperator admitted.
func OperatorFrom(ctx context.Context) (string, bool) {
	id, ok := ctx.Value(operatorKey{}).(string)
	return id, ok && id != ""
}

// WithOperator returns ctx carrying an authenticated operator id.
func WithOperator(ctx context.Context, operatorID string) context.Context {
	return context.WithValue(ctx, operatorKey{}, operatorID)
}

// RequireOperator admits requests with `Authorization: Bearer kgo_…`, a live operator API
// key, or with that key in the OperatorCookie. Tenant and reviewer keys are refused.
func RequireOperator(st storage.CredentialStore) gin.HandlerFunc {
	check := requireKey(st, storage.OwnerOperator, OperatorKeyPrefix, WithOperator)
	return func(c *gin.Context) {
		if c.GetHeader("Authorization") == "" {
			if key, err := c.Cookie(OperatorCookie); err == nil && key != "" {
				c.Request.Header.Set("Authorization", "Bearer "+key)
			}
		}
		check(c)
	}
}

// OperatorSession exchanges an operator API key (form field "key") for the
// OperatorCookie and redirects to next (a path under /admin); GET shows the form. The
// key is checked first: a wrong one answers 401 and sets nothing.
func OperatorSession(st storage.CredentialStore, secure bool, next string) gin.HandlerFunc {
	return func(c *gin.Context) {
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
		if _, err := Authenticate(c.Request.Context(), st, storage.OwnerOperator, key); err != nil {
			if errors.Is(err, storage.ErrNotFound) {
				err = fault.UnauthorizedError("unauthenticated", "the API key is unknown or revoked")
			}
			api.Abort(c, err)
			return
		}
		http.SetCookie(c.Writer, &http.Cookie{Name: OperatorCookie, Value: key, Path: "/admin", MaxAge: 8 * 3600,
			HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode})
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
