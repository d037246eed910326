// Package authtest helps tests sign in with a wallet: it writes EIP-4361 messages, signs
// them as a wallet would (personal_sign), and runs the nonce → sign-in exchange over HTTP.
package authtest

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/kycgate/kycgate/api/openapitest"
	"github.com/kycgate/kycgate/auth"
)

// Message is an EIP-4361 message; String renders it.
type Message = auth.Message

// Sign returns the personal_sign (EIP-191) signature of text by key, 0x-hex with v 27/28.
func Sign(t testing.TB, key *ecdsa.PrivateKey, text string) string {
	t.Helper()
	sig, err := crypto.Sign(accounts.TextHash([]byte(text)), key)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	sig[64] += 27
	return hexutil.Encode(sig)
}

// NewKey returns a fresh wallet key.
func NewKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// Address is the key's address.
func Address(key *ecdsa.PrivateKey) common.Address { return crypto.PubkeyToAddress(key.PublicKey) }

// Do sends a JSON request to h and returns the recorder. header holds name, value pairs.
// The answer is validated against the OpenAPI document (api/openapitest), mismatches
// reported with t.Errorf.
func Do(t testing.TB, h http.Handler, method, path string, body any, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var rdr *strings.Reader
	switch b := body.(type) {
	case nil:
		rdr = strings.NewReader("")
	case string:
		rdr = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rdr = strings.NewReader(string(raw))
	}
	req := httptest.NewRequest(method, path, rdr)
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	openapitest.Handler(t, h).ServeHTTP(rec, req)
	return rec
}

// Upload posts a multipart/form-data request to h, as a browser form does: the text
// fields (name, value pairs) and then file under the form field "file" with fileName. The
// answer is validated against the OpenAPI document like Do's.
func Upload(t testing.TB, h http.Handler, path, fileName string, file []byte, fields ...string) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for i := 0; i+1 < len(fields); i += 2 {
		if err := mw.WriteField(fields[i], fields[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := mw.CreateFormFile("file", fileName)
	if err == nil {
		_, err = fw.Write(file)
	}
	if err == nil {
		err = mw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	openapitest.Handler(t, h).ServeHTTP(rec, req)
	return rec
}

// Nonce asks h for a fresh nonce.
func Nonce(t testing.TB, h http.Handler) string {
	t.Helper()
	rec := Do(t, h, http.MethodPost, "/v1/auth/nonce", nil)
	if rec.Code != http.StatusCreated {
		t.Fatalf("nonce: %d %s", rec.Code, rec.Body)
	}
	var out struct{ Nonce string }
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	return out.Nonce
}

// SignedMessage returns a message for key on chainID against the gateway at publicURL
// (e.g. http://localhost:8080), with a fresh nonce from h, and its signature.
func SignedMessage(t testing.TB, h http.Handler, publicURL string, key *ecdsa.PrivateKey, chainID uint64, now time.Time) (string, string) {
	t.Helper()
	scheme, host, _ := strings.Cut(publicURL, "://")
	m := Message{Scheme: scheme, Domain: host, Address: Address(key), Statement: "Sign in to kycgate.",
		URI: publicURL, ChainID: chainID, Nonce: Nonce(t, h), IssuedAt: now}
	text := m.String()
	return text, Sign(t, key, text)
}

// SignIn runs nonce → sign → POST /v1/auth/siwe and returns the session token.
func SignIn(t testing.TB, h http.Handler, publicURL string, key *ecdsa.PrivateKey, chainID uint64, now time.Time) string {
	t.Helper()
	msg, sig := SignedMessage(t, h, publicURL, key, chainID, now)
	rec := Do(t, h, http.MethodPost, "/v1/auth/siwe", map[string]string{"message": msg, "signature": sig})
	if rec.Code != http.StatusOK {
		t.Fatalf("sign-in: %d %s", rec.Code, rec.Body)
	}
	var out struct{ Token string }
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	return out.Token
}
