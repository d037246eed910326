// Command kycgate is the gateway's one binary: it serves, migrates, and manages tenants
// and keys. It only parses the command line; the work is in the packages it calls.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/server"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `kycgate: a Web3 wallet-linked KYC gateway

Usage:
  kycgate serve [flags]                 run the gateway
  kycgate migrate up [flags]            apply database migrations
  kycgate tenants create --name NAME    create a tenant; prints {"tenantId","apiKey"} (key shown once)
  kycgate reviewers create --name NAME  create a compliance reviewer; prints {"reviewerId","apiKey"} (key shown once)
  kycgate operators create --name NAME  create an operator (River UI at /admin/jobs); prints {"operatorId","apiKey"} (key shown once)
  kycgate apikeys create --tenant ID | --reviewer ID | --operator ID
                                        issue another API key (rotation); prints it once
  kycgate apikeys revoke --key SECRET   revoke an API key
  kycgate keys generate --out FILE      write a new attestation signing key; prints {"address","keyId"}
  kycgate attest verify FILE            verify a shareable attestation package (or URL); exit 0 when valid
  kycgate siwe verify --message FILE --signature HEX [--domain D] [--nonce N] [--time RFC3339]
                                        run the sign-in checks (minus the nonce store); exit 0 when valid
  kycgate version                       print the version

Every flag has a KYCGATE_* environment variable (--public-url ↔ KYCGATE_PUBLIC_URL).
Run "kycgate serve -h" for the settings.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command, stopping on SIGINT or SIGTERM, and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runWithContext(ctx, args, stdout, stderr)
}

// runWithContext executes one command until ctx is done.
func runWithContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}

	var err error
	switch args[0] {
	case "serve":
		err = serve(ctx, args[1:], stdout, stderr)
	case "migrate":
		if len(args) < 2 || args[1] != "up" {
			fmt.Fprintln(stderr, "usage: kycgate migrate up [flags]")
			return 2
		}
		err = migrateUp(ctx, args[2:], stdout, stderr)
	case "tenants":
		if len(args) < 2 || args[1] != "create" {
			fmt.Fprintln(stderr, "usage: kycgate tenants create --name NAME")
			return 2
		}
		err = tenantsCreate(ctx, args[2:], stdout, stderr)
	case "reviewers":
		if len(args) < 2 || args[1] != "create" {
			fmt.Fprintln(stderr, "usage: kycgate reviewers create --name NAME")
			return 2
		}
		err = reviewersCreate(ctx, args[2:], stdout, stderr)
	case "operators":
		if len(args) < 2 || args[1] != "create" {
			fmt.Fprintln(stderr, "usage: kycgate operators create --name NAME")
			return 2
		}
		err = operatorsCreate(ctx, args[2:], stdout, stderr)
	case "apikeys":
		if len(args) < 2 || (args[1] != "create" && args[1] != "revoke") {
			fmt.Fprintln(stderr, "usage: kycgate apikeys create (--tenant ID | --reviewer ID | --operator ID)\n       kycgate apikeys revoke --key SECRET")
			return 2
		}
		err = apikeysCommand(ctx, args[1:], stdout, stderr)
	case "keys":
		if len(args) < 2 || args[1] != "generate" {
			fmt.Fprintln(stderr, "usage: kycgate keys generate --out FILE")
			return 2
		}
		err = keysGenerate(args[2:], stdout, stderr)
	case "attest":
		if len(args) < 2 || args[1] != "verify" {
			fmt.Fprintln(stderr, "usage: kycgate attest verify [flags] FILE")
			return 2
		}
		err = attestVerify(ctx, args[2:], stdout, stderr)
	case "siwe":
		if len(args) < 2 || args[1] != "verify" {
			fmt.Fprintln(stderr, "usage: kycgate siwe verify --message FILE --signature HEX [--domain D] [--nonce N] [--time RFC3339]")
			return 2
		}
		err = siweVerify(ctx, args[2:], stdout, stderr)
	case "version", "--version", "-v":
		return printJSON(stdout, versionInfo())
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "kycgate: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		if errors.Is(err, errInvalid) {
			return 1 // the verdict is already printed
		}
		fmt.Fprintln(stderr, "kycgate:", err)
		return 1
	}
	return 0
}

// loadConfig parses the shared settings for a subcommand; the rest of the command line
// is left in the returned flag set's Args.
func loadConfig(name string, args []string, stderr io.Writer, extra func(*flag.FlagSet)) (server.Config, *flag.FlagSet, error) {
	fs := flag.NewFlagSet("kycgate "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	if extra != nil {
		extra(fs)
	}
	cfg, err := server.LoadConfigFromEnv(fs, args)
	return cfg, fs, err
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var migrate bool
	cfg, _, err := loadConfig("serve", args, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&migrate, "migrate", false, "apply pending PostgreSQL migrations before serving (SQLite always migrates)")
	})
	if err != nil {
		return err
	}
	if err := cfg.ValidateServe(); err != nil {
		return err
	}
	log := server.NewLogger(cfg, stderr)
	store, err := server.OpenStore(ctx, cfg.DatabaseURL, migrate)
	if err != nil {
		return err
	}
	defer store.Close()

	if cfg.Dev {
		dt, created, err := server.EnsureDevTenant(ctx, store, cfg.DataDir, time.Now())
		if err != nil {
			return fmt.Errorf("development tenant: %w", err)
		}
		verb := "existing"
		if created {
			verb = "new"
		}
		fmt.Fprintf(stdout, "\nkycgate development mode (%s development tenant)\n  tenant id: %s\n  API key:   %s\n  (kept in %s/dev-tenant.json; never use --dev in production)\n\n",
			verb, dt.ID, dt.APIKey, cfg.DataDir)
		dr, _, err := server.EnsureDevReviewer(ctx, store, cfg.DataDir, time.Now())
		if err != nil {
			return fmt.Errorf("development reviewer: %w", err)
		}
		fmt.Fprintf(stdout, "  reviewer id: %s\n  reviewer key: %s\n  (kept in %s/dev-reviewer.json; personal data sealed with %s/data.key unless KYCGATE_DATA_KEY is set)\n\n",
			dr.ID, dr.APIKey, cfg.DataDir, cfg.DataDir)
	}

	srv, err := server.New(cfg, store, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	log.Info("kycgate serving", "listen", ln.Addr().String(), "public_url", cfg.PublicURL, "version", version)
	fmt.Fprintf(stdout, "kycgate listening on %s (public URL %s)\n", ln.Addr(), cfg.PublicURL)
	return srv.Run(ctx, ln)
}

func migrateUp(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, _, err := loadConfig("migrate up", args, stderr, nil)
	if err != nil {
		return err
	}
	n, err := server.Migrate(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	return writeJSON(stdout, map[string]any{"applied": n})
}

func tenantsCreate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var name string
	cfg, _, err := loadConfig("tenants create", args, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "the tenant's name (required)")
	})
	if err != nil {
		return err
	}
	if name == "" {
		return errors.New("tenants create: --name is required")
	}
	store, err := server.OpenStore(ctx, cfg.DatabaseURL, false)
	if err != nil {
		return err
	}
	defer store.Close()
	t, key, err := auth.CreateTenant(ctx, store, name, time.Now())
	if err != nil {
		return err
	}
	return writeJSON(stdout, map[string]string{"tenantId": t.ID, "apiKey": key})
}

func versionInfo() map[string]string {
	info := map[string]string{"version": version, "go": runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				info["commit"] = s.Value
			}
		}
	}
	return info
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	return enc.Encode(v)
}

func printJSON(w io.Writer, v any) int {
	if err := writeJSON(w, v); err != nil {
		return 1
	}
	return 0
}
