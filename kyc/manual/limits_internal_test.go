package manual

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestDecodingWaitsForItsShareOfTheBudget(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, image.NewGray(image.Rect(0, 0, 100, 100))))
	c := NewChecker(100*100, 0, 0)
	require.True(t, c.decoding.TryAcquire(c.decodeBudget), "another upload holds the whole budget")
	done := make(chan error, 1)
	go func() {
		_, err := c.Check(context.Background(), buf.Bytes(), false)
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("decoded without memory: %v", err)
	default:
	}
	c.decoding.Release(c.decodeBudget)
	require.NoError(t, <-done)

	ctx, cancel := context.WithCancel(context.Background())
	require.True(t, c.decoding.TryAcquire(c.decodeBudget))
	cancel()
	_, err := c.Check(ctx, buf.Bytes(), false)
	require.ErrorIs(t, err, context.Canceled, "a waiting decode gives up with its request")
}

func TestUploadGateBoundsBodiesInFlight(t *testing.T) {
	t.Parallel()
	const maxBody = 1000
	g := newUploadGate(0, 0, 2*uploadCopies*maxBody, maxBody, time.Now)
	require.EqualValues(t, uploadCopies*maxBody, g.weight(-1), "a body of unknown length is charged the largest")
	require.EqualValues(t, uploadCopies*maxBody, g.weight(1<<40))
	require.EqualValues(t, uploadCopies*10, g.weight(10))

	ctx := context.Background()
	r1, err := g.admit(ctx, "192.0.2.1", "kgf_a", -1)
	require.NoError(t, err)
	r2, err := g.admit(ctx, "192.0.2.1", "kgf_b", maxBody)
	require.NoError(t, err)
	admitted := make(chan func(), 1)
	go func() {
		r3, err := g.admit(ctx, "192.0.2.2", "kgf_c", 500)
		if err != nil {
			close(admitted)
			return
		}
		admitted <- r3
	}()
	select {
	case <-admitted:
		t.Fatal("a third body was admitted over the budget")
	default:
	}
	r1()
	r3, ok := <-admitted
	require.True(t, ok)
	r2()
	r3()
	require.True(t, g.memory.TryAcquire(g.budget), "every release returned its share")
}

func TestUploadGateRatesPerClientAndFlow(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	g := newUploadGate(1, 2, 10*uploadCopies*100, 100, func() time.Time { return now })
	admit := func(ip, token string) error {
		release, err := g.admit(context.Background(), ip, token, 10)
		if err == nil {
			release()
		}
		return err
	}
	require.NoError(t, admit("192.0.2.1", "kgf_a"))
	require.Error(t, admit("192.0.2.9", "kgf_a"), "one upload per minute per flow")
	require.NoError(t, admit("192.0.2.1", "kgf_b"))
	require.Error(t, admit("192.0.2.1", "kgf_c"), "two per minute per client (the refused one above counted too)")
	require.NoError(t, admit("2001:db8:0:1::1", "kgf_e"))
	require.NoError(t, admit("2001:db8:0:1::2", "kgf_f"))
	require.Error(t, admit("2001:db8:0:1::3", "kgf_g"), "an IPv6 client is its /64")
	require.NoError(t, admit("2001:db8:0:2::1", "kgf_h"))
	now = now.Add(time.Minute)
	require.NoError(t, admit("192.0.2.1", "kgf_a"))
}

func TestJPEGLayout(t *testing.T) {
	t.Parallel()
	seg := func(marker byte, body ...byte) []byte {
		return append([]byte{0xff, marker, byte((len(body) + 2) >> 8), byte(len(body) + 2)}, body...)
	}
	frame := func(sof byte) []byte {
		b := []byte{0xff, 0xd8}
		b = append(b, seg(0xe0, 'J', 'F', 'I', 'F', 0)...)
		b = append(b, seg(sof, 8, 0, 64, 0, 64, 1, 1, 0x11, 0)...)
		b = append(b, seg(0xda, 1, 1, 0, 0, 63, 0)...)
		b = append(b, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56) // stuffed byte, restart marker
		return append(b, 0xff, 0xd9)
	}
	progressive, end := jpegLayout(frame(0xc0))
	require.False(t, progressive)
	require.Equal(t, len(frame(0xc0)), end)
	progressive, end = jpegLayout(frame(0xc2))
	require.True(t, progressive)
	require.Equal(t, len(frame(0xc2)), end)
	_, end = jpegLayout(frame(0xc0)[:20])
	require.Equal(t, -1, end, "no EOI")
	require.EqualValues(t, 3+12, bytesPerPixelOf(t, true))
	require.EqualValues(t, 3, bytesPerPixelOf(t, false))
}

func bytesPerPixelOf(t *testing.T, progressive bool) int64 {
	t.Helper()
	return bytesPerPixel(image.NewYCbCr(image.Rect(0, 0, 1, 1), image.YCbCrSubsampleRatio420).ColorModel(), progressive)
}
