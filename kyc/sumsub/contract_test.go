package sumsub_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/providertest"
	"github.com/kycgate/kycgate/kyc/sumsub"
	"github.com/kycgate/kycgate/storage"
)

// statuses lists every Sumsub review state the adapter maps, as the fake's SetStatus
// names them ("completed+RED+RETRY"…), and what each maps to.
var statuses = []providertest.Status{
	{Vendor: "init", Want: storage.StatusInProgress},
	{Vendor: "pending", Want: storage.StatusInReview},
	{Vendor: "queued", Want: storage.StatusInReview},
	{Vendor: "prechecked", Want: storage.StatusInReview},
	{Vendor: "onHold", Want: storage.StatusInReview},
	{Vendor: "awaitingService+GREEN", Want: storage.StatusInReview},
	{Vendor: "awaitingUser", Want: storage.StatusResubmissionRequested, RejectType: kyc.RejectRetry},
	{Vendor: "completed+GREEN", Want: storage.StatusApproved, Claims: true},
	{Vendor: "completed+RED+RETRY", Want: storage.StatusResubmissionRequested, RejectType: kyc.RejectRetry},
	{Vendor: "completed+RED+FINAL", Want: storage.StatusRejected, RejectType: kyc.RejectFinal},
}

// harness builds the contract suite's harness on a bundle.
func harness(b *testBundle) providertest.Harness {
	return providertest.Harness{
		Provider:     b.p,
		Verification: func(*testing.T) storage.Verification { return b.verification() },
		Webhook: func(_ *testing.T, id, ref string, at time.Time) (http.Header, []byte) {
			return b.fake.Webhook(ref, "applicantReviewed", sumsub.AlgSHA256, id, at)
		},
		Forge: func(t *testing.T, h http.Header, body []byte) []providertest.Delivery {
			other := strings.Replace(string(body), `"applicantId":"ref-1"`, `"applicantId":"ref-2"`, 1)
			otherSecret := h.Clone()
			otherSecret.Set(sumsub.HeaderDigest, sumsub.Digest([]byte("not-the-secret"), sumsub.AlgSHA256, body))
			noDigest := h.Clone()
			noDigest.Del(sumsub.HeaderDigest)
			swapped := h.Clone()
			swapped.Set(sumsub.HeaderDigestAlg, sumsub.AlgSHA512)
			unknown := h.Clone()
			unknown.Set(sumsub.HeaderDigestAlg, "HMAC_MD5_HEX")
			truncated := h.Clone()
			truncated.Set(sumsub.HeaderDigest, h.Get(sumsub.HeaderDigest)[:32])
			return []providertest.Delivery{
				{Name: "body changed", Header: h, Body: []byte(other)},
				{Name: "signed with another secret", Header: otherSecret, Body: body},
				{Name: "digest header dropped", Header: noDigest, Body: body},
				{Name: "algorithm header changed", Header: swapped, Body: body},
				{Name: "unknown algorithm", Header: unknown, Body: body},
				{Name: "digest truncated", Header: truncated, Body: body},
			}
		},
		Now:        clock,
		StaleAfter: 0, // Sumsub signs no timestamp
		SetStatus: func(t *testing.T, ref, status string) {
			parts := strings.Split(status, "+")
			var rr *sumsub.ReviewResult
			switch {
			case len(parts) == 2:
				rr = green
			case len(parts) == 3:
				rr = red(parts[2], "Please upload a readable photo.")
			}
			if rr == green {
				b.fake.SetInfo(t, ref, person)
			}
			b.fake.SetReview(t, ref, parts[0], rr)
		},
		Statuses: statuses,
	}
}

func TestProviderContractWebSDK(t *testing.T) {
	t.Parallel()
	providertest.Run(t, harness(setup(t, sumsub.ModeWebSDK)))
}

func TestProviderContractAPIMode(t *testing.T) {
	t.Parallel()
	providertest.Run(t, harness(setup(t, sumsub.ModeAPI)))
}
