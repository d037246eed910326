package kyc_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/server"
)

// TestReadinessShowsThePersonScreeningService: /readyz lists the person-screening
// service (configured, as nothing has failed) without its credentials.
func TestReadinessShowsThePersonScreeningService(t *testing.T) {
	t.Parallel()
	b := setupKora(t, nil)
	var got server.Readiness
	rec := b.call(t, http.StatusOK, "GET", "/readyz", nil, &got)
	require.NotNil(t, got.PersonScreening)
	require.Equal(t, "kora", got.PersonScreening.Name)
	require.Equal(t, "configured", got.PersonScreening.State)
	require.Equal(t, "manual", got.Providers[0].Name)

	for name, v := range b.kora.Env() {
		if v != "" && (strings.Contains(name, "KEY") || strings.Contains(name, "SECRET")) {
			require.NotContains(t, rec.Body.String(), v, name)
		}
	}
}
