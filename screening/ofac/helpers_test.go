package ofac_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/screening/ofac"
	"github.com/kycgate/kycgate/screening/ofac/ofactest"
	"github.com/kycgate/kycgate/screening/source"
)

// clock is the injected clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

var (
	// snapshotDate is the embedded snapshot's date.
	snapshotDate = time.Date(2025, 11, 19, 0, 0, 0, 0, time.UTC)
	// onSnapshot is on the embedded snapshot (../shared/data/ofac).
	onSnapshot = common.HexToAddress("0x7F367cC41522cE07553e823bf3be79A889DEbe1B")
	// listed is listed under "- USDT" by the fake export.
	listed = common.HexToAddress("0x1da5821544e25c636c1417ba96ade4cf6d2f9b5a")
	clean  = common.HexToAddress("0x00000000000000000000000000000000000c1ea4")
	// exportDate is the fake export's DateOfIssue.
	exportDate = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
)

type testBundle struct {
	clock *clock
	fake  *ofactest.Server
	s     *ofac.Screener
}

// setup opens the source with the fake export as KYCGATE_OFAC_SDN_URL, env on top, at the
// day after the fake export's date. The fake lists an EVM address under - USDT, a Bitcoin
// address under - XBT and a TRON address under - USDT.
func setup(t testing.TB, env map[string]string, dev bool) *testBundle {
	t.Helper()
	b := &testBundle{clock: &clock{t: exportDate.Add(24 * time.Hour)}, fake: ofactest.New(t, exportDate)}
	b.fake.Add("USDT", listed.Hex())
	b.fake.Add("XBT", "1ECeZBxCVJ8Wm2JSN3Cyc6rge2gnvD3W5K")
	b.fake.Add("USDT", "TJkPy4a7rXGzUkRDPiNJXR3bNpQh8GFUbr")
	vars := map[string]string{"KYCGATE_OFAC_SDN_URL": b.fake.URL}
	for k, v := range env {
		vars[k] = v
	}
	s, err := open(vars, b.clock, dev)
	require.NoError(t, err)
	b.s = s
	return b
}

func open(vars map[string]string, c *clock, dev bool) (*ofac.Screener, error) {
	s, err := source.Registry{ofac.Name: ofac.Entry}.Open(ofac.Name, func(k string) string { return vars[k] },
		source.Deps{Now: c.Now, Dev: dev})
	if err != nil {
		return nil, err
	}
	return s.(*ofac.Screener), nil
}

func screen(t *testing.T, s source.Screener, a common.Address) source.Result {
	t.Helper()
	r, err := s.Screen(context.Background(), source.Query{Address: a, ChainID: 1})
	require.NoError(t, err)
	return r
}
