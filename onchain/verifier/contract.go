package verifier

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/kycgate/kycgate/contracts"
	"github.com/kycgate/kycgate/onchain/eas"
)

// Backend is what the verifier helpers need from a chain: calls, transactions, receipts
// and an account's confirmed nonce. *ethclient.Client and the simulated backend's client
// implement it.
type Backend interface {
	bind.ContractBackend
	TransactionReceipt(ctx context.Context, txHash common.Hash) (*types.Receipt, error)
	NonceAt(ctx context.Context, account common.Address, blockNumber *big.Int) (uint64, error)
}

// Params are a KYCVerifier's constructor arguments.
type Params struct {
	// Owner manages the signer and revoker sets.
	Owner common.Address
	// Schema is the accepted schema UID; zero means eas.KYCSchemaUID.
	Schema common.Hash
	// EAS is this chain's EAS contract and EIP-712 version (the domain's chain id is the
	// chain's own; Domain.ChainID is ignored).
	EAS eas.Domain
	// Signers and Revokers are the initial sets.
	Signers  []common.Address
	Revokers []common.Address
}

// KYCConfig returns the constructor argument of KYCVerifier and of every KYCGated
// contract (KYCVerifierBase.KYCConfig) for p.
func (p Params) KYCConfig() contracts.KYCVerifierBaseKYCConfig {
	schema := p.Schema
	if schema == (common.Hash{}) {
		schema = eas.KYCSchemaUID
	}
	return contracts.KYCVerifierBaseKYCConfig{
		Owner: p.Owner, Schema: schema, Eas: p.EAS.VerifyingContract, EasVersion: p.EAS.Version,
		Signers: nonNil(p.Signers), Revokers: nonNil(p.Revokers),
	}
}

// Deploy sends the creation transaction of a KYCVerifier and returns its address and the
// transaction; wait for it with bind.WaitMined.
func Deploy(opts *bind.TransactOpts, backend bind.ContractBackend, p Params) (common.Address, *types.Transaction, error) {
	input := contracts.NewKYCVerifier().PackConstructor(p.KYCConfig())
	addr, tx, err := bind.DeployContract(opts, common.FromHex(contracts.KYCVerifierMetaData.Bin), backend, input)
	if err != nil {
		return common.Address{}, nil, fmt.Errorf("verifier: deploy: %w", asRevert(err))
	}
	return addr, tx, nil
}

func nonNil(a []common.Address) []common.Address {
	if a == nil {
		return []common.Address{}
	}
	return a
}

// Contract is a deployed KYCVerifier, or any contract built on KYCVerifierBase (a KYCGated
// integrator): they share the verification, registry and administration functions.
type Contract struct {
	addr    common.Address
	backend bind.ContractBackend
	abi     *contracts.KYCVerifier
	bound   *bind.BoundContract
}

// NewContract binds the verifier at addr.
func NewContract(addr common.Address, backend bind.ContractBackend) *Contract {
	a := contracts.NewKYCVerifier()
	return &Contract{addr: addr, backend: backend, abi: a, bound: a.Instance(backend, addr)}
}

// Address is the contract's address.
func (c *Contract) Address() common.Address { return c.addr }

// Verify calls KYCVerifier.check (an eth_call at the latest block): the claims of a valid
// attestation for account, or a *RevertError naming the reason it is refused.
func (c *Contract) Verify(ctx context.Context, kyc []byte, account common.Address) (eas.KYCClaims, error) {
	word, err := bind.Call(c.bound, &bind.CallOpts{Context: ctx}, c.abi.PackCheck(kyc, account), c.abi.UnpackCheck)
	if err != nil {
		return eas.KYCClaims{}, asRevert(err)
	}
	var w [32]byte
	word.FillBytes(w[:])
	return UnpackClaims(w), nil
}

// Digest asks the contract for the revocation key of packed calldata (KYCVerifier.digestOf).
func (c *Contract) Digest(ctx context.Context, kyc []byte) (common.Hash, error) {
	d, err := bind.Call(c.bound, &bind.CallOpts{Context: ctx}, c.abi.PackDigestOf(kyc), c.abi.UnpackDigestOf)
	return d, asRevert(err)
}

// IsRevoked reports whether the attestation with EIP-712 digest digest is revoked.
func (c *Contract) IsRevoked(ctx context.Context, digest common.Hash) (bool, error) {
	ok, err := bind.Call(c.bound, &bind.CallOpts{Context: ctx}, c.abi.PackIsRevoked(digest), c.abi.UnpackIsRevoked)
	return ok, asRevert(err)
}

// IsSigner reports whether addr is in the signer set.
func (c *Contract) IsSigner(ctx context.Context, addr common.Address) (bool, error) {
	ok, err := bind.Call(c.bound, &bind.CallOpts{Context: ctx}, c.abi.PackIsSigner(addr), c.abi.UnpackIsSigner)
	return ok, asRevert(err)
}

// IsRevoker reports whether addr may revoke.
func (c *Contract) IsRevoker(ctx context.Context, addr common.Address) (bool, error) {
	ok, err := bind.Call(c.bound, &bind.CallOpts{Context: ctx}, c.abi.PackIsRevoker(addr), c.abi.UnpackIsRevoker)
	return ok, asRevert(err)
}

// Revoke sends revoke(digest) from opts' account (a revoker).
func (c *Contract) Revoke(opts *bind.TransactOpts, digest common.Hash) (*types.Transaction, error) {
	tx, err := bind.Transact(c.bound, opts, c.abi.PackRevoke(digest))
	return tx, asRevert(err)
}

// RevokeMany sends revokeMany(digests) from opts' account (a revoker): one transaction
// for several revocations; digests already revoked are skipped by the contract.
func (c *Contract) RevokeMany(opts *bind.TransactOpts, digests []common.Hash) (*types.Transaction, error) {
	ds := make([][32]byte, len(digests))
	for i, d := range digests {
		ds[i] = d
	}
	tx, err := bind.Transact(c.bound, opts, c.abi.PackRevokeMany(ds))
	return tx, asRevert(err)
}

// RevokedAt returns the block time (Unix seconds) at which the attestation with EIP-712
// digest digest was revoked, 0 when it is not.
func (c *Contract) RevokedAt(ctx context.Context, digest common.Hash) (uint64, error) {
	at, err := bind.Call(c.bound, &bind.CallOpts{Context: ctx}, c.abi.PackRevokedAt(digest), c.abi.UnpackRevokedAt)
	if err != nil {
		return 0, asRevert(err)
	}
	return at.Uint64(), nil
}

// AddSigner sends addSigner(signer) from opts' account (the owner).
func (c *Contract) AddSigner(opts *bind.TransactOpts, signer common.Address) (*types.Transaction, error) {
	tx, err := bind.Transact(c.bound, opts, c.abi.PackAddSigner(signer))
	return tx, asRevert(err)
}

// RemoveSigner sends removeSigner(signer) from opts' account (the owner).
func (c *Contract) RemoveSigner(opts *bind.TransactOpts, signer common.Address) (*types.Transaction, error) {
	tx, err := bind.Transact(c.bound, opts, c.abi.PackRemoveSigner(signer))
	return tx, asRevert(err)
}

// RotateSigner sends rotateSigner(old, new) from opts' account (the owner).
func (c *Contract) RotateSigner(opts *bind.TransactOpts, oldSigner, newSigner common.Address) (*types.Transaction, error) {
	tx, err := bind.Transact(c.bound, opts, c.abi.PackRotateSigner(oldSigner, newSigner))
	return tx, asRevert(err)
}

// RevertError is a custom error of KYCVerifier or KYCGated, decoded from a reverted call.
type RevertError struct {
	// Name is the Solidity error's name, e.g. "Expired" or "UntrustedSigner".
	Name string
	// Args are its decoded arguments.
	Args []any
	// Err is the RPC error it came from.
	Err error
}

// Error names the contract error and its arguments.
func (e *RevertError) Error() string {
	if len(e.Args) == 0 {
		return "verifier: reverted: " + e.Name + "()"
	}
	args := make([]string, len(e.Args))
	for i, a := range e.Args {
		args[i] = fmt.Sprint(a)
	}
	return "verifier: reverted: " + e.Name + "(" + strings.Join(args, ", ") + ")"
}

// Unwrap returns the RPC error.
func (e *RevertError) Unwrap() error { return e.Err }

// ReasonOf returns the name of the KYCVerifier or KYCGated custom error carried by err,
// a *RevertError or a raw RPC error with revert data ("" when err carries none).
func ReasonOf(err error) string {
	var re *RevertError
	if errors.As(asRevert(err), &re) {
		return re.Name
	}
	return ""
}

// errorABIs are the ABIs whose custom errors asRevert decodes.
var errorABIs = []abi.ABI{
	contracts.NewKYCVerifier().GetABI(),
	contracts.NewKYCGated().GetABI(),
}

// asRevert turns an RPC error carrying a known custom error into a *RevertError; other
// errors (including nil) are returned as they are.
func asRevert(err error) error {
	var re *RevertError
	if err == nil || errors.As(err, &re) {
		return err
	}
	data, ok := ethclient.RevertErrorData(err)
	if !ok || len(data) < 4 {
		return err
	}
	for _, a := range errorABIs {
		for name, e := range a.Errors {
			if !bytes.Equal(e.ID[:4], data[:4]) {
				continue
			}
			args, uerr := e.Inputs.Unpack(data[4:])
			if uerr != nil {
				return err
			}
			return &RevertError{Name: name, Args: args, Err: err}
		}
	}
	return err
}

// isNotFound reports a receipt that is not there yet.
func isNotFound(err error) bool { return errors.Is(err, ethereum.NotFound) }
