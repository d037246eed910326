// Package wallet is about Ethereum accounts: parsing addresses and checking that an
// address signed a digest, whatever kind of account it is.
//
// Verifier.VerifySignature accepts, in this order:
//   - an ERC-6492 wrapped signature (it ends in the 32-byte magic suffix): a counterfactual
//     contract wallet, checked with one eth_call that runs contracts.UniversalSigValidator's
//     creation code, which deploys the wallet through its factory inside the call and asks it;
//   - a plain EOA signature: 65 bytes r‖s‖v that ecrecover maps to the address;
//   - otherwise, when the address has code on that chain, ERC-1271: isValidSignature(digest,
//     signature) must return 0x1626ba7e.
//
// Checking the EOA signature before the code is safe: nobody holds a key for a contract's
// address, so a signature that recovers to it comes from the address's own key (an EIP-7702
// delegated account is still governed by that key). It spares an RPC round trip for most users.
//
// Contract checks need a chain client for the chain id. Without one, an ERC-6492 signature,
// and any signature that is not the address's own EOA signature (it might be a deployed
// contract wallet's, which cannot be told without asking the chain), give
// ErrContractWalletUnsupported: never a silent pass. With a client, a signature of an
// address without code that does not recover to it is ErrInvalidSignature.
package wallet
