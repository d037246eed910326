package eas

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"sync"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"github.com/go-json-experiment/json/jsontext"
)

// ParseExact parses the shareable package JSON in one pass, without reflection, when it
// is written as MarshalJSON and the SDK write it: one object whose members are named
// exactly as there (unescaped, in that letter case), each once, in any order, every value
// well-formed, "types" holding one entry, the document valid UTF-8 with nothing after the
// object. ok is false for anything else; the caller then parses with ParsePackage, which
// accepts more (encoding/json's case-insensitive names, duplicate members) and says what
// is wrong.
//
// When ok, the package equals ParsePackage's for the same data, and no object in data
// names a member twice, not even in a different letter case. Scanning follows
// jsontext (github.com/go-json-experiment/json, RFC 8259 with strict UTF-8); values are
// read by the same field parsers as ParsePackage's.
func ParseExact(data []byte) (*Package, bool) {
	x := exactPool.Get().(*exactParser)
	defer x.release()
	x.buf = *bytes.NewBuffer(data)
	x.dec.Reset(&x.buf, exactOptions)
	p := new(Package)
	if !x.pkg(p) {
		return nil, false
	}
	if _, err := x.dec.ReadToken(); !errors.Is(err, io.EOF) {
		return nil, false
	}
	return p, true
}

// exactParser is ParseExact's state; pooled, as a jsontext.Decoder is worth reusing.
type exactParser struct {
	buf bytes.Buffer
	dec jsontext.Decoder
	f   fieldParser
}

var exactPool = sync.Pool{New: func() any { return new(exactParser) }}

// exactOptions leave duplicate names to the parser: members refuses a name given twice
// in every object it reads, "types" holds one entry, and every other object is inside
// a value whose field parser refuses it; jsontext's own check would only cost time.
var exactOptions = jsontext.AllowDuplicateNames(true)

func (x *exactParser) release() {
	x.buf = bytes.Buffer{}
	x.dec.Reset(&x.buf) // drops the reference to the data
	x.f = fieldParser{}
	exactPool.Put(x)
}

// members reads one object, calling member with the index of each member's name in
// names; it fails on another name, a name given twice (bits in seen) or one missing.
func (x *exactParser) members(names []string, member func(i int) bool) bool {
	if x.dec.PeekKind() != '{' {
		return false
	}
	if _, err := x.dec.ReadToken(); err != nil {
		return false
	}
	var seen uint32
	for x.dec.PeekKind() == '"' {
		raw, err := x.dec.ReadValue()
		if err != nil {
			return false
		}
		i := nameIndex(names, raw)
		if i < 0 || seen&(1<<i) != 0 {
			return false
		}
		seen |= 1 << i
		if !member(i) || x.f.err != nil {
			return false
		}
	}
	if tok, err := x.dec.ReadToken(); err != nil || tok.Kind() != '}' {
		return false
	}
	return seen == 1<<len(names)-1
}

// nameIndex finds a member's raw name ("quoted", unescaped) in names, -1 if absent.
func nameIndex(names []string, raw []byte) int {
	if len(raw) < 2 {
		return -1
	}
	raw = raw[1 : len(raw)-1]
	for i, n := range names {
		if string(raw) == n {
			return i
		}
	}
	return -1
}

// value reads the next value (a leaf: its parser judges its type).
func (x *exactParser) value() json.RawMessage {
	v, err := x.dec.ReadValue()
	if err != nil {
		x.f.fail("package", "not JSON")
		return nil
	}
	return json.RawMessage(v)
}

var (
	packageNames   = []string{"sig", "signer"}
	sigNames       = []string{"version", "uid", "domain", "primaryType", "message", "types", "signature"}
	domainNames    = []string{"name", "version", "chainId", "verifyingContract"}
	messageNames   = []string{"version", "schema", "recipient", "time", "expirationTime", "revocable", "refUID", "data", "salt"}
	signatureNames = []string{"v", "r", "s"}
	fieldNames     = []string{"name", "type"}
)

// pkg reads the package object; the field names in errors are ParsePackage's (they are
// never shown: any error sends the caller to ParsePackage).
func (x *exactParser) pkg(p *Package) bool {
	return x.members(packageNames, func(i int) bool {
		if i == 0 {
			return x.sig(p)
		}
		p.Signer = x.f.address("signer", x.value())
		return true
	})
}

func (x *exactParser) sig(p *Package) bool {
	f := &x.f
	return x.members(sigNames, func(i int) bool {
		switch i {
		case 0:
			p.Version = int(f.uint("sig.version", x.value(), 1<<16-1))
		case 1:
			p.UID = f.hash("sig.uid", x.value(), true)
		case 2:
			return x.domain(&p.Domain)
		case 3:
			p.PrimaryType = f.str("sig.primaryType", x.value())
		case 4:
			return x.message(&p.Message)
		case 5:
			return x.types(p)
		case 6:
			return x.signature(&p.Signature)
		}
		return true
	})
}

func (x *exactParser) domain(d *Domain) bool {
	f := &x.f
	return x.members(domainNames, func(i int) bool {
		switch i {
		case 0:
			d.Name = f.str("sig.domain.name", x.value())
		case 1:
			d.Version = f.str("sig.domain.version", x.value())
		case 2:
			d.ChainID = f.uint("sig.domain.chainId", x.value(), 1<<64-1)
		case 3:
			d.VerifyingContract = f.address("sig.domain.verifyingContract", x.value())
		}
		return true
	})
}

func (x *exactParser) message(m *Attestation) bool {
	f := &x.f
	return x.members(messageNames, func(i int) bool {
		switch i {
		case 0:
			m.Version = uint16(f.uint("sig.message.version", x.value(), 1<<16-1))
		case 1:
			m.Schema = f.hash("sig.message.schema", x.value(), true)
		case 2:
			m.Recipient = f.address("sig.message.recipient", x.value())
		case 3:
			m.Time = f.uint("sig.message.time", x.value(), 1<<64-1)
		case 4:
			m.ExpirationTime = f.uint("sig.message.expirationTime", x.value(), 1<<64-1)
		case 5:
			m.Revocable = f.bool("sig.message.revocable", x.value())
		case 6:
			m.RefUID = f.hash("sig.message.refUID", x.value(), false)
		case 7:
			m.Data = f.bytes("sig.message.data", x.value())
		case 8:
			m.Salt = f.hash("sig.message.salt", x.value(), false)
		}
		return true
	})
}

func (x *exactParser) signature(s *Signature) bool {
	f := &x.f
	return x.members(signatureNames, func(i int) bool {
		switch i {
		case 0:
			s.V = uint8(f.uint("sig.signature.v", x.value(), 255))
		case 1:
			s.R = f.hash("sig.signature.r", x.value(), false)
		case 2:
			s.S = f.hash("sig.signature.s", x.value(), false)
		}
		return true
	})
}

// types reads "types" with exactly one entry (so no two names can differ only in case),
// its name unescaped, its value an array of {"name", "type"} objects.
func (x *exactParser) types(p *Package) bool {
	if x.dec.PeekKind() != '{' {
		return false
	}
	if _, err := x.dec.ReadToken(); err != nil || x.dec.PeekKind() != '"' {
		return false
	}
	raw, err := x.dec.ReadValue()
	if err != nil || bytes.IndexByte(raw, '\\') >= 0 {
		return false
	}
	name := string(raw[1 : len(raw)-1])
	if x.dec.PeekKind() != '[' {
		return false
	}
	if _, err := x.dec.ReadToken(); err != nil {
		return false
	}
	fields := []TypedField{}
	for x.dec.PeekKind() == '{' {
		var tf TypedField
		if !x.members(fieldNames, func(i int) bool {
			if i == 0 {
				tf.Name = x.f.str("sig.types", x.value())
			} else {
				tf.Type = x.f.str("sig.types", x.value())
			}
			return true
		}) {
			return false
		}
		fields = append(fields, tf)
	}
	if tok, err := x.dec.ReadToken(); err != nil || tok.Kind() != ']' {
		return false
	}
	if tok, err := x.dec.ReadToken(); err != nil || tok.Kind() != '}' { // a second entry fails here
		return false
	}
	p.Types = map[string][]TypedField{name: fields}
	return true
}

// unquote returns a JSON string's text as json.Unmarshal decodes it: the bytes between
// the quotes when they hold no escape, control character or invalid UTF-8, otherwise
// json.Unmarshal's own answer (escapes resolved, invalid UTF-8 replaced by U+FFFD). ok
// is false when raw does not start with a quote or json.Unmarshal refuses it.
func unquote(raw []byte) (string, bool) {
	if len(raw) == 0 || raw[0] != '"' {
		return "", false
	}
	if n := len(raw); n >= 2 && raw[n-1] == '"' {
		if body := raw[1 : n-1]; plainString(body) {
			return string(body), true
		}
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// plainString tells whether b, between quotes, is a JSON string that decodes to itself:
// valid UTF-8 with no quote, backslash or control character.
func plainString(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return utf8.Valid(b)
}

// plainHash decodes raw, a JSON string of "0x" and 64 hex digits (lower case if
// lowerOnly) with no escape, into its hash without allocating. ok is false for anything
// else: fieldParser.hash then reads it (and says what is wrong); when ok, the hash is the
// one it reads.
func plainHash(raw []byte, lowerOnly bool) (h common.Hash, ok bool) {
	return h, plainHex(raw, h[:], lowerOnly)
}

// plainAddress decodes raw, a JSON string of "0x" and 40 hex digits in one letter case
// or EIP-55 checksummed, with no escape, into its address; ok is false for anything
// else, as plainHash.
func plainAddress(raw []byte) (a common.Address, ok bool) {
	if !plainHex(raw, a[:], false) {
		return a, false
	}
	var lower, upper bool
	for _, c := range raw[3 : len(raw)-1] {
		lower = lower || ('a' <= c && c <= 'f')
		upper = upper || ('A' <= c && c <= 'F')
	}
	return a, !(lower && upper) || a.Hex() == string(raw[1:len(raw)-1])
}

// plainHex decodes raw, `"0x…"` with exactly 2·len(dst) hex digits, into dst.
func plainHex(raw, dst []byte, lowerOnly bool) bool {
	if len(raw) != 2*len(dst)+4 || raw[0] != '"' || raw[1] != '0' || raw[2] != 'x' || raw[len(raw)-1] != '"' {
		return false
	}
	digits := raw[3 : len(raw)-1]
	if lowerOnly && bytes.ContainsAny(digits, "ABCDEF") {
		return false
	}
	_, err := hex.Decode(dst, digits)
	return err == nil
}
