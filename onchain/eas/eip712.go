package eas

import (
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
	h := getHasher()
	defer h.put()
	return h.separator(&d)
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
	h := getHasher()
	defer h.put()
	return h.structHash(a)
}

// Digest returns the EIP-712 digest that is signed:
// keccak256("\x19\x01" ‖ domain separator ‖ struct hash).
func (a *Attestation) Digest(d Domain) common.Hash {
	h := getHasher()
	defer h.put()
	return h.digest(h.separator(&d), h.structHash(a))
}

// OffchainUID returns the attestation's UID exactly as the EAS SDK's
// Offchain.getOffchainUID computes it for version 2:
//
//	solidityPackedKeccak256(
//	  [uint16, bytes, address, address, uint64, uint64, bool, bytes32, bytes, bytes32, uint32],
//	  [version, utf8(schema as lowercase 0x hex), recipient, 0x0 (attester), time,
//	   expirationTime, revocable, refUID, data, salt, 0])
func (a *Attestation) OffchainUID() common.Hash {
	h := getHasher()
	defer h.put()
	return h.offchainUID(a)
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
