package notify_test

import (
	"context"
	"net/netip"
	"strings"
	"testing"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/notify"
	"github.com/kycgate/kycgate/queue"
	"github.com/kycgate/kycgate/storage"
)

func TestForbiddenAddresses(t *testing.T) {
	t.Parallel()
	for _, a := range []string{"127.0.0.1", "::1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
		"fe80::1", "fc00::1", "0.0.0.0", "::", "::ffff:127.0.0.1", "224.0.0.1",
		"100.100.100.200", "198.18.0.1", "240.0.0.1", "192.0.0.8", "fec0::1", "::10.0.0.5",
		"64:ff9b::a00:5", "64:ff9b:1::7f00:1", "2002:a00:5::1", "2001:0:4136:e378:8000:63bf:f5ff:fffa"} {
		require.True(t, notify.Forbidden(netip.MustParseAddr(a)), a)
	}
	for _, a := range []string{"93.184.216.34", "2606:2800:220:1::1", "64:ff9b::5db8:d822", "2002:5db8:d822::1"} {
		require.False(t, notify.Forbidden(netip.MustParseAddr(a)), a)
	}
}

func TestDeliveryRefusesLoopbackAtDialTime(t *testing.T) {
	t.Parallel()
	g := start(t)
	ctx := context.Background()
	rcv := newReceiver(t)
	// Registered while private addresses were allowed (or a name that resolved to a
	// public address then): the dialer still refuses to connect.
	url := strings.Replace(rcv.srv.URL, "127.0.0.1", "localhost", 1)
	_, _, err := notify.NewService(g.st, g.seal, notify.Policy{AllowHTTP: true, AllowPrivate: true}, g.clk.Now).
		Set(ctx, g.tenID, url)
	require.NoError(t, err)

	sub := storage.Subject{CreatedAt: g.clk.Now()}
	require.NoError(t, g.st.CreateSubject(ctx, &sub))
	require.NoError(t, notify.Enqueue(ctx, g.st, g.tenID, sub.ID, notify.Event{Type: notify.TypeAttestationIssued,
		Time: g.clk.Now(), Data: map[string]any{"uid": "0x01"}}))
	jobs, err := queue.Waiting[notify.DeliverArgs](ctx, g.st)
	require.NoError(t, err)
	require.Len(t, jobs, 1)
	e, err := g.st.GetOutboxEvent(ctx, jobs[0].EventID)
	require.NoError(t, err)
	require.Equal(t, g.tenID+":"+sub.ID, e.Key)

	d := &notify.Deliverer{Store: g.st, Sealer: g.seal, Client: notify.NewClient(false), Now: g.clk.Now}
	job := &river.Job[notify.DeliverArgs]{JobRow: &rivertype.JobRow{Attempt: 1, MaxAttempts: 10}, Args: jobs[0]}
	err = d.Work(ctx, job)
	require.ErrorIs(t, err, notify.ErrForbiddenAddress)
	require.Empty(t, rcv.deliveries())

	d.Client = notify.NewClient(true)
	require.NoError(t, d.Work(ctx, job), "allowed when private addresses are")
	require.Len(t, rcv.deliveries(), 1)
}

func TestEnqueueSkipsTenantsWithoutWebhook(t *testing.T) {
	t.Parallel()
	g := start(t)
	ctx := context.Background()
	sub := storage.Subject{CreatedAt: g.clk.Now()}
	require.NoError(t, g.st.CreateSubject(ctx, &sub))
	require.NoError(t, notify.Enqueue(ctx, g.st, g.tenID, sub.ID, notify.Event{Type: notify.TypeAttestationIssued, Time: g.clk.Now()}))
	jobs, err := queue.Waiting[notify.DeliverArgs](ctx, g.st)
	require.NoError(t, err)
	require.Empty(t, jobs)
}

func TestWebhookURLPortsAndAuditKeepNoPath(t *testing.T) {
	t.Parallel()
	p := notify.Policy{AllowHTTP: true, AllowPrivate: true}
	for _, bad := range []string{"https://b.example:0/", "https://b.example:99999/", "https://b.example:/x", "https://:443/", "https://b.example:-1/"} {
		_, err := p.CheckURL(context.Background(), bad)
		require.Error(t, err, bad)
	}
	for _, good := range []string{"https://b.example:8443/hooks", "https://b.example/hooks?k=1"} {
		_, err := p.CheckURL(context.Background(), good)
		require.NoError(t, err, good)
	}
	g := start(t)
	g.setWebhook(t, g.key, "http://127.0.0.1:9/hooks/SECRETPATH?token=SECRETQUERY")
	entries, err := g.st.ListAudit(context.Background(), "tenant", g.tenID)
	require.NoError(t, err)
	require.NotEmpty(t, entries)
	for _, e := range entries {
		require.NotContains(t, e.Detail, "SECRET", "the audit row keeps the origin only")
	}
}
