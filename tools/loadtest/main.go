// Command loadtest is the gateway's load harness (make loadtest): it builds kycgate,
// starts it on SQLite and as replicas over one fresh PostgreSQL database behind a
// round-robin proxy, drives sign-ins, verifications through the fake Didit's webhooks,
// attestation issuance and verification, gating lookups, wallet screenings against fake
// sources (a local OFAC list, the fake Chainalysis API and TRM) and /healthz at a fixed
// concurrency for a fixed time, measures single-core baselines (ecrecover, eas.Verify,
// SIWE) in the same run, and prints the ratios as a Markdown table.
//
// With -faults it runs the faults run instead (make loadtest-faults): three replicas
// over PostgreSQL under load, one SIGKILLed and restarted, every PostgreSQL connection
// terminated, then the invariants checked against the database and the fakes.
//
//	go run ./tools/loadtest -workers 16 -duration 10s
//	go run ./tools/loadtest -faults -duration 20s
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/kycgate/kycgate/tools/loadtest/internal/harness"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run() error {
	pgDefault := os.Getenv("KYCGATE_TEST_POSTGRES_URL")
	if pgDefault == "" {
		pgDefault = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	var (
		binary   = flag.String("binary", "", "kycgate binary to run (default: go build ./cmd/kycgate into a temporary directory)")
		workers  = flag.Int("workers", 16, "concurrent workers of every scenario")
		duration = flag.Duration("duration", 10*time.Second, "how long each scenario runs")
		baseline = flag.Duration("baseline", 2*time.Second, "how long each single-core baseline loop (ecrecover, eas.Verify, SIWE) runs")
		pg       = flag.String("postgres", pgDefault, "PostgreSQL server URL (a user that may CREATE DATABASE); a fresh database is made per run; empty: skip PostgreSQL")
		replicas = flag.Int("replicas", 2, "gateway replicas over PostgreSQL, behind the round-robin proxy")
		sqlite   = flag.Bool("sqlite", true, "also run the single-replica SQLite gateway")
		pprof    = flag.String("pprof", "", "serve the gateway's profiles on this address (KYCGATE_PPROF_LISTEN), e.g. 127.0.0.1:6060: the SQLite gateway's, and PostgreSQL's when -replicas is 1")
		faults   = flag.Bool("faults", false, "run the faults run (3 replicas over PostgreSQL, SIGKILL, pg_terminate_backend, invariants) instead")
	)
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	bin := *binary
	if bin == "" {
		root, err := harness.ModuleRoot(ctx)
		if err != nil {
			return err
		}
		dir, err := os.MkdirTemp("", "kycgate-loadtest-bin-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		fmt.Fprintln(os.Stderr, "building ./cmd/kycgate")
		if bin, err = harness.Build(ctx, root, dir); err != nil {
			return err
		}
	}
	// Wallet screening against the fake sources (Chainalysis, TRM) in this process,
	// beside the local OFAC list.
	sc := harness.NewScreening()
	defer sc.Close()
	if *faults {
		if *pg == "" {
			return fmt.Errorf("-faults needs PostgreSQL (-postgres)")
		}
		rep, err := harness.RunFaults(ctx, harness.FaultsOptions{Binary: bin, PostgresURL: *pg, Workers: *workers,
			Duration: *duration, Screening: sc, Progress: os.Stderr})
		if rep != nil {
			rep.Markdown(os.Stdout)
		}
		return err
	}
	rep, err := harness.Run(ctx, harness.Options{Binary: bin, Workers: *workers, Duration: *duration, Baseline: *baseline,
		SQLite: *sqlite, PostgresURL: *pg, Replicas: *replicas, Screening: sc, PprofListen: *pprof, Progress: os.Stderr})
	if rep != nil && len(rep.Backends) > 0 {
		rep.Markdown(os.Stdout)
	}
	return err
}
