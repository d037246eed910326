package compilot_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/kyc/compilot"
	"github.com/kycgate/kycgate/kyc/compilot/compilottest"
)

// The fake signs as Svix does: the Standard Webhooks library, which implements the same
// scheme under webhook-* names, accepts its deliveries and refuses a changed one.
func TestFakeSignsAsTheStandardWebhooksLibraryVerifies(t *testing.T) {
	t.Parallel()
	f := compilottest.New(t)
	wh, err := standardwebhooks.NewWebhook(f.WebhookSecret)
	require.NoError(t, err)
	at := time.Now() // the library checks against the wall clock
	h, body := f.Webhook(compilot.EventCustomerUpdated, "ver_1", "msg_1", at)
	mapped := http.Header{}
	mapped.Set(standardwebhooks.HeaderWebhookID, h.Get(compilot.HeaderID))
	mapped.Set(standardwebhooks.HeaderWebhookTimestamp, h.Get(compilot.HeaderTimestamp))
	mapped.Set(standardwebhooks.HeaderWebhookSignature, h.Get(compilot.HeaderSignature))
	require.NoError(t, wh.Verify(body, mapped))

	want, err := wh.Sign("msg_1", at, body)
	require.NoError(t, err)
	require.Equal(t, want, h.Get(compilot.HeaderSignature), "the same v1,<base64> value")

	mapped.Set(standardwebhooks.HeaderWebhookID, "msg_2")
	require.ErrorIs(t, wh.Verify(body, mapped), standardwebhooks.ErrNoMatchingSignature)
}

func TestWebhookEventFromSvixHeaders(t *testing.T) {
	t.Parallel()
	b := setup(t)
	h, body := b.fake.Webhook(compilot.EventCustomerDeleted, "ver_42", "msg_abc", now.Add(-4*time.Minute))
	ev, err := b.p.VerifyWebhook(h, body)
	require.NoError(t, err)
	require.Equal(t, "msg_abc", ev.ID, "the event id is svix-id")
	require.Equal(t, "ver_42", ev.Ref, "the customer's externalCustomerId")
	require.Equal(t, compilot.EventCustomerDeleted, ev.Type)
	require.Equal(t, now.Add(-4*time.Minute), ev.At)
}

func TestWebhookSeveralSignaturesOneValid(t *testing.T) {
	t.Parallel()
	b := setup(t)
	h, body := b.fake.Webhook(compilot.EventCustomerUpdated, "ver_1", "msg_1", now)
	valid := h.Get(compilot.HeaderSignature)
	old := compilottest.Sign("whsec_b2xkLXJvdGF0ZWQtc2VjcmV0", "msg_1", now, body) // a rotated-out secret
	for _, sig := range []string{old + " " + valid, valid + " " + old, "v2,AAAA " + old + " " + valid} {
		h.Set(compilot.HeaderSignature, sig)
		_, err := b.p.VerifyWebhook(h, body)
		require.NoError(t, err, "one valid signature among several (%s) is accepted", sig)
	}
	h.Set(compilot.HeaderSignature, old+" v1,"+valid[len("v1,"):len(valid)-4]+"AAA=")
	_, err := b.p.VerifyWebhook(h, body)
	require.Error(t, err, "no valid signature among several")
	require.True(t, fault.IsKind(err, fault.Unauthorized))
}

func TestWebhookStaleOrFutureRefused(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for _, at := range []time.Time{now.Add(-compilot.Tolerance - time.Second), now.Add(compilot.Tolerance + time.Second)} {
		h, body := b.fake.Webhook(compilot.EventCustomerUpdated, "ver_1", "msg_1", at)
		_, err := b.p.VerifyWebhook(h, body)
		require.Equal(t, "webhook_stale", fault.Code(err), at)
	}
	for _, at := range []time.Time{now.Add(-compilot.Tolerance), now.Add(compilot.Tolerance)} {
		h, body := b.fake.Webhook(compilot.EventCustomerUpdated, "ver_1", "msg_1", at)
		_, err := b.p.VerifyWebhook(h, body)
		require.NoError(t, err, "exactly 5 minutes away is still accepted")
	}
	h, body := b.fake.Webhook(compilot.EventCustomerUpdated, "ver_1", "msg_1", now)
	h.Set(compilot.HeaderTimestamp, strconv.FormatInt(now.UnixMilli(), 10))
	_, err := b.p.VerifyWebhook(h, body)
	require.Error(t, err, "milliseconds are not seconds")
}

func TestWebhookSignedButNotAnEvent(t *testing.T) {
	t.Parallel()
	b := setup(t)
	body := []byte(`not json`)
	h := http.Header{}
	h.Set(compilot.HeaderID, "msg_1")
	h.Set(compilot.HeaderTimestamp, strconv.FormatInt(now.Unix(), 10))
	h.Set(compilot.HeaderSignature, compilottest.Sign(b.fake.WebhookSecret, "msg_1", now, body))
	_, err := b.p.VerifyWebhook(h, body)
	require.Equal(t, "webhook_body_invalid", fault.Code(err))

	body = []byte(`{"type":"workflow.updated","payload":{"workflowId":"wf_1"}}`)
	h.Set(compilot.HeaderSignature, compilottest.Sign(b.fake.WebhookSecret, "msg_1", now, body))
	ev, err := b.p.VerifyWebhook(h, body)
	require.NoError(t, err, "an event about no customer is accepted")
	require.Empty(t, ev.Ref, "and refers to no verification")
}
