package kyc_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// TestRetentionErasesExactlyWhatIsPastItsTime: two decided subjects (decided one minute
// before and one minute after the limit) and two abandoned ones (started one minute
// before and after theirs); on an injected clock, each run erases exactly those past
// their time, with the right code, audited by system:retention.
func TestRetentionErasesExactlyWhatIsPastItsTime(t *testing.T) {
	t.Parallel()
	for name, open := range map[string]func(testing.TB) storage.Store{"sqlite": storagetest.OpenSQLite, "postgres": storagetest.OpenPostgres} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			testRetention(t, setup(t, open(t)))
		})
	}
}

func testRetention(t *testing.T, b testBundle) {
	ctx := context.Background()
	svc := kycService(t, b)

	// t0: one decided, one abandoned. t0+2m: the same again.
	decidedEarly, _ := b.approvedWallet(t, 1, b.tenantID)
	abandonedEarly := b.startOnly(t)
	b.clock.Add(2 * time.Minute)
	decidedLate, _ := b.approvedWallet(t, 1, b.tenantID)
	abandonedLate := b.startOnly(t)
	erasedAs := func(w wallet) string {
		e, err := b.store.GetErasure(ctx, b.subjectOf(t, w).ID)
		if errors.Is(err, storage.ErrNotFound) {
			return ""
		}
		require.NoError(t, err)
		require.Equal(t, kyc.ErasedBy, e.Actor)
		return e.Code
	}

	// Nothing is due yet.
	res, err := svc.EraseExpired(ctx, 10)
	require.NoError(t, err)
	require.Equal(t, kyc.RetentionResult{}, res)

	// t0 + 90 days + 1 minute: the limit of abandoned flows sits between the two.
	b.clock.Add(kyc.DefaultRetentionAbandoned - time.Minute)
	res, err = svc.EraseExpired(ctx, 10)
	require.NoError(t, err)
	require.Equal(t, kyc.RetentionResult{Abandoned: 1}, res)
	require.Equal(t, kyc.ErasedRetentionAbandoned, erasedAs(abandonedEarly))
	require.Empty(t, erasedAs(abandonedLate))
	require.Empty(t, erasedAs(decidedEarly))

	// t0 + 5 years + 1 minute: the limit of decided subjects sits between the two; the
	// second abandoned one is long due.
	b.clock.Add(kyc.DefaultRetentionDocuments - kyc.DefaultRetentionAbandoned)
	res, err = svc.EraseExpired(ctx, 1)
	require.NoError(t, err)
	require.True(t, res.More, "a full batch says there may be more")
	res2, err := svc.EraseExpired(ctx, 10)
	require.NoError(t, err)
	require.Equal(t, 2, res.Decided+res.Abandoned+res2.Decided+res2.Abandoned)
	require.False(t, res2.More)
	require.Equal(t, kyc.ErasedRetention, erasedAs(decidedEarly))
	require.Equal(t, kyc.ErasedRetentionAbandoned, erasedAs(abandonedLate))
	require.Empty(t, erasedAs(decidedLate), "decided one minute after the limit: kept")
	sub := b.subjectOf(t, decidedEarly)
	require.Empty(t, sub.BirthDate)
	entries, err := b.store.ListAudit(ctx, "subject", sub.ID)
	require.NoError(t, err)
	require.Equal(t, "subject.erased", entries[len(entries)-1].Action)

	// One more minute: the last one goes too, and nothing is left.
	b.clock.Add(2 * time.Minute)
	res, err = svc.EraseExpired(ctx, 10)
	require.NoError(t, err)
	require.Equal(t, kyc.RetentionResult{Decided: 1}, res)
	require.Equal(t, kyc.ErasedRetention, erasedAs(decidedLate))
}

// startOnly signs a wallet in and starts a verification it never finishes.
func (b testBundle) startOnly(t *testing.T) wallet {
	t.Helper()
	w := b.signIn(t)
	var st started
	b.call(t, http.StatusCreated, "POST", "/v1/kyc/verifications", map[string]any{"tenantId": b.tenantID}, &st, w.auth...)
	b.call(t, http.StatusOK, "PUT", "/v1/flow/"+st.FlowToken+"/personal_details", details("Abe", "Abandon"), nil)
	return w
}
