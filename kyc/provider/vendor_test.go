package provider_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/provider"
)

func TestVendorFaultsAndRetryAfter(t *testing.T) {
	t.Parallel()
	v := provider.Vendor{Prefix: "acme", Name: "Acme", Credentials: "KYCGATE_ACME_KEY", Thing: "case"}
	cause := errors.New("HTTP error")
	for status, want := range map[int]struct {
		kind  fault.Kind
		code  string
		retry bool
	}{
		429: {fault.RateLimited, "acme_rate_limited", true},
		503: {fault.Unavailable, "acme_unavailable", true},
		401: {fault.Internal, "acme_unauthorized", false},
		404: {fault.NotFound, "acme_not_found", false},
		409: {fault.Conflict, "acme_conflict", false},
		422: {fault.Invalid, "acme_invalid_request", false},
		418: {fault.Internal, "acme_refused", false},
	} {
		f := v.Fault(status, 7*time.Second, cause)
		require.Equal(t, want.kind, f.Kind, status)
		require.Equal(t, want.code, f.Code, status)
		require.ErrorIs(t, f, cause)
		retry, after := provider.Retryable(f)
		require.Equal(t, want.retry, retry, status)
		if retry {
			require.Equal(t, 7*time.Second, after)
		}
	}
	require.Contains(t, v.Fault(401, 0, cause).Message, "KYCGATE_ACME_KEY")
	retry, _ := provider.Retryable(errors.New("plain"))
	require.False(t, retry)

	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	require.Equal(t, 120*time.Second, provider.RetryAfter("120", now))
	require.Equal(t, 90*time.Second, provider.RetryAfter(now.Add(90*time.Second).Format(http.TimeFormat), now))
	for _, bad := range []string{"", "-5", "0", "soon", now.Add(-time.Minute).Format(http.TimeFormat)} {
		require.Zero(t, provider.RetryAfter(bad, now), bad)
	}
}
