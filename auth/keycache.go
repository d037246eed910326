package auth

import (
	"context"
	"time"

	"github.com/kycgate/kycgate/internal/ttlcache"
	"github.com/kycgate/kycgate/storage"
)

// KeyCacheTTL is how long a replica trusts an API key it found live: the bound on how
// long a key revoked elsewhere (another replica, the CLI) keeps working here. One second:
// "a revoked key stops working" stays true within a second across replicas, while a
// busy key costs one database read per second per replica instead of one per request.
const KeyCacheTTL = time.Second

// keyCacheSize bounds the cached keys (each is an APIKey, a few hundred bytes).
const keyCacheSize = 10_000

// CachedKeys is a storage.CredentialStore whose GetAPIKeyByHash answers from the keys it
// found live in the last KeyCacheTTL (by its clock). Unknown and revoked keys are never
// cached, so a new key works at once; a key revoked through this store stops at once
// here and within KeyCacheTTL on other replicas. The other methods pass through.
type CachedKeys struct {
	storage.CredentialStore
	keys *ttlcache.Cache[string, storage.APIKey]
}

// NewCachedKeys caches st's live keys for KeyCacheTTL on now (time.Now when nil).
func NewCachedKeys(st storage.CredentialStore, now func() time.Time) *CachedKeys {
	return &CachedKeys{CredentialStore: st, keys: ttlcache.New[string, storage.APIKey](KeyCacheTTL, keyCacheSize, now)}
}

// GetAPIKeyByHash implements storage.CredentialStore from the cache, or the store.
func (c *CachedKeys) GetAPIKeyByHash(ctx context.Context, hash []byte) (storage.APIKey, error) {
	if k, ok := c.keys.Get(string(hash)); ok {
		return k, nil
	}
	k, err := c.CredentialStore.GetAPIKeyByHash(ctx, hash)
	if err != nil {
		return k, err
	}
	c.keys.Put(string(hash), k)
	return k, nil
}

// RevokeAPIKey implements storage.CredentialStore and forgets the key here at once.
func (c *CachedKeys) RevokeAPIKey(ctx context.Context, id string, at time.Time) error {
	err := c.CredentialStore.RevokeAPIKey(ctx, id, at)
	c.keys.Clear()
	return err
}
