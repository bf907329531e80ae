package report

import (
	"regexp"
	"strings"

	"posdoctor/wizard/pan"
)

// Kind names one kind of sensitive data the report removes or masks.
type Kind string

// The kinds of sensitive data. Their translation keys are
// "report.redacted.<kind>".
const (
	KindPAN   Kind = "pan"   // a card number: masked to first 6 + last 4
	KindTrack Kind = "track" // magnetic stripe track data: removed
	KindPIN   Kind = "pin"   // a PIN block: removed
	KindMAC   Kind = "mac"   // a message authentication code (field 64): removed
	KindKeys  Kind = "keys"  // keys (field 62): removed
	KindICC   Kind = "icc"   // chip data (field 55): removed
	KindRaw   Kind = "raw"   // a raw message capture: removed
)

// Removed is the text put where a value was removed. Masked card numbers
// keep their first 6 and last 4 digits instead.
const Removed = "[REMOVED]"

// Redaction says what the report removed or masked, and where.
type Redaction struct {
	Kind Kind `json:"kind"`
	// Area is where it was found: "checks", "trail", "transaction",
	// "terminal", "findings", "session" or "log".
	Area  string `json:"area"`
	Count int    `json:"count"`
	// Text describes it in the report's language.
	Text string `json:"text"`
}

// Scrubbed is the result of Scrub: the safe text and how many of each kind
// were removed or masked.
type Scrubbed struct {
	Text   string
	Counts map[Kind]int
}

// labelled finds labelled secrets: a label (case-insensitive, as a word),
// an optional separator and quote, and a hex value (single spaces allowed
// inside) of at least min hex digits.
// needles are lower-case strings one of which a line must contain for the
// pattern to be tried at all.
var labelled = []struct {
	kind    Kind
	min     int
	needles []string
	re      *regexp.Regexp
}{
	{KindPIN, 8, []string{"pin", "52"}, labelRE(`pin[ _-]?block|pinblk|(?:field|fld|f|de|bit)[ _#.-]?52`)},
	{KindMAC, 8, []string{"mac", "64"}, labelRE(`mac|(?:field|fld|f|de|bit)[ _#.-]?64`)},
	{KindKeys, 16, []string{"key", "tmk", "tpk", "tak", "tdk", "pik", "mak", "62"}, labelRE(`(?:working[ _-]?)?keys?|tmk|tpk|tak|tdk|pik|mak|(?:field|fld|f|de|bit)[ _#.-]?62`)},
	{KindICC, 16, []string{"icc", "emv", "55"}, labelRE(`icc(?:[ _-]?data)?|emv(?:[ _-]?data)?|(?:field|fld|f|de|bit)[ _#.-]?55`)},
	{KindTrack, 8, []string{"track", "35", "36"}, labelRE(`track[ _-]?[123](?:[ _-]?data)?|(?:field|fld|f|de|bit)[ _#.-]?3[56]`)},
}

// track1 is %B<card number>^NAME^YYMM… (lengths are checked in code:
// counted repetitions make the matcher slow).
var track1 = regexp.MustCompile(`%?[Bb]\d+\^[^^\n]*\^\d+[^\s?]*\??`)

// labelRE matches a label as a word, an optional separator and quote, and a
// hex value. Group 1 is everything before the value, group 2 the value.
func labelRE(label string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)(\b(?:` + label + `)\b["']?\s*[:=]?\s*["']?)([0-9a-f](?: ?[0-9a-f])*)`)
}

// hexDigits counts the hex digits of a labelled value.
func hexDigits(v string) int { return len(v) - strings.Count(v, " ") }

// removeTrack2 removes track 2 data: 12–19 digits, a separator (= or the
// hex D), at least 4 digits (expiry, service code) and the hex digits that
// follow, with an optional start sentinel ';' and end sentinel '?'.
func removeTrack2(s string) (string, int) {
	var b strings.Builder
	n, last := 0, 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '=' && c != 'D' && c != 'd' {
			continue
		}
		start := i
		for start > last && isDigit(s[start-1]) {
			start--
		}
		end := i + 1
		for end < len(s) && isDigit(s[end]) {
			end++
		}
		if pan := i - start; pan < 12 || pan > 19 || end-i-1 < 4 {
			continue
		}
		for end < len(s) && isHex(s[end]) {
			end++
		}
		if end < len(s) && s[end] == '?' {
			end++
		}
		if start > last && s[start-1] == ';' {
			start--
		}
		b.WriteString(s[last:start])
		b.WriteString(Removed)
		last, i = end, end-1
		n++
	}
	if n == 0 {
		return s, 0
	}
	b.WriteString(s[last:])
	return b.String(), n
}

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// isTrack1 checks a track1 match: 12–19 digits, a name of at most 40
// characters, at least 4 digits of expiry and service code.
func isTrack1(m string) bool {
	parts := strings.SplitN(strings.TrimPrefix(m, "%"), "^", 3)
	if len(parts) != 3 {
		return false
	}
	pan := len(parts[0]) - 1 // the leading B
	return pan >= 12 && pan <= 19 && len([]rune(parts[1])) <= 40 && len(digits(firstDigits(parts[2]))) >= 4
}

func firstDigits(s string) string {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return s[:i]
		}
	}
	return s
}

// Scrub makes text safe to share: labelled PIN blocks, MACs, keys, chip
// data and track fields lose their value; anything that looks like track 1
// or track 2 data is removed; every run of 13 to 19 digits (digits may be
// grouped by single spaces or dashes) that passes the Luhn check is masked
// to its first 6 and last 4 digits, and so is any longer run holding such a
// number. Already masked numbers are left alone. Scrub never fails.
func Scrub(text string) Scrubbed {
	out := Scrubbed{Text: text}
	add := func(k Kind, n int) {
		if n == 0 {
			return
		}
		if out.Counts == nil {
			out.Counts = map[Kind]int{}
		}
		out.Counts[k] += n
	}
	s := text
	if len(s) > 4096 && strings.Contains(s, "\n") {
		// Long text (a log): line by line, so the regular expressions run
		// on short inputs and only where their labels appear.
		lines := strings.SplitAfter(s, "\n")
		for i, l := range lines {
			sc := Scrub(l)
			lines[i] = sc.Text
			for k, n := range sc.Counts {
				add(k, n)
			}
		}
		out.Text = strings.Join(lines, "")
		return out
	}
	if strings.Contains(s, "^") {
		n := 0
		s = track1.ReplaceAllStringFunc(s, func(m string) string {
			if !isTrack1(m) {
				return m
			}
			n++
			return Removed
		})
		add(KindTrack, n)
	}
	s, n := removeTrack2(s)
	add(KindTrack, n)
	lower := strings.ToLower(s)
	for _, l := range labelled {
		if !containsAny(lower, l.needles) {
			continue
		}
		n := 0
		s = l.re.ReplaceAllStringFunc(s, func(m string) string {
			sub := l.re.FindStringSubmatch(m)
			if hexDigits(sub[2]) < l.min {
				return m
			}
			n++
			return sub[1] + Removed
		})
		add(l.kind, n)
	}
	s, n = maskNumbers(s)
	add(KindPAN, n)
	out.Text = s
	return out
}

func containsAny(s string, needles []string) bool {
	for _, n := range needles {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

// maxGroup is the longest digit group that may be part of a grouped card
// number ("6222 0212 3456 7890 128", "4111-111111-11111", a hex dump's
// "62 22 02 …"). Longer runs stand alone, so "20261125-093000" is two
// numbers, not one.
const maxGroup = 6

// maskNumbers masks every card-number-like digit run of s and returns how
// many it masked.
func maskNumbers(s string) (string, int) {
	var b strings.Builder
	n := 0
	i := 0
	for i < len(s) {
		if !isDigit(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := digitEnd(s, i)
		runs := []string{s[i:j]}
		if j-i <= maxGroup {
			// Groups joined by one space or dash.
			for j+1 < len(s) && (s[j] == ' ' || s[j] == '-') && isDigit(s[j+1]) {
				k := digitEnd(s, j+1)
				if k-(j+1) > maxGroup {
					break
				}
				runs = append(runs, s[j+1:k])
				j = k
			}
		}
		seg := s[i:j]
		if sensitive(runs) {
			b.WriteString(MaskPAN(seg))
			n++
		} else {
			b.WriteString(seg)
		}
		i = j
	}
	if n == 0 {
		return s, 0
	}
	return b.String(), n
}

// digitEnd returns the end of the digit run starting at i.
func digitEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// sensitive reports whether a digit run, or a sequence of short groups,
// is or holds a card number: a single run that is card-like (see
// cardLike), or consecutive groups whose digits together number 13–19
// and pass the Luhn check.
func sensitive(runs []string) bool {
	if len(runs) == 1 {
		return cardLike(runs[0])
	}
	for a := range runs {
		d := ""
		for _, r := range runs[a:] {
			if d += r; len(d) > 19 {
				break
			}
			if len(d) >= 13 && luhn(d) {
				return true
			}
		}
	}
	return false
}

// cardLike reports whether a plain digit string is a Luhn-valid 13–19
// digit number or, when longer, contains one.
func cardLike(d string) bool {
	switch {
	case len(d) < 13:
		return false
	case len(d) <= 19:
		return luhn(d)
	}
	for n := 13; n <= 19; n++ {
		for i := 0; i+n <= len(d); i++ {
			if luhn(d[i : i+n]) {
				return true
			}
		}
	}
	return false
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// luhn is the card-number check, the wizard's.
var luhn = pan.Luhn

// MaskPAN masks a card number to its first 6 and last 4 digits
// ("6222021234567890123" → "622202*********0123"); separators are dropped.
// Fewer than 11 digits are masked completely.
func MaskPAN(pan string) string {
	d := digits(pan)
	if len(d) <= 10 {
		return strings.Repeat("*", len(d))
	}
	return d[:6] + strings.Repeat("*", len(d)-10) + d[len(d)-4:]
}

// itoa formats a small non-negative number.
func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
