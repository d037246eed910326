package main

import (
	"context"
	"io"
	"maps"
	"slices"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/server"
)

// keyStatus is what `kycgate keys status` prints: the values sealed at rest per data key
// id, read from the database, and whether the old keys are still needed.
type keyStatus struct {
	// PrimaryKeyID is the id of KYCGATE_DATA_KEY ("" when none is configured).
	PrimaryKeyID string `json:"primaryKeyId"`
	// OldKeyIDs are the ids of KYCGATE_OLD_DATA_KEYS.
	OldKeyIDs []string `json:"oldKeyIds"`
	// Counts are the sealed values per key id (every id found in the database).
	Counts map[string]int64 `json:"counts"`
	// Left is the number of values under a key other than the primary one: the rotation
	// job's remaining work. At 0, KYCGATE_OLD_DATA_KEYS can be emptied.
	Left int64 `json:"left"`
}

// keysStatus prints the sealed values per key id (kyc.CountSealed) from the configured
// database.
func keysStatus(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, _, err := loadConfig("keys status", args, stderr, nil)
	if err != nil {
		return err
	}
	primary, old, err := cfg.DataKeys()
	if err != nil {
		return err
	}
	store, err := server.OpenStore(ctx, cfg.DatabaseURL, false)
	if err != nil {
		return err
	}
	defer store.Close()
	counts, err := kyc.CountSealed(ctx, store)
	if err != nil {
		return err
	}
	out := keyStatus{OldKeyIDs: []string{}, Counts: counts}
	if primary != nil {
		out.PrimaryKeyID = primary.ID()
	}
	for _, k := range old {
		out.OldKeyIDs = append(out.OldKeyIDs, k.ID())
	}
	for _, id := range slices.Sorted(maps.Keys(counts)) {
		if id != out.PrimaryKeyID {
			out.Left += counts[id]
		}
	}
	return writeJSON(stdout, out)
}
