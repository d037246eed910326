package attest_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/server"
)

// TestVerifyBodyForms: the package decodes in place from the one body read, as an object
// or as a string (URL, fragment or package JSON), and every malformed form is refused
// with the right code.
func TestVerifyBodyForms(t *testing.T) {
	t.Parallel()
	b := setup(t, nil)
	bearer, subjectID, _ := signedIn(t, b)
	approve(t, b, subjectID, 2, "DE")
	got := issue(t, b, bearer, 8453)

	require.True(t, verify(t, b, json.RawMessage(got.Package)).Valid, "object")
	require.True(t, verify(t, b, got.URL).Valid, "URL")
	require.True(t, verify(t, b, string(got.Package)).Valid, "package JSON in a string")

	post := func(body string) (int, string) {
		req := httptest.NewRequest("POST", "/v1/attestations/verify", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		b.h.ServeHTTP(rec, req)
		return rec.Code, errorCode(t, rec)
	}
	// Forms the one-pass reading leaves to the strict binding, which takes them as before
	// (served without the OpenAPI check: the document names members in one case only).
	for name, body := range map[string]string{
		"member in another case":         `{"Package": ` + string(got.Package) + `}`,
		"escaped member name":            `{"p\u0061ckage": ` + string(got.Package) + `}`,
		"package member in another case": `{"package": ` + strings.Replace(string(got.Package), `"signer":`, `"Signer":`, 1) + `}`,
	} {
		req := httptest.NewRequest("POST", "/v1/attestations/verify", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		b.raw.ServeHTTP(rec, req)
		require.Equal(t, http.StatusOK, rec.Code, name)
		require.Contains(t, rec.Body.String(), `"valid":true`, name)
	}
	dupInPackage := strings.Replace(string(got.Package), `"signer":`, `"signer":"0x00","signer":`, 1)
	for name, c := range map[string]struct{ body, code string }{
		"number":                   {`{"package": 7}`, "invalid_package"},
		"null":                     {`{"package": null}`, "invalid_package"},
		"absent":                   {`{}`, "invalid_package"},
		"bad object":               {`{"package": {"sig": 1}}`, "invalid_package"},
		"unknown member":           {`{"package": {}, "extra": 1}`, "invalid_json"},
		"duplicate in the package": {`{"package": ` + dupInPackage + `}`, "invalid_json"},
		"duplicate in a string":    {`{"package": ` + strconvQuote(dupInPackage) + `}`, "invalid_json"},
		"trailing data":            {`{"package": "x"} 1`, "invalid_json"},
	} {
		code, errCode := post(c.body)
		require.Equal(t, http.StatusBadRequest, code, name)
		require.Equal(t, c.code, errCode, name)
	}
}

func strconvQuote(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// BenchmarkVerifyHandlerOverHealthz measures POST /v1/attestations/verify (the whole
// handler on in-memory SQLite: body, package, EAS verification, revocation lookup) and
// GET /healthz (the HTTP stack alone) side by side, both served by the gateway's own
// handler (the tests' OpenAPI validation, which costs more than either, is left out): alternating blocks, each charged its
// thread's CPU time (the handler runs on the calling goroutine, locked to its thread).
// It reports verify-req/s÷healthz-req/s, the median over block pairs of healthz's time
// over verify's (the issue's goal is ≥ 0.5), and each side's CPU µs/op. A third block,
// one ecrecover of the package's signature per request, gives verify-req/s÷ecrecover/s:
// the share of the endpoint's time spent in the check it cannot avoid (at most 1).
func BenchmarkVerifyHandlerOverHealthz(b *testing.B) {
	tb := setup(b, nil)
	bearer, subjectID, _ := signedIn(b, tb)
	approve(b, tb, subjectID, 2, "DE")
	got := issue(b, tb, bearer, 8453)
	body, err := json.Marshal(map[string]any{"package": json.RawMessage(got.Package)})
	require.NoError(b, err)
	verify := func() {
		req := httptest.NewRequest("POST", "/v1/attestations/verify", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		tb.raw.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !bytes.Contains(rec.Body.Bytes(), []byte(`"valid":true`)) {
			b.Fatal(rec.Code, rec.Body.String())
		}
	}
	healthz := func() {
		rec := httptest.NewRecorder()
		tb.raw.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code)
		}
	}
	pkg, err := eas.ParsePackage(got.Package)
	require.NoError(b, err)
	digest := pkg.Message.Digest(pkg.Domain)
	sig := pkg.Signature.Bytes()
	sig[64] -= 27
	const block = 4
	recover := func() {
		for range block {
			if _, err := crypto.Ecrecover(digest[:], sig); err != nil {
				b.Fatal(err)
			}
		}
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var tv, th time.Duration
	var ratios, overRecover []float64
	for b.Loop() {
		c0 := threadTime()
		recover()
		de := threadTime() - c0
		var dv, dh time.Duration
		if len(ratios)%2 == 0 {
			c0 := threadTime()
			for range block {
				verify()
			}
			c1 := threadTime()
			for range block {
				healthz()
			}
			dv, dh = c1-c0, threadTime()-c1
		} else {
			c0 := threadTime()
			for range block {
				healthz()
			}
			c1 := threadTime()
			for range block {
				verify()
			}
			dh, dv = c1-c0, threadTime()-c1
		}
		tv += dv
		th += dh
		ratios = append(ratios, float64(dh)/float64(dv))
		overRecover = append(overRecover, float64(de)/float64(dv))
	}
	slices.Sort(ratios)
	slices.Sort(overRecover)
	ops := float64(len(ratios) * block)
	b.ReportMetric(ratios[len(ratios)/2], "verify-req/s÷healthz-req/s")
	b.ReportMetric(overRecover[len(overRecover)/2], "verify-req/s÷ecrecover/s")
	b.ReportMetric(float64(tv.Microseconds())/ops, "verify-cpu-µs/op")
	b.ReportMetric(float64(th.Microseconds())/ops, "healthz-cpu-µs/op")
}

// TestVerifyBodyLimit: a verify body of exactly the limit is read (and verified); one
// byte more is refused with 413 body_too_large, whether the length is declared or the
// body is streamed.
func TestVerifyBodyLimit(t *testing.T) {
	t.Parallel()
	const limit = 4096
	b := setup(t, nil, func(c *server.Config) { c.BodyLimit = limit })
	bearer, subjectID, _ := signedIn(t, b)
	approve(t, b, subjectID, 2, "DE")
	got := issue(t, b, bearer, 8453)
	body := func(n int) string {
		obj := `{"package":` + string(got.Package) + `}`
		require.Less(t, len(obj), n)
		return obj[:len(obj)-1] + strings.Repeat(" ", n-len(obj)) + "}"
	}
	for _, streamed := range []bool{false, true} {
		for n, want := range map[int]int{limit: http.StatusOK, limit + 1: http.StatusRequestEntityTooLarge} {
			req := httptest.NewRequest("POST", "/v1/attestations/verify", strings.NewReader(body(n)))
			req.Header.Set("Content-Type", "application/json")
			if streamed {
				req.ContentLength = -1
			}
			rec := httptest.NewRecorder()
			b.h.ServeHTTP(rec, req)
			require.Equal(t, want, rec.Code, "%d bytes, streamed %v: %s", n, streamed, rec.Body.String())
			if want == http.StatusOK {
				require.Contains(t, rec.Body.String(), `"valid":true`)
			} else {
				require.Equal(t, "body_too_large", errorCode(t, rec))
			}
		}
	}
}
