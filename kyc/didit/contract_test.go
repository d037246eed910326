package didit_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/didit"
	"github.com/kycgate/kycgate/kyc/providertest"
	"github.com/kycgate/kycgate/storage"
)

// statuses lists every Didit status the adapter maps (for a verification not approved
// yet) and what each maps to.
var statuses = []providertest.Status{
	{Vendor: didit.StatusNotStarted, Want: storage.StatusCreated},
	{Vendor: didit.StatusInProgress, Want: storage.StatusInProgress},
	{Vendor: didit.StatusInReview, Want: storage.StatusInReview},
	{Vendor: didit.StatusApproved, Want: storage.StatusApproved, Claims: true},
	{Vendor: didit.StatusDeclined, Want: storage.StatusRejected, RejectType: kyc.RejectRetry},
	{Vendor: didit.StatusResubmitted, Want: storage.StatusResubmissionRequested, RejectType: kyc.RejectRetry},
	{Vendor: didit.StatusExpired, Want: storage.StatusExpired},
	{Vendor: didit.StatusAbandoned, Want: storage.StatusExpired},
	{Vendor: didit.StatusKYCExpired, Want: storage.StatusExpired},
}

func TestProviderContract(t *testing.T) {
	t.Parallel()
	b := setup(t)
	providertest.Run(t, providertest.Harness{
		Provider:     b.p,
		Verification: func(*testing.T) storage.Verification { return b.verification() },
		Webhook: func(_ *testing.T, id, ref string, at time.Time) (http.Header, []byte) {
			return b.fake.Webhook(ref, id, at)
		},
		Forge: func(t *testing.T, h http.Header, body []byte) []providertest.Delivery {
			other := strings.Replace(string(body), `"session_id":"ref-1"`, `"session_id":"ref-2"`, 1)
			otherSecret := h.Clone()
			otherSecret.Set(didit.HeaderSignature, didit.Sign([]byte("not-the-secret"), body))
			noSig := h.Clone()
			noSig.Del(didit.HeaderSignature)
			noTs := h.Clone()
			noTs.Del(didit.HeaderTimestamp)
			truncated := h.Clone()
			truncated.Set(didit.HeaderSignature, h.Get(didit.HeaderSignature)[:32])
			v2Only := h.Clone()
			v2Only.Del(didit.HeaderSignature)
			v2Only.Set(didit.HeaderSignatureV2, h.Get(didit.HeaderSignature))
			return []providertest.Delivery{
				{Name: "body changed", Header: h, Body: []byte(other)},
				{Name: "signed with another secret", Header: otherSecret, Body: body},
				{Name: "signature header dropped", Header: noSig, Body: body},
				{Name: "timestamp header dropped", Header: noTs, Body: body},
				{Name: "signature truncated", Header: truncated, Body: body},
				{Name: "only the V2 signature", Header: v2Only, Body: body},
			}
		},
		Now:        clock,
		StaleAfter: didit.MaxSkew,
		SetStatus: func(t *testing.T, ref, status string) {
			if status == didit.StatusApproved {
				b.fake.SetIDVerification(t, ref, person)
			}
			b.fake.SetStatus(t, ref, status)
		},
		Statuses: statuses,
	})
}
