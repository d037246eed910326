package didit_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc/didit"
)

// TestEraseDeletesTheSession: Erase deletes the session as Didit documents it (DELETE
// /v3/session/{id}/delete/, 204); a repeat (404 at Didit) counts as erased; a 429 is
// retryable.
func TestEraseDeletesTheSession(t *testing.T) {
	t.Parallel()
	b := setup(t)
	_, s := b.start(t)
	require.NoError(t, b.p.Erase(t.Context(), s.Ref))
	require.Equal(t, []string{s.Ref}, b.fake.Deleted())
	_, err := b.p.Decision(t.Context(), s.Ref)
	require.Error(t, err, "the session is gone from reads")
	require.NoError(t, b.p.Erase(t.Context(), s.Ref), "a repeat counts as erased")

	b.fake.FailNext(1, http.StatusTooManyRequests, "3")
	retry, _ := didit.Retryable(b.p.Erase(t.Context(), "any"))
	require.True(t, retry)
}
