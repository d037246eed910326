package attest

import (
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics counts attestation issuance and verification.
type Metrics struct {
	issued   *prometheus.CounterVec
	verified *prometheus.CounterVec
}

// NewMetrics returns the attestation counters, registered with reg (nil: not registered):
// kycgate_attestations_issued_total{chain_id,reused} (chain ids are the configured EAS
// domains, a bounded set) and kycgate_attestation_verifications_total{result} (result is
// valid or the eas reason: revoked, expired, untrusted_signer, …, a fixed set).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		issued: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "kycgate", Name: "attestations_issued_total",
			Help: "Attestations handed to wallets, by chain id and whether a fresh one was reused (true, false).",
		}, []string{"chain_id", "reused"}),
		verified: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "kycgate", Name: "attestation_verifications_total",
			Help: "Attestation verifications (POST /v1/attestations/verify) by result: valid, or why not.",
		}, []string{"result"}),
	}
	if reg != nil {
		reg.MustRegister(m.issued, m.verified)
	}
	return m
}

// SetMetrics makes s count into m.
func (s *Service) SetMetrics(m *Metrics) { s.metrics = m }

func (m *Metrics) issue(chainID uint64, reused bool) {
	if m != nil {
		m.issued.WithLabelValues(strconv.FormatUint(chainID, 10), strconv.FormatBool(reused)).Inc()
	}
}

func (m *Metrics) verify(v Verification) {
	if m == nil {
		return
	}
	result := "valid"
	if !v.Valid {
		result = v.Reason
	}
	m.verified.WithLabelValues(result).Inc()
}
