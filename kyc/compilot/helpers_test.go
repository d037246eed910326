package compilot_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/compilot"
	"github.com/kycgate/kycgate/kyc/compilot/compilottest"
	"github.com/kycgate/kycgate/storage"
)

// now is the tests' clock, shared by the adapter and the fake.
var now = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

type testBundle struct {
	fake *compilottest.Fake
	p    *compilot.Provider
	n    atomic.Int64
}

// setup starts a fake and opens the adapter on it through the registry.
func setup(t *testing.T) *testBundle {
	t.Helper()
	f := compilottest.New(t)
	f.Now = clock
	p, err := open(f.Env())
	require.NoError(t, err)
	return &testBundle{fake: f, p: p}
}

func open(env map[string]string) (*compilot.Provider, error) {
	p, err := kyc.Registry{compilot.Type: compilot.NewConfig}.Open(compilot.Type, func(k string) string { return env[k] },
		kyc.Deps{Now: clock, PublicURL: "https://kyc.example"})
	if err != nil {
		return nil, err
	}
	return p.(*compilot.Provider), nil
}

// verification returns a new regular-mode verification as the lifecycle hands it to Start.
func (b *testBundle) verification() storage.Verification {
	return storage.Verification{ID: fmt.Sprintf("ver_compilot%03d", b.n.Add(1)), SubjectID: "sub_1", Mode: kyc.ModeRegular,
		Provider: compilot.Type, Level: 1, Status: storage.StatusCreated, CreatedAt: now}
}

// person is the claims ComPilot returns in the tests.
var person = &compilot.CustomerClaims{Country: "GBR", DateOfBirth: "1990-12-10"}
