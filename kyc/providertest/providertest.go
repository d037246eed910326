// Package providertest is the contract suite every KYC provider adapter runs: starting and
// resuming a session, the inbound webhook's signature (accepted, forged, stale, replayed
// with another delivery id), fetching the authoritative state and mapping the provider's
// statuses onto the gateway's. Each adapter's test builds a Harness around its fake of the
// vendor API (answering as the vendor documents) and calls Run; the parts a provider does
// not implement (the built-in manual provider has no webhooks) are skipped by capability,
// never faked.
package providertest

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/storage"
)

// Harness is a provider under test and the hooks that drive its fake vendor.
type Harness struct {
	// Provider is the opened adapter, pointed at the fake.
	Provider kyc.Provider
	// Verification returns a new verification as the lifecycle hands it to Start (ID,
	// subject, mode, level, provider name set; no provider reference yet).
	Verification func(t *testing.T) storage.Verification

	// Webhook, for providers that implement kyc.WebhookVerifier: a delivery of one event
	// about the session ref, signed as the vendor signs it at the given time, with the
	// vendor's delivery id id (empty when the vendor has none).
	Webhook func(t *testing.T, id, ref string, at time.Time) (http.Header, []byte)
	// Forge tampers with a signed delivery the way an attacker without the secret can
	// (body changed, signature from another secret, header dropped); each result must be
	// refused.
	Forge func(t *testing.T, h http.Header, body []byte) []Delivery
	// Now is the time the provider checks webhook timestamps against; StaleAfter is how
	// old a delivery may be (0: the vendor signs no timestamp, so no staleness test).
	Now        func() time.Time
	StaleAfter time.Duration

	// SetStatus, for providers that implement kyc.Fetcher: the fake vendor now reports
	// status for session ref. Statuses lists each vendor status and what it maps to.
	SetStatus func(t *testing.T, ref, status string)
	Statuses  []Status
}

// Delivery is one inbound webhook request.
type Delivery struct {
	Name   string
	Header http.Header
	Body   []byte
}

// Status is one vendor status and the result it must map to.
type Status struct {
	Vendor     string
	Want       storage.VerificationStatus
	RejectType string
	// Claims reports that the result carries the person's claims (approvals must).
	Claims bool
}

// Run runs the contract on h.
func Run(t *testing.T, h Harness) {
	t.Helper()
	require.NotNil(t, h.Provider, "Harness.Provider")
	require.NotNil(t, h.Verification, "Harness.Verification")
	t.Run("StartAndResume", func(t *testing.T) { testStart(t, h) })
	t.Run("Webhook", func(t *testing.T) { testWebhook(t, h) })
	t.Run("FetchMapsStatuses", func(t *testing.T) { testFetch(t, h) })
}

func testStart(t *testing.T, h Harness) {
	ctx := context.Background()
	v := h.Verification(t)
	s, err := h.Provider.Start(ctx, v)
	require.NoError(t, err)
	require.NotEmpty(t, s.Ref, "the session has a provider reference (kept to find it again)")
	require.True(t, s.URL != "" || s.SDKToken != "" || s.FlowToken != "", "the user is told how to continue")

	v.ProviderRef = s.Ref
	if s.Data != nil {
		v.Data = s.Data
	}
	again, err := h.Provider.Start(ctx, v)
	require.NoError(t, err)
	require.Equal(t, s.Ref, again.Ref, "starting again resumes the same provider session")
	require.True(t, again.URL != "" || again.SDKToken != "" || again.FlowToken != "")
}

func testWebhook(t *testing.T, h Harness) {
	wv, ok := h.Provider.(kyc.WebhookVerifier)
	if !ok {
		t.Skip("the provider receives no webhooks (no kyc.WebhookVerifier)")
	}
	require.NotNil(t, h.Webhook, "Harness.Webhook is required for a kyc.WebhookVerifier")
	require.NotNil(t, h.Now, "Harness.Now")
	now := h.Now()

	header, body := h.Webhook(t, "evt-1", "ref-1", now)
	ev, err := wv.VerifyWebhook(header.Clone(), body)
	require.NoError(t, err, "a correctly signed delivery is accepted")
	require.Equal(t, "ref-1", ev.Ref)
	require.NotEmpty(t, ev.ID, "the event has an id to store it once")

	again, err := wv.VerifyWebhook(header.Clone(), body)
	require.NoError(t, err)
	require.Equal(t, ev.ID, again.ID, "a redelivery of the same event has the same id (stored once)")

	h2, b2 := h.Webhook(t, "evt-2", "ref-1", now)
	other, err := wv.VerifyWebhook(h2, b2)
	require.NoError(t, err)
	require.NotEqual(t, ev.ID, other.ID, "another event has another id")

	if h.Forge != nil {
		for _, d := range h.Forge(t, header.Clone(), body) {
			_, err := wv.VerifyWebhook(d.Header, d.Body)
			require.Error(t, err, "forged delivery %q is refused", d.Name)
		}
	}
	_, err = wv.VerifyWebhook(http.Header{}, body)
	require.Error(t, err, "an unsigned delivery is refused")
	_, err = wv.VerifyWebhook(header.Clone(), append(append([]byte{}, body...), ' '))
	require.Error(t, err, "one byte more in the body breaks the signature")

	if h.StaleAfter > 0 {
		sh, sb := h.Webhook(t, "evt-3", "ref-1", now.Add(-h.StaleAfter-time.Minute))
		_, err := wv.VerifyWebhook(sh, sb)
		require.Error(t, err, "a delivery signed too long ago is refused (replay)")
		fh, fb := h.Webhook(t, "evt-4", "ref-1", now.Add(h.StaleAfter+time.Minute))
		_, err = wv.VerifyWebhook(fh, fb)
		require.Error(t, err, "a delivery signed in the future is refused")
	}
}

func testFetch(t *testing.T, h Harness) {
	f, ok := h.Provider.(kyc.Fetcher)
	if !ok {
		t.Skip("the provider decides itself (no kyc.Fetcher)")
	}
	require.NotNil(t, h.SetStatus, "Harness.SetStatus is required for a kyc.Fetcher")
	require.NotEmpty(t, h.Statuses, "Harness.Statuses lists every vendor status")
	ctx := context.Background()
	for _, st := range h.Statuses {
		v := h.Verification(t)
		s, err := h.Provider.Start(ctx, v)
		require.NoError(t, err)
		v.ProviderRef = s.Ref
		if s.Data != nil {
			v.Data = s.Data
		}
		h.SetStatus(t, s.Ref, st.Vendor)
		res, err := f.Fetch(ctx, v)
		require.NoError(t, err, "fetch with vendor status %q", st.Vendor)
		require.Equal(t, st.Want, res.Status, "vendor status %q", st.Vendor)
		require.Equal(t, st.RejectType, res.RejectType, "vendor status %q", st.Vendor)
		require.Equal(t, st.Claims, res.Claims != nil, "claims with vendor status %q", st.Vendor)
		if res.Status == storage.StatusApproved {
			require.NotNil(t, res.Claims, "an approval carries the claims")
		}
	}
}
