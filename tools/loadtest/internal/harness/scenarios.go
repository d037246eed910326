package harness

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/kycgate/kycgate/kyc/didit"
)

// Journey is one wallet's verification through the fake Didit: the wallet, its
// verification and the decision Didit gave.
type Journey struct {
	Wallet         Wallet
	VerificationID string
	// Decision is didit.StatusApproved or didit.StatusDeclined.
	Decision string
}

// Verify runs one journey: a fresh wallet signs in, starts a Didit verification shared
// with the tenant (the gateway creates the session at the fake), Didit decides, and the
// fake's webhooks are posted to the gateway. The gateway processes them in the
// background (River): Settle waits for that.
func (g *Gateway) Verify(ctx context.Context, decision string) (Journey, error) {
	w, err := g.Client.NewWallet(ctx)
	if err != nil {
		return Journey{}, err
	}
	return g.VerifyWallet(ctx, w, decision, 1)
}

// VerifyWallet is Verify for a wallet already signed in; each webhook is posted copies
// times at once.
func (g *Gateway) VerifyWallet(ctx context.Context, w Wallet, decision string, copies int) (Journey, error) {
	var st struct{ ID string }
	if _, err := g.Client.Do(ctx, "POST", "/v1/kyc/verifications", map[string]string{"provider": "didit", "tenantId": g.Setup.TenantID},
		&st, []int{201}, w.Bearer()...); err != nil {
		return Journey{}, err
	}
	j := Journey{Wallet: w, VerificationID: st.ID, Decision: decision}
	ref := g.Vendor.Fake.Ref(st.ID)
	if ref == "" {
		return j, fmt.Errorf("verification %s: no Didit session", st.ID)
	}
	if err := g.Vendor.Decide(ref, decision); err != nil {
		return j, err
	}
	_, err := g.Vendor.Deliver(ctx, g.Base, copies)
	return j, err
}

// settleMisses is how many undecided verifications end a round of Settle's polling.
const settleMisses = 16

// Settle polls the journeys' verifications (GET /v1/kyc/verifications/{id}, as the
// wallet) until each reached the state its decision leads to (approved, or rejected),
// or until wait has passed; it returns the approved journeys. Each round (every 250 ms)
// stops at the 16th undecided one, so the polling stays light.
func (g *Gateway) Settle(ctx context.Context, js []Journey, wait time.Duration) ([]Journey, error) {
	want := map[string]string{didit.StatusApproved: "approved", didit.StatusDeclined: "rejected"}
	deadline := time.Now().Add(wait)
	open := js
	var approved []Journey
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		var still []Journey
		misses := 0
		for k, j := range open {
			if misses == settleMisses {
				// The gateway works through them roughly in order: the rest wait for the
				// next round, so polling does not load the gateway it waits for.
				still = append(still, open[k:]...)
				break
			}
			var v struct{ Status string }
			if _, err := g.Client.Do(ctx, "GET", "/v1/kyc/verifications/"+j.VerificationID, nil, &v, []int{200}, j.Wallet.Bearer()...); err != nil ||
				v.Status != want[j.Decision] {
				still = append(still, j)
				misses++
				continue
			}
			if j.Decision == didit.StatusApproved {
				approved = append(approved, j)
			}
		}
		open = still
		if len(open) == 0 {
			return approved, nil
		}
		if time.Now().After(deadline) {
			return approved, fmt.Errorf("%d of %d verifications not decided after %s: %w", len(open), len(js), wait, errTimeout)
		}
		select {
		case <-ctx.Done():
			return approved, ctx.Err()
		case <-tick.C:
		}
	}
}

// Chains are the chains attestations are asked for (KYCGATE_CHAIN_IDS' default).
var Chains = []int{1, 10, 8453}

// Attest asks POST /v1/attestations for wallet w on chain; it returns the package
// (201: issued, 200: an equal one reused).
func (g *Gateway) Attest(ctx context.Context, w Wallet, chain int) (json.RawMessage, int, error) {
	var out struct{ Package json.RawMessage }
	code, err := g.Client.Do(ctx, "POST", "/v1/attestations", map[string]int{"chainId": chain}, &out, []int{200, 201}, w.Bearer()...)
	return out.Package, code, err
}

// CheckAttestation asks POST /v1/attestations/verify about pkg and requires it valid.
func (g *Gateway) CheckAttestation(ctx context.Context, pkg json.RawMessage) error {
	var out struct {
		Valid  bool
		Reason string
	}
	if _, err := g.Client.Do(ctx, "POST", "/v1/attestations/verify", map[string]json.RawMessage{"package": pkg}, &out, []int{200}); err != nil {
		return err
	}
	if !out.Valid {
		return fmt.Errorf("attestation not valid: %s", out.Reason)
	}
	return nil
}

// Gate is the tenant's gating lookup of address; it requires the decision want.
func (g *Gateway) Gate(ctx context.Context, address, want string) error {
	var out struct{ Decision string }
	if _, err := g.Client.Do(ctx, "GET", "/v1/tenant/wallets/"+address, nil, &out, []int{200}, g.TenantAuth()...); err != nil {
		return err
	}
	if out.Decision != want {
		return fmt.Errorf("gating %s: %s, want %s", address, out.Decision, want)
	}
	return nil
}

// Healthz is one GET /healthz.
func (g *Gateway) Healthz(ctx context.Context) error {
	_, err := g.Client.Do(ctx, "GET", "/healthz", nil, nil, []int{http.StatusOK})
	return err
}

// collector gathers what workers produce, per worker without contention.
type collector[T any] struct {
	mu  sync.Mutex
	all []T
}

func (c *collector[T]) add(v T) {
	c.mu.Lock()
	c.all = append(c.all, v)
	c.mu.Unlock()
}

func (c *collector[T]) items() []T {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]T(nil), c.all...)
}
