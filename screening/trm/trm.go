package trm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/screening/source"
)

// Screener is the TRM source (a source.BatchScreener).
type Screener struct {
	name, base, key, mode string
	chains                map[uint64]string
	batch                 int
	now                   func() time.Time
	api                   *source.API
}

var _ source.BatchScreener = (*Screener)(nil)

// ErrBadAnswer is a 2xx answer whose content does not match the request (an address
// missing, a field missing, a risk level off TRM's scale).
var ErrBadAnswer = errors.New("trm: the answer does not match the request")

// ErrUnknownChain is a query for a chain TRM has no name for here (KYCGATE_TRM_CHAINS).
var ErrUnknownChain = errors.New("trm: no TRM chain name for this chain")

// SanctionsRequest is one entry of the sanctions check's body.
type SanctionsRequest struct {
	Address string `json:"address"`
}

// SanctionsAnswer is one entry of the sanctions check's 201 body.
type SanctionsAnswer struct {
	Address      string `json:"address"`
	IsSanctioned *bool  `json:"isSanctioned"`
}

// RiskRequest is one entry of wallet screening v2's body.
type RiskRequest struct {
	Address           string `json:"address"`
	Chain             string `json:"chain"`
	AccountExternalID string `json:"accountExternalId"`
}

// RiskIndicator is one of an address's addressRiskIndicators.
type RiskIndicator struct {
	Category               string `json:"category"`
	CategoryRiskScoreLevel *int   `json:"categoryRiskScoreLevel"`
	RiskType               string `json:"riskType"`
}

// Entity is one of the entities an address belongs to.
type Entity struct {
	Category string `json:"category"`
	Entity   string `json:"entity"`
}

// RiskAnswer is one entry of wallet screening v2's answer (the fields the source reads).
type RiskAnswer struct {
	Address               string           `json:"address"`
	Chain                 string           `json:"chain"`
	AddressRiskIndicators *[]RiskIndicator `json:"addressRiskIndicators"`
	Entities              []Entity         `json:"entities"`
	TRMAppURL             string           `json:"trmAppUrl"`
}

// Screen screens one address: ScreenMany of one.
func (s *Screener) Screen(ctx context.Context, q source.Query) (source.Result, error) {
	rs, err := s.ScreenMany(ctx, []source.Query{q})
	if err != nil {
		return source.Result{}, err
	}
	return rs[0], nil
}

// ScreenMany answers for every query, in order, in calls of at most KYCGATE_TRM_BATCH_SIZE
// addresses. Any failed call fails the whole (no partial answer is ever read as clear).
func (s *Screener) ScreenMany(ctx context.Context, qs []source.Query) ([]source.Result, error) {
	out := make([]source.Result, 0, len(qs))
	for chunk := range slices.Chunk(qs, s.batch) {
		var rs []source.Result
		var err error
		if s.mode == ModeRisk {
			rs, err = s.risk(ctx, chunk)
		} else {
			rs, err = s.sanctions(ctx, chunk)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

// post sends body to path with Basic auth when there is a key, and decodes the answer.
func (s *Screener) post(ctx context.Context, path string, body, out any) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("trm: %w", err)
	}
	return s.api.Do(ctx, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+path, bytes.NewReader(raw))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json")
		if s.key != "" {
			req.SetBasicAuth(s.key, "")
		}
		return req, nil
	}, out)
}

func key(a common.Address) string { return strings.ToLower(a.Hex()) }

// sanctions runs the free sanctions check on qs (chains play no part).
func (s *Screener) sanctions(ctx context.Context, qs []source.Query) ([]source.Result, error) {
	body := make([]SanctionsRequest, len(qs))
	for i, q := range qs {
		body[i] = SanctionsRequest{Address: q.Address.Hex()}
	}
	var ans []SanctionsAnswer
	if err := s.post(ctx, "/public/v1/sanctions/screening", body, &ans); err != nil {
		return nil, err
	}
	byAddr := map[string]bool{}
	for _, a := range ans {
		if a.IsSanctioned == nil {
			return nil, fmt.Errorf(`%w: an entry has no "isSanctioned"`, ErrBadAnswer)
		}
		byAddr[strings.ToLower(a.Address)] = *a.IsSanctioned
	}
	now := s.now()
	out := make([]source.Result, len(qs))
	for i, q := range qs {
		sanctioned, ok := byAddr[key(q.Address)]
		if !ok {
			return nil, fmt.Errorf("%w: %d addresses sent, one missing from the answer", ErrBadAnswer, len(qs))
		}
		out[i] = source.Result{Source: s.name, Status: source.Clear, Risk: source.RiskNone, CheckedAt: now,
			Reference: "trm sanctions check (/public/v1/sanctions/screening)"}
		if sanctioned {
			out[i].Status, out[i].Risk, out[i].Categories = source.Sanctioned, source.RiskSevere, []string{"sanctions"}
		}
	}
	return out, nil
}
