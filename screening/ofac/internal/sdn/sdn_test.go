package sdn_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/screening/ofac/internal/sdn"
)

func parseFile(t *testing.T, name string) (*sdn.List, []byte) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	l, err := sdn.Parse(bytes.NewReader(raw))
	require.NoError(t, err)
	return l, raw
}

func hash(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

func TestParseAdvancedXML(t *testing.T) {
	t.Parallel()
	l, raw := parseFile(t, "advanced.xml")

	require.Equal(t, "xml", l.Format)
	require.Equal(t, time.Date(2025, 11, 19, 0, 0, 0, 0, time.UTC), l.Date)
	require.Equal(t, sdn.FromDateOfIssue, l.DateFrom)
	require.Equal(t, hash(raw), l.SHA256)
	// ETH (twice, in two cases: one address), USDT (an EVM address under - USDT, with
	// blanks around it) and ARB; the XBT and TRX values, the TRON-shaped USDT value, the
	// 41-digit value and the EVM-shaped e-mail feature are not taken.
	require.Equal(t, []common.Address{
		common.HexToAddress("0x7F367cC41522cE07553e823bf3be79A889DEbe1B"),
		common.HexToAddress("0x8589427373D6D84E98730D7795D8f6f8731FDA16"),
		common.HexToAddress("0xd882cfc20f52f2599d84b8e8d58c7fb62cfe344b"),
	}, l.Addresses())
	require.Equal(t, map[string]int{"ETH": 2, "USDT": 1, "ARB": 1}, l.Assets)
	require.True(t, l.Contains(common.HexToAddress("0x7f367cc41522ce07553e823bf3be79a889debe1b")))
	require.False(t, l.Contains(common.HexToAddress("0x0000000000000000000000000000000000000021")))
}

func TestParseIgnoresTheNamespaceAndTheOrder(t *testing.T) {
	t.Parallel()
	l, _ := parseFile(t, "namespace.xml")

	require.Equal(t, []common.Address{
		common.HexToAddress("0x722122dF12D4e14e13Ac3b6895a86e84145b6967"),
		common.HexToAddress("0xDD4c48C0B24039969fC16D1cdF626eaB821d3384"),
	}, l.Addresses())
	require.Equal(t, map[string]int{"USDC": 1, "BSC": 1}, l.Assets)
	require.True(t, l.Date.IsZero(), "no DateOfIssue: the caller dates the list")
	require.Empty(t, l.DateFrom)
}

// sharedDir finds the repository root (this module's go.mod) above the working directory
// and returns ../shared/data/ofac beside it.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(data), "module github.com/kycgate/kycgate\n") {
			break
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "repository root (go.mod) not found above the working directory")
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared", "data", "ofac")
	_, err = os.Stat(shared)
	require.NoError(t, err, "the OFAC list must be at ../shared/data/ofac relative to the repository root")
	return shared
}

func TestParseTheSharedPlainList(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(filepath.Join(sharedDir(t), "sanctioned_addresses_ETH.txt"))
	require.NoError(t, err)
	l, err := sdn.Parse(bytes.NewReader(raw))
	require.NoError(t, err)

	lines := strings.Fields(string(raw))
	distinct := map[string]bool{}
	for _, s := range lines {
		distinct[strings.ToLower(s)] = true
	}
	require.Equal(t, "plain", l.Format)
	require.Equal(t, len(distinct), l.Len())
	require.Greater(t, l.Len(), 50)
	require.Equal(t, hash(raw), l.SHA256)
	require.True(t, l.Date.IsZero())
	for _, s := range lines {
		require.True(t, l.Contains(common.HexToAddress(s)), s)
	}
	require.True(t, l.Contains(common.HexToAddress("0x7f367cc41522ce07553e823bf3be79a889debe1b")))
	// Tornado Cash's router: delisted in March 2025, so not on the list of 2025-11-19.
	require.False(t, l.Contains(common.HexToAddress("0xd90e2f925DA726b50C4Ed8D0Fb90Ad053324F31b")))
	require.False(t, l.Contains(common.HexToAddress("0x0000000000000000000000000000000000000001")))
}

func TestPlainRoundTripKeepsTheDate(t *testing.T) {
	t.Parallel()
	l, _ := parseFile(t, "advanced.xml")
	var buf bytes.Buffer
	require.NoError(t, sdn.WritePlain(&buf, l, "a comment"))
	require.True(t, strings.HasPrefix(buf.String(), "# a comment\n# published: 2025-11-19\n0x7F367cC41522cE07553e823bf3be79A889DEbe1B\n"), buf.String())

	back, err := sdn.Parse(&buf)
	require.NoError(t, err)
	require.Equal(t, l.Addresses(), back.Addresses())
	require.Equal(t, l.Date, back.Date)
	require.Equal(t, sdn.FromHeader, back.DateFrom)
}

func TestParseRefusesWhatIsNotAList(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ body, err string }{
		"empty":        {"", "names no EVM address"},
		"blank":        {" \n\t\n", "names no EVM address"},
		"comments":     {"# published: 2025-11-19\n", "names no EVM address"},
		"bitcoin list": {"0x8589427373D6D84E98730D7795D8f6f8731FDA16\n1ECeZBxCVJ8Wm2JSN3Cyc6rge2gnvD3W5K\n", "line 2 is not an EVM address"},
		"bad date":     {"# published: 19/11/2025\n0x8589427373D6D84E98730D7795D8f6f8731FDA16\n", "line 1"},
		"long line":    {strings.Repeat("0", 5000), "token too long"},
		"html page":    {"<!DOCTYPE html><html><body>Service unavailable</body></html>", "not an SDN advanced export"},
		"other XML":    {`<?xml version="1.0"?><feed><entry>0x8589427373D6D84E98730D7795D8f6f8731FDA16</entry></feed>`, "not an SDN advanced export"},
		"no EVM value": {`<Sanctions><ReferenceValueSets><FeatureTypeValues><FeatureType ID="1">Digital Currency Address - XBT</FeatureType></FeatureTypeValues></ReferenceValueSets></Sanctions>`, "names no EVM address"},
		"cut short":    {`<Sanctions><ReferenceValueSets><FeatureTypeValues><FeatureType ID="1">Digital Currency Address - ETH</FeatureType>`, "XML"},
		"too deep":     {strings.Repeat("<a>", 100), "deeper than"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := sdn.Parse(strings.NewReader(c.body))
			require.ErrorContains(t, err, c.err)
		})
	}
}

func TestParseSkipsAByteOrderMark(t *testing.T) {
	t.Parallel()
	l, err := sdn.Parse(strings.NewReader("\xEF\xBB\xBF\n0x8589427373D6D84E98730D7795D8f6f8731FDA16\n"))
	require.NoError(t, err)
	require.Equal(t, 1, l.Len())
}
