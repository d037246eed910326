package compilottest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/kycgate/kycgate/kyc/compilot"
)

var addressPattern = regexp.MustCompile(`^0x[0-9a-fA-F]{40}$`)

// createSession is POST /auth-session/session/create {"workflowId","externalCustomerId"}
// → {"token","externalCustomerId"}; the customer exists from then on (no status yet).
func (f *Fake) createSession(w http.ResponseWriter, r *http.Request) {
	var in struct{ WorkflowID, ExternalCustomerID string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.ExternalCustomerID == "" {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "workflowId and externalCustomerId are required"})
		return
	}
	if in.WorkflowID != f.WorkflowID {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "workflow not found"})
		return
	}
	f.mu.Lock()
	f.seq++
	token := fmt.Sprintf("cpsess_%06d", f.seq)
	f.tokens[token] = in.ExternalCustomerID
	if _, ok := f.customers[in.ExternalCustomerID]; !ok {
		f.customers[in.ExternalCustomerID] = &compilot.Customer{ID: fmt.Sprintf("cus_%06d", f.seq),
			ExternalCustomerID: in.ExternalCustomerID}
	}
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"token": token, "externalCustomerId": in.ExternalCustomerID})
}

// createChallenge is POST /auth-session/wallet/challenge/create {"address","namespace":
// "eip155","blockchainId","origin","workflowId","externalCustomerId"?} → {"challenge"}.
func (f *Fake) createChallenge(w http.ResponseWriter, r *http.Request) {
	var in struct{ Address, Namespace, BlockchainID, Origin, WorkflowID, ExternalCustomerID string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || !addressPattern.MatchString(in.Address) ||
		in.Namespace != "eip155" || in.BlockchainID == "" || in.Origin == "" {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "address, namespace eip155, blockchainId and origin are required"})
		return
	}
	if in.WorkflowID != f.WorkflowID {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "workflow not found"})
		return
	}
	f.mu.Lock()
	f.seq++
	msg := fmt.Sprintf(
		"%s wants you to sign in with your Ethereum account:\n%s\n\nSign in to ComPilot\n\nURI: %s\nVersion: 1\nChain ID: %s\nNonce: cpnonce%06d",
		in.Origin, in.Address, in.Origin, in.BlockchainID, f.seq)
	f.pending[msg] = challenge{address: in.Address, blockchainID: in.BlockchainID, customer: in.ExternalCustomerID}
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"challenge": msg})
}

// challenge is a wallet challenge the fake issued and not yet verified.
type challenge struct{ address, blockchainID, customer string }

// verifyChallenge is the browser's POST /public/auth-session/wallet/challenge/verify
// {"address","namespace","blockchainId","message","signature"} (the challenge and its
// personal_sign signature) → {"token"}. The signature must recover the challenge's
// address; the customer then exists, holding that wallet. A challenge is used once.
func (f *Fake) verifyChallenge(w http.ResponseWriter, r *http.Request) {
	var in struct{ Address, Namespace, BlockchainID, Message, Signature string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "body is not JSON"})
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	ch, ok := f.pending[in.Message]
	if !ok || !strings.EqualFold(ch.address, in.Address) || in.Namespace != "eip155" || in.BlockchainID != ch.blockchainID {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "unknown challenge"})
		return
	}
	if signer, err := recoverPersonal(in.Message, in.Signature); err != nil || !strings.EqualFold(signer, ch.address) {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "bad signature"})
		return
	}
	delete(f.pending, in.Message)
	f.seq++
	token := fmt.Sprintf("cpsess_%06d", f.seq)
	f.tokens[token] = ch.customer
	c, ok := f.customers[ch.customer]
	if !ok {
		c = &compilot.Customer{ID: fmt.Sprintf("cus_%06d", f.seq), ExternalCustomerID: ch.customer}
		f.customers[ch.customer] = c
	}
	c.CustomerWallets = append(c.CustomerWallets, compilot.Wallet{Address: ch.address, Namespace: "eip155", BlockchainID: ch.blockchainID})
	writeJSON(w, http.StatusOK, map[string]any{"token": token})
}

// recoverPersonal returns the address that signed text with personal_sign (EIP-191).
func recoverPersonal(text, signature string) (string, error) {
	sig, err := hexutil.Decode(signature)
	if err != nil || len(sig) != 65 {
		return "", fmt.Errorf("bad signature")
	}
	sig = append([]byte(nil), sig...)
	if sig[64] >= 27 {
		sig[64] -= 27
	}
	pub, err := crypto.SigToPub(accounts.TextHash([]byte(text)), sig)
	if err != nil {
		return "", err
	}
	return crypto.PubkeyToAddress(*pub).Hex(), nil
}

// cors lets any origin call a public endpoint (as ComPilot's browser API does).
func cors(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
		w.Header().Set("Access-Control-Allow-Methods", "POST")
		next(w, r)
	}
}

// getCustomer is GET /customers/{id}, by the externalCustomerId or ComPilot's id; 404
// for a customer without a status yet (nothing submitted) or deleted.
func (f *Fake) getCustomer(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	f.mu.Lock()
	c, ok := f.customers[id]
	if !ok {
		for _, cc := range f.customers {
			if cc.ID == id {
				c, ok = cc, true
			}
		}
	}
	var out compilot.Customer
	if ok {
		out = *c
	}
	f.mu.Unlock()
	if !ok || out.Status == "" {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "customer not found"})
		return
	}
	writeJSON(w, http.StatusOK, out)
}
