package eas_test

import (
	"encoding/hex"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
	"github.com/stretchr/testify/require"

	"github.com/kycgate/kycgate/onchain/eas"
)

// The known answers below were computed by the EAS SDK 2.10.0 and ethers
// 6.17.0 (TestSDKCrossCheck recomputes them there on every run).
func TestKnownAnswers(t *testing.T) {
	t.Parallel()
	b := setup(t)

	require.Equal(t, "0x258b757fc37a6699a984f4be01258122f834200374b34b4457b6db0dd0f71132", eas.AttestTypeHash.Hex())
	require.Equal(t, "0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f", eas.DomainTypeHash.Hex())
	require.Equal(t, "0x28b34b95e1be37ce8ec7ecdb0ab61f3ae88133cb31e2f8ea85fdf116218bc7de", domainOP.Separator().Hex())
	require.Equal(t, "0x4e343a09ef94a2af5bd8ecfe76b2c1420e8e7f898d4b4a6de524175827d85c02", eas.KYCSchemaUID.Hex())
	require.Equal(t, "0xda4c780d220c6eca6cffe1be86250aa7eece3fdf6afff4e94bf3325fe15b10ec", b.att.StructHash().Hex())
	require.Equal(t, "0x5d337dddce1651b101eecbf2d96583566403cb2478108a1d96f49e88714e666d", b.att.Digest(domainOP).Hex())
	require.Equal(t, "0xdd74a0ef9bd850a6fc13c18e62685d624769c6f5c6a29935eb7fb006a8161349", b.att.OffchainUID().Hex())

	// RFC 6979 makes the signature a known answer too.
	require.Equal(t, "7a7d3264c90f2e71e7dec612f18b593ad7278d46466c1b850a40d44b526aa90b"+
		"3cbae82d69ab9fb50a1a19e37fcedff48281aa934b2ecb3c4e798b1ae1336d8c1b",
		hex.EncodeToString(b.pkg.Signature.Bytes()))
	require.Equal(t, b.att.OffchainUID(), b.pkg.UID)
	require.Equal(t, common.HexToAddress("0x71562b71999873DB5b286dF957af199Ec94617F7"), b.pkg.Signer)
}

func TestSchemaUID(t *testing.T) {
	t.Parallel()
	resolver := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	// Each input changes the UID.
	base := eas.SchemaUID(eas.KYCSchema, common.Address{}, true)
	require.Equal(t, eas.KYCSchemaUID, base)
	require.NotEqual(t, base, eas.SchemaUID(eas.KYCSchema, common.Address{}, false))
	require.NotEqual(t, base, eas.SchemaUID(eas.KYCSchema, resolver, true))
	require.NotEqual(t, base, eas.SchemaUID(eas.KYCSchema+" ", common.Address{}, true))
}

// typedData is the same attestation in go-ethereum's generic EIP-712 form.
func typedData(d eas.Domain, a eas.Attestation) apitypes.TypedData {
	types := apitypes.Types{
		"EIP712Domain": {
			{Name: "name", Type: "string"},
			{Name: "version", Type: "string"},
			{Name: "chainId", Type: "uint256"},
			{Name: "verifyingContract", Type: "address"},
		},
	}
	for _, f := range eas.AttestFields() {
		types["Attest"] = append(types["Attest"], apitypes.Type{Name: f.Name, Type: f.Type})
	}
	chainID := math.HexOrDecimal256(*new(big.Int).SetUint64(d.ChainID))
	return apitypes.TypedData{
		Types:       types,
		PrimaryType: "Attest",
		Domain: apitypes.TypedDataDomain{
			Name:              d.Name,
			Version:           d.Version,
			ChainId:           &chainID,
			VerifyingContract: d.VerifyingContract.Hex(),
		},
		Message: apitypes.TypedDataMessage{
			"version":        math.NewHexOrDecimal256(int64(a.Version)),
			"schema":         a.Schema.Hex(),
			"recipient":      a.Recipient.Hex(),
			"time":           math.NewHexOrDecimal256(int64(a.Time)),
			"expirationTime": math.NewHexOrDecimal256(int64(a.ExpirationTime)),
			"revocable":      a.Revocable,
			"refUID":         a.RefUID.Hex(),
			"data":           hexutil.Encode(a.Data),
			"salt":           a.Salt.Hex(),
		},
	}
}

// The hand-rolled encoding must agree with go-ethereum's reflective one.
func TestDigestMatchesApitypes(t *testing.T) {
	t.Parallel()
	b := setup(t)
	other := eas.Attestation{
		Version:        eas.Version2,
		Schema:         common.HexToHash("0xabababababababababababababababababababababababababababababababab"),
		ExpirationTime: 0,
		RefUID:         common.HexToHash("0x00000000000000000000000000000000000000000000000000000000000000ff"),
		Data:           []byte{},
	}
	long := b.att
	long.Data = make([]byte, 1000)
	long.Data[999] = 7
	for _, c := range []struct {
		name string
		d    eas.Domain
		a    eas.Attestation
	}{
		{"fixture on optimism", domainOP, b.att},
		{"zero fields on mainnet", domainMainnet, other},
		{"long data", domainOP, long},
		{"big chain id", eas.NewDomain(1<<63+5, common.HexToAddress("0x01"), "0"), b.att},
		{"version longer than the hasher's scratch space", eas.NewDomain(10, common.HexToAddress("0x02"), strings.Repeat("1.0.", 200)), long},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			td := typedData(c.d, c.a)
			sep, err := td.HashStruct("EIP712Domain", td.Domain.Map())
			require.NoError(t, err)
			require.Equal(t, common.BytesToHash(sep), c.d.Separator())
			st, err := td.HashStruct("Attest", td.Message)
			require.NoError(t, err)
			require.Equal(t, common.BytesToHash(st), c.a.StructHash())
			dig, _, err := apitypes.TypedDataAndHash(td)
			require.NoError(t, err)
			require.Equal(t, common.BytesToHash(dig), c.a.Digest(c.d))
		})
	}
}

// Every field of the message and the domain changes the digest, and every
// message field changes the UID.
func TestEveryFieldIsBound(t *testing.T) {
	t.Parallel()
	b := setup(t)
	baseDigest, baseUID := b.att.Digest(domainOP), b.att.OffchainUID()
	for name, change := range messageChanges() {
		a := b.att
		a.Data = append([]byte(nil), a.Data...)
		change(&a)
		require.NotEqual(t, baseDigest, a.Digest(domainOP), name)
		require.NotEqual(t, baseUID, a.OffchainUID(), name)
	}
	for name, change := range domainChanges() {
		d := domainOP
		change(&d)
		require.NotEqual(t, baseDigest, b.att.Digest(d), name)
	}
}

// messageChanges alter one message field each.
func messageChanges() map[string]func(*eas.Attestation) {
	return map[string]func(*eas.Attestation){
		"version":        func(a *eas.Attestation) { a.Version = 1 },
		"schema":         func(a *eas.Attestation) { a.Schema[0] ^= 1 },
		"recipient":      func(a *eas.Attestation) { a.Recipient[19] ^= 1 },
		"time":           func(a *eas.Attestation) { a.Time-- },
		"expirationTime": func(a *eas.Attestation) { a.ExpirationTime++ },
		"revocable":      func(a *eas.Attestation) { a.Revocable = !a.Revocable },
		"refUID":         func(a *eas.Attestation) { a.RefUID[31] = 1 },
		"data":           func(a *eas.Attestation) { a.Data[31] = 3 },
		"data length":    func(a *eas.Attestation) { a.Data = append(a.Data, 0) },
		"salt":           func(a *eas.Attestation) { a.Salt[0] ^= 1 },
	}
}

// domainChanges alter one domain field each.
func domainChanges() map[string]func(*eas.Domain) {
	return map[string]func(*eas.Domain){
		"name":              func(d *eas.Domain) { d.Name = "EAS" },
		"version":           func(d *eas.Domain) { d.Version = "1.0.2" },
		"chainId":           func(d *eas.Domain) { d.ChainID = 8453 },
		"verifyingContract": func(d *eas.Domain) { d.VerifyingContract[0] = 1 },
	}
}
