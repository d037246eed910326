package eas_test

import (
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/kycgate/kycgate/onchain/eas"
)

// Sign a KYC attestation, share it as an attestation URL, and verify it the
// way a dApp back end would.
func Example() {
	key, _ := crypto.HexToECDSA("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291")
	signer := eas.NewKeySigner(key)
	optimism := eas.NewDomain(10, common.HexToAddress("0x4200000000000000000000000000000000000021"), "1.0.1")

	// The gateway signs.
	data, _ := eas.KYCClaims{Level: 2, Country: "DE", Over18: true, WalletRisk: 1}.Encode()
	pkg, err := eas.Sign(optimism, eas.Attestation{
		Version:        eas.Version2,
		Schema:         eas.KYCSchemaUID,
		Recipient:      common.HexToAddress("0x71C7656EC7ab88b098defB751B7401B5f6d8976F"),
		Time:           1700000000,
		ExpirationTime: 1700000000 + 180*24*3600,
		Revocable:      true,
		Data:           data,
		Salt:           common.HexToHash("0x11"), // random in production
	}, signer)
	if err != nil {
		panic(err)
	}
	link := eas.EncodeURL("https://optimism.easscan.org", pkg)

	// A dApp receives the link and verifies it.
	received, err := eas.DecodeURL(link)
	if err != nil {
		panic(err)
	}
	v, err := eas.Verify(received, eas.Trust{
		Domains: map[uint64]eas.Domain{10: optimism},
		Signers: []common.Address{signer.Address()},
		Now:     func() time.Time { return time.Unix(1700000100, 0) },
	})
	if err != nil {
		fmt.Println("invalid:", eas.ReasonOf(err))
		return
	}
	fmt.Println("recipient:", v.Recipient.Hex())
	fmt.Printf("claims: %+v\n", v.Claims)
	fmt.Println("expires:", v.ExpiresAt.Format(time.DateOnly))
	fmt.Println("uid:", v.UID.Hex())

	// A day after expiry it no longer verifies.
	_, err = eas.Verify(received, eas.Trust{
		Domains: map[uint64]eas.Domain{10: optimism},
		Signers: []common.Address{signer.Address()},
		Now:     func() time.Time { return v.ExpiresAt.Add(24 * time.Hour) },
	})
	fmt.Println("later:", eas.ReasonOf(err))
	// Output:
	// recipient: 0x71C7656EC7ab88b098defB751B7401B5f6d8976F
	// claims: {Level:2 Country:DE Over18:true WalletRisk:1}
	// expires: 2024-05-12
	// uid: 0xef023bebf3de5d5102b29b06b4f1a3fa0567de8ddb256f74202e33eda1559a75
	// later: expired
}
