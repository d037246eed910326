// Package signer holds the gateway's attestation signing keys.
//
// Keys are secp256k1 private keys, stored as hex (optionally 0x-prefixed, a
// trailing newline allowed) in a file that only its owner may read and write
// (mode 0600 or narrower), or given as a hex string (an environment
// variable). Generate writes a new key file.
//
// A KeyRing holds one active key that signs and any number of verify-only
// addresses that are still trusted, so keys can be rotated: attestations
// signed by an old key keep verifying while the new key signs. Each key has a
// key id (see KeyID). KeyRing satisfies eas.Signer through its active key.
package signer
