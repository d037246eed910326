package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/kycgate/kycgate/auth"
	"github.com/kycgate/kycgate/onchain/signer"
)

// siweSign is a development helper that plays the wallet: it signs an EIP-4361 message
// with a key file (personal_sign, EIP-191) and prints {"message","signature"}, the body
// of POST /v1/auth/siwe. The message file may be the message itself or the JSON answer
// of POST /v1/auth/nonce, whose "message" is then signed.
func siweSign(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("kycgate siwe sign", flag.ContinueOnError)
	fs.SetOutput(stderr)
	keyFile := fs.String("key", "", "wallet key file (hex secp256k1, mode 0600, e.g. from `kycgate keys generate`) (required)")
	messageFile := fs.String("message", "", "the EIP-4361 message, or the JSON answer of POST /v1/auth/nonce (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *keyFile == "" || *messageFile == "" || fs.NArg() != 0 {
		return errors.New("usage: kycgate siwe sign --key FILE --message FILE")
	}
	key, err := signer.LoadKeyFile(*keyFile)
	if err != nil {
		return fmt.Errorf("siwe sign: --key: %w", err)
	}
	raw, err := os.ReadFile(*messageFile)
	if err != nil {
		return fmt.Errorf("siwe sign: --message: %w", err)
	}
	text, err := messageText(raw)
	if err != nil {
		return fmt.Errorf("siwe sign: --message: %w", err)
	}
	msg, err := auth.ParseMessage(text)
	if err != nil {
		return fmt.Errorf("siwe sign: --message is not an EIP-4361 message: %w", err)
	}
	if addr := crypto.PubkeyToAddress(key.PublicKey); msg.Address != addr {
		return fmt.Errorf("siwe sign: the message is for %s but the key is %s's", msg.Address.Hex(), addr.Hex())
	}
	sig, err := crypto.Sign(accounts.TextHash([]byte(text)), key)
	if err != nil {
		return err
	}
	sig[64] += 27 // personal_sign's v
	return writeJSON(stdout, map[string]string{"message": text, "signature": hexutil.Encode(sig)})
}

// messageText returns the message in raw: the "message" of a JSON object, or the text
// itself without the line feed an editor adds at the end.
func messageText(raw []byte) (string, error) {
	trimmed := strings.TrimSpace(string(raw))
	if !strings.HasPrefix(trimmed, "{") {
		return strings.TrimRight(string(raw), "\n"), nil
	}
	var answer struct {
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(trimmed), &answer); err != nil {
		return "", fmt.Errorf("not a message and not JSON: %w", err)
	}
	if answer.Message == "" {
		return "", errors.New(`the JSON has no "message" (ask POST /v1/auth/nonce with "address" and "chainId")`)
	}
	return answer.Message, nil
}
