package harness

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/screening/chainalysis/chainalysistest"
	"github.com/kycgate/kycgate/screening/trm"
	"github.com/kycgate/kycgate/screening/trm/trmtest"
)

// Screener names the gateway is configured with (KYCGATE_SCREENERS): the local OFAC
// list NewSetup writes, and the fakes of two API sources running in the harness.
const Screeners = "ofac,chainalysis-api,trm"

// What a wallet is made to be at the fake sources before it signs in (Screening.Plant).
const (
	WalletClear      = "clear"
	WalletSanctioned = "sanctioned"
	WalletRisky      = "review"
)

// ReviewRisk is the risk level the harness's risky wallets get at the fake TRM (high, as
// TRM grades it): KYCGATE_SCREENING_REVIEW_RISK's default, so such a wallet is held.
const ReviewRisk = 10

// Screening is wallet screening against fake sources, in the harness process: the fake
// Chainalysis sanctions API (screening/chainalysis/chainalysistest) and the fake TRM
// wallet screening in risk mode (screening/trm/trmtest), beside the local OFAC list.
// Env configures the gateways to ask all three; Plant makes a share of the wallets the
// harness signs in with sanctioned (at Chainalysis) or high-risk (at TRM) before they
// sign in, so their first screening finds it.
type Screening struct {
	// Env holds the gateway's screening settings (KYCGATE_SCREENERS, KYCGATE_<SOURCE>_*).
	Env map[string]string
	// Chainalysis and TRM are the fakes.
	Chainalysis *chainalysistest.Fake
	TRM         *trmtest.Fake

	tb      *ProcessTB
	mu      sync.Mutex
	planted map[string]string // lower-case address → WalletSanctioned or WalletRisky
}

// NewScreening starts the fake sources; Close stops them.
func NewScreening() *Screening {
	tb := NewProcessTB()
	s := &Screening{Chainalysis: chainalysistest.New(tb), TRM: trmtest.New(tb), tb: tb, planted: map[string]string{}}
	s.Env = map[string]string{
		"KYCGATE_SCREENERS": Screeners,
		// The fakes answer at once: pacing them at the real services' rates would measure
		// the pacing.
		"KYCGATE_CHAINALYSIS_RATE_PER_SECOND": "10000", "KYCGATE_TRM_RATE_PER_SECOND": "10000",
	}
	maps.Copy(s.Env, s.Chainalysis.Env())
	maps.Copy(s.Env, s.TRM.Env(trm.ModeRisk))
	return s
}

// Close stops the fakes.
func (s *Screening) Close() { s.tb.Close() }

// Plant decides what the n-th wallet of a scenario is, and makes the fakes say so from
// now on: every tenth (n%10 == 3) sanctioned at Chainalysis, every tenth (n%10 == 7)
// high-risk at TRM (ReviewRisk, counterparty exposure to gambling), the rest clear. It
// returns WalletClear, WalletSanctioned or WalletRisky.
func (s *Screening) Plant(n int, address string) string {
	switch n % 10 {
	case 3:
		s.Sanction(address)
		return WalletSanctioned
	case 7:
		s.Risky(address)
		return WalletRisky
	}
	return WalletClear
}

// Sanction makes the fake Chainalysis report address as sanctioned from now on.
func (s *Screening) Sanction(address string) {
	s.Chainalysis.Sanction(common.HexToAddress(address), "Load test sanctioned wallet")
	s.plant(address, WalletSanctioned)
}

// Risky makes the fake TRM report address at ReviewRisk from now on.
func (s *Screening) Risky(address string) {
	s.TRM.SetRisk(common.HexToAddress(address), ReviewRisk, "Gambling")
	s.plant(address, WalletRisky)
}

func (s *Screening) plant(address, kind string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.planted[strings.ToLower(address)] = kind
}

// Planted lists the lower-case addresses planted as kind.
func (s *Screening) Planted(kind string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for a, k := range s.planted {
		if k == kind {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return out
}

// gateAnswer is the part of a gating answer the screening scenario checks.
type gateAnswer struct {
	Decision  string
	Reasons   []string
	Screening *struct{ Outcome string }
}

// ScreenNew is one operation of the screening scenario, the n-th: a new wallet is
// planted (Plant) and signs in (its sign-in queues its first screening), starts a Didit
// verification shared with the tenant, and the tenant looks it up at once: the lookup
// screens the wallet on the spot through every source unless the job got there first.
// A sanctioned wallet must be denied for it (wallet_sanctioned); any other must not.
// It returns the wallet and what it was planted as, and sets *lookup (when not nil) to
// the gating lookup's own latency; a sanctioned wallet whose job blocked its account
// before it could start a verification (403) is not looked up, and *lookup stays 0.
func (g *Gateway) ScreenNew(ctx context.Context, sc *Screening, n int, lookup *time.Duration) (Wallet, string, error) {
	p, err := g.Client.Prepare(ctx)
	if err != nil {
		return Wallet{}, "", err
	}
	kind := sc.Plant(n, p.Address)
	w, err := g.Client.SignIn(ctx, p)
	if err != nil {
		return w, kind, err
	}
	if _, err := g.Client.Do(ctx, "POST", "/v1/kyc/verifications", map[string]string{"provider": "didit", "tenantId": g.Setup.TenantID},
		nil, []int{201}, w.Bearer()...); err != nil {
		var se *StatusError
		if kind == WalletSanctioned && errors.As(err, &se) && se.Status == http.StatusForbidden {
			// Its first-screening job blocked the account already: nothing to look up.
			return w, kind, nil
		}
		return w, kind, err
	}
	var out gateAnswer
	t0 := time.Now()
	if _, err := g.Client.Do(ctx, "GET", "/v1/tenant/wallets/"+w.Address, nil, &out, []int{200}, g.TenantAuth()...); err != nil {
		return w, kind, err
	}
	if lookup != nil {
		*lookup = time.Since(t0)
	}
	denied := out.Decision == "deny" && slices.Contains(out.Reasons, "wallet_sanctioned")
	if denied != (kind == WalletSanctioned) {
		return w, kind, fmt.Errorf("gating %s (planted %s): %s %v", w.Address, kind, out.Decision, out.Reasons)
	}
	return w, kind, nil
}

// ScreenedState is a wallet's stored screening as a reviewer reads it (GET
// /v1/admin/wallets/{address}/screenings): nil when the wallet was never screened.
type ScreenedState struct {
	Outcome string
	Held    bool
	Failed  bool
}

// WalletScreening reads address's screening state with the reviewer's key.
func (g *Gateway) WalletScreening(ctx context.Context, address string) (*ScreenedState, error) {
	var out struct{ State *ScreenedState }
	if _, err := g.Client.Do(ctx, "GET", "/v1/admin/wallets/"+address+"/screenings", nil, &out, []int{200},
		"Authorization", "Bearer "+g.Setup.ReviewerKey); err != nil {
		return nil, err
	}
	return out.State, nil
}

// ScreenedAsPlanted checks that a wallet's stored state says what it was planted as:
// a state row that did not fail, sanctioned for WalletSanctioned, held for WalletRisky,
// clear and not held otherwise. It returns "" or what is wrong.
func ScreenedAsPlanted(st *ScreenedState, kind string) string {
	switch {
	case st == nil:
		return "no screening state"
	case st.Failed:
		return "screening failed (pending)"
	case kind == WalletSanctioned && st.Outcome != "sanctioned":
		return "planted sanctioned, stored " + st.Outcome
	case kind == WalletRisky && !st.Held:
		return "planted high-risk, not held (" + st.Outcome + ")"
	case kind == WalletClear && (st.Outcome != "clear" || st.Held):
		return fmt.Sprintf("planted clear, stored %s (held %v)", st.Outcome, st.Held)
	}
	return ""
}
