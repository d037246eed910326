package eas

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
)

// The JSON shapes below follow what JSON.stringify gives for the SDK's
// package when big integers are stringified (the SDK's and explorers' habit):
// chainId, time and expirationTime are decimal strings; version and v are
// numbers. Keys are in the SDK's order.

type jsonPackageOut struct {
	Sig    jsonSigOut `json:"sig"`
	Signer string     `json:"signer"`
}

type jsonSigOut struct {
	Version     int                     `json:"version"`
	UID         string                  `json:"uid"`
	Domain      jsonDomainOut           `json:"domain"`
	PrimaryType string                  `json:"primaryType"`
	Message     jsonMessageOut          `json:"message"`
	Types       map[string][]TypedField `json:"types"`
	Signature   jsonSignatureOut        `json:"signature"`
}

type jsonDomainOut struct {
	Name              string `json:"name"`
	Version           string `json:"version"`
	ChainID           string `json:"chainId"`
	VerifyingContract string `json:"verifyingContract"`
}

type jsonMessageOut struct {
	Version        uint16 `json:"version"`
	Schema         string `json:"schema"`
	Recipient      string `json:"recipient"`
	Time           string `json:"time"`
	ExpirationTime string `json:"expirationTime"`
	Revocable      bool   `json:"revocable"`
	RefUID         string `json:"refUID"`
	Data           string `json:"data"`
	Salt           string `json:"salt"`
}

type jsonSignatureOut struct {
	V uint8  `json:"v"`
	R string `json:"r"`
	S string `json:"s"`
}

// MarshalJSON returns the SDK's shareable package JSON. Addresses are
// EIP-55 checksummed, hashes and bytes lower-case hex.
func (p *Package) MarshalJSON() ([]byte, error) {
	m := &p.Message
	out := jsonPackageOut{
		Sig: jsonSigOut{
			Version: p.Version,
			UID:     p.UID.Hex(),
			Domain: jsonDomainOut{
				Name:              p.Domain.Name,
				Version:           p.Domain.Version,
				ChainID:           strconv.FormatUint(p.Domain.ChainID, 10),
				VerifyingContract: p.Domain.VerifyingContract.Hex(),
			},
			PrimaryType: p.PrimaryType,
			Message: jsonMessageOut{
				Version:        m.Version,
				Schema:         m.Schema.Hex(),
				Recipient:      m.Recipient.Hex(),
				Time:           strconv.FormatUint(m.Time, 10),
				ExpirationTime: strconv.FormatUint(m.ExpirationTime, 10),
				Revocable:      m.Revocable,
				RefUID:         m.RefUID.Hex(),
				Data:           hexutil.Encode(m.Data),
				Salt:           m.Salt.Hex(),
			},
			Types:     p.Types,
			Signature: jsonSignatureOut{V: p.Signature.V, R: p.Signature.R.Hex(), S: p.Signature.S.Hex()},
		},
		Signer: p.Signer.Hex(),
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

type jsonPackageIn struct {
	Sig    *jsonSigIn      `json:"sig"`
	Signer json.RawMessage `json:"signer"`
}

type jsonSigIn struct {
	Version     json.RawMessage         `json:"version"`
	UID         json.RawMessage         `json:"uid"`
	Domain      *jsonDomainIn           `json:"domain"`
	PrimaryType json.RawMessage         `json:"primaryType"`
	Message     *jsonMessageIn          `json:"message"`
	Types       map[string][]TypedField `json:"types"`
	Signature   *jsonSignatureIn        `json:"signature"`
}

type jsonDomainIn struct {
	Name              json.RawMessage `json:"name"`
	Version           json.RawMessage `json:"version"`
	ChainID           json.RawMessage `json:"chainId"`
	VerifyingContract json.RawMessage `json:"verifyingContract"`
}

type jsonMessageIn struct {
	Version        json.RawMessage `json:"version"`
	Schema         json.RawMessage `json:"schema"`
	Recipient      json.RawMessage `json:"recipient"`
	Time           json.RawMessage `json:"time"`
	ExpirationTime json.RawMessage `json:"expirationTime"`
	Revocable      json.RawMessage `json:"revocable"`
	RefUID         json.RawMessage `json:"refUID"`
	Data           json.RawMessage `json:"data"`
	Salt           json.RawMessage `json:"salt"`
}

type jsonSignatureIn struct {
	V json.RawMessage `json:"v"`
	R json.RawMessage `json:"r"`
	S json.RawMessage `json:"s"`
}

// ParsePackage parses the SDK's shareable package JSON. Unknown or missing
// fields and malformed values are rejected with ReasonMalformed; numbers may
// be JSON numbers or decimal strings, as the SDK's output varies. Schema and
// uid must be lower-case hex (they are compared as text by the SDK);
// addresses may be lower case, upper case or EIP-55 checksummed.
//
// Parsing does not judge the content (version, types, domain, signature):
// that is Verify's job. Callers should bound the input's size.
func ParsePackage(data []byte) (*Package, error) {
	p := new(Package)
	if err := p.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return p, nil
}

// jsonProblem says what encoding/json found wrong in terms of the JSON (the field and
// the JSON type it has), never the Go types it was decoding into.
func jsonProblem(err error) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return fmt.Sprintf("field %q has the wrong JSON type (%s)", typeErr.Field, typeErr.Value)
	case errors.As(err, &typeErr):
		return fmt.Sprintf("the value has the wrong JSON type (%s)", typeErr.Value)
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("malformed JSON at byte %d", syntaxErr.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "the JSON is cut short"
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return "unknown field " + name
	}
	return "not valid JSON for a package"
}

// UnmarshalJSON parses the SDK's shareable package JSON; see ParsePackage. The common
// form parses in one pass (ParseExact); any other goes through encoding/json, which
// accepts what it accepts and names what is wrong.
func (p *Package) UnmarshalJSON(data []byte) error {
	if out, ok := ParseExact(data); ok {
		*p = *out
		return nil
	}
	return p.unmarshalDecoded(data)
}

// unmarshalDecoded is UnmarshalJSON through encoding/json.
func (p *Package) unmarshalDecoded(data []byte) error {
	var in jsonPackageIn
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return malformed("package: %s", jsonProblem(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return malformed("package: data after the JSON object")
	}
	if in.Sig == nil {
		return malformed("package: sig is missing")
	}
	s := in.Sig
	if s.Domain == nil || s.Message == nil || s.Signature == nil || s.Types == nil {
		return malformed("package: sig needs domain, message, types and signature")
	}
	var out Package
	f := fieldParser{}
	out.Version = int(f.uint("sig.version", s.Version, 1<<16-1))
	out.UID = f.hash("sig.uid", s.UID, true)
	out.Domain.Name = f.str("sig.domain.name", s.Domain.Name)
	out.Domain.Version = f.str("sig.domain.version", s.Domain.Version)
	out.Domain.ChainID = f.uint("sig.domain.chainId", s.Domain.ChainID, 1<<64-1)
	out.Domain.VerifyingContract = f.address("sig.domain.verifyingContract", s.Domain.VerifyingContract)
	out.PrimaryType = f.str("sig.primaryType", s.PrimaryType)
	m := s.Message
	out.Message.Version = uint16(f.uint("sig.message.version", m.Version, 1<<16-1))
	out.Message.Schema = f.hash("sig.message.schema", m.Schema, true)
	out.Message.Recipient = f.address("sig.message.recipient", m.Recipient)
	out.Message.Time = f.uint("sig.message.time", m.Time, 1<<64-1)
	out.Message.ExpirationTime = f.uint("sig.message.expirationTime", m.ExpirationTime, 1<<64-1)
	out.Message.Revocable = f.bool("sig.message.revocable", m.Revocable)
	out.Message.RefUID = f.hash("sig.message.refUID", m.RefUID, false)
	out.Message.Data = f.bytes("sig.message.data", m.Data)
	out.Message.Salt = f.hash("sig.message.salt", m.Salt, false)
	out.Signature.R = f.hash("sig.signature.r", s.Signature.R, false)
	out.Signature.S = f.hash("sig.signature.s", s.Signature.S, false)
	out.Signature.V = uint8(f.uint("sig.signature.v", s.Signature.V, 255))
	out.Types = s.Types
	out.Signer = f.address("signer", in.Signer)
	if f.err != nil {
		return f.err
	}
	*p = out
	return nil
}

// fieldParser parses JSON values and keeps the first error.
type fieldParser struct{ err error }

func (f *fieldParser) fail(field, format string, args ...any) {
	if f.err == nil {
		f.err = malformed("%s: %s", field, fmt.Sprintf(format, args...))
	}
}

func (f *fieldParser) str(field string, raw json.RawMessage) string {
	if raw == nil {
		f.fail(field, "missing")
		return ""
	}
	s, ok := unquote(raw)
	if !ok {
		f.fail(field, "not a string")
		return ""
	}
	return s
}

func (f *fieldParser) bool(field string, raw json.RawMessage) bool {
	switch string(raw) {
	case "true":
		return true
	case "false":
		return false
	case "":
		f.fail(field, "missing")
	default:
		f.fail(field, "not a boolean")
	}
	return false
}

// uint parses a non-negative integer given as a JSON number or a decimal
// string, without sign, fraction, exponent or leading zeros.
func (f *fieldParser) uint(field string, raw json.RawMessage, limit uint64) uint64 {
	if raw == nil {
		f.fail(field, "missing")
		return 0
	}
	s := string(raw)
	if len(s) > 0 && s[0] == '"' {
		s = f.str(field, raw)
	}
	return f.decimal(field, s, limit)
}

func (f *fieldParser) decimal(field, s string, limit uint64) uint64 {
	if s == "" || (len(s) > 1 && s[0] == '0') || strings.TrimLeft(s, "0123456789") != "" {
		f.fail(field, "not a decimal integer")
		return 0
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n > limit {
		f.fail(field, "out of range")
		return 0
	}
	return n
}

// hexString returns the bytes of a 0x-prefixed hex string.
func (f *fieldParser) hexString(field string, raw json.RawMessage, lowerOnly bool) []byte {
	s := f.str(field, raw)
	if f.err != nil {
		return nil
	}
	return f.hexText(field, s, lowerOnly)
}

func (f *fieldParser) hexText(field, s string, lowerOnly bool) []byte {
	if !strings.HasPrefix(s, "0x") || len(s)%2 != 0 {
		f.fail(field, "not 0x-prefixed hex of whole bytes")
		return nil
	}
	if lowerOnly && strings.ToLower(s) != s {
		f.fail(field, "must be lower-case hex")
		return nil
	}
	b, err := hex.DecodeString(s[2:])
	if err != nil {
		f.fail(field, "not hex")
		return nil
	}
	return b
}

func (f *fieldParser) bytes(field string, raw json.RawMessage) []byte {
	b := f.hexString(field, raw, false)
	if b == nil {
		b = []byte{}
	}
	return b
}

func (f *fieldParser) hash(field string, raw json.RawMessage, lowerOnly bool) common.Hash {
	if h, ok := plainHash(raw, lowerOnly); ok && f.err == nil {
		return h
	}
	return f.hashBytes(field, f.hexString(field, raw, lowerOnly))
}

func (f *fieldParser) hashBytes(field string, b []byte) common.Hash {
	if f.err != nil {
		return common.Hash{}
	}
	if len(b) != common.HashLength {
		f.fail(field, "%d bytes, want 32", len(b))
		return common.Hash{}
	}
	return common.BytesToHash(b)
}

func (f *fieldParser) address(field string, raw json.RawMessage) common.Address {
	if a, ok := plainAddress(raw); ok && f.err == nil {
		return a
	}
	s := f.str(field, raw)
	if f.err != nil {
		return common.Address{}
	}
	return f.addressText(field, s)
}

// addressText accepts an address the way ethers' getAddress does: all lower
// case, all upper case, or a valid EIP-55 checksum.
func (f *fieldParser) addressText(field, s string) common.Address {
	b := f.hexText(field, s, false)
	if f.err != nil {
		return common.Address{}
	}
	if len(b) != common.AddressLength {
		f.fail(field, "%d bytes, want 20", len(b))
		return common.Address{}
	}
	addr := common.BytesToAddress(b)
	if body := s[2:]; body != strings.ToLower(body) && body != strings.ToUpper(body) && addr.Hex() != s {
		f.fail(field, "bad EIP-55 checksum")
		return common.Address{}
	}
	return addr
}
