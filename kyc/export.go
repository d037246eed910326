package kyc

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/storage"
)

// Export is everything the gateway holds about a subject, as GET /v1/me/export answers
// it to the signed-in holder (the right of access, GDPR art. 15). Personal details are
// opened; documents are listed without their content (GET /v1/me/documents/{id} gives
// one); audit entries show actors as kinds only (wallet, tenant, reviewer, system…),
// so no other person is named.
type Export struct {
	SubjectID string `json:"subjectId"`
	CreatedAt string `json:"createdAt"`
	// Approval is the subject's current approval: level, claims (country, over18, the
	// date of birth when recorded), blocked.
	Approval      ApprovalExport      `json:"approval"`
	Erasure       *ErasureExport      `json:"erasure"`
	Details       []DetailsExport     `json:"details"`
	Documents     []DocumentExport    `json:"documents"`
	Verifications []View              `json:"verifications"`
	Decisions     []DecisionExport    `json:"decisions"`
	Screenings    []ScreeningExport   `json:"screenings"`
	Attestations  []AttestationExport `json:"attestations"`
	Wallets       []WalletExport      `json:"wallets"`
	Consents      []ConsentView       `json:"consents"`
	Audit         []AuditExport       `json:"audit"`
}

// ApprovalExport is the subject's approval state.
type ApprovalExport struct {
	Level       int    `json:"level"`
	ApprovedAt  string `json:"approvedAt,omitempty"`
	Country     string `json:"country,omitempty"`
	Over18      bool   `json:"over18"`
	DateOfBirth string `json:"dateOfBirth,omitempty"`
	Blocked     bool   `json:"blocked"`
}

// ErasureExport says when and why a subject's personal data was erased.
type ErasureExport struct {
	ErasedAt string `json:"erasedAt"`
	Code     string `json:"code"`
}

// DetailsExport is the personal details one verification holds.
type DetailsExport struct {
	VerificationID string `json:"verificationId"`
	Details
}

// DocumentExport is one uploaded document without its content.
type DocumentExport struct {
	ID             string `json:"id"`
	VerificationID string `json:"verificationId"`
	Kind           string `json:"kind"`
	Type           string `json:"type,omitempty"`
	Side           string `json:"side,omitempty"`
	ContentType    string `json:"contentType"`
	Size           int64  `json:"size"`
	CreatedAt      string `json:"createdAt"`
	// Current is false for an upload a later one replaced.
	Current bool `json:"current"`
}

// DecisionExport is one decision on a verification, with its codes.
type DecisionExport struct {
	VerificationID string `json:"verificationId"`
	Decision       string `json:"decision"`
	RejectType     string `json:"rejectType,omitempty"`
	Code           string `json:"code,omitempty"`
	Level          int    `json:"level,omitempty"`
	At             string `json:"at"`
	ActorKind      string `json:"actorKind"`
}

// ScreeningExport is a wallet screening result as an outcome code: no vendor detail.
type ScreeningExport struct {
	Address   string `json:"address"`
	Source    string `json:"source"`
	Outcome   string `json:"outcome"`
	Risk      int    `json:"risk"`
	CheckedAt string `json:"checkedAt"`
}

// AttestationExport is an issued attestation and its revocation.
type AttestationExport struct {
	UID              string `json:"uid"`
	ChainID          uint64 `json:"chainId"`
	Recipient        string `json:"recipient"`
	IssuedAt         string `json:"issuedAt"`
	ExpiresAt        string `json:"expiresAt"`
	RevokedAt        string `json:"revokedAt,omitempty"`
	RevocationReason string `json:"revocationReason,omitempty"`
}

// WalletExport is a linked wallet.
type WalletExport struct {
	Address  string `json:"address"`
	LinkedAt string `json:"linkedAt"`
}

// AuditExport is one audit entry about the subject: the action, the kind of actor, the
// record and the codes of its detail (sealed notes left out).
type AuditExport struct {
	At         string          `json:"at"`
	Action     string          `json:"action"`
	ActorKind  string          `json:"actorKind"`
	EntityKind string          `json:"entityKind"`
	EntityID   string          `json:"entityId"`
	Detail     json.RawMessage `json:"detail"`
}

// decisionActions are the audit actions that record a decision on a verification.
var decisionActions = map[string]string{"verification.approved": "approved", "verification.rejected": "rejected",
	"verification.revoked": "revoked", "verification.expired": "expired"}

// Export gathers everything held about a subject for its holder, and audits the
// export (subject.exported).
func (s *Service) Export(ctx context.Context, subjectID, actor string) (Export, error) {
	sub, err := s.store.GetSubject(ctx, subjectID)
	if errors.Is(err, storage.ErrNotFound) {
		return Export{}, fault.NotFoundError("unknown_subject", "no such subject")
	} else if err != nil {
		return Export{}, err
	}
	out := Export{SubjectID: sub.ID, CreatedAt: Timestamp(sub.CreatedAt), Details: []DetailsExport{},
		Documents: []DocumentExport{}, Verifications: []View{}, Decisions: []DecisionExport{},
		Screenings: []ScreeningExport{}, Attestations: []AttestationExport{}, Wallets: []WalletExport{},
		Consents: []ConsentView{}, Audit: []AuditExport{},
		Approval: ApprovalExport{Level: sub.ApprovedLevel, Country: sub.Country, Over18: sub.Over18, Blocked: sub.Blocked}}
	if sub.ApprovedAt != nil {
		out.Approval.ApprovedAt = Timestamp(*sub.ApprovedAt)
	}
	if dob, ok, err := s.BirthDate(sub); err != nil {
		return out, err
	} else if ok {
		out.Approval.DateOfBirth = dob.Format("2006-01-02")
	}
	if e, err := s.store.GetErasure(ctx, sub.ID); err == nil {
		out.Erasure = &ErasureExport{ErasedAt: Timestamp(e.ErasedAt), Code: e.Code}
	} else if !errors.Is(err, storage.ErrNotFound) {
		return out, err
	}
	if err := s.exportVerifications(ctx, sub.ID, &out); err != nil {
		return out, err
	}
	if err := s.exportRecords(ctx, sub.ID, &out); err != nil {
		return out, err
	}
	return out, storage.RecordAudit(ctx, s.store, s.now(), actor, "subject.exported", "subject", sub.ID, nil)
}

// exportVerifications fills the verifications, their personal details and documents.
func (s *Service) exportVerifications(ctx context.Context, subjectID string, out *Export) error {
	list, err := s.store.ListVerificationsBySubject(ctx, subjectID)
	if err != nil {
		return err
	}
	for _, v := range list {
		out.Verifications = append(out.Verifications, ViewOf(v))
		if v, err = s.open(v); err != nil {
			return err
		}
		d, ok, err := s.details(v)
		if err != nil {
			return err
		}
		if ok {
			out.Details = append(out.Details, DetailsExport{VerificationID: v.ID, Details: d})
		}
		docs, err := s.store.ListDocuments(ctx, v.ID)
		if err != nil {
			return err
		}
		for _, doc := range docs {
			out.Documents = append(out.Documents, DocumentExport{ID: doc.ID, VerificationID: v.ID, Kind: doc.Kind,
				Type: doc.Type, Side: doc.Side, ContentType: doc.ContentType, Size: doc.Size,
				CreatedAt: Timestamp(doc.CreatedAt), Current: slices.Contains(d.CurrentDocuments, doc.ID)})
		}
	}
	return nil
}

// exportRecords fills the wallets, screenings, attestations, consents, decisions and
// the audit history.
func (s *Service) exportRecords(ctx context.Context, subjectID string, out *Export) error {
	wallets, err := s.store.ListWallets(ctx, subjectID)
	if err != nil {
		return err
	}
	for _, w := range wallets {
		out.Wallets = append(out.Wallets, WalletExport{Address: common.HexToAddress(w.Address).Hex(), LinkedAt: Timestamp(w.LinkedAt)})
		screenings, err := s.store.ListScreenings(ctx, w.Address, 1000)
		if err != nil {
			return err
		}
		for _, sc := range screenings {
			outcome := sc.Status
			if sc.Error != "" {
				outcome = "failed"
			}
			out.Screenings = append(out.Screenings, ScreeningExport{Address: common.HexToAddress(sc.Address).Hex(),
				Source: sc.Source, Outcome: outcome, Risk: sc.Risk, CheckedAt: Timestamp(sc.CheckedAt)})
		}
	}
	atts, err := s.store.ListAttestationsBySubject(ctx, subjectID)
	if err != nil {
		return err
	}
	for _, a := range atts {
		e := AttestationExport{UID: a.UID, ChainID: a.ChainID, Recipient: common.HexToAddress(a.Recipient).Hex(),
			IssuedAt: Timestamp(a.IssuedAt), ExpiresAt: Timestamp(a.ExpiresAt), RevocationReason: a.RevocationReason}
		if a.RevokedAt != nil {
			e.RevokedAt = Timestamp(*a.RevokedAt)
		}
		out.Attestations = append(out.Attestations, e)
	}
	if out.Consents, err = s.Consents(ctx, subjectID); err != nil {
		return err
	}
	entries, err := s.store.ListAuditBySubject(ctx, subjectID)
	if err != nil {
		return err
	}
	for _, e := range entries {
		detail := codesOf(e.Detail)
		out.Audit = append(out.Audit, AuditExport{At: Timestamp(e.At), Action: e.Action, ActorKind: ActorKind(e.Actor),
			EntityKind: e.EntityKind, EntityID: e.EntityID, Detail: detail})
		if decision, ok := decisionActions[e.Action]; ok && e.EntityKind == "verification" {
			var d struct {
				RejectType string `json:"rejectType"`
				Code       string `json:"code"`
				Level      int    `json:"level"`
			}
			_ = json.Unmarshal(detail, &d)
			out.Decisions = append(out.Decisions, DecisionExport{VerificationID: e.EntityID, Decision: decision,
				RejectType: d.RejectType, Code: d.Code, Level: d.Level, At: Timestamp(e.At), ActorKind: ActorKind(e.Actor)})
		}
	}
	return nil
}

// codesOf is an audit detail without its sealed notes (the words people typed).
func codesOf(detail string) json.RawMessage {
	var m map[string]json.RawMessage
	if json.Unmarshal([]byte(detail), &m) != nil {
		return json.RawMessage("{}")
	}
	delete(m, SealedDetail)
	raw, err := json.Marshal(m)
	if err != nil {
		return json.RawMessage("{}")
	}
	return raw
}

// ActorKind is the kind of an audit actor ("wallet:0x…" → "wallet", "reviewer:rev_…" →
// "reviewer", "operator" → "operator"): who acted, without naming them.
func ActorKind(actor string) string {
	kind, _, _ := strings.Cut(actor, ":")
	return kind
}

// details reads the personal details of a verification (data opened) with the first
// provider that keeps personal data; ok is false when none holds any.
func (s *Service) details(v storage.Verification) (Details, bool, error) {
	for _, name := range slices.Sorted(maps.Keys(s.providers)) {
		if r, ok := s.providers[name].(PersonalDataReader); ok {
			d, found, err := r.Details(v)
			if err != nil || found {
				return d, found, err
			}
		}
	}
	return Details{}, false, nil
}

// OwnDocument returns one of the subject's documents with its content opened, for the
// holder (GET /v1/me/documents/{id}); another subject's document, or one erased, is
// unknown (404). The download is audited (subject.document_downloaded).
func (s *Service) OwnDocument(ctx context.Context, subjectID, id, actor string) (storage.Document, error) {
	notFound := fault.NotFoundError("unknown_document", "no document with this id")
	d, err := s.store.GetDocument(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return d, notFound
	} else if err != nil {
		return d, err
	}
	v, err := s.store.GetVerification(ctx, d.VerificationID)
	if err != nil {
		return d, err
	}
	if v.SubjectID != subjectID {
		return storage.Document{}, notFound
	}
	var content []byte
	for _, name := range slices.Sorted(maps.Keys(s.providers)) {
		if r, ok := s.providers[name].(PersonalDataReader); ok {
			if content, err = r.OpenDocument(d); err != nil {
				return storage.Document{}, err
			}
			break
		}
	}
	if content == nil {
		return storage.Document{}, notFound
	}
	d.Data = content
	return d, storage.RecordAudit(ctx, s.store, s.now(), actor, "subject.document_downloaded", "subject", subjectID,
		map[string]string{"documentId": d.ID})
}
