package report

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"posdoctor/wizard/pan"
)

// unit is one digit of the text as the scrubber reads it: an ASCII or
// full-width digit, one nibble of a hex-dump byte, or one byte of a hex dump
// that is an ASCII digit (0x30–0x39). It covers text[start:end].
type unit struct {
	start, end int
	d          byte // '0'–'9', or '*' for an already masked position
	protected  bool // part of a date, time or labelled merchant/terminal ID
	broken     bool // a line break stands before it, inside the run
	stamp      bool // it starts a full date or a time with seconds
}

// masker collects the byte ranges of a text to replace with '*'.
type masker struct {
	text   string
	masked []bool // per byte: replace the character starting here
	keep   []bool // per byte: part of a date, time or ID (see protect)
	stamp  []bool // per byte: starts a full date or a time with seconds
	cut    []int  // start, end pairs: labelled values to replace by Removed
	cutAt  []bool // per byte: inside a labelled value
	dump   []bool // per byte: a hex digit of a byte in a hex dump (read by hexDumps)
	tok    []bool // per byte: the first hex digit of a byte in a hex dump
	cards  int    // card numbers masked
}

func newMasker(s string) *masker {
	m := &masker{text: s, masked: make([]bool, len(s)), keep: make([]bool, len(s)), stamp: make([]bool, len(s)), cutAt: make([]bool, len(s)), dump: make([]bool, len(s)), tok: make([]bool, len(s))}
	m.protect()
	return m
}

// mask marks text[start:end] for masking.
func (m *masker) mask(start, end int) {
	for i := start; i < end; i++ {
		m.masked[i] = true
	}
}

// remove marks text[start:end], a labelled value, for replacement by
// Removed. It reports false when the range overlaps one marked before.
func (m *masker) remove(start, end int) bool {
	for i := start; i < end; i++ {
		if m.cutAt[i] {
			return false
		}
	}
	for i := start; i < end; i++ {
		m.cutAt[i] = true
	}
	m.cut = append(m.cut, start, end)
	return true
}

// result is the text with every labelled value replaced by Removed and
// every other marked character by '*' (a full-width digit by one '*').
func (m *masker) result() string {
	if len(m.cut) == 0 && !slices.Contains(m.masked, true) {
		return m.text
	}
	var b strings.Builder
	b.Grow(len(m.text))
	for i := 0; i < len(m.text); {
		if m.cutAt[i] {
			b.WriteString(Removed)
			for i < len(m.text) && m.cutAt[i] {
				i++
			}
			continue
		}
		_, size := utf8.DecodeRuneInString(m.text[i:])
		if m.masked[i] {
			b.WriteByte('*')
		} else {
			b.WriteString(m.text[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Dates, times and labelled IDs: digits that are not card numbers.
var (
	dateRE = regexp.MustCompile(`(?:19|20)\d\d(?:-(?:0[1-9]|1[0-2])-|/(?:0[1-9]|1[0-2])/|\.(?:0[1-9]|1[0-2])\.)(?:0[1-9]|[12]\d|3[01])`)
	timeRE = regexp.MustCompile(`(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,9})?)?`)
	// compact yyyymmdd or yyyymmddhhmmss(fff).
	compactRE = regexp.MustCompile(`(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:[-_T ]?(?:[01]\d|2[0-3])[0-5]\d[0-5]\d(?:\d{3})?)?`)
	idRE      = regexp.MustCompile(`(?i)(?:商户(?:编)?号|终端(?:编)?号|商户代码|终端代码|\b(?:mid|tid|merchant[ _-]?(?:id|no|number|code)|terminal[ _-]?(?:id|no|number)|(?:field|fld|f|de|bit)[ _#.-]?4[12])\b)["']?\s*[:=：]?\s*["']?([0-9A-Za-z]+)`)
)

// protect marks dates, times and labelled merchant and terminal IDs. A
// match counts only as a whole token: no digit right before or after it.
// The patterns run only on clusters of digits and date punctuation, and the
// ID pattern only on lines with an ID label, so long logs stay fast.
func (m *masker) protect() {
	s := m.text
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j, last := i, i
		for j < len(s) && (isDigit(s[j]) || strings.IndexByte("-/.:,T _", s[j]) >= 0) {
			if isDigit(s[j]) {
				last = j
			}
			j++
		}
		if last-i >= 3 {
			m.protectDates(i, last+1)
		}
		i = j
	}
	for start := 0; start < len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		if line := strings.ToLower(s[start:end]); containsAny(line, idNeedles) {
			for _, loc := range idRE.FindAllStringSubmatchIndex(s[start:end], -1) {
				a, b := start+loc[2], start+loc[3]
				if v := s[a:b]; idLike(v) && (b == len(s) || !isDigit(s[b])) {
					for i := a; i < b; i++ {
						m.keep[i] = true
					}
				}
			}
		}
		start = end + 1
	}
}

var idNeedles = []string{"商户", "终端", "mid", "tid", "merchant", "terminal", "41", "42"}

// protectDates marks the dates and times in s[from:to].
func (m *masker) protectDates(from, to int) {
	s := m.text
	for _, re := range []*regexp.Regexp{dateRE, timeRE, compactRE} {
		for _, loc := range re.FindAllStringIndex(s[from:to], -1) {
			a, b := from+loc[0], from+loc[1]
			if a > 0 && isDigit(s[a-1]) || b < len(s) && isDigit(s[b]) {
				continue
			}
			// A time run on by more ":dd" is a card in pairs, not a time.
			if b+2 < len(s) && s[b] == ':' && isDigit(s[b+1]) {
				continue
			}
			for i := a; i < b; i++ {
				m.keep[i] = true
			}
			if re != timeRE || b-a >= 8 {
				m.stamp[a] = true
			}
		}
	}
}

// maxGap is the longest run of separators that still joins two digit
// groups.
const maxGap = 16

// plainDigits reads the text's ASCII and full-width digits as runs joined
// across separators and masks the card numbers in them.
func (m *masker) plainDigits() {
	s := m.text
	var run []unit
	prevEnd := -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var d byte
		switch {
		case r >= '0' && r <= '9':
			if isHexPrefix(s, i) {
				i += 2 // a "0x" prefix: a separator
				continue
			}
			d = byte(r)
		case r >= '０' && r <= '９':
			d = byte('0' + (r - '０'))
		case r == '*' || r == '＊':
			d = '*'
		default:
			i += size
			continue
		}
		if m.dump[i] {
			// Read by hexDumps, byte by byte: here it ends a number.
			m.scan(run)
			run, prevEnd = run[:0], -1
			i += size
			continue
		}
		u := unit{start: i, end: i + size, d: d, protected: m.keep[i], stamp: m.stamp[i]}
		if prevEnd >= 0 {
			if join, broken := m.joins(prevEnd, i); !join {
				m.scan(run)
				run = run[:0]
			} else {
				u.broken = broken
			}
		}
		run = append(run, u)
		prevEnd = i + size
		i += size
	}
	m.scan(run)
}

// joins reports whether the text between two digits, s[a:b], joins them
// into one number: nothing, or at most maxGap separators (see
// pan.IsSeparator, also ',' full-width punctuation and "0x"/"\x"), with at
// most one line break; broken reports the line break.
func (m *masker) joins(a, b int) (join, broken bool) {
	gap := m.text[a:b]
	if gap == "" {
		return true, false
	}
	if len(gap) > maxGap {
		return false, false
	}
	breaks := 0
	for _, r := range hexPrefix.Replace(gap) {
		switch {
		case r == '\n':
			breaks++
		case r == '\r', r == ',', r == '，', r == '－', r == '．', r == '／', r == '：', r == '＿':
		case !pan.IsSeparator(r):
			return false, false
		}
	}
	return breaks <= 1, breaks == 1
}

// hexPrefix drops the prefixes of a byte list ("0x62, 0x22", "\x62\x22").
var hexPrefix = strings.NewReplacer("0x", "", "0X", "", "\\x", "", "\\X", "")

// scan masks the card numbers in one run of digits: every window of 13–19
// digits that passes the Luhn check, and the whole run when it has 13–19
// digits and starts on a known card range. A window made only of protected
// digits (dates, IDs) is skipped, as is one holding masked positions; a
// window across a line break must also start on a known card range (so a
// number ending one log line and the timestamp starting the next are not
// taken for a card; see acrossBreak). Overlapping windows may mask more than the middle of
// one card: privacy first.
func (m *masker) scan(run []unit) {
	if len(run) < pan.MinLen {
		return
	}
	d := make([]byte, len(run))
	masked := 0
	for i, u := range run {
		d[i] = u.d
		if u.d == '*' {
			masked++
		}
	}
	hit := make([]bool, len(run))
	mark := func(i, n int) {
		head, tail := pan.Keep(n)
		for k := i + head; k < i+n-tail; k++ {
			hit[k] = true
		}
	}
	allKept := func(i, n int) bool {
		for k := i; k < i+n; k++ {
			if !run[k].protected {
				return false
			}
		}
		return true
	}
	// acrossBreak: a window across a line break must start on a card
	// range; when the next line starts with a timestamp (a new log line,
	// most likely) it must also hold 6 digits before the break and reach
	// past the timestamp's digits after it.
	acrossBreak := func(i, n int) bool {
		for k := i + 1; k < i+n; k++ {
			if run[k].broken {
				return pan.OnRange(string(d[i:i+n])) && (!run[k].stamp || k-i >= pan.Head && !allKept(k, i+n-k))
			}
		}
		return true
	}
	// The whole run, and each line of it, on a card range.
	for a := 0; a < len(run); {
		b := a + 1
		for b < len(run) && !run[b].broken {
			b++
		}
		if n := b - a; n >= pan.MinLen && n <= 19 && d[a] != '0' && !hasMask(d[a:b]) && pan.OnRange(string(d[a:b])) && !allKept(a, n) {
			mark(a, n)
		}
		a = b
	}
	if n := len(run); n <= 19 && masked == 0 && d[0] != '0' && pan.OnRange(string(d)) && !allKept(0, n) {
		mark(0, n)
	}
	if masked < len(run) {
		for i := 0; i+pan.MinLen <= len(run); i++ {
			for n := pan.MinLen; n <= 19 && i+n <= len(run); n++ {
				if d[i+n-1] == '*' {
					break
				}
				if d[i] != '*' && d[i] != '0' && pan.Luhn(string(d[i:i+n])) && !allKept(i, n) && !hasMask(d[i:i+n]) &&
					acrossBreak(i, n) {
					mark(i, n)
				}
			}
		}
	}
	// After a masked stretch, Tail digits stay visible, then up to Head
	// more are masked: a card that was cut short (its end glued to other
	// text) is found by a window that ends early, and its last digits must
	// not show.
	for k := 0; k < len(hit); k++ {
		if !hit[k] || k+1 < len(hit) && hit[k+1] {
			continue
		}
		end := k + 1
		for end < len(run) && !hit[end] && run[end].d != '*' {
			end++
		}
		if end-(k+1) > pan.Head {
			for x := k + 1 + pan.Tail; x < end && x < k+1+pan.Tail+pan.Head; x++ {
				hit[x] = true
			}
		}
		k = end - 1
	}
	in := false
	for k, h := range hit {
		if h {
			if !in && !m.masked[run[k].start] && !m.cutAt[run[k].start] {
				m.cards++ // a card not masked before (by another reading) nor a labelled secret
			}
			m.mask(run[k].start, run[k].end)
		}
		in = h
	}
}

func hasMask(d []byte) bool {
	for _, c := range d {
		if c == '*' {
			return true
		}
	}
	return false
}

// isHexPrefix reports whether s[i:] starts a byte of a byte list: "0x" (not
// glued to a word before it) and two hex digits that end the word.
func isHexPrefix(s string, i int) bool {
	return i+3 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && (i == 0 || !isWordByte(s[i-1])) &&
		(isHex(s[i+2]) || s[i+2] == '*') && (isHex(s[i+3]) || s[i+3] == '*') && (i+4 == len(s) || !isWordByte(s[i+4]))
}
