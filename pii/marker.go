package pii

import (
	"crypto/hmac"
	"crypto/sha256"
	"strings"
	"unicode"
)

// Marker is a keyed, non-reversible digest of personal values (an erased blocked
// person's name and date of birth): HMAC-SHA256 under a key derived from the primary
// data key (SHA-256("kycgate pii marker key" ‖ key)), over the values normalised
// (NormalizeMarkerPart) and joined by a 0x00 byte. Without the data key a marker cannot
// be computed or tested against guesses; with it, only a guess of every value matches.
func (s *Sealer) Marker(parts ...string) []byte {
	return marker(s.primary, parts)
}

// Markers returns the marker of parts under every key the Sealer holds, the primary
// one first: a marker stored before a key rotation still matches while the old key is
// held.
func (s *Sealer) Markers(parts ...string) [][]byte {
	out := [][]byte{marker(s.primary, parts)}
	for id, k := range s.keys {
		if id != s.primary.id {
			out = append(out, marker(k, parts))
		}
	}
	return out
}

func marker(k Key, parts []string) []byte {
	mac := hmac.New(sha256.New, k.mark[:])
	for i, p := range parts {
		if i > 0 {
			mac.Write([]byte{0})
		}
		mac.Write([]byte(NormalizeMarkerPart(p)))
	}
	return mac.Sum(nil)
}

// NormalizeMarkerPart lower-cases a value, keeps its letters and digits and separates
// the words by one space: " Zébulon  O'Hara " and "zébulon o hara" give the same marker.
func NormalizeMarkerPart(v string) string {
	words := strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return strings.Join(words, " ")
}
