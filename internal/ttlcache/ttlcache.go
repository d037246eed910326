// Package ttlcache is a small map cache whose entries live a fixed time on an injected
// clock, so the bound on how stale an answer may be is exact and testable without sleeps.
package ttlcache

import (
	"sync"
	"time"
)

// Cache maps K to V for at most TTL each. It is safe for concurrent use.
type Cache[K comparable, V any] struct {
	mu      sync.Mutex
	entries map[K]entry[V]
	ttl     time.Duration
	max     int
	now     func() time.Time
}

type entry[V any] struct {
	v       V
	expires time.Time
}

// New returns a cache whose entries expire ttl after they were put, by now (time.Now when
// nil), holding at most max entries (when a put finds it full, expired entries go, and
// if none had, everything goes: a flood of distinct keys cannot grow it).
func New[K comparable, V any](ttl time.Duration, max int, now func() time.Time) *Cache[K, V] {
	if now == nil {
		now = time.Now
	}
	return &Cache[K, V]{entries: map[K]entry[V]{}, ttl: ttl, max: max, now: now}
}

// Get returns k's value if it was put less than TTL ago.
func (c *Cache[K, V]) Get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	if !ok || !c.now().Before(e.expires) {
		var zero V
		return zero, false
	}
	return e.v, true
}

// Put keeps v for k for TTL from now.
func (c *Cache[K, V]) Put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if _, ok := c.entries[k]; !ok && len(c.entries) >= c.max {
		for key, e := range c.entries {
			if !now.Before(e.expires) {
				delete(c.entries, key)
			}
		}
		if len(c.entries) >= c.max {
			clear(c.entries)
		}
	}
	c.entries[k] = entry[V]{v: v, expires: now.Add(c.ttl)}
}

// Delete forgets k.
func (c *Cache[K, V]) Delete(k K) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, k)
}

// Clear forgets every entry.
func (c *Cache[K, V]) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.entries)
}
