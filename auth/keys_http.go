package auth

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage"
)

type tenantKey struct{}

type reviewerKey struct{}

// TenantFrom returns the id of the tenant whose API key RequireTenant admitted.
func TenantFrom(ctx context.Context) (string, bool) {
	id, ok := ctx.Value(tenantKey{}).(string)
	return id, ok && id != ""
}

// WithTenant returns ctx carrying an authenticated tenant id.
func WithTenant(ctx context.Context, tenantID string) context.Context {
	return context.WithValue(ctx, tenantKey{}, tenantID)
}

// ReviewerFrom returns the id of the reviewer whose API key RequireReviewer admitted.
func ReviewerFrom(ctx context.Context) (string, bool) {
	id, ok := ctx.Value(reviewerKey{}).(string)
	return id, ok && id != ""
}

// WithReviewer returns ctx carrying an authenticated reviewer id.
func WithReviewer(ctx context.Context, reviewerID string) context.Context {
	return context.WithValue(ctx, reviewerKey{}, reviewerID)
}

// RequireTenant admits requests with `Authorization: Bearer kgt_…`, a live tenant API key.
func RequireTenant(st storage.CredentialStore) gin.HandlerFunc {
	return requireKey(st, storage.OwnerTenant, TenantKeyPrefix, WithTenant)
}

// RequireReviewer admits requests with `Authorization: Bearer kgr_…`, a live reviewer
// API key, or (console non-nil, no Authorization header) a live reviewer console session
// cookie, whose writes must carry its CSRF token in X-CSRF-Token (else 403 csrf_failed).
func RequireReviewer(st storage.CredentialStore, console *Console) gin.HandlerFunc {
	return keyOrConsole(requireKey(st, storage.OwnerReviewer, ReviewerKeyPrefix, WithReviewer),
		console, storage.ConsoleReviewer, csrfHeader, WithReviewer)
}

// WalletOrTenant admits either a tenant API key (a bearer token starting kgt_) or,
// for anything else, whatever wallet admits (a wallet session).
func WalletOrTenant(wallet gin.HandlerFunc, st storage.CredentialStore) gin.HandlerFunc {
	tenant := RequireTenant(st)
	return func(c *gin.Context) {
		if strings.HasPrefix(bearer(c.GetHeader("Authorization")), TenantKeyPrefix) {
			tenant(c)
			return
		}
		wallet(c)
	}
}

func requireKey(st storage.CredentialStore, owner storage.APIKeyOwner, prefix string,
	with func(context.Context, string) context.Context) gin.HandlerFunc {
	return func(c *gin.Context) {
		secret := bearer(c.GetHeader("Authorization"))
		if !strings.HasPrefix(secret, prefix) {
			api.Abort(c, fault.UnauthorizedError("unauthenticated", "send a "+string(owner)+" API key as Authorization: Bearer "+prefix+"…"))
			return
		}
		k, err := Authenticate(c.Request.Context(), st, owner, secret)
		if errors.Is(err, storage.ErrNotFound) {
			api.Abort(c, fault.UnauthorizedError("unauthenticated", "the API key is unknown or revoked"))
			return
		} else if err != nil {
			api.Abort(c, err)
			return
		}
		c.Request = c.Request.WithContext(with(c.Request.Context(), k.OwnerID))
		c.Next()
	}
}

// CreateReviewer creates a compliance reviewer and its first API key in one transaction
// and returns the key's secret, which is shown only this once.
func CreateReviewer(ctx context.Context, st storage.Store, name string, now time.Time) (storage.Reviewer, string, error) {
	var r storage.Reviewer
	secret, err := createWithKey(ctx, st, storage.OwnerReviewer, name, now, func(tx storage.Store, name string) (string, error) {
		r = storage.Reviewer{Name: name, CreatedAt: now}
		err := tx.CreateReviewer(ctx, &r)
		return r.ID, err
	})
	return r, secret, err
}
