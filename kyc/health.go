package kyc

import (
	"maps"
	"slices"
	"sync"
	"time"
)

// ProviderState is a KYC provider's (or the person-screening service's) state as
// /readyz shows it: configured, or error when the last thing seen of it on this replica
// (an inbound webhook, processing its event, a poll) failed after the last success. It
// is what the pipeline observed, never a call to the vendor, and holds no secret: the
// detail names what failed, not the vendor's answer.
type ProviderState struct {
	Name string `json:"name"`
	// Kind is manual (served by the gateway itself) or vendor (an outside service).
	Kind        string     `json:"kind"`
	State       string     `json:"state"`
	Detail      string     `json:"detail,omitempty"`
	LastErrorAt *time.Time `json:"lastErrorAt,omitempty"`
}

// The provider states.
const (
	StateConfigured = "configured"
	StateError      = "error"
)

// health keeps, per provider, the last failure and the last success the inbound
// pipeline saw on this replica.
type health struct {
	mu   sync.Mutex
	now  func() time.Time
	seen map[string]healthMark
}

type healthMark struct {
	errAt, okAt time.Time
	detail      string
}

func newHealth() *health { return &health{now: time.Now, seen: map[string]healthMark{}} }

func (h *health) failed(provider, detail string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	m := h.seen[provider]
	m.errAt, m.detail = h.now(), detail
	h.seen[provider] = m
}

func (h *health) ok(provider string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	m := h.seen[provider]
	m.okAt = h.now()
	h.seen[provider] = m
}

func (h *health) state(name, kind string) ProviderState {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := ProviderState{Name: name, Kind: kind, State: StateConfigured}
	if m, ok := h.seen[name]; ok && !m.errAt.IsZero() {
		at := m.errAt.UTC()
		out.LastErrorAt = &at
		if !m.okAt.After(m.errAt) {
			out.State, out.Detail = StateError, m.detail
		}
	}
	return out
}

// ProviderStates are the enabled KYC providers' states, by name.
func (s *Service) ProviderStates() []ProviderState {
	out := make([]ProviderState, 0, len(s.providers))
	for _, name := range slices.Sorted(maps.Keys(s.providers)) {
		kind := "vendor"
		if _, ok := s.providers[name].(Router); ok {
			kind = "manual"
		}
		out = append(out, s.metrics.health.state(name, kind))
	}
	return out
}

// PersonScreeningState is the person-screening service's state; nil when none is enabled.
func (s *Service) PersonScreeningState() *ProviderState {
	if s.persons == nil {
		return nil
	}
	st := s.metrics.health.state(s.persons.Name, "vendor")
	return &st
}
