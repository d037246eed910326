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
