package server

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/onchain/signer"
	"github.com/kycgate/kycgate/pii"
	"github.com/kycgate/kycgate/storage"
)

// DevCredential is a development tenant or reviewer with its API key, kept in the data
// dir so `make run` can print it on every start.
type DevCredential struct {
	ID     string `json:"id"`
	APIKey string `json:"apiKey"`
}

// EnsureDevTenant returns the development tenant recorded in dataDir, creating it when
// the record is missing or its key no longer works (a new database).
func EnsureDevTenant(ctx context.Context, st storage.Store, dataDir string, now time.Time) (DevCredential, bool, error) {
	return ensureDevCredential(ctx, st, filepath.Join(dataDir, "dev-tenant.json"), storage.OwnerTenant, func() (string, string, error) {
		t, key, err := auth.CreateTenant(ctx, st, "Development tenant", now)
		return t.ID, key, err
	})
}

// EnsureDevReviewer is EnsureDevTenant for the development compliance reviewer.
func EnsureDevReviewer(ctx context.Context, st storage.Store, dataDir string, now time.Time) (DevCredential, bool, error) {
	return ensureDevCredential(ctx, st, filepath.Join(dataDir, "dev-reviewer.json"), storage.OwnerReviewer, func() (string, string, error) {
		r, key, err := auth.CreateReviewer(ctx, st, "Development reviewer", now)
		return r.ID, key, err
	})
}

// ensureDevCredential returns the credential recorded at path when its key still
// authenticates as owner, or creates one and records it (mode 0600). Only for
// development: production keys are never written to disk.
func ensureDevCredential(ctx context.Context, st storage.Store, path string, owner storage.APIKeyOwner,
	create func() (id, key string, err error)) (DevCredential, bool, error) {
	var dc DevCredential
	if raw, err := os.ReadFile(path); err == nil {
		if json.Unmarshal(raw, &dc) == nil && dc.ID != "" {
			if _, err := auth.Authenticate(ctx, st, owner, dc.APIKey); err == nil {
				return dc, false, nil
			}
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return dc, false, err
	}
	id, key, err := create()
	if err != nil {
		return dc, false, err
	}
	dc = DevCredential{ID: id, APIKey: key}
	raw, _ := json.MarshalIndent(dc, "", "  ")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return dc, false, err
	}
	if err := os.WriteFile(path, append(raw, '\n'), 0o600); err != nil {
		return dc, false, fmt.Errorf("record %s: %w", filepath.Base(path), err)
	}
	return dc, true, nil
}

// EnsureDevDataKey returns the development data key kept in dataDir, generating it
// (mode 0600) on first use.
func EnsureDevDataKey(dataDir string) (string, bool, error) {
	path := filepath.Join(dataDir, "data.key")
	created, err := ensureDevFile(path, func() error {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return err
		}
		if _, err := f.WriteString(pii.GenerateKey() + "\n"); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
	if err != nil {
		return "", false, err
	}
	raw, err := os.ReadFile(path)
	return strings.TrimSpace(string(raw)), created, err
}

// devSignerKey returns the development attestation key kept in dataDir, generating it
// (mode 0600) on first use.
func devSignerKey(dataDir string) (*ecdsa.PrivateKey, error) {
	path := filepath.Join(dataDir, "signer.key")
	if _, err := ensureDevFile(path, func() error {
		_, err := signer.Generate(path)
		return err
	}); err != nil {
		return nil, err
	}
	return signer.LoadKeyFile(path)
}

// ensureDevFile runs generate when path does not exist yet (creating its directory,
// owner-only) and reports whether it did.
func ensureDevFile(path string, generate func() error) (bool, error) {
	if _, err := os.Stat(path); err == nil {
		return false, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return false, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return false, err
	}
	return true, generate()
}
