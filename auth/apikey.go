package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"time"

	"github.com/kycgate/kycgate/storage"
)

// API key prefixes make keys recognisable (in secret scanners and support tickets).
const (
	TenantKeyPrefix   = "kgt_"
	ReviewerKeyPrefix = "kgr_"
	OperatorKeyPrefix = "kgo_"
)

var keyEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewAPIKey returns a fresh secret key with the given prefix (256 random bits) and the
// hash under which it is stored. The secret is shown once and never stored.
func NewAPIKey(prefix string) (secret string, hash []byte) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("auth: crypto/rand failed: " + err.Error())
	}
	secret = prefix + keyEncoding.EncodeToString(b[:])
	return secret, HashSecret(secret)
}

// HashSecret is how API keys and session tokens are stored: SHA-256. The secrets carry
// 256 random bits, so a fast hash is enough; a leaked table does not reveal them.
func HashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// displayPrefix is the non-secret start of a key kept for listings.
func displayPrefix(secret string) string {
	if len(secret) > 10 {
		return secret[:10]
	}
	return secret
}

// IssueAPIKey creates and stores a new API key for an owner and returns its secret.
func IssueAPIKey(ctx context.Context, st storage.CredentialStore, owner storage.APIKeyOwner, ownerID string, now time.Time) (string, storage.APIKey, error) {
	prefix := TenantKeyPrefix
	switch owner {
	case storage.OwnerReviewer:
		prefix = ReviewerKeyPrefix
	case storage.OwnerOperator:
		prefix = OperatorKeyPrefix
	}
	secret, hash := NewAPIKey(prefix)
	k := storage.APIKey{OwnerKind: owner, OwnerID: ownerID, Prefix: displayPrefix(secret), Hash: hash, CreatedAt: now}
	if err := st.CreateAPIKey(ctx, &k); err != nil {
		return "", k, fmt.Errorf("issue api key: %w", err)
	}
	return secret, k, nil
}

// CreateTenant creates a tenant and its first API key in one transaction and returns
// the key's secret, which is shown only this once.
func CreateTenant(ctx context.Context, st storage.Store, name string, now time.Time) (storage.Tenant, string, error) {
	var t storage.Tenant
	secret, err := createWithKey(ctx, st, storage.OwnerTenant, name, now, func(tx storage.Store, name string) (string, error) {
		t = storage.Tenant{Name: name, CreatedAt: now}
		err := tx.CreateTenant(ctx, &t)
		return t.ID, err
	})
	return t, secret, err
}

// createWithKey validates the display name of a new credential owner (a tenant, reviewer
// or operator), then in one transaction creates it (create returns its id), issues its
// first API key and, for reviewers and operators, records who was created. It returns
// the key's secret, shown only this once.
func createWithKey(ctx context.Context, st storage.Store, owner storage.APIKeyOwner, name string, now time.Time,
	create func(tx storage.Store, name string) (string, error)) (string, error) {
	name, err := ValidateName(string(owner), name)
	if err != nil {
		return "", err
	}
	var secret string
	err = st.InTx(ctx, func(tx storage.Store) error {
		id, err := create(tx, name)
		if err != nil {
			return err
		}
		if secret, _, err = IssueAPIKey(ctx, tx, owner, id, now); err != nil {
			return err
		}
		if owner == storage.OwnerTenant {
			return nil
		}
		return storage.RecordAudit(ctx, tx, now, "operator", string(owner)+".created", string(owner), id, nil)
	})
	return secret, err
}

// Authenticate returns the active API key for a presented secret, of the given owner kind.
func Authenticate(ctx context.Context, st storage.CredentialStore, owner storage.APIKeyOwner, secret string) (storage.APIKey, error) {
	k, err := st.GetAPIKeyByHash(ctx, HashSecret(secret))
	if err != nil {
		return k, err
	}
	if k.OwnerKind != owner {
		return storage.APIKey{}, fmt.Errorf("key belongs to a %s: %w", k.OwnerKind, storage.ErrNotFound)
	}
	return k, nil
}
