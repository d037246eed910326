package server_test

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/kyc/sumsub"
	"github.com/kycgate/kycgate/kyc/sumsub/sumsubtest"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage/storagetest"
)

// TestSumsubWebSDKStartOverHTTP: a gateway with KYCGATE_PROVIDERS=manual,sumsub and the
// KYCGATE_SUMSUB_* variables pointing at the fake starts a websdk verification and answers
// Sumsub's access token; the applicant's external id is the verification's id.
func TestSumsubWebSDKStartOverHTTP(t *testing.T) {
	t.Parallel()
	fake := sumsubtest.New(t)
	cfg := server.Config{DataKey: pii.GenerateKey(), Providers: []string{"manual", "sumsub"},
		Env: mapEnv(fake.Env(sumsub.ModeWebSDK))}
	g := servertest.Start(t, cfg, nil)
	fake.Now = g.Clock.Now

	key := authtest.NewKey(t)
	token := authtest.SignIn(t, g.Handler, servertest.PublicURL, key, 1, g.Clock.Now())
	rec := authtest.Do(t, g.Handler, "POST", "/v1/kyc/verifications", map[string]any{"provider": "sumsub"},
		"Authorization", "Bearer "+token)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var started struct {
		ID, Provider, SDKToken, URL, FlowToken string
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &started), rec.Body.String())
	require.Equal(t, "sumsub", started.Provider)
	require.NotEmpty(t, started.SDKToken)
	require.Empty(t, started.URL)
	require.Empty(t, started.FlowToken)
	require.Equal(t, started.ID, fake.TokenUser(started.SDKToken))

	v, err := g.Store.GetVerification(t.Context(), started.ID)
	require.NoError(t, err)
	require.Equal(t, fake.Ref(started.ID), v.ProviderRef, "the applicant is kept as the provider reference")
	require.NotEmpty(t, v.ProviderRef)

	// Resuming answers a fresh token for the same applicant.
	rec = authtest.Do(t, g.Handler, "POST", "/v1/kyc/verifications", map[string]any{"provider": "sumsub"},
		"Authorization", "Bearer "+token)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var resumed struct{ ID, SDKToken string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resumed))
	require.Equal(t, started.ID, resumed.ID)
	require.NotEqual(t, started.SDKToken, resumed.SDKToken)
	require.Equal(t, 1, fake.Applicants())
}

func TestSumsubSettingsAreCheckedAtStart(t *testing.T) {
	t.Parallel()
	fake := sumsubtest.New(t)
	env := fake.Env(sumsub.ModeWebSDK)
	delete(env, "KYCGATE_SUMSUB_WEBHOOK_SECRET")
	cfg := server.Config{DataKey: pii.GenerateKey(), Providers: []string{"manual", "sumsub"}, Env: mapEnv(env)}
	_, err := server.New(cfg, storagetest.OpenSQLite(t), slog.New(slog.DiscardHandler))
	require.ErrorContains(t, err, "KYCGATE_SUMSUB_WEBHOOK_SECRET is required")
}
