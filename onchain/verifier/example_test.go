package verifier_test

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/kycgate/kycgate/onchain/eas"
	"github.com/kycgate/kycgate/onchain/verifier"
)

// A dApp back end turns the gateway's package into the `kyc` argument of a KYCGated
// function, and knows the key under which the chain's registry would record its revocation.
func ExampleCalldata() {
	key, _ := crypto.HexToECDSA("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
	data, _ := eas.KYCClaims{Level: 2, Country: "DE", Over18: true}.Encode()
	pkg, _ := eas.Sign(eas.NewDomain(8453, common.HexToAddress("0x4200000000000000000000000000000000000021"), "1.0.1"),
		eas.Attestation{
			Version: eas.Version2, Schema: eas.KYCSchemaUID, Recipient: common.HexToAddress("0x00000000000000000000000000000000000000aa"),
			Time: 1_790_000_000, ExpirationTime: 1_800_000_000, Revocable: true, Data: data,
		}, eas.NewKeySigner(key))
	// In practice: pkg, err := eas.ParsePackage(issued.Package)

	kyc, err := verifier.Calldata(pkg)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(kyc), kyc[64], verifier.Digest(pkg) == pkg.Message.Digest(pkg.Domain))
	// Output: 326 28 true
}
