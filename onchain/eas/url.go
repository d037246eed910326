package eas

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
)

// URLPath is the path the SDK's createOffchainURL puts before the encoded
// package; explorers serve it under their own host.
const URLPath = "/offchain/url/#attestation="

// MaxCompactJSON bounds the inflated JSON of an encoded package, so that a
// small URL cannot expand into a large allocation.
const MaxCompactJSON = 64 << 10

// compactLen is the length of the SDK's compacted version 2 package.
const compactLen = 18

// compact returns the SDK's compactOffchainAttestationPackage array. JSON
// types match JSON.stringify of the SDK's array with big integers
// stringified: chainId is a string; time, expirationTime, v and version are
// numbers; a zero recipient or refUID is "0".
func (p *Package) compact() []any {
	m := &p.Message
	recipient := m.Recipient.Hex()
	if m.Recipient == (common.Address{}) {
		recipient = "0"
	}
	refUID := m.RefUID.Hex()
	if m.RefUID == (common.Hash{}) {
		refUID = "0"
	}
	return []any{
		p.Domain.Version,
		strconv.FormatUint(p.Domain.ChainID, 10),
		p.Domain.VerifyingContract.Hex(),
		p.Signature.R.Hex(),
		p.Signature.S.Hex(),
		p.Signature.V,
		p.Signer.Hex(),
		p.UID.Hex(),
		m.Schema.Hex(),
		recipient,
		m.Time,
		m.ExpirationTime,
		refUID,
		m.Revocable,
		hexutil.Encode(m.Data),
		0,
		m.Version,
		m.Salt.Hex(),
	}
}

// EncodeFragment returns the package as the SDK's zipAndEncodeToBase64 does:
// the compacted package as JSON, zlib-deflated, standard base64.
func EncodeFragment(p *Package) string {
	var js bytes.Buffer
	enc := json.NewEncoder(&js)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p.compact()); err != nil {
		panic("eas: compact package does not encode: " + err.Error()) // only strings, numbers and bools
	}
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression) // the level is valid
	_, _ = w.Write(bytes.TrimSuffix(js.Bytes(), []byte("\n")))
	_ = w.Close() // writes to memory cannot fail
	return base64.StdEncoding.EncodeToString(z.Bytes())
}

// EncodeURL returns the attestation URL of the SDK's createOffchainURL, with
// baseURL (e.g. an explorer's origin) in front: baseURL + URLPath +
// encodeURIComponent(EncodeFragment(p)). With an empty baseURL it is exactly
// the SDK's relative URL.
func EncodeURL(baseURL string, p *Package) string {
	return strings.TrimRight(baseURL, "/") + URLPath + uriEscaper.Replace(EncodeFragment(p))
}

// uriEscaper is encodeURIComponent for the base64 alphabet.
var uriEscaper = strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D")

// DecodeURL parses an attestation URL: a full URL whose fragment is
// "attestation=…", or the fragment alone, URI-encoded or not.
func DecodeURL(s string) (*Package, error) {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[i+1:]
		if !strings.HasPrefix(s, "attestation=") {
			return nil, malformed("url: fragment is not attestation=…")
		}
	}
	s = strings.TrimPrefix(s, "attestation=")
	unescaped, err := url.PathUnescape(s) // decodeURIComponent: '+' stays '+'
	if err != nil {
		return nil, malformed("url: bad escape: %v", err)
	}
	return DecodeFragment(unescaped)
}

// DecodeFragment parses the output of EncodeFragment or the SDK's
// zipAndEncodeToBase64. Like the SDK's decoder it accepts standard or
// URL-safe base64, padded or not. Values are parsed as strictly as by
// ParsePackage; the compacted form has no types, so the result carries the
// version 2 types, as the SDK's uncompactOffchainAttestationPackage does.
func DecodeFragment(s string) (*Package, error) {
	s = strings.TrimRight(strings.TrimSpace(s), "=")
	s = strings.NewReplacer("-", "+", "_", "/").Replace(s)
	z, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		return nil, malformed("url: not base64: %v", err)
	}
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		return nil, malformed("url: not zlib data: %v", err)
	}
	js, err := io.ReadAll(io.LimitReader(r, MaxCompactJSON+1))
	if err != nil {
		return nil, malformed("url: bad zlib data: %v", err)
	}
	if len(js) > MaxCompactJSON {
		return nil, malformed("url: package larger than %d bytes", MaxCompactJSON)
	}
	return parseCompact(js)
}

func parseCompact(js []byte) (*Package, error) {
	var a []json.RawMessage
	if err := json.Unmarshal(js, &a); err != nil {
		return nil, malformed("url: not a JSON array: %s", jsonProblem(err))
	}
	if len(a) != compactLen {
		return nil, malformed("url: %d fields, want %d (a version 2 package)", len(a), compactLen)
	}
	f := fieldParser{}
	p := &Package{PrimaryType: PrimaryType, Types: map[string][]TypedField{PrimaryType: AttestFields()}}
	p.Domain.Name = DomainName
	p.Domain.Version = f.str("url[0] domain.version", a[0])
	p.Domain.ChainID = f.uint("url[1] domain.chainId", a[1], 1<<64-1)
	p.Domain.VerifyingContract = f.address("url[2] domain.verifyingContract", a[2])
	p.Signature.R = f.hash("url[3] signature.r", a[3], false)
	p.Signature.S = f.hash("url[4] signature.s", a[4], false)
	p.Signature.V = uint8(f.uint("url[5] signature.v", a[5], 255))
	p.Signer = f.address("url[6] signer", a[6])
	p.UID = f.hash("url[7] uid", a[7], true)
	m := &p.Message
	m.Schema = f.hash("url[8] schema", a[8], true)
	if s := f.str("url[9] recipient", a[9]); s != "0" && f.err == nil {
		m.Recipient = f.addressText("url[9] recipient", s)
	}
	m.Time = f.uint("url[10] time", a[10], 1<<64-1)
	m.ExpirationTime = f.uint("url[11] expirationTime", a[11], 1<<64-1)
	if s := f.str("url[12] refUID", a[12]); s != "0" && f.err == nil {
		m.RefUID = f.hashBytes("url[12] refUID", f.hexText("url[12] refUID", s, false))
	}
	m.Revocable = f.bool("url[13] revocable", a[13])
	m.Data = f.bytes("url[14] data", a[14])
	if nonce := f.uint("url[15] nonce", a[15], 0); nonce != 0 {
		f.fail("url[15] nonce", "must be 0")
	}
	m.Version = uint16(f.uint("url[16] version", a[16], 1<<16-1))
	p.Version = int(m.Version)
	m.Salt = f.hash("url[17] salt", a[17], false)
	if f.err != nil {
		return nil, f.err
	}
	return p, nil
}
