package sumsub_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/sumsub"
)

// TestEraseDeactivatesTheApplicant: Erase deactivates the applicant as Sumsub documents
// it; a second call (the applicant is gone for reads) still succeeds; an applicant under
// review is refused as Sumsub refuses it, and that refusal is not retried.
func TestEraseDeactivatesTheApplicant(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeWebSDK)
	v, s := b.start(t, b.verification())
	require.NoError(t, b.p.Erase(t.Context(), s.Ref))
	require.Equal(t, []string{v.ProviderRef}, b.fake.Deactivated())
	app, err := b.p.Applicant(t.Context(), s.Ref)
	require.NoError(t, err)
	require.True(t, app.Deleted, "Sumsub shows the applicant deactivated")

	b.fake.Remove(t, s.Ref)
	require.NoError(t, b.p.Erase(t.Context(), s.Ref), "an applicant Sumsub no longer knows counts as erased")

	_, pending := b.start(t, b.verification())
	b.fake.SetReview(t, pending.Ref, "pending", nil)
	err = b.p.Erase(t.Context(), pending.Ref)
	require.Error(t, err)
	require.True(t, fault.IsKind(err, fault.Invalid) || fault.IsKind(err, fault.Conflict), "%v", err)
	retry, _ := sumsub.Retryable(err)
	require.False(t, retry)
}
