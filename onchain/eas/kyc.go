package eas

import (
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
)

// KYCSchema is the EAS schema of a kycgate attestation. It carries no personal
// data: a verification level, an ISO 3166-1 alpha-2 country code, an age flag
// and a wallet risk class.
const KYCSchema = "uint8 kycLevel,bytes2 country,bool over18,uint8 walletRisk"

// KYCSchemaUID is SchemaUID(KYCSchema, no resolver, revocable), the schema UID
// kycgate attestations carry unless a deployment registers the schema with a
// resolver.
var KYCSchemaUID = SchemaUID(KYCSchema, common.Address{}, true)

// KYCDataLen is the length of ABI-encoded KYCClaims: four 32-byte words.
const KYCDataLen = 4 * 32

// ErrInvalidClaims is wrapped by every error of KYCClaims.Encode and
// DecodeKYCClaims.
var ErrInvalidClaims = errors.New("eas: invalid KYC claims")

// KYCClaims is the data of a kycgate attestation (see KYCSchema).
type KYCClaims struct {
	// Level is the verification level reached.
	Level uint8
	// Country is an ISO 3166-1 alpha-2 code in upper case, or "" when not
	// disclosed (encoded as 0x0000).
	Country string
	// Over18 tells whether the holder is at least 18 years old.
	Over18 bool
	// WalletRisk is the combined risk level of the holder's wallets on TRM Labs' scale (0 none
	// or clear, 1 low, 5 medium, 10 high, 15 severe), from a fresh screening of every wallet
	// linked to the holder (package screening); a sanctioned wallet never gets an attestation.
	WalletRisk uint8
}

// Validate checks that the claims can be encoded.
func (c KYCClaims) Validate() error {
	if c.Country == "" {
		return nil
	}
	if len(c.Country) != 2 || !isUpper(c.Country[0]) || !isUpper(c.Country[1]) {
		// The value is a person's claim: it stays out of the error (errors are logged).
		return fmt.Errorf("%w: the country is not two letters A-Z", ErrInvalidClaims)
	}
	return nil
}

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }

// Encode returns the ABI encoding of the claims as (uint8, bytes2, bool, uint8),
// the attestation's Data.
func (c KYCClaims) Encode() ([]byte, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	out := make([]byte, KYCDataLen)
	out[31] = c.Level
	if c.Country != "" {
		out[32], out[33] = c.Country[0], c.Country[1]
	}
	if c.Over18 {
		out[95] = 1
	}
	out[127] = c.WalletRisk
	return out, nil
}

// DecodeKYCClaims decodes attestation data strictly: exactly KYCDataLen bytes,
// canonical zero padding, a bool of 0 or 1 and a country of two letters A-Z
// (or 0x0000).
func DecodeKYCClaims(data []byte) (KYCClaims, error) {
	if len(data) != KYCDataLen {
		return KYCClaims{}, fmt.Errorf("%w: %d bytes, want %d", ErrInvalidClaims, len(data), KYCDataLen)
	}
	word := func(i int) []byte { return data[i*32 : (i+1)*32] }
	if !allZero(word(0)[:31]) {
		return KYCClaims{}, fmt.Errorf("%w: kycLevel is not a uint8", ErrInvalidClaims)
	}
	if !allZero(word(1)[2:]) {
		return KYCClaims{}, fmt.Errorf("%w: country is not a bytes2", ErrInvalidClaims)
	}
	if !allZero(word(2)[:31]) || word(2)[31] > 1 {
		return KYCClaims{}, fmt.Errorf("%w: over18 is not a bool", ErrInvalidClaims)
	}
	if !allZero(word(3)[:31]) {
		return KYCClaims{}, fmt.Errorf("%w: walletRisk is not a uint8", ErrInvalidClaims)
	}
	c := KYCClaims{Level: data[31], Over18: data[95] == 1, WalletRisk: data[127]}
	switch a, b := data[32], data[33]; {
	case a == 0 && b == 0:
	case isUpper(a) && isUpper(b):
		c.Country = countryCodes[a-'A'][b-'A']
	default:
		return KYCClaims{}, fmt.Errorf("%w: country 0x%02x%02x is not two letters A-Z", ErrInvalidClaims, a, b)
	}
	return c, nil
}

// countryCodes holds every two-letter code "AA" … "ZZ", so decoding a country
// does not allocate its string on every verification.
var countryCodes = func() (t [26][26]string) {
	for a := range byte(26) {
		for b := range byte(26) {
			t[a][b] = string([]byte{'A' + a, 'A' + b})
		}
	}
	return t
}()

func allZero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}
