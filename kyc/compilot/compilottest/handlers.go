package compilottest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"

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
	n := f.seq
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"challenge": fmt.Sprintf(
		"%s wants you to sign in with your Ethereum account:\n%s\n\nSign in to ComPilot\n\nURI: %s\nVersion: 1\nChain ID: %s\nNonce: cpnonce%06d",
		in.Origin, in.Address, in.Origin, in.BlockchainID, n)})
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
