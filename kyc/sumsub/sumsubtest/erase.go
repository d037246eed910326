package sumsubtest

import (
	"fmt"
	"net/http"
)

// deactivateLocked answers PATCH /resources/applicants/{id}/presence/deactivated as
// Sumsub documents it: the applicant is marked "deleted": true and returned; an
// applicant under review (pending, queued, prechecked) is refused (400).
func (f *Fake) deactivateLocked(w http.ResponseWriter, a *applicant) {
	switch a.review.ReviewStatus {
	case "pending", "queued", "prechecked":
		writeJSON(w, http.StatusBadRequest, ErrorBody{Description: "Applicant is being checked", Code: http.StatusBadRequest,
			CorrelationID: fmt.Sprintf("req-%08d", f.nextLocked())})
		return
	}
	a.deleted = true
	f.deactivated = append(f.deactivated, a.id)
	writeJSON(w, http.StatusOK, f.applicantJSONLocked(a))
}

// Deactivated lists the applicant ids deactivated through the API, in order.
func (f *Fake) Deactivated() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.deactivated...)
}
