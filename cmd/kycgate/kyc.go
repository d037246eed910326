package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/server"
	"github.com/kycgate/kycgate/storage"
)

// reviewersCreate creates a compliance reviewer and prints {"reviewerId","apiKey"}; the
// key is shown only this once.
func reviewersCreate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var name string
	cfg, _, err := loadConfig("reviewers create", args, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "the reviewer's name (required)")
	})
	if err != nil {
		return err
	}
	if name == "" {
		return errors.New("reviewers create: --name is required")
	}
	store, err := server.OpenStore(ctx, cfg.DatabaseURL, false)
	if err != nil {
		return err
	}
	defer store.Close()
	r, key, err := auth.CreateReviewer(ctx, store, name, time.Now())
	if err != nil {
		return err
	}
	return writeJSON(stdout, map[string]string{"reviewerId": r.ID, "apiKey": key})
}

// operatorsCreate creates an operator (who may use the River UI at /admin/jobs) and
// prints {"operatorId","apiKey"}; the key is shown only this once.
func operatorsCreate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var name string
	cfg, _, err := loadConfig("operators create", args, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "the operator's name (required)")
	})
	if err != nil {
		return err
	}
	if name == "" {
		return errors.New("operators create: --name is required")
	}
	store, err := server.OpenStore(ctx, cfg.DatabaseURL, false)
	if err != nil {
		return err
	}
	defer store.Close()
	o, key, err := auth.CreateOperator(ctx, store, name, time.Now())
	if err != nil {
		return err
	}
	return writeJSON(stdout, map[string]string{"operatorId": o.ID, "apiKey": key})
}

// apikeysCommand (args[0] is create or revoke) issues another API key for a tenant,
// reviewer or operator (rotation) or revokes one.
func apikeysCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var tenant, reviewer, operator, secret string
	cfg, _, err := loadConfig("apikeys "+args[0], args[1:], stderr, func(fs *flag.FlagSet) {
		if args[0] == "create" {
			fs.StringVar(&tenant, "tenant", "", "issue a key for this tenant id")
			fs.StringVar(&reviewer, "reviewer", "", "issue a key for this reviewer id")
			fs.StringVar(&operator, "operator", "", "issue a key for this operator id")
		} else {
			fs.StringVar(&secret, "key", "", "the API key to revoke (kgt_…, kgr_… or kgo_…)")
		}
	})
	if err != nil {
		return err
	}
	store, err := server.OpenStore(ctx, cfg.DatabaseURL, false)
	if err != nil {
		return err
	}
	defer store.Close()
	now := time.Now()
	if args[0] == "revoke" {
		if secret == "" {
			return errors.New("apikeys revoke: --key is required")
		}
		k, err := store.GetAPIKeyByHash(ctx, auth.HashSecret(strings.TrimSpace(secret)))
		if errors.Is(err, storage.ErrNotFound) {
			return errors.New("apikeys revoke: no live key matches (already revoked, or mistyped)")
		} else if err != nil {
			return err
		}
		err = store.InTx(ctx, func(tx storage.Store) error {
			if err := tx.RevokeAPIKey(ctx, k.ID, now); err != nil {
				return err
			}
			return storage.RecordAudit(ctx, tx, now, "operator", "api_key.revoked", string(k.OwnerKind), k.OwnerID,
				map[string]string{"keyId": k.ID, "prefix": k.Prefix})
		})
		if err != nil {
			return err
		}
		return writeJSON(stdout, map[string]string{"revoked": k.ID, "ownerKind": string(k.OwnerKind), "ownerId": k.OwnerID})
	}
	var owner storage.APIKeyOwner
	var ownerID string
	given := 0
	for _, id := range []string{tenant, reviewer, operator} {
		if id != "" {
			given++
		}
	}
	switch {
	case given != 1:
		return errors.New("apikeys create: give exactly one of --tenant, --reviewer and --operator")
	case tenant != "":
		if _, err := store.GetTenant(ctx, tenant); err != nil {
			return fmt.Errorf("apikeys create: tenant %s: %w", tenant, err)
		}
		owner, ownerID = storage.OwnerTenant, tenant
	case reviewer != "":
		if _, err := store.GetReviewer(ctx, reviewer); err != nil {
			return fmt.Errorf("apikeys create: reviewer %s: %w", reviewer, err)
		}
		owner, ownerID = storage.OwnerReviewer, reviewer
	default:
		if _, err := store.GetOperator(ctx, operator); err != nil {
			return fmt.Errorf("apikeys create: operator %s: %w", operator, err)
		}
		owner, ownerID = storage.OwnerOperator, operator
	}
	key, k, err := auth.IssueAPIKey(ctx, store, owner, ownerID, now)
	if err != nil {
		return err
	}
	return writeJSON(stdout, map[string]string{"keyId": k.ID, "ownerKind": string(owner), "ownerId": ownerID, "apiKey": key})
}
