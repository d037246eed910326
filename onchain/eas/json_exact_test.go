package eas_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/eas"
)

// exactCases are package JSON variants and whether ParseExact takes them itself (true)
// or leaves them to encoding/json (false).
func exactCases() map[string]struct {
	in    string
	exact bool
} {
	r := func(old, new string) string {
		if !strings.Contains(goldenJSON, old) {
			panic(old)
		}
		return strings.Replace(goldenJSON, old, new, 1)
	}
	const signer = `"signer":"0x71562b71999873DB5b286dF957af199Ec94617F7"`
	return map[string]struct {
		in    string
		exact bool
	}{
		"golden":                       {goldenJSON, true},
		"whitespace":                   {"\n " + strings.ReplaceAll(goldenJSON, ",", " ,\t") + "\r\n", true},
		"members reordered":            {`{` + signer + `,"sig":` + strings.TrimSuffix(strings.TrimPrefix(goldenJSON, `{"sig":`), `,`+signer+`}`) + `}`, true},
		"numbers as JSON numbers":      {r(`"chainId":"10"`, `"chainId":10`), true},
		"small numbers as strings":     {r(`"v":27`, `"v":"27"`), true},
		"big number as a string":       {r(`"chainId":"10"`, `"chainId":"18446744073709551615"`), true},
		"big number as a number":       {r(`"chainId":"10"`, `"chainId":18446744073709551615`), true},
		"number over uint64":           {r(`"chainId":"10"`, `"chainId":18446744073709551616`), false},
		"float":                        {r(`"chainId":"10"`, `"chainId":10.0`), false},
		"unicode escape in a value":    {r(`"EAS Attestation"`, `"EAS \u0041ttestation"`), true},
		"escaped slash in a value":     {r(`"1.0.1"`, `"1.0\/1"`), true},
		"non-ASCII value":              {r(`"EAS Attestation"`, `"EAS Attestätion"`), true},
		"unicode escape in a name":     {r(`"signer":`, `"sign\u0065r":`), false},
		"lone surrogate":               {r(`"EAS Attestation"`, `"EAS \ud800"`), false},
		"invalid UTF-8":                {r(`"EAS Attestation"`, "\"EAS \xff\""), false},
		"name in another case":         {r(`"signer":`, `"Signer":`), false},
		"duplicate member":             {r(`"signer":`, `"signer":"0x00","signer":`), false},
		"duplicate in another case":    {r(`"signer":`, `"SIGNER":"0x00","signer":`), false},
		"duplicate in a type":          {r(`{"name":"version","type":"uint16"}`, `{"name":"version","name":"version","type":"uint16"}`), false},
		"case duplicate in a type":     {r(`{"name":"version","type":"uint16"}`, `{"name":"version","Name":"version","type":"uint16"}`), false},
		"two types":                    {r(`"types":{`, `"types":{"Other":[],`), false},
		"case duplicate types":         {r(`"types":{`, `"types":{"ATTEST":[],`), false},
		"empty Attest":                 {r(`"types":{"Attest":[`, `"types":{"Attest":[],"x":[`), false},
		"no fields":                    {strings.Replace(goldenJSON, goldenJSON[strings.Index(goldenJSON, `"types":{"Attest":[`):strings.Index(goldenJSON, `,"signature"`)], `"types":{"Attest":[]}`, 1), true},
		"escaped type name":            {r(`"types":{"Attest"`, `"types":{"Att\u0065st"`), false},
		"unknown member":               {r(`{"sig":`, `{"x":1,"sig":`), false},
		"missing member":               {r(`,`+signer, ``), false},
		"null member":                  {r(`"time":"1700000000"`, `"time":null`), false},
		"nested value":                 {r(`"time":"1700000000"`, `"time":[[["1"]]]`), false},
		"deep nesting":                 {r(`"time":"1700000000"`, `"time":`+strings.Repeat("[", 10001)+strings.Repeat("]", 10001)), false},
		"trailing data":                {goldenJSON + "{}", false},
		"trailing garbage":             {goldenJSON + " x", false},
		"cut short":                    {goldenJSON[:len(goldenJSON)-1], false},
		"empty":                        {"", false},
		"not an object":                {`"x"`, false},
		"leading zero":                 {r(`"time":"1700000000"`, `"time":01700000000`), false},
		"control character in value":   {r(`"EAS Attestation"`, "\"EAS\tAttestation\""), false},
		"escaped control in value":     {r(`"EAS Attestation"`, `"EAS\tAttestation"`), true},
		"upper-case uid":               {r(`"uid":"0xdd`, `"uid":"0xDD`), false},
		"fields of types out of order": {r(`{"name":"version","type":"uint16"}`, `{"type":"uint16","name":"version"}`), true},
	}
}

// TestParseExactAgreesWithDecoding: where ParseExact takes a package, encoding/json's
// parsing (what ParsePackage did before it) gives the same package; where it does not,
// ParsePackage still answers as encoding/json does.
func TestParseExactAgreesWithDecoding(t *testing.T) {
	t.Parallel()
	for name, c := range exactCases() {
		got, ok := eas.ParseExact([]byte(c.in))
		require.Equal(t, c.exact, ok, name)
		want, err := eas.UnmarshalDecoded([]byte(c.in))
		if ok {
			require.NoError(t, err, name)
			require.Equal(t, want, got, name)
		}
		viaParse, perr := eas.ParsePackage([]byte(c.in))
		require.Equal(t, want, viaParse, name)
		require.Equal(t, err, perr, name)
	}
}

// FuzzParseExact: whatever ParseExact takes, encoding/json parses to the same package.
func FuzzParseExact(f *testing.F) {
	for _, c := range exactCases() {
		f.Add([]byte(c.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := eas.ParseExact(data)
		if !ok {
			return
		}
		want, err := eas.UnmarshalDecoded(data)
		require.NoError(t, err)
		require.Equal(t, want, got)
	})
}
