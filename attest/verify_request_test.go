package attest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/onchain/eas"
)

// samplePackage is a well-formed package (parsing does not check its signature).
const samplePackage = `{"sig":{"version":2,"uid":"0xdd74a0ef9bd850a6fc13c18e62685d624769c6f5c6a29935eb7fb006a8161349",` +
	`"domain":{"name":"EAS Attestation","version":"1.0.1","chainId":"10","verifyingContract":"0x4200000000000000000000000000000000000021"},` +
	`"primaryType":"Attest",` +
	`"message":{"version":2,"schema":"0x4e343a09ef94a2af5bd8ecfe76b2c1420e8e7f898d4b4a6de524175827d85c02",` +
	`"recipient":"0x71C7656EC7ab88b098defB751B7401B5f6d8976F","time":"1700000000","expirationTime":"1715552000","revocable":true,` +
	`"refUID":"0x0000000000000000000000000000000000000000000000000000000000000000",` +
	`"data":"0x0000000000000000000000000000000000000000000000000000000000000002444500000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000001",` +
	`"salt":"0x1111111111111111111111111111111111111111111111111111111111111111"},` +
	`"types":{"Attest":[{"name":"version","type":"uint16"},{"name":"schema","type":"bytes32"},{"name":"recipient","type":"address"},` +
	`{"name":"time","type":"uint64"},{"name":"expirationTime","type":"uint64"},{"name":"revocable","type":"bool"},` +
	`{"name":"refUID","type":"bytes32"},{"name":"data","type":"bytes"},{"name":"salt","type":"bytes32"}]},` +
	`"signature":{"v":27,"r":"0x7a7d3264c90f2e71e7dec612f18b593ad7278d46466c1b850a40d44b526aa90b","s":"0x3cbae82d69ab9fb50a1a19e37fcedff48281aa934b2ecb3c4e798b1ae1336d8c"}},` +
	`"signer":"0x71562b71999873DB5b286dF957af199Ec94617F7"}`

// testLimit is the body limit the comparisons run under.
const testLimit = 4096

type bodyCase struct {
	body string
	fast bool // verifyFast takes it
}

func bodyCases(t testing.TB) map[string]bodyCase {
	pkg, err := eas.ParsePackage([]byte(samplePackage))
	require.NoError(t, err)
	url := eas.EncodeURL("https://kyc.example", pkg)
	quote := func(s string) string { q, _ := json.Marshal(s); return string(q) }
	r := func(old, new string) string {
		require.Contains(t, samplePackage, old)
		return `{"package":` + strings.Replace(samplePackage, old, new, 1) + `}`
	}
	obj := `{"package":` + samplePackage + `}`
	pad := func(n int) string { // obj padded with spaces to n bytes
		return `{"package":` + samplePackage + strings.Repeat(" ", n-len(obj)) + `}`
	}
	return map[string]bodyCase{
		"object":                         {obj, true},
		"object, whitespace":             {" {\n\t\"package\" :  " + samplePackage + " }\r\n", true},
		"URL":                            {`{"package":` + quote(url) + `}`, true},
		"fragment":                       {`{"package":` + quote(eas.EncodeFragment(pkg)) + `}`, true},
		"package JSON in a string":       {`{"package":` + quote(samplePackage) + `}`, true},
		"big number as a string":         {r(`"chainId":"10"`, `"chainId":"18446744073709551615"`), true},
		"big number as a number":         {r(`"chainId":"10"`, `"chainId":18446744073709551615`), true},
		"number out of range":            {r(`"chainId":"10"`, `"chainId":18446744073709551616`), false},
		"unicode escape in a value":      {r(`"EAS Attestation"`, `"EAS \u0041ttestation"`), true},
		"unicode escape in package name": {`{"p\u0061ckage":` + samplePackage + `}`, false},
		"Package":                        {`{"Package":` + samplePackage + `}`, false},
		"lone surrogate":                 {r(`"EAS Attestation"`, `"\udc00"`), false},
		"invalid UTF-8":                  {r(`"EAS Attestation"`, "\"\xc3\x28\""), false},
		"invalid UTF-8 in a string form": {`{"package":"` + "\xff" + `"}`, false},
		"duplicate package":              {`{"package":"x","package":` + samplePackage + `}`, false},
		"case duplicate package":         {`{"PACKAGE":"x","package":` + samplePackage + `}`, false},
		"duplicate in the package":       {r(`"signer":`, `"signer":"0x00","signer":`), false},
		"case duplicate in the package":  {r(`"signer":`, `"Signer":"0x00","signer":`), false},
		"duplicate in a string":          {`{"package":` + quote(strings.Replace(samplePackage, `"signer":`, `"signer":"0x00","signer":`, 1)) + `}`, false},
		"unknown member":                 {`{"package":` + samplePackage + `,"extra":1}`, false},
		"unknown member in the package":  {r(`"sig":{`, `"sig":{"x":1,`), false},
		"trailing data":                  {obj + ` 1`, false},
		"trailing object":                {obj + `{}`, false},
		"cut short":                      {obj[:len(obj)-1], false},
		"deep nesting":                   {r(`"time":"1700000000"`, `"time":`+strings.Repeat("[", 1001)+strings.Repeat("]", 1001)), false},
		"too deep":                       {`{"package":` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `}`, false},
		"number":                         {`{"package": 7}`, false},
		"null":                           {`{"package": null}`, false},
		"absent":                         {`{}`, false},
		"empty":                          {``, false},
		"blank":                          {"  \n", false},
		"array":                          {`[` + obj + `]`, false},
		"bad object":                     {`{"package": {"sig": 1}}`, false},
		"not a URL":                      {`{"package": "https://kyc.example/#attestation=zz"}`, false},
		"exactly the limit":              {pad(testLimit), true},
		"one byte over the limit":        {pad(testLimit + 1), true}, // refused as it is read
	}
}

// answer serves body as a verify request through read, under limit, and returns the
// status and answer an error gives (api.Abort) and the package.
func answer(read func(*gin.Context) (*eas.Package, error), body, contentType string, chunked bool, limit int64) (int, string, *eas.Package) {
	rec := httptest.NewRecorder()
	c, _ := gin.CreateTestContext(rec)
	req := httptest.NewRequest("POST", "/v1/attestations/verify", strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if chunked {
		req.ContentLength = -1
	}
	req.Body = http.MaxBytesReader(rec, req.Body, limit)
	c.Request = req
	pkg, err := read(c)
	if err != nil {
		api.Abort(c, err)
	}
	return rec.Code, rec.Body.String(), pkg
}

// TestVerifyRequestAnswersAsStrict: reading a verify body with its one-pass form gives
// what the strict binding alone gives - the package, or the error's status and JSON
// envelope byte for byte - for every form a client sends and the tricky ones; the
// one-pass form takes the forms clients send.
func TestVerifyRequestAnswersAsStrict(t *testing.T) {
	t.Parallel()
	for name, c := range bodyCases(t) {
		_, fast := verifyFast([]byte(c.body))
		require.Equal(t, c.fast, fast, name)
		for _, ct := range []string{"application/json", "application/problem+json; charset=UTF-8", "text/plain", ""} {
			for _, chunked := range []bool{false, true} {
				what := name + " " + ct + " chunked=" + strconv.FormatBool(chunked)
				code, out, pkg := answer(verifyRequest, c.body, ct, chunked, testLimit)
				wantCode, wantOut, wantPkg := answer(verifyStrict, c.body, ct, chunked, testLimit)
				require.Equal(t, wantCode, code, what)
				require.Equal(t, wantOut, out, what)
				require.Equal(t, wantPkg, pkg, what)
				if c.fast && ct == "application/json" && len(c.body) <= testLimit {
					require.NotNil(t, pkg, what)
				}
			}
		}
	}
}

// FuzzVerifyFast: whatever body verifyFast takes, the strict binding takes too, with the
// same package.
func FuzzVerifyFast(f *testing.F) {
	for _, c := range bodyCases(f) {
		f.Add([]byte(c.body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		pkg, ok := verifyFast(body)
		if !ok {
			return
		}
		_, out, want := answer(verifyStrict, string(body), "application/json", false, 1<<30)
		require.Empty(t, out)
		require.Equal(t, want, pkg)
	})
}

// The replayed body reads as the original: its bytes, then its error.
func TestFailingReaderReplays(t *testing.T) {
	t.Parallel()
	got, err := io.ReadAll(io.MultiReader(strings.NewReader("ab"), failingReader{io.ErrUnexpectedEOF}))
	require.Equal(t, "ab", string(got))
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
}
