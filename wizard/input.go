package wizard

import (
	"fmt"
	"strings"
	"time"
)

// MaskPAN masks a card number to its first 6 and last 4 digits, the most
// any screen, report or history may show: "6222021234567890123" →
// "622202*********0123". Spaces and dashes are dropped first. A number too
// short to mask safely (under 13 digits) is masked completely.
func MaskPAN(pan string) string {
	d := digitsOnly(pan)
	if len(d) < 13 {
		return strings.Repeat("*", len(d))
	}
	return d[:6] + strings.Repeat("*", len(d)-10) + d[len(d)-4:]
}

// digitsOnly drops spaces and dashes; other characters are kept so the
// caller can reject them.
func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// Luhn reports whether a string of ASCII digits passes the Luhn check that
// every card number does. It does not look at non-digits: callers pass
// digits only.
func Luhn(d string) bool {
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if double {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return sum%10 == 0
}

// cardRanges are the leading digits of cards a UnionPay terminal in China
// normally takes: UnionPay (62, 81, 60 domestic), Visa (4), Mastercard
// (51–55, 22–27), JCB (35), American Express (34, 37), Diners (30, 36),
// Discover (65).
var cardRanges = []string{"62", "81", "60", "4", "51", "52", "53", "54", "55", "22", "23", "24", "25", "26", "27", "35", "34", "37", "30", "36", "65"}

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
	masked = MaskPAN(d)
	if !Luhn(d) {
		return ResultLuhn, masked, nil
	}
	for _, p := range cardRanges {
		if strings.HasPrefix(d, p) {
			return ResultValid, masked, nil
		}
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
	c := normalizeCode(text)
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
