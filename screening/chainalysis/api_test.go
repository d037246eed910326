package chainalysis_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/screening/chainalysis"
	"github.com/kycgate/kycgate/screening/chainalysis/chainalysistest"
	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/screening/source/sourcetest"
)

var (
	t0         = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	clean      = common.HexToAddress("0x00000000000000000000000000000000000c1ea4")
	sanctioned = common.HexToAddress("0x7F367cC41522cE07553e823bf3be79A889DEbe1B")
)

type apiBundle struct {
	fake  *chainalysistest.Fake
	clock *sourcetest.Clock
	s     source.Screener
}

func registry() source.Registry {
	return source.Registry{chainalysis.OracleName: chainalysis.OracleEntry, chainalysis.APIName: chainalysis.APIEntry}
}

func openWith(vars map[string]string, deps source.Deps) (source.Screener, error) {
	return registry().Open(chainalysis.APIName, func(k string) string { return vars[k] }, deps)
}

func setupAPI(t *testing.T, env map[string]string) *apiBundle {
	t.Helper()
	b := &apiBundle{fake: chainalysistest.New(t), clock: sourcetest.NewClock(t0)}
	vars := b.fake.Env()
	for k, v := range env {
		vars[k] = v
	}
	s, err := openWith(vars, source.Deps{Now: b.clock.Now, Sleep: b.clock.Sleep})
	require.NoError(t, err)
	b.s = s
	return b
}

func (b *apiBundle) screen(a common.Address) (source.Result, error) {
	return b.s.Screen(context.Background(), source.Query{Address: a, ChainID: 1})
}

func TestAPIClearAndSanctioned(t *testing.T) {
	t.Parallel()
	b := setupAPI(t, nil)
	b.fake.Sanction(sanctioned, "SANCTIONS: OFAC SDN Lazarus Group 2022-04-14")

	r, err := b.screen(clean)
	require.NoError(t, err)
	require.Equal(t, source.Result{Source: "chainalysis-api", Status: source.Clear, Risk: source.RiskNone,
		Reference: "chainalysis sanctions API: no identification", CheckedAt: t0}, r)

	r, err = b.screen(sanctioned)
	require.NoError(t, err)
	require.Equal(t, source.Result{Source: "chainalysis-api", Status: source.Sanctioned, Risk: source.RiskSevere,
		Categories: []string{"sanctions"}, Reference: "chainalysis sanctions API: SANCTIONS: OFAC SDN Lazarus Group 2022-04-14",
		CheckedAt: t0.Add(200 * time.Millisecond)}, r, "after the rate limit's wait (5 per second by default)")
	require.Equal(t, 2, b.fake.Requests())
}

// The API knows only sanctions: any identification, whatever its category, is sanctioned
// (there is no "flagged" answer from this source).
func TestAPIAnyIdentificationIsSanctioned(t *testing.T) {
	t.Parallel()
	b := setupAPI(t, nil)
	b.fake.Identify(sanctioned, chainalysis.Identification{Category: "Sanctions", Name: "A"})
	b.fake.Identify(sanctioned, chainalysis.Identification{Category: "sanctions", Name: "B"})
	b.fake.Identify(sanctioned, chainalysis.Identification{Category: "terrorist financing", Name: "C"})

	r, err := b.screen(sanctioned)
	require.NoError(t, err)
	require.Equal(t, source.Sanctioned, r.Status)
	require.Equal(t, []string{"sanctions", "terrorist financing"}, r.Categories)
	require.Equal(t, "chainalysis sanctions API: A; B; C", r.Reference)
}

func TestAPIErrorsAreNeverClear(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		arm  func(f *chainalysistest.Fake)
		env  map[string]string
		want func(t *testing.T, err error)
	}{
		"429 with Retry-After": {arm: func(f *chainalysistest.Fake) { f.FailNext(http.StatusTooManyRequests) }, want: func(t *testing.T, err error) {
			var ra source.RetryAfter
			require.ErrorAs(t, err, &ra)
			require.Equal(t, 60*time.Second, ra.RetryAfter())
		}},
		"500": {arm: func(f *chainalysistest.Fake) { f.FailNext(http.StatusInternalServerError) }, want: func(t *testing.T, err error) {
			require.ErrorAs(t, err, new(*source.StatusError))
			require.EqualError(t, err, "chainalysis-api: HTTP 500")
		}},
		"wrong key": {env: map[string]string{"KYCGATE_CHAINALYSIS_API_KEY": "nope"}, want: func(t *testing.T, err error) {
			require.EqualError(t, err, "chainalysis-api: HTTP 403")
		}},
		"timeout": {arm: func(f *chainalysistest.Fake) { f.Hang() }, env: map[string]string{"KYCGATE_CHAINALYSIS_TIMEOUT": "1ms"}, want: func(t *testing.T, err error) {
			require.ErrorContains(t, err, "Client.Timeout")
		}},
		"malformed body": {arm: func(f *chainalysistest.Fake) { f.MalformedNext(`{"identifications":[{"category":`) }, want: func(t *testing.T, err error) {
			require.ErrorIs(t, err, source.ErrMalformed)
		}},
		"wrong shape": {arm: func(f *chainalysistest.Fake) { f.MalformedNext(`{"identifications":"none"}`) }, want: func(t *testing.T, err error) {
			require.ErrorIs(t, err, source.ErrMalformed)
		}},
		"no identifications array": {arm: func(f *chainalysistest.Fake) { f.MalformedNext(`{}`) }, want: func(t *testing.T, err error) {
			require.ErrorIs(t, err, chainalysis.ErrNoIdentifications)
		}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := setupAPI(t, c.env)
			if c.arm != nil {
				c.arm(b.fake)
			}
			r, err := b.screen(clean)
			require.Error(t, err)
			require.Zero(t, r)
			c.want(t, err)
		})
	}
}

func TestAPIWaitsOutAShortRetryAfterAndPacesCalls(t *testing.T) {
	t.Parallel()
	b := setupAPI(t, map[string]string{"KYCGATE_CHAINALYSIS_RATE_PER_SECOND": "2"})
	b.fake.Sanction(sanctioned, "S")
	b.fake.RateLimitNext("1")

	r, err := b.screen(sanctioned)
	require.NoError(t, err)
	require.Equal(t, source.Sanctioned, r.Status)
	require.Equal(t, 2, b.fake.Requests())
	_, err = b.screen(clean)
	require.NoError(t, err)
	// The 429's second (the retry finds the rate limit free again), then the second
	// screening waits for the rate limit: 2 per second.
	require.Equal(t, []time.Duration{time.Second, 500 * time.Millisecond}, b.clock.Slept())
}

func TestAPIConfig(t *testing.T) {
	t.Parallel()
	deps := source.Deps{Now: sourcetest.NewClock(t0).Now}
	cases := map[string]map[string]string{
		"KYCGATE_CHAINALYSIS_API_KEY is required":     {},
		"invalid KYCGATE_CHAINALYSIS_API_URL":         {"KYCGATE_CHAINALYSIS_API_KEY": "k", "KYCGATE_CHAINALYSIS_API_URL": "https://public.chainalysis.com/api"},
		"invalid KYCGATE_CHAINALYSIS_RATE_PER_SECOND": {"KYCGATE_CHAINALYSIS_API_KEY": "k", "KYCGATE_CHAINALYSIS_RATE_PER_SECOND": "0"},
		"invalid KYCGATE_CHAINALYSIS_TIMEOUT":         {"KYCGATE_CHAINALYSIS_API_KEY": "k", "KYCGATE_CHAINALYSIS_TIMEOUT": "-1s"},
	}
	for want, vars := range cases {
		_, err := openWith(vars, deps)
		require.ErrorContains(t, err, want)
		require.NotContains(t, err.Error(), `"k"`)
	}
	_, err := openWith(map[string]string{"KYCGATE_CHAINALYSIS_API_KEY": "k"}, deps)
	require.NoError(t, err, "the defaults")
}

func TestAPIConfigLogValueHidesTheKey(t *testing.T) {
	t.Parallel()
	c := chainalysis.APIConfig{APIURL: chainalysis.DefaultAPIURL, APIKey: "secret-chainalysis-key"}
	require.NotContains(t, c.LogValue().String(), "secret-chainalysis-key")
	require.Contains(t, c.LogValue().String(), chainalysis.DefaultAPIURL)
}
