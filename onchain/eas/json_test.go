package eas_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/eas"
)

// goldenJSON is the fixture package byte for byte as the EAS SDK 2.10.0
// prints it (JSON.stringify with big integers as strings); TestSDKCrossCheck
// compares Go's output with the SDK's on every run.
const goldenJSON = `{"sig":{"version":2,"uid":"0xdd74a0ef9bd850a6fc13c18e62685d624769c6f5c6a29935eb7fb006a8161349",` +
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

func TestPackageJSONGolden(t *testing.T) {
	t.Parallel()
	b := setup(t)
	got, err := json.Marshal(b.pkg)
	require.NoError(t, err)
	require.Equal(t, goldenJSON, string(got))

	parsed, err := eas.ParsePackage([]byte(goldenJSON))
	require.NoError(t, err)
	require.Equal(t, b.pkg, parsed)

	var viaUnmarshal eas.Package
	require.NoError(t, json.Unmarshal([]byte(goldenJSON), &viaUnmarshal))
	require.Equal(t, b.pkg, &viaUnmarshal)
}

// The SDK's output varies with what its caller passed: numbers or strings,
// lower-case or checksummed addresses. All parse to the same package.
func TestParsePackageAcceptsSDKVariants(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for name, edit := range map[string]func(string) string{
		"numbers as JSON numbers": strings.NewReplacer(`"chainId":"10"`, `"chainId":10`,
			`"time":"1700000000"`, `"time":1700000000`, `"expirationTime":"1715552000"`, `"expirationTime":1715552000`).Replace,
		"small numbers as strings": strings.NewReplacer(`"version":2`, `"version":"2"`, `"v":27`, `"v":"27"`).Replace,
		"lower-case addresses":     strings.ToLower, // hex values only; the rest is lower case already except names
		"upper-case address": strings.NewReplacer(`0x71C7656EC7ab88b098defB751B7401B5f6d8976F`,
			`0x71C7656EC7AB88B098DEFB751B7401B5F6D8976F`).Replace,
		"upper-case signature hex": strings.NewReplacer(`0x7a7d3264c90f2e71e7dec612f18b593ad7278d46466c1b850a40d44b526aa90b`,
			`0x7A7D3264C90F2E71E7DEC612F18B593AD7278D46466C1B850A40D44B526AA90B`).Replace,
		"whitespace": func(s string) string { return "\n " + strings.ReplaceAll(s, ",", ", ") + "\n" },
	} {
		in := edit(goldenJSON)
		if name == "lower-case addresses" {
			// ToLower also lowers the domain name and types; put them back.
			in = strings.NewReplacer(`"eas attestation"`, `"EAS Attestation"`, `"expirationtime"`, `"expirationTime"`,
				`"primarytype"`, `"primaryType"`, `"attest"`, `"Attest"`, `"refuid"`, `"refUID"`, `"chainid"`, `"chainId"`,
				`"verifyingcontract"`, `"verifyingContract"`).Replace(in)
		}
		got, err := eas.ParsePackage([]byte(in))
		require.NoError(t, err, name)
		require.Equal(t, b.pkg, got, name)
	}
}

func TestParsePackageRejectsMalformed(t *testing.T) {
	t.Parallel()
	r := func(old, new string) string {
		require.Contains(t, goldenJSON, old)
		return strings.Replace(goldenJSON, old, new, 1)
	}
	for name, in := range map[string]string{
		"not json":              "{",
		"empty":                 "",
		"array":                 "[]",
		"trailing data":         goldenJSON + "{}",
		"no sig":                `{"signer":"0x71562b71999873DB5b286dF957af199Ec94617F7"}`,
		"unknown top field":     r(`{"sig":`, `{"extra":1,"sig":`),
		"unknown domain field":  r(`"name":"EAS Attestation",`, `"name":"EAS Attestation","salt":"0x00",`),
		"unknown message field": r(`"revocable":true,`, `"revocable":true,"nonce":0,`),
		"unknown type key":      r(`{"name":"version","type":"uint16"}`, `{"name":"version","type":"uint16","x":1}`),
		"missing salt":          r(`,"salt":"0x1111111111111111111111111111111111111111111111111111111111111111"`, ``),
		"missing signer":        r(`,"signer":"0x71562b71999873DB5b286dF957af199Ec94617F7"`, ``),
		"null time":             r(`"time":"1700000000"`, `"time":null`),
		"negative time":         r(`"time":"1700000000"`, `"time":-1`),
		"fractional time":       r(`"time":"1700000000"`, `"time":1700000000.0`),
		"exponent time":         r(`"time":"1700000000"`, `"time":1.7e9`),
		"leading zero time":     r(`"time":"1700000000"`, `"time":"01700000000"`),
		"hex time":              r(`"time":"1700000000"`, `"time":"0x6553f100"`),
		"empty time":            r(`"time":"1700000000"`, `"time":""`),
		"huge chain id":         r(`"chainId":"10"`, `"chainId":"18446744073709551616"`),
		"version too big":       r(`"version":2,"schema"`, `"version":65536,"schema"`),
		"v too big":             r(`"v":27`, `"v":256`),
		"revocable as string":   r(`"revocable":true`, `"revocable":"true"`),
		"upper-case schema":     r(`"schema":"0x4e343a09ef94a2af5bd8ecfe76b2c1420e8e7f898d4b4a6de524175827d85c02"`, `"schema":"0x4E343A09EF94A2AF5BD8ECFE76B2C1420E8E7F898D4B4A6DE524175827D85C02"`),
		"upper-case uid":        r(`"uid":"0xdd74a0ef9bd850a6fc13c18e62685d624769c6f5c6a29935eb7fb006a8161349"`, `"uid":"0xDD74A0EF9BD850A6FC13C18E62685D624769C6F5C6A29935EB7FB006A8161349"`),
		"short salt":            r(`"salt":"0x1111111111111111111111111111111111111111111111111111111111111111"`, `"salt":"0x11"`),
		"salt without 0x":       r(`"salt":"0x1111111111111111111111111111111111111111111111111111111111111111"`, `"salt":"1111111111111111111111111111111111111111111111111111111111111111"`),
		"odd data":              r(`"data":"0x00`, `"data":"0x0`),
		"non-hex data":          r(`"data":"0x00`, `"data":"0xzz`),
		"bad checksum":          r(`0x71C7656EC7ab88b098defB751B7401B5f6d8976F`, `0x71c7656EC7ab88b098defB751B7401B5f6d8976F`),
		"short address":         r(`"recipient":"0x71C7656EC7ab88b098defB751B7401B5f6d8976F"`, `"recipient":"0x71C7656EC7ab88b098defB751B7401B5f6d897"`),
		"types not an object":   r(`"types":{"Attest":`, `"types":{"Attest":"x","y":`),
		"domain name a number":  r(`"name":"EAS Attestation"`, `"name":1`),
	} {
		_, err := eas.ParsePackage([]byte(in))
		require.Error(t, err, name)
		require.ErrorIs(t, err, eas.ReasonMalformed, name)
		require.Equal(t, eas.ReasonMalformed, eas.ReasonOf(err), name)
	}
}
