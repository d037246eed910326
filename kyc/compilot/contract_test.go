package compilot_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/compilot"
	"github.com/kycgate/kycgate/kyc/compilot/compilottest"
	"github.com/kycgate/kycgate/kyc/providertest"
	"github.com/kycgate/kycgate/storage"
)

// statuses lists every ComPilot customer status the adapter maps, for a verification
// not yet approved. "Active-noclaims" is Active without a country or date of birth: an
// approval whose claims stay unknown.
var statuses = []providertest.Status{
	{Vendor: compilot.StatusActive, Want: storage.StatusApproved, Claims: true},
	{Vendor: "Active-noclaims", Want: storage.StatusApproved, Claims: true},
	{Vendor: compilot.StatusToBeReviewd, Want: storage.StatusInReview},
	{Vendor: compilot.StatusEscalated, Want: storage.StatusInReview},
	{Vendor: compilot.StatusFailed, Want: storage.StatusResubmissionRequested, RejectType: kyc.RejectRetry},
	{Vendor: compilot.StatusRejected, Want: storage.StatusRejected, RejectType: kyc.RejectFinal},
	{Vendor: compilot.StatusTerminated, Want: storage.StatusRejected, RejectType: kyc.RejectFinal},
	{Vendor: compilot.StatusDormant, Want: storage.StatusCreated},
}

func TestProviderContract(t *testing.T) {
	t.Parallel()
	b := setup(t)
	providertest.Run(t, providertest.Harness{
		Provider:     b.p,
		Verification: func(*testing.T) storage.Verification { return b.verification() },
		Webhook: func(_ *testing.T, id, ref string, at time.Time) (http.Header, []byte) {
			return b.fake.Webhook(compilot.EventCustomerUpdated, ref, id, at)
		},
		Forge: func(t *testing.T, h http.Header, body []byte) []providertest.Delivery {
			other := strings.Replace(string(body), `"ref-1"`, `"ref-2"`, 2)
			otherSecret := h.Clone()
			otherSecret.Set(compilot.HeaderSignature, compilottest.Sign("whsec_bm90LXRoZS1zZWNyZXQ=", h.Get(compilot.HeaderID), now, body))
			otherID := h.Clone()
			otherID.Set(compilot.HeaderID, "msg_other")
			moved := h.Clone()
			moved.Set(compilot.HeaderTimestamp, strconv.FormatInt(now.Unix()+1, 10))
			noSig := h.Clone()
			noSig.Del(compilot.HeaderSignature)
			v2 := h.Clone()
			v2.Set(compilot.HeaderSignature, strings.Replace(h.Get(compilot.HeaderSignature), "v1,", "v2,", 1))
			webhookNames := http.Header{}
			webhookNames.Set("webhook-id", h.Get(compilot.HeaderID))
			webhookNames.Set("webhook-timestamp", h.Get(compilot.HeaderTimestamp))
			webhookNames.Set("webhook-signature", h.Get(compilot.HeaderSignature))
			return []providertest.Delivery{
				{Name: "body changed", Header: h, Body: []byte(other)},
				{Name: "signed with another secret", Header: otherSecret, Body: body},
				{Name: "svix-id changed", Header: otherID, Body: body},
				{Name: "svix-timestamp changed", Header: moved, Body: body},
				{Name: "svix-signature dropped", Header: noSig, Body: body},
				{Name: "signature version changed", Header: v2, Body: body},
				{Name: "standard webhook-* names instead of svix-*", Header: webhookNames, Body: body},
			}
		},
		Now:        clock,
		StaleAfter: compilot.Tolerance,
		SetStatus: func(t *testing.T, ref, status string) {
			if status == "Active-noclaims" {
				b.fake.SetCustomer(t, ref, compilot.StatusActive, nil)
				return
			}
			b.fake.SetCustomer(t, ref, status, person)
		},
		Statuses: statuses,
	})
}
