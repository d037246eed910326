package server

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/onchain/signer"
	"github.com/kycgate/kycgate/storage"
)

// DevTenant is the development tenant `make run` creates, with its API key.
type DevTenant struct {
	TenantID string `json:"tenantId"`
	APIKey   string `json:"apiKey"`
}

// EnsureDevTenant returns the development tenant recorded in dataDir, creating it (and
// recording its key, mode 0600) when the file is missing or the tenant is gone from the
// database. Only for development: production keys are never written to disk.
func EnsureDevTenant(ctx context.Context, st storage.Store, dataDir string, now time.Time) (DevTenant, bool, error) {
	path := filepath.Join(dataDir, "dev-tenant.json")
	var dt DevTenant
	if raw, err := os.ReadFile(path); err == nil {
		if err := json.Unmarshal(raw, &dt); err == nil && dt.TenantID != "" {
			if _, err := auth.Authenticate(ctx, st, storage.OwnerTenant, dt.APIKey); err == nil {
				return dt, false, nil
			}
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return dt, false, err
	}
	t, key, err := auth.CreateTenant(ctx, st, "Development tenant", now)
	if err != nil {
		return dt, false, err
	}
	dt = DevTenant{TenantID: t.ID, APIKey: key}
	raw, _ := json.MarshalIndent(dt, "", "  ")
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return dt, false, err
	}
	if err := os.WriteFile(path, append(raw, '\n'), 0o600); err != nil {
		return dt, false, fmt.Errorf("record dev tenant: %w", err)
	}
	return dt, true, nil
}

// devSignerKey returns the development attestation key kept in dataDir, generating it
// (mode 0600) on first use.
func devSignerKey(dataDir string) (*ecdsa.PrivateKey, error) {
	path := filepath.Join(dataDir, "signer.key")
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dataDir, 0o700); err != nil {
			return nil, err
		}
		if _, err := signer.Generate(path); err != nil {
			return nil, err
		}
	}
	return signer.LoadKeyFile(path)
}
