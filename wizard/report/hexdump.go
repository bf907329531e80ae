package report

import (
	"strings"

	"posdoctor/wizard/pan"
)

// token is one byte of a hex dump or byte list: text[start:start+2] holds
// its two hex digits, or "**" once masked (known is then false).
type token struct {
	start int
	v     byte
	known bool
	// decimal: part of an unbroken string of hex digits or of a longer
	// word, which the plain reading must see too (it may be a number).
	decimal bool
}

// minTokens is how many bytes in a row make a hex dump.
const minTokens = 4

// hexBlocks finds the hex dumps and byte lists of the text: runs of at least
// minTokens two-digit hex words ("62 22 02 12", "0x62, 0x22", "\x62\x22")
// or one word of at least 16 hex digits. A run that ends a line continues
// with the run that starts the next line, so a dump is read across its
// line breaks and offset columns.
func (m *masker) hexBlocks() [][]token {
	s := m.text
	var blocks [][]token
	var open []token // the last run of the previous line
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		runs, leads, offset := m.lineRuns(start, end, open != nil)
		start = end + 1
		// The run that may continue the dump from the line before: the
		// first, if it starts the line, else the first long one (after a
		// log prefix such as "2026-11-25 14:03:27.016 [RECV]").
		first := -1
		for k, r := range runs {
			if k == 0 && leads || len(r) >= minTokens {
				first = k
				break
			}
		}
		if first < 0 {
			if open != nil {
				blocks = append(blocks, open)
				open = nil
			}
			continue // short runs only: no dump
		}
		own := runs[first]
		if open != nil {
			runs[first] = append(open, runs[first]...)
		}
		spaced := 0
		for _, t := range own {
			if !t.decimal {
				spaced++
			}
		}
		if leads && first == 0 && spaced >= minTokens {
			for i := offset[0]; i < offset[1]; i++ {
				m.dump[i] = true // an offset column: no number of the text
			}
		}
		blocks = append(blocks, runs[first:len(runs)-1]...)
		open = runs[len(runs)-1]
	}
	if open != nil {
		blocks = append(blocks, open)
	}
	out := blocks[:0]
	for _, b := range blocks {
		if len(b) >= minTokens {
			out = append(out, b)
		}
	}
	return out
}

// lineRuns tokenises s[start:end], one line, into runs of hex bytes.
// leads reports whether the first run starts the line (after white space
// and an offset column such as "0010:"), so it may continue a dump from
// the line before (open: the line before ended with one).
func (m *masker) lineRuns(start, end int, open bool) (runs [][]token, leads bool, offset [2]int) {
	s := m.text
	var cur []token
	lead := true // nothing but white space and an offset so far
	flush := func() {
		if len(cur) > 0 {
			runs = append(runs, cur)
		}
		cur = nil
	}
	for i := start; i < end; {
		c := s[i]
		if c == ' ' || c == '\t' || c == ',' || c == '\r' {
			i++
			continue
		}
		if c == '|' && (len(cur) >= minTokens || len(runs) > 0) {
			break // hexdump -C's ASCII column
		}
		j := i
		for j < end && isWordByte(s[j]) {
			j++
		}
		if j == i {
			if !(lead && c == ':') {
				lead = false
			}
			flush()
			i++
			continue
		}
		if lead && j-i >= 4 && j-i <= 8 && hexOrStar(s[i:j]) && (j == end || s[j] == ':' || s[j] == ' ' || s[j] == '\t') && !m.keep[i] {
			offset = [2]int{i, j}
			i = j // an offset column
			continue
		}
		wasLead := lead
		lead = false
		body := i
		if j-i >= 4 && (s[i] == '0' || s[i] == '\\') && (s[i+1] == 'x' || s[i+1] == 'X') {
			body += 2
		}
		n := j - body
		switch {
		case n == 2 && hexOrStar(s[body:j]):
			cur = append(cur, newToken(s, body))
			leads = leads || wasLead
		case n >= 16 && n%2 == 0 && hexOrStar(s[body:j]):
			dec := true // a string of hex digits may be a plain number as well
			for k := body; k < j; k += 2 {
				t := newToken(s, k)
				t.decimal = dec
				cur = append(cur, t)
			}
		default:
			// "\x62\x22": several prefixed bytes in one word.
			if toks, rest := escapedBytes(s[i:j], i); len(toks) > 0 {
				cur = append(cur, toks...)
				if rest {
					flush()
				}
				break
			}
			// A dump glued to a word after it ("… 21 36X", "… 43
			// 8Ferror"), or a line that goes on with one ("0010:
			// 3F2026-12-02 …"): its first two hex digits end the dump.
			if (len(cur) > 0 || wasLead && open && !m.keep[body]) && n > 2 && hexOrStar(s[body:body+2]) {
				t := newToken(s, body)
				t.decimal = true // part of a word: the plain reading sees it too
				cur = append(cur, t)
				leads = leads || wasLead
			}
			flush()
			// Hex glued to other letters ("PAN3632…X"): each stretch
			// of 16 or more hex digits, read at both alignments when odd.
			for a := i; a < j; {
				b := a
				for b < j && (isHex(s[b]) || s[b] == '*') {
					b++
				}
				if b-a >= 16 {
					for _, from := range []int{a, a + (b-a)%2} {
						var run []token
						dec := true
						for k := from; k+2 <= b; k += 2 {
							t := newToken(s, k)
							t.decimal = dec
							run = append(run, t)
						}
						runs = append(runs, run)
						if (b-a)%2 == 0 {
							break
						}
					}
				}
				a = max(b, a+1)
			}
			// A dump glued to a word before it: "PAN62 22 02 …".
			if j-i > 2 && hexOrStar(s[j-2:j]) && !isHex(s[j-3]) && s[j-3] != '*' {
				t := newToken(s, j-2)
				t.decimal = true
				cur = append(cur, t)
			}
		}
		i = j
	}
	flush()
	return runs, leads, offset
}

// escapedBytes reads the "\xHH" bytes a word starts with (at least two);
// rest reports whether more of the word follows them.
func escapedBytes(w string, at int) (out []token, rest bool) {
	k := 0
	for ; k+4 <= len(w); k += 4 {
		if w[k] != '\\' || (w[k+1] != 'x' && w[k+1] != 'X') || !hexOrStar(w[k+2:k+4]) {
			break
		}
		out = append(out, newToken(w, k+2))
		out[len(out)-1].start += at
	}
	if len(out) < 2 {
		return nil, false
	}
	return out, k < len(w)
}

func newToken(s string, at int) token {
	if s[at] == '*' || s[at+1] == '*' {
		return token{start: at}
	}
	return token{start: at, v: hexVal(s[at])<<4 | hexVal(s[at+1]), known: true}
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '*' || c == '\\' || c == '_'
}

func hexOrStar(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isHex(w[i]) && w[i] != '*' {
			return false
		}
	}
	return true
}

func hexVal(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// hexDumps scrubs every hex dump: ISO 8583 messages lose their secret
// fields, then card numbers in BCD (nibbles) or ASCII bytes are masked.
func (m *masker) hexDumps(add func(Kind, int)) {
	if len(m.text) < 2*minTokens {
		return
	}
	for _, blk := range m.hexBlocks() {
		prot := make([]bool, len(blk))
		m.iso(blk, prot, add)
		m.nibbles(blk, prot)
		m.asciiDigits(blk, prot)
		// A dump with hex letters is read only as bytes; one of decimal
		// pairs only may be a number too, and is read both ways.
		hexy := false
		for _, t := range blk {
			hexy = hexy || !t.decimal && t.known && (t.v>>4 > 9 || t.v&0x0f > 9)
		}
		for _, t := range blk {
			if hexy && !t.decimal {
				m.dump[t.start], m.dump[t.start+1] = true, true
			}
			m.tok[t.start] = true
		}
	}
	m.asciiColumns()
}

// asciiColumns masks, in a hexdump -C style line ("… 36 32 |62…|"), the
// characters of the ASCII column whose bytes were masked.
func (m *masker) asciiColumns() {
	s := m.text
	for start := 0; start < len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		line := s[start:end]
		a, b := strings.IndexByte(line, '|'), strings.LastIndexByte(line, '|')
		if a >= 0 && b > a+1 {
			var toks []int
			for i := start; i < start+a; i++ {
				if m.tok[i] {
					toks = append(toks, i)
				}
			}
			col := line[a+1 : b]
			if len(toks) == len(col) {
				for k := range col {
					m.dump[start+a+1+k] = true // read through its bytes
				}
				for k, t := range toks {
					if m.masked[t] || m.masked[t+1] || m.cutAt[t] {
						m.masked[start+a+1+k] = true
					}
				}
			}
		}
		start = end + 1
	}
}

// nibbles reads the block as BCD: each hex digit 0–9 is a digit, A–F end a
// run.
func (m *masker) nibbles(blk []token, prot []bool) {
	var run []unit
	for i, t := range blk {
		for k := 0; k < 2; k++ {
			u := unit{start: t.start + k, end: t.start + k + 1, d: '*', protected: prot[i]}
			if t.known {
				nib := t.v >> 4
				if k == 1 {
					nib = t.v & 0x0f
				}
				if nib > 9 {
					m.scan(run)
					run = run[:0]
					continue
				}
				u.d = '0' + nib
			}
			run = append(run, u)
		}
	}
	m.scan(run)
}

// asciiDigits reads the block as ASCII: bytes 0x30–0x39 are digits, any
// other byte ends a run.
func (m *masker) asciiDigits(blk []token, prot []bool) {
	var run []unit
	for i, t := range blk {
		u := unit{start: t.start, end: t.start + 2, d: '*', protected: prot[i]}
		if t.known {
			if t.v < '0' || t.v > '9' {
				m.scan(run)
				run = run[:0]
				continue
			}
			u.d = t.v
		}
		run = append(run, u)
	}
	m.scan(run)
}

// China UnionPay POS field formats (ISO 8583, primary bitmap), for finding
// field boundaries in a dump. kind: 'n' fixed BCD digits, 'a' fixed ASCII
// bytes, 'b' fixed binary bytes; 'N' LL BCD digits, 'M' LLL BCD digits, 'A'
// LL ASCII, 'B' LLL ASCII, 'C' LLL binary (lengths are BCD).
var cupFields = [65]struct {
	kind byte
	max  int
}{
	2: {'N', 19}, 3: {'n', 6}, 4: {'n', 12}, 5: {'n', 12}, 6: {'n', 12}, 7: {'n', 10}, 8: {'n', 8}, 9: {'n', 8}, 10: {'n', 8},
	11: {'n', 6}, 12: {'n', 6}, 13: {'n', 4}, 14: {'n', 4}, 15: {'n', 4}, 16: {'n', 4}, 17: {'n', 4}, 18: {'n', 4},
	19: {'n', 3}, 20: {'n', 3}, 21: {'n', 3}, 22: {'n', 3}, 23: {'n', 3}, 24: {'n', 3}, 25: {'n', 2}, 26: {'n', 2}, 27: {'n', 1},
	28: {'n', 8}, 29: {'n', 8}, 30: {'n', 8}, 31: {'n', 8}, 32: {'N', 11}, 33: {'N', 11}, 34: {'A', 28}, 35: {'N', 37},
	36: {'M', 104}, 37: {'a', 12}, 38: {'a', 6}, 39: {'a', 2}, 40: {'a', 3}, 41: {'a', 8}, 42: {'a', 15}, 43: {'a', 40},
	44: {'A', 25}, 45: {'A', 76}, 46: {'B', 999}, 47: {'B', 999}, 48: {'M', 322}, 49: {'a', 3}, 50: {'a', 3}, 51: {'a', 3},
	52: {'b', 8}, 53: {'n', 16}, 54: {'B', 20}, 55: {'C', 255}, 56: {'B', 999}, 57: {'B', 999}, 58: {'B', 999}, 59: {'B', 999},
	60: {'M', 17}, 61: {'M', 29}, 62: {'C', 512}, 63: {'B', 163}, 64: {'b', 8},
}

// isoSecret are the fields a dump loses, by the kind of data they hold.
var isoSecret = map[int]Kind{35: KindTrack, 36: KindTrack, 45: KindTrack, 52: KindPIN, 55: KindICC, 62: KindKeys, 64: KindMAC}

// isoPlain are the fields that never hold a card number: their digits stay
// readable in a dump (amounts, trace, dates, terminal and merchant ID …).
var isoPlain = map[int]bool{3: true, 4: true, 5: true, 6: true, 7: true, 8: true, 9: true, 10: true, 11: true, 12: true, 13: true,
	14: true, 15: true, 16: true, 17: true, 18: true, 19: true, 22: true, 23: true, 24: true, 25: true, 26: true, 27: true,
	32: true, 33: true, 37: true, 38: true, 39: true, 41: true, 42: true, 49: true, 53: true, 60: true, 61: true}

// iso finds China UnionPay ISO 8583 messages in a block (an MTI, a primary
// bitmap and fields that fit it exactly as far as the block goes) and
// removes their secret fields, masks field 2 and protects the plain fields.
// This is an independent recognition, not device/unionpay's decoder: the
// report may not import device (DESIGN.md).
func (m *masker) iso(blk []token, prot []bool, add func(Kind, int)) {
	for p := 0; p+10 <= len(blk); p++ {
		if !isMTI(blk[p], blk[p+1]) {
			continue
		}
		fields, end, ok := walk(blk, p)
		if !ok {
			continue
		}
		for i := max(0, p-13); i < p+10; i++ {
			prot[i] = true // length, TPDU, header, MTI, bitmap
		}
		for _, f := range fields {
			for i := f.pre; i < f.from; i++ {
				prot[i] = true // a length prefix
			}
			if f.id == 2 || f.id == 34 || f.id == 55 || isoSecret[f.id] != "" {
				defer func(ts []token) {
					for i := range ts {
						ts[i].known = false // handled: no digits to read
					}
				}(blk[f.from:f.to])
			}
			switch {
			case f.id == 2:
				head, tail := pan.Keep(f.digits)
				for k := head; k < f.digits-tail; k++ {
					t := blk[f.from+k/2]
					m.mask(t.start+k%2, t.start+k%2+1)
				}
				if f.digits > 0 {
					add(KindPAN, 1)
				}
			case f.id == 34:
				m.maskTokens(blk[f.from:f.to])
				add(KindPAN, 1)
			case f.id == 55:
				m.chipData(blk[f.from:f.to])
				add(KindICC, 1)
			case isoSecret[f.id] != "":
				m.maskTokens(blk[f.from:f.to])
				add(isoSecret[f.id], 1)
			case isoPlain[f.id]:
				for i := f.pre; i < f.to; i++ {
					prot[i] = true
				}
			}
		}
		p = end - 1
	}
}

func (m *masker) maskTokens(ts []token) {
	for _, t := range ts {
		m.mask(t.start, t.start+2)
	}
}

// chipData removes the values of the card-data tags of field 55 (see
// pan.SecretTag); data that is not BER-TLV is removed whole.
func (m *masker) chipData(ts []token) {
	for i := 0; i < len(ts); {
		n := 1
		if !ts[i].known {
			m.maskTokens(ts[i:])
			return
		}
		if ts[i].v&0x1F == 0x1F {
			for i+n < len(ts) && n < 4 && ts[i+n].known {
				n++
				if ts[i+n-1].v&0x80 == 0 {
					break
				}
			}
		}
		if i+n >= len(ts) || !ts[i+n].known || ts[i+n].v > 0x81 {
			m.maskTokens(ts[i:])
			return
		}
		tag := ""
		for _, t := range ts[i : i+n] {
			tag += string("0123456789ABCDEF"[t.v>>4]) + string("0123456789ABCDEF"[t.v&0x0f])
		}
		l, at := int(ts[i+n].v), i+n+1
		if l == 0x81 {
			if at >= len(ts) || !ts[at].known {
				m.maskTokens(ts[i:])
				return
			}
			l, at = int(ts[at].v), at+1
		}
		if at+l > len(ts) {
			m.maskTokens(ts[i:])
			return
		}
		if pan.SecretTag(tag) {
			m.maskTokens(ts[at : at+l])
		}
		i = at + l
	}
}

// isMTI reports whether two bytes are a BCD message type of the CUP POS
// dialect: 0100–0830, version 0, with a class of 1–8.
func isMTI(a, b token) bool {
	return a.known && b.known && a.v>>4 == 0 && a.v&0x0f >= 1 && a.v&0x0f <= 8 && b.v&0x0f == 0 && b.v>>4 <= 4
}

// isoField locates one field in a block: tokens [from, to), its length
// prefix starting at pre, and for field 2 its number of digits.
type isoField struct {
	id            int
	pre, from, to int
	digits        int
}

// walk follows the bitmap from the MTI at p. It fails on a secondary
// bitmap, a length that is not BCD or too long, unknown (masked) bytes in
// a length or bitmap, or fields that run past the block.
func walk(blk []token, p int) ([]isoField, int, bool) {
	bm := blk[p+2 : p+10]
	for _, t := range bm {
		if !t.known {
			return nil, 0, false
		}
	}
	if bm[0].v&0x80 != 0 {
		return nil, 0, false
	}
	at := p + 10
	var out []isoField
	bcd := func(i, n int) (int, bool) { // n bytes of BCD at i
		v := 0
		for k := 0; k < n; k++ {
			if i+k >= len(blk) || !blk[i+k].known || blk[i+k].v>>4 > 9 || blk[i+k].v&0x0f > 9 {
				return 0, false
			}
			v = v*100 + int(blk[i+k].v>>4)*10 + int(blk[i+k].v&0x0f)
		}
		return v, true
	}
	found := false
	for id := 2; id <= 64; id++ {
		if bm[(id-1)/8].v&(0x80>>((id-1)%8)) == 0 {
			continue
		}
		found = true
		f := cupFields[id]
		fld := isoField{id: id, pre: at}
		size := 0
		switch f.kind {
		case 'n':
			size = (f.max + 1) / 2
		case 'a', 'b':
			size = f.max
		default:
			pl := 1
			if f.kind == 'M' || f.kind == 'B' || f.kind == 'C' {
				pl = 2
			}
			l, ok := bcd(at, pl)
			if !ok || l > f.max {
				return nil, 0, false
			}
			at += pl
			size = l
			if f.kind == 'N' || f.kind == 'M' {
				size = (l + 1) / 2
				fld.digits = l
			}
		}
		fld.from, fld.to = at, at+size
		if fld.to > len(blk) {
			return nil, 0, false
		}
		at = fld.to
		out = append(out, fld)
	}
	return out, at, found
}
