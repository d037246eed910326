package harness

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Markdown writes the report as the table of ratios (each with its two
// measured figures) and a table of every scenario's throughput and latencies.
func (r *Report) Markdown(w io.Writer) {
	o := r.Options
	fmt.Fprintf(w, "Measured %s, %d workers × %s per scenario, single-core loops %s; raw ecrecover at the start %.0f/s on one core; load average (1, 5, 15 min) %s at the start, %s at the end.\n\n",
		r.Started.UTC().Format("2006-01-02 15:04 MST"), o.Workers, o.Duration, o.Baseline, r.Ecrecover, r.LoadStart, r.LoadEnd)
	fmt.Fprintln(w, "| path | measured | goal |")
	fmt.Fprintln(w, "| --- | --- | --- |")
	single := func(path, goal string, x Rates) {
		if x.Fn == 0 {
			return
		}
		cpu := "thread CPU time not measured"
		if x.FnCPU > 0 {
			cpu = fmt.Sprintf("by the thread's CPU time %.2f (%.0f/s vs %.0f/s)", x.BaseCPU/x.FnCPU, x.FnCPU, x.BaseCPU)
		}
		fmt.Fprintf(w, "| %s (one core, side by side) | %.2f by wall time (%.0f/s vs %.0f/s); %s | %s |\n",
			path, x.Base/x.Fn, x.Fn, x.Base, cpu, goal)
	}
	single("`eas.Verify` time ÷ raw ecrecover time", "≤ 1.10", r.EAS)
	single("SIWE `VerifyMessage` time ÷ raw ecrecover time", "≤ 1.25", r.SIWE)
	for _, b := range r.Backends {
		s, h := b.Results[ScenarioSignIn], b.Results[ScenarioHealthz]
		fmt.Fprintf(w, "| sign-ins/s ÷ single-core ecrecover/s, %s, new wallets | %.3f (%.0f/s vs %.0f/s, the mean of %.0f/s before and %.0f/s after) | ≥ 0.25 |\n",
			b.Name, ratio(s.Rate(), b.Ecrecover), s.Rate(), b.Ecrecover, b.EcrecoverBefore, b.EcrecoverAfter)
		gt := b.Results[ScenarioGating]
		fmt.Fprintf(w, "| gating req/s ÷ `/healthz` req/s; p99 ÷ p99, %s | %.2f (%.0f/s vs %.0f/s); %.2f (%s vs %s) | ≥ 0.5; ≤ 1.5 |\n",
			b.Name, ratio(gt.Rate(), h.Rate()), gt.Rate(), h.Rate(),
			ratio(gt.Quantile(0.99).Seconds(), h.Quantile(0.99).Seconds()), ms(gt.Quantile(0.99)), ms(h.Quantile(0.99)))
		v := b.Results[ScenarioCheck]
		fmt.Fprintf(w, "| `POST /v1/attestations/verify` req/s ÷ `/healthz` req/s, %s | %.2f (%.0f/s vs %.0f/s) | ≥ 0.5 |\n",
			b.Name, ratio(v.Rate(), h.Rate()), v.Rate(), h.Rate())
		if sc, ok := b.Results[ScenarioScreen]; ok {
			fmt.Fprintf(w, "| screening of new wallets (sign-in, start shared, gating lookup screening on the spot: OFAC list, Chainalysis and TRM fakes) ÷ `/healthz` req/s; ÷ sign-ins/s, %s | %.3f (%.0f/s vs %.0f/s); %.2f (vs %.0f/s) | – |\n",
				b.Name, ratio(sc.Rate(), h.Rate()), sc.Rate(), h.Rate(), ratio(sc.Rate(), s.Rate()), s.Rate())
			l := b.ScreenLookup
			fmt.Fprintf(w, "| gating lookup of a wallet just signed in (screened on the spot) p50 ÷ `/healthz` p50; p99 ÷ p99, %s | %.2f (%s vs %s); %.2f (%s vs %s) | – |\n",
				b.Name, ratio(l.Quantile(0.5).Seconds(), h.Quantile(0.5).Seconds()), ms(l.Quantile(0.5)), ms(h.Quantile(0.5)),
				ratio(l.Quantile(0.99).Seconds(), h.Quantile(0.99).Seconds()), ms(l.Quantile(0.99)), ms(h.Quantile(0.99)))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| gateway | scenario | ok | failed | per second | p50 | p99 |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- |")
	names := []string{ScenarioHealthz, ScenarioSignIn, ScenarioVerify, ScenarioAttest, ScenarioCheck, ScenarioGating, ScenarioScreen}
	for _, b := range r.Backends {
		for _, n := range names {
			res, ok := b.Results[n]
			if !ok {
				continue
			}
			label := n
			if d := b.Drained[n]; d > 0 {
				label += fmt.Sprintf(" [started once the jobs queued before it ran, %.0f s]", d.Seconds())
				if left := b.DrainLeft[n]; left > 0 {
					label = strings.TrimSuffix(label, "]") + fmt.Sprintf(", %d still queued]", left)
				}
			}
			switch n {
			case ScenarioVerify:
				label += fmt.Sprintf(": %d webhooks answered 200 (%.0f/s), %d approved, the last %.1f s after the scenario", b.Webhooks,
					float64(b.Webhooks)/res.Elapsed.Seconds(), b.Approved, b.SettleTime.Seconds())
			case ScenarioAttest:
				label += fmt.Sprintf(": %d issued (201), %d reused (200)", b.Issued, b.Reused)
			case ScenarioScreen:
				label += fmt.Sprintf(": %d clear, %d sanctioned, %d high-risk planted; stored state not as planted %d",
					b.Screened[WalletClear], b.Screened[WalletSanctioned], b.Screened[WalletRisky], b.Unscreened)
				if b.FirstUnscreened != "" {
					label += " (" + b.FirstUnscreened + ")"
				}
			}
			fmt.Fprintf(w, "| %s | %s | %d | %d | %.0f | %s | %s |\n", b.Name, label, res.OK, res.Failed, res.Rate(),
				ms(res.Quantile(0.5)), ms(res.Quantile(0.99)))
			if n == ScenarioScreen {
				l := b.ScreenLookup
				fmt.Fprintf(w, "| %s | %s | %d | – | – | %s | %s |\n", b.Name, ScenarioScreenLookup, l.OK, ms(l.Quantile(0.5)), ms(l.Quantile(0.99)))
			}
		}
	}
}

// String is the Markdown report.
func (r *Report) String() string {
	var b strings.Builder
	r.Markdown(&b)
	return b.String()
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

// LoadAverage is the machine's load average over 1, 5 and 15 minutes (/proc/loadavg),
// or "unknown".
func LoadAverage() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(raw)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}
