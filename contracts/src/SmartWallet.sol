// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC1271} from "./IERC1271.sol";

/// @title SmartWallet
/// @notice A minimal contract wallet with one owner key: a signature is valid iff it is a 65-byte
/// ECDSA signature of the hash by the owner. It exists to test ERC-1271 and ERC-6492 checks.
contract SmartWallet is IERC1271 {
    bytes4 internal constant ERC1271_MAGIC = 0x1626ba7e;
    bytes4 internal constant ERC1271_INVALID = 0xffffffff;
    // secp256k1 order / 2: larger s values are the malleable twin (EIP-2).
    uint256 internal constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /// @notice The key whose signatures this wallet accepts.
    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        if (signature.length != 65) return ERC1271_INVALID;
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (v < 27) v += 27;
        if (uint256(s) > HALF_ORDER) return ERC1271_INVALID;
        address signer = ecrecover(hash, v, r, s);
        if (signer == address(0) || signer != owner) return ERC1271_INVALID;
        return ERC1271_MAGIC;
    }
}

/// @title SmartWalletFactory
/// @notice Deploys SmartWallets with CREATE2, so a wallet's address is known before it exists
/// (the counterfactual case of ERC-6492).
contract SmartWalletFactory {
    /// @notice Emitted when a wallet is deployed.
    event WalletDeployed(address indexed wallet, address indexed owner, bytes32 salt);

    /// @notice Deploys the wallet of `owner` and `salt`, or returns it when it already exists.
    function deploy(address owner, bytes32 salt) external returns (address wallet) {
        wallet = walletAddress(owner, salt);
        if (wallet.code.length > 0) return wallet;
        SmartWallet deployed = new SmartWallet{salt: salt}(owner);
        require(address(deployed) == wallet, "SmartWalletFactory: address mismatch");
        emit WalletDeployed(wallet, owner, salt);
    }

    /// @notice The CREATE2 address of the wallet of `owner` and `salt`, deployed or not.
    function walletAddress(address owner, bytes32 salt) public view returns (address) {
        bytes32 initCodeHash = keccak256(abi.encodePacked(type(SmartWallet).creationCode, abi.encode(owner)));
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, initCodeHash)))));
    }
}
