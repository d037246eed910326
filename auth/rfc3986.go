package auth

import (
	"errors"
	"net/netip"
	"strings"
	"time"
)

// The pieces of RFC 3986 (URI, authority) and RFC 3339 (date-time) that EIP-4361's ABNF
// borrows, checked as written there. Nothing is decoded or normalised here: the exact
// text is kept, so what was compared is what the wallet showed.

// uriRef is an RFC 3986 URI split into its components, as written.
type uriRef struct {
	scheme    string
	authority *authority // nil when the URI has no "//" authority
	path      string
	query     *string
	fragment  *string
}

// authority is an RFC 3986 authority: [ userinfo "@" ] host [ ":" port ].
type authority struct {
	userinfo *string // nil when there is no "@"
	host     string  // reg-name, IPv4address or "[" IP-literal "]", as written
	port     *string // nil when there is no ":"; may be "" (port = *DIGIT)
}

var (
	errNoScheme = errors.New("no scheme")
)

// isAlpha, isDigit, isHex are RFC 5234's ALPHA, DIGIT and HEXDIG.
func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// isUnreserved is RFC 3986's unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~".
func isUnreserved(c byte) bool {
	return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~'
}

// isSubDelim is RFC 3986's sub-delims.
func isSubDelim(c byte) bool { return strings.IndexByte("!$&'()*+,;=", c) >= 0 }

// isGenDelim is RFC 3986's gen-delims.
func isGenDelim(c byte) bool { return strings.IndexByte(":/?#[]@", c) >= 0 }

// validChars reports whether s is made of pct-encoded triplets and bytes ok accepts.
func validChars(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' {
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
			i += 2
			continue
		}
		if !ok(c) {
			return false
		}
	}
	return true
}

// isPchar is pchar minus pct-encoded: unreserved / sub-delims / ":" / "@".
func isPchar(c byte) bool { return isUnreserved(c) || isSubDelim(c) || c == ':' || c == '@' }

func isQueryChar(c byte) bool { return isPchar(c) || c == '/' || c == '?' }

func isPathChar(c byte) bool { return isPchar(c) || c == '/' }

// validScheme is scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
func validScheme(s string) bool {
	if s == "" || !isAlpha(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isAlpha(c) && !isDigit(c) && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// parseURI parses an RFC 3986 URI: scheme ":" hier-part [ "?" query ] [ "#" fragment ].
func parseURI(s string) (uriRef, error) {
	var u uriRef
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return u, errNoScheme
	}
	if u.scheme = s[:colon]; !validScheme(u.scheme) {
		return u, errors.New("the scheme is not ALPHA *( ALPHA / DIGIT / \"+\" / \"-\" / \".\" )")
	}
	rest := s[colon+1:]
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		f := rest[i+1:]
		if !validChars(f, isQueryChar) {
			return u, errors.New("the fragment has a character RFC 3986 does not allow there")
		}
		u.fragment, rest = &f, rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		q := rest[i+1:]
		if !validChars(q, isQueryChar) {
			return u, errors.New("the query has a character RFC 3986 does not allow there")
		}
		u.query, rest = &q, rest[:i]
	}
	if hier, ok := strings.CutPrefix(rest, "//"); ok {
		end := strings.IndexByte(hier, '/')
		if end < 0 {
			end = len(hier)
		}
		a, err := parseAuthority(hier[:end])
		if err != nil {
			return u, err
		}
		u.authority, rest = &a, hier[end:] // path-abempty: "" or "/…"
	}
	// path-abempty, path-absolute (not "//", handled above), path-rootless or path-empty:
	// each is pchar and "/" only.
	if !validChars(rest, isPathChar) {
		return u, errors.New("the path has a character RFC 3986 does not allow there")
	}
	u.path = rest
	return u, nil
}

// parseAuthority parses an RFC 3986 authority: [ userinfo "@" ] host [ ":" port ]. The host
// may be empty (reg-name = *( … )); callers that need one check.
func parseAuthority(s string) (authority, error) {
	var a authority
	if i := strings.IndexByte(s, '@'); i >= 0 {
		ui := s[:i]
		if !validChars(ui, func(c byte) bool { return isUnreserved(c) || isSubDelim(c) || c == ':' }) {
			return a, errors.New("the user-info has a character RFC 3986 does not allow there")
		}
		a.userinfo, s = &ui, s[i+1:]
	}
	hostEnd := 0
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 || !validIPLiteral(s[1:end]) {
			return a, errors.New("the host is not an RFC 3986 IP-literal")
		}
		hostEnd = end + 1
	} else {
		hostEnd = strings.IndexByte(s, ':')
		if hostEnd < 0 {
			hostEnd = len(s)
		}
		if !validChars(s[:hostEnd], func(c byte) bool { return isUnreserved(c) || isSubDelim(c) }) {
			return a, errors.New("the host has a character RFC 3986 does not allow there")
		}
	}
	a.host, s = s[:hostEnd], s[hostEnd:]
	if s != "" {
		p, ok := strings.CutPrefix(s, ":")
		if !ok || strings.IndexFunc(p, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
			return a, errors.New("the port is not digits")
		}
		a.port = &p
	}
	return a, nil
}

// validIPLiteral is the inside of "[" … "]": IPv6address / IPvFuture.
func validIPLiteral(s string) bool {
	if len(s) > 0 && (s[0] == 'v' || s[0] == 'V') {
		hexEnd := 1
		for hexEnd < len(s) && isHex(s[hexEnd]) {
			hexEnd++
		}
		if hexEnd == 1 || hexEnd >= len(s)-1 || s[hexEnd] != '.' {
			return false
		}
		for i := hexEnd + 1; i < len(s); i++ {
			if c := s[i]; !isUnreserved(c) && !isSubDelim(c) && c != ':' {
				return false
			}
		}
		return true
	}
	// netip reads exactly RFC 4291's text forms (h16 groups, "::", a dotted IPv4 tail
	// without leading zeros); RFC 3986 has no zones.
	if strings.ContainsAny(s, "%") {
		return false
	}
	ip, err := netip.ParseAddr(s)
	return err == nil && ip.Is6()
}

// parseDateTime parses an RFC 3339 date-time exactly as its ABNF writes it:
// full-date "T" partial-time time-offset, "T" and "Z" in either case, any number of
// fraction digits (read to the nanosecond), a leap second (":60") only in the last
// minute of a month in UTC (where leap seconds are inserted), read as the next second.
func parseDateTime(s string) (time.Time, error) {
	bad := func(what string) (time.Time, error) {
		return time.Time{}, errors.New(what)
	}
	num := func(from, n int) (int, bool) {
		if from+n > len(s) {
			return 0, false
		}
		v := 0
		for i := from; i < from+n; i++ {
			if !isDigit(s[i]) {
				return 0, false
			}
			v = v*10 + int(s[i]-'0')
		}
		return v, true
	}
	at := func(i int, c byte) bool { return i < len(s) && s[i] == c }
	year, ok1 := num(0, 4)
	month, ok2 := num(5, 2)
	day, ok3 := num(8, 2)
	if !ok1 || !ok2 || !ok3 || !at(4, '-') || !at(7, '-') {
		return bad("want a full-date YYYY-MM-DD")
	}
	if !at(10, 'T') && !at(10, 't') {
		return bad("want \"T\" between date and time")
	}
	hour, ok1 := num(11, 2)
	minute, ok2 := num(14, 2)
	sec, ok3 := num(17, 2)
	if !ok1 || !ok2 || !ok3 || !at(13, ':') || !at(16, ':') {
		return bad("want a partial-time hh:mm:ss")
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return bad("the date does not exist")
	}
	if hour > 23 || minute > 59 || sec > 60 {
		return bad("the time of day does not exist")
	}
	i, nanos := 19, 0
	if at(i, '.') {
		i++
		start := i
		for i < len(s) && isDigit(s[i]) {
			if i-start < 9 {
				nanos = nanos*10 + int(s[i]-'0')
			}
			i++
		}
		if i == start {
			return bad("want digits after the decimal point")
		}
		for n := i - start; n < 9; n++ {
			nanos *= 10
		}
	}
	var offset int
	switch {
	case at(i, 'Z') || at(i, 'z'):
		i++
	case at(i, '+') || at(i, '-'):
		oh, ok1 := num(i+1, 2)
		om, ok2 := num(i+4, 2)
		if !ok1 || !ok2 || !at(i+3, ':') || oh > 23 || om > 59 {
			return bad("want a time-offset Z or ±hh:mm")
		}
		offset = (oh*60 + om) * 60
		if s[i] == '-' {
			offset = -offset
		}
		i += 6
	default:
		return bad("want a time-offset Z or ±hh:mm")
	}
	if i != len(s) {
		return bad("unexpected text after the date-time")
	}
	zone := time.UTC
	if offset != 0 {
		zone = time.FixedZone("", offset)
	}
	if sec == 60 {
		utc := time.Date(year, time.Month(month), day, hour, minute, 59, 0, zone).UTC()
		if utc.Hour() != 23 || utc.Minute() != 59 || utc.AddDate(0, 0, 1).Day() != 1 {
			return bad("a leap second (:60) is only inserted at the end of a month, in UTC")
		}
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nanos, zone), nil
}

// daysIn is the number of days of a month (1–12) in the proleptic Gregorian calendar.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
