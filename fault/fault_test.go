package fault_test

import (
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/fault"
)

func TestErrorCarriesCodeKindAndCause(t *testing.T) {
	t.Parallel()
	cause := errors.New("disk on fire")
	err := fmt.Errorf("saving: %w", fault.Wrap(fault.Unavailable, "store_down", "the store is down", cause))
	require.Equal(t, "store_down", fault.Code(err))
	require.True(t, fault.IsKind(err, fault.Unavailable))
	require.False(t, fault.IsKind(err, fault.Internal))
	require.ErrorIs(t, err, cause)
	require.Contains(t, err.Error(), "store_down: the store is down: disk on fire")

	plain := fault.ConflictError("case_changed", "the case changed")
	require.Equal(t, "case_changed: the case changed", plain.Error())
	require.Equal(t, fault.Conflict, plain.Kind)
	require.Empty(t, fault.Code(errors.New("other")))
	require.False(t, fault.IsKind(errors.New("other"), fault.Internal))
}

func TestConstructorsSetTheirKind(t *testing.T) {
	t.Parallel()
	for want, e := range map[fault.Kind]*fault.Error{
		fault.Invalid:      fault.InvalidError("a", "b"),
		fault.NotFound:     fault.NotFoundError("a", "b"),
		fault.Unauthorized: fault.UnauthorizedError("a", "b"),
		fault.Forbidden:    fault.ForbiddenError("a", "b"),
		fault.Conflict:     fault.ConflictError("a", "b"),
	} {
		require.Equal(t, want, e.Kind)
		require.Equal(t, "a", e.Code)
	}
}

// TestNoTransportImports keeps the domain errors free of HTTP and metrics packages: domain
// code imports fault, and only api knows about statuses.
func TestNoTransportImports(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-deps", "github.com/kycgate/kycgate/fault").CombinedOutput()
	require.NoError(t, err, string(out))
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/gin-gonic/", "github.com/prometheus/", "net/http"} {
			require.False(t, strings.HasPrefix(dep, banned), "fault depends on %s", dep)
		}
	}
}
