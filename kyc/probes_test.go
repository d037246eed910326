package kyc_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth/authtest"
)

// Issue 10 (from an outside review, inference through tenant rules). Was: every reused start
// with tenantId (POST /v1/kyc/verifications, bearer session) refreshes the share's rules
// snapshot, with no limit and no user interaction. A dApp page that holds the holder's
// session token (the SDK over CORS) re-shares before each lookup and bisects the country
// exactly as the outside review did before snapshots existed.
func TestReshareCannotBisectTheCountry(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	w, _ := b.approvedWallet(t, 1, b.tenantID) // DE
	got, _ := bisect(t, b, b.tenantKey, func() (string, []any) {
		b.share(t, w, b.tenantID) // silent: reused approval, 200, no signature, no flow
		return b.lookup(t, b.tenantKey, w)
	})
	require.NotEqual(t, []string{"DE"}, got, "FAULT: the tenant learned the holder's country by re-sharing before each lookup")
}

// Issue 10 (from an outside review, strict JSON: Go type names in errors). FAULT:
// POST /v1/attestations/verify answers invalid_package with encoding/json's own text
// ("Go value of type string", "Go struct field jsonPackageIn.sig of type eas.jsonSigIn",
// "[]json.RawMessage"): attest.ParseAny and eas.ParsePackage/parseCompact pass
// json errors through.
func TestAttestationVerifyErrorsNameNoGoTypes(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	for _, body := range []map[string]any{
		{"package": 5},
		{"package": map[string]any{"sig": 5}},
		{"package": `{"sig":5}`},
		{"package": "eJyrrgUAAXUA+Q"}, // zlib of "{}" in the attestation URL's fragment form
	} {
		rec := authtest.Do(t, b.h, "POST", "/v1/attestations/verify", body)
		require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
		msg := rec.Body.String()
		for _, leak := range []string{"Go value", "Go struct", "json.RawMessage", "eas.json", "of type"} {
			require.False(t, strings.Contains(msg, leak), "FAULT: the error names a Go type (%q): %s", leak, msg)
		}
	}
}

// Issue 10 (from an outside review, strict JSON: duplicate keys). Was: the package given as a
// JSON string (the form POST /v1/attestations/verify documents for URLs, fragments and
// package text) is decoded by eas.ParsePackage without the duplicate / case-folded member
// check, so {"sig":…,"SIG":…} inside it is accepted with the last one winning.
func TestAttestationPackageTextRefusesDuplicateKeys(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	rec := authtest.Do(t, b.h, "POST", "/v1/attestations/verify", map[string]any{"package": `{"sig":{},"SIG":{}}`})
	require.Contains(t, rec.Body.String(), "invalid_json", "FAULT: duplicate members in the package text are not refused: %s", rec.Body.String())
}
