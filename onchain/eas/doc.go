// Package eas builds, signs, encodes and verifies Ethereum Attestation Service
// (EAS) offchain attestations, version 2 (EIP-712), for the kycgate KYC schema.
//
// It is meant to be imported by dApp back ends as well as by the gateway, so it
// depends only on go-ethereum's common and crypto packages and the standard
// library.
//
// The formats follow the EAS SDK (@ethereum-attestation-service/eas-sdk)
// byte for byte, and a test cross-checks them against the SDK itself:
//
//   - the EIP-712 domain EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)
//     with name "EAS Attestation" and the EAS contract's version and address;
//   - the primary type Attest(uint16 version,bytes32 schema,address recipient,uint64 time,
//     uint64 expirationTime,bool revocable,bytes32 refUID,bytes data,bytes32 salt);
//   - the offchain UID of the SDK's getOffchainUID for version 2;
//   - the shareable package JSON {"sig":{…},"signer":"0x…"} ([Package]);
//   - the attestation URL form: the compacted package as a zlib-deflated JSON
//     array, base64, URI-encoded ([EncodeURL], [DecodeURL]).
//
// [Verify] checks a package against a [Trust]: trusted domains per chain,
// trusted signers, the expected schema and the clock. Each failure carries its
// own [Reason]. Revocation is not checked here: the caller looks up
// [Verified.UID] in its own revocation state and reports [ReasonRevoked].
package eas
