// Package contracts holds kycgate's Solidity contracts and their Go bindings.
//
// The sources live in src/, compiled by the solc version pinned in package.json (exact
// version, package-lock.json committed) through compile.js, which writes one artifact per
// contract (ABI and bytecode) to artifacts/ and generates bindings.go with abigen v2 from the
// go-ethereum version in go.mod. Regenerate everything with `make contracts`;
// TestGeneratedFilesAreUpToDate fails when the committed artifacts or bindings differ from a
// fresh build.
//
// Contracts:
//   - IERC1271: the ERC-1271 isValidSignature interface, used to call contract wallets.
//   - UniversalSigValidator: an ERC-6492 verifier that is never deployed: its creation code
//     plus abi-encoded (signer, hash, signature) is the data of an eth_call without a `to`
//     address, which answers 0x01 for a valid signature and 0x00 for an invalid one.
//   - SmartWallet and SmartWalletFactory: a minimal owner-signed ERC-1271 wallet and its
//     CREATE2 factory, fixtures for the ERC-1271 and ERC-6492 tests.
//   - KYCVerifierBase, KYCVerifier: the onchain check of the gateway's KYC attestations (EAS
//     offchain, EIP-712, in packed calldata) and the revocation registry; KYCVerifier is the
//     deployable one per chain.
//   - KYCGated and ExampleGatedMint: the onlyKYC modifier integrators inherit (the check runs
//     inline, the contract is its own registry) and an example consumer used in tests and for
//     the gas figures. onchain/verifier holds the Go helpers and tests.
//   - SanctionsOracle: a minimal owner-managed sanctions list with the interface of
//     Chainalysis' sanctions oracle (isSanctioned(address), addToSanctionsList), a fixture
//     for the chainalysis-oracle screening source's tests; never deployed by the gateway.
package contracts
