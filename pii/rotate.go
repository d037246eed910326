package pii

import (
	"encoding/hex"
	"slices"
)

// KeyIDOf returns the id of the key a sealed value names (8 hex digits, as Key.ID), or
// "" when the value is not in the sealed format.
func KeyIDOf(sealed []byte) string {
	if len(sealed) < headerSize+tagSize || sealed[0] != formatV1 {
		return ""
	}
	return hex.EncodeToString(sealed[1 : 1+keyIDSize])
}

// PrimaryKeyID returns the primary key's id as the 4 raw bytes a sealed value carries
// after its version byte (what a database can compare without opening the value).
func (s *Sealer) PrimaryKeyID() []byte { return slices.Clone(s.primary.id[:]) }

// KeyIDs lists the ids of the keys the Sealer holds, the primary one first, the old
// ones sorted.
func (s *Sealer) KeyIDs() []string {
	var old []string
	for id, k := range s.keys {
		if id != s.primary.id {
			old = append(old, k.ID())
		}
	}
	slices.Sort(old)
	return append([]string{s.primary.ID()}, old...)
}

// Reseal opens a value sealed under label with whichever key sealed it and seals it
// again with the primary key. changed is false (and out is sealed itself) when it was
// sealed with the primary key already. The plaintext never leaves this call.
func (s *Sealer) Reseal(sealed []byte, label string) (out []byte, changed bool, err error) {
	if !s.NeedsReseal(sealed) {
		return sealed, false, nil
	}
	plain, err := s.Open(sealed, label)
	if err != nil {
		return nil, false, err
	}
	defer clear(plain)
	out, err = s.Seal(plain, label)
	return out, err == nil, err
}
