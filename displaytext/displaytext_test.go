package displaytext_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/displaytext"
)

func TestCheck(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"Ada Lovelace", "Zoë O'Brien-Smith", "José", "李小龍", "محمد", "Ελένη", "Nguyễn", "O\u0301scar", "Jr. 3rd"} {
		_, _, good := displaytext.Check(ok)
		require.True(t, good, "%q", ok)
	}
	for _, bad := range []string{"", " ", "\u3164", "\u2800", "\u0301\u0301", "\u115f", "Ada\u3164", "A\u200Bda", "Ada\u202Egnp",
		"\uFEFFAda", "Ada\n", "Ada\x1b", "A\uFE0Fda", "Ada\U000E0041", "A\u034Fda", "Ada\uE000", "Ada\u2028", "Ad\xffa", "---", "\u00A0"} {
		_, _, good := displaytext.Check(bad)
		require.False(t, good, "%q", bad)
	}
	r, at, _ := displaytext.Check("Ada\u200B")
	require.Equal(t, '\u200B', r)
	require.Equal(t, 3, at)
}
