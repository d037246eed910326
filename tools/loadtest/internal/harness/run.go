package harness

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync/atomic"
	"time"

	"github.com/kycgate/kycgate/kyc/didit"
	"github.com/kycgate/kycgate/queue"
)

// Options configure a load run.
type Options struct {
	// Binary is the kycgate binary (see Build).
	Binary string
	// Workers is the fixed concurrency of every scenario; Duration how long each runs.
	Workers  int
	Duration time.Duration
	// Baseline is how long each single-core loop (ecrecover, eas.Verify, SIWE) runs.
	Baseline time.Duration
	// SQLite runs the single-replica SQLite gateway; PostgresURL (when set) the
	// Replicas replicas over a fresh database on that server.
	SQLite      bool
	PostgresURL string
	Replicas    int
	// Screening, when set, configures the gateways to screen wallets against its fake
	// sources and adds the screening scenario (Gateway.ScreenNew).
	Screening *Screening
	// PprofListen, when set, is the SQLite gateway's KYCGATE_PPROF_LISTEN, and the
	// PostgreSQL gateway's when Replicas is 1 (the gateways run in turn).
	PprofListen string
	// Progress receives one line per step (nil: none).
	Progress io.Writer
}

// Scenario names, in the order they run.
const (
	ScenarioHealthz = "GET /healthz"
	ScenarioSignIn  = "sign-in (nonce, personal_sign, POST /v1/auth/siwe)"
	ScenarioVerify  = "verification via Didit webhooks (sign-in, start, webhook)"
	ScenarioAttest  = "POST /v1/attestations"
	ScenarioCheck   = "POST /v1/attestations/verify"
	ScenarioGating  = "GET /v1/tenant/wallets/{address}"
	ScenarioScreen  = "screening of new wallets (sign-in, start shared, gating lookup screening on the spot)"
	// ScenarioScreenLookup is the gating lookups of ScenarioScreen alone.
	ScenarioScreenLookup = "GET /v1/tenant/wallets/{address} of a wallet just signed in (screens it on the spot unless its job did)"
)

// BackendReport is what one gateway measured.
type BackendReport struct {
	// Name is the gateway's ("SQLite", "PostgreSQL ×2").
	Name string
	// Ecrecover is the raw single-core ecrecover rate around its sign-in scenario: the
	// mean of EcrecoverBefore and EcrecoverAfter, measured just before and just after it.
	Ecrecover, EcrecoverBefore, EcrecoverAfter float64
	// Results are the scenarios' results by name.
	Results map[string]Result
	// Webhooks counts the provider webhooks answered 200; Approved the verifications
	// approved once the gateway processed them, SettleTime how long after the scenario
	// the last of them was (its background jobs, behind the sign-ins' screenings).
	Webhooks, Approved int
	SettleTime         time.Duration
	// Issued and Reused count attestation answers 201 (new) and 200 (an equal one
	// reused: every approved wallet was asked on each chain once already).
	Issued, Reused int64
	// Screened counts the screening scenario's wallets by what they were planted as
	// (WalletClear, WalletSanctioned, WalletRisky); Unscreened those whose stored state
	// afterwards does not say so (ScreenedAsPlanted), FirstUnscreened the first of them.
	Screened        map[string]int
	Unscreened      int
	FirstUnscreened string
	// Drained is how long the queued jobs took to run before a scenario could start,
	// by scenario (only waits above drainNoted).
	Drained map[string]time.Duration
	// DrainLeft is the jobs still queued when the wait's bound (drainBound) ended it.
	DrainLeft map[string]int
	// ScreenLookup holds the latencies of the screening scenario's gating lookups alone
	// (the lookups that screen a never-screened wallet on the spot); its rate is not one.
	ScreenLookup Result
}

// Report is a whole run.
type Report struct {
	Options  Options
	Backends []BackendReport
	// Ecrecover is the raw single-core ecrecover rate (per second) at the start of the
	// run. EAS and SIWE are the single-core rates of eas.Verify on an issued package and
	// auth.VerifyMessage on a prepared message (Fn), each measured beside its own
	// ecrecover baseline (Base; see Paired).
	Ecrecover float64
	EAS, SIWE Rates
	Started   time.Time
	// LoadStart and LoadEnd are the machine's load average (LoadAverage) as the run
	// started and ended: the figures are only as good as the machine was quiet.
	LoadStart, LoadEnd string
}

// drainNoted is the shortest wait for queued jobs that the report notes: Drain always
// waits for one fresh reading of the gateway's figures (queue.MetricsCacheFor).
const drainNoted = queue.MetricsCacheFor + 2*time.Second

// drainBound is the longest wait for queued jobs before a scenario.
const drainBound = 2 * time.Minute

func (o Options) logf(format string, args ...any) {
	if o.Progress != nil {
		fmt.Fprintf(o.Progress, format+"\n", args...)
	}
}

// Run starts each configured gateway in turn and drives every scenario against it.
func Run(ctx context.Context, o Options) (*Report, error) {
	rep := &Report{Options: o, Started: time.Now(), LoadStart: LoadAverage()}
	defer func() { rep.LoadEnd = LoadAverage() }()
	var err error
	o.logf("ecrecover baseline (%s, one goroutine)", o.Baseline)
	if rep.Ecrecover, err = EcrecoverRate(o.Baseline); err != nil {
		return nil, err
	}
	var backends []GatewayOptions
	env := func(pprof bool) map[string]string {
		e := map[string]string{}
		if o.Screening != nil {
			maps.Copy(e, o.Screening.Env)
		}
		if pprof && o.PprofListen != "" {
			e["KYCGATE_PPROF_LISTEN"] = o.PprofListen
		}
		return e
	}
	if o.SQLite {
		backends = append(backends, GatewayOptions{Binary: o.Binary, Conns: o.Workers * 2, Env: env(true)})
	}
	if o.PostgresURL != "" {
		backends = append(backends, GatewayOptions{Binary: o.Binary, PostgresURL: o.PostgresURL, Replicas: o.Replicas,
			Conns: o.Workers * 2, Env: env(o.Replicas == 1)})
	}
	for _, b := range backends {
		br, err := runBackend(ctx, o, b, rep)
		if err != nil {
			return rep, err
		}
		rep.Backends = append(rep.Backends, br)
	}
	return rep, nil
}

func runBackend(ctx context.Context, o Options, b GatewayOptions, rep *Report) (BackendReport, error) {
	g, err := StartGateway(ctx, b)
	if err != nil {
		return BackendReport{}, err
	}
	defer g.Close()
	br := BackendReport{Name: g.Name, Results: map[string]Result{}, Drained: map[string]time.Duration{},
		DrainLeft: map[string]int{}}
	o.logf("%s: started at %s", g.Name, g.Base)
	drive := func(name string, op Op) Result {
		if waited, left, err := g.Drain(ctx, drainBound); err != nil {
			o.logf("%s: the job queue could not be read: %v", g.Name, err)
		} else if waited > drainNoted || left > 0 {
			o.logf("%s: waited %s for the queued jobs to run (%d left)", g.Name, waited.Round(100*time.Millisecond), left)
			br.Drained[name], br.DrainLeft[name] = waited, left
		}
		o.logf("%s: %s, %d workers × %s", g.Name, name, o.Workers, o.Duration)
		r := Drive(ctx, name, o.Workers, o.Duration, op)
		br.Results[name] = r
		if r.FirstError != nil {
			o.logf("  %d failed, the first: %v", r.Failed, r.FirstError)
		}
		return r
	}
	drive(ScenarioHealthz, func(ctx context.Context, _, _ int) error { return g.Healthz(ctx) })

	var prepared atomic.Pointer[SignedIn]
	o.logf("%s: ecrecover baseline before the sign-ins", g.Name)
	if br.EcrecoverBefore, err = EcrecoverRate(o.Baseline); err != nil {
		return br, err
	}
	drive(ScenarioSignIn, func(ctx context.Context, _, _ int) error {
		s, err := g.Client.Prepare(ctx)
		if err != nil {
			return err
		}
		prepared.Store(&s)
		_, err = g.Client.SignIn(ctx, s)
		return err
	})
	// The gateway first works through the sign-ins' first screenings, which would
	// otherwise take the baseline's core.
	if waited, left, err := g.Drain(ctx, drainBound); err == nil && (waited > drainNoted || left > 0) {
		o.logf("%s: waited %s for the queued jobs to run (%d left)", g.Name, waited.Round(100*time.Millisecond), left)
		br.Drained[ScenarioVerify], br.DrainLeft[ScenarioVerify] = waited, left
	}
	o.logf("%s: ecrecover baseline after the sign-ins", g.Name)
	if br.EcrecoverAfter, err = EcrecoverRate(o.Baseline); err != nil {
		return br, err
	}
	br.Ecrecover = (br.EcrecoverBefore + br.EcrecoverAfter) / 2
	if s := prepared.Load(); s != nil && rep.SIWE.Fn == 0 {
		if rep.SIWE, err = SIWEVerifyRate(ctx, o.Baseline, *s, g.Base); err != nil {
			return br, err
		}
	}

	var journeys collector[Journey]
	r := drive(ScenarioVerify, func(ctx context.Context, _, _ int) error {
		j, err := g.Verify(ctx, didit.StatusApproved)
		if j.VerificationID != "" {
			journeys.add(j)
		}
		return err
	})
	br.Webhooks = len(g.Vendor.Answered())
	o.logf("  %d webhooks answered 200 (%.0f/s); waiting for the gateway to process them", br.Webhooks,
		float64(br.Webhooks)/r.Elapsed.Seconds())
	settling := time.Now()
	approved, err := g.Settle(ctx, journeys.items(), max(2*time.Minute, 12*o.Duration))
	br.Approved, br.SettleTime = len(approved), time.Since(settling)
	if err != nil {
		return br, fmt.Errorf("%s: %w\n%s", g.Name, err, g.Logs())
	}
	if len(approved) == 0 {
		return br, fmt.Errorf("%s: no verification approved: %v", g.Name, r.FirstError)
	}

	var pairs, issued, reused atomic.Int64
	var packages collector[json.RawMessage]
	drive(ScenarioAttest, func(ctx context.Context, _, _ int) error {
		i := int(pairs.Add(1) - 1)
		w := approved[(i/len(Chains))%len(approved)].Wallet
		pkg, code, err := g.Attest(ctx, w, Chains[i%len(Chains)])
		if err != nil {
			return err
		}
		if code == 201 {
			issued.Add(1)
			packages.add(pkg)
		} else {
			reused.Add(1)
		}
		return nil
	})
	br.Issued, br.Reused = issued.Load(), reused.Load()
	pkgs := packages.items()
	if len(pkgs) == 0 {
		return br, fmt.Errorf("%s: no attestation issued", g.Name)
	}
	if rep.EAS.Fn == 0 {
		if rep.EAS, err = EASVerifyRate(o.Baseline, pkgs[0], g.Setup.Signer); err != nil {
			return br, err
		}
	}
	drive(ScenarioCheck, func(ctx context.Context, w, i int) error {
		return g.CheckAttestation(ctx, pkgs[(w*7919+i)%len(pkgs)])
	})
	drive(ScenarioGating, func(ctx context.Context, w, i int) error {
		return g.Gate(ctx, approved[(w*7919+i)%len(approved)].Wallet.Address, "allow")
	})
	if o.Screening != nil {
		if err := screenScenario(ctx, g, o.Screening, &br, drive); err != nil {
			return br, err
		}
	}
	return br, nil
}

// screenScenario drives the screening scenario, then reads every wallet's stored state
// as a reviewer and counts those that do not say what the wallet was planted as.
func screenScenario(ctx context.Context, g *Gateway, sc *Screening, br *BackendReport, drive func(string, Op) Result) error {
	type planted struct {
		w      Wallet
		kind   string
		lookup time.Duration
	}
	var n atomic.Int64
	var done collector[planted]
	r := drive(ScenarioScreen, func(ctx context.Context, _, _ int) error {
		var lookup time.Duration
		w, kind, err := g.ScreenNew(ctx, sc, int(n.Add(1)-1), &lookup)
		if err == nil {
			done.add(planted{w, kind, lookup})
		}
		return err
	})
	br.ScreenLookup = Result{Name: ScenarioScreenLookup, Elapsed: r.Elapsed}
	for _, p := range done.items() {
		if p.lookup > 0 {
			br.ScreenLookup.OK++
			br.ScreenLookup.latencies = append(br.ScreenLookup.latencies, p.lookup)
		}
	}
	slices.Sort(br.ScreenLookup.latencies)
	br.Screened = map[string]int{}
	for _, p := range done.items() {
		br.Screened[p.kind]++
		st, err := g.WalletScreening(ctx, p.w.Address)
		if err != nil {
			return fmt.Errorf("%s: %w", g.Name, err)
		}
		if bad := ScreenedAsPlanted(st, p.kind); bad != "" {
			br.Unscreened++
			if br.FirstUnscreened == "" {
				br.FirstUnscreened = p.w.Address + ": " + bad
			}
		}
	}
	return nil
}
