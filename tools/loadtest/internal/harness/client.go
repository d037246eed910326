package harness

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
)

// Client speaks the gateway's HTTP API at Base.
type Client struct {
	// Base is the origin requests go to (a replica, or the proxy in front of replicas).
	Base string
	hc   *http.Client
}

// NewClient returns a client that keeps up to conns idle connections to base.
func NewClient(base string, conns int) *Client {
	return &Client{Base: base, hc: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		Proxy: nil, MaxIdleConns: conns, MaxIdleConnsPerHost: conns, IdleConnTimeout: 30 * time.Second,
	}}}
}

// StatusError is an answer other than the one expected.
type StatusError struct {
	Method, Path string
	Status       int
	Body         string
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%s %s: status %d: %s", e.Method, e.Path, e.Status, e.Body)
}

// Do sends body (JSON-encoded unless it is []byte) with header (name, value pairs) and
// decodes a JSON answer into out (when not nil). It returns the status; an answer whose
// status is not among want is a *StatusError.
func (c *Client) Do(ctx context.Context, method, path string, body any, out any, want []int, header ...string) (int, error) {
	var rdr io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rdr = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return 0, err
		}
		rdr = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.Base+path, rdr)
	if err != nil {
		return 0, err
	}
	if rdr != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return res.StatusCode, err
	}
	ok := false
	for _, w := range want {
		ok = ok || res.StatusCode == w
	}
	if !ok {
		return res.StatusCode, &StatusError{Method: method, Path: path, Status: res.StatusCode, Body: string(raw)}
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return res.StatusCode, fmt.Errorf("%s %s: answer: %w", method, path, err)
		}
	}
	return res.StatusCode, nil
}

// Wallet is a signed-in wallet: its key, address, session token and subject.
type Wallet struct {
	Key       *ecdsa.PrivateKey
	Address   string
	Token     string
	SubjectID string
}

// Bearer is the wallet session's Authorization header pair.
func (w Wallet) Bearer() []string { return []string{"Authorization", "Bearer " + w.Token} }

// SignedIn is one prepared sign-in: a fresh wallet's key and the signed EIP-4361 message
// the gateway's nonce endpoint prepared for it.
type SignedIn struct {
	Key                *ecdsa.PrivateKey
	Address            string
	Nonce              string
	Message, Signature string
}

// Prepare draws a fresh wallet key, asks POST /v1/auth/nonce for its message on chain 1
// and signs it as a wallet does (EIP-191 personal_sign, v 27/28).
func (c *Client) Prepare(ctx context.Context) (SignedIn, error) {
	key, err := crypto.GenerateKey()
	if err != nil {
		return SignedIn{}, err
	}
	addr := crypto.PubkeyToAddress(key.PublicKey).Hex()
	var n struct{ Nonce, Message string }
	if _, err := c.Do(ctx, "POST", "/v1/auth/nonce", map[string]any{"address": addr, "chainId": 1}, &n, []int{201}); err != nil {
		return SignedIn{}, err
	}
	sig, err := crypto.Sign(accounts.TextHash([]byte(n.Message)), key)
	if err != nil {
		return SignedIn{}, err
	}
	sig[64] += 27
	return SignedIn{Key: key, Address: addr, Nonce: n.Nonce, Message: n.Message, Signature: hexutil.Encode(sig)}, nil
}

// SignIn sends a prepared sign-in to POST /v1/auth/siwe and returns the session.
func (c *Client) SignIn(ctx context.Context, s SignedIn) (Wallet, error) {
	var out struct{ Token, SubjectID string }
	if _, err := c.Do(ctx, "POST", "/v1/auth/siwe", map[string]string{"message": s.Message, "signature": s.Signature},
		&out, []int{200}); err != nil {
		return Wallet{}, err
	}
	return Wallet{Key: s.Key, Address: s.Address, Token: out.Token, SubjectID: out.SubjectID}, nil
}

// NewWallet signs a fresh wallet in: nonce, personal_sign, sign-in.
func (c *Client) NewWallet(ctx context.Context) (Wallet, error) {
	s, err := c.Prepare(ctx)
	if err != nil {
		return Wallet{}, err
	}
	return c.SignIn(ctx, s)
}
