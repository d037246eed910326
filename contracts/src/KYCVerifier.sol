// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title KYCVerifierBase
/// @notice Verifies kycgate's KYC attestations onchain: EAS offchain attestations (version 2,
/// EIP-712) passed in calldata, signed by a key in an owner-managed signer set, about the account
/// being checked, within their validity window and not revoked. It is also a revocation registry
/// the gateway publishes revocations to.
/// @dev Two contracts build on it: KYCVerifier, deployed once per chain (the gateway's own
/// registry, for eth_call checks and contracts that call it), and KYCGated, which integrators
/// inherit so the check runs inside their contract, without an external call.
///
/// The EIP-712 domain is the EAS deployment's on this chain (name "EAS Attestation", the EAS
/// version and address given to the constructor, block.chainid), so the verifier accepts exactly
/// the packages the gateway signs for that chain; the separator is cached and recomputed if the
/// chain id ever differs (a fork).
///
/// The attestation is passed as packed bytes (`kyc`), 326 bytes, big-endian:
///
///     offset  size  field
///          0    32  r
///         32    32  s
///         64     1  v (27 or 28)
///         65    32  schema
///         97    20  recipient
///        117     8  time
///        125     8  expirationTime (0: never expires)
///        133     1  revocable (0 or 1)
///        134    32  refUID
///        166    32  salt
///        198   128  data: abi.encode(uint8 kycLevel, bytes2 country, bool over18, uint8 walletRisk)
///
/// The message version is always 2 (EAS offchain version 2). Revocations are keyed by the
/// attestation's EIP-712 digest on this chain, which the check computes anyway: one storage read.
abstract contract KYCVerifierBase {
    /// @notice What a verifier is deployed with.
    struct KYCConfig {
        // Manages the signer and revoker sets.
        address owner;
        // The EAS schema UID accepted.
        bytes32 schema;
        // This chain's EAS contract, the EIP-712 domain's verifyingContract.
        address eas;
        // The EAS contract's EIP-712 version, e.g. "1.0.1".
        string easVersion;
        // The initial signer set.
        address[] signers;
        // The initial revokers.
        address[] revokers;
    }

    /// @notice The KYC fields of a verified attestation.
    struct Claims {
        uint8 level;
        bytes2 country;
        bool over18;
        uint8 walletRisk;
    }

    /// @notice `kyc` is shorter or longer than the packed layout, or a flag is not 0 or 1.
    error MalformedAttestation();
    /// @notice The attestation's data is not exactly 128 bytes of canonical
    /// abi.encode(uint8, bytes2, bool, uint8).
    error InvalidData();
    /// @notice The attestation's schema is not the one this verifier accepts.
    error WrongSchema(bytes32 schema);
    /// @notice The attestation is about another account (a replay by another wallet).
    error WrongRecipient(address recipient, address account);
    /// @notice The attestation's time is after the current block's timestamp.
    error NotYetValid(uint64 time);
    /// @notice The attestation's expiration time has passed.
    error Expired(uint64 expirationTime);
    /// @notice The signature's v is not 27 or 28.
    error InvalidSignatureV(uint8 v);
    /// @notice The signature's s is in the upper half of the curve order (EIP-2 malleability).
    error MalleableSignature();
    /// @notice The signature does not recover to any address.
    error InvalidSignature();
    /// @notice The signature recovers to an address that is not in the signer set.
    error UntrustedSigner(address signer);
    /// @notice The attestation was revoked in this registry.
    error AttestationRevoked(bytes32 digest);
    /// @notice The caller is not the owner.
    error NotOwner(address caller);
    /// @notice The caller is not an authorised revoker.
    error NotRevoker(address caller);
    /// @notice The zero address cannot be a signer, revoker or owner.
    error ZeroAddress();

    /// @notice `signer`'s attestations are accepted from now on.
    event SignerAdded(address indexed signer);
    /// @notice `signer`'s attestations are refused from now on, including those already issued.
    event SignerRemoved(address indexed signer);
    /// @notice `revoker` may revoke attestations from now on.
    event RevokerAdded(address indexed revoker);
    /// @notice `revoker` may no longer revoke attestations.
    event RevokerRemoved(address indexed revoker);
    /// @notice The attestation with EIP-712 digest `digest` was revoked by `revoker`.
    event Revoked(bytes32 indexed digest, address indexed revoker);
    /// @notice The owner changed.
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    // keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
    bytes32 private constant DOMAIN_TYPEHASH = 0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f;
    // keccak256("Attest(uint16 version,bytes32 schema,address recipient,uint64 time,uint64 expirationTime,bool revocable,bytes32 refUID,bytes data,bytes32 salt)")
    bytes32 private constant ATTEST_TYPEHASH = 0x258b757fc37a6699a984f4be01258122f834200374b34b4457b6db0dd0f71132;
    // keccak256("EAS Attestation")
    bytes32 private constant NAME_HASH = keccak256("EAS Attestation");
    // secp256k1 order / 2: larger s values are the malleable twin (EIP-2).
    uint256 private constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /// @notice The length of a packed attestation (see the contract's documentation).
    uint256 public constant KYC_LENGTH = 326;

    /// @notice The EAS schema UID every accepted attestation carries.
    bytes32 public immutable schema;
    /// @notice The EAS contract of this chain, the EIP-712 domain's verifyingContract.
    address public immutable eas;
    bytes32 private immutable _versionHash;
    uint256 private immutable _cachedChainId;
    bytes32 private immutable _cachedSeparator;

    /// @notice The account that manages signers and revokers.
    address public owner;
    /// @notice Whether an address's attestations are accepted.
    mapping(address signer => bool) public isSigner;
    /// @notice Whether an address may revoke attestations.
    mapping(address revoker => bool) public isRevoker;
    /// @notice When an attestation (by EIP-712 digest) was revoked; 0 if it is not.
    mapping(bytes32 digest => uint256) public revokedAt;

    /// @param cfg the owner, the accepted schema, this chain's EAS deployment, the initial signers
    /// and revokers.
    constructor(KYCConfig memory cfg) {
        if (cfg.owner == address(0)) revert ZeroAddress();
        owner = cfg.owner;
        emit OwnershipTransferred(address(0), cfg.owner);
        schema = cfg.schema;
        eas = cfg.eas;
        bytes32 versionHash = keccak256(bytes(cfg.easVersion));
        _versionHash = versionHash;
        _cachedChainId = block.chainid;
        _cachedSeparator = _separator(versionHash, cfg.eas);
        for (uint256 i; i < cfg.signers.length; ++i) _addSigner(cfg.signers[i]);
        for (uint256 i; i < cfg.revokers.length; ++i) _addRevoker(cfg.revokers[i]);
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    // ---- verification ----

    /// @notice Verifies the packed attestation `kyc` for `account` and returns its KYC fields.
    /// Reverts with the reason when it is not valid now.
    function verify(bytes calldata kyc, address account) external view returns (Claims memory claims) {
        uint256 packed = _verify(kyc, account);
        claims.level = uint8(packed);
        claims.country = bytes2(uint16(packed >> 8));
        claims.over18 = (packed >> 24) & 1 == 1;
        claims.walletRisk = uint8(packed >> 32);
    }

    /// @notice Verifies the packed attestation `kyc` for `account` and returns its KYC fields
    /// packed in one word: level in bits 0-7, country in bits 8-23 (first letter high), over18 in
    /// bit 24, walletRisk in bits 32-39. The cheapest entry point; KYCGated calls it.
    function check(bytes calldata kyc, address account) external view returns (uint256) {
        return _verify(kyc, account);
    }

    /// @notice The EIP-712 digest of the packed attestation `kyc` on this chain: the key of its
    /// revocation. It checks nothing but the length.
    function digestOf(bytes calldata kyc) external view returns (bytes32) {
        if (kyc.length != KYC_LENGTH) revert MalformedAttestation();
        return _digest(kyc, _domainSeparator());
    }

    /// @notice The EIP-712 domain separator of this chain's EAS deployment.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparator();
    }

    /// @notice Whether the attestation with EIP-712 digest `digest` is revoked.
    function isRevoked(bytes32 digest) external view returns (bool) {
        return revokedAt[digest] != 0;
    }

    /// @dev The whole check. Returns the claims packed as `check` documents.
    function _verify(bytes calldata kyc, address account) internal view returns (uint256 claims) {
        bytes32 expectedSchema = schema;
        uint256 v;
        assembly ("memory-safe") {
            function fail(selector) {
                mstore(0x00, shl(224, selector))
                revert(0x00, 0x04)
            }
            function fail1(selector, arg) {
                mstore(0x00, shl(224, selector))
                mstore(0x04, arg)
                revert(0x00, 0x24)
            }

            if iszero(eq(kyc.length, 326)) {
                // A full header with data of another length (e.g. truncated) is a data error.
                if lt(kyc.length, 198) { fail(0xe13ced0b) } // MalformedAttestation()
                fail(0x5cb045db) // InvalidData()
            }
            let o := kyc.offset

            // Schema, recipient, validity window, flags.
            let sch := calldataload(add(o, 65))
            if iszero(eq(sch, expectedSchema)) { fail1(0x71fe074b, sch) } // WrongSchema(bytes32)
            let recipient := shr(96, calldataload(add(o, 97)))
            if iszero(eq(recipient, account)) {
                let e := mload(0x40)
                mstore(e, shl(224, 0x33d3166e)) // WrongRecipient(address,address)
                mstore(add(e, 0x04), recipient)
                mstore(add(e, 0x24), account)
                revert(e, 0x44)
            }
            let t := shr(192, calldataload(add(o, 117)))
            if gt(t, timestamp()) { fail1(0x2d5d879e, t) } // NotYetValid(uint64)
            let expiry := shr(192, calldataload(add(o, 125)))
            if and(iszero(iszero(expiry)), iszero(lt(timestamp(), expiry))) { fail1(0x95693653, expiry) } // Expired(uint64)
            if gt(shr(248, calldataload(add(o, 133))), 1) { fail(0xe13ced0b) } // MalformedAttestation()

            // Data: abi.encode(uint8, bytes2, bool, uint8), strictly canonical.
            let level := calldataload(add(o, 198))
            let country := calldataload(add(o, 230))
            let over18 := calldataload(add(o, 262))
            let risk := calldataload(add(o, 294))
            if or(or(gt(level, 0xff), shl(16, country)), or(gt(over18, 1), gt(risk, 0xff))) {
                fail(0x5cb045db) // InvalidData()
            }
            claims := or(or(level, shr(232, country)), or(shl(24, over18), shl(32, risk)))

            // Signature: v in {27, 28}, low s.
            v := shr(248, calldataload(add(o, 64)))
            if iszero(or(eq(v, 27), eq(v, 28))) { fail1(0xba76ff02, v) } // InvalidSignatureV(uint8)
            if gt(calldataload(add(o, 32)), HALF_ORDER) { fail(0xf0ad0d09) } // MalleableSignature()
        }
        bytes32 digest = _digest(kyc, _domainSeparator());
        assembly ("memory-safe") {
            // ecrecover through the precompile.
            let o := kyc.offset
            let p := mload(0x40)
            mstore(p, digest)
            mstore(add(p, 0x20), v)
            mstore(add(p, 0x40), calldataload(o))
            mstore(add(p, 0x60), calldataload(add(o, 32)))
            mstore(0x00, 0)
            pop(staticcall(gas(), 1, p, 0x80, 0x00, 0x20))
            let signer := mload(0x00)
            if iszero(signer) {
                mstore(0x00, shl(224, 0x8baa579f)) // InvalidSignature()
                revert(0x00, 0x04)
            }

            // The signer set, then the revocation registry: one storage read each.
            mstore(0x20, isSigner.slot)
            if iszero(sload(keccak256(0x00, 0x40))) {
                mstore(0x00, shl(224, 0x5292db31)) // UntrustedSigner(address)
                mstore(0x04, signer)
                revert(0x00, 0x24)
            }
            mstore(0x00, digest)
            mstore(0x20, revokedAt.slot)
            if sload(keccak256(0x00, 0x40)) {
                mstore(0x00, shl(224, 0x04bed256)) // AttestationRevoked(bytes32)
                mstore(0x04, digest)
                revert(0x00, 0x24)
            }
        }
    }

    /// @dev The EIP-712 digest of the packed attestation at kyc (length already checked), hashed
    /// straight from calldata into scratch memory past the free memory pointer.
    function _digest(bytes calldata kyc, bytes32 separator) private pure returns (bytes32 digest) {
        assembly ("memory-safe") {
            let o := kyc.offset
            let p := mload(0x40)
            mstore(p, ATTEST_TYPEHASH)
            mstore(add(p, 0x20), 2)
            mstore(add(p, 0x40), calldataload(add(o, 65)))
            mstore(add(p, 0x60), shr(96, calldataload(add(o, 97))))
            mstore(add(p, 0x80), shr(192, calldataload(add(o, 117))))
            mstore(add(p, 0xa0), shr(192, calldataload(add(o, 125))))
            mstore(add(p, 0xc0), shr(248, calldataload(add(o, 133))))
            mstore(add(p, 0xe0), calldataload(add(o, 134)))
            calldatacopy(add(p, 0x100), add(o, 198), 128)
            mstore(add(p, 0x100), keccak256(add(p, 0x100), 128))
            mstore(add(p, 0x120), calldataload(add(o, 166)))
            let structHash := keccak256(p, 0x140)
            mstore(p, 0x1901000000000000000000000000000000000000000000000000000000000000)
            mstore(add(p, 0x02), separator)
            mstore(add(p, 0x22), structHash)
            digest := keccak256(p, 0x42)
        }
    }

    function _domainSeparator() internal view returns (bytes32) {
        if (block.chainid == _cachedChainId) return _cachedSeparator;
        return _separator(_versionHash, eas);
    }

    function _separator(bytes32 versionHash, address verifyingContract) private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, versionHash, block.chainid, verifyingContract));
    }

    // ---- revocation registry ----

    /// @notice Revokes the attestation with EIP-712 digest `digest`. Idempotent: revoking it again
    /// changes nothing and emits nothing. Only revokers.
    function revoke(bytes32 digest) external {
        if (!isRevoker[msg.sender]) revert NotRevoker(msg.sender);
        _revoke(digest);
    }

    /// @notice Revokes several attestations at once; already revoked ones are skipped.
    function revokeMany(bytes32[] calldata digests) external {
        if (!isRevoker[msg.sender]) revert NotRevoker(msg.sender);
        for (uint256 i; i < digests.length; ++i) _revoke(digests[i]);
    }

    function _revoke(bytes32 digest) private {
        if (revokedAt[digest] != 0) return;
        revokedAt[digest] = block.timestamp;
        emit Revoked(digest, msg.sender);
    }

    // ---- administration ----

    /// @notice Adds a signer (idempotent). Only the owner.
    function addSigner(address signer) external onlyOwner {
        _addSigner(signer);
    }

    /// @notice Removes a signer: its attestations, issued or not, fail from now on. Only the owner.
    function removeSigner(address signer) external onlyOwner {
        if (!isSigner[signer]) return;
        isSigner[signer] = false;
        emit SignerRemoved(signer);
    }

    /// @notice Replaces signer `oldSigner` by `newSigner` in one transaction (key rotation).
    function rotateSigner(address oldSigner, address newSigner) external onlyOwner {
        if (isSigner[oldSigner]) {
            isSigner[oldSigner] = false;
            emit SignerRemoved(oldSigner);
        }
        _addSigner(newSigner);
    }

    /// @notice Adds a revoker (idempotent). Only the owner.
    function addRevoker(address revoker) external onlyOwner {
        _addRevoker(revoker);
    }

    /// @notice Removes a revoker. Only the owner.
    function removeRevoker(address revoker) external onlyOwner {
        if (!isRevoker[revoker]) return;
        isRevoker[revoker] = false;
        emit RevokerRemoved(revoker);
    }

    /// @notice Hands the administration to `newOwner`. Only the owner.
    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert ZeroAddress();
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }

    function _addSigner(address signer) private {
        if (signer == address(0)) revert ZeroAddress();
        if (isSigner[signer]) return;
        isSigner[signer] = true;
        emit SignerAdded(signer);
    }

    function _addRevoker(address revoker) private {
        if (revoker == address(0)) revert ZeroAddress();
        if (isRevoker[revoker]) return;
        isRevoker[revoker] = true;
        emit RevokerAdded(revoker);
    }
}

/// @title KYCVerifier
/// @notice The gateway's verifier and revocation registry on one chain (see KYCVerifierBase).
/// Contracts may call `check` or `verify`; KYCGated integrators run the same check inline.
contract KYCVerifier is KYCVerifierBase {
    /// @param cfg the owner, the accepted schema, this chain's EAS deployment, the initial signers
    /// and revokers.
    constructor(KYCConfig memory cfg) KYCVerifierBase(cfg) {}
}
