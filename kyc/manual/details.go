package manual

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kycgate/kycgate/displaytext"
	"github.com/kycgate/kycgate/fault"
	"github.com/kycgate/kycgate/gate"
	"github.com/kycgate/kycgate/kyc"
)

// maxAge is the oldest age a date of birth may give: older is a typing mistake.
const maxAge = 130

// validDetails checks and normalises personal details: every free-text field (the
// names) is 1 to 100 characters of visible text, the date of birth is a real date that
// gives a possible age, the country a known code.
func validDetails(d PersonalDetails, now time.Time) (PersonalDetails, error) {
	var err error
	if d.FirstName, err = freeText("firstName", d.FirstName, 100); err != nil {
		return d, err
	}
	if d.LastName, err = freeText("lastName", d.LastName, 100); err != nil {
		return d, err
	}
	if err := validBirthDate(d.DateOfBirth, now); err != nil {
		return d, err
	}
	if d.DocumentNumber != "" {
		if d.DocumentNumber, err = freeText("documentNumber", d.DocumentNumber, 40); err != nil {
			return d, err
		}
	}
	d.Country = strings.ToUpper(strings.TrimSpace(d.Country))
	if !IsCountry(d.Country) {
		return d, fault.InvalidError("invalid_personal_details", "country is an ISO 3166-1 alpha-2 code such as DE or US")
	}
	return d, nil
}

// freeText trims a free-text personal detail and refuses it when it is empty, longer
// than max characters, shows no letter or number, or holds characters that are not
// visible text (package displaytext: controls, format characters, separators,
// private-use and unassigned code points, blank-rendering fillers).
func freeText(field, v string, max int) (string, error) {
	// Before trimming: a stray control is an error, not noise.
	if r, _, ok := displaytext.Check(v); !ok && r >= 0 {
		return "", fault.InvalidError("invalid_personal_details",
			field+" contains an invisible or control character ("+fmt.Sprintf("U+%04X", r)+"): type the name as printed on the document")
	}
	v = strings.TrimSpace(v)
	if _, _, ok := displaytext.Check(v); !ok || utf8.RuneCountInString(v) > max {
		return "", fault.InvalidError("invalid_personal_details",
			fmt.Sprintf("%s is required: 1 to %d characters, with at least one letter", field, max))
	}
	return v, nil
}

// validBirthDate refuses a date of birth that is not a YYYY-MM-DD calendar date or
// gives an impossible age: in the future, today (UTC), or more than maxAge years ago.
func validBirthDate(raw string, now time.Time) error {
	bad := fault.InvalidError("invalid_personal_details",
		"dateOfBirth is a past date written YYYY-MM-DD, before today and at most 130 years ago")
	dob, err := time.Parse(time.DateOnly, raw)
	if err != nil {
		return bad
	}
	y, m, d := now.UTC().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if !dob.Before(today) || gate.Age(dob, now) > maxAge {
		return bad
	}
	return nil
}

// claims are what an approval of the case carries: the country and date of birth, and,
// for person screening, the full name, the nationality (the country given) and the
// identity document with its number when the user typed it.
func (st state) claims(dob time.Time) *kyc.Claims {
	d := st.Details
	c := &kyc.Claims{Country: d.Country, DateOfBirth: dob, Name: d.FirstName + " " + d.LastName, Nationality: d.Country}
	if d.DocumentNumber != "" {
		doc := &kyc.Document{Number: d.DocumentNumber, Country: d.Country}
		if st.Document != nil {
			doc.Type = st.Document.Type
		}
		c.Document = doc
	}
	return c
}
