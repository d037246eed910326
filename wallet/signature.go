package wallet

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
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/kycgate/kycgate/contracts"
)

var (
	// ErrInvalidSignature means the signature was checked and is not the address's.
	ErrInvalidSignature = errors.New("wallet: invalid signature")
	// ErrContractWalletUnsupported means the signature can only be a contract wallet's
	// (ERC-1271 or ERC-6492) and no chain client is configured for its chain id.
	ErrContractWalletUnsupported = errors.New("wallet: contract wallet signatures are not supported on this chain")
)

// MaxSignatureSize bounds the signatures VerifySignature looks at (contract wallet
// signatures may be long: multisig owners, ERC-6492 factory calldata).
const MaxSignatureSize = 64 << 10

// ERC6492Suffix ends every ERC-6492 wrapped signature.
var ERC6492Suffix = common.FromHex("0x6492649264926492649264926492649264926492649264926492649264926492")

// ERC1271Magic is what isValidSignature returns for a valid signature.
var ERC1271Magic = [4]byte{0x16, 0x26, 0xba, 0x7e}

var (
	erc1271       = contracts.NewIERC1271()
	sigValidator  = contracts.NewUniversalSigValidator()
	validatorCode = common.FromHex(contracts.UniversalSigValidatorMetaData.Bin)
	wrapperArgs   = abi.Arguments{{Type: mustType("address")}, {Type: mustType("bytes")}, {Type: mustType("bytes")}}
)

func mustType(t string) abi.Type {
	typ, err := abi.NewType(t, "", nil)
	if err != nil {
		panic(err)
	}
	return typ
}

// Verifier checks signatures of EOAs and contract wallets. The zero value and a nil
// *Verifier check EOA signatures only; use NewVerifier to read contract wallets on chains.
type Verifier struct {
	clients map[uint64]bind.ContractCaller
}

// NewVerifier returns a Verifier that reads contract wallets through the client of each
// chain id: *ethclient.Client in production, the simulated backend's client in tests.
func NewVerifier(clients map[uint64]bind.ContractCaller) *Verifier {
	v := &Verifier{clients: make(map[uint64]bind.ContractCaller, len(clients))}
	for id, c := range clients {
		if c != nil {
			v.clients[id] = c
		}
	}
	return v
}

// VerifySignature returns nil when sig is address's signature of digest on chain chainID.
// digest is what was signed: for a personal_sign message (SIWE), its EIP-191 hash
// (accounts.TextHash). The error wraps ErrInvalidSignature when the signature is wrong,
// ErrContractWalletUnsupported when it would need a contract check on a chain without a
// client; any other error is a failure to ask the chain (the verdict is unknown).
//
// EOA signatures must be 65 bytes with v in {0, 1, 27, 28} and a low s (EIP-2: the high-s
// twin of a valid signature is refused, as Ethereum transactions refuse it).
func (v *Verifier) VerifySignature(ctx context.Context, chainID uint64, address common.Address, digest common.Hash, sig []byte) error {
	if len(sig) > MaxSignatureSize {
		return fmt.Errorf("%w: %d bytes, more than %d", ErrInvalidSignature, len(sig), MaxSignatureSize)
	}
	if IsERC6492(sig) {
		client, err := v.client(chainID)
		if err != nil {
			return err
		}
		return verifyUniversal(ctx, client, address, digest, sig)
	}
	eoaErr := verifyEOA(address, digest, sig)
	if eoaErr == nil {
		return nil
	}
	client, err := v.client(chainID)
	if err != nil {
		return fmt.Errorf("%w (%v)", err, eoaErr)
	}
	code, err := client.CodeAt(ctx, address, nil)
	if err != nil {
		return fmt.Errorf("wallet: chain %d: read code of %s: %w", chainID, address.Hex(), err)
	}
	if len(code) == 0 {
		return eoaErr
	}
	return verifyERC1271(ctx, client, address, digest, sig)
}

func (v *Verifier) client(chainID uint64) (bind.ContractCaller, error) {
	if v != nil {
		if c, ok := v.clients[chainID]; ok {
			return c, nil
		}
	}
	return nil, fmt.Errorf("%w: no RPC configured for chain %d", ErrContractWalletUnsupported, chainID)
}

// IsERC6492 reports whether sig is an ERC-6492 wrapped (counterfactual) signature.
func IsERC6492(sig []byte) bool {
	return len(sig) >= len(ERC6492Suffix) && bytes.Equal(sig[len(sig)-len(ERC6492Suffix):], ERC6492Suffix)
}

// WrapERC6492 is the signer side of ERC-6492: the signature of a contract wallet that is not
// deployed yet, with the factory call that deploys it.
func WrapERC6492(factory common.Address, factoryCalldata, sig []byte) []byte {
	packed, err := wrapperArgs.Pack(factory, factoryCalldata, sig)
	if err != nil {
		panic("wallet: pack ERC-6492 wrapper: " + err.Error()) // static types: cannot happen
	}
	return append(packed, ERC6492Suffix...)
}

// verifyEOA checks a 65-byte r‖s‖v signature by ecrecover. It never panics on any input.
func verifyEOA(address common.Address, digest common.Hash, sig []byte) error {
	if len(sig) != crypto.SignatureLength {
		return fmt.Errorf("%w: %d bytes, want %d", ErrInvalidSignature, len(sig), crypto.SignatureLength)
	}
	v := sig[crypto.RecoveryIDOffset]
	switch v {
	case 0, 1:
	case 27, 28:
		v -= 27
	default:
		return fmt.Errorf("%w: recovery byte v=%d, want 0, 1, 27 or 28", ErrInvalidSignature, v)
	}
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:64])
	if !crypto.ValidateSignatureValues(v, r, s, true) {
		return fmt.Errorf("%w: r or s out of range, or s in the upper half (EIP-2)", ErrInvalidSignature)
	}
	var norm [crypto.SignatureLength]byte
	copy(norm[:], sig)
	norm[crypto.RecoveryIDOffset] = v
	pub, err := crypto.Ecrecover(digest[:], norm[:])
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidSignature, err)
	}
	if signer := common.BytesToAddress(crypto.Keccak256(pub[1:])[12:]); signer != address {
		return fmt.Errorf("%w: signed by %s, not %s", ErrInvalidSignature, signer.Hex(), address.Hex())
	}
	return nil
}

// verifyERC1271 asks a deployed contract wallet.
func verifyERC1271(ctx context.Context, client bind.ContractCaller, address common.Address, digest common.Hash, sig []byte) error {
	data, err := erc1271.TryPackIsValidSignature(digest, sig)
	if err != nil {
		return fmt.Errorf("wallet: pack isValidSignature: %w", err)
	}
	out, err := client.CallContract(ctx, ethereum.CallMsg{To: &address, Data: data}, nil)
	if err != nil {
		if isRevert(err) {
			return fmt.Errorf("%w: isValidSignature reverted", ErrInvalidSignature)
		}
		return fmt.Errorf("wallet: call isValidSignature on %s: %w", address.Hex(), err)
	}
	// bytes4 is ABI-encoded left-aligned in a 32-byte word whose other bytes are zero.
	if len(out) < 32 || !bytes.Equal(out[:4], ERC1271Magic[:]) || !allZero(out[4:32]) {
		return fmt.Errorf("%w: isValidSignature did not return the ERC-1271 magic value", ErrInvalidSignature)
	}
	return nil
}

// verifyUniversal runs contracts.UniversalSigValidator as an eth_call without `to`.
func verifyUniversal(ctx context.Context, client bind.ContractCaller, address common.Address, digest common.Hash, sig []byte) error {
	data := append(append([]byte(nil), validatorCode...), sigValidator.PackConstructor(address, digest, sig)...)
	out, err := client.CallContract(ctx, ethereum.CallMsg{Data: data}, nil)
	switch {
	case err != nil && isRevert(err):
		return fmt.Errorf("%w: malformed ERC-6492 signature", ErrInvalidSignature)
	case err != nil:
		return fmt.Errorf("wallet: ERC-6492 check of %s: %w", address.Hex(), err)
	case len(out) == 1 && out[0] == 1:
		return nil
	case len(out) == 1 && out[0] == 0:
		return fmt.Errorf("%w: rejected by the counterfactual wallet", ErrInvalidSignature)
	default:
		return fmt.Errorf("wallet: ERC-6492 check of %s: unexpected answer %x", address.Hex(), out)
	}
}

// isRevert tells a contract's refusal (the EVM reverted) from a failure to reach the node.
func isRevert(err error) bool {
	var rerr rpc.Error
	if errors.As(err, &rerr) && rerr.ErrorCode() == 3 { // geth and most nodes: revert
		return true
	}
	return strings.Contains(err.Error(), "execution reverted")
}

func allZero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}
