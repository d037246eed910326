package auth

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

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
	for i, r := range name {
		if !nameRune(r) {
			return "", bad(fmt.Sprintf("must not contain %U (a control, format or invisible character) at byte %d", r, i))
		}
	}
	name = strings.TrimFunc(name, unicode.IsSpace) // only space separators are left to trim
	if n := utf8.RuneCountInString(name); n == 0 || n > MaxNameLength {
		return "", bad(fmt.Sprintf("needs 1 to %d characters", MaxNameLength))
	}
	return name, nil
}

// nameRune reports whether r may appear in a name: a graphic character or a space
// separator, and not a format character.
func nameRune(r rune) bool {
	if unicode.Is(unicode.Cf, r) {
		return false
	}
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Zs)
}
