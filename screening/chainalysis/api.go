package chainalysis

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/kycgate/kycgate/screening/source"
)

// API is the chainalysis-api source.
type API struct {
	name, base, key string
	now             func() time.Time
	api             *source.API
}

// Identification is one entry of the sanctions API's answer.
type Identification struct {
	Category    string `json:"category"`
	Name        string `json:"name"`
	Description string `json:"description"`
	URL         string `json:"url"`
}

// Answer is the sanctions API's 200 body. Identifications is a pointer so that an answer
// without the array is told apart from an empty one (only the latter is clear).
type Answer struct {
	Identifications *[]Identification `json:"identifications"`
}

// ErrNoIdentifications is a 200 answer without an "identifications" array.
var ErrNoIdentifications = errors.New(`chainalysis: the answer has no "identifications" array`)

// Screen asks GET /api/v1/address/{address} (chain-agnostic). A non-empty identifications
// array answers Sanctioned (RiskSevere) with the identifications' categories (lower case,
// distinct) and Reference their names; an empty one answers Clear. Errors: those of
// source.API.Do (429 with Retry-After, 5xx, timeout, malformed body) and
// ErrNoIdentifications.
func (a *API) Screen(ctx context.Context, q source.Query) (source.Result, error) {
	var ans Answer
	err := a.api.Do(ctx, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.base+"/api/v1/address/"+q.Address.Hex(), http.NoBody)
		if err != nil {
			return nil, err
		}
		req.Header.Set("X-API-Key", a.key)
		req.Header.Set("Accept", "application/json")
		return req, nil
	}, &ans)
	if err != nil {
		return source.Result{}, err
	}
	if ans.Identifications == nil {
		return source.Result{}, ErrNoIdentifications
	}
	r := source.Result{Source: a.name, Status: source.Clear, Risk: source.RiskNone, CheckedAt: a.now(),
		Reference: "chainalysis sanctions API: no identification"}
	ids := *ans.Identifications
	if len(ids) == 0 {
		return r, nil
	}
	var names []string
	for _, id := range ids {
		if c := strings.ToLower(strings.TrimSpace(id.Category)); c != "" && !slices.Contains(r.Categories, c) {
			r.Categories = append(r.Categories, c)
		}
		names = append(names, id.Name)
	}
	if len(r.Categories) == 0 {
		r.Categories = []string{"sanctions"}
	}
	r.Status, r.Risk = source.Sanctioned, source.RiskSevere
	r.Reference = fmt.Sprintf("chainalysis sanctions API: %s", strings.Join(names, "; "))
	return r, nil
}
