// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title IERC1271
/// @notice The ERC-1271 standard signature validation method for contracts.
interface IERC1271 {
    /// @notice Returns 0x1626ba7e when `signature` is valid for `hash` on behalf of this contract.
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4 magicValue);
}
