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
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
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
  kycgate providers setup didit         create Didit's recommended KYC workflow when KYCGATE_DIDIT_WORKFLOW_ID
                                        is not set; prints {"workflowId","created"}
  kycgate keys generate --out FILE      write a new attestation signing key; prints {"address","keyId"}
  kycgate keys status                   values sealed at rest per data key id, from the database; prints
                                        {"primaryKeyId","oldKeyIds","counts","left"} (left 0: the old keys can go)
  kycgate attest verify [--dev] FILE|URL
                                        verify an attestation: a file holding the package or its URL, or the
                                        URL (…/offchain/url/#attestation=…) or its fragment itself; exit 0 when
                                        valid (--dev: trust the development key under --data-dir, as make run)
  kycgate siwe verify --message FILE --signature HEX [--domain D] [--nonce N] [--time RFC3339]
                                        run the sign-in checks (minus the nonce store); exit 0 when valid
  kycgate siwe sign --key FILE --message FILE
                                        development helper, plays the wallet: sign a sign-in message (or the
                                        JSON answer of POST /v1/auth/nonce); prints {"message","signature"}
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
	case "providers":
		if len(args) < 3 || args[1] != "setup" || args[2] != "didit" {
			fmt.Fprintln(stderr, "usage: kycgate providers setup didit")
			return 2
		}
		err = providersSetup(ctx, args[3:], stdout, stderr)
	case "keys":
		switch {
		case len(args) >= 2 && args[1] == "generate":
			err = keysGenerate(args[2:], stdout, stderr)
		case len(args) >= 2 && args[1] == "status":
			err = keysStatus(ctx, args[2:], stdout, stderr)
		default:
			fmt.Fprintln(stderr, "usage: kycgate keys generate --out FILE | kycgate keys status")
			return 2
		}
	case "attest":
		if len(args) < 2 || args[1] != "verify" {
			fmt.Fprintln(stderr, "usage: kycgate attest verify [flags] FILE|URL")
			return 2
		}
		err = attestVerify(ctx, args[2:], stdout, stderr)
	case "siwe":
		switch {
		case len(args) >= 2 && args[1] == "verify":
			err = siweVerify(ctx, args[2:], stdout, stderr)
		case len(args) >= 2 && args[1] == "sign":
			err = siweSign(args[2:], stdout, stderr)
		default:
			fmt.Fprintln(stderr, "usage: kycgate siwe verify --message FILE --signature HEX [--domain D] [--nonce N] [--time RFC3339]\n"+
				"       kycgate siwe sign --key FILE --message FILE")
			return 2
		}
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
	store, err := server.OpenStoreConns(ctx, cfg.DatabaseURL, migrate, cfg.DBMaxConns)
	if err != nil {
		return err
	}
	defer store.Close()

	srv, err := server.New(cfg, store, log)
	if err != nil {
		return err
	}
	if cfg.Dev {
		if err := devBanner(ctx, stdout, cfg, store, srv); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return err
	}
	log.Info("kycgate serving", "listen", ln.Addr().String(), "public_url", cfg.PublicURL, "version", version)
	fmt.Fprintf(stdout, "kycgate listening on %s (public URL %s)\n", ln.Addr(), cfg.PublicURL)
	if cfg.Dev && cfg.Listen == server.DevListen {
		fmt.Fprintf(stdout, "  (development: this machine only; --listen or KYCGATE_LISTEN to choose another address)\n")
	}
	return srv.Run(ctx, ln)
}

// devBanner ensures the development tenant and reviewer and prints their keys with the
// attestation signer's address, so that a newcomer can call every API at once.
func devBanner(ctx context.Context, stdout io.Writer, cfg server.Config, store storage.Store, srv *server.Server) error {
	dt, created, err := server.EnsureDevTenant(ctx, store, cfg.DataDir, time.Now())
	if err != nil {
		return fmt.Errorf("development tenant: %w", err)
	}
	verb := "existing"
	if created {
		verb = "new"
	}
	dr, _, err := server.EnsureDevReviewer(ctx, store, cfg.DataDir, time.Now())
	if err != nil {
		return fmt.Errorf("development reviewer: %w", err)
	}
	signerLine := "none (attestations are not issued)"
	if a := srv.SignerAddress(); a != (common.Address{}) {
		signerLine = a.Hex()
		if cfg.SignerKeyFile == "" && cfg.SignerKey == "" {
			signerLine += " (key in " + filepath.Join(cfg.DataDir, "signer.key") + ")"
		}
	}
	fmt.Fprintf(stdout, "\nkycgate development mode (%s development tenant; never use --dev in production)\n"+
		"  tenant id:          %s\n  tenant API key:     %s   (kept in %s)\n"+
		"  reviewer id:        %s\n  reviewer API key:   %s   (kept in %s)\n"+
		"  review back office: %s/review   (sign in there with the reviewer API key)\n"+
		"  attestation signer: %s\n"+
		"  personal data sealed with %s unless KYCGATE_DATA_KEY is set\n\n",
		verb, dt.ID, dt.APIKey, filepath.Join(cfg.DataDir, "dev-tenant.json"),
		dr.ID, dr.APIKey, filepath.Join(cfg.DataDir, "dev-reviewer.json"),
		strings.TrimRight(cfg.PublicURL, "/"), signerLine, filepath.Join(cfg.DataDir, "data.key"))
	return nil
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
