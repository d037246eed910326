package didit_test

import (
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/didit"
	"github.com/kycgate/kycgate/kyc/didit/diditest"
)

func TestBlocklistSendsTheSessionAndSortsErrors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	_, s := b.start(t)
	require.NoError(t, b.p.Blocklist(t.Context(), s.Ref))
	require.Equal(t, []string{s.Ref}, b.fake.Blocklisted())

	b.fake.FailNext(1, http.StatusTooManyRequests, "7")
	err := b.p.Blocklist(t.Context(), s.Ref)
	retry, wait := didit.Retryable(err)
	require.True(t, retry, "429 is retried")
	require.Equal(t, "7s", wait.String())

	err = b.p.Blocklist(t.Context(), "no-such-session")
	retry, _ = didit.Retryable(err)
	require.False(t, retry, "404 is permanent")
	require.True(t, fault.IsKind(err, fault.NotFound))
	require.Equal(t, "didit_not_found", fault.Code(err))
}

func TestReportStreamsThePDFAndRefusesAWrongKey(t *testing.T) {
	t.Parallel()
	b := setup(t)
	_, s := b.start(t)
	body, err := b.p.Report(t.Context(), s.Ref)
	require.NoError(t, err)
	raw, err := io.ReadAll(body)
	require.NoError(t, err)
	require.NoError(t, body.Close())
	require.Equal(t, diditest.PDF(s.Ref), raw)

	env := b.fake.Env()
	env["KYCGATE_DIDIT_API_KEY"] = "wrong"
	wrong, err := open(env)
	require.NoError(t, err)
	_, err = wrong.Report(t.Context(), s.Ref)
	require.Error(t, err)
	require.Equal(t, "didit_unauthorized", fault.Code(err))
	require.Error(t, wrong.Blocklist(t.Context(), s.Ref))
	require.Equal(t, []string(nil), b.fake.Blocklisted())
}
