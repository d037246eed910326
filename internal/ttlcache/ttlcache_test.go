package ttlcache_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/internal/ttlcache"
)

func TestEntriesLiveExactlyTheirTTL(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := ttlcache.New[string, int](time.Second, 2, func() time.Time { return now })
	c.Put("a", 1)
	v, ok := c.Get("a")
	require.True(t, ok)
	require.Equal(t, 1, v)
	now = now.Add(time.Second - time.Nanosecond)
	_, ok = c.Get("a")
	require.True(t, ok, "still within the TTL")
	now = now.Add(time.Nanosecond)
	_, ok = c.Get("a")
	require.False(t, ok, "gone at the TTL")

	c.Put("a", 2)
	c.Delete("a")
	_, ok = c.Get("a")
	require.False(t, ok)
}

func TestFullCacheDropsExpiredThenEverything(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := ttlcache.New[string, int](time.Second, 2, func() time.Time { return now })
	c.Put("a", 1)
	now = now.Add(500 * time.Millisecond)
	c.Put("b", 2)
	now = now.Add(600 * time.Millisecond) // a expired, b live
	c.Put("c", 3)
	_, ok := c.Get("b")
	require.True(t, ok, "only the expired entry made room")
	_, ok = c.Get("c")
	require.True(t, ok)
	c.Put("d", 4) // full of live entries: start over
	_, ok = c.Get("b")
	require.False(t, ok)
	v, ok := c.Get("d")
	require.True(t, ok)
	require.Equal(t, 4, v)
	c.Put("d", 5) // replacing a key never evicts
	_, ok = c.Get("d")
	require.True(t, ok)
}
