package kyc

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/gin-gonic/gin"

	"github.com/kycgate/kycgate/api"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/screening"
	"github.com/kycgate/kycgate/storage"
)

// SetScreening wires wallet screening: decisions then include the subject's wallets'
// screening (KYCState), screening's effects go through this lifecycle, wallets moved to
// a customer are screened, and reviewers get the screening routes.
func (s *Service) SetScreening(sc *screening.Service) {
	s.screening = sc
	sc.SetEffects(s)
}

// ClearScreening lifts a reviewer's hold on a wallet (screening.ClearHold) and audits it
// with the reviewer's reason (sealed) as wallet.screening_cleared.
func (s *Service) ClearScreening(ctx context.Context, address, actor, reason string) (storage.WalletScreening, error) {
	if !common.IsHexAddress(address) {
		return storage.WalletScreening{}, fault.InvalidError("invalid_address", "not an Ethereum address")
	}
	if strings.TrimSpace(reason) == "" {
		return storage.WalletScreening{}, fault.InvalidError("reason_required", "a reason is required")
	}
	addr := storage.NormalizeAddress(address)
	now := s.now()
	var out storage.WalletScreening
	err := s.store.InTx(ctx, func(tx storage.Store) error {
		prev, next, err := screening.ClearHold(ctx, tx, addr, now)
		if err != nil {
			return err
		}
		out = next
		return s.recordAudit(ctx, tx, now, actor, "wallet.screening_cleared", "wallet", addr,
			map[string]any{"outcome": prev.Outcome, "risk": prev.Risk, "acceptedRisk": next.AcceptedRisk},
			map[string]string{"reason": reason})
	})
	return out, err
}

// screeningView is a wallet's screening state for reviewers.
type screeningView struct {
	Outcome      string     `json:"outcome"`
	Risk         int        `json:"risk"`
	Sources      []string   `json:"sources"`
	Failed       bool       `json:"failed"`
	CheckedAt    time.Time  `json:"checkedAt"`
	Held         bool       `json:"held"`
	HeldAt       *time.Time `json:"heldAt"`
	AcceptedRisk int        `json:"acceptedRisk"`
}

func viewOfScreening(ws storage.WalletScreening) screeningView {
	return screeningView{Outcome: ws.Outcome, Risk: ws.Risk, Sources: ws.Sources, Failed: ws.Failed, CheckedAt: ws.CheckedAt,
		Held: ws.Held, HeldAt: ws.HeldAt, AcceptedRisk: ws.AcceptedRisk}
}

// screeningEntry is one row of a wallet's screening history for reviewers.
type screeningEntry struct {
	ID         string    `json:"id"`
	Source     string    `json:"source"`
	ChainID    uint64    `json:"chainId"`
	Status     string    `json:"status,omitempty"`
	Risk       int       `json:"risk"`
	Categories []string  `json:"categories"`
	Reference  string    `json:"reference"`
	Error      string    `json:"error,omitempty"`
	CheckedAt  time.Time `json:"checkedAt"`
}

// maxHistory is how many rows GET …/screenings returns.
const maxHistory = 200

// registerScreening mounts the reviewer's screening routes on the /v1/admin group:
// GET /v1/admin/screenings/held (the wallets held for a reviewer, the reviewers' cases,
// longest held first, at most 200), GET /v1/admin/wallets/{address}/screenings (the state and the history, newest first,
// at most 200 rows) and POST /v1/admin/wallets/{address}/screenings/clear ({"reason"}).
func (h *Handler) registerScreening(a gin.IRouter) {
	if h.svc.screening == nil {
		return
	}
	a.GET("/screenings/held", h.heldWallets)
	a.GET("/wallets/:address/screenings", h.screenings)
	a.POST("/wallets/:address/screenings/clear", h.clearScreening)
}

func (h *Handler) screenings(c *gin.Context) {
	address := c.Param("address")
	if !common.IsHexAddress(address) {
		api.Abort(c, fault.InvalidError("invalid_address", "not an Ethereum address"))
		return
	}
	rows, state, err := h.svc.screening.History(c.Request.Context(), address, maxHistory)
	if err != nil {
		api.Abort(c, err)
		return
	}
	history := make([]screeningEntry, 0, len(rows))
	for _, r := range rows {
		history = append(history, screeningEntry{ID: r.ID, Source: r.Source, ChainID: r.ChainID, Status: r.Status, Risk: r.Risk,
			Categories: r.Categories, Reference: r.Reference, Error: r.Error, CheckedAt: r.CheckedAt})
	}
	out := gin.H{"address": common.HexToAddress(address).Hex(), "history": history, "state": nil}
	if state != nil {
		out["state"] = viewOfScreening(*state)
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
}

func (h *Handler) clearScreening(c *gin.Context) {
	var req reasonRequest
	if err := api.BindJSON(c, &req); err != nil {
		api.Abort(c, err)
		return
	}
	ctx := c.Request.Context()
	ws, err := h.svc.ClearScreening(ctx, c.Param("address"), reviewerActor(ctx), req.Reason)
	if err != nil {
		api.Abort(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"address": common.HexToAddress(ws.Address).Hex(), "state": viewOfScreening(ws)})
}

// heldView is a held wallet in the reviewers' list.
type heldView struct {
	Address string `json:"address"`
	screeningView
}

func (h *Handler) heldWallets(c *gin.Context) {
	list, err := h.svc.store.ListHeldWallets(c.Request.Context(), maxHistory)
	if err != nil {
		api.Abort(c, err)
		return
	}
	out := make([]heldView, 0, len(list))
	for _, ws := range list {
		out = append(out, heldView{Address: common.HexToAddress(ws.Address).Hex(), screeningView: viewOfScreening(ws)})
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"wallets": out})
}
