package main

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc/didit"
	"github.com/kycgate/kycgate/kyc/didit/diditest"
)

// The command runs end to end against the fake Didit, through the environment (no
// t.Parallel: t.Setenv).
func TestProvidersSetupDiditCreatesTheRecommendedWorkflow(t *testing.T) {
	fake := diditest.New(t)
	t.Setenv("KYCGATE_DIDIT_BASE_URL", fake.URL)
	t.Setenv("KYCGATE_DIDIT_API_KEY", fake.APIKey)
	t.Setenv("KYCGATE_DIDIT_WORKFLOW_ID", "")

	code, out, stderr := runCmd(t, "providers", "setup", "didit")
	require.Equal(t, 0, code, stderr)
	var got struct {
		WorkflowID string `json:"workflowId"`
		Created    bool   `json:"created"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.True(t, got.Created)
	require.NotEmpty(t, got.WorkflowID)
	require.NotEqual(t, fake.WorkflowID, got.WorkflowID)

	wfs := fake.Workflows()
	require.Len(t, wfs, 1)
	sent, err := json.Marshal(wfs[0])
	require.NoError(t, err)
	want, err := json.Marshal(didit.RecommendedWorkflow())
	require.NoError(t, err)
	require.JSONEq(t, string(want), string(sent))
	features := map[string]map[string]any{}
	for _, f := range wfs[0].Features {
		features[f.Feature] = f.Config
	}
	require.Contains(t, features, "LIVENESS")
	require.Contains(t, features, "FACE_MATCH")
	require.EqualValues(t, didit.FaceMatchDeclineThreshold, features["FACE_MATCH"]["face_match_score_decline_threshold"])
	require.Equal(t, didit.MaxRetryAttempts, wfs[0].MaxRetryAttempts)
	require.Positive(t, wfs[0].MaxRetryAttempts)
}

func TestProvidersSetupDiditKeepsAConfiguredWorkflow(t *testing.T) {
	fake := diditest.New(t)
	t.Setenv("KYCGATE_DIDIT_BASE_URL", fake.URL)
	t.Setenv("KYCGATE_DIDIT_API_KEY", fake.APIKey)
	t.Setenv("KYCGATE_DIDIT_WORKFLOW_ID", fake.WorkflowID)

	code, out, stderr := runCmd(t, "providers", "setup", "didit")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "KYCGATE_DIDIT_WORKFLOW_ID is set")
	require.JSONEq(t, `{"workflowId":"`+fake.WorkflowID+`","created":false}`, out)
	require.Empty(t, fake.Workflows())
	require.Empty(t, fake.Requests(), "nothing is sent to Didit")
}

func TestProvidersSetupDiditRefusedKey(t *testing.T) {
	fake := diditest.New(t)
	t.Setenv("KYCGATE_DIDIT_BASE_URL", fake.URL)
	t.Setenv("KYCGATE_DIDIT_API_KEY", "not-the-key")
	t.Setenv("KYCGATE_DIDIT_WORKFLOW_ID", "")

	code, out, stderr := runCmd(t, "providers", "setup", "didit")
	require.Equal(t, 1, code)
	require.Empty(t, out)
	require.Contains(t, stderr, "KYCGATE_DIDIT_API_KEY")
	require.NotContains(t, stderr, "not-the-key", "the key is never echoed")
	require.Empty(t, fake.Workflows())
	require.Equal(t, 0, fake.Count(http.MethodPost, "/v3/workflows/"))

	t.Setenv("KYCGATE_DIDIT_API_KEY", "")
	code, _, stderr = runCmd(t, "providers", "setup", "didit")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "KYCGATE_DIDIT_API_KEY")

	code, _, _ = runCmd(t, "providers", "setup", "sumsub")
	require.Equal(t, 2, code)
}
