package kyc

import (
	"context"
	"errors"
	"time"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/screening"
	"github.com/kycgate/kycgate/storage"
)

// Linking a regular-mode customer's wallet: a tenant issues a link token, the customer
// signs in with a wallet and consumes it.

// NewLinkToken issues a single-use token with which the customer, signed in with a
// wallet, links that wallet to the customer's subject (POST /v1/kyc/link).
func (s *Service) NewLinkToken(ctx context.Context, tenantID, customerID string) (string, time.Time, error) {
	if err := ValidCustomerID(customerID); err != nil {
		return "", time.Time{}, err
	}
	sub, err := s.store.GetSubjectByCustomer(ctx, tenantID, customerID)
	if errors.Is(err, storage.ErrNotFound) {
		return "", time.Time{}, fault.NotFoundError("unknown_customer", "no customer with this id")
	} else if err != nil {
		return "", time.Time{}, err
	}
	now := s.now()
	token, hash := auth.NewAPIKey(LinkTokenPrefix)
	expires := now.Add(s.linkTokenTTL)
	err = s.store.InTx(ctx, func(tx storage.Store) error {
		if err := tx.CreateLinkToken(ctx, storage.LinkToken{Hash: hash, SubjectID: sub.ID, CreatedAt: now, ExpiresAt: expires}); err != nil {
			return err
		}
		return storage.RecordAudit(ctx, tx, now, "tenant:"+tenantID, "subject.link_token_issued", "subject", sub.ID, nil)
	})
	return token, expires, err
}

// LinkWallet consumes a link token and moves the session's wallets (with their
// sessions) to the token's subject, which turns a regular-mode customer into a Web3 one.
// The session's own subject must have no KYC history of its own; it is left empty.
func (s *Service) LinkWallet(ctx context.Context, ses storage.Session, token string) (string, error) {
	invalid := fault.New(fault.Unauthorized, "link_token_invalid", "the link token is unknown, expired or already used")
	if len(token) < len(LinkTokenPrefix) || token[:len(LinkTokenPrefix)] != LinkTokenPrefix {
		return "", invalid
	}
	now := s.now()
	var target string
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		lt, err := tx.ConsumeLinkToken(ctx, auth.HashSecret(token), now)
		if errors.Is(err, storage.ErrNotFound) {
			return invalid
		} else if err != nil {
			return err
		}
		target = lt.SubjectID
		if target == ses.SubjectID {
			return nil
		}
		own, err := tx.LockSubject(ctx, ses.SubjectID)
		if err != nil {
			return err
		}
		history, err := tx.ListVerificationsBySubject(ctx, own.ID)
		if err != nil {
			return err
		}
		atts, err := tx.ListAttestationsBySubject(ctx, own.ID)
		if err != nil {
			return err
		}
		if len(history) > 0 || len(atts) > 0 || own.ApprovedLevel > 0 || own.Blocked || own.ExternalCustomerID != "" {
			return fault.ConflictError("subject_not_empty",
				"this wallet already has its own verification history and cannot be linked to another account")
		}
		// Lock the target and count: the move may not take it past the wallet cap.
		if _, err := tx.LockSubject(ctx, target); err != nil {
			return err
		}
		moving, err := tx.ListWallets(ctx, own.ID)
		if err != nil {
			return err
		}
		if err := auth.EnsureWalletRoom(ctx, tx, target, len(moving), s.maxWallets); err != nil {
			return err
		}
		n, err := tx.MoveWallets(ctx, own.ID, target)
		if err != nil {
			return err
		}
		// The moved wallets now speak for the customer: each is screened (a fresh answer
		// from its sign-in serves).
		for _, w := range moving {
			if s.screening == nil {
				break
			}
			if err := screening.EnqueueTx(ctx, tx, w.Address, ses.ChainID); err != nil {
				return err
			}
		}
		if err := storage.RecordAudit(ctx, tx, now, "wallet:"+ses.Address, "subject.wallets_linked", "subject", target,
			map[string]any{"from": own.ID, "wallets": n}); err != nil {
			return err
		}
		return storage.RecordAudit(ctx, tx, now, "wallet:"+ses.Address, "subject.merged", "subject", own.ID,
			map[string]any{"into": target})
	})
	return target, err
}
