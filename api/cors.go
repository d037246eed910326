package api

import (
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// CORS lets the browsers of the listed origins (dApp front ends) call the API with
// bearer tokens: it answers preflights and marks responses readable by those origins.
// Credentials (the session cookie) are never allowed cross-origin; the cookie is for the
// gateway's own pages. "*" allows every origin. An empty list allows none. origins are
// compared as browsers send them: pass them through ParseOrigins.
func CORS(origins []string) gin.HandlerFunc {
	any := slices.Contains(origins, "*")
	return func(c *gin.Context) {
		if len(origins) == 0 {
			c.Next()
			return
		}
		// The answer depends on Origin whether or not it is allowed: tell shared caches.
		h := c.Writer.Header()
		h.Add("Vary", "Origin")
		origin := c.GetHeader("Origin")
		if origin == "" || (!any && !slices.ContainsFunc(origins, func(o string) bool { return strings.EqualFold(o, origin) })) {
			c.Next()
			return
		}
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Expose-Headers", "X-Request-Id, Retry-After")
		if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
			h.Add("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers")
			h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id")
			h.Set("Access-Control-Max-Age", "600")
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}

// ParseOrigins reads a comma-separated list of browser origins (KYCGATE_CORS_ORIGINS) and
// returns each in the form a browser sends in its Origin header, so that a listed origin
// can match: scheme and host in lower case, the scheme's default port dropped, a lone
// trailing "/" dropped, an IPv6 host in its canonical form. "*" stays "*"; duplicates go.
// Anything that is not an origin is refused, naming the entry: another scheme than http
// or https, user-info, a path, a query or a fragment (even empty), an empty host or port,
// a port outside 1–65535, a host that is not ASCII (write its punycode "xn--" form) or has
// percent-escapes or characters a host cannot have, and "null".
func ParseOrigins(list string) ([]string, error) {
	var out []string
	for _, raw := range strings.Split(list, ",") {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		o, err := parseOrigin(raw)
		if err != nil {
			return nil, fmt.Errorf("%q is not an origin: %s (want scheme://host[:port], e.g. https://app.example.com, or *)", raw, err)
		}
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out, nil
}

// endsInANumber is WHATWG URL's test for a host it parses as IPv4: its last label (a
// trailing dot ignored) is all decimal digits, or 0x followed by hex digits.
func endsInANumber(host string) bool {
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	last := labels[len(labels)-1]
	if last == "" {
		return false
	}
	if strings.Trim(last, "0123456789") == "" {
		return true
	}
	hex, ok := strings.CutPrefix(last, "0x")
	return ok && strings.Trim(hex, "0123456789abcdef") == ""
}

func parseOrigin(raw string) (string, error) {
	if raw == "*" {
		return raw, nil
	}
	scheme, rest, ok := strings.Cut(raw, "://")
	scheme = strings.ToLower(scheme)
	if !ok || (scheme != "http" && scheme != "https") {
		return "", errors.New("the scheme must be http or https")
	}
	if strings.HasSuffix(rest, "/") && strings.Count(rest, "/") == 1 {
		rest = strings.TrimSuffix(rest, "/")
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		return "", errors.New("an origin has no path, query or fragment")
	}
	if strings.Contains(rest, "@") {
		return "", errors.New("an origin has no user-info")
	}
	host, port := rest, ""
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(host, ']')
		if end < 0 {
			return "", errors.New("an unterminated IPv6 address")
		}
		ip, err := netip.ParseAddr(host[1:end])
		if err != nil || !ip.Is6() || ip.Zone() != "" {
			return "", errors.New("not an IPv6 address")
		}
		if strings.Contains(ip.String(), ".") {
			// Browsers write every IPv6 address in hex (WHATWG URL), never with an IPv4 tail.
			return "", errors.New("write the IPv6 address in hex, as browsers send it (no dotted IPv4 part)")
		}
		host, port = "["+ip.String()+"]", host[end+1:]
		if port != "" && port[0] != ':' {
			return "", errors.New("text after the IPv6 address")
		}
		port = strings.TrimPrefix(port, ":")
		if port == "" && strings.HasSuffix(rest, ":") {
			return "", errors.New("an empty port")
		}
	} else {
		var hasPort bool
		host, port, hasPort = strings.Cut(host, ":")
		if hasPort && port == "" {
			return "", errors.New("an empty port")
		}
		host = strings.ToLower(host)
		if host == "" {
			return "", errors.New("no host")
		}
		for i := 0; i < len(host); i++ {
			if c := host[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
				if c >= 0x80 {
					return "", errors.New("the host is not ASCII: write its punycode (xn--) form")
				}
				return "", fmt.Errorf("the host has %q", c)
			}
		}
		if endsInANumber(host) {
			// WHATWG URL reads such a host as an IPv4 address (127.1, 0x7f.0.0.1,
			// 2130706433, 0177.0.0.1 are all 127.0.0.1) and browsers send the dotted quad:
			// only that form can match.
			if ip, err := netip.ParseAddr(host); err != nil || !ip.Is4() || ip.String() != host {
				return "", errors.New("an IPv4 host must be written as browsers send it: four decimal numbers, as in 127.0.0.1")
			}
		}
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 || strings.HasPrefix(port, "+") {
			return "", errors.New("the port must be 1 to 65535")
		}
		if (scheme == "http" && n == 80) || (scheme == "https" && n == 443) {
			port = ""
		} else {
			port = strconv.Itoa(n)
		}
	}
	if port != "" {
		return scheme + "://" + host + ":" + port, nil
	}
	return scheme + "://" + host, nil
}
