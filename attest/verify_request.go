package attest

import (
	"bytes"
	"errors"
	"io"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/onchain/eas"
)

// verifyRequest reads the package of a POST /v1/attestations/verify body. A body written
// as clients write it, {"package": …} with the package as its JSON object (members named
// exactly, each once) or as a string, declared application/json, is read in one pass
// (verifyFast); any other body is replayed to verifyStrict, the strict binding every
// endpoint uses, which accepts what it accepts and answers its errors. The fast pass
// takes a body only when verifyStrict would give the same package, so the endpoint
// accepts, refuses and answers exactly as with verifyStrict alone.
func verifyRequest(c *gin.Context) (*eas.Package, error) {
	r := c.Request
	if r.Body == nil || r.ContentLength == 0 {
		return verifyStrict(c)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" && api.CheckJSONMediaType(ct) != nil {
		return verifyStrict(c)
	}
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		buf.Grow(int(min(r.ContentLength, 64<<10)) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(r.Body)
	body := buf.Bytes()
	if err == nil {
		if pkg, ok := verifyFast(body); ok {
			return pkg, nil
		}
	}
	replay := io.Reader(bytes.NewReader(body))
	if err != nil {
		replay = io.MultiReader(replay, failingReader{err})
	}
	r.Body = io.NopCloser(replay)
	return verifyStrict(c)
}

// failingReader replays a body's read error (an oversized body's *http.MaxBytesError).
type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

// verifyFast reads {"package": value} in one pass (jsontext: RFC 8259, strict UTF-8, no
// member named twice) with "package" spelled exactly, once, nothing after the object,
// and the value a package object eas.ParseExact takes or a string ParseAny reads. ok is
// false for anything else, an unreadable package included: verifyStrict then answers.
func verifyFast(body []byte) (*eas.Package, bool) {
	e := envelopePool.Get().(*envelope)
	defer e.release()
	e.buf = *bytes.NewBuffer(body)
	e.dec.Reset(&e.buf, envelopeOptions)
	dec := &e.dec
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return nil, false
	}
	if name, err := dec.ReadValue(); err != nil || string(name) != `"package"` {
		return nil, false
	}
	value, err := dec.ReadValue()
	if err != nil {
		return nil, false
	}
	var pkg *eas.Package
	switch value.Kind() {
	case '{':
		pkg, _ = eas.ParseExact(value)
	case '"':
		pkg, _ = ParseAny([]byte(value))
	}
	if pkg == nil {
		return nil, false
	}
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '}' {
		return nil, false
	}
	if _, err := dec.ReadToken(); !errors.Is(err, io.EOF) {
		return nil, false
	}
	return pkg, true
}

// envelope is verifyFast's decoder, pooled.
type envelope struct {
	buf bytes.Buffer
	dec jsontext.Decoder
}

var envelopePool = sync.Pool{New: func() any { return new(envelope) }}

// envelopeOptions leave duplicate names to verifyFast, which takes one member and
// eas.ParseExact, which refuses any name given twice in the package.
var envelopeOptions = jsontext.AllowDuplicateNames(true)

func (e *envelope) release() {
	e.buf = bytes.Buffer{}
	e.dec.Reset(&e.buf) // drops the reference to the body
	envelopePool.Put(e)
}

// verifyStrict binds the body with api.BindJSON, which checks its members (the
// package's included) and decodes it; the package decodes straight from its place in the
// body (packageField), not from a copy checked a second time.
func verifyStrict(c *gin.Context) (*eas.Package, error) {
	var req struct {
		Package packageField `json:"package"`
	}
	if err := api.BindJSON(c, &req); err != nil {
		return nil, err
	}
	pkg, err := req.Package.pkg, req.Package.err
	if pkg == nil && err == nil {
		err = errors.New("package must be an object or a string")
	}
	if err != nil {
		code := "invalid_package"
		if errors.Is(err, api.ErrDuplicateMember) {
			code = "invalid_json"
		}
		return nil, fault.InvalidError(code, "package is not an EAS offchain attestation package or URL: "+err.Error())
	}
	return pkg, nil
}

// packageField decodes the "package" member of a verify request in place: a JSON object
// as the shareable package (its members were checked with the whole body), a string as
// ParseAny reads it. A package that does not parse is kept in err, so the body's own
// errors (trailing data, unknown members) are reported first, as invalid_json.
type packageField struct {
	pkg *eas.Package
	err error
}

// UnmarshalJSON implements json.Unmarshaler; it fails only where the body itself is not
// JSON, which the decoder has caught before.
func (f *packageField) UnmarshalJSON(raw []byte) error {
	if len(raw) > 0 && raw[0] == '{' {
		var p eas.Package
		if err := p.UnmarshalJSON(raw); err != nil {
			f.err = api.PlainJSONError(err)
			return nil
		}
		f.pkg = &p
		return nil
	}
	f.pkg, f.err = ParseAny(raw)
	return nil
}
