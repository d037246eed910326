package compilot_test

import (
	"net/http"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/compilot"
)

func TestStartRegularMode(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v := b.verification()
	s, err := b.p.Start(t.Context(), v)
	require.NoError(t, err)
	require.Equal(t, v.ID, s.Ref, "the reference is the gateway's opaque id (externalCustomerId)")
	require.Equal(t, v.ID, b.fake.TokenCustomer(s.SDKToken), "the SDK token is ComPilot's session token")
	reqs := b.fake.Requests()
	require.Len(t, reqs, 1)
	require.Equal(t, "/auth-session/session/create", reqs[0].Path)
	require.Equal(t, map[string]any{"workflowId": b.fake.WorkflowID, "externalCustomerId": v.ID}, reqs[0].Body)

	v.ProviderRef = s.Ref
	again, err := b.p.Start(t.Context(), v)
	require.NoError(t, err)
	require.Equal(t, s.Ref, again.Ref)
	require.NotEqual(t, s.SDKToken, again.SDKToken, "a resume opens a fresh session")
}

func TestStartWeb3ModeAnswersTheWalletChallenge(t *testing.T) {
	t.Parallel()
	b := setup(t)
	key := authtest.NewKey(t)
	addr := crypto.PubkeyToAddress(key.PublicKey).Hex()
	v := b.verification()
	v.Mode = kyc.ModeWeb3
	_, err := b.p.Start(t.Context(), v)
	require.Equal(t, "compilot_wallet_unknown", fault.Code(err), "Start alone does not know the wallet")
	require.Empty(t, b.fake.Requests())

	s, err := b.p.StartForWallet(t.Context(), v, kyc.Starter{Address: addr, ChainID: 8453})
	require.NoError(t, err)
	require.Equal(t, v.ID, s.Ref)
	require.Empty(t, s.SDKToken)
	require.Contains(t, s.Challenge, addr)
	require.JSONEq(t, `{"wallet":"`+addr+`","chainId":8453}`, string(s.Data), "the wallet is kept for Fetch")
	reqs := b.fake.Requests()
	require.Len(t, reqs, 1)
	require.Equal(t, "/auth-session/wallet/challenge/create", reqs[0].Path)
	require.Equal(t, map[string]any{"address": addr, "namespace": "eip155", "blockchainId": "8453",
		"origin": "https://kyc.example", "workflowId": b.fake.WorkflowID, "externalCustomerId": v.ID}, reqs[0].Body)

	// A regular-mode verification through StartForWallet is an ordinary start.
	r, err := b.p.StartForWallet(t.Context(), b.verification(), kyc.Starter{Address: addr, ChainID: 1})
	require.NoError(t, err)
	require.NotEmpty(t, r.SDKToken)
	require.Empty(t, r.Challenge)
}

func TestWrongAPIKeyIsAPermanentError(t *testing.T) {
	t.Parallel()
	b := setup(t)
	env := b.fake.Env()
	env["KYCGATE_COMPILOT_API_KEY"] = "not-the-key"
	p, err := open(env)
	require.NoError(t, err)
	_, err = p.Start(t.Context(), b.verification())
	require.Equal(t, "compilot_unauthorized", fault.Code(err))
	retry, _ := compilot.Retryable(err)
	require.False(t, retry)
}

func TestRateLimitIsRetryableWithItsDelay(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.fake.FailNext(http.StatusTooManyRequests)
	_, err := b.p.Start(t.Context(), b.verification())
	retry, after := compilot.Retryable(err)
	require.True(t, retry)
	require.Equal(t, "1s", after.String())
	b.fake.FailNext(http.StatusServiceUnavailable)
	_, err = b.p.Start(t.Context(), b.verification())
	retry, _ = compilot.Retryable(err)
	require.True(t, retry)
}

func TestConfigValidation(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for name, tc := range map[string]struct{ key, value, field string }{
		"secret without prefix": {"KYCGATE_COMPILOT_WEBHOOK_SECRET", "c2VjcmV0", "WEBHOOK_SECRET"},
		"secret not base64":     {"KYCGATE_COMPILOT_WEBHOOK_SECRET", "whsec_not base64!", "WEBHOOK_SECRET"},
		"secret empty key":      {"KYCGATE_COMPILOT_WEBHOOK_SECRET", "whsec_", "WEBHOOK_SECRET"},
		"no workflow":           {"KYCGATE_COMPILOT_WORKFLOW_ID", "", "WORKFLOW_ID"},
		"base URL with path":    {"KYCGATE_COMPILOT_BASE_URL", "https://api.compilot.ai/v1", "BASE_URL"},
		"level too high":        {"KYCGATE_COMPILOT_LEVEL", "4", "LEVEL"},
	} {
		env := b.fake.Env()
		env[tc.key] = tc.value
		_, err := open(env)
		require.ErrorContains(t, err, tc.field, name)
		if tc.field == "WEBHOOK_SECRET" && tc.value != "whsec_" {
			require.NotContains(t, err.Error(), tc.value, "%s: the secret is not echoed", name)
		}
	}
	env := b.fake.Env()
	delete(env, "KYCGATE_COMPILOT_BASE_URL")
	_, err := open(env)
	require.NoError(t, err, "the base URL defaults to %s", compilot.DefaultBaseURL)
}
