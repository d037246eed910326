package auth

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kycgate/kycgate/displaytext"
	"github.com/kycgate/kycgate/fault"
)

// MaxNameLength is the longest tenant or reviewer name, in characters.
const MaxNameLength = 200

// ValidateName checks the display name of a tenant or reviewer (kind says which, for the
// message) and returns it with surrounding spaces trimmed: 1 to MaxNameLength characters
// of valid UTF-8, made only of letters, marks, numbers, punctuation, symbols and spaces.
// Control characters (Cc: line feeds, escapes), format characters (Cf: bidi overrides,
// zero-width characters), line and paragraph separators, and private-use, surrogate or
// unassigned code points are refused: they hide or rearrange what a reviewer, a log or an
// audit row shows. The error is a 400 invalid_name.
func ValidateName(kind, name string) (string, error) {
	bad := func(why string) error {
		return fault.InvalidError("invalid_name", fmt.Sprintf("a %s name %s", kind, why))
	}
	if !utf8.ValidString(name) {
		return "", bad("must be valid UTF-8")
	}
	if r, at, ok := displaytext.Check(name); !ok && r >= 0 {
		return "", bad(fmt.Sprintf("must not contain %U (a control, format or invisible character) at byte %d", r, at))
	}
	name = strings.TrimFunc(name, unicode.IsSpace) // only space separators are left to trim
	if _, _, ok := displaytext.Check(name); !ok || utf8.RuneCountInString(name) > MaxNameLength {
		return "", bad(fmt.Sprintf("needs 1 to %d characters, with at least one letter or number", MaxNameLength))
	}
	return name, nil
}
