package pan

import "strings"

// Head and Tail are how many leading and trailing characters of a card
// number of at least MinLen characters stay readable.
const (
	Head   = 6
	Tail   = 4
	MinLen = 13
)

// Keep returns how many leading and trailing characters of an n-character
// card number may be shown: 6 and 4 from 13 characters on, none below.
// Every masking in the project (text, BCD, hex dumps) asks Keep.
func Keep(n int) (head, tail int) {
	if n < MinLen {
		return 0, 0
	}
	return Head, Tail
}

// Mask masks a card number by the rule (see Keep):
// "6222 0212 3456 7890 128" → "622202*********0128", "1234" → "****".
// Separators (spaces, tabs, - . _ / | :) are dropped and full-width digits
// become ASCII digits; every other character counts as one position. An
// already masked number comes back unchanged.
func Mask(s string) string {
	var b []rune
	for _, r := range s {
		switch {
		case IsSeparator(r):
			continue
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		case r == '＊':
			r = '*'
		}
		b = append(b, r)
	}
	head, tail := Keep(len(b))
	for i := head; i < len(b)-tail; i++ {
		b[i] = '*'
	}
	return string(b)
}

// IsSeparator reports whether r may stand between the digits of a card
// number typed or logged by hand: white space (also the ideographic space)
// and - . _ / | :
func IsSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '-', '.', '_', '/', '|', ':', '\u3000', '\u00a0':
		return true
	}
	return false
}

// Luhn reports whether a string of ASCII digits passes the Luhn check that
// every card number does. Callers pass digits only; an empty string fails.
func Luhn(d string) bool {
	if d == "" {
		return false
	}
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

// ranges are the leading digits of cards a UnionPay terminal in China
// normally takes: UnionPay (62, 81, 60 domestic), Visa (4), Mastercard
// (51–55, 22–27), JCB (35), American Express (34, 37), Diners (30, 36),
// Discover (65).
var ranges = []string{"62", "81", "60", "4", "51", "52", "53", "54", "55", "22", "23", "24", "25", "26", "27", "35", "34", "37", "30", "36", "65"}

// OnRange reports whether a string of digits starts like a card of a known
// scheme (see ranges).
func OnRange(d string) bool {
	for _, p := range ranges {
		if strings.HasPrefix(d, p) {
			return true
		}
	}
	return false
}

// secretTags are the chip-data (EMV, field 55) tags that carry card data:
// the card number (5A), track 2 equivalent (57), track 1 data (56), track 1
// and 2 discretionary data (9F1F, 9F20), contactless track 2 (9F6B), the
// cardholder's name (5F20, 9F0B), the expiry and effective dates (5F24,
// 5F25) and the service code (5F30).
var secretTags = map[string]bool{"5A": true, "57": true, "56": true, "5F20": true, "9F0B": true, "9F1F": true, "9F20": true, "9F6B": true, "5F24": true, "5F25": true, "5F30": true}

// SecretTag reports whether a chip-data tag, in upper-case hex ("5F24"),
// carries card data: its value is never shown (5A only masked by Mask).
func SecretTag(tag string) bool { return secretTags[tag] }
