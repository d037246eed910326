// Package verifier is the Go side of the onchain KYC verifier (contracts/src/KYCVerifier.sol):
// it packs a gateway attestation package into the calldata the contract and KYCGated
// integrators take (Calldata), computes its revocation key (Digest), deploys and calls the
// contract (Deploy, Verify, IsRevoked, Revoke), and publishes the gateway's revocations to each
// chain's registry as a durable job (Publisher, the "attestation.revoked" job handler).
package verifier
