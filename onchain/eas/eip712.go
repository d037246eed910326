package eas

import (
	"encoding/binary"
	"encoding/hex"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// DomainName is the EIP-712 domain name of every EAS offchain attestation.
const DomainName = "EAS Attestation"

// PrimaryType is the EIP-712 primary type of a version 2 offchain attestation.
const PrimaryType = "Attest"

// Version2 is the only offchain attestation version this package produces and
// accepts.
const Version2 = 2

// DomainType is the EIP-712 encoding of the domain type.
const DomainType = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"

// AttestType is the EIP-712 encoding of the version 2 Attest type.
const AttestType = "Attest(uint16 version,bytes32 schema,address recipient,uint64 time,uint64 expirationTime,bool revocable,bytes32 refUID,bytes data,bytes32 salt)"

var (
	// DomainTypeHash is keccak256(DomainType).
	DomainTypeHash = crypto.Keccak256Hash([]byte(DomainType))
	// AttestTypeHash is keccak256(AttestType):
	// 0x258b757fc37a6699a984f4be01258122f834200374b34b4457b6db0dd0f71132.
	AttestTypeHash = crypto.Keccak256Hash([]byte(AttestType))
)

// TypedField is one member of an EIP-712 struct type, as it appears in a
// package's "types".
type TypedField struct {
	// Name is the member's name, e.g. "schema".
	Name string `json:"name"`
	// Type is the member's Solidity type, e.g. "bytes32".
	Type string `json:"type"`
}

// AttestFields returns the members of the version 2 Attest type in order.
// It returns a fresh slice each call.
func AttestFields() []TypedField {
	return []TypedField{
		{"version", "uint16"},
		{"schema", "bytes32"},
		{"recipient", "address"},
		{"time", "uint64"},
		{"expirationTime", "uint64"},
		{"revocable", "bool"},
		{"refUID", "bytes32"},
		{"data", "bytes"},
		{"salt", "bytes32"},
	}
}

// Domain is the EIP-712 domain of an EAS deployment on one chain.
type Domain struct {
	// Name is always DomainName for EAS offchain attestations.
	Name string
	// Version is the EAS contract's EIP-712 version, e.g. "0.26" or "1.0.1".
	Version string
	// ChainID is the chain the EAS contract lives on.
	ChainID uint64
	// VerifyingContract is the EAS contract's address.
	VerifyingContract common.Address
}

// NewDomain returns the EAS domain for the contract at address with the given
// EIP-712 version on chain chainID.
func NewDomain(chainID uint64, contract common.Address, version string) Domain {
	return Domain{Name: DomainName, Version: version, ChainID: chainID, VerifyingContract: contract}
}

// Separator returns the EIP-712 domain separator:
// keccak256(DomainTypeHash ‖ keccak256(name) ‖ keccak256(version) ‖ chainId ‖ verifyingContract).
func (d Domain) Separator() common.Hash {
	var buf [5 * 32]byte
	copy(buf[0:], DomainTypeHash[:])
	copy(buf[32:], crypto.Keccak256([]byte(d.Name)))
	copy(buf[64:], crypto.Keccak256([]byte(d.Version)))
	binary.BigEndian.PutUint64(buf[96+24:], d.ChainID)
	copy(buf[128+12:], d.VerifyingContract[:])
	return crypto.Keccak256Hash(buf[:])
}

// Attestation is the message of a version 2 offchain attestation (the EIP-712
// Attest struct).
type Attestation struct {
	// Version is the offchain attestation version; it must be Version2.
	Version uint16
	// Schema is the UID of the attestation's schema (see SchemaUID).
	Schema common.Hash
	// Recipient is the wallet the attestation is about.
	Recipient common.Address
	// Time is the issuance time in Unix seconds.
	Time uint64
	// ExpirationTime is the expiry in Unix seconds; 0 means it never expires.
	ExpirationTime uint64
	// Revocable tells whether the attester may revoke the attestation.
	Revocable bool
	// RefUID is the UID of a referenced attestation, or zero.
	RefUID common.Hash
	// Data is the ABI-encoded attestation data (see KYCClaims.Encode).
	Data []byte
	// Salt makes the UID unique; 32 random bytes.
	Salt common.Hash
}

// StructHash returns the EIP-712 hashStruct of the attestation.
func (a *Attestation) StructHash() common.Hash {
	var buf [10 * 32]byte
	copy(buf[0:], AttestTypeHash[:])
	binary.BigEndian.PutUint16(buf[32+30:], a.Version)
	copy(buf[64:], a.Schema[:])
	copy(buf[96+12:], a.Recipient[:])
	binary.BigEndian.PutUint64(buf[128+24:], a.Time)
	binary.BigEndian.PutUint64(buf[160+24:], a.ExpirationTime)
	if a.Revocable {
		buf[192+31] = 1
	}
	copy(buf[224:], a.RefUID[:])
	copy(buf[256:], crypto.Keccak256(a.Data))
	copy(buf[288:], a.Salt[:])
	return crypto.Keccak256Hash(buf[:])
}

// Digest returns the EIP-712 digest that is signed:
// keccak256("\x19\x01" ‖ domain separator ‖ struct hash).
func (a *Attestation) Digest(d Domain) common.Hash {
	return digest(d.Separator(), a.StructHash())
}

func digest(separator, structHash common.Hash) common.Hash {
	var buf [2 + 32 + 32]byte
	buf[0], buf[1] = 0x19, 0x01
	copy(buf[2:], separator[:])
	copy(buf[34:], structHash[:])
	return crypto.Keccak256Hash(buf[:])
}

// OffchainUID returns the attestation's UID exactly as the EAS SDK's
// Offchain.getOffchainUID computes it for version 2:
//
//	solidityPackedKeccak256(
//	  [uint16, bytes, address, address, uint64, uint64, bool, bytes32, bytes, bytes32, uint32],
//	  [version, utf8(schema as lowercase 0x hex), recipient, 0x0 (attester), time,
//	   expirationTime, revocable, refUID, data, salt, 0])
func (a *Attestation) OffchainUID() common.Hash {
	buf := make([]byte, 0, 2+66+20+20+8+8+1+32+len(a.Data)+32+4)
	buf = binary.BigEndian.AppendUint16(buf, a.Version)
	buf = append(buf, "0x"...)
	buf = hex.AppendEncode(buf, a.Schema[:])
	buf = append(buf, a.Recipient[:]...)
	buf = append(buf, make([]byte, common.AddressLength)...)
	buf = binary.BigEndian.AppendUint64(buf, a.Time)
	buf = binary.BigEndian.AppendUint64(buf, a.ExpirationTime)
	if a.Revocable {
		buf = append(buf, 1)
	} else {
		buf = append(buf, 0)
	}
	buf = append(buf, a.RefUID[:]...)
	buf = append(buf, a.Data...)
	buf = append(buf, a.Salt[:]...)
	buf = binary.BigEndian.AppendUint32(buf, 0)
	return crypto.Keccak256Hash(buf)
}

// SchemaUID returns the UID under which the EAS SchemaRegistry registers a
// schema: keccak256(abi.encodePacked(schema, resolver, revocable)).
func SchemaUID(schema string, resolver common.Address, revocable bool) common.Hash {
	buf := make([]byte, 0, len(schema)+common.AddressLength+1)
	buf = append(buf, schema...)
	buf = append(buf, resolver[:]...)
	if revocable {
		buf = append(buf, 1)
	} else {
		buf = append(buf, 0)
	}
	return crypto.Keccak256Hash(buf)
}
