package report

// An independent oracle for the scrubber (issue 17). Nothing here calls the
// scrubber's helpers or the project's masking package: the generator builds
// card numbers and their encodings itself, and the checks normalise and
// decode the output with their own code.

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// oracleLuhn is the Luhn check, written again for the oracle.
func oracleLuhn(d string) bool {
	if d == "" {
		return false
	}
	sum := 0
	for i := 0; i < len(d); i++ {
		v := int(d[len(d)-1-i] - '0')
		if i%2 == 1 {
			v = v * 2
			if v > 9 {
				v = v - 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

// oracleNormalise reads full-width digits as ASCII and drops what may stand
// between a card's digits: white space (not line breaks), - . _ / | : , ;
// the byte-list prefixes 0x and \x, and a hex dump's offset column.
func oracleNormalise(s string) string {
	var b strings.Builder
	lines := strings.Split(s, "\n")
	for li, line := range lines {
		if li > 0 {
			b.WriteByte('\n')
		}
		// An offset column as the generator writes it: "0010: " (perhaps
		// masked by the scrubber: its digits are no card's).
		if len(line) >= 6 && line[4] == ':' && line[5] == ' ' && oracleIsHex(strings.ReplaceAll(line[:4], "*", "0")) {
			line = line[6:]
		}
		line = oraclePrefix.ReplaceAllString(line, "$1")
		for _, r := range line {
			switch {
			case r >= '０' && r <= '９':
				b.WriteRune('0' + r - '０')
			case strings.ContainsRune(" \t\r-._/|:,;\u3000", r):
			default:
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// oraclePrefix is a byte-list prefix at the start of a word: 0x62, \x62.
var oraclePrefix = regexp.MustCompile(`(^|[^0-9A-Za-z])0[xX]|\\[xX]`)

func oracleIsHex(s string) bool {
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

// oracleDigitRuns returns the maximal runs of ASCII digits of s.
func oracleDigitRuns(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	return out
}

// oracleViews are the digit strings a reader can recover from text: its
// digits with separators removed (unless asciiOnly: a card written as
// ASCII hex shows its digits only when read as ASCII, "33" is a 3 not
// 33), and hex read as ASCII ("36 32" → "62"), each joined across line
// breaks as well as line by line.
func oracleViews(s string, asciiOnly bool) []string {
	n := oracleNormalise(s)
	joined := strings.ReplaceAll(n, "\n", "")
	var views []string
	if !asciiOnly {
		views = append(oracleDigitRuns(n), oracleDigitRuns(joined)...)
	}
	for _, t := range []string{n, joined} {
		for parity := 0; parity < 2; parity++ {
			var cur strings.Builder
			for i := parity; i+1 < len(t); i += 2 {
				if t[i] == '3' && t[i+1] >= '0' && t[i+1] <= '9' {
					cur.WriteByte(t[i+1])
					continue
				}
				views = append(views, cur.String())
				cur.Reset()
			}
			views = append(views, cur.String())
		}
	}
	return views
}

// leak returns a run of 7 or more consecutive digits of card that can be
// recovered from out, or "". Runs that the text around the card (filler)
// holds by chance do not count.
func leak(out, card string, asciiOnly bool, filler ...string) string {
	views := oracleViews(out, asciiOnly)
	var around []string
	for _, f := range filler {
		around = append(around, oracleViews(f, false)...)
	}
outer:
	for i := 0; i+7 <= len(card); i++ {
		w := card[i : i+7]
		for _, v := range around {
			if strings.Contains(v, w) {
				continue outer
			}
		}
		for _, v := range views {
			if strings.Contains(v, w) {
				return w
			}
		}
	}
	return ""
}

// genCard makes a Luhn-valid card number of 13–19 digits on a real range.
func genCard(r *rand.Rand) string {
	bins := []string{"62", "622202", "621483", "4", "51", "52", "53", "54", "55", "2221", "2720", "35", "37", "34", "60", "81", "65", "30", "36"}
	n := 13 + r.IntN(7)
	d := []byte(bins[r.IntN(len(bins))])
	for len(d) < n-1 {
		d = append(d, byte('0'+r.IntN(10)))
	}
	for c := byte('0'); c <= '9'; c++ {
		if oracleLuhn(string(append(d, c))) {
			return string(append(d, c))
		}
	}
	panic("no check digit")
}

// genSeparators are what may stand between a card's digit groups.
var genSeparators = []string{" ", "  ", "   ", "-", ".", "_", "/", "|", ":", ", ", " - ", "\t", "　"}

// genEncode writes card in one of the ways it reaches a log: grouped with
// random separators and group sizes, a line break inside, full-width
// digits, a BCD hex dump across lines (with or without offsets), ASCII hex,
// a byte list.
func genEncode(r *rand.Rand, card string) (text string, ascii bool) {
	return genEncodeAs(r, card, r.IntN(7))
}

func genEncodeAs(r *rand.Rand, card string, how int) (text string, ascii bool) {
	switch how {
	case 0, 1: // grouped digits, perhaps full-width, perhaps a line break
		var b strings.Builder
		fullWidth := r.IntN(4) == 0
		broken := false
		for i := 0; i < len(card); {
			g := 1 + r.IntN(8)
			if i+g > len(card) {
				g = len(card) - i
			}
			for _, c := range card[i : i+g] {
				if fullWidth || r.IntN(20) == 0 {
					b.WriteRune('０' + c - '0')
				} else {
					b.WriteRune(c)
				}
			}
			i += g
			if i < len(card) {
				if !broken && r.IntN(6) == 0 {
					b.WriteString("\n")
					broken = true
				} else if r.IntN(3) > 0 {
					b.WriteString(genSeparators[r.IntN(len(genSeparators))])
				}
			}
		}
		return b.String(), false
	case 2, 3: // BCD in a hex dump: a length byte, the digits, F padding
		bcd := card
		if len(bcd)%2 == 1 {
			bcd += "F"
		}
		var toks []string
		for k := 0; k < r.IntN(20); k++ {
			toks = append(toks, fmt.Sprintf("%02X", r.IntN(256)))
		}
		toks = append(toks, fmt.Sprintf("%02d", len(card)))
		for i := 0; i < len(bcd); i += 2 {
			toks = append(toks, bcd[i:i+2])
		}
		for k := 0; k < r.IntN(20); k++ {
			toks = append(toks, fmt.Sprintf("%02X", r.IntN(256)))
		}
		return genDump(r, toks), false
	case 4: // ASCII digits in hex
		var toks []string
		for _, c := range card {
			toks = append(toks, fmt.Sprintf("%02X", c))
		}
		if r.IntN(2) == 0 {
			return strings.Join(toks, ""), true
		}
		return genDump(r, toks), true
	case 5: // a byte list of BCD
		var toks []string
		for i := 0; i+1 < len(card); i += 2 {
			toks = append(toks, "0x"+card[i:i+2])
		}
		if len(card)%2 == 1 {
			toks = append(toks, "0x"+card[len(card)-1:]+"F")
		}
		return strings.Join(toks, []string{" ", ", ", ","}[r.IntN(3)]), false
	default: // C-style escapes of the ASCII digits
		var b strings.Builder
		for _, c := range card {
			fmt.Fprintf(&b, `\x%02x`, c)
		}
		return b.String(), true
	}
}

// genDump lays hex byte tokens out as a dump: a random width, optional
// offsets, spaces or none.
func genDump(r *rand.Rand, toks []string) string {
	width := 4 + r.IntN(16)
	offsets := r.IntN(2) == 0
	lower := r.IntN(3) == 0
	var b strings.Builder
	for i := 0; i < len(toks); i += width {
		if i > 0 {
			b.WriteString("\n")
		}
		if offsets {
			fmt.Fprintf(&b, "%04X: ", i)
		}
		end := min(i+width, len(toks))
		line := strings.Join(toks[i:end], " ")
		if lower {
			line = strings.ToLower(line)
		}
		b.WriteString(line)
	}
	return b.String()
}

// genFiller is log text around the card: timestamps, labels, IDs, words,
// Chinese.
var genFiller = []string{
	"2026-12-02 12:24:18.123 INFO sale ", "09:28:01 ", "pan=", "card ", "卡号：", "PAN", "[", "]", "\n", " ok\n",
	"MID 898310048161234 ", "商户号: 898310048161234 ", "TID=12345678 ", "STAN 000123 ", "amount 000000012800 ",
	"rx: ", "tx ", "终端号：12345678\n", "signal 80 %, rtt 35 ms\n", "error 55 ", "20261202122418 ", "交易失败 ",
}

func genLog(r *rand.Rand, card string) (log, filler string, ascii bool) {
	var pre, post strings.Builder
	for k := r.IntN(4); k > 0; k-- {
		pre.WriteString(genFiller[r.IntN(len(genFiller))])
	}
	for k := r.IntN(4); k > 0; k-- {
		post.WriteString(genFiller[r.IntN(len(genFiller))])
	}
	glue := []string{"", " ", "\n", ": ", "="}[r.IntN(5)]
	after := []string{"", " ", "\n", ";", "X"}[r.IntN(5)]
	enc, ascii := genEncode(r, card)
	log = pre.String() + glue + enc + after + post.String()
	filler = pre.String() + glue + after + post.String()
	return log, filler, ascii
}

// checkNoLeak is the oracle: no 7 consecutive digits of card can be
// recovered from Scrub(log), and no Luhn-valid card number appears that
// was not already in the filler.
func checkNoLeak(t *testing.T, log, filler, card string, ascii bool) {
	t.Helper()
	out := Scrub(log).Text
	if w := leak(out, card, ascii, filler); w != "" {
		t.Fatalf("card %s: %q survives in\n%s\nscrubbed from\n%s", card, w, out, log)
	}
	if ascii {
		return // its plain digits ("33 35 …") are no card's
	}
	before := map[string]bool{}
	for _, c := range cardNumbers(filler) {
		before[c] = true
	}
	for _, c := range cardNumbers(out) {
		if !before[c] && strings.Contains(card, c[:7]) {
			t.Fatalf("card %s: Luhn scan finds %s in\n%s", card, c, out)
		}
	}
}

// TestScrubOracle is the property test: 20 000 generated logs, each
// hiding a card number in one of the ways a log can.
func TestScrubOracle(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	r := rand.New(rand.NewPCG(17, 2026))
	for i := 0; i < n; i++ {
		card := genCard(r)
		log, filler, ascii := genLog(r, card)
		checkNoLeak(t, log, filler, card, ascii)
	}
}

// FuzzScrubOracle lets the fuzzer choose the generator's seed (and so the
// card, its encoding and its surroundings).
func FuzzScrubOracle(f *testing.F) {
	for _, s := range []uint64{1, 2, 3, 17, 2026} {
		f.Add(s, s*7)
	}
	f.Fuzz(func(t *testing.T, a, b uint64) {
		r := rand.New(rand.NewPCG(a, b))
		card := genCard(r)
		log, filler, ascii := genLog(r, card)
		checkNoLeak(t, log, filler, card, ascii)
	})
}

// TestOracleCatchesLeaks keeps the oracle honest: unscrubbed text leaks.
func TestOracleCatchesLeaks(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 500; i++ {
		card := genCard(r)
		log, _, ascii := genLog(r, card)
		if leak(log, card, ascii) == "" {
			t.Fatalf("the oracle finds no card %s in\n%s", card, log)
		}
	}
}

// TestScrubKeepsNonCards measures the other side: 10 000 random timestamps
// (yyyymmddhhmmss, one in ten passes Luhn; with dashes and colons; with
// milliseconds), labelled merchant and terminal IDs, trace and reference
// numbers, and log lines made of them, without any card: none is changed.
func TestScrubKeepsNonCards(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	luhnStamps := 0
	for i := 0; i < 10000; i++ {
		y, mo, d := 2000+r.IntN(40), 1+r.IntN(12), 1+r.IntN(28)
		h, mi, s := r.IntN(24), r.IntN(60), r.IntN(60)
		compact := fmt.Sprintf("%04d%02d%02d%02d%02d%02d", y, mo, d, h, mi, s)
		if oracleLuhn(compact) {
			luhnStamps++
		}
		mid := fmt.Sprintf("898%012d", r.Int64N(1e12))
		for _, in := range []string{
			"at " + compact + " ok",
			fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d.%03d INFO sale", y, mo, d, h, mi, s, r.IntN(1000)),
			fmt.Sprintf("%04d/%02d/%02d %02d:%02d:%02d", y, mo, d, h, mi, s),
			"session " + compact[:8] + "-" + compact[8:] + "-K7Q2",
			"商户号：" + mid + " 终端号：" + fmt.Sprintf("%08d", r.IntN(1e8)),
			"MID=" + mid + " TID=" + fmt.Sprintf("%08d", r.IntN(1e8)),
			fmt.Sprintf("STAN %06d RRN %012d", r.IntN(1e6), r.Int64N(1e12)),
			fmt.Sprintf("amount %012d trace %06d\n%04d-%02d-%02d %02d:%02d:%02d ok", r.Int64N(1e8), r.IntN(1e6), y, mo, d, h, mi, s),
			fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d rtt %d ms\n%04d-%02d-%02d %02d:%02d:%02d signal %d", y, mo, d, h, mi, s, r.IntN(999), y, mo, d, h, mi, s, r.IntN(100)),
		} {
			if got := Scrub(in); got.Text != in {
				t.Fatalf("Scrub(%q) = %q; want it unchanged", in, got.Text)
			}
		}
	}
	if luhnStamps < 500 {
		t.Errorf("only %d of 10000 timestamps pass Luhn: the test proves little", luhnStamps)
	}
}
