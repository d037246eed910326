// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title SanctionsOracle
/// @notice A minimal owner-managed sanctions list with the interface of Chainalysis' sanctions
/// oracle (isSanctioned(address), selector 0xdf592f7d; addToSanctionsList and
/// removeFromSanctionsList by the owner). It exists to test the chainalysis-oracle screening
/// source on the simulated chain; the gateway never deploys it.
contract SanctionsOracle {
    /// @notice The only account that may change the list.
    address public immutable owner;

    mapping(address => bool) private sanctioned;

    /// @notice Emitted for each address put on the list.
    event SanctionedAddress(address indexed addr);
    /// @notice Emitted for each address taken off the list.
    event NonSanctionedAddress(address indexed addr);

    error NotOwner();

    constructor() {
        owner = msg.sender;
    }

    /// @notice The oracle's name, as Chainalysis' answers.
    function name() external pure returns (string memory) {
        return "Chainalysis sanctions oracle";
    }

    /// @notice Puts every address of newSanctions on the list.
    function addToSanctionsList(address[] calldata newSanctions) external {
        if (msg.sender != owner) revert NotOwner();
        for (uint256 i = 0; i < newSanctions.length; i++) {
            sanctioned[newSanctions[i]] = true;
            emit SanctionedAddress(newSanctions[i]);
        }
    }

    /// @notice Takes every address of removeSanctions off the list.
    function removeFromSanctionsList(address[] calldata removeSanctions) external {
        if (msg.sender != owner) revert NotOwner();
        for (uint256 i = 0; i < removeSanctions.length; i++) {
            sanctioned[removeSanctions[i]] = false;
            emit NonSanctionedAddress(removeSanctions[i]);
        }
    }

    /// @notice Whether addr is on the list.
    function isSanctioned(address addr) external view returns (bool) {
        return sanctioned[addr];
    }
}
