package diditest

import "net/http"

// deleteLocked answers DELETE /v3/session/{id}/delete/ as Didit documents it: the
// session is gone from every read (204 No Content); a repeat is a 404 (the caller's
// lookup no longer finds it).
func (f *Fake) deleteLocked(w http.ResponseWriter, s *session) {
	delete(f.sessions, s.id)
	f.deleted = append(f.deleted, s.id)
	w.WriteHeader(http.StatusNoContent)
}

// Deleted lists the session ids deleted through the API, in order.
func (f *Fake) Deleted() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.deleted...)
}
