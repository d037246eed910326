package api_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/fault"
)

// Every kind of domain error maps to its own status; an unknown kind is a 500.
func TestEveryFaultKindHasAStatus(t *testing.T) {
	t.Parallel()
	want := map[fault.Kind]int{
		fault.Internal: 500, fault.Invalid: 400, fault.Unauthorized: 401, fault.Forbidden: 403, fault.NotFound: 404,
		fault.MethodNotAllowed: 405, fault.Conflict: 409, fault.TooLarge: 413, fault.UnsupportedMedia: 415,
		fault.Unprocessable: 422, fault.RateLimited: 429, fault.Unavailable: 503,
	}
	for k := fault.Internal; k <= fault.Unavailable; k++ {
		require.Equal(t, want[k], api.Status(fault.New(k, "x", "y")), "kind %d", k)
	}
	require.Equal(t, http.StatusInternalServerError, api.Status(fault.New(fault.Kind(99), "x", "y")))
}
