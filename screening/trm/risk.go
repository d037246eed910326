package trm

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kycgate/kycgate/screening/source"
)

// chainOf is TRM's name for q's chain (0: ethereum).
func (s *Screener) chainOf(q source.Query) (string, error) {
	id := q.ChainID
	if id == 0 {
		id = 1
	}
	name, ok := s.chains[id]
	if !ok {
		return "", fmt.Errorf("%w: chain %d (set KYCGATE_TRM_CHAINS)", ErrUnknownChain, q.ChainID)
	}
	return name, nil
}

// level checks that n is on TRM's scale.
func level(n int) (source.Risk, bool) {
	r := source.Risk(n)
	return r, n >= 0 && slices.Contains([]source.Risk{source.RiskNone, source.RiskLow, source.RiskMedium, source.RiskHigh, source.RiskSevere}, r)
}

func isSanctions(category string) bool {
	return strings.EqualFold(strings.TrimSpace(category), "sanctions")
}

// risk runs wallet screening v2 on qs. accountExternalId is the address itself (lower
// case): the gateway sends TRM nothing about the person.
func (s *Screener) risk(ctx context.Context, qs []source.Query) ([]source.Result, error) {
	body := make([]RiskRequest, len(qs))
	for i, q := range qs {
		chain, err := s.chainOf(q)
		if err != nil {
			return nil, err
		}
		body[i] = RiskRequest{Address: q.Address.Hex(), Chain: chain, AccountExternalID: key(q.Address)}
	}
	var ans []RiskAnswer
	if err := s.post(ctx, "/public/v2/screening/addresses", body, &ans); err != nil {
		return nil, err
	}
	byKey := map[string]RiskAnswer{}
	for _, a := range ans {
		byKey[strings.ToLower(a.Address)+"/"+a.Chain] = a
	}
	now := s.now()
	out := make([]source.Result, len(qs))
	for i, q := range qs {
		a, ok := byKey[key(q.Address)+"/"+body[i].Chain]
		if !ok {
			return nil, fmt.Errorf("%w: %d addresses sent, one missing from the answer", ErrBadAnswer, len(qs))
		}
		r, err := s.result(a)
		if err != nil {
			return nil, err
		}
		r.CheckedAt = now
		out[i] = r
	}
	return out, nil
}

// result reads one address's answer: the highest indicator level is the risk, the
// indicators' categories (distinct, as TRM names them) the categories; a "Sanctions"
// indicator of riskType OWNERSHIP or a "Sanctions" entity makes it sanctioned.
func (s *Screener) result(a RiskAnswer) (source.Result, error) {
	if a.AddressRiskIndicators == nil {
		return source.Result{}, fmt.Errorf(`%w: an entry has no "addressRiskIndicators"`, ErrBadAnswer)
	}
	r := source.Result{Source: s.name, Status: source.Clear, Risk: source.RiskNone,
		Reference: "trm wallet screening v2 (/public/v2/screening/addresses)"}
	if a.TRMAppURL != "" {
		r.Reference = a.TRMAppURL
	}
	sanctioned := false
	for _, ind := range *a.AddressRiskIndicators {
		if ind.CategoryRiskScoreLevel == nil {
			return source.Result{}, fmt.Errorf(`%w: an indicator has no "categoryRiskScoreLevel"`, ErrBadAnswer)
		}
		lvl, ok := level(*ind.CategoryRiskScoreLevel)
		if !ok {
			return source.Result{}, fmt.Errorf("%w: risk level %d is not on TRM's scale", ErrBadAnswer, *ind.CategoryRiskScoreLevel)
		}
		r.Risk = max(r.Risk, lvl)
		if c := strings.TrimSpace(ind.Category); c != "" && !slices.Contains(r.Categories, c) {
			r.Categories = append(r.Categories, c)
		}
		if isSanctions(ind.Category) && strings.EqualFold(ind.RiskType, "OWNERSHIP") {
			sanctioned = true
		}
	}
	for _, e := range a.Entities {
		if isSanctions(e.Category) {
			sanctioned = true
		}
	}
	switch {
	case sanctioned:
		r.Status, r.Risk = source.Sanctioned, source.RiskSevere
		if !slices.ContainsFunc(r.Categories, isSanctions) {
			r.Categories = append(r.Categories, "Sanctions")
		}
	case r.Risk > source.RiskNone:
		r.Status = source.Flagged
	}
	return r, nil
}
