package didit_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/kyc"
	"github.com/kycgate/kycgate/kyc/didit"
	"github.com/kycgate/kycgate/kyc/didit/diditest"
	"github.com/kycgate/kycgate/storage"
)

// now is the tests' clock, shared by the adapter and the fake.
var now = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

// testBundle is a fake Didit and the adapter pointed at it.
type testBundle struct {
	fake *diditest.Fake
	p    *didit.Provider
	n    atomic.Int64
}

func setup(t *testing.T) *testBundle {
	t.Helper()
	f := diditest.New(t)
	f.Now = clock
	p, err := open(f.Env())
	require.NoError(t, err)
	return &testBundle{fake: f, p: p}
}

func open(env map[string]string) (*didit.Provider, error) {
	p, err := kyc.Registry{didit.Type: didit.NewConfig}.Open(didit.Type, func(k string) string { return env[k] },
		kyc.Deps{Now: clock, PublicURL: "https://kyc.example"})
	if err != nil {
		return nil, err
	}
	return p.(*didit.Provider), nil
}

// verification returns a new verification as the lifecycle hands it to Start.
func (b *testBundle) verification() storage.Verification {
	return storage.Verification{ID: fmt.Sprintf("ver_didit%03d", b.n.Add(1)), SubjectID: "sub_1", Mode: kyc.ModeWeb3,
		Provider: didit.Type, Level: 1, Status: storage.StatusCreated, CreatedAt: now}
}

// start starts a new verification and returns it with its session reference set.
func (b *testBundle) start(t *testing.T) (storage.Verification, kyc.Session) {
	t.Helper()
	v := b.verification()
	s, err := b.p.Start(t.Context(), v)
	require.NoError(t, err)
	v.ProviderRef = s.Ref
	return v, s
}

// person is the ID check Didit approves in the tests.
var person = didit.IDVerification{Status: didit.StatusApproved, DocumentType: "Passport", IssuingCountry: "GBR", DateOfBirth: "1990-12-10"}
