package kyc

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/kycgate/kycgate/fault"
)

// MaxReturnURLLength bounds a start's returnUrl, in bytes (as notify bounds webhook URLs).
const MaxReturnURLLength = 2048

// CheckReturnURL validates the optional returnUrl of a start, the way notify.Policy checks
// webhook URLs: an absolute https URL with a host, no credentials, a port of 1 to 65535
// and at most MaxReturnURLLength bytes. It returns the URL normalised ("" stays ""), or a
// 400 invalid_return_url. The gateway never fetches it (the user's browser follows it),
// so the host is not resolved.
func CheckReturnURL(raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	invalid := func(why string) (string, error) { return "", fault.InvalidError("invalid_return_url", why) }
	if len(raw) > MaxReturnURLLength {
		return invalid("the returnUrl is too long")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" || u.Scheme != "https" {
		return invalid("the returnUrl must be an absolute https URL")
	}
	if u.User != nil {
		return invalid("the returnUrl must not carry credentials")
	}
	if u.Hostname() == "" {
		return invalid("the returnUrl needs a host")
	}
	if port := u.Port(); port != "" || strings.HasSuffix(u.Host, ":") {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return invalid("the returnUrl's port must be 1 to 65535")
		}
	}
	return u.String(), nil
}
