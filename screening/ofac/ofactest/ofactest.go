// Package ofactest is a fake OFAC export server for tests: an httptest server that serves
// an SDN advanced XML export (the structure PROVIDERS.md documents: DateOfIssue, the
// FeatureType table, DistinctParty/Profile/Feature/FeatureVersion/VersionDetail) built
// from the values the test adds, with switches for an HTTP error, a hang (released by
// the client's context or the server's close, no sleep) and a malformed body.
package ofactest

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Path is the export's path on the fake, as on OFAC's service.
const Path = "/api/PublicationPreview/exports/SDN_ADVANCED.XML"

// Server is a fake OFAC export server.
type Server struct {
	// URL is the export's URL, for KYCGATE_OFAC_SDN_URL.
	URL string

	srv      *httptest.Server
	closed   chan struct{}
	mu       sync.Mutex
	values   []value
	date     time.Time
	modified time.Time
	failures []int
	hang     bool
	body     []byte
	requests int
}

type value struct{ asset, text string }

// New starts a fake export server with an empty list dated date (zero: no DateOfIssue),
// closed when the test ends.
func New(t testing.TB, date time.Time) *Server {
	s := &Server{closed: make(chan struct{}), date: date}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL + Path
	t.Cleanup(s.srv.Close)
	t.Cleanup(func() { close(s.closed) }) // runs first: releases hanging requests
	return s
}

// Sanction lists addr under "Digital Currency Address - ETH".
func (s *Server) Sanction(addr common.Address) { s.Add("ETH", addr.Hex()) }

// Add lists text (an address of any shape) under "Digital Currency Address - asset".
func (s *Server) Add(asset, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values = append(s.values, value{asset, text})
}

// SetDate sets the export's DateOfIssue (zero: none).
func (s *Server) SetDate(d time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.date = d
}

// SetLastModified sets the Last-Modified header (zero: none).
func (s *Server) SetLastModified(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.modified = t
}

// FailNext makes the next request answer status (e.g. 500), once; calls queue.
func (s *Server) FailNext(status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, status)
}

// Hang makes every request hang until the client gives up or the server closes; Resume
// ends that.
func (s *Server) Hang() { s.setHang(true) }

// Resume ends Hang.
func (s *Server) Resume() { s.setHang(false) }

func (s *Server) setHang(v bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hang = v
}

// SetBody makes every request answer raw (200) instead of the export (nil: the export
// again), e.g. a malformed or cut document.
func (s *Server) SetBody(raw []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.body = raw
}

// Requests is the number of requests received.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// Export is the document the fake serves now.
func (s *Server) Export() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.export()
}

func (s *Server) export() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString(`<Sanctions xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">` + "\n")
	if !s.date.IsZero() {
		fmt.Fprintf(&b, "<DateOfIssue><Year>%d</Year><Month>%d</Month><Day>%d</Day></DateOfIssue>\n", s.date.Year(), s.date.Month(), s.date.Day())
	}
	var assets []string
	for _, v := range s.values {
		if !slices.Contains(assets, v.asset) {
			assets = append(assets, v.asset)
		}
	}
	// Feature type IDs start at 344 and follow the order assets first appear: tests must
	// not rely on fixed ids (the adapter does not).
	b.WriteString("<ReferenceValueSets><FeatureTypeValues>\n<FeatureType ID=\"21\" FeatureTypeGroupID=\"2\">Email Address</FeatureType>\n")
	for i, a := range assets {
		fmt.Fprintf(&b, "<FeatureType ID=\"%d\" FeatureTypeGroupID=\"3\">Digital Currency Address - %s</FeatureType>\n", 344+i, html.EscapeString(a))
	}
	b.WriteString("</FeatureTypeValues></ReferenceValueSets>\n<DistinctParties>\n")
	for i, v := range s.values {
		fmt.Fprintf(&b, `<DistinctParty FixedRef="%d"><Comment/><Profile ID="%d" PartySubTypeID="4">`, 30000+i, 30000+i)
		fmt.Fprintf(&b, `<Feature ID="%d" FeatureTypeID="%d"><FeatureVersion ID="%d" ReliabilityID="1"><Comment/><VersionDetail DetailTypeID="1432">%s</VersionDetail></FeatureVersion></Feature>`,
			i, 344+slices.Index(assets, v.asset), i, html.EscapeString(v.text))
		b.WriteString("</Profile></DistinctParty>\n")
	}
	b.WriteString("</DistinctParties>\n</Sanctions>\n")
	return b.Bytes()
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests++
	hang := s.hang
	var status int
	if len(s.failures) > 0 {
		status, s.failures = s.failures[0], s.failures[1:]
	}
	body, modified := s.body, s.modified
	if body == nil {
		body = s.export()
	}
	s.mu.Unlock()

	switch {
	case hang:
		select {
		case <-r.Context().Done():
		case <-s.closed:
		}
		return
	case r.Method != http.MethodGet || r.URL.Path != Path:
		http.NotFound(w, r)
		return
	case status != 0:
		http.Error(w, http.StatusText(status), status)
		return
	}
	w.Header().Set("Content-Type", "application/xml")
	if !modified.IsZero() {
		w.Header().Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
	_, _ = w.Write(body)
}
