package server

import (
	"context"
	"time"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/pii"
)

// registerRotation registers the data-key rotation job (kyc.Rotation, gauge
// kycgate_sealed_values) and, when old data keys are configured, warns while values
// are still sealed under them (and says when KYCGATE_OLD_DATA_KEYS can be emptied).
func (s *Server) registerRotation(sealer *pii.Sealer) error {
	r := kyc.NewRotation(s.store, sealer, s.metrics, s.log)
	r.Jobs(s.queue)
	ids := sealer.KeyIDs()
	if len(ids) < 2 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	counts, err := kyc.CountSealed(ctx, s.store)
	if err != nil {
		// Counting is advice, not a precondition: the gateway starts anyway.
		s.log.Warn("could not count the values sealed under old data keys; run `kycgate keys status`", "error", err)
		return nil
	}
	left := kyc.RotationResult{Counts: counts}.Old(ids[0])
	if left > 0 {
		s.log.Warn("values are still sealed under old data keys: the key-rotation job re-seals them; "+
			"keep KYCGATE_OLD_DATA_KEYS until `kycgate keys status` shows none", "values", left, "primaryKeyId", ids[0])
		return nil
	}
	s.log.Info("no value is sealed under the old data keys any more: KYCGATE_OLD_DATA_KEYS can be emptied",
		"oldKeyIds", ids[1:])
	return nil
}
