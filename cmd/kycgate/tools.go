package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kycgate/kycgate/attest"
	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/onchain/signer"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
	"github.com/kycgate/kycgate/wallet"
)

// errInvalid makes a command exit 1 after it printed its JSON verdict.
var errInvalid = errors.New("invalid")

// keysGenerate writes a new signing key file and prints {"address","keyId"}.
func keysGenerate(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("kycgate keys generate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "file to write the new key to (mode 0600; must not exist)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("keys generate: --out is required")
	}
	info, err := signer.Generate(*out)
	if err != nil {
		return err
	}
	return writeJSON(stdout, info)
}

// attestVerify checks an attestation, given as a file holding the package or its URL,
// or as the URL or its fragment itself, with the same trust as serve, and the
// revocation state when a store is configured.
func attestVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var noStore bool
	cfg, fs, err := loadConfig("attest verify", args, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&noStore, "no-store", false, "do not look up revocations in the database")
	})
	if err != nil {
		return err
	}
	if len(fs.Args()) != 1 {
		return errors.New("usage: kycgate attest verify [flags] FILE|URL")
	}
	body, err := attestationArg(fs.Arg(0))
	if err != nil {
		return err
	}
	if cfg.Dev && cfg.SignerKeyFile == "" && cfg.SignerKey == "" {
		// serve --dev generates the key on first start; verifying must not invent one.
		if path := filepath.Join(cfg.DataDir, "signer.key"); !fileExists(path) {
			return fmt.Errorf("attest verify --dev: no development signing key at %s: run the command where `make run` "+
				"keeps its data (./data), or pass --data-dir", path)
		}
	}
	trust, err := server.AttestationTrust(cfg, time.Now)
	if err != nil {
		return err
	}
	pkg, err := parseAttestation(body)
	if err != nil {
		_ = writeJSON(stdout, attest.Verification{Valid: false, Reason: string(eas.ReasonMalformed)})
		return fmt.Errorf("%w: %v", errInvalid, err)
	}
	var st storage.Store
	if !noStore {
		if st, err = server.OpenStore(ctx, cfg.DatabaseURL, false); err != nil {
			return err
		}
		defer st.Close()
	}
	res, err := attest.Verify(ctx, pkg, trust, st)
	if err != nil {
		return err
	}
	if err := writeJSON(stdout, res); err != nil {
		return err
	}
	if !res.Valid {
		if len(trust.Signers) == 0 {
			fmt.Fprintln(stderr, "kycgate: no signer is trusted: pass --dev for attestations of a development gateway "+
				"(make run), or --signer-key-file / --trusted-signers as the gateway is configured")
		}
		return errInvalid
	}
	return nil
}

// attestationArg returns the attestation text an argument names: the argument itself
// when it is an attestation URL or fragment, otherwise the content of the file it names.
func attestationArg(arg string) (string, error) {
	if strings.Contains(arg, "#attestation=") || strings.HasPrefix(arg, "attestation=") ||
		(fragmentLike(arg) && !fileExists(arg)) {
		return arg, nil
	}
	raw, err := os.ReadFile(arg)
	if err == nil {
		return strings.TrimSpace(string(raw)), nil
	}
	return "", fmt.Errorf("attest verify: %w (want a file, an attestation URL or its fragment)", err)
}

// fragmentLike reports whether s can only be the encoded package of an attestation URL
// (base64, URL-safe or URI-encoded), not a file name.
func fragmentLike(s string) bool {
	if len(s) < 64 {
		return false
	}
	for _, c := range s {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', strings.ContainsRune("+/=-_%", c):
		default:
			return false
		}
	}
	return true
}

// parseAttestation decodes the package JSON, an attestation URL or its fragment.
func parseAttestation(body string) (*eas.Package, error) {
	if strings.HasPrefix(body, "{") {
		return attest.ParsePackage([]byte(body))
	}
	return eas.DecodeURL(body)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// siweVerify runs the server's SIWE checks, minus the nonce store, on a message file.
func siweVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var messageFile, signature, domain, nonce, at string
	cfg, _, err := loadConfig("siwe verify", args, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&messageFile, "message", "", "file holding the EIP-4361 message (required)")
		fs.StringVar(&signature, "signature", "", "0x-hex signature (required)")
		fs.StringVar(&domain, "domain", "", "expected domain (default: from --public-url)")
		fs.StringVar(&nonce, "nonce", "", "expected nonce")
		fs.StringVar(&at, "time", "", "verify as of this RFC 3339 time (default: now)")
	})
	if err != nil {
		return err
	}
	if messageFile == "" || signature == "" {
		return errors.New("siwe verify: --message and --signature are required")
	}
	raw, err := os.ReadFile(messageFile)
	if err != nil {
		return err
	}
	clients, err := server.DialChains(cfg.RPCURLs)
	if err != nil {
		return err
	}
	opts, err := auth.NewSIWEOptions(cfg.PublicURL, cfg.ChainIDs, wallet.NewVerifier(clients))
	if err != nil {
		return err
	}
	if domain != "" {
		opts.Domain = domain
		opts.URIOrigin = ""
	}
	opts.Nonce = nonce
	if at != "" {
		t, err := time.Parse(time.RFC3339, at)
		if err != nil {
			return fmt.Errorf("siwe verify: --time: %w", err)
		}
		opts.Now = func() time.Time { return t }
	}
	type verdict struct {
		Valid   bool   `json:"valid"`
		Address string `json:"address,omitempty"`
		Error   string `json:"error,omitempty"`
		Message string `json:"message,omitempty"`
	}
	msg, err := auth.VerifyMessage(ctx, strings.TrimRight(string(raw), "\n"), signature, opts)
	if err != nil {
		var se *auth.SIWEError
		if !errors.As(err, &se) {
			return err
		}
		out := verdict{Error: se.Code, Message: se.Message}
		if m, perr := auth.ParseMessage(strings.TrimRight(string(raw), "\n")); perr == nil {
			out.Address = m.Address.Hex()
		}
		_ = writeJSON(stdout, out)
		return errInvalid
	}
	return writeJSON(stdout, verdict{Valid: true, Address: msg.Address.Hex()})
}
