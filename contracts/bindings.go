// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package contracts

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// KYCVerifierBaseClaims is an auto generated low-level Go binding around an user-defined struct.
type KYCVerifierBaseClaims struct {
	Level      uint8
	Country    [2]byte
	Over18     bool
	WalletRisk uint8
}

// KYCVerifierBaseKYCConfig is an auto generated low-level Go binding around an user-defined struct.
type KYCVerifierBaseKYCConfig struct {
	Owner      common.Address
	Schema     [32]byte
	Eas        common.Address
	EasVersion string
	Signers    []common.Address
	Revokers   []common.Address
}

// ExampleGatedMintMetaData contains all meta data concerning the ExampleGatedMint contract.
var ExampleGatedMintMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"schema\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"eas\",\"type\":\"address\"},{\"internalType\":\"string\",\"name\":\"easVersion\",\"type\":\"string\"},{\"internalType\":\"address[]\",\"name\":\"signers\",\"type\":\"address[]\"},{\"internalType\":\"address[]\",\"name\":\"revokers\",\"type\":\"address[]\"}],\"internalType\":\"structKYCVerifierBase.KYCConfig\",\"name\":\"cfg\",\"type\":\"tuple\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"AttestationRevoked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"expirationTime\",\"type\":\"uint64\"}],\"name\":\"Expired\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidData\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"}],\"name\":\"InvalidSignatureV\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes2\",\"name\":\"country\",\"type\":\"bytes2\"}],\"name\":\"KYCCountryBlocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"level\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"minLevel\",\"type\":\"uint8\"}],\"name\":\"KYCLevelTooLow\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"KYCNotOver18\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"walletRisk\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"maxWalletRisk\",\"type\":\"uint8\"}],\"name\":\"KYCWalletRiskTooHigh\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MalformedAttestation\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MalleableSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotRevoker\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"time\",\"type\":\"uint64\"}],\"name\":\"NotYetValid\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"UntrustedSigner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"WrongRecipient\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"schema\",\"type\":\"bytes32\"}],\"name\":\"WrongSchema\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"Revoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"RevokerAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"RevokerRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"SignerAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"SignerRemoved\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"KYC_LENGTH\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"addRevoker\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"addSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"check\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"}],\"name\":\"digestOf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eas\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"isRevoked\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"isRevoker\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"isSigner\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"}],\"name\":\"mint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"}],\"name\":\"mintRestricted\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"}],\"name\":\"mintUngated\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"removeRevoker\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"removeSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"revoke\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"digests\",\"type\":\"bytes32[]\"}],\"name\":\"revokeMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"revokedAt\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"oldSigner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"newSigner\",\"type\":\"address\"}],\"name\":\"rotateSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"schema\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"verify\",\"outputs\":[{\"components\":[{\"internalType\":\"uint8\",\"name\":\"level\",\"type\":\"uint8\"},{\"internalType\":\"bytes2\",\"name\":\"country\",\"type\":\"bytes2\"},{\"internalType\":\"bool\",\"name\":\"over18\",\"type\":\"bool\"},{\"internalType\":\"uint8\",\"name\":\"walletRisk\",\"type\":\"uint8\"}],\"internalType\":\"structKYCVerifierBase.Claims\",\"name\":\"claims\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "7ef8e1bf6d3acee2ccf42a0f9b0cbaa887",
	Bin: "0x61012060405234801561001157600080fd5b50604051611a2b380380611a2b833981016040819052610030916104b7565b8051819081906001600160a01b031661005c5760405163d92e233d60e01b815260040160405180910390fd5b8051600080546001600160a01b0319166001600160a01b0390921691821781556040517f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0908290a36020818101516080908152604080840180516001600160a01b0390811660a090815260608088015180519088012060c08181524660e0819052955187517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f818c01527f434488b9302b9d5ff4975379b7ba0acaee923ab697b79a559231468b2327e2fd818a015293840183905297830195909552959092168282015283518083039091018152910190915280519201919091206101005260005b82608001515181101561019f5761019783608001518281518110610184576101846105a8565b60200260200101516101ee60201b60201c565b60010161015e565b5060005b8260a00151518110156101e4576101dc8360a0015182815181106101c9576101c96105a8565b602002602001015161028860201b60201c565b6001016101a3565b50505050506105be565b6001600160a01b0381166102155760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b03811660009081526001602052604090205460ff16156102395750565b6001600160a01b0381166000818152600160208190526040808320805460ff1916909217909155517f47d1c22a25bb3a5d4e481b9b1e6944c2eade3181a0a20b495ed61d35b5323f249190a250565b6001600160a01b0381166102af5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b03811660009081526002602052604090205460ff16156102d35750565b6001600160a01b038116600081815260026020526040808220805460ff19166001179055517f1079379f5563b8119cc5df445caf51f759d16278574b30c60c2bb998c849c1169190a250565b634e487b7160e01b600052604160045260246000fd5b60405160c081016001600160401b03811182821017156103575761035761031f565b60405290565b604051601f8201601f191681016001600160401b03811182821017156103855761038561031f565b604052919050565b80516001600160a01b03811681146103a457600080fd5b919050565b600082601f8301126103ba57600080fd5b81516001600160401b038111156103d3576103d361031f565b6103e6601f8201601f191660200161035d565b8181528460208386010111156103fb57600080fd5b60005b8281101561041a576020818601810151838301820152016103fe565b506000918101602001919091529392505050565b600082601f83011261043f57600080fd5b81516001600160401b038111156104585761045861031f565b8060051b6104686020820161035d565b9182526020818501810192908101908684111561048457600080fd5b6020860192505b838310156104ad5761049c8361038d565b82526020928301929091019061048b565b9695505050505050565b6000602082840312156104c957600080fd5b81516001600160401b038111156104df57600080fd5b820160c081850312156104f157600080fd5b6104f9610335565b6105028261038d565b81526020828101519082015261051a6040830161038d565b604082015260608201516001600160401b0381111561053857600080fd5b610544868285016103a9565b60608301525060808201516001600160401b0381111561056357600080fd5b61056f8682850161042e565b60808301525060a08201516001600160401b0381111561058e57600080fd5b61059a8682850161042e565b60a083015250949350505050565b634e487b7160e01b600052603260045260246000fd5b60805160a05160c05160e0516101005161141b6106106000396000610f3001526000610f0801526000610fa80152600081816102b90152610fd40152600081816103ce0152610950015261141b6000f3fe608060405234801561001057600080fd5b50600436106101585760003560e01c8063961a66f6116100c3578063eb12d61e1161007c578063eb12d61e14610378578063f2fde38b1461038b578063f698da251461039e578063f6c4b01f146103a6578063f8895cc8146103c9578063f95abea7146103f057600080fd5b8063961a66f614610306578063acfeca8014610319578063b7449f0f1461032c578063b75c7dc61461033f578063c06f8b9414610352578063e83a462e1461036557600080fd5b8063625300b211610115578063625300b21461025557806370a082311461025e5780637ba0e2e71461027e5780637df73e27146102915780638150864d146102b45780638da5cb5b146102f357600080fd5b8063098787ce1461015d5780630e316ab7146101905780632e406619146101a5578063355a9867146101b85780633d3ac1b5146101cb5780634294857f14610223575b600080fd5b61017d61016b3660046111d5565b60036020526000908152604090205481565b6040519081526020015b60405180910390f35b6101a361019e36600461120a565b610403565b005b61017d6101b336600461126e565b6104a0565b6101a36101c63660046112c2565b6104b5565b6101de6101d936600461126e565b6104de565b6040516101879190815160ff90811682526020808401516001600160f01b03191690830152604080840151151590830152606092830151169181019190915260800190565b6102456102313660046111d5565b600090815260036020526040902054151590565b6040519015158152602001610187565b61017d61014681565b61017d61026c36600461120a565b60046020526000908152604090205481565b6101a361028c3660046112c2565b61054d565b61024561029f36600461120a565b60016020526000908152604090205460ff1681565b6102db7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610187565b6000546102db906001600160a01b031681565b6101a361031436600461120a565b6105c1565b6101a36103273660046112c2565b6105f7565b61017d61033a3660046112c2565b61063a565b6101a361034d3660046111d5565b610679565b6101a361036036600461120a565b6106b4565b6101a3610373366004611304565b61074b565b6101a361038636600461120a565b6107ed565b6101a361039936600461120a565b610823565b61017d6108d2565b6102456103b436600461120a565b60026020526000908152604090205460ff1681565b61017d7f000000000000000000000000000000000000000000000000000000000000000081565b6101a36103fe366004611337565b6108e1565b6000546001600160a01b031633146104355760405163245aecd360e01b81523360048201526024015b60405180910390fd5b6001600160a01b03811660009081526001602052604090205460ff161561049d576001600160a01b038116600081815260016020526040808220805460ff19169055517f3525e22824a8a7df2c9a6029941c824cf95b6447f1e13d5128fd3826d35afe8b9190a25b50565b60006104ad84848461094c565b949350505050565b3360009081526004602052604081208054600192906104d59084906113ae565b90915550505050565b60408051608081018252600080825260208201819052918101829052606081018290529061050d85858561094c565b60ff80821684526001600160f01b031960e883901b166020808601919091526001601884901c81161460408601529190911c166060830152509392505050565b81816001600061055e8484336104a0565b90508160ff168160ff161015610594576040516301b1064f60e11b815260ff80831660048301528316602482015260440161042c565b3360009081526004602052604081208054600192906105b49084906113ae565b9091555050505050505050565b6000546001600160a01b031633146105ee5760405163245aecd360e01b815233600482015260240161042c565b61049d81610bcc565b8181610601610c63565b61060d83833384610d1e565b5033600090815260046020526040812080546001929061062e9084906113ae565b90915550505050505050565b6000610146821461065e5760405163e13ced0b60e01b815260040160405180910390fd5b610670838361066b610f04565b61101f565b90505b92915050565b3360009081526002602052604090205460ff166106ab57604051635a4c7a3b60e01b815233600482015260240161042c565b61049d816110e6565b6000546001600160a01b031633146106e15760405163245aecd360e01b815233600482015260240161042c565b6001600160a01b03811660009081526002602052604090205460ff161561049d576001600160a01b038116600081815260026020526040808220805460ff19169055517f869c3bd5ab476af0f92c3a50e0fe7aebf167e6e23a67d07e721e12be6877c6139190a250565b6000546001600160a01b031633146107785760405163245aecd360e01b815233600482015260240161042c565b6001600160a01b03821660009081526001602052604090205460ff16156107e0576001600160a01b038216600081815260016020526040808220805460ff19169055517f3525e22824a8a7df2c9a6029941c824cf95b6447f1e13d5128fd3826d35afe8b9190a25b6107e98161113b565b5050565b6000546001600160a01b0316331461081a5760405163245aecd360e01b815233600482015260240161042c565b61049d8161113b565b6000546001600160a01b031633146108505760405163245aecd360e01b815233600482015260240161042c565b6001600160a01b0381166108775760405163d92e233d60e01b815260040160405180910390fd5b600080546040516001600160a01b03808516939216917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e091a3600080546001600160a01b0319166001600160a01b0392909216919091179055565b60006108dc610f04565b905090565b3360009081526002602052604090205460ff1661091357604051635a4c7a3b60e01b815233600482015260240161042c565b60005b818110156109475761093f838383818110610933576109336113cf565b905060200201356110e6565b600101610916565b505050565b60007f000000000000000000000000000000000000000000000000000000000000000081610994565b8060e01b60005260046000fd5b8060e01b600052508060045260246000fd5b61014685146109c05760c68510156109b3576109b363e13ced0b610975565b6109c0635cb045db610975565b8560418101358381146109db576109db816371fe074b610982565b50606181013560601c858114610a09576040516333d3166e60e01b8152816004820152866024820152604481fd5b50607581013560c01c42811115610a2857610a2881632d5d879e610982565b50607d81013560c01c804210158115151615610a4c57610a4c816395693653610982565b506001608582013560f81c1115610a6a57610a6a63e13ced0b610975565b60c681013560e682013561010683013561012684013560ff811160018311178360101b60ff8611171715610aa557610aa5635cb045db610975565b8060201b8260181b178360e81c851717975050505050604081013560f81c9150601c8214601b831417610ae057610ae08263ba76ff02610982565b7f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a060208201351115610b1957610b1963f0ad0d09610975565b506000610b29878761066b610f04565b9050866040518281528360208201528135604082015260208201356060820152600080526020600060808360015afa50505060005180610b7457638baa579f60e01b60005260046000fd5b6001602052604060002054610b9857635292db3160e01b6000528060045260246000fd5b5080600052600360205260406000205415610bc2576304bed25660e01b6000528060045260246000fd5b5050509392505050565b6001600160a01b038116610bf35760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b03811660009081526002602052604090205460ff1615610c175750565b6001600160a01b038116600081815260026020526040808220805460ff19166001179055517f1079379f5563b8119cc5df445caf51f759d16278574b30c60c2bb998c849c1169190a250565b604080516080810182526060808201819052600280835260036020840152600183850152835181815291820190935290918160200160208202803683375050506060820181905280516104b560f41b9190600090610cc357610cc36113cf565b60200260200101906001600160f01b03191690816001600160f01b031916815250506124a960f11b8160600151600181518110610d0257610d026113cf565b6001600160f01b03199092166020928302919091019091015290565b604080516080810182526000808252602082018190529181018290526060810182905290610d4d8686866104a0565b60ff8082168085526001600160f01b031960e884901b166020808701919091526001601885901c811614604087015283901c82166060860152855192935091161115610dbd57815183516040516301b1064f60e11b815260ff92831660048201529116602482015260440161042c565b826020015160ff16826060015160ff161115610e035760608201516020840151604051633e8dd10160e21b815260ff92831660048201529116602482015260440161042c565b82604001518015610e1657508160400151155b15610e345760405163b691ea0f60e01b815260040160405180910390fd5b6060830151518015610efa5760208301516001600160f01b031916610e7e57602083015160405163026c4c2f60e41b81526001600160f01b0319909116600482015260240161042c565b60005b81811015610ef85783602001516001600160f01b03191685606001518281518110610eae57610eae6113cf565b60200260200101516001600160f01b03191603610ef057602084015160405163026c4c2f60e41b81526001600160f01b0319909116600482015260240161042c565b600101610e81565b505b5050949350505050565b60007f00000000000000000000000000000000000000000000000000000000000000004603610f5257507f000000000000000000000000000000000000000000000000000000000000000090565b50604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f6020808301919091527f434488b9302b9d5ff4975379b7ba0acaee923ab697b79a559231468b2327e2fd828401527f000000000000000000000000000000000000000000000000000000000000000060608301524660808301527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031660a0808401919091528351808403909101815260c0909201909252805191012090565b6000836040517f258b757fc37a6699a984f4be01258122f834200374b34b4457b6db0dd0f7113281526002602082015260418201356040820152606182013560601c6060820152607582013560c01c6080820152607d82013560c01c60a0820152608582013560f81c60c0820152608682013560e0820152608060c68301610100830137608061010082012061010082015260a68201356101208201526101408120915061190160f01b815283600282015281602282015260428120925050509392505050565b600081815260036020526040902054156110fd5750565b60008181526003602052604080822042905551339183917f5bc2baf870c5baf189838b5e0b0e3b04a3263e2df5d305d1c15f3e6022f5dc459190a350565b6001600160a01b0381166111625760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b03811660009081526001602052604090205460ff16156111865750565b6001600160a01b0381166000818152600160208190526040808320805460ff1916909217909155517f47d1c22a25bb3a5d4e481b9b1e6944c2eade3181a0a20b495ed61d35b5323f249190a250565b6000602082840312156111e757600080fd5b5035919050565b80356001600160a01b038116811461120557600080fd5b919050565b60006020828403121561121c57600080fd5b610670826111ee565b60008083601f84011261123757600080fd5b50813567ffffffffffffffff81111561124f57600080fd5b60208301915083602082850101111561126757600080fd5b9250929050565b60008060006040848603121561128357600080fd5b833567ffffffffffffffff81111561129a57600080fd5b6112a686828701611225565b90945092506112b99050602085016111ee565b90509250925092565b600080602083850312156112d557600080fd5b823567ffffffffffffffff8111156112ec57600080fd5b6112f885828601611225565b90969095509350505050565b6000806040838503121561131757600080fd5b611320836111ee565b915061132e602084016111ee565b90509250929050565b6000806020838503121561134a57600080fd5b823567ffffffffffffffff81111561136157600080fd5b8301601f8101851361137257600080fd5b803567ffffffffffffffff81111561138957600080fd5b8560208260051b840101111561139e57600080fd5b6020919091019590945092505050565b8082018082111561067357634e487b7160e01b600052601160045260246000fd5b634e487b7160e01b600052603260045260246000fdfea2646970667358221220b92e9cedf4d3971a9a0f8a8641f5dcbc4bd1a26b4d5d84c1bbc7921001e6e07564736f6c63430008250033",
}

// ExampleGatedMint is an auto generated Go binding around an Ethereum contract.
type ExampleGatedMint struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *ExampleGatedMint) GetABI() abi.ABI {
	return c.abi
}

// NewExampleGatedMint creates a new instance of ExampleGatedMint.
func NewExampleGatedMint() *ExampleGatedMint {
	parsed, err := ExampleGatedMintMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &ExampleGatedMint{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *ExampleGatedMint) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor((address,bytes32,address,string,address[],address[]) cfg) returns()
func (exampleGatedMint *ExampleGatedMint) PackConstructor(cfg KYCVerifierBaseKYCConfig) []byte {
	enc, err := exampleGatedMint.abi.Pack("", cfg)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackKYCLENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x625300b2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function KYC_LENGTH() view returns(uint256)
func (exampleGatedMint *ExampleGatedMint) PackKYCLENGTH() []byte {
	enc, err := exampleGatedMint.abi.Pack("KYC_LENGTH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackKYCLENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x625300b2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function KYC_LENGTH() view returns(uint256)
func (exampleGatedMint *ExampleGatedMint) TryPackKYCLENGTH() ([]byte, error) {
	return exampleGatedMint.abi.Pack("KYC_LENGTH")
}

// UnpackKYCLENGTH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x625300b2.
//
// Solidity: function KYC_LENGTH() view returns(uint256)
func (exampleGatedMint *ExampleGatedMint) UnpackKYCLENGTH(data []byte) (*big.Int, error) {
	out, err := exampleGatedMint.abi.Unpack("KYC_LENGTH", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackAddRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x961a66f6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addRevoker(address revoker) returns()
func (exampleGatedMint *ExampleGatedMint) PackAddRevoker(revoker common.Address) []byte {
	enc, err := exampleGatedMint.abi.Pack("addRevoker", revoker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x961a66f6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addRevoker(address revoker) returns()
func (exampleGatedMint *ExampleGatedMint) TryPackAddRevoker(revoker common.Address) ([]byte, error) {
	return exampleGatedMint.abi.Pack("addRevoker", revoker)
}

// PackAddSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeb12d61e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addSigner(address signer) returns()
func (exampleGatedMint *ExampleGatedMint) PackAddSigner(signer common.Address) []byte {
	enc, err := exampleGatedMint.abi.Pack("addSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeb12d61e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addSigner(address signer) returns()
func (exampleGatedMint *ExampleGatedMint) TryPackAddSigner(signer common.Address) ([]byte, error) {
	return exampleGatedMint.abi.Pack("addSigner", signer)
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (exampleGatedMint *ExampleGatedMint) PackBalanceOf(account common.Address) []byte {
	enc, err := exampleGatedMint.abi.Pack("balanceOf", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (exampleGatedMint *ExampleGatedMint) TryPackBalanceOf(account common.Address) ([]byte, error) {
	return exampleGatedMint.abi.Pack("balanceOf", account)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (exampleGatedMint *ExampleGatedMint) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := exampleGatedMint.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCheck is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e406619.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function check(bytes kyc, address account) view returns(uint256)
func (exampleGatedMint *ExampleGatedMint) PackCheck(kyc []byte, account common.Address) []byte {
	enc, err := exampleGatedMint.abi.Pack("check", kyc, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCheck is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e406619.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function check(bytes kyc, address account) view returns(uint256)
func (exampleGatedMint *ExampleGatedMint) TryPackCheck(kyc []byte, account common.Address) ([]byte, error) {
	return exampleGatedMint.abi.Pack("check", kyc, account)
}

// UnpackCheck is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2e406619.
//
// Solidity: function check(bytes kyc, address account) view returns(uint256)
func (exampleGatedMint *ExampleGatedMint) UnpackCheck(data []byte) (*big.Int, error) {
	out, err := exampleGatedMint.abi.Unpack("check", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDigestOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb7449f0f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function digestOf(bytes kyc) view returns(bytes32)
func (exampleGatedMint *ExampleGatedMint) PackDigestOf(kyc []byte) []byte {
	enc, err := exampleGatedMint.abi.Pack("digestOf", kyc)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDigestOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb7449f0f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function digestOf(bytes kyc) view returns(bytes32)
func (exampleGatedMint *ExampleGatedMint) TryPackDigestOf(kyc []byte) ([]byte, error) {
	return exampleGatedMint.abi.Pack("digestOf", kyc)
}

// UnpackDigestOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb7449f0f.
//
// Solidity: function digestOf(bytes kyc) view returns(bytes32)
func (exampleGatedMint *ExampleGatedMint) UnpackDigestOf(data []byte) ([32]byte, error) {
	out, err := exampleGatedMint.abi.Unpack("digestOf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (exampleGatedMint *ExampleGatedMint) PackDomainSeparator() []byte {
	enc, err := exampleGatedMint.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (exampleGatedMint *ExampleGatedMint) TryPackDomainSeparator() ([]byte, error) {
	return exampleGatedMint.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (exampleGatedMint *ExampleGatedMint) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := exampleGatedMint.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEas is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8150864d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eas() view returns(address)
func (exampleGatedMint *ExampleGatedMint) PackEas() []byte {
	enc, err := exampleGatedMint.abi.Pack("eas")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEas is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8150864d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eas() view returns(address)
func (exampleGatedMint *ExampleGatedMint) TryPackEas() ([]byte, error) {
	return exampleGatedMint.abi.Pack("eas")
}

// UnpackEas is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8150864d.
//
// Solidity: function eas() view returns(address)
func (exampleGatedMint *ExampleGatedMint) UnpackEas(data []byte) (common.Address, error) {
	out, err := exampleGatedMint.abi.Unpack("eas", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackIsRevoked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4294857f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isRevoked(bytes32 digest) view returns(bool)
func (exampleGatedMint *ExampleGatedMint) PackIsRevoked(digest [32]byte) []byte {
	enc, err := exampleGatedMint.abi.Pack("isRevoked", digest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsRevoked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4294857f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isRevoked(bytes32 digest) view returns(bool)
func (exampleGatedMint *ExampleGatedMint) TryPackIsRevoked(digest [32]byte) ([]byte, error) {
	return exampleGatedMint.abi.Pack("isRevoked", digest)
}

// UnpackIsRevoked is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4294857f.
//
// Solidity: function isRevoked(bytes32 digest) view returns(bool)
func (exampleGatedMint *ExampleGatedMint) UnpackIsRevoked(data []byte) (bool, error) {
	out, err := exampleGatedMint.abi.Unpack("isRevoked", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf6c4b01f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isRevoker(address revoker) view returns(bool)
func (exampleGatedMint *ExampleGatedMint) PackIsRevoker(revoker common.Address) []byte {
	enc, err := exampleGatedMint.abi.Pack("isRevoker", revoker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf6c4b01f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isRevoker(address revoker) view returns(bool)
func (exampleGatedMint *ExampleGatedMint) TryPackIsRevoker(revoker common.Address) ([]byte, error) {
	return exampleGatedMint.abi.Pack("isRevoker", revoker)
}

// UnpackIsRevoker is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf6c4b01f.
//
// Solidity: function isRevoker(address revoker) view returns(bool)
func (exampleGatedMint *ExampleGatedMint) UnpackIsRevoker(data []byte) (bool, error) {
	out, err := exampleGatedMint.abi.Unpack("isRevoker", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7df73e27.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isSigner(address signer) view returns(bool)
func (exampleGatedMint *ExampleGatedMint) PackIsSigner(signer common.Address) []byte {
	enc, err := exampleGatedMint.abi.Pack("isSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7df73e27.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isSigner(address signer) view returns(bool)
func (exampleGatedMint *ExampleGatedMint) TryPackIsSigner(signer common.Address) ([]byte, error) {
	return exampleGatedMint.abi.Pack("isSigner", signer)
}

// UnpackIsSigner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7df73e27.
//
// Solidity: function isSigner(address signer) view returns(bool)
func (exampleGatedMint *ExampleGatedMint) UnpackIsSigner(data []byte) (bool, error) {
	out, err := exampleGatedMint.abi.Unpack("isSigner", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7ba0e2e7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(bytes kyc) returns()
func (exampleGatedMint *ExampleGatedMint) PackMint(kyc []byte) []byte {
	enc, err := exampleGatedMint.abi.Pack("mint", kyc)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7ba0e2e7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(bytes kyc) returns()
func (exampleGatedMint *ExampleGatedMint) TryPackMint(kyc []byte) ([]byte, error) {
	return exampleGatedMint.abi.Pack("mint", kyc)
}

// PackMintRestricted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xacfeca80.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mintRestricted(bytes kyc) returns()
func (exampleGatedMint *ExampleGatedMint) PackMintRestricted(kyc []byte) []byte {
	enc, err := exampleGatedMint.abi.Pack("mintRestricted", kyc)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMintRestricted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xacfeca80.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mintRestricted(bytes kyc) returns()
func (exampleGatedMint *ExampleGatedMint) TryPackMintRestricted(kyc []byte) ([]byte, error) {
	return exampleGatedMint.abi.Pack("mintRestricted", kyc)
}

// PackMintUngated is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x355a9867.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mintUngated(bytes kyc) returns()
func (exampleGatedMint *ExampleGatedMint) PackMintUngated(kyc []byte) []byte {
	enc, err := exampleGatedMint.abi.Pack("mintUngated", kyc)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMintUngated is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x355a9867.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mintUngated(bytes kyc) returns()
func (exampleGatedMint *ExampleGatedMint) TryPackMintUngated(kyc []byte) ([]byte, error) {
	return exampleGatedMint.abi.Pack("mintUngated", kyc)
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (exampleGatedMint *ExampleGatedMint) PackOwner() []byte {
	enc, err := exampleGatedMint.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (exampleGatedMint *ExampleGatedMint) TryPackOwner() ([]byte, error) {
	return exampleGatedMint.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (exampleGatedMint *ExampleGatedMint) UnpackOwner(data []byte) (common.Address, error) {
	out, err := exampleGatedMint.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRemoveRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc06f8b94.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeRevoker(address revoker) returns()
func (exampleGatedMint *ExampleGatedMint) PackRemoveRevoker(revoker common.Address) []byte {
	enc, err := exampleGatedMint.abi.Pack("removeRevoker", revoker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc06f8b94.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeRevoker(address revoker) returns()
func (exampleGatedMint *ExampleGatedMint) TryPackRemoveRevoker(revoker common.Address) ([]byte, error) {
	return exampleGatedMint.abi.Pack("removeRevoker", revoker)
}

// PackRemoveSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e316ab7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeSigner(address signer) returns()
func (exampleGatedMint *ExampleGatedMint) PackRemoveSigner(signer common.Address) []byte {
	enc, err := exampleGatedMint.abi.Pack("removeSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e316ab7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeSigner(address signer) returns()
func (exampleGatedMint *ExampleGatedMint) TryPackRemoveSigner(signer common.Address) ([]byte, error) {
	return exampleGatedMint.abi.Pack("removeSigner", signer)
}

// PackRevoke is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb75c7dc6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revoke(bytes32 digest) returns()
func (exampleGatedMint *ExampleGatedMint) PackRevoke(digest [32]byte) []byte {
	enc, err := exampleGatedMint.abi.Pack("revoke", digest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevoke is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb75c7dc6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revoke(bytes32 digest) returns()
func (exampleGatedMint *ExampleGatedMint) TryPackRevoke(digest [32]byte) ([]byte, error) {
	return exampleGatedMint.abi.Pack("revoke", digest)
}

// PackRevokeMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf95abea7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeMany(bytes32[] digests) returns()
func (exampleGatedMint *ExampleGatedMint) PackRevokeMany(digests [][32]byte) []byte {
	enc, err := exampleGatedMint.abi.Pack("revokeMany", digests)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokeMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf95abea7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokeMany(bytes32[] digests) returns()
func (exampleGatedMint *ExampleGatedMint) TryPackRevokeMany(digests [][32]byte) ([]byte, error) {
	return exampleGatedMint.abi.Pack("revokeMany", digests)
}

// PackRevokedAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x098787ce.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokedAt(bytes32 digest) view returns(uint256)
func (exampleGatedMint *ExampleGatedMint) PackRevokedAt(digest [32]byte) []byte {
	enc, err := exampleGatedMint.abi.Pack("revokedAt", digest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokedAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x098787ce.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokedAt(bytes32 digest) view returns(uint256)
func (exampleGatedMint *ExampleGatedMint) TryPackRevokedAt(digest [32]byte) ([]byte, error) {
	return exampleGatedMint.abi.Pack("revokedAt", digest)
}

// UnpackRevokedAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x098787ce.
//
// Solidity: function revokedAt(bytes32 digest) view returns(uint256)
func (exampleGatedMint *ExampleGatedMint) UnpackRevokedAt(data []byte) (*big.Int, error) {
	out, err := exampleGatedMint.abi.Unpack("revokedAt", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRotateSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe83a462e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function rotateSigner(address oldSigner, address newSigner) returns()
func (exampleGatedMint *ExampleGatedMint) PackRotateSigner(oldSigner common.Address, newSigner common.Address) []byte {
	enc, err := exampleGatedMint.abi.Pack("rotateSigner", oldSigner, newSigner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRotateSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe83a462e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function rotateSigner(address oldSigner, address newSigner) returns()
func (exampleGatedMint *ExampleGatedMint) TryPackRotateSigner(oldSigner common.Address, newSigner common.Address) ([]byte, error) {
	return exampleGatedMint.abi.Pack("rotateSigner", oldSigner, newSigner)
}

// PackSchema is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf8895cc8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function schema() view returns(bytes32)
func (exampleGatedMint *ExampleGatedMint) PackSchema() []byte {
	enc, err := exampleGatedMint.abi.Pack("schema")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSchema is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf8895cc8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function schema() view returns(bytes32)
func (exampleGatedMint *ExampleGatedMint) TryPackSchema() ([]byte, error) {
	return exampleGatedMint.abi.Pack("schema")
}

// UnpackSchema is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf8895cc8.
//
// Solidity: function schema() view returns(bytes32)
func (exampleGatedMint *ExampleGatedMint) UnpackSchema(data []byte) ([32]byte, error) {
	out, err := exampleGatedMint.abi.Unpack("schema", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (exampleGatedMint *ExampleGatedMint) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := exampleGatedMint.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (exampleGatedMint *ExampleGatedMint) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return exampleGatedMint.abi.Pack("transferOwnership", newOwner)
}

// PackVerify is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d3ac1b5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verify(bytes kyc, address account) view returns((uint8,bytes2,bool,uint8) claims)
func (exampleGatedMint *ExampleGatedMint) PackVerify(kyc []byte, account common.Address) []byte {
	enc, err := exampleGatedMint.abi.Pack("verify", kyc, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerify is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d3ac1b5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verify(bytes kyc, address account) view returns((uint8,bytes2,bool,uint8) claims)
func (exampleGatedMint *ExampleGatedMint) TryPackVerify(kyc []byte, account common.Address) ([]byte, error) {
	return exampleGatedMint.abi.Pack("verify", kyc, account)
}

// UnpackVerify is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3d3ac1b5.
//
// Solidity: function verify(bytes kyc, address account) view returns((uint8,bytes2,bool,uint8) claims)
func (exampleGatedMint *ExampleGatedMint) UnpackVerify(data []byte) (KYCVerifierBaseClaims, error) {
	out, err := exampleGatedMint.abi.Unpack("verify", data)
	if err != nil {
		return *new(KYCVerifierBaseClaims), err
	}
	out0 := *abi.ConvertType(out[0], new(KYCVerifierBaseClaims)).(*KYCVerifierBaseClaims)
	return out0, nil
}

// ExampleGatedMintOwnershipTransferred represents a OwnershipTransferred event raised by the ExampleGatedMint contract.
type ExampleGatedMintOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const ExampleGatedMintOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (ExampleGatedMintOwnershipTransferred) ContractEventName() string {
	return ExampleGatedMintOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (exampleGatedMint *ExampleGatedMint) UnpackOwnershipTransferredEvent(log *types.Log) (*ExampleGatedMintOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exampleGatedMint.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExampleGatedMintOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := exampleGatedMint.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exampleGatedMint.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExampleGatedMintRevoked represents a Revoked event raised by the ExampleGatedMint contract.
type ExampleGatedMintRevoked struct {
	Digest  [32]byte
	Revoker common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const ExampleGatedMintRevokedEventName = "Revoked"

// ContractEventName returns the user-defined event name.
func (ExampleGatedMintRevoked) ContractEventName() string {
	return ExampleGatedMintRevokedEventName
}

// UnpackRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Revoked(bytes32 indexed digest, address indexed revoker)
func (exampleGatedMint *ExampleGatedMint) UnpackRevokedEvent(log *types.Log) (*ExampleGatedMintRevoked, error) {
	event := "Revoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exampleGatedMint.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExampleGatedMintRevoked)
	if len(log.Data) > 0 {
		if err := exampleGatedMint.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exampleGatedMint.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExampleGatedMintRevokerAdded represents a RevokerAdded event raised by the ExampleGatedMint contract.
type ExampleGatedMintRevokerAdded struct {
	Revoker common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const ExampleGatedMintRevokerAddedEventName = "RevokerAdded"

// ContractEventName returns the user-defined event name.
func (ExampleGatedMintRevokerAdded) ContractEventName() string {
	return ExampleGatedMintRevokerAddedEventName
}

// UnpackRevokerAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RevokerAdded(address indexed revoker)
func (exampleGatedMint *ExampleGatedMint) UnpackRevokerAddedEvent(log *types.Log) (*ExampleGatedMintRevokerAdded, error) {
	event := "RevokerAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exampleGatedMint.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExampleGatedMintRevokerAdded)
	if len(log.Data) > 0 {
		if err := exampleGatedMint.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exampleGatedMint.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExampleGatedMintRevokerRemoved represents a RevokerRemoved event raised by the ExampleGatedMint contract.
type ExampleGatedMintRevokerRemoved struct {
	Revoker common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const ExampleGatedMintRevokerRemovedEventName = "RevokerRemoved"

// ContractEventName returns the user-defined event name.
func (ExampleGatedMintRevokerRemoved) ContractEventName() string {
	return ExampleGatedMintRevokerRemovedEventName
}

// UnpackRevokerRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RevokerRemoved(address indexed revoker)
func (exampleGatedMint *ExampleGatedMint) UnpackRevokerRemovedEvent(log *types.Log) (*ExampleGatedMintRevokerRemoved, error) {
	event := "RevokerRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exampleGatedMint.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExampleGatedMintRevokerRemoved)
	if len(log.Data) > 0 {
		if err := exampleGatedMint.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exampleGatedMint.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExampleGatedMintSignerAdded represents a SignerAdded event raised by the ExampleGatedMint contract.
type ExampleGatedMintSignerAdded struct {
	Signer common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const ExampleGatedMintSignerAddedEventName = "SignerAdded"

// ContractEventName returns the user-defined event name.
func (ExampleGatedMintSignerAdded) ContractEventName() string {
	return ExampleGatedMintSignerAddedEventName
}

// UnpackSignerAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SignerAdded(address indexed signer)
func (exampleGatedMint *ExampleGatedMint) UnpackSignerAddedEvent(log *types.Log) (*ExampleGatedMintSignerAdded, error) {
	event := "SignerAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exampleGatedMint.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExampleGatedMintSignerAdded)
	if len(log.Data) > 0 {
		if err := exampleGatedMint.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exampleGatedMint.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ExampleGatedMintSignerRemoved represents a SignerRemoved event raised by the ExampleGatedMint contract.
type ExampleGatedMintSignerRemoved struct {
	Signer common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const ExampleGatedMintSignerRemovedEventName = "SignerRemoved"

// ContractEventName returns the user-defined event name.
func (ExampleGatedMintSignerRemoved) ContractEventName() string {
	return ExampleGatedMintSignerRemovedEventName
}

// UnpackSignerRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SignerRemoved(address indexed signer)
func (exampleGatedMint *ExampleGatedMint) UnpackSignerRemovedEvent(log *types.Log) (*ExampleGatedMintSignerRemoved, error) {
	event := "SignerRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != exampleGatedMint.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ExampleGatedMintSignerRemoved)
	if len(log.Data) > 0 {
		if err := exampleGatedMint.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range exampleGatedMint.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (exampleGatedMint *ExampleGatedMint) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["AttestationRevoked"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackAttestationRevokedError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["Expired"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["InvalidData"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackInvalidDataError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["InvalidSignature"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["InvalidSignatureV"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackInvalidSignatureVError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["KYCCountryBlocked"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackKYCCountryBlockedError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["KYCLevelTooLow"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackKYCLevelTooLowError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["KYCNotOver18"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackKYCNotOver18Error(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["KYCWalletRiskTooHigh"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackKYCWalletRiskTooHighError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["MalformedAttestation"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackMalformedAttestationError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["MalleableSignature"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackMalleableSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackNotOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["NotRevoker"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackNotRevokerError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["NotYetValid"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackNotYetValidError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["UntrustedSigner"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackUntrustedSignerError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["WrongRecipient"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackWrongRecipientError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["WrongSchema"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackWrongSchemaError(raw[4:])
	}
	if bytes.Equal(raw[:4], exampleGatedMint.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return exampleGatedMint.UnpackZeroAddressError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// ExampleGatedMintAttestationRevoked represents a AttestationRevoked error raised by the ExampleGatedMint contract.
type ExampleGatedMintAttestationRevoked struct {
	Digest [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AttestationRevoked(bytes32 digest)
func ExampleGatedMintAttestationRevokedErrorID() common.Hash {
	return common.HexToHash("0x04bed256ad23fe17d61d9248ee108825bf3b1d04527fee36f0ee2af633fc1452")
}

// UnpackAttestationRevokedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AttestationRevoked(bytes32 digest)
func (exampleGatedMint *ExampleGatedMint) UnpackAttestationRevokedError(raw []byte) (*ExampleGatedMintAttestationRevoked, error) {
	out := new(ExampleGatedMintAttestationRevoked)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "AttestationRevoked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintExpired represents a Expired error raised by the ExampleGatedMint contract.
type ExampleGatedMintExpired struct {
	ExpirationTime uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Expired(uint64 expirationTime)
func ExampleGatedMintExpiredErrorID() common.Hash {
	return common.HexToHash("0x956936532b954ff74e062815c0174f8bd1500115ed3dd2adb3c66e2ac6109668")
}

// UnpackExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Expired(uint64 expirationTime)
func (exampleGatedMint *ExampleGatedMint) UnpackExpiredError(raw []byte) (*ExampleGatedMintExpired, error) {
	out := new(ExampleGatedMintExpired)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "Expired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintInvalidData represents a InvalidData error raised by the ExampleGatedMint contract.
type ExampleGatedMintInvalidData struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidData()
func ExampleGatedMintInvalidDataErrorID() common.Hash {
	return common.HexToHash("0x5cb045dbe1e6a83a0b3b08b74d52e9d7458a678ccdbe4247774b0abb20db402f")
}

// UnpackInvalidDataError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidData()
func (exampleGatedMint *ExampleGatedMint) UnpackInvalidDataError(raw []byte) (*ExampleGatedMintInvalidData, error) {
	out := new(ExampleGatedMintInvalidData)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "InvalidData", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintInvalidSignature represents a InvalidSignature error raised by the ExampleGatedMint contract.
type ExampleGatedMintInvalidSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignature()
func ExampleGatedMintInvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0x8baa579fce362245063d36f11747a89dd489c54795634fc673cc0e0db51fedc5")
}

// UnpackInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignature()
func (exampleGatedMint *ExampleGatedMint) UnpackInvalidSignatureError(raw []byte) (*ExampleGatedMintInvalidSignature, error) {
	out := new(ExampleGatedMintInvalidSignature)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "InvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintInvalidSignatureV represents a InvalidSignatureV error raised by the ExampleGatedMint contract.
type ExampleGatedMintInvalidSignatureV struct {
	V uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignatureV(uint8 v)
func ExampleGatedMintInvalidSignatureVErrorID() common.Hash {
	return common.HexToHash("0xba76ff026d45908d17fefcce692bf9956e66357df37d89df51e86f322a5c37b4")
}

// UnpackInvalidSignatureVError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignatureV(uint8 v)
func (exampleGatedMint *ExampleGatedMint) UnpackInvalidSignatureVError(raw []byte) (*ExampleGatedMintInvalidSignatureV, error) {
	out := new(ExampleGatedMintInvalidSignatureV)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "InvalidSignatureV", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintKYCCountryBlocked represents a KYCCountryBlocked error raised by the ExampleGatedMint contract.
type ExampleGatedMintKYCCountryBlocked struct {
	Country [2]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error KYCCountryBlocked(bytes2 country)
func ExampleGatedMintKYCCountryBlockedErrorID() common.Hash {
	return common.HexToHash("0x26c4c2f04ef2cf724deaf1724c43f524e3fd2fcb426ec789b0cfd6e23023512d")
}

// UnpackKYCCountryBlockedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error KYCCountryBlocked(bytes2 country)
func (exampleGatedMint *ExampleGatedMint) UnpackKYCCountryBlockedError(raw []byte) (*ExampleGatedMintKYCCountryBlocked, error) {
	out := new(ExampleGatedMintKYCCountryBlocked)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "KYCCountryBlocked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintKYCLevelTooLow represents a KYCLevelTooLow error raised by the ExampleGatedMint contract.
type ExampleGatedMintKYCLevelTooLow struct {
	Level    uint8
	MinLevel uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error KYCLevelTooLow(uint8 level, uint8 minLevel)
func ExampleGatedMintKYCLevelTooLowErrorID() common.Hash {
	return common.HexToHash("0x03620c9e79b67147a26ab805142d5991c596c3e061df227e8ce9f882ce1de2ac")
}

// UnpackKYCLevelTooLowError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error KYCLevelTooLow(uint8 level, uint8 minLevel)
func (exampleGatedMint *ExampleGatedMint) UnpackKYCLevelTooLowError(raw []byte) (*ExampleGatedMintKYCLevelTooLow, error) {
	out := new(ExampleGatedMintKYCLevelTooLow)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "KYCLevelTooLow", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintKYCNotOver18 represents a KYCNotOver18 error raised by the ExampleGatedMint contract.
type ExampleGatedMintKYCNotOver18 struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error KYCNotOver18()
func ExampleGatedMintKYCNotOver18ErrorID() common.Hash {
	return common.HexToHash("0xb691ea0f05dbe9850c880bb918a4695820077aa189497405ec288388206d81f0")
}

// UnpackKYCNotOver18Error is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error KYCNotOver18()
func (exampleGatedMint *ExampleGatedMint) UnpackKYCNotOver18Error(raw []byte) (*ExampleGatedMintKYCNotOver18, error) {
	out := new(ExampleGatedMintKYCNotOver18)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "KYCNotOver18", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintKYCWalletRiskTooHigh represents a KYCWalletRiskTooHigh error raised by the ExampleGatedMint contract.
type ExampleGatedMintKYCWalletRiskTooHigh struct {
	WalletRisk    uint8
	MaxWalletRisk uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error KYCWalletRiskTooHigh(uint8 walletRisk, uint8 maxWalletRisk)
func ExampleGatedMintKYCWalletRiskTooHighErrorID() common.Hash {
	return common.HexToHash("0xfa3744044c5b625eb777e66f2b309cacad697afbc1cde59ae4d5f7fe1405c28f")
}

// UnpackKYCWalletRiskTooHighError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error KYCWalletRiskTooHigh(uint8 walletRisk, uint8 maxWalletRisk)
func (exampleGatedMint *ExampleGatedMint) UnpackKYCWalletRiskTooHighError(raw []byte) (*ExampleGatedMintKYCWalletRiskTooHigh, error) {
	out := new(ExampleGatedMintKYCWalletRiskTooHigh)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "KYCWalletRiskTooHigh", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintMalformedAttestation represents a MalformedAttestation error raised by the ExampleGatedMint contract.
type ExampleGatedMintMalformedAttestation struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MalformedAttestation()
func ExampleGatedMintMalformedAttestationErrorID() common.Hash {
	return common.HexToHash("0xe13ced0b3d2df7d603e1bf7f34d139799b5d71a26b8da2588f09491b3635f527")
}

// UnpackMalformedAttestationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MalformedAttestation()
func (exampleGatedMint *ExampleGatedMint) UnpackMalformedAttestationError(raw []byte) (*ExampleGatedMintMalformedAttestation, error) {
	out := new(ExampleGatedMintMalformedAttestation)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "MalformedAttestation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintMalleableSignature represents a MalleableSignature error raised by the ExampleGatedMint contract.
type ExampleGatedMintMalleableSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MalleableSignature()
func ExampleGatedMintMalleableSignatureErrorID() common.Hash {
	return common.HexToHash("0xf0ad0d096b3006996dab3fc2694416c1b06f2187bc5971da9e3ef21c355e8f96")
}

// UnpackMalleableSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MalleableSignature()
func (exampleGatedMint *ExampleGatedMint) UnpackMalleableSignatureError(raw []byte) (*ExampleGatedMintMalleableSignature, error) {
	out := new(ExampleGatedMintMalleableSignature)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "MalleableSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintNotOwner represents a NotOwner error raised by the ExampleGatedMint contract.
type ExampleGatedMintNotOwner struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner(address caller)
func ExampleGatedMintNotOwnerErrorID() common.Hash {
	return common.HexToHash("0x245aecd3fabbd17d6c3c92dc7f0ab916ea8cbf6fc1862c8b56893090ac3fff4c")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner(address caller)
func (exampleGatedMint *ExampleGatedMint) UnpackNotOwnerError(raw []byte) (*ExampleGatedMintNotOwner, error) {
	out := new(ExampleGatedMintNotOwner)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintNotRevoker represents a NotRevoker error raised by the ExampleGatedMint contract.
type ExampleGatedMintNotRevoker struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotRevoker(address caller)
func ExampleGatedMintNotRevokerErrorID() common.Hash {
	return common.HexToHash("0x5a4c7a3bf565fcd2af761264ab839c2ddc5d0178e9f63230fb9d4e8cb34ed2e4")
}

// UnpackNotRevokerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotRevoker(address caller)
func (exampleGatedMint *ExampleGatedMint) UnpackNotRevokerError(raw []byte) (*ExampleGatedMintNotRevoker, error) {
	out := new(ExampleGatedMintNotRevoker)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "NotRevoker", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintNotYetValid represents a NotYetValid error raised by the ExampleGatedMint contract.
type ExampleGatedMintNotYetValid struct {
	Time uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotYetValid(uint64 time)
func ExampleGatedMintNotYetValidErrorID() common.Hash {
	return common.HexToHash("0x2d5d879ec5e6d607085fc576ad348b9afbac24d7e589fcd6719b0c5b863a917f")
}

// UnpackNotYetValidError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotYetValid(uint64 time)
func (exampleGatedMint *ExampleGatedMint) UnpackNotYetValidError(raw []byte) (*ExampleGatedMintNotYetValid, error) {
	out := new(ExampleGatedMintNotYetValid)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "NotYetValid", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintUntrustedSigner represents a UntrustedSigner error raised by the ExampleGatedMint contract.
type ExampleGatedMintUntrustedSigner struct {
	Signer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UntrustedSigner(address signer)
func ExampleGatedMintUntrustedSignerErrorID() common.Hash {
	return common.HexToHash("0x5292db3107457742975be25cd2149b2d2cde03875f0d0f5c8e364610640f059b")
}

// UnpackUntrustedSignerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UntrustedSigner(address signer)
func (exampleGatedMint *ExampleGatedMint) UnpackUntrustedSignerError(raw []byte) (*ExampleGatedMintUntrustedSigner, error) {
	out := new(ExampleGatedMintUntrustedSigner)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "UntrustedSigner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintWrongRecipient represents a WrongRecipient error raised by the ExampleGatedMint contract.
type ExampleGatedMintWrongRecipient struct {
	Recipient common.Address
	Account   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongRecipient(address recipient, address account)
func ExampleGatedMintWrongRecipientErrorID() common.Hash {
	return common.HexToHash("0x33d3166e2d840b0ebc4e31ac15b78fb2c3b5af52e7296f0fe189bdf7367fce29")
}

// UnpackWrongRecipientError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongRecipient(address recipient, address account)
func (exampleGatedMint *ExampleGatedMint) UnpackWrongRecipientError(raw []byte) (*ExampleGatedMintWrongRecipient, error) {
	out := new(ExampleGatedMintWrongRecipient)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "WrongRecipient", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintWrongSchema represents a WrongSchema error raised by the ExampleGatedMint contract.
type ExampleGatedMintWrongSchema struct {
	Schema [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongSchema(bytes32 schema)
func ExampleGatedMintWrongSchemaErrorID() common.Hash {
	return common.HexToHash("0x71fe074bb8982b9eae0d1c455c5caaa5c7568db41ecec022d4188323acfb742e")
}

// UnpackWrongSchemaError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongSchema(bytes32 schema)
func (exampleGatedMint *ExampleGatedMint) UnpackWrongSchemaError(raw []byte) (*ExampleGatedMintWrongSchema, error) {
	out := new(ExampleGatedMintWrongSchema)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "WrongSchema", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ExampleGatedMintZeroAddress represents a ZeroAddress error raised by the ExampleGatedMint contract.
type ExampleGatedMintZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func ExampleGatedMintZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (exampleGatedMint *ExampleGatedMint) UnpackZeroAddressError(raw []byte) (*ExampleGatedMintZeroAddress, error) {
	out := new(ExampleGatedMintZeroAddress)
	if err := exampleGatedMint.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// IERC1271MetaData contains all meta data concerning the IERC1271 contract.
var IERC1271MetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"hash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"isValidSignature\",\"outputs\":[{\"internalType\":\"bytes4\",\"name\":\"magicValue\",\"type\":\"bytes4\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "c624776f553d88190dbe816c39f0f817f5",
}

// IERC1271 is an auto generated Go binding around an Ethereum contract.
type IERC1271 struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *IERC1271) GetABI() abi.ABI {
	return c.abi
}

// NewIERC1271 creates a new instance of IERC1271.
func NewIERC1271() *IERC1271 {
	parsed, err := IERC1271MetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &IERC1271{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *IERC1271) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackIsValidSignature is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1626ba7e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isValidSignature(bytes32 hash, bytes signature) view returns(bytes4 magicValue)
func (iERC1271 *IERC1271) PackIsValidSignature(hash [32]byte, signature []byte) []byte {
	enc, err := iERC1271.abi.Pack("isValidSignature", hash, signature)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsValidSignature is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1626ba7e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isValidSignature(bytes32 hash, bytes signature) view returns(bytes4 magicValue)
func (iERC1271 *IERC1271) TryPackIsValidSignature(hash [32]byte, signature []byte) ([]byte, error) {
	return iERC1271.abi.Pack("isValidSignature", hash, signature)
}

// UnpackIsValidSignature is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1626ba7e.
//
// Solidity: function isValidSignature(bytes32 hash, bytes signature) view returns(bytes4 magicValue)
func (iERC1271 *IERC1271) UnpackIsValidSignature(data []byte) ([4]byte, error) {
	out, err := iERC1271.abi.Unpack("isValidSignature", data)
	if err != nil {
		return *new([4]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([4]byte)).(*[4]byte)
	return out0, nil
}

// KYCGatedMetaData contains all meta data concerning the KYCGated contract.
var KYCGatedMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"AttestationRevoked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"expirationTime\",\"type\":\"uint64\"}],\"name\":\"Expired\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidData\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"}],\"name\":\"InvalidSignatureV\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes2\",\"name\":\"country\",\"type\":\"bytes2\"}],\"name\":\"KYCCountryBlocked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"level\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"minLevel\",\"type\":\"uint8\"}],\"name\":\"KYCLevelTooLow\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"KYCNotOver18\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"walletRisk\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"maxWalletRisk\",\"type\":\"uint8\"}],\"name\":\"KYCWalletRiskTooHigh\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MalformedAttestation\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MalleableSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotRevoker\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"time\",\"type\":\"uint64\"}],\"name\":\"NotYetValid\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"UntrustedSigner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"WrongRecipient\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"schema\",\"type\":\"bytes32\"}],\"name\":\"WrongSchema\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"Revoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"RevokerAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"RevokerRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"SignerAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"SignerRemoved\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"KYC_LENGTH\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"addRevoker\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"addSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"check\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"}],\"name\":\"digestOf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eas\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"isRevoked\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"isRevoker\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"isSigner\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"removeRevoker\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"removeSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"revoke\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"digests\",\"type\":\"bytes32[]\"}],\"name\":\"revokeMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"revokedAt\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"oldSigner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"newSigner\",\"type\":\"address\"}],\"name\":\"rotateSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"schema\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"verify\",\"outputs\":[{\"components\":[{\"internalType\":\"uint8\",\"name\":\"level\",\"type\":\"uint8\"},{\"internalType\":\"bytes2\",\"name\":\"country\",\"type\":\"bytes2\"},{\"internalType\":\"bool\",\"name\":\"over18\",\"type\":\"bool\"},{\"internalType\":\"uint8\",\"name\":\"walletRisk\",\"type\":\"uint8\"}],\"internalType\":\"structKYCVerifierBase.Claims\",\"name\":\"claims\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "84852e9669359ce902c228e43fcf349269",
}

// KYCGated is an auto generated Go binding around an Ethereum contract.
type KYCGated struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *KYCGated) GetABI() abi.ABI {
	return c.abi
}

// NewKYCGated creates a new instance of KYCGated.
func NewKYCGated() *KYCGated {
	parsed, err := KYCGatedMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &KYCGated{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *KYCGated) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackKYCLENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x625300b2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function KYC_LENGTH() view returns(uint256)
func (kYCGated *KYCGated) PackKYCLENGTH() []byte {
	enc, err := kYCGated.abi.Pack("KYC_LENGTH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackKYCLENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x625300b2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function KYC_LENGTH() view returns(uint256)
func (kYCGated *KYCGated) TryPackKYCLENGTH() ([]byte, error) {
	return kYCGated.abi.Pack("KYC_LENGTH")
}

// UnpackKYCLENGTH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x625300b2.
//
// Solidity: function KYC_LENGTH() view returns(uint256)
func (kYCGated *KYCGated) UnpackKYCLENGTH(data []byte) (*big.Int, error) {
	out, err := kYCGated.abi.Unpack("KYC_LENGTH", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackAddRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x961a66f6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addRevoker(address revoker) returns()
func (kYCGated *KYCGated) PackAddRevoker(revoker common.Address) []byte {
	enc, err := kYCGated.abi.Pack("addRevoker", revoker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x961a66f6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addRevoker(address revoker) returns()
func (kYCGated *KYCGated) TryPackAddRevoker(revoker common.Address) ([]byte, error) {
	return kYCGated.abi.Pack("addRevoker", revoker)
}

// PackAddSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeb12d61e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addSigner(address signer) returns()
func (kYCGated *KYCGated) PackAddSigner(signer common.Address) []byte {
	enc, err := kYCGated.abi.Pack("addSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeb12d61e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addSigner(address signer) returns()
func (kYCGated *KYCGated) TryPackAddSigner(signer common.Address) ([]byte, error) {
	return kYCGated.abi.Pack("addSigner", signer)
}

// PackCheck is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e406619.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function check(bytes kyc, address account) view returns(uint256)
func (kYCGated *KYCGated) PackCheck(kyc []byte, account common.Address) []byte {
	enc, err := kYCGated.abi.Pack("check", kyc, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCheck is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e406619.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function check(bytes kyc, address account) view returns(uint256)
func (kYCGated *KYCGated) TryPackCheck(kyc []byte, account common.Address) ([]byte, error) {
	return kYCGated.abi.Pack("check", kyc, account)
}

// UnpackCheck is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2e406619.
//
// Solidity: function check(bytes kyc, address account) view returns(uint256)
func (kYCGated *KYCGated) UnpackCheck(data []byte) (*big.Int, error) {
	out, err := kYCGated.abi.Unpack("check", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDigestOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb7449f0f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function digestOf(bytes kyc) view returns(bytes32)
func (kYCGated *KYCGated) PackDigestOf(kyc []byte) []byte {
	enc, err := kYCGated.abi.Pack("digestOf", kyc)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDigestOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb7449f0f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function digestOf(bytes kyc) view returns(bytes32)
func (kYCGated *KYCGated) TryPackDigestOf(kyc []byte) ([]byte, error) {
	return kYCGated.abi.Pack("digestOf", kyc)
}

// UnpackDigestOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb7449f0f.
//
// Solidity: function digestOf(bytes kyc) view returns(bytes32)
func (kYCGated *KYCGated) UnpackDigestOf(data []byte) ([32]byte, error) {
	out, err := kYCGated.abi.Unpack("digestOf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (kYCGated *KYCGated) PackDomainSeparator() []byte {
	enc, err := kYCGated.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (kYCGated *KYCGated) TryPackDomainSeparator() ([]byte, error) {
	return kYCGated.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (kYCGated *KYCGated) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := kYCGated.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEas is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8150864d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eas() view returns(address)
func (kYCGated *KYCGated) PackEas() []byte {
	enc, err := kYCGated.abi.Pack("eas")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEas is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8150864d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eas() view returns(address)
func (kYCGated *KYCGated) TryPackEas() ([]byte, error) {
	return kYCGated.abi.Pack("eas")
}

// UnpackEas is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8150864d.
//
// Solidity: function eas() view returns(address)
func (kYCGated *KYCGated) UnpackEas(data []byte) (common.Address, error) {
	out, err := kYCGated.abi.Unpack("eas", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackIsRevoked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4294857f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isRevoked(bytes32 digest) view returns(bool)
func (kYCGated *KYCGated) PackIsRevoked(digest [32]byte) []byte {
	enc, err := kYCGated.abi.Pack("isRevoked", digest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsRevoked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4294857f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isRevoked(bytes32 digest) view returns(bool)
func (kYCGated *KYCGated) TryPackIsRevoked(digest [32]byte) ([]byte, error) {
	return kYCGated.abi.Pack("isRevoked", digest)
}

// UnpackIsRevoked is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4294857f.
//
// Solidity: function isRevoked(bytes32 digest) view returns(bool)
func (kYCGated *KYCGated) UnpackIsRevoked(data []byte) (bool, error) {
	out, err := kYCGated.abi.Unpack("isRevoked", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf6c4b01f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isRevoker(address revoker) view returns(bool)
func (kYCGated *KYCGated) PackIsRevoker(revoker common.Address) []byte {
	enc, err := kYCGated.abi.Pack("isRevoker", revoker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf6c4b01f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isRevoker(address revoker) view returns(bool)
func (kYCGated *KYCGated) TryPackIsRevoker(revoker common.Address) ([]byte, error) {
	return kYCGated.abi.Pack("isRevoker", revoker)
}

// UnpackIsRevoker is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf6c4b01f.
//
// Solidity: function isRevoker(address revoker) view returns(bool)
func (kYCGated *KYCGated) UnpackIsRevoker(data []byte) (bool, error) {
	out, err := kYCGated.abi.Unpack("isRevoker", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7df73e27.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isSigner(address signer) view returns(bool)
func (kYCGated *KYCGated) PackIsSigner(signer common.Address) []byte {
	enc, err := kYCGated.abi.Pack("isSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7df73e27.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isSigner(address signer) view returns(bool)
func (kYCGated *KYCGated) TryPackIsSigner(signer common.Address) ([]byte, error) {
	return kYCGated.abi.Pack("isSigner", signer)
}

// UnpackIsSigner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7df73e27.
//
// Solidity: function isSigner(address signer) view returns(bool)
func (kYCGated *KYCGated) UnpackIsSigner(data []byte) (bool, error) {
	out, err := kYCGated.abi.Unpack("isSigner", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (kYCGated *KYCGated) PackOwner() []byte {
	enc, err := kYCGated.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (kYCGated *KYCGated) TryPackOwner() ([]byte, error) {
	return kYCGated.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (kYCGated *KYCGated) UnpackOwner(data []byte) (common.Address, error) {
	out, err := kYCGated.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRemoveRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc06f8b94.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeRevoker(address revoker) returns()
func (kYCGated *KYCGated) PackRemoveRevoker(revoker common.Address) []byte {
	enc, err := kYCGated.abi.Pack("removeRevoker", revoker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc06f8b94.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeRevoker(address revoker) returns()
func (kYCGated *KYCGated) TryPackRemoveRevoker(revoker common.Address) ([]byte, error) {
	return kYCGated.abi.Pack("removeRevoker", revoker)
}

// PackRemoveSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e316ab7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeSigner(address signer) returns()
func (kYCGated *KYCGated) PackRemoveSigner(signer common.Address) []byte {
	enc, err := kYCGated.abi.Pack("removeSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e316ab7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeSigner(address signer) returns()
func (kYCGated *KYCGated) TryPackRemoveSigner(signer common.Address) ([]byte, error) {
	return kYCGated.abi.Pack("removeSigner", signer)
}

// PackRevoke is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb75c7dc6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revoke(bytes32 digest) returns()
func (kYCGated *KYCGated) PackRevoke(digest [32]byte) []byte {
	enc, err := kYCGated.abi.Pack("revoke", digest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevoke is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb75c7dc6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revoke(bytes32 digest) returns()
func (kYCGated *KYCGated) TryPackRevoke(digest [32]byte) ([]byte, error) {
	return kYCGated.abi.Pack("revoke", digest)
}

// PackRevokeMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf95abea7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeMany(bytes32[] digests) returns()
func (kYCGated *KYCGated) PackRevokeMany(digests [][32]byte) []byte {
	enc, err := kYCGated.abi.Pack("revokeMany", digests)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokeMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf95abea7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokeMany(bytes32[] digests) returns()
func (kYCGated *KYCGated) TryPackRevokeMany(digests [][32]byte) ([]byte, error) {
	return kYCGated.abi.Pack("revokeMany", digests)
}

// PackRevokedAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x098787ce.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokedAt(bytes32 digest) view returns(uint256)
func (kYCGated *KYCGated) PackRevokedAt(digest [32]byte) []byte {
	enc, err := kYCGated.abi.Pack("revokedAt", digest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokedAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x098787ce.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokedAt(bytes32 digest) view returns(uint256)
func (kYCGated *KYCGated) TryPackRevokedAt(digest [32]byte) ([]byte, error) {
	return kYCGated.abi.Pack("revokedAt", digest)
}

// UnpackRevokedAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x098787ce.
//
// Solidity: function revokedAt(bytes32 digest) view returns(uint256)
func (kYCGated *KYCGated) UnpackRevokedAt(data []byte) (*big.Int, error) {
	out, err := kYCGated.abi.Unpack("revokedAt", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRotateSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe83a462e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function rotateSigner(address oldSigner, address newSigner) returns()
func (kYCGated *KYCGated) PackRotateSigner(oldSigner common.Address, newSigner common.Address) []byte {
	enc, err := kYCGated.abi.Pack("rotateSigner", oldSigner, newSigner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRotateSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe83a462e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function rotateSigner(address oldSigner, address newSigner) returns()
func (kYCGated *KYCGated) TryPackRotateSigner(oldSigner common.Address, newSigner common.Address) ([]byte, error) {
	return kYCGated.abi.Pack("rotateSigner", oldSigner, newSigner)
}

// PackSchema is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf8895cc8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function schema() view returns(bytes32)
func (kYCGated *KYCGated) PackSchema() []byte {
	enc, err := kYCGated.abi.Pack("schema")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSchema is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf8895cc8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function schema() view returns(bytes32)
func (kYCGated *KYCGated) TryPackSchema() ([]byte, error) {
	return kYCGated.abi.Pack("schema")
}

// UnpackSchema is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf8895cc8.
//
// Solidity: function schema() view returns(bytes32)
func (kYCGated *KYCGated) UnpackSchema(data []byte) ([32]byte, error) {
	out, err := kYCGated.abi.Unpack("schema", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (kYCGated *KYCGated) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := kYCGated.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (kYCGated *KYCGated) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return kYCGated.abi.Pack("transferOwnership", newOwner)
}

// PackVerify is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d3ac1b5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verify(bytes kyc, address account) view returns((uint8,bytes2,bool,uint8) claims)
func (kYCGated *KYCGated) PackVerify(kyc []byte, account common.Address) []byte {
	enc, err := kYCGated.abi.Pack("verify", kyc, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerify is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d3ac1b5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verify(bytes kyc, address account) view returns((uint8,bytes2,bool,uint8) claims)
func (kYCGated *KYCGated) TryPackVerify(kyc []byte, account common.Address) ([]byte, error) {
	return kYCGated.abi.Pack("verify", kyc, account)
}

// UnpackVerify is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3d3ac1b5.
//
// Solidity: function verify(bytes kyc, address account) view returns((uint8,bytes2,bool,uint8) claims)
func (kYCGated *KYCGated) UnpackVerify(data []byte) (KYCVerifierBaseClaims, error) {
	out, err := kYCGated.abi.Unpack("verify", data)
	if err != nil {
		return *new(KYCVerifierBaseClaims), err
	}
	out0 := *abi.ConvertType(out[0], new(KYCVerifierBaseClaims)).(*KYCVerifierBaseClaims)
	return out0, nil
}

// KYCGatedOwnershipTransferred represents a OwnershipTransferred event raised by the KYCGated contract.
type KYCGatedOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const KYCGatedOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (KYCGatedOwnershipTransferred) ContractEventName() string {
	return KYCGatedOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (kYCGated *KYCGated) UnpackOwnershipTransferredEvent(log *types.Log) (*KYCGatedOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCGated.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCGatedOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := kYCGated.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCGated.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCGatedRevoked represents a Revoked event raised by the KYCGated contract.
type KYCGatedRevoked struct {
	Digest  [32]byte
	Revoker common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const KYCGatedRevokedEventName = "Revoked"

// ContractEventName returns the user-defined event name.
func (KYCGatedRevoked) ContractEventName() string {
	return KYCGatedRevokedEventName
}

// UnpackRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Revoked(bytes32 indexed digest, address indexed revoker)
func (kYCGated *KYCGated) UnpackRevokedEvent(log *types.Log) (*KYCGatedRevoked, error) {
	event := "Revoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCGated.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCGatedRevoked)
	if len(log.Data) > 0 {
		if err := kYCGated.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCGated.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCGatedRevokerAdded represents a RevokerAdded event raised by the KYCGated contract.
type KYCGatedRevokerAdded struct {
	Revoker common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const KYCGatedRevokerAddedEventName = "RevokerAdded"

// ContractEventName returns the user-defined event name.
func (KYCGatedRevokerAdded) ContractEventName() string {
	return KYCGatedRevokerAddedEventName
}

// UnpackRevokerAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RevokerAdded(address indexed revoker)
func (kYCGated *KYCGated) UnpackRevokerAddedEvent(log *types.Log) (*KYCGatedRevokerAdded, error) {
	event := "RevokerAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCGated.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCGatedRevokerAdded)
	if len(log.Data) > 0 {
		if err := kYCGated.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCGated.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCGatedRevokerRemoved represents a RevokerRemoved event raised by the KYCGated contract.
type KYCGatedRevokerRemoved struct {
	Revoker common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const KYCGatedRevokerRemovedEventName = "RevokerRemoved"

// ContractEventName returns the user-defined event name.
func (KYCGatedRevokerRemoved) ContractEventName() string {
	return KYCGatedRevokerRemovedEventName
}

// UnpackRevokerRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RevokerRemoved(address indexed revoker)
func (kYCGated *KYCGated) UnpackRevokerRemovedEvent(log *types.Log) (*KYCGatedRevokerRemoved, error) {
	event := "RevokerRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCGated.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCGatedRevokerRemoved)
	if len(log.Data) > 0 {
		if err := kYCGated.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCGated.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCGatedSignerAdded represents a SignerAdded event raised by the KYCGated contract.
type KYCGatedSignerAdded struct {
	Signer common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const KYCGatedSignerAddedEventName = "SignerAdded"

// ContractEventName returns the user-defined event name.
func (KYCGatedSignerAdded) ContractEventName() string {
	return KYCGatedSignerAddedEventName
}

// UnpackSignerAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SignerAdded(address indexed signer)
func (kYCGated *KYCGated) UnpackSignerAddedEvent(log *types.Log) (*KYCGatedSignerAdded, error) {
	event := "SignerAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCGated.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCGatedSignerAdded)
	if len(log.Data) > 0 {
		if err := kYCGated.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCGated.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCGatedSignerRemoved represents a SignerRemoved event raised by the KYCGated contract.
type KYCGatedSignerRemoved struct {
	Signer common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const KYCGatedSignerRemovedEventName = "SignerRemoved"

// ContractEventName returns the user-defined event name.
func (KYCGatedSignerRemoved) ContractEventName() string {
	return KYCGatedSignerRemovedEventName
}

// UnpackSignerRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SignerRemoved(address indexed signer)
func (kYCGated *KYCGated) UnpackSignerRemovedEvent(log *types.Log) (*KYCGatedSignerRemoved, error) {
	event := "SignerRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCGated.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCGatedSignerRemoved)
	if len(log.Data) > 0 {
		if err := kYCGated.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCGated.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (kYCGated *KYCGated) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["AttestationRevoked"].ID.Bytes()[:4]) {
		return kYCGated.UnpackAttestationRevokedError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["Expired"].ID.Bytes()[:4]) {
		return kYCGated.UnpackExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["InvalidData"].ID.Bytes()[:4]) {
		return kYCGated.UnpackInvalidDataError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["InvalidSignature"].ID.Bytes()[:4]) {
		return kYCGated.UnpackInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["InvalidSignatureV"].ID.Bytes()[:4]) {
		return kYCGated.UnpackInvalidSignatureVError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["KYCCountryBlocked"].ID.Bytes()[:4]) {
		return kYCGated.UnpackKYCCountryBlockedError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["KYCLevelTooLow"].ID.Bytes()[:4]) {
		return kYCGated.UnpackKYCLevelTooLowError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["KYCNotOver18"].ID.Bytes()[:4]) {
		return kYCGated.UnpackKYCNotOver18Error(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["KYCWalletRiskTooHigh"].ID.Bytes()[:4]) {
		return kYCGated.UnpackKYCWalletRiskTooHighError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["MalformedAttestation"].ID.Bytes()[:4]) {
		return kYCGated.UnpackMalformedAttestationError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["MalleableSignature"].ID.Bytes()[:4]) {
		return kYCGated.UnpackMalleableSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return kYCGated.UnpackNotOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["NotRevoker"].ID.Bytes()[:4]) {
		return kYCGated.UnpackNotRevokerError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["NotYetValid"].ID.Bytes()[:4]) {
		return kYCGated.UnpackNotYetValidError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["UntrustedSigner"].ID.Bytes()[:4]) {
		return kYCGated.UnpackUntrustedSignerError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["WrongRecipient"].ID.Bytes()[:4]) {
		return kYCGated.UnpackWrongRecipientError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["WrongSchema"].ID.Bytes()[:4]) {
		return kYCGated.UnpackWrongSchemaError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCGated.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return kYCGated.UnpackZeroAddressError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// KYCGatedAttestationRevoked represents a AttestationRevoked error raised by the KYCGated contract.
type KYCGatedAttestationRevoked struct {
	Digest [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AttestationRevoked(bytes32 digest)
func KYCGatedAttestationRevokedErrorID() common.Hash {
	return common.HexToHash("0x04bed256ad23fe17d61d9248ee108825bf3b1d04527fee36f0ee2af633fc1452")
}

// UnpackAttestationRevokedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AttestationRevoked(bytes32 digest)
func (kYCGated *KYCGated) UnpackAttestationRevokedError(raw []byte) (*KYCGatedAttestationRevoked, error) {
	out := new(KYCGatedAttestationRevoked)
	if err := kYCGated.abi.UnpackIntoInterface(out, "AttestationRevoked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedExpired represents a Expired error raised by the KYCGated contract.
type KYCGatedExpired struct {
	ExpirationTime uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Expired(uint64 expirationTime)
func KYCGatedExpiredErrorID() common.Hash {
	return common.HexToHash("0x956936532b954ff74e062815c0174f8bd1500115ed3dd2adb3c66e2ac6109668")
}

// UnpackExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Expired(uint64 expirationTime)
func (kYCGated *KYCGated) UnpackExpiredError(raw []byte) (*KYCGatedExpired, error) {
	out := new(KYCGatedExpired)
	if err := kYCGated.abi.UnpackIntoInterface(out, "Expired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedInvalidData represents a InvalidData error raised by the KYCGated contract.
type KYCGatedInvalidData struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidData()
func KYCGatedInvalidDataErrorID() common.Hash {
	return common.HexToHash("0x5cb045dbe1e6a83a0b3b08b74d52e9d7458a678ccdbe4247774b0abb20db402f")
}

// UnpackInvalidDataError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidData()
func (kYCGated *KYCGated) UnpackInvalidDataError(raw []byte) (*KYCGatedInvalidData, error) {
	out := new(KYCGatedInvalidData)
	if err := kYCGated.abi.UnpackIntoInterface(out, "InvalidData", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedInvalidSignature represents a InvalidSignature error raised by the KYCGated contract.
type KYCGatedInvalidSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignature()
func KYCGatedInvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0x8baa579fce362245063d36f11747a89dd489c54795634fc673cc0e0db51fedc5")
}

// UnpackInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignature()
func (kYCGated *KYCGated) UnpackInvalidSignatureError(raw []byte) (*KYCGatedInvalidSignature, error) {
	out := new(KYCGatedInvalidSignature)
	if err := kYCGated.abi.UnpackIntoInterface(out, "InvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedInvalidSignatureV represents a InvalidSignatureV error raised by the KYCGated contract.
type KYCGatedInvalidSignatureV struct {
	V uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignatureV(uint8 v)
func KYCGatedInvalidSignatureVErrorID() common.Hash {
	return common.HexToHash("0xba76ff026d45908d17fefcce692bf9956e66357df37d89df51e86f322a5c37b4")
}

// UnpackInvalidSignatureVError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignatureV(uint8 v)
func (kYCGated *KYCGated) UnpackInvalidSignatureVError(raw []byte) (*KYCGatedInvalidSignatureV, error) {
	out := new(KYCGatedInvalidSignatureV)
	if err := kYCGated.abi.UnpackIntoInterface(out, "InvalidSignatureV", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedKYCCountryBlocked represents a KYCCountryBlocked error raised by the KYCGated contract.
type KYCGatedKYCCountryBlocked struct {
	Country [2]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error KYCCountryBlocked(bytes2 country)
func KYCGatedKYCCountryBlockedErrorID() common.Hash {
	return common.HexToHash("0x26c4c2f04ef2cf724deaf1724c43f524e3fd2fcb426ec789b0cfd6e23023512d")
}

// UnpackKYCCountryBlockedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error KYCCountryBlocked(bytes2 country)
func (kYCGated *KYCGated) UnpackKYCCountryBlockedError(raw []byte) (*KYCGatedKYCCountryBlocked, error) {
	out := new(KYCGatedKYCCountryBlocked)
	if err := kYCGated.abi.UnpackIntoInterface(out, "KYCCountryBlocked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedKYCLevelTooLow represents a KYCLevelTooLow error raised by the KYCGated contract.
type KYCGatedKYCLevelTooLow struct {
	Level    uint8
	MinLevel uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error KYCLevelTooLow(uint8 level, uint8 minLevel)
func KYCGatedKYCLevelTooLowErrorID() common.Hash {
	return common.HexToHash("0x03620c9e79b67147a26ab805142d5991c596c3e061df227e8ce9f882ce1de2ac")
}

// UnpackKYCLevelTooLowError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error KYCLevelTooLow(uint8 level, uint8 minLevel)
func (kYCGated *KYCGated) UnpackKYCLevelTooLowError(raw []byte) (*KYCGatedKYCLevelTooLow, error) {
	out := new(KYCGatedKYCLevelTooLow)
	if err := kYCGated.abi.UnpackIntoInterface(out, "KYCLevelTooLow", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedKYCNotOver18 represents a KYCNotOver18 error raised by the KYCGated contract.
type KYCGatedKYCNotOver18 struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error KYCNotOver18()
func KYCGatedKYCNotOver18ErrorID() common.Hash {
	return common.HexToHash("0xb691ea0f05dbe9850c880bb918a4695820077aa189497405ec288388206d81f0")
}

// UnpackKYCNotOver18Error is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error KYCNotOver18()
func (kYCGated *KYCGated) UnpackKYCNotOver18Error(raw []byte) (*KYCGatedKYCNotOver18, error) {
	out := new(KYCGatedKYCNotOver18)
	if err := kYCGated.abi.UnpackIntoInterface(out, "KYCNotOver18", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedKYCWalletRiskTooHigh represents a KYCWalletRiskTooHigh error raised by the KYCGated contract.
type KYCGatedKYCWalletRiskTooHigh struct {
	WalletRisk    uint8
	MaxWalletRisk uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error KYCWalletRiskTooHigh(uint8 walletRisk, uint8 maxWalletRisk)
func KYCGatedKYCWalletRiskTooHighErrorID() common.Hash {
	return common.HexToHash("0xfa3744044c5b625eb777e66f2b309cacad697afbc1cde59ae4d5f7fe1405c28f")
}

// UnpackKYCWalletRiskTooHighError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error KYCWalletRiskTooHigh(uint8 walletRisk, uint8 maxWalletRisk)
func (kYCGated *KYCGated) UnpackKYCWalletRiskTooHighError(raw []byte) (*KYCGatedKYCWalletRiskTooHigh, error) {
	out := new(KYCGatedKYCWalletRiskTooHigh)
	if err := kYCGated.abi.UnpackIntoInterface(out, "KYCWalletRiskTooHigh", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedMalformedAttestation represents a MalformedAttestation error raised by the KYCGated contract.
type KYCGatedMalformedAttestation struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MalformedAttestation()
func KYCGatedMalformedAttestationErrorID() common.Hash {
	return common.HexToHash("0xe13ced0b3d2df7d603e1bf7f34d139799b5d71a26b8da2588f09491b3635f527")
}

// UnpackMalformedAttestationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MalformedAttestation()
func (kYCGated *KYCGated) UnpackMalformedAttestationError(raw []byte) (*KYCGatedMalformedAttestation, error) {
	out := new(KYCGatedMalformedAttestation)
	if err := kYCGated.abi.UnpackIntoInterface(out, "MalformedAttestation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedMalleableSignature represents a MalleableSignature error raised by the KYCGated contract.
type KYCGatedMalleableSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MalleableSignature()
func KYCGatedMalleableSignatureErrorID() common.Hash {
	return common.HexToHash("0xf0ad0d096b3006996dab3fc2694416c1b06f2187bc5971da9e3ef21c355e8f96")
}

// UnpackMalleableSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MalleableSignature()
func (kYCGated *KYCGated) UnpackMalleableSignatureError(raw []byte) (*KYCGatedMalleableSignature, error) {
	out := new(KYCGatedMalleableSignature)
	if err := kYCGated.abi.UnpackIntoInterface(out, "MalleableSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedNotOwner represents a NotOwner error raised by the KYCGated contract.
type KYCGatedNotOwner struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner(address caller)
func KYCGatedNotOwnerErrorID() common.Hash {
	return common.HexToHash("0x245aecd3fabbd17d6c3c92dc7f0ab916ea8cbf6fc1862c8b56893090ac3fff4c")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner(address caller)
func (kYCGated *KYCGated) UnpackNotOwnerError(raw []byte) (*KYCGatedNotOwner, error) {
	out := new(KYCGatedNotOwner)
	if err := kYCGated.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedNotRevoker represents a NotRevoker error raised by the KYCGated contract.
type KYCGatedNotRevoker struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotRevoker(address caller)
func KYCGatedNotRevokerErrorID() common.Hash {
	return common.HexToHash("0x5a4c7a3bf565fcd2af761264ab839c2ddc5d0178e9f63230fb9d4e8cb34ed2e4")
}

// UnpackNotRevokerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotRevoker(address caller)
func (kYCGated *KYCGated) UnpackNotRevokerError(raw []byte) (*KYCGatedNotRevoker, error) {
	out := new(KYCGatedNotRevoker)
	if err := kYCGated.abi.UnpackIntoInterface(out, "NotRevoker", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedNotYetValid represents a NotYetValid error raised by the KYCGated contract.
type KYCGatedNotYetValid struct {
	Time uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotYetValid(uint64 time)
func KYCGatedNotYetValidErrorID() common.Hash {
	return common.HexToHash("0x2d5d879ec5e6d607085fc576ad348b9afbac24d7e589fcd6719b0c5b863a917f")
}

// UnpackNotYetValidError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotYetValid(uint64 time)
func (kYCGated *KYCGated) UnpackNotYetValidError(raw []byte) (*KYCGatedNotYetValid, error) {
	out := new(KYCGatedNotYetValid)
	if err := kYCGated.abi.UnpackIntoInterface(out, "NotYetValid", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedUntrustedSigner represents a UntrustedSigner error raised by the KYCGated contract.
type KYCGatedUntrustedSigner struct {
	Signer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UntrustedSigner(address signer)
func KYCGatedUntrustedSignerErrorID() common.Hash {
	return common.HexToHash("0x5292db3107457742975be25cd2149b2d2cde03875f0d0f5c8e364610640f059b")
}

// UnpackUntrustedSignerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UntrustedSigner(address signer)
func (kYCGated *KYCGated) UnpackUntrustedSignerError(raw []byte) (*KYCGatedUntrustedSigner, error) {
	out := new(KYCGatedUntrustedSigner)
	if err := kYCGated.abi.UnpackIntoInterface(out, "UntrustedSigner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedWrongRecipient represents a WrongRecipient error raised by the KYCGated contract.
type KYCGatedWrongRecipient struct {
	Recipient common.Address
	Account   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongRecipient(address recipient, address account)
func KYCGatedWrongRecipientErrorID() common.Hash {
	return common.HexToHash("0x33d3166e2d840b0ebc4e31ac15b78fb2c3b5af52e7296f0fe189bdf7367fce29")
}

// UnpackWrongRecipientError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongRecipient(address recipient, address account)
func (kYCGated *KYCGated) UnpackWrongRecipientError(raw []byte) (*KYCGatedWrongRecipient, error) {
	out := new(KYCGatedWrongRecipient)
	if err := kYCGated.abi.UnpackIntoInterface(out, "WrongRecipient", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedWrongSchema represents a WrongSchema error raised by the KYCGated contract.
type KYCGatedWrongSchema struct {
	Schema [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongSchema(bytes32 schema)
func KYCGatedWrongSchemaErrorID() common.Hash {
	return common.HexToHash("0x71fe074bb8982b9eae0d1c455c5caaa5c7568db41ecec022d4188323acfb742e")
}

// UnpackWrongSchemaError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongSchema(bytes32 schema)
func (kYCGated *KYCGated) UnpackWrongSchemaError(raw []byte) (*KYCGatedWrongSchema, error) {
	out := new(KYCGatedWrongSchema)
	if err := kYCGated.abi.UnpackIntoInterface(out, "WrongSchema", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCGatedZeroAddress represents a ZeroAddress error raised by the KYCGated contract.
type KYCGatedZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func KYCGatedZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (kYCGated *KYCGated) UnpackZeroAddressError(raw []byte) (*KYCGatedZeroAddress, error) {
	out := new(KYCGatedZeroAddress)
	if err := kYCGated.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierMetaData contains all meta data concerning the KYCVerifier contract.
var KYCVerifierMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"schema\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"eas\",\"type\":\"address\"},{\"internalType\":\"string\",\"name\":\"easVersion\",\"type\":\"string\"},{\"internalType\":\"address[]\",\"name\":\"signers\",\"type\":\"address[]\"},{\"internalType\":\"address[]\",\"name\":\"revokers\",\"type\":\"address[]\"}],\"internalType\":\"structKYCVerifierBase.KYCConfig\",\"name\":\"cfg\",\"type\":\"tuple\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"AttestationRevoked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"expirationTime\",\"type\":\"uint64\"}],\"name\":\"Expired\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidData\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"}],\"name\":\"InvalidSignatureV\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MalformedAttestation\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MalleableSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotRevoker\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"time\",\"type\":\"uint64\"}],\"name\":\"NotYetValid\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"UntrustedSigner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"WrongRecipient\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"schema\",\"type\":\"bytes32\"}],\"name\":\"WrongSchema\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"Revoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"RevokerAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"RevokerRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"SignerAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"SignerRemoved\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"KYC_LENGTH\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"addRevoker\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"addSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"check\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"}],\"name\":\"digestOf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eas\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"isRevoked\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"isRevoker\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"isSigner\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"removeRevoker\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"removeSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"revoke\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"digests\",\"type\":\"bytes32[]\"}],\"name\":\"revokeMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"revokedAt\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"oldSigner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"newSigner\",\"type\":\"address\"}],\"name\":\"rotateSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"schema\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"verify\",\"outputs\":[{\"components\":[{\"internalType\":\"uint8\",\"name\":\"level\",\"type\":\"uint8\"},{\"internalType\":\"bytes2\",\"name\":\"country\",\"type\":\"bytes2\"},{\"internalType\":\"bool\",\"name\":\"over18\",\"type\":\"bool\"},{\"internalType\":\"uint8\",\"name\":\"walletRisk\",\"type\":\"uint8\"}],\"internalType\":\"structKYCVerifierBase.Claims\",\"name\":\"claims\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "c6562f9bb4643574390db38470dfb3eb03",
	Bin: "0x61012060405234801561001157600080fd5b506040516115ff3803806115ff833981016040819052610030916104b4565b805181906001600160a01b031661005a5760405163d92e233d60e01b815260040160405180910390fd5b8051600080546001600160a01b0319166001600160a01b0390921691821781556040517f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0908290a36020818101516080908152604080840180516001600160a01b0390811660a090815260608088015180519088012060c08181524660e0819052955187517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f818c01527f434488b9302b9d5ff4975379b7ba0acaee923ab697b79a559231468b2327e2fd818a015293840183905297830195909552959092168282015283518083039091018152910190915280519201919091206101005260005b82608001515181101561019d5761019583608001518281518110610182576101826105a5565b60200260200101516101eb60201b60201c565b60010161015c565b5060005b8260a00151518110156101e2576101da8360a0015182815181106101c7576101c76105a5565b602002602001015161028560201b60201c565b6001016101a1565b505050506105bb565b6001600160a01b0381166102125760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b03811660009081526001602052604090205460ff16156102365750565b6001600160a01b0381166000818152600160208190526040808320805460ff1916909217909155517f47d1c22a25bb3a5d4e481b9b1e6944c2eade3181a0a20b495ed61d35b5323f249190a250565b6001600160a01b0381166102ac5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b03811660009081526002602052604090205460ff16156102d05750565b6001600160a01b038116600081815260026020526040808220805460ff19166001179055517f1079379f5563b8119cc5df445caf51f759d16278574b30c60c2bb998c849c1169190a250565b634e487b7160e01b600052604160045260246000fd5b60405160c081016001600160401b03811182821017156103545761035461031c565b60405290565b604051601f8201601f191681016001600160401b03811182821017156103825761038261031c565b604052919050565b80516001600160a01b03811681146103a157600080fd5b919050565b600082601f8301126103b757600080fd5b81516001600160401b038111156103d0576103d061031c565b6103e3601f8201601f191660200161035a565b8181528460208386010111156103f857600080fd5b60005b82811015610417576020818601810151838301820152016103fb565b506000918101602001919091529392505050565b600082601f83011261043c57600080fd5b81516001600160401b038111156104555761045561031c565b8060051b6104656020820161035a565b9182526020818501810192908101908684111561048157600080fd5b6020860192505b838310156104aa576104998361038a565b825260209283019290910190610488565b9695505050505050565b6000602082840312156104c657600080fd5b81516001600160401b038111156104dc57600080fd5b820160c081850312156104ee57600080fd5b6104f6610332565b6104ff8261038a565b8152602082810151908201526105176040830161038a565b604082015260608201516001600160401b0381111561053557600080fd5b610541868285016103a6565b60608301525060808201516001600160401b0381111561056057600080fd5b61056c8682850161042b565b60808301525060a08201516001600160401b0381111561058b57600080fd5b6105978682850161042b565b60a083015250949350505050565b634e487b7160e01b600052603260045260246000fd5b60805160a05160c05160e05161010051610ff261060d6000396000610b2801526000610b0001526000610ba00152600081816102470152610bcc01526000818161034901526107e90152610ff26000f3fe608060405234801561001057600080fd5b506004361061012c5760003560e01c8063b7449f0f116100ad578063f2fde38b11610071578063f2fde38b14610306578063f698da2514610319578063f6c4b01f14610321578063f8895cc814610344578063f95abea71461036b57600080fd5b8063b7449f0f146102a7578063b75c7dc6146102ba578063c06f8b94146102cd578063e83a462e146102e0578063eb12d61e146102f357600080fd5b8063625300b2116100f4578063625300b2146102165780637df73e271461021f5780638150864d146102425780638da5cb5b14610281578063961a66f61461029457600080fd5b8063098787ce146101315780630e316ab7146101645780632e406619146101795780633d3ac1b51461018c5780634294857f146101e4575b600080fd5b61015161013f366004610dcd565b60036020526000908152604090205481565b6040519081526020015b60405180910390f35b610177610172366004610e02565b61037e565b005b610151610187366004610e66565b61041b565b61019f61019a366004610e66565b610430565b60405161015b9190815160ff90811682526020808401516001600160f01b03191690830152604080840151151590830152606092830151169181019190915260800190565b6102066101f2366004610dcd565b600090815260036020526040902054151590565b604051901515815260200161015b565b61015161014681565b61020661022d366004610e02565b60016020526000908152604090205460ff1681565b6102697f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b03909116815260200161015b565b600054610269906001600160a01b031681565b6101776102a2366004610e02565b61049f565b6101516102b5366004610eba565b6104d5565b6101776102c8366004610dcd565b610512565b6101776102db366004610e02565b61054d565b6101776102ee366004610efc565b6105e4565b610177610301366004610e02565b610686565b610177610314366004610e02565b6106bc565b61015161076b565b61020661032f366004610e02565b60026020526000908152604090205460ff1681565b6101517f000000000000000000000000000000000000000000000000000000000000000081565b610177610379366004610f2f565b61077a565b6000546001600160a01b031633146103b05760405163245aecd360e01b81523360048201526024015b60405180910390fd5b6001600160a01b03811660009081526001602052604090205460ff1615610418576001600160a01b038116600081815260016020526040808220805460ff19169055517f3525e22824a8a7df2c9a6029941c824cf95b6447f1e13d5128fd3826d35afe8b9190a25b50565b60006104288484846107e5565b949350505050565b60408051608081018252600080825260208201819052918101829052606081018290529061045f8585856107e5565b60ff80821684526001600160f01b031960e883901b166020808601919091526001601884901c81161460408601529190911c166060830152509392505050565b6000546001600160a01b031633146104cc5760405163245aecd360e01b81523360048201526024016103a7565b61041881610a65565b600061014682146104f95760405163e13ced0b60e01b815260040160405180910390fd5b61050b8383610506610afc565b610c17565b9392505050565b3360009081526002602052604090205460ff1661054457604051635a4c7a3b60e01b81523360048201526024016103a7565b61041881610cde565b6000546001600160a01b0316331461057a5760405163245aecd360e01b81523360048201526024016103a7565b6001600160a01b03811660009081526002602052604090205460ff1615610418576001600160a01b038116600081815260026020526040808220805460ff19169055517f869c3bd5ab476af0f92c3a50e0fe7aebf167e6e23a67d07e721e12be6877c6139190a250565b6000546001600160a01b031633146106115760405163245aecd360e01b81523360048201526024016103a7565b6001600160a01b03821660009081526001602052604090205460ff1615610679576001600160a01b038216600081815260016020526040808220805460ff19169055517f3525e22824a8a7df2c9a6029941c824cf95b6447f1e13d5128fd3826d35afe8b9190a25b61068281610d33565b5050565b6000546001600160a01b031633146106b35760405163245aecd360e01b81523360048201526024016103a7565b61041881610d33565b6000546001600160a01b031633146106e95760405163245aecd360e01b81523360048201526024016103a7565b6001600160a01b0381166107105760405163d92e233d60e01b815260040160405180910390fd5b600080546040516001600160a01b03808516939216917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e091a3600080546001600160a01b0319166001600160a01b0392909216919091179055565b6000610775610afc565b905090565b3360009081526002602052604090205460ff166107ac57604051635a4c7a3b60e01b81523360048201526024016103a7565b60005b818110156107e0576107d88383838181106107cc576107cc610fa6565b90506020020135610cde565b6001016107af565b505050565b60007f00000000000000000000000000000000000000000000000000000000000000008161082d565b8060e01b60005260046000fd5b8060e01b600052508060045260246000fd5b61014685146108595760c685101561084c5761084c63e13ced0b61080e565b610859635cb045db61080e565b85604181013583811461087457610874816371fe074b61081b565b50606181013560601c8581146108a2576040516333d3166e60e01b8152816004820152866024820152604481fd5b50607581013560c01c428111156108c1576108c181632d5d879e61081b565b50607d81013560c01c8042101581151516156108e5576108e581639569365361081b565b506001608582013560f81c11156109035761090363e13ced0b61080e565b60c681013560e682013561010683013561012684013560ff811160018311178360101b60ff861117171561093e5761093e635cb045db61080e565b8060201b8260181b178360e81c851717975050505050604081013560f81c9150601c8214601b831417610979576109798263ba76ff0261081b565b7f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0602082013511156109b2576109b263f0ad0d0961080e565b5060006109c28787610506610afc565b9050866040518281528360208201528135604082015260208201356060820152600080526020600060808360015afa50505060005180610a0d57638baa579f60e01b60005260046000fd5b6001602052604060002054610a3157635292db3160e01b6000528060045260246000fd5b5080600052600360205260406000205415610a5b576304bed25660e01b6000528060045260246000fd5b5050509392505050565b6001600160a01b038116610a8c5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b03811660009081526002602052604090205460ff1615610ab05750565b6001600160a01b038116600081815260026020526040808220805460ff19166001179055517f1079379f5563b8119cc5df445caf51f759d16278574b30c60c2bb998c849c1169190a250565b60007f00000000000000000000000000000000000000000000000000000000000000004603610b4a57507f000000000000000000000000000000000000000000000000000000000000000090565b50604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f6020808301919091527f434488b9302b9d5ff4975379b7ba0acaee923ab697b79a559231468b2327e2fd828401527f000000000000000000000000000000000000000000000000000000000000000060608301524660808301527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031660a0808401919091528351808403909101815260c0909201909252805191012090565b6000836040517f258b757fc37a6699a984f4be01258122f834200374b34b4457b6db0dd0f7113281526002602082015260418201356040820152606182013560601c6060820152607582013560c01c6080820152607d82013560c01c60a0820152608582013560f81c60c0820152608682013560e0820152608060c68301610100830137608061010082012061010082015260a68201356101208201526101408120915061190160f01b815283600282015281602282015260428120925050509392505050565b60008181526003602052604090205415610cf55750565b60008181526003602052604080822042905551339183917f5bc2baf870c5baf189838b5e0b0e3b04a3263e2df5d305d1c15f3e6022f5dc459190a350565b6001600160a01b038116610d5a5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b03811660009081526001602052604090205460ff1615610d7e5750565b6001600160a01b0381166000818152600160208190526040808320805460ff1916909217909155517f47d1c22a25bb3a5d4e481b9b1e6944c2eade3181a0a20b495ed61d35b5323f249190a250565b600060208284031215610ddf57600080fd5b5035919050565b80356001600160a01b0381168114610dfd57600080fd5b919050565b600060208284031215610e1457600080fd5b61050b82610de6565b60008083601f840112610e2f57600080fd5b50813567ffffffffffffffff811115610e4757600080fd5b602083019150836020828501011115610e5f57600080fd5b9250929050565b600080600060408486031215610e7b57600080fd5b833567ffffffffffffffff811115610e9257600080fd5b610e9e86828701610e1d565b9094509250610eb1905060208501610de6565b90509250925092565b60008060208385031215610ecd57600080fd5b823567ffffffffffffffff811115610ee457600080fd5b610ef085828601610e1d565b90969095509350505050565b60008060408385031215610f0f57600080fd5b610f1883610de6565b9150610f2660208401610de6565b90509250929050565b60008060208385031215610f4257600080fd5b823567ffffffffffffffff811115610f5957600080fd5b8301601f81018513610f6a57600080fd5b803567ffffffffffffffff811115610f8157600080fd5b8560208260051b8401011115610f9657600080fd5b6020919091019590945092505050565b634e487b7160e01b600052603260045260246000fdfea26469706673582212209f7ceb5dc5701dffc1b52345c4ed9f5b76121e8b65d0ab5cb9f463c2b95e0fe164736f6c63430008250033",
}

// KYCVerifier is an auto generated Go binding around an Ethereum contract.
type KYCVerifier struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *KYCVerifier) GetABI() abi.ABI {
	return c.abi
}

// NewKYCVerifier creates a new instance of KYCVerifier.
func NewKYCVerifier() *KYCVerifier {
	parsed, err := KYCVerifierMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &KYCVerifier{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *KYCVerifier) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor((address,bytes32,address,string,address[],address[]) cfg) returns()
func (kYCVerifier *KYCVerifier) PackConstructor(cfg KYCVerifierBaseKYCConfig) []byte {
	enc, err := kYCVerifier.abi.Pack("", cfg)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackKYCLENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x625300b2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function KYC_LENGTH() view returns(uint256)
func (kYCVerifier *KYCVerifier) PackKYCLENGTH() []byte {
	enc, err := kYCVerifier.abi.Pack("KYC_LENGTH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackKYCLENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x625300b2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function KYC_LENGTH() view returns(uint256)
func (kYCVerifier *KYCVerifier) TryPackKYCLENGTH() ([]byte, error) {
	return kYCVerifier.abi.Pack("KYC_LENGTH")
}

// UnpackKYCLENGTH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x625300b2.
//
// Solidity: function KYC_LENGTH() view returns(uint256)
func (kYCVerifier *KYCVerifier) UnpackKYCLENGTH(data []byte) (*big.Int, error) {
	out, err := kYCVerifier.abi.Unpack("KYC_LENGTH", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackAddRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x961a66f6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addRevoker(address revoker) returns()
func (kYCVerifier *KYCVerifier) PackAddRevoker(revoker common.Address) []byte {
	enc, err := kYCVerifier.abi.Pack("addRevoker", revoker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x961a66f6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addRevoker(address revoker) returns()
func (kYCVerifier *KYCVerifier) TryPackAddRevoker(revoker common.Address) ([]byte, error) {
	return kYCVerifier.abi.Pack("addRevoker", revoker)
}

// PackAddSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeb12d61e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addSigner(address signer) returns()
func (kYCVerifier *KYCVerifier) PackAddSigner(signer common.Address) []byte {
	enc, err := kYCVerifier.abi.Pack("addSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeb12d61e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addSigner(address signer) returns()
func (kYCVerifier *KYCVerifier) TryPackAddSigner(signer common.Address) ([]byte, error) {
	return kYCVerifier.abi.Pack("addSigner", signer)
}

// PackCheck is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e406619.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function check(bytes kyc, address account) view returns(uint256)
func (kYCVerifier *KYCVerifier) PackCheck(kyc []byte, account common.Address) []byte {
	enc, err := kYCVerifier.abi.Pack("check", kyc, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCheck is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e406619.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function check(bytes kyc, address account) view returns(uint256)
func (kYCVerifier *KYCVerifier) TryPackCheck(kyc []byte, account common.Address) ([]byte, error) {
	return kYCVerifier.abi.Pack("check", kyc, account)
}

// UnpackCheck is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2e406619.
//
// Solidity: function check(bytes kyc, address account) view returns(uint256)
func (kYCVerifier *KYCVerifier) UnpackCheck(data []byte) (*big.Int, error) {
	out, err := kYCVerifier.abi.Unpack("check", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDigestOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb7449f0f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function digestOf(bytes kyc) view returns(bytes32)
func (kYCVerifier *KYCVerifier) PackDigestOf(kyc []byte) []byte {
	enc, err := kYCVerifier.abi.Pack("digestOf", kyc)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDigestOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb7449f0f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function digestOf(bytes kyc) view returns(bytes32)
func (kYCVerifier *KYCVerifier) TryPackDigestOf(kyc []byte) ([]byte, error) {
	return kYCVerifier.abi.Pack("digestOf", kyc)
}

// UnpackDigestOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb7449f0f.
//
// Solidity: function digestOf(bytes kyc) view returns(bytes32)
func (kYCVerifier *KYCVerifier) UnpackDigestOf(data []byte) ([32]byte, error) {
	out, err := kYCVerifier.abi.Unpack("digestOf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (kYCVerifier *KYCVerifier) PackDomainSeparator() []byte {
	enc, err := kYCVerifier.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (kYCVerifier *KYCVerifier) TryPackDomainSeparator() ([]byte, error) {
	return kYCVerifier.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (kYCVerifier *KYCVerifier) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := kYCVerifier.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEas is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8150864d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eas() view returns(address)
func (kYCVerifier *KYCVerifier) PackEas() []byte {
	enc, err := kYCVerifier.abi.Pack("eas")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEas is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8150864d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eas() view returns(address)
func (kYCVerifier *KYCVerifier) TryPackEas() ([]byte, error) {
	return kYCVerifier.abi.Pack("eas")
}

// UnpackEas is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8150864d.
//
// Solidity: function eas() view returns(address)
func (kYCVerifier *KYCVerifier) UnpackEas(data []byte) (common.Address, error) {
	out, err := kYCVerifier.abi.Unpack("eas", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackIsRevoked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4294857f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isRevoked(bytes32 digest) view returns(bool)
func (kYCVerifier *KYCVerifier) PackIsRevoked(digest [32]byte) []byte {
	enc, err := kYCVerifier.abi.Pack("isRevoked", digest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsRevoked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4294857f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isRevoked(bytes32 digest) view returns(bool)
func (kYCVerifier *KYCVerifier) TryPackIsRevoked(digest [32]byte) ([]byte, error) {
	return kYCVerifier.abi.Pack("isRevoked", digest)
}

// UnpackIsRevoked is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4294857f.
//
// Solidity: function isRevoked(bytes32 digest) view returns(bool)
func (kYCVerifier *KYCVerifier) UnpackIsRevoked(data []byte) (bool, error) {
	out, err := kYCVerifier.abi.Unpack("isRevoked", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf6c4b01f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isRevoker(address revoker) view returns(bool)
func (kYCVerifier *KYCVerifier) PackIsRevoker(revoker common.Address) []byte {
	enc, err := kYCVerifier.abi.Pack("isRevoker", revoker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf6c4b01f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isRevoker(address revoker) view returns(bool)
func (kYCVerifier *KYCVerifier) TryPackIsRevoker(revoker common.Address) ([]byte, error) {
	return kYCVerifier.abi.Pack("isRevoker", revoker)
}

// UnpackIsRevoker is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf6c4b01f.
//
// Solidity: function isRevoker(address revoker) view returns(bool)
func (kYCVerifier *KYCVerifier) UnpackIsRevoker(data []byte) (bool, error) {
	out, err := kYCVerifier.abi.Unpack("isRevoker", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7df73e27.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isSigner(address signer) view returns(bool)
func (kYCVerifier *KYCVerifier) PackIsSigner(signer common.Address) []byte {
	enc, err := kYCVerifier.abi.Pack("isSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7df73e27.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isSigner(address signer) view returns(bool)
func (kYCVerifier *KYCVerifier) TryPackIsSigner(signer common.Address) ([]byte, error) {
	return kYCVerifier.abi.Pack("isSigner", signer)
}

// UnpackIsSigner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7df73e27.
//
// Solidity: function isSigner(address signer) view returns(bool)
func (kYCVerifier *KYCVerifier) UnpackIsSigner(data []byte) (bool, error) {
	out, err := kYCVerifier.abi.Unpack("isSigner", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (kYCVerifier *KYCVerifier) PackOwner() []byte {
	enc, err := kYCVerifier.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (kYCVerifier *KYCVerifier) TryPackOwner() ([]byte, error) {
	return kYCVerifier.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (kYCVerifier *KYCVerifier) UnpackOwner(data []byte) (common.Address, error) {
	out, err := kYCVerifier.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRemoveRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc06f8b94.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeRevoker(address revoker) returns()
func (kYCVerifier *KYCVerifier) PackRemoveRevoker(revoker common.Address) []byte {
	enc, err := kYCVerifier.abi.Pack("removeRevoker", revoker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc06f8b94.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeRevoker(address revoker) returns()
func (kYCVerifier *KYCVerifier) TryPackRemoveRevoker(revoker common.Address) ([]byte, error) {
	return kYCVerifier.abi.Pack("removeRevoker", revoker)
}

// PackRemoveSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e316ab7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeSigner(address signer) returns()
func (kYCVerifier *KYCVerifier) PackRemoveSigner(signer common.Address) []byte {
	enc, err := kYCVerifier.abi.Pack("removeSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e316ab7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeSigner(address signer) returns()
func (kYCVerifier *KYCVerifier) TryPackRemoveSigner(signer common.Address) ([]byte, error) {
	return kYCVerifier.abi.Pack("removeSigner", signer)
}

// PackRevoke is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb75c7dc6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revoke(bytes32 digest) returns()
func (kYCVerifier *KYCVerifier) PackRevoke(digest [32]byte) []byte {
	enc, err := kYCVerifier.abi.Pack("revoke", digest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevoke is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb75c7dc6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revoke(bytes32 digest) returns()
func (kYCVerifier *KYCVerifier) TryPackRevoke(digest [32]byte) ([]byte, error) {
	return kYCVerifier.abi.Pack("revoke", digest)
}

// PackRevokeMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf95abea7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeMany(bytes32[] digests) returns()
func (kYCVerifier *KYCVerifier) PackRevokeMany(digests [][32]byte) []byte {
	enc, err := kYCVerifier.abi.Pack("revokeMany", digests)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokeMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf95abea7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokeMany(bytes32[] digests) returns()
func (kYCVerifier *KYCVerifier) TryPackRevokeMany(digests [][32]byte) ([]byte, error) {
	return kYCVerifier.abi.Pack("revokeMany", digests)
}

// PackRevokedAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x098787ce.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokedAt(bytes32 digest) view returns(uint256)
func (kYCVerifier *KYCVerifier) PackRevokedAt(digest [32]byte) []byte {
	enc, err := kYCVerifier.abi.Pack("revokedAt", digest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokedAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x098787ce.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokedAt(bytes32 digest) view returns(uint256)
func (kYCVerifier *KYCVerifier) TryPackRevokedAt(digest [32]byte) ([]byte, error) {
	return kYCVerifier.abi.Pack("revokedAt", digest)
}

// UnpackRevokedAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x098787ce.
//
// Solidity: function revokedAt(bytes32 digest) view returns(uint256)
func (kYCVerifier *KYCVerifier) UnpackRevokedAt(data []byte) (*big.Int, error) {
	out, err := kYCVerifier.abi.Unpack("revokedAt", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRotateSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe83a462e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function rotateSigner(address oldSigner, address newSigner) returns()
func (kYCVerifier *KYCVerifier) PackRotateSigner(oldSigner common.Address, newSigner common.Address) []byte {
	enc, err := kYCVerifier.abi.Pack("rotateSigner", oldSigner, newSigner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRotateSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe83a462e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function rotateSigner(address oldSigner, address newSigner) returns()
func (kYCVerifier *KYCVerifier) TryPackRotateSigner(oldSigner common.Address, newSigner common.Address) ([]byte, error) {
	return kYCVerifier.abi.Pack("rotateSigner", oldSigner, newSigner)
}

// PackSchema is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf8895cc8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function schema() view returns(bytes32)
func (kYCVerifier *KYCVerifier) PackSchema() []byte {
	enc, err := kYCVerifier.abi.Pack("schema")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSchema is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf8895cc8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function schema() view returns(bytes32)
func (kYCVerifier *KYCVerifier) TryPackSchema() ([]byte, error) {
	return kYCVerifier.abi.Pack("schema")
}

// UnpackSchema is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf8895cc8.
//
// Solidity: function schema() view returns(bytes32)
func (kYCVerifier *KYCVerifier) UnpackSchema(data []byte) ([32]byte, error) {
	out, err := kYCVerifier.abi.Unpack("schema", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (kYCVerifier *KYCVerifier) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := kYCVerifier.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (kYCVerifier *KYCVerifier) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return kYCVerifier.abi.Pack("transferOwnership", newOwner)
}

// PackVerify is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d3ac1b5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verify(bytes kyc, address account) view returns((uint8,bytes2,bool,uint8) claims)
func (kYCVerifier *KYCVerifier) PackVerify(kyc []byte, account common.Address) []byte {
	enc, err := kYCVerifier.abi.Pack("verify", kyc, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerify is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d3ac1b5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verify(bytes kyc, address account) view returns((uint8,bytes2,bool,uint8) claims)
func (kYCVerifier *KYCVerifier) TryPackVerify(kyc []byte, account common.Address) ([]byte, error) {
	return kYCVerifier.abi.Pack("verify", kyc, account)
}

// UnpackVerify is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3d3ac1b5.
//
// Solidity: function verify(bytes kyc, address account) view returns((uint8,bytes2,bool,uint8) claims)
func (kYCVerifier *KYCVerifier) UnpackVerify(data []byte) (KYCVerifierBaseClaims, error) {
	out, err := kYCVerifier.abi.Unpack("verify", data)
	if err != nil {
		return *new(KYCVerifierBaseClaims), err
	}
	out0 := *abi.ConvertType(out[0], new(KYCVerifierBaseClaims)).(*KYCVerifierBaseClaims)
	return out0, nil
}

// KYCVerifierOwnershipTransferred represents a OwnershipTransferred event raised by the KYCVerifier contract.
type KYCVerifierOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const KYCVerifierOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (KYCVerifierOwnershipTransferred) ContractEventName() string {
	return KYCVerifierOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (kYCVerifier *KYCVerifier) UnpackOwnershipTransferredEvent(log *types.Log) (*KYCVerifierOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCVerifier.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCVerifierOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := kYCVerifier.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCVerifier.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCVerifierRevoked represents a Revoked event raised by the KYCVerifier contract.
type KYCVerifierRevoked struct {
	Digest  [32]byte
	Revoker common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const KYCVerifierRevokedEventName = "Revoked"

// ContractEventName returns the user-defined event name.
func (KYCVerifierRevoked) ContractEventName() string {
	return KYCVerifierRevokedEventName
}

// UnpackRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Revoked(bytes32 indexed digest, address indexed revoker)
func (kYCVerifier *KYCVerifier) UnpackRevokedEvent(log *types.Log) (*KYCVerifierRevoked, error) {
	event := "Revoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCVerifier.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCVerifierRevoked)
	if len(log.Data) > 0 {
		if err := kYCVerifier.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCVerifier.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCVerifierRevokerAdded represents a RevokerAdded event raised by the KYCVerifier contract.
type KYCVerifierRevokerAdded struct {
	Revoker common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const KYCVerifierRevokerAddedEventName = "RevokerAdded"

// ContractEventName returns the user-defined event name.
func (KYCVerifierRevokerAdded) ContractEventName() string {
	return KYCVerifierRevokerAddedEventName
}

// UnpackRevokerAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RevokerAdded(address indexed revoker)
func (kYCVerifier *KYCVerifier) UnpackRevokerAddedEvent(log *types.Log) (*KYCVerifierRevokerAdded, error) {
	event := "RevokerAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCVerifier.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCVerifierRevokerAdded)
	if len(log.Data) > 0 {
		if err := kYCVerifier.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCVerifier.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCVerifierRevokerRemoved represents a RevokerRemoved event raised by the KYCVerifier contract.
type KYCVerifierRevokerRemoved struct {
	Revoker common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const KYCVerifierRevokerRemovedEventName = "RevokerRemoved"

// ContractEventName returns the user-defined event name.
func (KYCVerifierRevokerRemoved) ContractEventName() string {
	return KYCVerifierRevokerRemovedEventName
}

// UnpackRevokerRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RevokerRemoved(address indexed revoker)
func (kYCVerifier *KYCVerifier) UnpackRevokerRemovedEvent(log *types.Log) (*KYCVerifierRevokerRemoved, error) {
	event := "RevokerRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCVerifier.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCVerifierRevokerRemoved)
	if len(log.Data) > 0 {
		if err := kYCVerifier.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCVerifier.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCVerifierSignerAdded represents a SignerAdded event raised by the KYCVerifier contract.
type KYCVerifierSignerAdded struct {
	Signer common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const KYCVerifierSignerAddedEventName = "SignerAdded"

// ContractEventName returns the user-defined event name.
func (KYCVerifierSignerAdded) ContractEventName() string {
	return KYCVerifierSignerAddedEventName
}

// UnpackSignerAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SignerAdded(address indexed signer)
func (kYCVerifier *KYCVerifier) UnpackSignerAddedEvent(log *types.Log) (*KYCVerifierSignerAdded, error) {
	event := "SignerAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCVerifier.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCVerifierSignerAdded)
	if len(log.Data) > 0 {
		if err := kYCVerifier.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCVerifier.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCVerifierSignerRemoved represents a SignerRemoved event raised by the KYCVerifier contract.
type KYCVerifierSignerRemoved struct {
	Signer common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const KYCVerifierSignerRemovedEventName = "SignerRemoved"

// ContractEventName returns the user-defined event name.
func (KYCVerifierSignerRemoved) ContractEventName() string {
	return KYCVerifierSignerRemovedEventName
}

// UnpackSignerRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SignerRemoved(address indexed signer)
func (kYCVerifier *KYCVerifier) UnpackSignerRemovedEvent(log *types.Log) (*KYCVerifierSignerRemoved, error) {
	event := "SignerRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCVerifier.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCVerifierSignerRemoved)
	if len(log.Data) > 0 {
		if err := kYCVerifier.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCVerifier.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (kYCVerifier *KYCVerifier) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], kYCVerifier.abi.Errors["AttestationRevoked"].ID.Bytes()[:4]) {
		return kYCVerifier.UnpackAttestationRevokedError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifier.abi.Errors["Expired"].ID.Bytes()[:4]) {
		return kYCVerifier.UnpackExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifier.abi.Errors["InvalidData"].ID.Bytes()[:4]) {
		return kYCVerifier.UnpackInvalidDataError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifier.abi.Errors["InvalidSignature"].ID.Bytes()[:4]) {
		return kYCVerifier.UnpackInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifier.abi.Errors["InvalidSignatureV"].ID.Bytes()[:4]) {
		return kYCVerifier.UnpackInvalidSignatureVError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifier.abi.Errors["MalformedAttestation"].ID.Bytes()[:4]) {
		return kYCVerifier.UnpackMalformedAttestationError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifier.abi.Errors["MalleableSignature"].ID.Bytes()[:4]) {
		return kYCVerifier.UnpackMalleableSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifier.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return kYCVerifier.UnpackNotOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifier.abi.Errors["NotRevoker"].ID.Bytes()[:4]) {
		return kYCVerifier.UnpackNotRevokerError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifier.abi.Errors["NotYetValid"].ID.Bytes()[:4]) {
		return kYCVerifier.UnpackNotYetValidError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifier.abi.Errors["UntrustedSigner"].ID.Bytes()[:4]) {
		return kYCVerifier.UnpackUntrustedSignerError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifier.abi.Errors["WrongRecipient"].ID.Bytes()[:4]) {
		return kYCVerifier.UnpackWrongRecipientError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifier.abi.Errors["WrongSchema"].ID.Bytes()[:4]) {
		return kYCVerifier.UnpackWrongSchemaError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifier.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return kYCVerifier.UnpackZeroAddressError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// KYCVerifierAttestationRevoked represents a AttestationRevoked error raised by the KYCVerifier contract.
type KYCVerifierAttestationRevoked struct {
	Digest [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AttestationRevoked(bytes32 digest)
func KYCVerifierAttestationRevokedErrorID() common.Hash {
	return common.HexToHash("0x04bed256ad23fe17d61d9248ee108825bf3b1d04527fee36f0ee2af633fc1452")
}

// UnpackAttestationRevokedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AttestationRevoked(bytes32 digest)
func (kYCVerifier *KYCVerifier) UnpackAttestationRevokedError(raw []byte) (*KYCVerifierAttestationRevoked, error) {
	out := new(KYCVerifierAttestationRevoked)
	if err := kYCVerifier.abi.UnpackIntoInterface(out, "AttestationRevoked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierExpired represents a Expired error raised by the KYCVerifier contract.
type KYCVerifierExpired struct {
	ExpirationTime uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Expired(uint64 expirationTime)
func KYCVerifierExpiredErrorID() common.Hash {
	return common.HexToHash("0x956936532b954ff74e062815c0174f8bd1500115ed3dd2adb3c66e2ac6109668")
}

// UnpackExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Expired(uint64 expirationTime)
func (kYCVerifier *KYCVerifier) UnpackExpiredError(raw []byte) (*KYCVerifierExpired, error) {
	out := new(KYCVerifierExpired)
	if err := kYCVerifier.abi.UnpackIntoInterface(out, "Expired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierInvalidData represents a InvalidData error raised by the KYCVerifier contract.
type KYCVerifierInvalidData struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidData()
func KYCVerifierInvalidDataErrorID() common.Hash {
	return common.HexToHash("0x5cb045dbe1e6a83a0b3b08b74d52e9d7458a678ccdbe4247774b0abb20db402f")
}

// UnpackInvalidDataError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidData()
func (kYCVerifier *KYCVerifier) UnpackInvalidDataError(raw []byte) (*KYCVerifierInvalidData, error) {
	out := new(KYCVerifierInvalidData)
	if err := kYCVerifier.abi.UnpackIntoInterface(out, "InvalidData", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierInvalidSignature represents a InvalidSignature error raised by the KYCVerifier contract.
type KYCVerifierInvalidSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignature()
func KYCVerifierInvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0x8baa579fce362245063d36f11747a89dd489c54795634fc673cc0e0db51fedc5")
}

// UnpackInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignature()
func (kYCVerifier *KYCVerifier) UnpackInvalidSignatureError(raw []byte) (*KYCVerifierInvalidSignature, error) {
	out := new(KYCVerifierInvalidSignature)
	if err := kYCVerifier.abi.UnpackIntoInterface(out, "InvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierInvalidSignatureV represents a InvalidSignatureV error raised by the KYCVerifier contract.
type KYCVerifierInvalidSignatureV struct {
	V uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignatureV(uint8 v)
func KYCVerifierInvalidSignatureVErrorID() common.Hash {
	return common.HexToHash("0xba76ff026d45908d17fefcce692bf9956e66357df37d89df51e86f322a5c37b4")
}

// UnpackInvalidSignatureVError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignatureV(uint8 v)
func (kYCVerifier *KYCVerifier) UnpackInvalidSignatureVError(raw []byte) (*KYCVerifierInvalidSignatureV, error) {
	out := new(KYCVerifierInvalidSignatureV)
	if err := kYCVerifier.abi.UnpackIntoInterface(out, "InvalidSignatureV", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierMalformedAttestation represents a MalformedAttestation error raised by the KYCVerifier contract.
type KYCVerifierMalformedAttestation struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MalformedAttestation()
func KYCVerifierMalformedAttestationErrorID() common.Hash {
	return common.HexToHash("0xe13ced0b3d2df7d603e1bf7f34d139799b5d71a26b8da2588f09491b3635f527")
}

// UnpackMalformedAttestationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MalformedAttestation()
func (kYCVerifier *KYCVerifier) UnpackMalformedAttestationError(raw []byte) (*KYCVerifierMalformedAttestation, error) {
	out := new(KYCVerifierMalformedAttestation)
	if err := kYCVerifier.abi.UnpackIntoInterface(out, "MalformedAttestation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierMalleableSignature represents a MalleableSignature error raised by the KYCVerifier contract.
type KYCVerifierMalleableSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MalleableSignature()
func KYCVerifierMalleableSignatureErrorID() common.Hash {
	return common.HexToHash("0xf0ad0d096b3006996dab3fc2694416c1b06f2187bc5971da9e3ef21c355e8f96")
}

// UnpackMalleableSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MalleableSignature()
func (kYCVerifier *KYCVerifier) UnpackMalleableSignatureError(raw []byte) (*KYCVerifierMalleableSignature, error) {
	out := new(KYCVerifierMalleableSignature)
	if err := kYCVerifier.abi.UnpackIntoInterface(out, "MalleableSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierNotOwner represents a NotOwner error raised by the KYCVerifier contract.
type KYCVerifierNotOwner struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner(address caller)
func KYCVerifierNotOwnerErrorID() common.Hash {
	return common.HexToHash("0x245aecd3fabbd17d6c3c92dc7f0ab916ea8cbf6fc1862c8b56893090ac3fff4c")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner(address caller)
func (kYCVerifier *KYCVerifier) UnpackNotOwnerError(raw []byte) (*KYCVerifierNotOwner, error) {
	out := new(KYCVerifierNotOwner)
	if err := kYCVerifier.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierNotRevoker represents a NotRevoker error raised by the KYCVerifier contract.
type KYCVerifierNotRevoker struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotRevoker(address caller)
func KYCVerifierNotRevokerErrorID() common.Hash {
	return common.HexToHash("0x5a4c7a3bf565fcd2af761264ab839c2ddc5d0178e9f63230fb9d4e8cb34ed2e4")
}

// UnpackNotRevokerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotRevoker(address caller)
func (kYCVerifier *KYCVerifier) UnpackNotRevokerError(raw []byte) (*KYCVerifierNotRevoker, error) {
	out := new(KYCVerifierNotRevoker)
	if err := kYCVerifier.abi.UnpackIntoInterface(out, "NotRevoker", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierNotYetValid represents a NotYetValid error raised by the KYCVerifier contract.
type KYCVerifierNotYetValid struct {
	Time uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotYetValid(uint64 time)
func KYCVerifierNotYetValidErrorID() common.Hash {
	return common.HexToHash("0x2d5d879ec5e6d607085fc576ad348b9afbac24d7e589fcd6719b0c5b863a917f")
}

// UnpackNotYetValidError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotYetValid(uint64 time)
func (kYCVerifier *KYCVerifier) UnpackNotYetValidError(raw []byte) (*KYCVerifierNotYetValid, error) {
	out := new(KYCVerifierNotYetValid)
	if err := kYCVerifier.abi.UnpackIntoInterface(out, "NotYetValid", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierUntrustedSigner represents a UntrustedSigner error raised by the KYCVerifier contract.
type KYCVerifierUntrustedSigner struct {
	Signer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UntrustedSigner(address signer)
func KYCVerifierUntrustedSignerErrorID() common.Hash {
	return common.HexToHash("0x5292db3107457742975be25cd2149b2d2cde03875f0d0f5c8e364610640f059b")
}

// UnpackUntrustedSignerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UntrustedSigner(address signer)
func (kYCVerifier *KYCVerifier) UnpackUntrustedSignerError(raw []byte) (*KYCVerifierUntrustedSigner, error) {
	out := new(KYCVerifierUntrustedSigner)
	if err := kYCVerifier.abi.UnpackIntoInterface(out, "UntrustedSigner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierWrongRecipient represents a WrongRecipient error raised by the KYCVerifier contract.
type KYCVerifierWrongRecipient struct {
	Recipient common.Address
	Account   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongRecipient(address recipient, address account)
func KYCVerifierWrongRecipientErrorID() common.Hash {
	return common.HexToHash("0x33d3166e2d840b0ebc4e31ac15b78fb2c3b5af52e7296f0fe189bdf7367fce29")
}

// UnpackWrongRecipientError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongRecipient(address recipient, address account)
func (kYCVerifier *KYCVerifier) UnpackWrongRecipientError(raw []byte) (*KYCVerifierWrongRecipient, error) {
	out := new(KYCVerifierWrongRecipient)
	if err := kYCVerifier.abi.UnpackIntoInterface(out, "WrongRecipient", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierWrongSchema represents a WrongSchema error raised by the KYCVerifier contract.
type KYCVerifierWrongSchema struct {
	Schema [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongSchema(bytes32 schema)
func KYCVerifierWrongSchemaErrorID() common.Hash {
	return common.HexToHash("0x71fe074bb8982b9eae0d1c455c5caaa5c7568db41ecec022d4188323acfb742e")
}

// UnpackWrongSchemaError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongSchema(bytes32 schema)
func (kYCVerifier *KYCVerifier) UnpackWrongSchemaError(raw []byte) (*KYCVerifierWrongSchema, error) {
	out := new(KYCVerifierWrongSchema)
	if err := kYCVerifier.abi.UnpackIntoInterface(out, "WrongSchema", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierZeroAddress represents a ZeroAddress error raised by the KYCVerifier contract.
type KYCVerifierZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func KYCVerifierZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (kYCVerifier *KYCVerifier) UnpackZeroAddressError(raw []byte) (*KYCVerifierZeroAddress, error) {
	out := new(KYCVerifierZeroAddress)
	if err := kYCVerifier.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierBaseMetaData contains all meta data concerning the KYCVerifierBase contract.
var KYCVerifierBaseMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"AttestationRevoked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"expirationTime\",\"type\":\"uint64\"}],\"name\":\"Expired\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidData\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"v\",\"type\":\"uint8\"}],\"name\":\"InvalidSignatureV\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MalformedAttestation\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MalleableSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotRevoker\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"time\",\"type\":\"uint64\"}],\"name\":\"NotYetValid\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"UntrustedSigner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"WrongRecipient\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"schema\",\"type\":\"bytes32\"}],\"name\":\"WrongSchema\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"Revoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"RevokerAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"RevokerRemoved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"SignerAdded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"SignerRemoved\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"KYC_LENGTH\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"addRevoker\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"addSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"check\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"}],\"name\":\"digestOf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eas\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"isRevoked\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"isRevoker\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"isSigner\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"revoker\",\"type\":\"address\"}],\"name\":\"removeRevoker\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"removeSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"revoke\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"digests\",\"type\":\"bytes32[]\"}],\"name\":\"revokeMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"revokedAt\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"oldSigner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"newSigner\",\"type\":\"address\"}],\"name\":\"rotateSigner\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"schema\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"kyc\",\"type\":\"bytes\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"verify\",\"outputs\":[{\"components\":[{\"internalType\":\"uint8\",\"name\":\"level\",\"type\":\"uint8\"},{\"internalType\":\"bytes2\",\"name\":\"country\",\"type\":\"bytes2\"},{\"internalType\":\"bool\",\"name\":\"over18\",\"type\":\"bool\"},{\"internalType\":\"uint8\",\"name\":\"walletRisk\",\"type\":\"uint8\"}],\"internalType\":\"structKYCVerifierBase.Claims\",\"name\":\"claims\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "ec80b2dba14d137221decd54e52614943a",
}

// KYCVerifierBase is an auto generated Go binding around an Ethereum contract.
type KYCVerifierBase struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *KYCVerifierBase) GetABI() abi.ABI {
	return c.abi
}

// NewKYCVerifierBase creates a new instance of KYCVerifierBase.
func NewKYCVerifierBase() *KYCVerifierBase {
	parsed, err := KYCVerifierBaseMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &KYCVerifierBase{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *KYCVerifierBase) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackKYCLENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x625300b2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function KYC_LENGTH() view returns(uint256)
func (kYCVerifierBase *KYCVerifierBase) PackKYCLENGTH() []byte {
	enc, err := kYCVerifierBase.abi.Pack("KYC_LENGTH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackKYCLENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x625300b2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function KYC_LENGTH() view returns(uint256)
func (kYCVerifierBase *KYCVerifierBase) TryPackKYCLENGTH() ([]byte, error) {
	return kYCVerifierBase.abi.Pack("KYC_LENGTH")
}

// UnpackKYCLENGTH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x625300b2.
//
// Solidity: function KYC_LENGTH() view returns(uint256)
func (kYCVerifierBase *KYCVerifierBase) UnpackKYCLENGTH(data []byte) (*big.Int, error) {
	out, err := kYCVerifierBase.abi.Unpack("KYC_LENGTH", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackAddRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x961a66f6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addRevoker(address revoker) returns()
func (kYCVerifierBase *KYCVerifierBase) PackAddRevoker(revoker common.Address) []byte {
	enc, err := kYCVerifierBase.abi.Pack("addRevoker", revoker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x961a66f6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addRevoker(address revoker) returns()
func (kYCVerifierBase *KYCVerifierBase) TryPackAddRevoker(revoker common.Address) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("addRevoker", revoker)
}

// PackAddSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeb12d61e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addSigner(address signer) returns()
func (kYCVerifierBase *KYCVerifierBase) PackAddSigner(signer common.Address) []byte {
	enc, err := kYCVerifierBase.abi.Pack("addSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xeb12d61e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addSigner(address signer) returns()
func (kYCVerifierBase *KYCVerifierBase) TryPackAddSigner(signer common.Address) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("addSigner", signer)
}

// PackCheck is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e406619.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function check(bytes kyc, address account) view returns(uint256)
func (kYCVerifierBase *KYCVerifierBase) PackCheck(kyc []byte, account common.Address) []byte {
	enc, err := kYCVerifierBase.abi.Pack("check", kyc, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCheck is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e406619.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function check(bytes kyc, address account) view returns(uint256)
func (kYCVerifierBase *KYCVerifierBase) TryPackCheck(kyc []byte, account common.Address) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("check", kyc, account)
}

// UnpackCheck is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2e406619.
//
// Solidity: function check(bytes kyc, address account) view returns(uint256)
func (kYCVerifierBase *KYCVerifierBase) UnpackCheck(data []byte) (*big.Int, error) {
	out, err := kYCVerifierBase.abi.Unpack("check", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDigestOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb7449f0f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function digestOf(bytes kyc) view returns(bytes32)
func (kYCVerifierBase *KYCVerifierBase) PackDigestOf(kyc []byte) []byte {
	enc, err := kYCVerifierBase.abi.Pack("digestOf", kyc)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDigestOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb7449f0f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function digestOf(bytes kyc) view returns(bytes32)
func (kYCVerifierBase *KYCVerifierBase) TryPackDigestOf(kyc []byte) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("digestOf", kyc)
}

// UnpackDigestOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb7449f0f.
//
// Solidity: function digestOf(bytes kyc) view returns(bytes32)
func (kYCVerifierBase *KYCVerifierBase) UnpackDigestOf(data []byte) ([32]byte, error) {
	out, err := kYCVerifierBase.abi.Unpack("digestOf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (kYCVerifierBase *KYCVerifierBase) PackDomainSeparator() []byte {
	enc, err := kYCVerifierBase.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (kYCVerifierBase *KYCVerifierBase) TryPackDomainSeparator() ([]byte, error) {
	return kYCVerifierBase.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (kYCVerifierBase *KYCVerifierBase) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := kYCVerifierBase.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEas is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8150864d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eas() view returns(address)
func (kYCVerifierBase *KYCVerifierBase) PackEas() []byte {
	enc, err := kYCVerifierBase.abi.Pack("eas")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEas is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8150864d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eas() view returns(address)
func (kYCVerifierBase *KYCVerifierBase) TryPackEas() ([]byte, error) {
	return kYCVerifierBase.abi.Pack("eas")
}

// UnpackEas is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8150864d.
//
// Solidity: function eas() view returns(address)
func (kYCVerifierBase *KYCVerifierBase) UnpackEas(data []byte) (common.Address, error) {
	out, err := kYCVerifierBase.abi.Unpack("eas", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackIsRevoked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4294857f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isRevoked(bytes32 digest) view returns(bool)
func (kYCVerifierBase *KYCVerifierBase) PackIsRevoked(digest [32]byte) []byte {
	enc, err := kYCVerifierBase.abi.Pack("isRevoked", digest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsRevoked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4294857f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isRevoked(bytes32 digest) view returns(bool)
func (kYCVerifierBase *KYCVerifierBase) TryPackIsRevoked(digest [32]byte) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("isRevoked", digest)
}

// UnpackIsRevoked is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4294857f.
//
// Solidity: function isRevoked(bytes32 digest) view returns(bool)
func (kYCVerifierBase *KYCVerifierBase) UnpackIsRevoked(data []byte) (bool, error) {
	out, err := kYCVerifierBase.abi.Unpack("isRevoked", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf6c4b01f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isRevoker(address revoker) view returns(bool)
func (kYCVerifierBase *KYCVerifierBase) PackIsRevoker(revoker common.Address) []byte {
	enc, err := kYCVerifierBase.abi.Pack("isRevoker", revoker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf6c4b01f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isRevoker(address revoker) view returns(bool)
func (kYCVerifierBase *KYCVerifierBase) TryPackIsRevoker(revoker common.Address) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("isRevoker", revoker)
}

// UnpackIsRevoker is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf6c4b01f.
//
// Solidity: function isRevoker(address revoker) view returns(bool)
func (kYCVerifierBase *KYCVerifierBase) UnpackIsRevoker(data []byte) (bool, error) {
	out, err := kYCVerifierBase.abi.Unpack("isRevoker", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackIsSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7df73e27.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isSigner(address signer) view returns(bool)
func (kYCVerifierBase *KYCVerifierBase) PackIsSigner(signer common.Address) []byte {
	enc, err := kYCVerifierBase.abi.Pack("isSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7df73e27.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isSigner(address signer) view returns(bool)
func (kYCVerifierBase *KYCVerifierBase) TryPackIsSigner(signer common.Address) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("isSigner", signer)
}

// UnpackIsSigner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7df73e27.
//
// Solidity: function isSigner(address signer) view returns(bool)
func (kYCVerifierBase *KYCVerifierBase) UnpackIsSigner(data []byte) (bool, error) {
	out, err := kYCVerifierBase.abi.Unpack("isSigner", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (kYCVerifierBase *KYCVerifierBase) PackOwner() []byte {
	enc, err := kYCVerifierBase.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (kYCVerifierBase *KYCVerifierBase) TryPackOwner() ([]byte, error) {
	return kYCVerifierBase.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (kYCVerifierBase *KYCVerifierBase) UnpackOwner(data []byte) (common.Address, error) {
	out, err := kYCVerifierBase.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRemoveRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc06f8b94.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeRevoker(address revoker) returns()
func (kYCVerifierBase *KYCVerifierBase) PackRemoveRevoker(revoker common.Address) []byte {
	enc, err := kYCVerifierBase.abi.Pack("removeRevoker", revoker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveRevoker is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc06f8b94.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeRevoker(address revoker) returns()
func (kYCVerifierBase *KYCVerifierBase) TryPackRemoveRevoker(revoker common.Address) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("removeRevoker", revoker)
}

// PackRemoveSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e316ab7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeSigner(address signer) returns()
func (kYCVerifierBase *KYCVerifierBase) PackRemoveSigner(signer common.Address) []byte {
	enc, err := kYCVerifierBase.abi.Pack("removeSigner", signer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0e316ab7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeSigner(address signer) returns()
func (kYCVerifierBase *KYCVerifierBase) TryPackRemoveSigner(signer common.Address) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("removeSigner", signer)
}

// PackRevoke is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb75c7dc6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revoke(bytes32 digest) returns()
func (kYCVerifierBase *KYCVerifierBase) PackRevoke(digest [32]byte) []byte {
	enc, err := kYCVerifierBase.abi.Pack("revoke", digest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevoke is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb75c7dc6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revoke(bytes32 digest) returns()
func (kYCVerifierBase *KYCVerifierBase) TryPackRevoke(digest [32]byte) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("revoke", digest)
}

// PackRevokeMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf95abea7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeMany(bytes32[] digests) returns()
func (kYCVerifierBase *KYCVerifierBase) PackRevokeMany(digests [][32]byte) []byte {
	enc, err := kYCVerifierBase.abi.Pack("revokeMany", digests)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokeMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf95abea7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokeMany(bytes32[] digests) returns()
func (kYCVerifierBase *KYCVerifierBase) TryPackRevokeMany(digests [][32]byte) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("revokeMany", digests)
}

// PackRevokedAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x098787ce.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokedAt(bytes32 digest) view returns(uint256)
func (kYCVerifierBase *KYCVerifierBase) PackRevokedAt(digest [32]byte) []byte {
	enc, err := kYCVerifierBase.abi.Pack("revokedAt", digest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokedAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x098787ce.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokedAt(bytes32 digest) view returns(uint256)
func (kYCVerifierBase *KYCVerifierBase) TryPackRevokedAt(digest [32]byte) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("revokedAt", digest)
}

// UnpackRevokedAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x098787ce.
//
// Solidity: function revokedAt(bytes32 digest) view returns(uint256)
func (kYCVerifierBase *KYCVerifierBase) UnpackRevokedAt(data []byte) (*big.Int, error) {
	out, err := kYCVerifierBase.abi.Unpack("revokedAt", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRotateSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe83a462e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function rotateSigner(address oldSigner, address newSigner) returns()
func (kYCVerifierBase *KYCVerifierBase) PackRotateSigner(oldSigner common.Address, newSigner common.Address) []byte {
	enc, err := kYCVerifierBase.abi.Pack("rotateSigner", oldSigner, newSigner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRotateSigner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe83a462e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function rotateSigner(address oldSigner, address newSigner) returns()
func (kYCVerifierBase *KYCVerifierBase) TryPackRotateSigner(oldSigner common.Address, newSigner common.Address) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("rotateSigner", oldSigner, newSigner)
}

// PackSchema is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf8895cc8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function schema() view returns(bytes32)
func (kYCVerifierBase *KYCVerifierBase) PackSchema() []byte {
	enc, err := kYCVerifierBase.abi.Pack("schema")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSchema is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf8895cc8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function schema() view returns(bytes32)
func (kYCVerifierBase *KYCVerifierBase) TryPackSchema() ([]byte, error) {
	return kYCVerifierBase.abi.Pack("schema")
}

// UnpackSchema is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf8895cc8.
//
// Solidity: function schema() view returns(bytes32)
func (kYCVerifierBase *KYCVerifierBase) UnpackSchema(data []byte) ([32]byte, error) {
	out, err := kYCVerifierBase.abi.Unpack("schema", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (kYCVerifierBase *KYCVerifierBase) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := kYCVerifierBase.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (kYCVerifierBase *KYCVerifierBase) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("transferOwnership", newOwner)
}

// PackVerify is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d3ac1b5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verify(bytes kyc, address account) view returns((uint8,bytes2,bool,uint8) claims)
func (kYCVerifierBase *KYCVerifierBase) PackVerify(kyc []byte, account common.Address) []byte {
	enc, err := kYCVerifierBase.abi.Pack("verify", kyc, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerify is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3d3ac1b5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verify(bytes kyc, address account) view returns((uint8,bytes2,bool,uint8) claims)
func (kYCVerifierBase *KYCVerifierBase) TryPackVerify(kyc []byte, account common.Address) ([]byte, error) {
	return kYCVerifierBase.abi.Pack("verify", kyc, account)
}

// UnpackVerify is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3d3ac1b5.
//
// Solidity: function verify(bytes kyc, address account) view returns((uint8,bytes2,bool,uint8) claims)
func (kYCVerifierBase *KYCVerifierBase) UnpackVerify(data []byte) (KYCVerifierBaseClaims, error) {
	out, err := kYCVerifierBase.abi.Unpack("verify", data)
	if err != nil {
		return *new(KYCVerifierBaseClaims), err
	}
	out0 := *abi.ConvertType(out[0], new(KYCVerifierBaseClaims)).(*KYCVerifierBaseClaims)
	return out0, nil
}

// KYCVerifierBaseOwnershipTransferred represents a OwnershipTransferred event raised by the KYCVerifierBase contract.
type KYCVerifierBaseOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const KYCVerifierBaseOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (KYCVerifierBaseOwnershipTransferred) ContractEventName() string {
	return KYCVerifierBaseOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (kYCVerifierBase *KYCVerifierBase) UnpackOwnershipTransferredEvent(log *types.Log) (*KYCVerifierBaseOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCVerifierBase.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCVerifierBaseOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := kYCVerifierBase.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCVerifierBase.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCVerifierBaseRevoked represents a Revoked event raised by the KYCVerifierBase contract.
type KYCVerifierBaseRevoked struct {
	Digest  [32]byte
	Revoker common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const KYCVerifierBaseRevokedEventName = "Revoked"

// ContractEventName returns the user-defined event name.
func (KYCVerifierBaseRevoked) ContractEventName() string {
	return KYCVerifierBaseRevokedEventName
}

// UnpackRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Revoked(bytes32 indexed digest, address indexed revoker)
func (kYCVerifierBase *KYCVerifierBase) UnpackRevokedEvent(log *types.Log) (*KYCVerifierBaseRevoked, error) {
	event := "Revoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCVerifierBase.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCVerifierBaseRevoked)
	if len(log.Data) > 0 {
		if err := kYCVerifierBase.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCVerifierBase.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCVerifierBaseRevokerAdded represents a RevokerAdded event raised by the KYCVerifierBase contract.
type KYCVerifierBaseRevokerAdded struct {
	Revoker common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const KYCVerifierBaseRevokerAddedEventName = "RevokerAdded"

// ContractEventName returns the user-defined event name.
func (KYCVerifierBaseRevokerAdded) ContractEventName() string {
	return KYCVerifierBaseRevokerAddedEventName
}

// UnpackRevokerAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RevokerAdded(address indexed revoker)
func (kYCVerifierBase *KYCVerifierBase) UnpackRevokerAddedEvent(log *types.Log) (*KYCVerifierBaseRevokerAdded, error) {
	event := "RevokerAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCVerifierBase.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCVerifierBaseRevokerAdded)
	if len(log.Data) > 0 {
		if err := kYCVerifierBase.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCVerifierBase.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCVerifierBaseRevokerRemoved represents a RevokerRemoved event raised by the KYCVerifierBase contract.
type KYCVerifierBaseRevokerRemoved struct {
	Revoker common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const KYCVerifierBaseRevokerRemovedEventName = "RevokerRemoved"

// ContractEventName returns the user-defined event name.
func (KYCVerifierBaseRevokerRemoved) ContractEventName() string {
	return KYCVerifierBaseRevokerRemovedEventName
}

// UnpackRevokerRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RevokerRemoved(address indexed revoker)
func (kYCVerifierBase *KYCVerifierBase) UnpackRevokerRemovedEvent(log *types.Log) (*KYCVerifierBaseRevokerRemoved, error) {
	event := "RevokerRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCVerifierBase.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCVerifierBaseRevokerRemoved)
	if len(log.Data) > 0 {
		if err := kYCVerifierBase.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCVerifierBase.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCVerifierBaseSignerAdded represents a SignerAdded event raised by the KYCVerifierBase contract.
type KYCVerifierBaseSignerAdded struct {
	Signer common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const KYCVerifierBaseSignerAddedEventName = "SignerAdded"

// ContractEventName returns the user-defined event name.
func (KYCVerifierBaseSignerAdded) ContractEventName() string {
	return KYCVerifierBaseSignerAddedEventName
}

// UnpackSignerAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SignerAdded(address indexed signer)
func (kYCVerifierBase *KYCVerifierBase) UnpackSignerAddedEvent(log *types.Log) (*KYCVerifierBaseSignerAdded, error) {
	event := "SignerAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCVerifierBase.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCVerifierBaseSignerAdded)
	if len(log.Data) > 0 {
		if err := kYCVerifierBase.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCVerifierBase.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// KYCVerifierBaseSignerRemoved represents a SignerRemoved event raised by the KYCVerifierBase contract.
type KYCVerifierBaseSignerRemoved struct {
	Signer common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const KYCVerifierBaseSignerRemovedEventName = "SignerRemoved"

// ContractEventName returns the user-defined event name.
func (KYCVerifierBaseSignerRemoved) ContractEventName() string {
	return KYCVerifierBaseSignerRemovedEventName
}

// UnpackSignerRemovedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SignerRemoved(address indexed signer)
func (kYCVerifierBase *KYCVerifierBase) UnpackSignerRemovedEvent(log *types.Log) (*KYCVerifierBaseSignerRemoved, error) {
	event := "SignerRemoved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != kYCVerifierBase.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(KYCVerifierBaseSignerRemoved)
	if len(log.Data) > 0 {
		if err := kYCVerifierBase.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range kYCVerifierBase.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (kYCVerifierBase *KYCVerifierBase) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], kYCVerifierBase.abi.Errors["AttestationRevoked"].ID.Bytes()[:4]) {
		return kYCVerifierBase.UnpackAttestationRevokedError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifierBase.abi.Errors["Expired"].ID.Bytes()[:4]) {
		return kYCVerifierBase.UnpackExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifierBase.abi.Errors["InvalidData"].ID.Bytes()[:4]) {
		return kYCVerifierBase.UnpackInvalidDataError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifierBase.abi.Errors["InvalidSignature"].ID.Bytes()[:4]) {
		return kYCVerifierBase.UnpackInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifierBase.abi.Errors["InvalidSignatureV"].ID.Bytes()[:4]) {
		return kYCVerifierBase.UnpackInvalidSignatureVError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifierBase.abi.Errors["MalformedAttestation"].ID.Bytes()[:4]) {
		return kYCVerifierBase.UnpackMalformedAttestationError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifierBase.abi.Errors["MalleableSignature"].ID.Bytes()[:4]) {
		return kYCVerifierBase.UnpackMalleableSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifierBase.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return kYCVerifierBase.UnpackNotOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifierBase.abi.Errors["NotRevoker"].ID.Bytes()[:4]) {
		return kYCVerifierBase.UnpackNotRevokerError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifierBase.abi.Errors["NotYetValid"].ID.Bytes()[:4]) {
		return kYCVerifierBase.UnpackNotYetValidError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifierBase.abi.Errors["UntrustedSigner"].ID.Bytes()[:4]) {
		return kYCVerifierBase.UnpackUntrustedSignerError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifierBase.abi.Errors["WrongRecipient"].ID.Bytes()[:4]) {
		return kYCVerifierBase.UnpackWrongRecipientError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifierBase.abi.Errors["WrongSchema"].ID.Bytes()[:4]) {
		return kYCVerifierBase.UnpackWrongSchemaError(raw[4:])
	}
	if bytes.Equal(raw[:4], kYCVerifierBase.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return kYCVerifierBase.UnpackZeroAddressError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// KYCVerifierBaseAttestationRevoked represents a AttestationRevoked error raised by the KYCVerifierBase contract.
type KYCVerifierBaseAttestationRevoked struct {
	Digest [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AttestationRevoked(bytes32 digest)
func KYCVerifierBaseAttestationRevokedErrorID() common.Hash {
	return common.HexToHash("0x04bed256ad23fe17d61d9248ee108825bf3b1d04527fee36f0ee2af633fc1452")
}

// UnpackAttestationRevokedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AttestationRevoked(bytes32 digest)
func (kYCVerifierBase *KYCVerifierBase) UnpackAttestationRevokedError(raw []byte) (*KYCVerifierBaseAttestationRevoked, error) {
	out := new(KYCVerifierBaseAttestationRevoked)
	if err := kYCVerifierBase.abi.UnpackIntoInterface(out, "AttestationRevoked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierBaseExpired represents a Expired error raised by the KYCVerifierBase contract.
type KYCVerifierBaseExpired struct {
	ExpirationTime uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Expired(uint64 expirationTime)
func KYCVerifierBaseExpiredErrorID() common.Hash {
	return common.HexToHash("0x956936532b954ff74e062815c0174f8bd1500115ed3dd2adb3c66e2ac6109668")
}

// UnpackExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Expired(uint64 expirationTime)
func (kYCVerifierBase *KYCVerifierBase) UnpackExpiredError(raw []byte) (*KYCVerifierBaseExpired, error) {
	out := new(KYCVerifierBaseExpired)
	if err := kYCVerifierBase.abi.UnpackIntoInterface(out, "Expired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierBaseInvalidData represents a InvalidData error raised by the KYCVerifierBase contract.
type KYCVerifierBaseInvalidData struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidData()
func KYCVerifierBaseInvalidDataErrorID() common.Hash {
	return common.HexToHash("0x5cb045dbe1e6a83a0b3b08b74d52e9d7458a678ccdbe4247774b0abb20db402f")
}

// UnpackInvalidDataError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidData()
func (kYCVerifierBase *KYCVerifierBase) UnpackInvalidDataError(raw []byte) (*KYCVerifierBaseInvalidData, error) {
	out := new(KYCVerifierBaseInvalidData)
	if err := kYCVerifierBase.abi.UnpackIntoInterface(out, "InvalidData", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierBaseInvalidSignature represents a InvalidSignature error raised by the KYCVerifierBase contract.
type KYCVerifierBaseInvalidSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignature()
func KYCVerifierBaseInvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0x8baa579fce362245063d36f11747a89dd489c54795634fc673cc0e0db51fedc5")
}

// UnpackInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignature()
func (kYCVerifierBase *KYCVerifierBase) UnpackInvalidSignatureError(raw []byte) (*KYCVerifierBaseInvalidSignature, error) {
	out := new(KYCVerifierBaseInvalidSignature)
	if err := kYCVerifierBase.abi.UnpackIntoInterface(out, "InvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierBaseInvalidSignatureV represents a InvalidSignatureV error raised by the KYCVerifierBase contract.
type KYCVerifierBaseInvalidSignatureV struct {
	V uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignatureV(uint8 v)
func KYCVerifierBaseInvalidSignatureVErrorID() common.Hash {
	return common.HexToHash("0xba76ff026d45908d17fefcce692bf9956e66357df37d89df51e86f322a5c37b4")
}

// UnpackInvalidSignatureVError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignatureV(uint8 v)
func (kYCVerifierBase *KYCVerifierBase) UnpackInvalidSignatureVError(raw []byte) (*KYCVerifierBaseInvalidSignatureV, error) {
	out := new(KYCVerifierBaseInvalidSignatureV)
	if err := kYCVerifierBase.abi.UnpackIntoInterface(out, "InvalidSignatureV", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierBaseMalformedAttestation represents a MalformedAttestation error raised by the KYCVerifierBase contract.
type KYCVerifierBaseMalformedAttestation struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MalformedAttestation()
func KYCVerifierBaseMalformedAttestationErrorID() common.Hash {
	return common.HexToHash("0xe13ced0b3d2df7d603e1bf7f34d139799b5d71a26b8da2588f09491b3635f527")
}

// UnpackMalformedAttestationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MalformedAttestation()
func (kYCVerifierBase *KYCVerifierBase) UnpackMalformedAttestationError(raw []byte) (*KYCVerifierBaseMalformedAttestation, error) {
	out := new(KYCVerifierBaseMalformedAttestation)
	if err := kYCVerifierBase.abi.UnpackIntoInterface(out, "MalformedAttestation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierBaseMalleableSignature represents a MalleableSignature error raised by the KYCVerifierBase contract.
type KYCVerifierBaseMalleableSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MalleableSignature()
func KYCVerifierBaseMalleableSignatureErrorID() common.Hash {
	return common.HexToHash("0xf0ad0d096b3006996dab3fc2694416c1b06f2187bc5971da9e3ef21c355e8f96")
}

// UnpackMalleableSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MalleableSignature()
func (kYCVerifierBase *KYCVerifierBase) UnpackMalleableSignatureError(raw []byte) (*KYCVerifierBaseMalleableSignature, error) {
	out := new(KYCVerifierBaseMalleableSignature)
	if err := kYCVerifierBase.abi.UnpackIntoInterface(out, "MalleableSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierBaseNotOwner represents a NotOwner error raised by the KYCVerifierBase contract.
type KYCVerifierBaseNotOwner struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner(address caller)
func KYCVerifierBaseNotOwnerErrorID() common.Hash {
	return common.HexToHash("0x245aecd3fabbd17d6c3c92dc7f0ab916ea8cbf6fc1862c8b56893090ac3fff4c")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner(address caller)
func (kYCVerifierBase *KYCVerifierBase) UnpackNotOwnerError(raw []byte) (*KYCVerifierBaseNotOwner, error) {
	out := new(KYCVerifierBaseNotOwner)
	if err := kYCVerifierBase.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierBaseNotRevoker represents a NotRevoker error raised by the KYCVerifierBase contract.
type KYCVerifierBaseNotRevoker struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotRevoker(address caller)
func KYCVerifierBaseNotRevokerErrorID() common.Hash {
	return common.HexToHash("0x5a4c7a3bf565fcd2af761264ab839c2ddc5d0178e9f63230fb9d4e8cb34ed2e4")
}

// UnpackNotRevokerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotRevoker(address caller)
func (kYCVerifierBase *KYCVerifierBase) UnpackNotRevokerError(raw []byte) (*KYCVerifierBaseNotRevoker, error) {
	out := new(KYCVerifierBaseNotRevoker)
	if err := kYCVerifierBase.abi.UnpackIntoInterface(out, "NotRevoker", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierBaseNotYetValid represents a NotYetValid error raised by the KYCVerifierBase contract.
type KYCVerifierBaseNotYetValid struct {
	Time uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotYetValid(uint64 time)
func KYCVerifierBaseNotYetValidErrorID() common.Hash {
	return common.HexToHash("0x2d5d879ec5e6d607085fc576ad348b9afbac24d7e589fcd6719b0c5b863a917f")
}

// UnpackNotYetValidError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotYetValid(uint64 time)
func (kYCVerifierBase *KYCVerifierBase) UnpackNotYetValidError(raw []byte) (*KYCVerifierBaseNotYetValid, error) {
	out := new(KYCVerifierBaseNotYetValid)
	if err := kYCVerifierBase.abi.UnpackIntoInterface(out, "NotYetValid", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierBaseUntrustedSigner represents a UntrustedSigner error raised by the KYCVerifierBase contract.
type KYCVerifierBaseUntrustedSigner struct {
	Signer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UntrustedSigner(address signer)
func KYCVerifierBaseUntrustedSignerErrorID() common.Hash {
	return common.HexToHash("0x5292db3107457742975be25cd2149b2d2cde03875f0d0f5c8e364610640f059b")
}

// UnpackUntrustedSignerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UntrustedSigner(address signer)
func (kYCVerifierBase *KYCVerifierBase) UnpackUntrustedSignerError(raw []byte) (*KYCVerifierBaseUntrustedSigner, error) {
	out := new(KYCVerifierBaseUntrustedSigner)
	if err := kYCVerifierBase.abi.UnpackIntoInterface(out, "UntrustedSigner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierBaseWrongRecipient represents a WrongRecipient error raised by the KYCVerifierBase contract.
type KYCVerifierBaseWrongRecipient struct {
	Recipient common.Address
	Account   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongRecipient(address recipient, address account)
func KYCVerifierBaseWrongRecipientErrorID() common.Hash {
	return common.HexToHash("0x33d3166e2d840b0ebc4e31ac15b78fb2c3b5af52e7296f0fe189bdf7367fce29")
}

// UnpackWrongRecipientError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongRecipient(address recipient, address account)
func (kYCVerifierBase *KYCVerifierBase) UnpackWrongRecipientError(raw []byte) (*KYCVerifierBaseWrongRecipient, error) {
	out := new(KYCVerifierBaseWrongRecipient)
	if err := kYCVerifierBase.abi.UnpackIntoInterface(out, "WrongRecipient", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierBaseWrongSchema represents a WrongSchema error raised by the KYCVerifierBase contract.
type KYCVerifierBaseWrongSchema struct {
	Schema [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongSchema(bytes32 schema)
func KYCVerifierBaseWrongSchemaErrorID() common.Hash {
	return common.HexToHash("0x71fe074bb8982b9eae0d1c455c5caaa5c7568db41ecec022d4188323acfb742e")
}

// UnpackWrongSchemaError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongSchema(bytes32 schema)
func (kYCVerifierBase *KYCVerifierBase) UnpackWrongSchemaError(raw []byte) (*KYCVerifierBaseWrongSchema, error) {
	out := new(KYCVerifierBaseWrongSchema)
	if err := kYCVerifierBase.abi.UnpackIntoInterface(out, "WrongSchema", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// KYCVerifierBaseZeroAddress represents a ZeroAddress error raised by the KYCVerifierBase contract.
type KYCVerifierBaseZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func KYCVerifierBaseZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (kYCVerifierBase *KYCVerifierBase) UnpackZeroAddressError(raw []byte) (*KYCVerifierBaseZeroAddress, error) {
	out := new(KYCVerifierBaseZeroAddress)
	if err := kYCVerifierBase.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SanctionsOracleMetaData contains all meta data concerning the SanctionsOracle contract.
var SanctionsOracleMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"NotOwner\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"addr\",\"type\":\"address\"}],\"name\":\"NonSanctionedAddress\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"addr\",\"type\":\"address\"}],\"name\":\"SanctionedAddress\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address[]\",\"name\":\"newSanctions\",\"type\":\"address[]\"}],\"name\":\"addToSanctionsList\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"addr\",\"type\":\"address\"}],\"name\":\"isSanctioned\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address[]\",\"name\":\"removeSanctions\",\"type\":\"address[]\"}],\"name\":\"removeFromSanctionsList\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "78dec2c7b070c9298778ea8b8b8e9e51ca",
	Bin: "0x60a0604052348015600f57600080fd5b50336080526080516104a561003c6000396000818160a901528181610152015261026301526104a56000f3fe608060405234801561001057600080fd5b50600436106100575760003560e01c806306fdde031461005c5780638da5cb5b146100a4578063b972dfcc146100e3578063df592f7d146100f8578063ef78243114610134575b600080fd5b604080518082018252601c81527f436861696e616c797369732073616e6374696f6e73206f7261636c65000000006020820152905161009b9190610364565b60405180910390f35b6100cb7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b03909116815260200161009b565b6100f66100f13660046103b2565b610147565b005b610124610106366004610429565b6001600160a01b031660009081526020819052604090205460ff1690565b604051901515815260200161009b565b6100f66101423660046103b2565b610258565b336001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614610190576040516330cd747160e01b815260040160405180910390fd5b60005b818110156102535760016000808585858181106101b2576101b2610459565b90506020020160208101906101c79190610429565b6001600160a01b031681526020810191909152604001600020805460ff191691151591909117905582828281811061020157610201610459565b90506020020160208101906102169190610429565b6001600160a01b03167f8027911123971054d93579ebea046c8461473fa4d2e510b9b49eed3bed3270e060405160405180910390a2600101610193565b505050565b336001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016146102a1576040516330cd747160e01b815260040160405180910390fd5b60005b818110156102535760008060008585858181106102c3576102c3610459565b90506020020160208101906102d89190610429565b6001600160a01b031681526020810191909152604001600020805460ff191691151591909117905582828281811061031257610312610459565b90506020020160208101906103279190610429565b6001600160a01b03167fd595018321fcb8c2bcbf5bfe4b27d74bea505825f7d195abe8517f94a065539c60405160405180910390a26001016102a4565b602081526000825180602084015260005b818110156103925760208186018101516040868401015201610375565b506000604082850101526040601f19601f83011684010191505092915050565b600080602083850312156103c557600080fd5b823567ffffffffffffffff8111156103dc57600080fd5b8301601f810185136103ed57600080fd5b803567ffffffffffffffff81111561040457600080fd5b8560208260051b840101111561041957600080fd5b6020919091019590945092505050565b60006020828403121561043b57600080fd5b81356001600160a01b038116811461045257600080fd5b9392505050565b634e487b7160e01b600052603260045260246000fdfea2646970667358221220d67e9a233b5309f3a5ae3e6157c4d069a559726af70a27d6a0e82cc8a27ed16864736f6c63430008250033",
}

// SanctionsOracle is an auto generated Go binding around an Ethereum contract.
type SanctionsOracle struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *SanctionsOracle) GetABI() abi.ABI {
	return c.abi
}

// NewSanctionsOracle creates a new instance of SanctionsOracle.
func NewSanctionsOracle() *SanctionsOracle {
	parsed, err := SanctionsOracleMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &SanctionsOracle{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *SanctionsOracle) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackAddToSanctionsList is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb972dfcc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addToSanctionsList(address[] newSanctions) returns()
func (sanctionsOracle *SanctionsOracle) PackAddToSanctionsList(newSanctions []common.Address) []byte {
	enc, err := sanctionsOracle.abi.Pack("addToSanctionsList", newSanctions)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddToSanctionsList is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb972dfcc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addToSanctionsList(address[] newSanctions) returns()
func (sanctionsOracle *SanctionsOracle) TryPackAddToSanctionsList(newSanctions []common.Address) ([]byte, error) {
	return sanctionsOracle.abi.Pack("addToSanctionsList", newSanctions)
}

// PackIsSanctioned is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdf592f7d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isSanctioned(address addr) view returns(bool)
func (sanctionsOracle *SanctionsOracle) PackIsSanctioned(addr common.Address) []byte {
	enc, err := sanctionsOracle.abi.Pack("isSanctioned", addr)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsSanctioned is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdf592f7d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isSanctioned(address addr) view returns(bool)
func (sanctionsOracle *SanctionsOracle) TryPackIsSanctioned(addr common.Address) ([]byte, error) {
	return sanctionsOracle.abi.Pack("isSanctioned", addr)
}

// UnpackIsSanctioned is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdf592f7d.
//
// Solidity: function isSanctioned(address addr) view returns(bool)
func (sanctionsOracle *SanctionsOracle) UnpackIsSanctioned(data []byte) (bool, error) {
	out, err := sanctionsOracle.abi.Unpack("isSanctioned", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() pure returns(string)
func (sanctionsOracle *SanctionsOracle) PackName() []byte {
	enc, err := sanctionsOracle.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() pure returns(string)
func (sanctionsOracle *SanctionsOracle) TryPackName() ([]byte, error) {
	return sanctionsOracle.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() pure returns(string)
func (sanctionsOracle *SanctionsOracle) UnpackName(data []byte) (string, error) {
	out, err := sanctionsOracle.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (sanctionsOracle *SanctionsOracle) PackOwner() []byte {
	enc, err := sanctionsOracle.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (sanctionsOracle *SanctionsOracle) TryPackOwner() ([]byte, error) {
	return sanctionsOracle.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (sanctionsOracle *SanctionsOracle) UnpackOwner(data []byte) (common.Address, error) {
	out, err := sanctionsOracle.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRemoveFromSanctionsList is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xef782431.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function removeFromSanctionsList(address[] removeSanctions) returns()
func (sanctionsOracle *SanctionsOracle) PackRemoveFromSanctionsList(removeSanctions []common.Address) []byte {
	enc, err := sanctionsOracle.abi.Pack("removeFromSanctionsList", removeSanctions)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRemoveFromSanctionsList is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xef782431.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function removeFromSanctionsList(address[] removeSanctions) returns()
func (sanctionsOracle *SanctionsOracle) TryPackRemoveFromSanctionsList(removeSanctions []common.Address) ([]byte, error) {
	return sanctionsOracle.abi.Pack("removeFromSanctionsList", removeSanctions)
}

// SanctionsOracleNonSanctionedAddress represents a NonSanctionedAddress event raised by the SanctionsOracle contract.
type SanctionsOracleNonSanctionedAddress struct {
	Addr common.Address
	Raw  *types.Log // Blockchain specific contextual infos
}

const SanctionsOracleNonSanctionedAddressEventName = "NonSanctionedAddress"

// ContractEventName returns the user-defined event name.
func (SanctionsOracleNonSanctionedAddress) ContractEventName() string {
	return SanctionsOracleNonSanctionedAddressEventName
}

// UnpackNonSanctionedAddressEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event NonSanctionedAddress(address indexed addr)
func (sanctionsOracle *SanctionsOracle) UnpackNonSanctionedAddressEvent(log *types.Log) (*SanctionsOracleNonSanctionedAddress, error) {
	event := "NonSanctionedAddress"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != sanctionsOracle.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SanctionsOracleNonSanctionedAddress)
	if len(log.Data) > 0 {
		if err := sanctionsOracle.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range sanctionsOracle.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SanctionsOracleSanctionedAddress represents a SanctionedAddress event raised by the SanctionsOracle contract.
type SanctionsOracleSanctionedAddress struct {
	Addr common.Address
	Raw  *types.Log // Blockchain specific contextual infos
}

const SanctionsOracleSanctionedAddressEventName = "SanctionedAddress"

// ContractEventName returns the user-defined event name.
func (SanctionsOracleSanctionedAddress) ContractEventName() string {
	return SanctionsOracleSanctionedAddressEventName
}

// UnpackSanctionedAddressEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SanctionedAddress(address indexed addr)
func (sanctionsOracle *SanctionsOracle) UnpackSanctionedAddressEvent(log *types.Log) (*SanctionsOracleSanctionedAddress, error) {
	event := "SanctionedAddress"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != sanctionsOracle.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SanctionsOracleSanctionedAddress)
	if len(log.Data) > 0 {
		if err := sanctionsOracle.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range sanctionsOracle.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (sanctionsOracle *SanctionsOracle) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], sanctionsOracle.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return sanctionsOracle.UnpackNotOwnerError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// SanctionsOracleNotOwner represents a NotOwner error raised by the SanctionsOracle contract.
type SanctionsOracleNotOwner struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner()
func SanctionsOracleNotOwnerErrorID() common.Hash {
	return common.HexToHash("0x30cd74712f59d478562d48e2d35de830db72c60a63dd08ae59199eec990b5bc4")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner()
func (sanctionsOracle *SanctionsOracle) UnpackNotOwnerError(raw []byte) (*SanctionsOracleNotOwner, error) {
	out := new(SanctionsOracleNotOwner)
	if err := sanctionsOracle.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SmartWalletMetaData contains all meta data concerning the SmartWallet contract.
var SmartWalletMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"hash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"isValidSignature\",\"outputs\":[{\"internalType\":\"bytes4\",\"name\":\"\",\"type\":\"bytes4\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "fa305542410760927263119fb11f66e32a",
	Bin: "0x60a0604052348015600f57600080fd5b5060405161040a38038061040a833981016040819052602c91603c565b6001600160a01b0316608052606a565b600060208284031215604d57600080fd5b81516001600160a01b0381168114606357600080fd5b9392505050565b60805161037f61008b60003960008181607101526101e0015261037f6000f3fe608060405234801561001057600080fd5b50600436106100365760003560e01c80631626ba7e1461003b5780638da5cb5b1461006c575b600080fd5b61004e610049366004610245565b6100ab565b6040516001600160e01b031990911681526020015b60405180910390f35b6100937f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610063565b6000604182146100c457506001600160e01b031961023e565b60006100d360208285876102c3565b6100dc916102ed565b905060006100ee6040602086886102c3565b6100f7916102ed565b905060008585604081811061010e5761010e61030c565b919091013560f81c915050601b8110156101305761012d601b82610322565b90505b7f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a082111561016c57506001600160e01b0319925061023e915050565b604080516000808252602082018084528a905260ff841692820192909252606081018590526080810184905260019060a0016020604051602081039080840390855afa1580156101c0573d6000803e3d6000fd5b5050604051601f1901519150506001600160a01b038116158061021557507f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316816001600160a01b031614155b1561022f57506001600160e01b0319935061023e92505050565b50630b135d3f60e11b93505050505b9392505050565b60008060006040848603121561025a57600080fd5b83359250602084013567ffffffffffffffff81111561027857600080fd5b8401601f8101861361028957600080fd5b803567ffffffffffffffff8111156102a057600080fd5b8660208284010111156102b257600080fd5b939660209190910195509293505050565b600080858511156102d357600080fd5b838611156102e057600080fd5b5050820193919092039150565b8035602083101561030657600019602084900360031b1b165b92915050565b634e487b7160e01b600052603260045260246000fd5b60ff818116838216019081111561030657634e487b7160e01b600052601160045260246000fdfea264697066735822122037c8a2e7ceb5c2d579cdff3c939c1346b56609f885a94c8b4cbe747386e754db64736f6c63430008250033",
}

// SmartWallet is an auto generated Go binding around an Ethereum contract.
type SmartWallet struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *SmartWallet) GetABI() abi.ABI {
	return c.abi
}

// NewSmartWallet creates a new instance of SmartWallet.
func NewSmartWallet() *SmartWallet {
	parsed, err := SmartWalletMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &SmartWallet{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *SmartWallet) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address owner_) returns()
func (smartWallet *SmartWallet) PackConstructor(owner_ common.Address) []byte {
	enc, err := smartWallet.abi.Pack("", owner_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackIsValidSignature is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1626ba7e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isValidSignature(bytes32 hash, bytes signature) view returns(bytes4)
func (smartWallet *SmartWallet) PackIsValidSignature(hash [32]byte, signature []byte) []byte {
	enc, err := smartWallet.abi.Pack("isValidSignature", hash, signature)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsValidSignature is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1626ba7e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isValidSignature(bytes32 hash, bytes signature) view returns(bytes4)
func (smartWallet *SmartWallet) TryPackIsValidSignature(hash [32]byte, signature []byte) ([]byte, error) {
	return smartWallet.abi.Pack("isValidSignature", hash, signature)
}

// UnpackIsValidSignature is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1626ba7e.
//
// Solidity: function isValidSignature(bytes32 hash, bytes signature) view returns(bytes4)
func (smartWallet *SmartWallet) UnpackIsValidSignature(data []byte) ([4]byte, error) {
	out, err := smartWallet.abi.Unpack("isValidSignature", data)
	if err != nil {
		return *new([4]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([4]byte)).(*[4]byte)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (smartWallet *SmartWallet) PackOwner() []byte {
	enc, err := smartWallet.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (smartWallet *SmartWallet) TryPackOwner() ([]byte, error) {
	return smartWallet.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (smartWallet *SmartWallet) UnpackOwner(data []byte) (common.Address, error) {
	out, err := smartWallet.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// SmartWalletFactoryMetaData contains all meta data concerning the SmartWalletFactory contract.
var SmartWalletFactoryMetaData = bind.MetaData{
	ABI: "[{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"wallet\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"}],\"name\":\"WalletDeployed\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"}],\"name\":\"deploy\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"wallet\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"}],\"name\":\"walletAddress\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "7e5a4a01843e3d71aba253598d57159d87",
	Bin: "0x6080604052348015600f57600080fd5b5061073c8061001f6000396000f3fe608060405234801561001057600080fd5b50600436106100365760003560e01c806332c02a141461003b578063e07718231461006a575b600080fd5b61004e610049366004610277565b61007d565b6040516001600160a01b03909116815260200160405180910390f35b61004e610078366004610277565b6101a6565b600061008983836101a6565b90506000816001600160a01b03163b116101a057600082846040516100ad9061026a565b6001600160a01b0390911681526020018190604051809103906000f59050801580156100dd573d6000803e3d6000fd5b509050816001600160a01b0316816001600160a01b0316146101515760405162461bcd60e51b8152602060048201526024808201527f536d61727457616c6c6574466163746f72793a2061646472657373206d69736d6044820152630c2e8c6d60e31b606482015260840160405180910390fd5b836001600160a01b0316826001600160a01b03167f195bcaf5c86c75410014291983a0bc0b60a4ae2874ff863699229144c361a2168560405161019691815260200190565b60405180910390a3505b92915050565b600080604051806020016101b99061026a565b601f1982820381018352601f9091011660408181526001600160a01b03871660208301520160408051601f19818403018152908290526101fc92916020016102df565b60408051601f1981840301815282825280516020918201206001600160f81b0319828501523060601b6bffffffffffffffffffffffff191660218501526035840196909652605580840196909652815180840390960186526075909201905283519301929092209392505050565b61040a806102fd83390190565b6000806040838503121561028a57600080fd5b82356001600160a01b03811681146102a157600080fd5b946020939093013593505050565b6000815160005b818110156102d057602081850181015186830152016102b6565b50600093019283525090919050565b60006102f46102ee83866102af565b846102af565b94935050505056fe60a0604052348015600f57600080fd5b5060405161040a38038061040a833981016040819052602c91603c565b6001600160a01b0316608052606a565b600060208284031215604d57600080fd5b81516001600160a01b0381168114606357600080fd5b9392505050565b60805161037f61008b60003960008181607101526101e0015261037f6000f3fe608060405234801561001057600080fd5b50600436106100365760003560e01c80631626ba7e1461003b5780638da5cb5b1461006c575b600080fd5b61004e610049366004610245565b6100ab565b6040516001600160e01b031990911681526020015b60405180910390f35b6100937f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610063565b6000604182146100c457506001600160e01b031961023e565b60006100d360208285876102c3565b6100dc916102ed565b905060006100ee6040602086886102c3565b6100f7916102ed565b905060008585604081811061010e5761010e61030c565b919091013560f81c915050601b8110156101305761012d601b82610322565b90505b7f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a082111561016c57506001600160e01b0319925061023e915050565b604080516000808252602082018084528a905260ff841692820192909252606081018590526080810184905260019060a0016020604051602081039080840390855afa1580156101c0573d6000803e3d6000fd5b5050604051601f1901519150506001600160a01b038116158061021557507f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316816001600160a01b031614155b1561022f57506001600160e01b0319935061023e92505050565b50630b135d3f60e11b93505050505b9392505050565b60008060006040848603121561025a57600080fd5b83359250602084013567ffffffffffffffff81111561027857600080fd5b8401601f8101861361028957600080fd5b803567ffffffffffffffff8111156102a057600080fd5b8660208284010111156102b257600080fd5b939660209190910195509293505050565b600080858511156102d357600080fd5b838611156102e057600080fd5b5050820193919092039150565b8035602083101561030657600019602084900360031b1b165b92915050565b634e487b7160e01b600052603260045260246000fd5b60ff818116838216019081111561030657634e487b7160e01b600052601160045260246000fdfea264697066735822122037c8a2e7ceb5c2d579cdff3c939c1346b56609f885a94c8b4cbe747386e754db64736f6c63430008250033a264697066735822122091e18e18435696305972dead7d398c36df1481989bc77322228572eb3933496564736f6c63430008250033",
}

// SmartWalletFactory is an auto generated Go binding around an Ethereum contract.
type SmartWalletFactory struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *SmartWalletFactory) GetABI() abi.ABI {
	return c.abi
}

// NewSmartWalletFactory creates a new instance of SmartWalletFactory.
func NewSmartWalletFactory() *SmartWalletFactory {
	parsed, err := SmartWalletFactoryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &SmartWalletFactory{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *SmartWalletFactory) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackDeploy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x32c02a14.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function deploy(address owner, bytes32 salt) returns(address wallet)
func (smartWalletFactory *SmartWalletFactory) PackDeploy(owner common.Address, salt [32]byte) []byte {
	enc, err := smartWalletFactory.abi.Pack("deploy", owner, salt)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDeploy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x32c02a14.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function deploy(address owner, bytes32 salt) returns(address wallet)
func (smartWalletFactory *SmartWalletFactory) TryPackDeploy(owner common.Address, salt [32]byte) ([]byte, error) {
	return smartWalletFactory.abi.Pack("deploy", owner, salt)
}

// UnpackDeploy is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x32c02a14.
//
// Solidity: function deploy(address owner, bytes32 salt) returns(address wallet)
func (smartWalletFactory *SmartWalletFactory) UnpackDeploy(data []byte) (common.Address, error) {
	out, err := smartWalletFactory.abi.Unpack("deploy", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackWalletAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe0771823.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function walletAddress(address owner, bytes32 salt) view returns(address)
func (smartWalletFactory *SmartWalletFactory) PackWalletAddress(owner common.Address, salt [32]byte) []byte {
	enc, err := smartWalletFactory.abi.Pack("walletAddress", owner, salt)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWalletAddress is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe0771823.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function walletAddress(address owner, bytes32 salt) view returns(address)
func (smartWalletFactory *SmartWalletFactory) TryPackWalletAddress(owner common.Address, salt [32]byte) ([]byte, error) {
	return smartWalletFactory.abi.Pack("walletAddress", owner, salt)
}

// UnpackWalletAddress is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe0771823.
//
// Solidity: function walletAddress(address owner, bytes32 salt) view returns(address)
func (smartWalletFactory *SmartWalletFactory) UnpackWalletAddress(data []byte) (common.Address, error) {
	out, err := smartWalletFactory.abi.Unpack("walletAddress", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// SmartWalletFactoryWalletDeployed represents a WalletDeployed event raised by the SmartWalletFactory contract.
type SmartWalletFactoryWalletDeployed struct {
	Wallet common.Address
	Owner  common.Address
	Salt   [32]byte
	Raw    *types.Log // Blockchain specific contextual infos
}

const SmartWalletFactoryWalletDeployedEventName = "WalletDeployed"

// ContractEventName returns the user-defined event name.
func (SmartWalletFactoryWalletDeployed) ContractEventName() string {
	return SmartWalletFactoryWalletDeployedEventName
}

// UnpackWalletDeployedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event WalletDeployed(address indexed wallet, address indexed owner, bytes32 salt)
func (smartWalletFactory *SmartWalletFactory) UnpackWalletDeployedEvent(log *types.Log) (*SmartWalletFactoryWalletDeployed, error) {
	event := "WalletDeployed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != smartWalletFactory.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SmartWalletFactoryWalletDeployed)
	if len(log.Data) > 0 {
		if err := smartWalletFactory.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range smartWalletFactory.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UniversalSigValidatorMetaData contains all meta data concerning the UniversalSigValidator contract.
var UniversalSigValidatorMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"hash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"}]",
	ID:  "3b6f558f79a9994f6e2020b45fdd901aee",
	Bin: "0x608060405234801561001057600080fd5b5060405161064738038061064783398101604081905261002f916104eb565b600061003c848484610048565b9050806000526001601ff35b600061005382610128565b156100f157600080806100658561016b565b925092509250866001600160a01b03163b6000036100bb576100878383610198565b50866001600160a01b03163b6000036100a65760009350505050610121565b6100b18787836101fe565b9350505050610121565b6100c68787836101fe565b156100d75760019350505050610121565b6100e18383610198565b6100a65760009350505050610121565b6001600160a01b0384163b156101135761010c8484846101fe565b9050610121565b61011e8484846102eb565b90505b9392505050565b8051600090602081101561013f5750600092915050565b91909101517f649264926492649264926492649264926492649264926492649264926492649214919050565b8051601f1981018252600090606090819061018b90850160208601610544565b9250925092509193909250565b6000826001600160a01b0316826040516101b291906105aa565b6000604051808303816000865af19150503d80600081146101ef576040519150601f19603f3d011682016040523d82523d6000602084013e6101f4565b606091505b5090949350505050565b6000806000856001600160a01b0316631626ba7e60e01b86866040516024016102289291906105c6565b60408051601f198184030181529181526020820180516001600160e01b03166001600160e01b031990941693909317909252905161026691906105aa565b600060405180830381855afa9150503d80600081146102a1576040519150601f19603f3d011682016040523d82523d6000602084013e6102a6565b606091505b50915091508180156102ba57506020815110155b80156102e157508051630b135d3f60e11b906102df9083016020908101908401610600565b145b9695505050505050565b600081516041146102fe57506000610121565b60208201516040830151606084015160001a601b81101561032757610324601b82610619565b90505b8060ff16601b1415801561033f57508060ff16601c14155b156103505760009350505050610121565b6fa2a8918ca85bafe22016d0b997e4df60600160ff1b0382111561037a5760009350505050610121565b6040805160008082526020820180845289905260ff841692820192909252606081018590526080810184905260019060a0016020604051602081039080840390855afa1580156103ce573d6000803e3d6000fd5b5050604051601f1901519150506001600160a01b038116158015906104045750876001600160a01b0316816001600160a01b0316145b98975050505050505050565b6001600160a01b038116811461042557600080fd5b50565b634e487b7160e01b600052604160045260246000fd5b60005b83811015610459578181015183820152602001610441565b50506000910152565b600082601f83011261047357600080fd5b81516001600160401b0381111561048c5761048c610428565b604051601f8201601f19908116603f011681016001600160401b03811182821017156104ba576104ba610428565b6040528181528382016020018510156104d257600080fd5b6104e382602083016020870161043e565b949350505050565b60008060006060848603121561050057600080fd5b835161050b81610410565b6020850151604086015191945092506001600160401b0381111561052e57600080fd5b61053a86828701610462565b9150509250925092565b60008060006060848603121561055957600080fd5b835161056481610410565b60208501519093506001600160401b0381111561058057600080fd5b61058c86828701610462565b604086015190935090506001600160401b0381111561052e57600080fd5b600082516105bc81846020870161043e565b9190910192915050565b82815260406020820152600082518060408401526105eb81606085016020870161043e565b601f01601f1916919091016060019392505050565b60006020828403121561061257600080fd5b5051919050565b60ff818116838216019081111561064057634e487b7160e01b600052601160045260246000fd5b9291505056fe",
}

// UniversalSigValidator is an auto generated Go binding around an Ethereum contract.
type UniversalSigValidator struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *UniversalSigValidator) GetABI() abi.ABI {
	return c.abi
}

// NewUniversalSigValidator creates a new instance of UniversalSigValidator.
func NewUniversalSigValidator() *UniversalSigValidator {
	parsed, err := UniversalSigValidatorMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &UniversalSigValidator{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *UniversalSigValidator) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address signer, bytes32 hash, bytes signature) returns()
func (universalSigValidator *UniversalSigValidator) PackConstructor(signer common.Address, hash [32]byte, signature []byte) []byte {
	enc, err := universalSigValidator.abi.Pack("", signer, hash, signature)
	if err != nil {
		panic(err)
	}
	return enc
}
