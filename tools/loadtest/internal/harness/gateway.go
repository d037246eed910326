package harness

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Build compiles the gateway (go build ./cmd/kycgate) from the module at root into dir
// and returns the binary's path.
func Build(ctx context.Context, root, dir string) (string, error) {
	bin := filepath.Join(dir, "kycgate")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/kycgate")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/kycgate: %w\n%s", err, out)
	}
	return bin, nil
}

// ModuleRoot is the directory of the go.mod of the module the working directory is in.
func ModuleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("not inside the kycgate module (go env GOMOD is empty)")
	}
	return filepath.Dir(mod), nil
}

// Setup is what every replica of one gateway shares: its binary, its environment (data
// key, signing key file, database, providers…) and the development tenant created
// through the CLI.
type Setup struct {
	// Binary is the kycgate binary.
	Binary string
	// Env holds KYCGATE_* variables, name → value.
	Env map[string]string
	// TenantID and TenantKey are the tenant `kycgate tenants create` made; ReviewerKey
	// the compliance reviewer's key from `kycgate reviewers create`.
	TenantID, TenantKey, ReviewerKey string
	// Signer is the attestation signer's address (`kycgate keys generate`).
	Signer string
}

// NewSetup writes a signing key into dir with `kycgate keys generate`, draws a data key,
// migrates the database (`kycgate migrate up`; SQLite migrates itself) and creates a
// tenant and a reviewer with `kycgate tenants create` and `kycgate reviewers create`. env holds the rest of the configuration
// (KYCGATE_DATABASE_URL, KYCGATE_PUBLIC_URL, providers' settings…); the data key and
// the signing key file are added to it.
func NewSetup(ctx context.Context, binary, dir string, env map[string]string) (*Setup, error) {
	s := &Setup{Binary: binary, Env: map[string]string{}}
	for k, v := range env {
		s.Env[k] = v
	}
	dataKey := make([]byte, 32)
	if _, err := rand.Read(dataKey); err != nil {
		return nil, err
	}
	s.Env["KYCGATE_DATA_KEY"] = hex.EncodeToString(dataKey)
	if s.Env["KYCGATE_OFAC_SDN_FILE"] == "" && s.Env["KYCGATE_OFAC_SDN_URL"] == "" {
		// The run is offline: wallets are screened against a local OFAC list in the plain
		// format (one address that no load wallet has), dated today, so the list refresh
		// job succeeds instead of retrying a download, and the list is never over age.
		list := filepath.Join(dir, "ofac.txt")
		body := "# published: " + time.Now().UTC().Format(time.DateOnly) + "\n0x000000000000000000000000000000000000dEaD\n"
		if err := os.WriteFile(list, []byte(body), 0o600); err != nil {
			return nil, err
		}
		s.Env["KYCGATE_OFAC_SDN_FILE"] = list
	}
	keyFile := filepath.Join(dir, "signer.key")
	var key struct{ Address string }
	if err := s.cli(ctx, &key, "keys", "generate", "--out", keyFile); err != nil {
		return nil, err
	}
	s.Signer, s.Env["KYCGATE_SIGNER_KEY_FILE"] = key.Address, keyFile
	if strings.HasPrefix(s.Env["KYCGATE_DATABASE_URL"], "postgres") {
		var applied struct{ Applied int }
		if err := s.cli(ctx, &applied, "migrate", "up"); err != nil {
			return nil, err
		}
	}
	var tenant struct{ TenantID, APIKey string }
	if err := s.cli(ctx, &tenant, "tenants", "create", "--name", "Load dApp"); err != nil {
		return nil, err
	}
	s.TenantID, s.TenantKey = tenant.TenantID, tenant.APIKey
	var reviewer struct{ APIKey string }
	if err := s.cli(ctx, &reviewer, "reviewers", "create", "--name", "Load Reviewer"); err != nil {
		return nil, err
	}
	s.ReviewerKey = reviewer.APIKey
	return s, nil
}

// environ is the process environment for the binary: this one's, without any KYCGATE_*
// variable, plus the setup's.
func (s *Setup) environ() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "KYCGATE_") {
			out = append(out, kv)
		}
	}
	for k, v := range s.Env {
		out = append(out, k+"="+v)
	}
	return out
}

// cli runs one kycgate command and decodes its JSON answer into out.
func (s *Setup) cli(ctx context.Context, out any, args ...string) error {
	cmd := exec.CommandContext(ctx, s.Binary, args...)
	cmd.Env = s.environ()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("kycgate %s: %w: %s", strings.Join(args, " "), err, stderr.String())
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("kycgate %s: answer %q: %w", strings.Join(args, " "), raw, err)
	}
	return nil
}

// Replica is one running `kycgate serve` process.
type Replica struct {
	// Addr is the host:port it listens on.
	Addr string

	setup *Setup
	mu    sync.Mutex
	cmd   *exec.Cmd
	done  chan error
	logs  *tail
}

// Start runs `kycgate serve --listen listen` (127.0.0.1:0 for any free port) and returns
// once it prints that it listens.
func (s *Setup) Start(ctx context.Context, listen string) (*Replica, error) {
	r := &Replica{setup: s, logs: &tail{}}
	return r, r.start(ctx, listen)
}

func (r *Replica) start(ctx context.Context, listen string) error {
	// Not CommandContext: a replica outlives the context that started it, until Stop.
	cmd := exec.Command(r.setup.Binary, "serve", "--listen", listen)
	cmd.Env = r.setup.environ()
	cmd.Stderr = r.logs
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start kycgate serve: %w", err)
	}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), "kycgate listening on "); ok {
				addr <- strings.Fields(a)[0]
			}
		}
		_, _ = io.Copy(io.Discard, out)
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case a := <-addr:
		r.mu.Lock()
		r.Addr, r.cmd, r.done = a, cmd, done
		r.mu.Unlock()
		return nil
	case err := <-done:
		return fmt.Errorf("kycgate serve stopped before listening (%v): %s", err, r.logs.String())
	case <-ctx.Done():
		_ = cmd.Process.Kill()
		<-done
		return ctx.Err()
	case <-time.After(time.Minute):
		_ = cmd.Process.Kill()
		<-done
		return fmt.Errorf("kycgate serve did not listen within a minute: %s", r.logs.String())
	}
}

// Kill sends SIGKILL and waits for the process to end.
func (r *Replica) Kill() {
	r.mu.Lock()
	cmd, done := r.cmd, r.done
	r.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	<-done
}

// Restart starts the process again on the address it had.
func (r *Replica) Restart(ctx context.Context) error { return r.start(ctx, r.Addr) }

// Stop sends SIGTERM (graceful shutdown) and waits for the end, killing the process
// after the wait bound.
func (r *Replica) Stop(wait time.Duration) {
	r.mu.Lock()
	cmd, done := r.cmd, r.done
	r.cmd = nil
	r.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(wait):
		_ = cmd.Process.Kill()
		<-done
	}
}

// Logs is the end of the process's standard error (its structured logs).
func (r *Replica) Logs() string { return r.logs.String() }

// tail keeps the last 64 KiB written to it.
type tail struct {
	mu  sync.Mutex
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - 64<<10; over > 0 {
		t.buf = append([]byte(nil), t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
