// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC1271} from "./IERC1271.sol";

/// @title UniversalSigValidator
/// @notice Checks a signature of `hash` on behalf of `signer`, whatever the signer is: a
/// counterfactual contract wallet (ERC-6492 wrapper), a deployed one (ERC-1271) or a plain key
/// (ecrecover), in the order ERC-6492 prescribes for verifiers.
/// @dev It is never deployed. Its creation code followed by abi.encode(signer, hash, signature) is
/// the data of an eth_call without a `to` address (the ERC-6492 "off-chain validation" approach):
/// the constructor runs the check, including the factory call that deploys a counterfactual wallet
/// inside the simulated call, and returns a single byte, 0x01 when the signature is valid and 0x00
/// when it is not. Malformed ERC-6492 wrappers make the call revert.
contract UniversalSigValidator {
    bytes32 private constant ERC6492_SUFFIX = 0x6492649264926492649264926492649264926492649264926492649264926492;
    bytes4 private constant ERC1271_MAGIC = 0x1626ba7e;
    uint256 private constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    constructor(address signer, bytes32 hash, bytes memory signature) {
        bool valid = _isValid(signer, hash, signature);
        assembly {
            mstore(0, valid)
            return(31, 1)
        }
    }

    function _isValid(address signer, bytes32 hash, bytes memory signature) private returns (bool) {
        if (_isWrapped(signature)) {
            (address factory, bytes memory factoryCalldata, bytes memory inner) = _unwrap(signature);
            if (signer.code.length == 0) {
                // Counterfactual: deploy through the factory, then ask the new contract.
                _call(factory, factoryCalldata);
                if (signer.code.length == 0) return false;
                return _isValidERC1271(signer, hash, inner);
            }
            // Already deployed: the live contract decides. If it says no, the wrapper may carry
            // a "prepare" call (a migration the contract needs first): run it and ask again.
            if (_isValidERC1271(signer, hash, inner)) return true;
            if (!_call(factory, factoryCalldata)) return false;
            return _isValidERC1271(signer, hash, inner);
        }
        if (signer.code.length > 0) return _isValidERC1271(signer, hash, signature);
        return _isValidECDSA(signer, hash, signature);
    }

    function _isWrapped(bytes memory signature) private pure returns (bool wrapped) {
        uint256 n = signature.length;
        if (n < 32) return false;
        bytes32 tail;
        assembly {
            tail := mload(add(signature, n))
        }
        return tail == ERC6492_SUFFIX;
    }

    /// @dev Decodes abi.encode(factory, factoryCalldata, innerSignature) ++ suffix. It shortens
    /// the length word of `signature` in place to drop the suffix; the caller does not reuse it.
    function _unwrap(bytes memory signature)
        private
        pure
        returns (address factory, bytes memory factoryCalldata, bytes memory inner)
    {
        assembly {
            mstore(signature, sub(mload(signature), 32))
        }
        return abi.decode(signature, (address, bytes, bytes));
    }

    function _call(address target, bytes memory data) private returns (bool ok) {
        (ok,) = target.call(data);
    }

    function _isValidERC1271(address signer, bytes32 hash, bytes memory signature) private view returns (bool) {
        (bool ok, bytes memory ret) =
            signer.staticcall(abi.encodeWithSelector(IERC1271.isValidSignature.selector, hash, signature));
        return ok && ret.length >= 32 && abi.decode(ret, (bytes32)) == bytes32(ERC1271_MAGIC);
    }

    function _isValidECDSA(address signer, bytes32 hash, bytes memory signature) private pure returns (bool) {
        if (signature.length != 65) return false;
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(signature, 32))
            s := mload(add(signature, 64))
            v := byte(0, mload(add(signature, 96)))
        }
        if (v < 27) v += 27;
        if (v != 27 && v != 28) return false;
        if (uint256(s) > HALF_ORDER) return false;
        address recovered = ecrecover(hash, v, r, s);
        return recovered != address(0) && recovered == signer;
    }
}
