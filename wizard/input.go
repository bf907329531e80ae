package wizard

import (
	"fmt"
	"strings"
	"time"

	"posdoctor/wizard/pan"

	"posdoctor/wizard/respcode"
)

// digitsOnly drops the separators a card number may be typed with
// (pan.IsSeparator) and reads full-width digits as ASCII; other characters
// are kept so the caller can reject them.
func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case pan.IsSeparator(r):
			return -1
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		}
		return r
	}, strings.TrimSpace(s))
}

// checkCardNumber validates a typed card number. It returns the result
// (ResultValid, ResultLuhn or ResultRange) and the masked number; the full
// number goes no further than this function.
func checkCardNumber(text string) (result, masked string, err error) {
	d := digitsOnly(text)
	if len(d) < 13 || len(d) > 19 {
		return "", "", &InputError{Kind: InputCardNumber, Reason: "wizard.input.card.length"}
	}
	for _, r := range d {
		if r < '0' || r > '9' {
			return "", "", &InputError{Kind: InputCardNumber, Reason: "wizard.input.card.digits"}
		}
	}
	masked = pan.Mask(d)
	if !pan.Luhn(d) {
		return ResultLuhn, masked, nil
	}
	if pan.OnRange(d) {
		return ResultValid, masked, nil
	}
	return ResultRange, masked, nil
}

// checkExpiry validates a typed expiry date, MM/YY (also MMYY, MM-YY,
// MM/YYYY), against now. A card is valid through the last day of its month.
// It returns ResultValid or ResultExpired and the date as MM/YY.
func checkExpiry(text string, now time.Time) (result, stored string, err error) {
	t := strings.NewReplacer("/", "", "-", "", " ", "", ".", "").Replace(strings.TrimSpace(text))
	if len(t) != 4 && len(t) != 6 {
		return "", "", &InputError{Kind: InputExpiry, Reason: "wizard.input.expiry.format"}
	}
	var month, year int
	for i, r := range t {
		if r < '0' || r > '9' {
			return "", "", &InputError{Kind: InputExpiry, Reason: "wizard.input.expiry.format"}
		}
		if i < 2 {
			month = month*10 + int(r-'0')
		} else {
			year = year*10 + int(r-'0')
		}
	}
	if month < 1 || month > 12 {
		return "", "", &InputError{Kind: InputExpiry, Reason: "wizard.input.expiry.month"}
	}
	if len(t) == 4 {
		year += 2000
	}
	stored = fmt.Sprintf("%02d/%02d", month, year%100)
	if year < now.Year() || (year == now.Year() && time.Month(month) < now.Month()) {
		return ResultExpired, stored, nil
	}
	return ResultValid, stored, nil
}

// checkCode validates a response code typed from the terminal's screen:
// two letters or digits.
func checkCode(text string) (string, error) {
	c := respcode.Normalize(text)
	if len(c) != 2 {
		return "", &InputError{Kind: InputCode, Reason: "wizard.input.code.format"}
	}
	for _, r := range c {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z') {
			return "", &InputError{Kind: InputCode, Reason: "wizard.input.code.format"}
		}
	}
	return c, nil
}
