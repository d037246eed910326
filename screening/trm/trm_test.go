package trm_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/screening/source"
	"github.com/kycgate/kycgate/screening/source/sourcetest"
	"github.com/kycgate/kycgate/screening/trm"
	"github.com/kycgate/kycgate/screening/trm/trmtest"
)

var (
	t0         = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	clean      = common.HexToAddress("0x00000000000000000000000000000000000c1ea4")
	sanctioned = common.HexToAddress("0x7F367cC41522cE07553e823bf3be79A889DEbe1B")
	risky      = common.HexToAddress("0x00000000000000000000000000000000000f1a60")
)

type testBundle struct {
	fake  *trmtest.Fake
	clock *sourcetest.Clock
	s     source.BatchScreener
}

func open(vars map[string]string, clock *sourcetest.Clock) (source.Screener, error) {
	return source.Registry{trm.Name: trm.Entry}.Open(trm.Name, func(k string) string { return vars[k] },
		source.Deps{Now: clock.Now, Sleep: clock.Sleep})
}

func setup(t *testing.T, mode string, env map[string]string) *testBundle {
	t.Helper()
	b := &testBundle{fake: trmtest.New(t), clock: sourcetest.NewClock(t0)}
	vars := b.fake.Env(mode)
	for k, v := range env {
		vars[k] = v
	}
	s, err := open(vars, b.clock)
	require.NoError(t, err)
	b.s = s.(source.BatchScreener)
	b.fake.Sanction(sanctioned)
	return b
}

func (b *testBundle) screen(a common.Address, chain uint64) (source.Result, error) {
	return b.s.Screen(context.Background(), source.Query{Address: a, ChainID: chain})
}

func TestSanctionsCheck(t *testing.T) {
	t.Parallel()
	b := setup(t, trm.ModeSanctions, nil)
	b.fake.SetRisk(risky, 10, "Mixer") // wallet screening only: the free check does not see it

	r, err := b.screen(clean, 1)
	require.NoError(t, err)
	require.Equal(t, source.Result{Source: "trm", Status: source.Clear, Risk: source.RiskNone, CheckedAt: t0,
		Reference: "trm sanctions check (/public/v1/sanctions/screening)"}, r)

	r, err = b.screen(sanctioned, 8453)
	require.NoError(t, err)
	require.Equal(t, source.Sanctioned, r.Status)
	require.Equal(t, source.RiskSevere, r.Risk)
	require.Equal(t, []string{"sanctions"}, r.Categories)

	r, err = b.screen(risky, 1)
	require.NoError(t, err)
	require.Equal(t, source.Clear, r.Status, "the sanctions check knows only sanctions")
	// Without a key: TRM's free rate, 1 per second.
	require.Equal(t, []time.Duration{time.Second, time.Second}, b.clock.Slept())
}

func TestSanctionsCheckIsBatched(t *testing.T) {
	t.Parallel()
	b := setup(t, trm.ModeSanctions, map[string]string{"KYCGATE_TRM_BATCH_SIZE": "2", "KYCGATE_TRM_API_KEY": "fake-trm-key"})
	qs := []source.Query{{Address: clean}, {Address: sanctioned}, {Address: risky}, {Address: sanctioned, ChainID: 10}, {Address: clean}}

	rs, err := b.s.ScreenMany(context.Background(), qs)
	require.NoError(t, err)
	require.Equal(t, []int{2, 2, 1}, b.fake.Batches())
	var got []source.Status
	for _, r := range rs {
		got = append(got, r.Status)
	}
	require.Equal(t, []source.Status{source.Clear, source.Sanctioned, source.Clear, source.Sanctioned, source.Clear}, got)
	// With a key: 1,000 per second.
	require.Equal(t, []time.Duration{time.Millisecond, time.Millisecond}, b.clock.Slept())

	wrong := setup(t, trm.ModeSanctions, map[string]string{"KYCGATE_TRM_API_KEY": "not-the-key"})
	_, err = wrong.screen(clean, 1)
	require.EqualError(t, err, "trm: HTTP 401")
}

func TestWalletScreening(t *testing.T) {
	t.Parallel()
	b := setup(t, trm.ModeRisk, nil)
	b.fake.SetRisk(risky, 5, "Gambling")
	b.fake.SetRisk(risky, 10, "Mixer")
	b.fake.SetRisk(risky, 1, "Mixer")
	exposed := common.HexToAddress("0x0000000000000000000000000000000000e4905e")
	b.fake.SetRisk(exposed, 15, "Sanctions") // received from a sanctioned address: exposure, not a listing

	r, err := b.screen(clean, 1)
	require.NoError(t, err)
	require.Equal(t, source.Result{Source: "trm", Status: source.Clear, Risk: source.RiskNone, CheckedAt: t0,
		Reference: "https://app.trmlabs.com/address/0x00000000000000000000000000000000000c1ea4/ethereum"}, r)

	r, err = b.screen(risky, 8453)
	require.NoError(t, err)
	require.Equal(t, source.Result{Source: "trm", Status: source.Flagged, Risk: source.RiskHigh, Categories: []string{"Gambling", "Mixer"},
		CheckedAt: t0.Add(time.Millisecond), Reference: "https://app.trmlabs.com/address/0x00000000000000000000000000000000000f1a60/base"}, r)

	r, err = b.screen(exposed, 1)
	require.NoError(t, err)
	require.Equal(t, source.Flagged, r.Status)
	require.Equal(t, source.RiskSevere, r.Risk)

	r, err = b.screen(sanctioned, 42161)
	require.NoError(t, err)
	require.Equal(t, source.Sanctioned, r.Status)
	require.Equal(t, source.RiskSevere, r.Risk)
	require.Equal(t, []string{"Sanctions"}, r.Categories)

	_, err = b.screen(clean, 424242)
	require.ErrorIs(t, err, trm.ErrUnknownChain)
	custom := setup(t, trm.ModeRisk, map[string]string{"KYCGATE_TRM_CHAINS": "424242=examplechain"})
	r, err = custom.screen(clean, 424242)
	require.NoError(t, err)
	require.Contains(t, r.Reference, "/examplechain")

	rs, err := b.s.ScreenMany(context.Background(), []source.Query{{Address: risky, ChainID: 1}, {Address: risky, ChainID: 10}, {Address: clean}})
	require.NoError(t, err)
	require.Len(t, rs, 3)
	require.Contains(t, rs[1].Reference, "/optimism")
	require.Contains(t, rs[2].Reference, "/ethereum", "chain 0 is Ethereum")
}

func TestFailuresAreNeverClear(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		arm  func(f *trmtest.Fake)
		env  map[string]string
		want func(t *testing.T, err error)
	}{
		"429 with Retry-After": {arm: func(f *trmtest.Fake) { f.FailNext(http.StatusTooManyRequests) }, want: func(t *testing.T, err error) {
			var ra source.RetryAfter
			require.ErrorAs(t, err, &ra)
			require.Equal(t, 60*time.Second, ra.RetryAfter())
		}},
		"500": {arm: func(f *trmtest.Fake) { f.FailNext(http.StatusInternalServerError) }, want: func(t *testing.T, err error) {
			require.EqualError(t, err, "trm: HTTP 500")
		}},
		"timeout": {arm: func(f *trmtest.Fake) { f.Hang() }, env: map[string]string{"KYCGATE_TRM_TIMEOUT": "1ms"}, want: func(t *testing.T, err error) {
			require.ErrorContains(t, err, "Client.Timeout")
		}},
		"malformed body": {arm: func(f *trmtest.Fake) { f.MalformedNext(`[{"address":`) }, want: func(t *testing.T, err error) {
			require.ErrorIs(t, err, source.ErrMalformed)
		}},
		"an object, not an array": {arm: func(f *trmtest.Fake) { f.MalformedNext(`{"address":"0x00000000000000000000000000000000000c1ea4"}`) }, want: func(t *testing.T, err error) {
			require.ErrorIs(t, err, source.ErrMalformed)
		}},
		"another address": {arm: func(f *trmtest.Fake) {
			f.MalformedNext(`[{"address":"0x7F367cC41522cE07553e823bf3be79A889DEbe1B","chain":"ethereum","isSanctioned":false,"addressRiskIndicators":[]}]`)
		}, want: func(t *testing.T, err error) { require.ErrorIs(t, err, trm.ErrBadAnswer) }},
		"an empty array": {arm: func(f *trmtest.Fake) { f.MalformedNext(`[]`) }, want: func(t *testing.T, err error) {
			require.ErrorIs(t, err, trm.ErrBadAnswer)
		}},
	}
	for _, mode := range []string{trm.ModeSanctions, trm.ModeRisk} {
		for name, c := range cases {
			t.Run(mode+"/"+name, func(t *testing.T) {
				t.Parallel()
				b := setup(t, mode, c.env)
				c.arm(b.fake)
				r, err := b.screen(clean, 1)
				require.Zero(t, r)
				c.want(t, err)
			})
		}
	}
}

func TestAnswersMissingAFieldAreErrors(t *testing.T) {
	t.Parallel()
	const a = `"address":"0x00000000000000000000000000000000000c1ea4","chain":"ethereum"`
	cases := map[string]struct{ mode, body string }{
		"no isSanctioned":           {trm.ModeSanctions, `[{` + a + `}]`},
		"no addressRiskIndicators":  {trm.ModeRisk, `[{` + a + `}]`},
		"no categoryRiskScoreLevel": {trm.ModeRisk, `[{` + a + `,"addressRiskIndicators":[{"category":"Mixer","riskType":"COUNTERPARTY"}]}]`},
		"a level off TRM's scale":   {trm.ModeRisk, `[{` + a + `,"addressRiskIndicators":[{"category":"Mixer","categoryRiskScoreLevel":7,"riskType":"COUNTERPARTY"}]}]`},
		"a negative level":          {trm.ModeRisk, `[{` + a + `,"addressRiskIndicators":[{"category":"Mixer","categoryRiskScoreLevel":-1,"riskType":"COUNTERPARTY"}]}]`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, c.mode, nil)
			b.fake.MalformedNext(c.body)
			_, err := b.screen(clean, 1)
			require.ErrorIs(t, err, trm.ErrBadAnswer)
		})
	}
}

func TestConfig(t *testing.T) {
	t.Parallel()
	c := sourcetest.NewClock(t0)
	cases := map[string]map[string]string{
		"invalid KYCGATE_TRM_API_KEY: is required in risk mode": {"KYCGATE_TRM_MODE": "risk"},
		"invalid KYCGATE_TRM_MODE":                              {"KYCGATE_TRM_MODE": "full"},
		"invalid KYCGATE_TRM_URL":                               {"KYCGATE_TRM_URL": "api.trmlabs.com"},
		"invalid KYCGATE_TRM_BATCH_SIZE":                        {"KYCGATE_TRM_BATCH_SIZE": "1001"},
		"invalid KYCGATE_TRM_RATE_PER_SECOND":                   {"KYCGATE_TRM_RATE_PER_SECOND": "-1"},
		"invalid KYCGATE_TRM_CHAINS":                            {"KYCGATE_TRM_CHAINS": "1=Ethereum Mainnet"},
		"invalid KYCGATE_TRM_TIMEOUT":                           {"KYCGATE_TRM_TIMEOUT": "0s"},
	}
	for want, vars := range cases {
		_, err := open(vars, c)
		require.ErrorContains(t, err, want)
	}
	_, err := open(map[string]string{}, c)
	require.NoError(t, err, "the defaults: the free sanctions check")
}

func TestLogValueHidesTheKey(t *testing.T) {
	t.Parallel()
	c := trm.Config{URL: trm.DefaultURL, APIKey: "secret-trm-key", Mode: trm.ModeRisk}
	require.NotContains(t, c.LogValue().String(), "secret-trm-key")
	require.Contains(t, c.LogValue().String(), "apiKeySet=true")
}
