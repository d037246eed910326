package manual_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/manual"
	"github.com/kycgate/kycgate/kyc/providertest"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// TestProviderContract runs the provider contract suite on the built-in provider: it
// starts and resumes sessions; it has no webhooks and fetches nothing (its reviewers
// decide through the lifecycle), so those parts skip by capability.
func TestProviderContract(t *testing.T) {
	t.Parallel()
	st := storagetest.OpenSQLite(t)
	key, err := pii.ParseKey(pii.GenerateKey())
	require.NoError(t, err)
	sealer, err := pii.NewSealer(key)
	require.NoError(t, err)
	now := func() time.Time { return time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC) }
	svc, err := kyc.NewService(kyc.Options{Store: st, Sealer: sealer, Now: now, PublicURL: "https://kyc.example"})
	require.NoError(t, err)
	p, err := kyc.Registry{manual.Type: manual.NewConfig}.Open(manual.Type, func(string) string { return "" }, svc.Deps())
	require.NoError(t, err)
	n := 0
	providertest.Run(t, providertest.Harness{
		Provider: p,
		Verification: func(t *testing.T) storage.Verification {
			n++
			sub := storage.Subject{CreatedAt: now()}
			require.NoError(t, st.CreateSubject(t.Context(), &sub))
			v := storage.Verification{ID: fmt.Sprintf("ver_contract%d", n), SubjectID: sub.ID, Mode: kyc.ModeWeb3,
				Provider: manual.Type, Level: 1, CreatedAt: now()}
			require.NoError(t, st.CreateVerification(t.Context(), &v))
			return v
		},
	})
}
