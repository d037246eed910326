// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {KYCVerifierBase} from "./KYCVerifier.sol";

/// @title KYCGated
/// @notice Gates functions on a kycgate attestation of the caller:
///
///     contract Mint is KYCGated {
///         constructor(KYCConfig memory cfg) KYCGated(cfg) {}
///         function mint(bytes calldata kyc) external onlyKYC(kyc, 1) { ... }
///     }
///
/// `kyc` is the attestation in the verifier's packed form (the Go helper
/// onchain/verifier.Calldata builds it from the gateway's package). The caller (msg.sender) must
/// be the attestation's recipient, so an attestation cannot be replayed by another wallet.
/// @dev The whole check (KYCVerifierBase) runs inside the integrator's contract, which is its own
/// signer set and revocation registry: no external call, so no cold account access (2,600 gas).
/// Deploy it with the gateway's signers and the gateway's revoker address (its discovery document
/// lists both), and list the contract in the gateway's KYCGATE_VERIFIERS so revocations reach it.
abstract contract KYCGated is KYCVerifierBase {
    /// @notice Requirements beyond a valid attestation.
    struct KYCPolicy {
        // The lowest KYC level accepted.
        uint8 minLevel;
        // The highest wallet risk class accepted.
        uint8 maxWalletRisk;
        // Whether the holder must be at least 18.
        bool requireOver18;
        // ISO 3166-1 alpha-2 codes refused. When the list is not empty, an attestation without a
        // disclosed country (0x0000) is refused too.
        bytes2[] blockedCountries;
    }

    /// @notice The attestation's KYC level is below the required one.
    error KYCLevelTooLow(uint8 level, uint8 minLevel);
    /// @notice The attestation's wallet risk class is above the accepted one.
    error KYCWalletRiskTooHigh(uint8 walletRisk, uint8 maxWalletRisk);
    /// @notice The holder is not known to be at least 18.
    error KYCNotOver18();
    /// @notice The holder's country is blocked (or undisclosed while countries are blocked).
    error KYCCountryBlocked(bytes2 country);

    /// @param cfg the owner, the accepted schema, this chain's EAS deployment, the initial signers
    /// (the gateway's) and revokers (the gateway's revoker).
    constructor(KYCConfig memory cfg) KYCVerifierBase(cfg) {}

    /// @notice Lets the call through only if `kyc` is a valid attestation of msg.sender with at
    /// least `minLevel`.
    modifier onlyKYC(bytes calldata kyc, uint8 minLevel) {
        uint8 level = uint8(_kycClaims(kyc, msg.sender));
        if (level < minLevel) revert KYCLevelTooLow(level, minLevel);
        _;
    }

    /// @notice Lets the call through only if `kyc` is a valid attestation of msg.sender that meets
    /// `policy`.
    modifier onlyKYCPolicy(bytes calldata kyc, KYCPolicy memory policy) {
        _requireKYC(kyc, msg.sender, policy);
        _;
    }

    /// @notice Reverts unless `kyc` is a valid attestation of `account` that meets `policy`;
    /// returns its claims.
    function _requireKYC(bytes calldata kyc, address account, KYCPolicy memory policy)
        internal
        view
        returns (Claims memory c)
    {
        uint256 packed = _kycClaims(kyc, account);
        c.level = uint8(packed);
        c.country = bytes2(uint16(packed >> 8));
        c.over18 = (packed >> 24) & 1 == 1;
        c.walletRisk = uint8(packed >> 32);
        if (c.level < policy.minLevel) revert KYCLevelTooLow(c.level, policy.minLevel);
        if (c.walletRisk > policy.maxWalletRisk) revert KYCWalletRiskTooHigh(c.walletRisk, policy.maxWalletRisk);
        if (policy.requireOver18 && !c.over18) revert KYCNotOver18();
        uint256 n = policy.blockedCountries.length;
        if (n != 0) {
            if (c.country == bytes2(0)) revert KYCCountryBlocked(c.country);
            for (uint256 i; i < n; ++i) {
                if (policy.blockedCountries[i] == c.country) revert KYCCountryBlocked(c.country);
            }
        }
    }

    /// @notice Verifies `kyc` for `account` (reverting with the reason) and returns the claims
    /// packed as KYCVerifierBase.check documents.
    function _kycClaims(bytes calldata kyc, address account) internal view returns (uint256) {
        return _verify(kyc, account);
    }
}

/// @title ExampleGatedMint
/// @notice An example integrator and test fixture: a mint gated on KYC level 1, a mint gated on a
/// stricter policy, and an ungated twin taking the same calldata (the gas baseline).
contract ExampleGatedMint is KYCGated {
    /// @notice Tokens minted per account.
    mapping(address account => uint256) public balanceOf;

    /// @param cfg see KYCGated.
    constructor(KYCConfig memory cfg) KYCGated(cfg) {}

    /// @notice Mints one token to a caller holding a valid attestation of level 1 or more.
    function mint(bytes calldata kyc) external onlyKYC(kyc, 1) {
        balanceOf[msg.sender] += 1;
    }

    /// @notice The same as mint without the check: the baseline for measuring its gas.
    function mintUngated(bytes calldata kyc) external {
        kyc;
        balanceOf[msg.sender] += 1;
    }

    /// @notice Mints one token to an adult caller of level 2 or more, wallet risk 3 at most, not
    /// from KP or IR.
    function mintRestricted(bytes calldata kyc) external onlyKYCPolicy(kyc, _policy()) {
        balanceOf[msg.sender] += 1;
    }

    function _policy() private pure returns (KYCPolicy memory p) {
        p.minLevel = 2;
        p.maxWalletRisk = 3;
        p.requireOver18 = true;
        p.blockedCountries = new bytes2[](2);
        p.blockedCountries[0] = "KP";
        p.blockedCountries[1] = "IR";
    }
}
