package sumsub_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/sumsub"
	"github.com/kycgate/kycgate/kyc/sumsub/sumsubtest"
)

// rawRequest sends a request to the fake signed with secret over signedPath, sent to
// sentPath.
func rawRequest(t *testing.T, f *sumsubtest.Fake, method, sentPath, signedPath, secret, ts string, body []byte) (int, sumsubtest.ErrorBody) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, f.URL+sentPath, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set(sumsub.HeaderAppToken, f.AppToken)
	req.Header.Set(sumsub.HeaderAccessTs, ts)
	req.Header.Set(sumsub.HeaderSig, sumsub.Sign([]byte(secret), ts, method, signedPath, body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var eb sumsubtest.ErrorBody
	_ = json.NewDecoder(resp.Body).Decode(&eb)
	return resp.StatusCode, eb
}

func TestFakeRefusesAnyRequestNotSignedExactly(t *testing.T) {
	t.Parallel()
	f := sumsubtest.New(t)
	f.Now = clock
	ts := strconv.FormatInt(now.Unix(), 10)
	path := "/resources/applicants?levelName=" + f.LevelName
	body := []byte(`{"externalUserId":"ver_raw1"}`)

	code, _ := rawRequest(t, f, "POST", path, path, f.SecretKey, ts, body)
	require.Equal(t, http.StatusCreated, code, "a correctly signed request is served")

	for name, c := range map[string]struct{ sent, signed, secret, ts string }{
		"another secret":               {path, path, "wrong", ts},
		"query signed differently":     {path, "/resources/applicants?levelName=other", f.SecretKey, ts},
		"path without its query":       {path, "/resources/applicants", f.SecretKey, ts},
		"timestamp two minutes behind": {path, path, f.SecretKey, strconv.FormatInt(now.Add(-2*time.Minute).Unix(), 10)},
		"timestamp not a number":       {path, path, f.SecretKey, "soon"},
	} {
		code, eb := rawRequest(t, f, "POST", c.sent, c.signed, c.secret, c.ts, []byte(`{"externalUserId":"ver_raw2"}`))
		require.Equal(t, http.StatusUnauthorized, code, name)
		require.Equal(t, "Invalid signature", eb.Description, name)
		require.Equal(t, 401, eb.Code, name)
		require.NotEmpty(t, eb.CorrelationID, name)
	}

	req, err := http.NewRequestWithContext(t.Context(), "GET", f.URL+"/resources/applicants/x/one", nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode, "no signature headers at all")
	require.Zero(t, f.Ref("ver_raw2"), "nothing refused was acted on")
}

// tamper is a proxy in front of the fake that changes one byte of every upload's body
// after the adapter signed it.
func tamper(t *testing.T, f *sumsubtest.Fake) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		require.NoError(t, err)
		if i := bytes.Index(body, []byte("IMAGEDATA")); i >= 0 {
			body[i] = 'J'
		}
		req, err := http.NewRequestWithContext(r.Context(), r.Method, f.URL+r.RequestURI, bytes.NewReader(body))
		require.NoError(t, err)
		req.Header = r.Header.Clone()
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestMultipartUploadIsSignedOverItsWholeBody(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeAPI)
	v, _ := b.start(t, b.verification())
	doc := sumsub.Document{Type: sumsub.DocPassport, Country: "GB", FileName: "passport.jpg", ContentType: "image/jpeg",
		Content: []byte("IMAGEDATA-passport")}

	id, err := b.p.AddDocument(t.Context(), v.ProviderRef, doc)
	require.NoError(t, err, "the fake recomputed the signature over the multipart body it received")
	require.NotEmpty(t, id)
	require.Equal(t, []sumsubtest.Upload{{ImageID: id, IDDocType: "PASSPORT", Country: "GBR", Size: len(doc.Content)}},
		b.fake.Uploads(v.ProviderRef))

	env := b.fake.Env(sumsub.ModeAPI)
	env["KYCGATE_SUMSUB_BASE_URL"] = tamper(t, b.fake)
	tampered, err := open(env, clock)
	require.NoError(t, err)
	_, err = tampered.AddDocument(t.Context(), v.ProviderRef, doc)
	require.Equal(t, "sumsub_unauthorized", fault.Code(err), "one byte changed in the file breaks the signature")
	retry, _ := sumsub.Retryable(err)
	require.False(t, retry, "a refused signature is permanent")
	require.Len(t, b.fake.Uploads(v.ProviderRef), 1, "the tampered upload was not stored")
}

func TestLevelNameIsEscapedAndSignedAsSent(t *testing.T) {
	t.Parallel()
	f := sumsubtest.New(t)
	f.Now = clock
	f.LevelName = "KYC level+1 / été"
	p, err := open(f.Env(sumsub.ModeWebSDK), clock)
	require.NoError(t, err)
	s, err := p.Start(t.Context(), storageVerification("ver_escaped"))
	require.NoError(t, err)
	require.Equal(t, f.Ref("ver_escaped"), s.Ref)
	require.Contains(t, f.Requests()[0].Path, "levelName=KYC+level%2B1+%2F+%C3%A9t%C3%A9")
}

func TestClockSkewIsRefused(t *testing.T) {
	t.Parallel()
	f := sumsubtest.New(t)
	f.Now = clock
	p, err := open(f.Env(sumsub.ModeWebSDK), func() time.Time { return now.Add(2 * time.Minute) })
	require.NoError(t, err)
	_, err = p.Start(t.Context(), storageVerification("ver_skewed"))
	require.Equal(t, "sumsub_unauthorized", fault.Code(err))
}

func TestRetryableAndPermanentErrors(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeWebSDK)
	v := b.verification()

	b.fake.FailNext(1, http.StatusTooManyRequests, "7")
	_, err := b.p.Start(t.Context(), v)
	retry, after := sumsub.Retryable(err)
	require.True(t, retry, "429 is retryable")
	require.Equal(t, 7*time.Second, after, "Retry-After in seconds is honoured")
	require.True(t, fault.IsKind(err, fault.RateLimited))
	var apiErr *sumsub.APIError
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, http.StatusTooManyRequests, apiErr.Status)
	require.NotEmpty(t, apiErr.CorrelationID, "Sumsub's error body is parsed")

	b.fake.FailNext(1, http.StatusServiceUnavailable, now.Add(90*time.Second).Format(http.TimeFormat))
	_, err = b.p.Start(t.Context(), v)
	retry, after = sumsub.Retryable(err)
	require.True(t, retry, "5xx is retryable")
	require.Equal(t, 90*time.Second, after, "Retry-After as an HTTP date is honoured")
	require.Equal(t, "sumsub_unavailable", fault.Code(err))

	b.fake.FailNext(1, http.StatusInternalServerError, "")
	_, err = b.p.Start(t.Context(), v)
	retry, after = sumsub.Retryable(err)
	require.True(t, retry)
	require.Zero(t, after, "no Retry-After: the caller backs off as usual")

	v, _ = b.start(t, v)
	require.NotEmpty(t, v.ProviderRef, "the adapter itself never waits: the next call goes through")

	b.fake.FailNext(1, http.StatusBadRequest, "")
	_, err = b.p.Fetch(t.Context(), v)
	retry, _ = sumsub.Retryable(err)
	require.False(t, retry, "400 is permanent")
	require.Equal(t, "sumsub_invalid_request", fault.Code(err))
	require.True(t, fault.IsKind(err, fault.Invalid))

	_, err = b.p.Fetch(t.Context(), storageVerificationRef("ver_gone", "000000000000000000000000"))
	require.Equal(t, "sumsub_not_found", fault.Code(err))
	retry, _ = sumsub.Retryable(err)
	require.False(t, retry, "404 is permanent")

	err = b.p.Submit(t.Context(), v.ProviderRef)
	require.Equal(t, "sumsub_documents_missing", fault.Code(err), "409 on pending without documents")
	require.True(t, fault.IsKind(err, fault.Conflict))

	dead := sumsubtest.New(t)
	env := dead.Env(sumsub.ModeWebSDK)
	env["KYCGATE_SUMSUB_BASE_URL"] = "http://127.0.0.1:1"
	p, err := open(env, clock)
	require.NoError(t, err)
	_, err = p.Start(t.Context(), v)
	retry, _ = sumsub.Retryable(err)
	require.True(t, retry, "an unreachable Sumsub is retryable")
	require.Equal(t, "sumsub_unreachable", fault.Code(err))
}

func TestStartResumesTheApplicantSumsubSaysExists(t *testing.T) {
	t.Parallel()
	b := setup(t, sumsub.ModeWebSDK)
	v, first := b.start(t, b.verification())
	// The same verification started again before its reference was kept: Sumsub answers
	// 409 (already exists) and the adapter finds the applicant by its external id.
	again, err := b.p.Start(t.Context(), storageVerification(v.ID))
	require.NoError(t, err)
	require.Equal(t, first.Ref, again.Ref)
	require.Equal(t, 1, b.fake.Applicants())
	reqs := b.fake.Requests()
	require.Equal(t, "/resources/applicants/-;externalUserId="+v.ID+"/one", reqs[len(reqs)-2].Path)
	require.Equal(t, v.ID, b.fake.TokenUser(again.SDKToken), "the token is for the verification's opaque id")
}

func TestErrorsCarryNoDescription(t *testing.T) {
	t.Parallel()
	e := &sumsub.APIError{Status: 409, Description: "Applicant with external user id 'Ada Lovelace' already exists",
		Code: 409, CorrelationID: "req-1", ErrorCode: 1001, ErrorName: "duplicate"}
	require.Equal(t, "sumsub: HTTP 409 (error 1001 duplicate) correlationId req-1", e.Error())
	require.False(t, e.Retryable())

	b := setup(t, sumsub.ModeAPI)
	v, _ := b.start(t, b.verification())
	err := b.p.Submit(t.Context(), v.ProviderRef)
	var apiErr *sumsub.APIError
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, "Required documents are missing", apiErr.Description, "the description is parsed")
	require.NotContains(t, err.Error(), apiErr.Description, "and kept out of the message")
}
