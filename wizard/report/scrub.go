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
	KindPIN   Kind = "pin"   // a PIN or PIN block: removed
	KindMAC   Kind = "mac"   // a message authentication code (field 64): removed
	KindKeys  Kind = "keys"  // keys (field 62, BDK, IPEK, TMK …): removed
	KindICC   Kind = "icc"   // chip data (field 55): removed
	KindRaw   Kind = "raw"   // a raw message capture: removed
)

// Removed is the text put where a labelled value was removed. Masked card
// numbers keep their first 6 and last 4 digits instead, and bytes removed
// from a hex dump become "**" so the dump keeps its layout.
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

// Scrub makes text safe to share. It thinks in digits, not in layout:
//
//   - Track 1 (%B…^NAME^…) and track 2 (card number, = or D, expiry…) data
//     are removed.
//   - The value after a PIN, key, MAC, chip-data or track label, in English
//     or Chinese ("PIN block:", "F52 PIN Data:", "pin=", "PIN密文：",
//     "BDK=", "IPEK=", "主密钥:", "工作密钥", TMK, TPK, TAK, KEK, "field 62"
//     …), is removed.
//   - Hex dumps and byte lists ("62 22 02 …", "0x62, 0x22", one hex string),
//     joined across line breaks, are read as bytes: a China UnionPay ISO 8583
//     message found in them loses fields 35, 36, 45, 52, 62, 64 and the card
//     tags of 55, and field 2 is masked; card numbers in BCD or in ASCII
//     (0x36 0x32 …) are masked.
//   - Every other run of digits (ASCII or full-width) is joined across
//     separators (any spaces, - . _ / | : , and "0x"), and across one line
//     break unless the next line starts with a date; any 13–19 digit window
//     of it that passes the Luhn check, or a whole run of 13–19 digits on a
//     known card range, is masked to its first 6 and last 4 digits in place.
//
// Dates and times (2026-12-02, 12:24:18.123, 20261202122418) and values
// labelled as merchant or terminal IDs (商户号, 终端号, MID, TID, fields
// 41/42) stay readable: a window made only of them is not a card. Already
// masked text is left alone, so Scrub(Scrub(s)) == Scrub(s). Scrub never
// fails.
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
	// Labelled values are found first but removed last: the digits are
	// read with them in place, so a card that a label's value cuts in two
	// (the value ends at a line break) is still whole when it is looked for.
	m := newMasker(s)
	m.findLabelled(add)
	m.hexDumps(add)
	m.plainDigits()
	add(KindPAN, m.cards)
	out.Text = m.result()
	return out
}

// labelled finds labelled secrets: a label (case-insensitive), an optional
// separator and quote, and a hex value (single spaces allowed inside) with
// at least one decimal digit and at least min hex digits; without a : or =
// the value needs 8 hex digits.
var labelled = []struct {
	kind    Kind
	min     int
	needles []string
	re      *regexp.Regexp
}{
	{KindPIN, 4, append(fieldNeedles("52"), "pin", "密码", "密文"),
		labelRE(`pin[ _-]?(?:block|blk|data|value)?|(?:field|fld|f|de|bit)[ _#.-]?52(?:[ _-]*pin(?:[ _-]*(?:block|data))?)?`, `pin ?密文|密码(?:密文|块)?|个人识别码`)},
	{KindMAC, 8, append(fieldNeedles("64", "128"), "mac", "mac值"), labelRE(`mac|(?:field|fld|f|de|bit)[ _#.-]?(?:64|128)`, `MAC值`)},
	{KindKeys, 8, append(fieldNeedles("62"), "key", "tmk", "tpk", "tak", "tdk", "pik", "mak", "kek", "bdk", "ipek", "zmk", "zpk", "密钥"),
		labelRE(`(?:working[ _-]?|master[ _-]?|session[ _-]?|pin[ _-]?|mac[ _-]?)?keys?|tmk|tpk|tak|tdk|pik|mak|kek|bdk|ipek|zmk|zpk|(?:field|fld|f|de|bit)[ _#.-]?62`, `(?:终端)?主密钥|工作密钥|传输密钥|密钥(?:明文|密文)?`)},
	{KindICC, 16, append(fieldNeedles("55"), "icc", "emv", "ic卡"), labelRE(`icc(?:[ _-]?data)?|emv(?:[ _-]?data)?|(?:field|fld|f|de|bit)[ _#.-]?55`, `IC卡数据`)},
	{KindTrack, 8, append(fieldNeedles("35", "36"), "track", "磁道"), labelRE(`track[ _-]?[123](?:[ _-]?data)?|(?:field|fld|f|de|bit)[ _#.-]?3[56]`, `[一二三123]?磁道(?:[123一二三])?(?:数据)?`)},
}

// fieldNeedles are the lower-case ways a log names fields: "field 52",
// "fld52", "f52", "de 52", "bit#52" …
func fieldNeedles(ids ...string) []string {
	var out []string
	for _, id := range ids {
		for _, p := range []string{"field", "fld", "f", "de", "bit"} {
			for _, sep := range []string{"", " ", "_", "#", ".", "-"} {
				out = append(out, p+sep+id)
			}
		}
	}
	return out
}

// labelRE matches an ASCII label as a word or a Chinese label, an optional
// separator and quote, and a hex value. Group 1 is everything before the
// value, group 2 the separator, group 3 the value.
func labelRE(ascii, chinese string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)((?:\b(?:` + ascii + `)\b|` + chinese + `)["']?\s*([:=：]?)\s*["']?)([0-9a-f](?: ?[0-9a-f])*)\b`)
}

// findLabelled marks the values after labels (see labelled) for removal,
// line by line, trying each pattern only on lines that hold one of its
// needles.
func (m *masker) findLabelled(add func(Kind, int)) {
	s := m.text
	for start := 0; start < len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		line := s[start:end]
		lower := strings.ToLower(line)
		for _, l := range labelled {
			if !containsAny(lower, l.needles) {
				continue
			}
			n := 0
			for _, loc := range l.re.FindAllStringSubmatchIndex(line, -1) {
				v := line[loc[6]:loc[7]]
				hex := len(v) - strings.Count(v, " ")
				if hex < l.min || (loc[4] == loc[5] && hex < 8) || !strings.ContainsAny(v, "0123456789") {
					continue
				}
				if m.remove(start+loc[6], start+loc[7]) {
					n++
				}
			}
			add(l.kind, n)
		}
		start = end + 1
	}
}

// track1 is %B<card number>^NAME^YYMM… (lengths are checked in code:
// counted repetitions make the matcher slow).
var track1 = regexp.MustCompile(`%?[Bb]\d+\^[^^\n]*\^\d+[^\s?]*\??`)

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

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isTrack1 checks a track1 match: 12–19 digits, a name of at most 40
// characters, at least 4 digits of expiry and service code.
func isTrack1(m string) bool {
	parts := strings.SplitN(strings.TrimPrefix(m, "%"), "^", 3)
	if len(parts) != 3 {
		return false
	}
	n := len(parts[0]) - 1 // the leading B
	return n >= 12 && n <= 19 && len([]rune(parts[1])) <= 40 && len(digits(firstDigits(parts[2]))) >= 4
}

func firstDigits(s string) string {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return s[:i]
		}
	}
	return s
}

func containsAny(s string, needles []string) bool {
	for _, n := range needles {
		if strings.Contains(s, n) {
			return true
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

// ScrubID scrubs a value known to be a merchant or terminal ID (fields
// 41/42): it stays readable when it is one (see idLike), else Scrub decides.
func ScrubID(v string) Scrubbed {
	if idLike(v) {
		return Scrubbed{Text: v}
	}
	return Scrub(v)
}

// idLike reports whether a labelled value may be a merchant ID (15
// characters) or terminal ID (8) rather than a card: at most 15 characters,
// letters and digits only, and not a 15-digit Luhn-valid number on the
// American Express range (the only 15-digit cards).
func idLike(v string) bool {
	if v == "" || len(v) > 15 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(isDigit(c) || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return !(len(v) == 15 && (strings.HasPrefix(v, "34") || strings.HasPrefix(v, "37")) && pan.Luhn(v))
}

// itoa formats a small non-negative number.
func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
