package api_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api"
)

func TestClientKey(t *testing.T) {
	t.Parallel()
	require.Equal(t, "203.0.113.7", api.ClientKey("203.0.113.7"))
	require.Equal(t, "2001:db8:1:2::/64", api.ClientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
	require.Equal(t, api.ClientKey("2001:db8:1:2::1"), api.ClientKey("2001:db8:1:2:ffff::9"), "one /64, one bucket")
	require.Equal(t, "::ffff:203.0.113.7", api.ClientKey("::ffff:203.0.113.7"))
	require.Equal(t, "junk", api.ClientKey("junk"))
}

func TestRateLimiterRefills(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := api.NewRateLimiter(2, func() time.Time { return now })
	ok, _ := r.Allow("a")
	require.True(t, ok)
	ok, _ = r.Allow("a")
	require.True(t, ok)
	ok, wait := r.Allow("a")
	require.False(t, ok)
	require.Equal(t, 30*time.Second, wait)
	ok, _ = r.Allow("b")
	require.True(t, ok, "buckets are per client")
	now = now.Add(30 * time.Second)
	ok, _ = r.Allow("a")
	require.True(t, ok)
}
