package sumsubtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/kycgate/kycgate/kyc/sumsub"
)

// route dispatches an authentic request; idx is its entry in f.requests.
func (f *Fake) route(w http.ResponseWriter, r *http.Request, body []byte, idx int) {
	path := r.URL.Path
	switch {
	case path == "/resources/applicants" && r.Method == http.MethodPost:
		f.createApplicant(w, r, body)
		return
	case path == "/resources/accessTokens/sdk" && r.Method == http.MethodPost:
		f.accessToken(w, body)
		return
	}
	rest, ok := strings.CutPrefix(path, "/resources/applicants/")
	if !ok {
		f.fail(w, http.StatusNotFound, "Not found")
		return
	}
	key, action, _ := strings.Cut(rest, "/")
	f.mu.Lock()
	a := f.lookupLocked(key)
	f.mu.Unlock()
	if a == nil {
		f.fail(w, http.StatusNotFound, "Applicant not found")
		return
	}
	switch r.Method + " " + action {
	case "GET one":
		f.mu.Lock()
		defer f.mu.Unlock()
		writeJSON(w, http.StatusOK, f.applicantJSONLocked(a))
	case "GET status":
		f.mu.Lock()
		defer f.mu.Unlock()
		writeJSON(w, http.StatusOK, f.reviewJSONLocked(a))
	case "PATCH fixedInfo":
		var info sumsub.Info
		if err := json.Unmarshal(body, &info); err != nil {
			f.fail(w, http.StatusBadRequest, "Invalid JSON")
			return
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		a.fixedInfo = &info
		writeJSON(w, http.StatusOK, info)
	case "POST info/idDoc":
		f.addDocument(w, r, body, a, idx)
	case "POST status/pending":
		f.pending(w, a)
	case "POST status/testCompleted":
		f.testCompleted(w, body, a)
	case "PATCH presence/deactivated":
		f.mu.Lock()
		defer f.mu.Unlock()
		f.deactivateLocked(w, a)
	case "GET requiredIdDocsStatus":
		f.mu.Lock()
		defer f.mu.Unlock()
		writeJSON(w, http.StatusOK, f.stepsLocked(a))
	default:
		f.fail(w, http.StatusNotFound, "Not found")
	}
}

// lookupLocked finds an applicant by id or by "-;externalUserId=<id>"; nil when none or
// deleted.
func (f *Fake) lookupLocked(key string) *applicant {
	id := key
	if ext, ok := strings.CutPrefix(key, "-;externalUserId="); ok {
		id = f.byExternal[ext]
	}
	a := f.applicants[id]
	if a == nil || a.removed {
		return nil
	}
	return a
}

func (f *Fake) createApplicant(w http.ResponseWriter, r *http.Request, body []byte) {
	if level := r.URL.Query().Get("levelName"); level != f.LevelName {
		f.fail(w, http.StatusBadRequest, "Level not found")
		return
	}
	var in struct {
		ExternalUserID string `json:"externalUserId"`
	}
	if err := json.Unmarshal(body, &in); err != nil || in.ExternalUserID == "" {
		f.fail(w, http.StatusBadRequest, "externalUserId is required")
		return
	}
	f.mu.Lock()
	if id, ok := f.byExternal[in.ExternalUserID]; ok {
		f.mu.Unlock()
		f.fail(w, http.StatusConflict, fmt.Sprintf("Applicant with external user id '%s' already exists: %s", in.ExternalUserID, id))
		return
	}
	n := f.nextLocked()
	a := &applicant{id: fmt.Sprintf("%024x", 0x5b00000000+n), inspectionID: fmt.Sprintf("%024x", 0x6b00000000+n),
		externalUserID: in.ExternalUserID, levelName: f.LevelName,
		createdAt: f.Now().UTC().Format("2006-01-02 15:04:05"),
		review:    sumsub.ReviewStatus{ReviewStatus: sumsub.StatusInit}}
	f.applicants[a.id], f.byExternal[a.externalUserID] = a, a.id
	f.queueLocked(a, "applicantCreated")
	out := f.applicantJSONLocked(a)
	f.mu.Unlock()
	writeJSON(w, http.StatusCreated, out)
}

func (f *Fake) accessToken(w http.ResponseWriter, body []byte) {
	var in struct {
		UserID    string `json:"userId"`
		LevelName string `json:"levelName"`
		TTL       int    `json:"ttlInSecs"`
	}
	if err := json.Unmarshal(body, &in); err != nil || in.UserID == "" || in.TTL <= 0 {
		f.fail(w, http.StatusBadRequest, "userId and ttlInSecs are required")
		return
	}
	if in.LevelName != f.LevelName {
		f.fail(w, http.StatusBadRequest, "Level not found")
		return
	}
	f.mu.Lock()
	token := fmt.Sprintf("_act-sbx-%08d", f.nextLocked())
	f.tokens[token] = in.UserID
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]string{"token": token, "userId": in.UserID})
}

// TokenUser returns the externalUserId a WebSDK access token was issued for.
func (f *Fake) TokenUser(token string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.tokens[token]
}

var docTypes = map[string]bool{sumsub.DocPassport: true, sumsub.DocIDCard: true, sumsub.DocDrivers: true,
	sumsub.DocResidencePermit: true, sumsub.DocSelfie: true}

func (f *Fake) addDocument(w http.ResponseWriter, r *http.Request, body []byte, a *applicant, idx int) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		f.fail(w, http.StatusBadRequest, "Expected multipart/form-data")
		return
	}
	form, err := multipart.NewReader(bytes.NewReader(body), params["boundary"]).ReadForm(maxBody)
	if err != nil {
		f.fail(w, http.StatusBadRequest, "Invalid multipart body")
		return
	}
	defer form.RemoveAll()
	var meta struct {
		IDDocType    string `json:"idDocType"`
		IDDocSubType string `json:"idDocSubType"`
		Country      string `json:"country"`
	}
	if len(form.Value["metadata"]) != 1 || json.Unmarshal([]byte(form.Value["metadata"][0]), &meta) != nil {
		f.fail(w, http.StatusBadRequest, "metadata is required")
		return
	}
	if _, ok := sumsub.Alpha2(meta.Country); !ok || len(meta.Country) != 3 || !docTypes[meta.IDDocType] {
		f.fail(w, http.StatusBadRequest, "idDocType and an alpha-3 country are required")
		return
	}
	if sumsub.TwoSided(meta.IDDocType) != (meta.IDDocSubType == sumsub.SideFront || meta.IDDocSubType == sumsub.SideBack) {
		f.fail(w, http.StatusBadRequest, "idDocSubType FRONT_SIDE or BACK_SIDE is required for two-sided documents only")
		return
	}
	files := form.File["content"]
	if len(files) != 1 || files[0].Size == 0 {
		f.fail(w, http.StatusBadRequest, "content is required")
		return
	}
	file, err := files[0].Open()
	if err != nil {
		f.fail(w, http.StatusBadRequest, "content is unreadable")
		return
	}
	size, _ := io.Copy(io.Discard, file)
	file.Close()

	f.mu.Lock()
	im := &image{id: fmt.Sprintf("%d", 1336924700+f.nextLocked()), docType: meta.IDDocType, side: meta.IDDocSubType,
		country: meta.Country, size: int(size)}
	// A new image of the same document side replaces the earlier one (now inactive), and
	// another document type in the same step replaces the step's images.
	kept := a.images[:0]
	for _, old := range a.images {
		sameStep := stepOf(old.docType) == stepOf(im.docType)
		if sameStep && (old.docType != im.docType || old.side == im.side) {
			continue
		}
		kept = append(kept, old)
	}
	a.images = append(kept, im)
	f.requests[idx].Upload = &Upload{ImageID: im.id, IDDocType: im.docType, IDDocSubType: im.side, Country: im.country, Size: im.size}
	f.mu.Unlock()
	w.Header().Set("X-Image-Id", im.id)
	writeJSON(w, http.StatusOK, meta)
}

// stepOf is the verification step of a document type.
func stepOf(docType string) string {
	if docType == sumsub.DocSelfie {
		return "SELFIE"
	}
	return "IDENTITY"
}

// complete reports whether the applicant's documents fill the fake level: an identity
// document (both sides when two-sided) and a selfie.
func complete(a *applicant) bool {
	sides := map[string]bool{}
	identity, selfie := false, false
	for _, im := range a.images {
		switch {
		case im.docType == sumsub.DocSelfie:
			selfie = true
		case !sumsub.TwoSided(im.docType):
			identity = true
		default:
			sides[im.side] = true
			identity = identity || (sides[sumsub.SideFront] && sides[sumsub.SideBack])
		}
	}
	return identity && selfie
}

func (f *Fake) pending(w http.ResponseWriter, a *applicant) {
	f.mu.Lock()
	if !complete(a) || a.deleted {
		f.mu.Unlock()
		f.fail(w, http.StatusConflict, "Required documents are missing")
		return
	}
	a.review = sumsub.ReviewStatus{ReviewStatus: sumsub.StatusPending}
	for _, im := range a.images {
		if im.review != nil && im.review.ReviewAnswer == sumsub.AnswerGreen {
			continue
		}
		im.review = nil
	}
	f.queueLocked(a, "applicantPending")
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]int{"ok": 1})
}

func (f *Fake) testCompleted(w http.ResponseWriter, body []byte, a *applicant) {
	var rr sumsub.ReviewResult
	if err := json.Unmarshal(body, &rr); err != nil || (rr.ReviewAnswer != sumsub.AnswerGreen && rr.ReviewAnswer != sumsub.AnswerRed) {
		f.fail(w, http.StatusBadRequest, "reviewAnswer is GREEN or RED")
		return
	}
	if rr.ReviewAnswer == sumsub.AnswerRed && rr.ReviewRejectType != sumsub.RejectRetry && rr.ReviewRejectType != sumsub.RejectFinal {
		f.fail(w, http.StatusBadRequest, "reviewRejectType is RETRY or FINAL")
		return
	}
	f.mu.Lock()
	a.review = sumsub.ReviewStatus{ReviewStatus: sumsub.StatusCompleted, ReviewResult: &rr}
	for _, im := range a.images {
		if rr.ReviewAnswer == sumsub.AnswerGreen || im.review == nil {
			im.review = &sumsub.ReviewResult{ReviewAnswer: sumsub.AnswerGreen}
		}
	}
	if rr.ReviewAnswer == sumsub.AnswerGreen && a.info == nil && a.fixedInfo != nil {
		info := *a.fixedInfo // what the documents show: the fake trusts the declared data
		a.info = &info
	}
	f.queueLocked(a, "applicantReviewed")
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]int{"ok": 1})
}
