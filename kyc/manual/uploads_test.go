package manual_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/auth/authtest"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/server/servertest"
	"github.com/kycgate/kycgate/storage"
)

const testDataKey = "8f0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100"

// bundle is a whole gateway with a tenant and a reviewer.
type bundle struct {
	gw          servertest.Gateway
	tenantKey   string
	reviewerKey string
	customers   *int
}

func setup(t *testing.T, edit ...func(*server.Config)) bundle {
	t.Helper()
	cfg := server.Config{DataKey: testDataKey}
	for _, e := range edit {
		e(&cfg)
	}
	gw := servertest.Start(t, cfg, nil)
	_, key, err := auth.CreateTenant(context.Background(), gw.Store, "Acme", gw.Clock.Now())
	require.NoError(t, err)
	_, rkey, err := auth.CreateReviewer(context.Background(), gw.Store, "Reviewer", gw.Clock.Now())
	require.NoError(t, err)
	return bundle{gw: gw, tenantKey: key, reviewerKey: rkey, customers: new(int)}
}

// withEnv sets the manual provider's variables (name, value pairs) for setup.
func withEnv(pairs ...string) func(*server.Config) {
	return func(c *server.Config) {
		m := map[string]string{}
		for i := 0; i+1 < len(pairs); i += 2 {
			m[pairs[i]] = pairs[i+1]
		}
		c.Env = func(k string) string { return m[k] }
	}
}

// start opens a verification for a new customer of the tenant and returns its flow
// token and verification id.
func (b bundle) start(t *testing.T) (token, id string) {
	t.Helper()
	*b.customers++
	rec := authtest.Do(t, b.gw.Handler, "POST", fmt.Sprintf("/v1/tenant/customers/cust-%d/verifications", *b.customers), nil,
		"Authorization", "Bearer "+b.tenantKey)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var out struct{ ID, FlowToken string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	return out.FlowToken, out.ID
}

// part is one multipart part: a text field, or the file when name is "file".
type part struct {
	name  string
	value []byte
}

func field(name, value string) part { return part{name, []byte(value)} }
func file(content []byte) part      { return part{"file", content} }

// post sends the parts to path from the client at remote ("" for the default).
func (b bundle) post(t *testing.T, path, remote string, parts ...part) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, p := range parts {
		var w interface{ Write([]byte) (int, error) }
		var err error
		if p.name == "file" {
			w, err = mw.CreateFormFile("file", "upload.bin")
		} else {
			w, err = mw.CreateFormField(p.name)
		}
		require.NoError(t, err)
		_, err = w.Write(p.value)
		require.NoError(t, err)
	}
	require.NoError(t, mw.Close())
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if remote != "" {
		req.RemoteAddr = remote
	}
	rec := httptest.NewRecorder()
	b.gw.Handler.ServeHTTP(rec, req)
	return rec
}

func (b bundle) selfie(t *testing.T, token string, content []byte) *httptest.ResponseRecorder {
	t.Helper()
	return b.post(t, "/v1/flow/"+token+"/selfie", "", file(content))
}

func (b bundle) document(t *testing.T, token string, content []byte, fields ...string) *httptest.ResponseRecorder {
	t.Helper()
	parts := []part{}
	for i := 0; i+1 < len(fields); i += 2 {
		parts = append(parts, field(fields[i], fields[i+1]))
	}
	return b.post(t, "/v1/flow/"+token+"/documents", "", append(parts, file(content))...)
}

// requireError checks a response's status and error code.
func requireError(t *testing.T, rec *httptest.ResponseRecorder, status int, code string) {
	t.Helper()
	require.Equal(t, status, rec.Code, rec.Body.String())
	var env struct{ Error struct{ Code string } }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &env), rec.Body.String())
	require.Equal(t, code, env.Error.Code, rec.Body.String())
}

func documentID(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	var out struct{ DocumentID string }
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	return out.DocumentID
}

func (b bundle) documents(t *testing.T, verificationID string) []storage.Document {
	t.Helper()
	docs, err := b.gw.Store.ListDocuments(context.Background(), verificationID)
	require.NoError(t, err)
	return docs
}

// declaredPNG is a PNG whose header declares w×h 8-bit grey pixels, followed by an IDAT
// chunk of n arbitrary bytes and IEND.
func declaredPNG(t *testing.T, w, h uint32, n int) []byte {
	t.Helper()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&out, binary.BigEndian, uint32(len(data)))
		out.WriteString(typ)
		out.Write(data)
		_ = binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, w), h)
	chunk("IHDR", append(ihdr, 8, 0, 0, 0, 0))
	chunk("IDAT", bytes.Repeat([]byte{0x5a}, n))
	chunk("IEND", nil)
	return out.Bytes()
}

func TestDuplicateMultipartFieldsAreRefused(t *testing.T) {
	t.Parallel()
	b := setup(t)
	token, id := b.start(t)
	path := "/v1/flow/" + token + "/documents"
	img := encoded(t, 80, 80, pngOf)
	cases := map[string][]part{
		"type twice":           {field("type", "passport"), field("type", "id_card"), field("side", "front"), file(img)},
		"same type twice":      {field("type", "passport"), field("type", "passport"), file(img)},
		"side twice":           {field("type", "id_card"), field("side", "front"), field("side", "back"), file(img)},
		"file twice":           {field("type", "passport"), file(img), file(img)},
		"field after the file": {field("type", "passport"), file(img), field("type", "id_card")},
	}
	for name, parts := range cases {
		rec := b.post(t, path, "", parts...)
		require.Equal(t, http.StatusBadRequest, rec.Code, name)
		requireError(t, rec, http.StatusBadRequest, "duplicate_field")
	}
	requireError(t, b.post(t, "/v1/flow/"+token+"/selfie", "", file(img), file(img)), http.StatusBadRequest, "duplicate_field")
	require.Empty(t, b.documents(t, id), "nothing is stored from a refused request")
	documentID(t, b.post(t, path, "", field("type", "passport"), file(img)))
}

func TestOversizedAndHollowImagesAreRefusedOnEveryRoute(t *testing.T) {
	t.Parallel()
	b := setup(t)
	token, id := b.start(t)
	huge := declaredPNG(t, 50_000, 50_000, 300<<10)
	requireError(t, b.document(t, token, huge, "type", "passport"), http.StatusRequestEntityTooLarge, "image_too_large")
	requireError(t, b.selfie(t, token, huge), http.StatusRequestEntityTooLarge, "image_too_large")
	hollow := declaredPNG(t, 100, 100, 0)[:33] // signature and header, no pixel data
	require.Len(t, hollow, 33)
	requireError(t, b.document(t, token, hollow, "type", "passport"), http.StatusUnsupportedMediaType, "unsupported_media_type")
	requireError(t, b.selfie(t, token, hollow), http.StatusUnsupportedMediaType, "unsupported_media_type")
	require.Empty(t, b.documents(t, id))
}

func TestUploadsPerVerificationAreCapped(t *testing.T) {
	t.Parallel()
	b := setup(t, withEnv("KYCGATE_MANUAL_MAX_UPLOADS_PER_VERIFICATION", "4"))
	token, id := b.start(t)
	img := encoded(t, 80, 80, pngOf)
	documentID(t, b.document(t, token, img, "type", "id_card", "side", "front"))
	documentID(t, b.document(t, token, img, "type", "id_card", "side", "back"))
	documentID(t, b.selfie(t, token, img))
	documentID(t, b.selfie(t, token, img))
	requireError(t, b.selfie(t, token, img), http.StatusUnprocessableEntity, "too_many_uploads")
	requireError(t, b.document(t, token, img, "type", "passport"), http.StatusUnprocessableEntity, "too_many_uploads")
	require.Len(t, b.documents(t, id), 4)

	other, _ := b.start(t)
	documentID(t, b.selfie(t, other, img)) // the cap is per verification
}

func TestReplacedDocumentsLoseTheirContent(t *testing.T) {
	t.Parallel()
	b := setup(t)
	token, id := b.start(t)
	ctx := context.Background()
	img := encoded(t, 80, 80, pngOf)
	first := documentID(t, b.selfie(t, token, img))
	second := documentID(t, b.selfie(t, token, img))
	front := documentID(t, b.document(t, token, img, "type", "id_card", "side", "front"))
	back := documentID(t, b.document(t, token, img, "type", "id_card", "side", "back"))
	newFront := documentID(t, b.document(t, token, img, "type", "id_card", "side", "front"))
	passport := documentID(t, b.document(t, token, img, "type", "passport")) // replaces both sides

	for _, gone := range []string{first, front, back, newFront} {
		_, err := b.gw.Store.GetDocument(ctx, gone)
		require.ErrorIs(t, err, storage.ErrNotFound, "the content of a replaced document is deleted")
		rec := authtest.Do(t, b.gw.Handler, "GET", "/v1/admin/documents/"+gone, nil, "Authorization", "Bearer "+b.reviewerKey)
		require.Equal(t, http.StatusNotFound, rec.Code, rec.Body.String())
	}
	for _, kept := range []string{second, passport} {
		d, err := b.gw.Store.GetDocument(ctx, kept)
		require.NoError(t, err)
		require.NotEmpty(t, d.Data)
	}
	require.Len(t, b.documents(t, id), 6, "replaced documents stay listed, without content")
}

func TestUploadRatesPerFlowAndPerClient(t *testing.T) {
	t.Parallel()
	b := setup(t, withEnv("KYCGATE_MANUAL_UPLOADS_PER_MINUTE_PER_FLOW", "2", "KYCGATE_MANUAL_UPLOADS_PER_MINUTE_PER_CLIENT", "3"))
	img := encoded(t, 80, 80, pngOf)
	selfie := func(token, remote string) *httptest.ResponseRecorder {
		return b.post(t, "/v1/flow/"+token+"/selfie", remote, file(img))
	}
	one, _ := b.start(t)
	two, _ := b.start(t)
	documentID(t, selfie(one, "198.51.100.1:1000"))
	documentID(t, selfie(one, "198.51.100.2:1000"))
	rec := selfie(one, "198.51.100.3:1000")
	requireError(t, rec, http.StatusTooManyRequests, "rate_limited")
	require.NotEmpty(t, rec.Header().Get("Retry-After"))

	documentID(t, selfie(two, "203.0.113.9:1000"))
	documentID(t, selfie(two, "203.0.113.9:1000"))
	three, _ := b.start(t)
	documentID(t, selfie(three, "203.0.113.9:1000"))
	requireError(t, selfie(three, "203.0.113.9:1000"), http.StatusTooManyRequests, "rate_limited") // the client's fourth
	documentID(t, selfie(three, "203.0.113.10:1000"))                                              // another client

	b.gw.Clock.Add(time.Minute)
	documentID(t, selfie(one, "198.51.100.3:1000"))
}

func TestPersonalDetailsRefuseImpossibleAgesAndInvisibleCharacters(t *testing.T) {
	t.Parallel()
	b := setup(t)
	token, _ := b.start(t)
	now := b.gw.Clock.Now()
	put := func(first, last, dob string) *httptest.ResponseRecorder {
		return authtest.Do(t, b.gw.Handler, "PUT", "/v1/flow/"+token+"/personal_details",
			map[string]string{"firstName": first, "lastName": last, "dateOfBirth": dob, "country": "DE"})
	}
	day := func(years, days int) string { return now.AddDate(-years, 0, -days).Format(time.DateOnly) }
	for _, dob := range []string{
		day(0, 0), day(0, -1), day(-20, 0), day(131, 0), day(150, 0), "0001-01-01", "1990-02-30", "1990-4-17", "",
	} {
		requireError(t, put("Ada", "Lovelace", dob), http.StatusBadRequest, "invalid_personal_details")
	}
	for _, name := range []string{
		"Ada\u202Eecalevol", "Ada\u200B", "A\u200Dda", "\uFEFFAda", "Ada\u2066x\u2069", "Ada\u061C", "Ada\u00AD",
		"Ada\tB", "Ada\nB", "Ada\u0085", "Ada\u2028B", "Ada\uE000", "Ada\U000E0041", "Ada\uFFFD",
	} {
		requireError(t, put(name, "Lovelace", "1990-04-17"), http.StatusBadRequest, "invalid_personal_details")
		requireError(t, put("Ada", name, "1990-04-17"), http.StatusBadRequest, "invalid_personal_details")
	}
	for _, ok := range [][3]string{
		{"José", "Nguyễn-Smith", "1990-04-17"}, {"Zoë", "O'Brien", day(0, 1)}, {"李", "小龍", day(130, 0)},
		{"محمد", "علي", "1960-02-29"}, {"Mary Ann", "de la Cruz", "2000-01-01"},
	} {
		rec := put(ok[0], ok[1], ok[2])
		require.Equal(t, http.StatusOK, rec.Code, "%v: %s", ok, rec.Body)
	}
}
