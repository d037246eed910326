package verifier

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/onchain/eas"
)

// CalldataLen is the length of a packed attestation (KYCVerifier.KYC_LENGTH).
const CalldataLen = headerLen + eas.KYCDataLen

// headerLen is the packed layout up to the data: r, s, v, schema, recipient, time,
// expirationTime, revocable, refUID, salt.
const headerLen = 32 + 32 + 1 + 32 + 20 + 8 + 8 + 1 + 32 + 32

// ErrCalldata is wrapped by every error of Calldata.
var ErrCalldata = errors.New("verifier: cannot pack attestation")

// Calldata packs a signed attestation into the verifier's calldata form (the `kyc`
// argument of KYCVerifier.verify and of KYCGated functions), 326 bytes:
//
//	r(32) s(32) v(1) schema(32) recipient(20) time(8) expirationTime(8) revocable(1)
//	refUID(32) salt(32) data(128)
//
// Integers are big-endian. It refuses what the contract could never accept: another
// message version, data that is not 128 bytes, a v other than 27/28. It does not verify
// the signature; the contract does.
func Calldata(pkg *eas.Package) ([]byte, error) {
	if pkg == nil {
		return nil, fmt.Errorf("%w: no package", ErrCalldata)
	}
	m := &pkg.Message
	if m.Version != eas.Version2 {
		return nil, fmt.Errorf("%w: message version %d, want %d", ErrCalldata, m.Version, eas.Version2)
	}
	if len(m.Data) != eas.KYCDataLen {
		return nil, fmt.Errorf("%w: data is %d bytes, want %d", ErrCalldata, len(m.Data), eas.KYCDataLen)
	}
	if v := pkg.Signature.V; v != 27 && v != 28 {
		return nil, fmt.Errorf("%w: signature v is %d, want 27 or 28", ErrCalldata, v)
	}
	return pack(pkg, m.Data), nil
}

// pack lays the package out without checks (tests use it to build malformed calldata).
func pack(pkg *eas.Package, data []byte) []byte {
	m := &pkg.Message
	out := make([]byte, 0, headerLen+len(data))
	out = append(out, pkg.Signature.R[:]...)
	out = append(out, pkg.Signature.S[:]...)
	out = append(out, pkg.Signature.V)
	out = append(out, m.Schema[:]...)
	out = append(out, m.Recipient[:]...)
	out = binary.BigEndian.AppendUint64(out, m.Time)
	out = binary.BigEndian.AppendUint64(out, m.ExpirationTime)
	if m.Revocable {
		out = append(out, 1)
	} else {
		out = append(out, 0)
	}
	out = append(out, m.RefUID[:]...)
	out = append(out, m.Salt[:]...)
	return append(out, data...)
}

// Digest is the attestation's EIP-712 digest under its own domain: the key under which
// the verifier on that domain's chain records its revocation.
func Digest(pkg *eas.Package) common.Hash {
	return pkg.Message.Digest(pkg.Domain)
}

// UnpackClaims decodes the claims word KYCVerifier.check returns: level in bits 0-7,
// country in bits 8-23, over18 in bit 24, walletRisk in bits 32-39.
func UnpackClaims(word [32]byte) eas.KYCClaims {
	c := eas.KYCClaims{Level: word[31], Over18: word[28]&1 == 1, WalletRisk: word[27]}
	if word[29] != 0 || word[30] != 0 {
		c.Country = string([]byte{word[29], word[30]})
	}
	return c
}

// PackUnchecked lays a package out in the calldata form without Calldata's checks, for
// tests that need calldata the contract must refuse (truncated data, a malleated
// signature). Use Calldata otherwise.
func PackUnchecked(pkg *eas.Package) []byte { return pack(pkg, pkg.Message.Data) }
