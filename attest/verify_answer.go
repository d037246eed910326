package attest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// encodedJSON is an answer already encoded as JSON, rendered as gin's c.JSON renders
// one (render.JSON): its Content-Type unless one is set, then the bytes.
type encodedJSON []byte

var jsonContentType = []string{"application/json; charset=utf-8"}

// Render implements render.Render.
func (e encodedJSON) Render(w http.ResponseWriter) error {
	e.WriteContentType(w)
	_, err := w.Write(e)
	return err
}

// WriteContentType implements render.Render.
func (encodedJSON) WriteContentType(w http.ResponseWriter) {
	if h := w.Header(); len(h["Content-Type"]) == 0 {
		h["Content-Type"] = jsonContentType
	}
}

// appendJSON appends v as json.Marshal writes it, byte for byte, without reflection.
// ok is false when a time has an offset other than zero or a year outside [0,9999]
// (time.Time.MarshalJSON's range): the caller then lets json.Marshal answer.
func (v *Verification) appendJSON(b []byte) ([]byte, bool) {
	b = append(b, `{"valid":`...)
	b = strconv.AppendBool(b, v.Valid)
	if v.Reason != "" {
		b = appendJSONString(append(b, `,"reason":`...), v.Reason)
	}
	if v.UID != "" {
		b = appendJSONString(append(b, `,"uid":`...), v.UID)
	}
	if v.ChainID != 0 {
		b = strconv.AppendUint(append(b, `,"chainId":`...), v.ChainID, 10)
	}
	if v.Recipient != "" {
		b = appendJSONString(append(b, `,"recipient":`...), v.Recipient)
	}
	if v.Signer != "" {
		b = appendJSONString(append(b, `,"signer":`...), v.Signer)
	}
	if v.KYCLevel != nil {
		b = strconv.AppendUint(append(b, `,"kycLevel":`...), uint64(*v.KYCLevel), 10)
	}
	if v.Country != nil {
		b = appendJSONString(append(b, `,"country":`...), *v.Country)
	}
	if v.Over18 != nil {
		b = strconv.AppendBool(append(b, `,"over18":`...), *v.Over18)
	}
	if v.WalletRisk != nil {
		b = strconv.AppendUint(append(b, `,"walletRisk":`...), uint64(*v.WalletRisk), 10)
	}
	for _, t := range []struct {
		name string
		at   *time.Time
	}{{`,"issuedAt":`, v.IssuedAt}, {`,"expiresAt":`, v.ExpiresAt}, {`,"revokedAt":`, v.RevokedAt}} {
		if t.at == nil {
			continue
		}
		if _, off := t.at.Zone(); off != 0 || t.at.Year() < 0 || t.at.Year() > 9999 {
			return b, false
		}
		b = append(t.at.AppendFormat(append(append(b, t.name...), '"'), time.RFC3339Nano), '"')
	}
	return append(b, '}'), true
}

// appendJSONString appends s quoted as json.Marshal quotes it: printable ASCII other
// than the quote, the backslash and the HTML characters json.Marshal escapes goes as it
// is; any other string is json.Marshal's own.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}
