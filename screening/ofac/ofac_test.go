package ofac_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/screening/ofac"
	"github.com/kycgate/kycgate/screening/source"
)

func sha(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

func TestOpenAnswersFromTheSnapshot(t *testing.T) {
	t.Parallel()
	b := setup(t, nil, false)
	b.clock.Set(snapshotDate.Add(5 * 24 * time.Hour))
	raw, err := os.ReadFile("snapshot.txt")
	require.NoError(t, err)

	r := screen(t, b.s, onSnapshot)
	require.Equal(t, source.Result{Source: "ofac", Status: source.Sanctioned, Risk: source.RiskSevere,
		Categories: []string{"sanctions"}, Reference: "ofac-sdn 2025-11-19 sha256:" + sha(raw), CheckedAt: snapshotDate}, r)
	r = screen(t, b.s, clean)
	require.Equal(t, source.Clear, r.Status)
	require.Equal(t, source.RiskNone, r.Risk)
	require.Empty(t, r.Categories)

	st := b.s.State()
	require.Equal(t, ofac.OriginSnapshot, st.Origin)
	require.Equal(t, "header", st.DateFrom)
	require.Equal(t, 77, st.Addresses)
	require.Equal(t, snapshotDate, ofac.SnapshotDate())
	require.Zero(t, b.fake.Requests(), "opening downloads nothing")
}

func TestASnapshotOlderThanMaxAgeFailsScreening(t *testing.T) {
	t.Parallel()
	b := setup(t, nil, false) // the clock is a year past the snapshot

	_, err := b.s.Screen(context.Background(), source.Query{Address: clean})
	require.ErrorIs(t, err, ofac.ErrStale)
	rep := b.s.Report(context.Background())
	require.False(t, rep.OK)
	require.Contains(t, rep.Detail, "SDN list of 2025-11-19 (header), embedded snapshot, 77 EVM addresses")
	require.Contains(t, rep.Detail, "older than the maximum age 720h0m0s")
	require.Equal(t, snapshotDate, rep.ListDate)

	dev := setup(t, nil, true)
	require.Equal(t, source.Clear, screen(t, dev.s, clean).Status, "--dev: no maximum age")
	require.True(t, dev.s.Report(context.Background()).OK)

	off := setup(t, map[string]string{"KYCGATE_OFAC_MAX_AGE": "0s"}, false)
	require.Equal(t, source.Sanctioned, screen(t, off.s, onSnapshot).Status, "KYCGATE_OFAC_MAX_AGE=0: no limit")
}

func TestRefreshDownloadsTheExport(t *testing.T) {
	t.Parallel()
	b := setup(t, nil, false)

	require.NoError(t, b.s.Refresh(context.Background()))

	require.Equal(t, 1, b.fake.Requests())
	r := screen(t, b.s, listed)
	require.Equal(t, source.Sanctioned, r.Status, "an EVM address under - USDT counts")
	require.Equal(t, "ofac-sdn 2026-11-27 sha256:"+sha(b.fake.Export()), r.Reference)
	require.Equal(t, exportDate, r.CheckedAt)
	require.Equal(t, source.Clear, screen(t, b.s, onSnapshot).Status, "the download replaces the snapshot")
	st := b.s.State()
	require.Equal(t, ofac.State{Origin: ofac.OriginDownload, Date: exportDate, DateFrom: "DateOfIssue",
		SHA256: sha(b.fake.Export()), Addresses: 1, LoadedAt: b.clock.Now()}, st)
	require.True(t, b.s.Report(context.Background()).OK)
	require.Equal(t, 24*time.Hour, b.s.RefreshEvery())
}

func TestRefreshKeepsTheLastGoodListOnFailure(t *testing.T) {
	t.Parallel()
	b := setup(t, map[string]string{"KYCGATE_OFAC_MAX_AGE": "0s"}, false)
	ctx := context.Background()

	b.fake.FailNext(http.StatusInternalServerError)
	require.ErrorContains(t, b.s.Refresh(ctx), "HTTP 500")
	st := b.s.State()
	require.Equal(t, ofac.OriginSnapshot, st.Origin, "the snapshot stays in use")
	require.Equal(t, uint64(1), st.Failures)
	require.Equal(t, b.clock.Now(), st.LastFailure)
	require.Contains(t, st.LastError, "HTTP 500")
	require.Equal(t, source.Sanctioned, screen(t, b.s, onSnapshot).Status)
	require.Contains(t, b.s.Report(ctx).Detail, "1 failed refreshes")

	require.NoError(t, b.s.Refresh(ctx))
	require.Equal(t, ofac.OriginDownload, b.s.State().Origin)
	good := b.s.State().SHA256

	failures := map[string]func(){
		"malformed": func() { b.fake.SetBody([]byte("<Sanctions><ReferenceValueSets>")) },
		"not a list": func() {
			b.fake.SetBody([]byte("<html><body>Maintenance</body></html>"))
		},
		"empty list": func() {
			b.fake.SetBody([]byte(`<Sanctions><ReferenceValueSets><FeatureTypeValues><FeatureType ID="1">Digital Currency Address - ETH</FeatureType></FeatureTypeValues></ReferenceValueSets></Sanctions>`))
		},
		"503": func() { b.fake.SetBody(nil); b.fake.FailNext(http.StatusServiceUnavailable) },
	}
	n := uint64(1)
	for name, fail := range failures {
		fail()
		require.Error(t, b.s.Refresh(ctx), name)
		n++
		require.Equal(t, n, b.s.State().Failures, name)
		require.Equal(t, good, b.s.State().SHA256, "%s: the last good list stays", name)
		require.Equal(t, source.Sanctioned, screen(t, b.s, listed).Status, name)
	}
}

func TestRefreshGivesUpOnAHangingServer(t *testing.T) {
	t.Parallel()
	// The fake hangs until the client leaves: any timeout ends the download.
	b := setup(t, map[string]string{"KYCGATE_OFAC_TIMEOUT": "1ms"}, true)
	b.fake.Hang()
	require.Error(t, b.s.Refresh(context.Background()))
	require.Equal(t, uint64(1), b.s.State().Failures)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, b.s.Refresh(ctx), context.Canceled)
	_, err := b.s.Screen(ctx, source.Query{Address: clean})
	require.ErrorIs(t, err, context.Canceled)
}

func TestMaxAgeFollowsTheInjectedClock(t *testing.T) {
	t.Parallel()
	b := setup(t, nil, false)
	require.NoError(t, b.s.Refresh(context.Background()))

	b.clock.Set(exportDate.Add(30 * 24 * time.Hour))
	require.Equal(t, source.Sanctioned, screen(t, b.s, listed).Status, "30 days old: still in use")
	b.clock.Set(exportDate.Add(30*24*time.Hour + time.Second))
	_, err := b.s.Screen(context.Background(), source.Query{Address: listed})
	require.ErrorIs(t, err, ofac.ErrStale)
	require.True(t, b.s.State().Stale)

	b.fake.SetDate(exportDate.Add(29 * 24 * time.Hour))
	require.NoError(t, b.s.Refresh(context.Background()))
	require.Equal(t, source.Sanctioned, screen(t, b.s, listed).Status, "a newer list answers again")
}

func TestAPlainDownloadIsDatedByLastModifiedOrTheFetch(t *testing.T) {
	t.Parallel()
	b := setup(t, nil, false)
	b.fake.SetBody([]byte(listed.Hex() + "\n"))

	require.NoError(t, b.s.Refresh(context.Background()))
	require.Equal(t, "fetch time", b.s.State().DateFrom)
	require.Equal(t, b.clock.Now(), b.s.State().Date)

	modified := time.Date(2026, 11, 26, 18, 30, 0, 0, time.UTC)
	b.fake.SetLastModified(modified)
	require.NoError(t, b.s.Refresh(context.Background()))
	require.Equal(t, "Last-Modified", b.s.State().DateFrom)
	require.Equal(t, modified, b.s.State().Date)
	require.Equal(t, source.Sanctioned, screen(t, b.s, listed).Status)
}

func TestMaxBytesBoundsADownload(t *testing.T) {
	t.Parallel()
	b := setup(t, map[string]string{"KYCGATE_OFAC_MAX_BYTES": "1048576"}, false)
	big := make([]byte, 0, 2<<20)
	for len(big) < 2<<20 {
		big = append(big, listed.Hex()+"\n"...)
	}
	b.fake.SetBody(big)
	require.ErrorContains(t, b.s.Refresh(context.Background()), "larger than KYCGATE_OFAC_MAX_BYTES")
}

func TestTheFileSettingReplacesTheDownload(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "sdn.txt")
	require.NoError(t, os.WriteFile(file, []byte("# a list kept by hand\n"+listed.Hex()+"\n"), 0o644))
	mtime := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	require.NoError(t, os.Chtimes(file, mtime, mtime))

	b := setup(t, map[string]string{"KYCGATE_OFAC_SDN_FILE": file}, false)
	st := b.s.State()
	require.Equal(t, ofac.OriginFile, st.Origin, "read at open")
	require.Equal(t, "file time", st.DateFrom)
	require.Equal(t, mtime, st.Date)
	require.Equal(t, source.Sanctioned, screen(t, b.s, listed).Status)

	// The XML export as the file, dated by its DateOfIssue, read again at refresh.
	require.NoError(t, os.WriteFile(file, b.fake.Export(), 0o644))
	require.NoError(t, b.s.Refresh(context.Background()))
	require.Equal(t, "DateOfIssue", b.s.State().DateFrom)
	require.Zero(t, b.fake.Requests(), "the URL is not used")

	require.NoError(t, os.WriteFile(file, []byte("not an address\n"), 0o644))
	require.ErrorContains(t, b.s.Refresh(context.Background()), "line 1")
	require.Equal(t, "DateOfIssue", b.s.State().DateFrom, "the last good list stays")

	_, err := open(map[string]string{"KYCGATE_OFAC_SDN_FILE": filepath.Join(dir, "missing.txt")}, b.clock, false)
	require.ErrorContains(t, err, "KYCGATE_OFAC_SDN_FILE")
}

func TestConfigErrorsNameTheVariable(t *testing.T) {
	t.Parallel()
	c := &clock{t: exportDate}
	cases := map[string]string{
		"KYCGATE_OFAC_SDN_URL=ftp://example.org/sdn.xml":           "invalid KYCGATE_OFAC_SDN_URL: want an absolute http(s) URL",
		"KYCGATE_OFAC_SDN_URL=https://user:pw@example.org/sdn.xml": "invalid KYCGATE_OFAC_SDN_URL: want a URL without credentials",
		"KYCGATE_OFAC_REFRESH=30s":                                 "invalid KYCGATE_OFAC_REFRESH",
		"KYCGATE_OFAC_MAX_AGE=-1h":                                 "invalid KYCGATE_OFAC_MAX_AGE",
		"KYCGATE_OFAC_MAX_AGE=1h":                                  "invalid KYCGATE_OFAC_MAX_AGE: want at least KYCGATE_OFAC_REFRESH",
		"KYCGATE_OFAC_TIMEOUT=0s":                                  "invalid KYCGATE_OFAC_TIMEOUT",
		"KYCGATE_OFAC_MAX_BYTES=1000":                              "invalid KYCGATE_OFAC_MAX_BYTES",
		"KYCGATE_OFAC_REFRESH=daily":                               "invalid KYCGATE_OFAC_REFRESH: want a duration",
	}
	for kv, want := range cases {
		k, v, _ := strings.Cut(kv, "=")
		_, err := open(map[string]string{k: v}, c, false)
		require.ErrorContains(t, err, want, kv)
	}
}
