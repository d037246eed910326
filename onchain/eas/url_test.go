package eas_test

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/eas"
)

// goldenCompact is the fixture's compacted package, as the SDK's
// zipAndEncodeToBase64 deflates it (TestSDKCrossCheck compares with the SDK).
const goldenCompact = `["1.0.1","10","0x4200000000000000000000000000000000000021",` +
	`"0x7a7d3264c90f2e71e7dec612f18b593ad7278d46466c1b850a40d44b526aa90b",` +
	`"0x3cbae82d69ab9fb50a1a19e37fcedff48281aa934b2ecb3c4e798b1ae1336d8c",27,` +
	`"0x71562b71999873DB5b286dF957af199Ec94617F7",` +
	`"0xdd74a0ef9bd850a6fc13c18e62685d624769c6f5c6a29935eb7fb006a8161349",` +
	`"0x4e343a09ef94a2af5bd8ecfe76b2c1420e8e7f898d4b4a6de524175827d85c02",` +
	`"0x71C7656EC7ab88b098defB751B7401B5f6d8976F",1700000000,1715552000,"0",true,` +
	`"0x0000000000000000000000000000000000000000000000000000000000000002444500000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000010000000000000000000000000000000000000000000000000000000000000001",` +
	`0,2,"0x1111111111111111111111111111111111111111111111111111111111111111"]`

func deflate(t *testing.T, js string) string {
	t.Helper()
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	_, err := w.Write([]byte(js))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return base64.StdEncoding.EncodeToString(z.Bytes())
}

func TestURLGolden(t *testing.T) {
	t.Parallel()
	b := setup(t)
	require.Equal(t, goldenCompact, inflate(t, eas.EncodeFragment(b.pkg)))

	u := eas.EncodeURL("https://explorer.example/", b.pkg)
	require.True(t, strings.HasPrefix(u, "https://explorer.example/offchain/url/#attestation="), u)
	frag := strings.TrimPrefix(u, "https://explorer.example"+eas.URLPath)
	require.NotContains(t, frag, "+")
	require.NotContains(t, frag, "/")
	require.NotContains(t, frag, "=")
	unescaped, err := url.QueryUnescape(frag)
	require.NoError(t, err)
	require.Equal(t, eas.EncodeFragment(b.pkg), unescaped)

	for _, in := range []string{u, eas.EncodeURL("", b.pkg), "attestation=" + frag, frag, unescaped} {
		got, err := eas.DecodeURL(in)
		require.NoError(t, err, in)
		require.Equal(t, b.pkg, got)
	}
}

func TestURLZeroRecipientAndRefUID(t *testing.T) {
	t.Parallel()
	b := setup(t)
	a := b.att
	a.Recipient = common.Address{}
	a.RefUID = common.Hash{}
	pkg, err := eas.Sign(domainMainnet, a, b.signer)
	require.NoError(t, err)
	js := inflate(t, eas.EncodeFragment(pkg))
	require.Contains(t, js, `"0x4e343a09ef94a2af5bd8ecfe76b2c1420e8e7f898d4b4a6de524175827d85c02","0",1700000000,1715552000,"0",true`)
	got, err := eas.DecodeFragment(eas.EncodeFragment(pkg))
	require.NoError(t, err)
	require.Equal(t, pkg, got)

	a.RefUID[31] = 9
	pkg, err = eas.Sign(domainMainnet, a, b.signer)
	require.NoError(t, err)
	got, err = eas.DecodeURL(eas.EncodeURL("", pkg))
	require.NoError(t, err)
	require.Equal(t, pkg, got)
}

// Like the SDK's decoder, accept URL-safe base64 and missing padding, and
// compact values given as strings or numbers.
func TestDecodeFragmentVariants(t *testing.T) {
	t.Parallel()
	b := setup(t)
	std := eas.EncodeFragment(b.pkg)
	urlSafe := strings.TrimRight(strings.NewReplacer("+", "-", "/", "_").Replace(std), "=")
	numbers := strings.NewReplacer(`"10",`, `10,`, `1700000000,1715552000`, `"1700000000","1715552000"`).Replace(goldenCompact)
	for _, in := range []string{urlSafe, deflate(t, numbers), " " + std + "\n"} {
		got, err := eas.DecodeFragment(in)
		require.NoError(t, err)
		require.Equal(t, b.pkg, got)
	}
}

func TestDecodeURLRejects(t *testing.T) {
	t.Parallel()
	r := func(old, new string) string {
		require.Contains(t, goldenCompact, old)
		return deflate(t, strings.Replace(goldenCompact, old, new, 1))
	}
	huge := deflate(t, `["`+strings.Repeat("a", eas.MaxCompactJSON)+`"]`)
	for name, in := range map[string]string{
		"other fragment":     "https://x.example/#foo=bar",
		"bad escape":         "attestation=%zz",
		"not base64":         "!!!",
		"not zlib":           base64.StdEncoding.EncodeToString([]byte("plain text")),
		"not an array":       deflate(t, `{}`),
		"legacy length":      deflate(t, `["0.26","1","0x0","0x0","0x0",27,"0x0","0x0","0x0","0",1,0,"0",true,"0x",0]`),
		"extra field":        r(`0,2,"0x11`, `0,2,3,"0x11`),
		"non-zero nonce":     r(`,0,2,`, `,1,2,`),
		"bad chain id":       r(`"10",`, `"ten",`),
		"bad recipient":      r(`"0x71C7656EC7ab88b098defB751B7401B5f6d8976F"`, `"1"`),
		"bad refUID":         r(`1715552000,"0"`, `1715552000,"0x01"`),
		"revocable not bool": r(`,true,`, `,1,`),
		"bomb":               huge,
		"truncated zlib": func() string {
			z, _ := base64.StdEncoding.DecodeString(eas.EncodeFragment(setup(t).pkg))
			return base64.StdEncoding.EncodeToString(z[:len(z)/2])
		}(),
	} {
		_, err := eas.DecodeURL(in)
		require.ErrorIs(t, err, eas.ReasonMalformed, name)
	}
}
