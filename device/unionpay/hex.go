package unionpay

import (
	"encoding/hex"
	"regexp"
	"strings"
	"unicode/utf8"
)

// logPrefix matches what log lines carry before the bytes: bracketed tags,
// dates, times of day. Only the start of a line is stripped, so a colon
// separated dump ("60:00:03") is never taken for a time.
var logPrefix = regexp.MustCompile(`^(\s*(\[[^\]]*\]|<[^>]*>|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}T?|([01]?\d|2[0-3]):[0-5]\d:[0-5]\d([.,]\d+)?(Z|[+-]\d\d:?\d\d)?)(\s+|$))+`)

// asciiColumn matches the printable column at a line's end: `hexdump -C`
// puts it between pipes, `od -t x1z` between > and <, both after two
// spaces. It may itself hold a pipe.
var asciiColumn = regexp.MustCompile(`\s\s(\|.*\||>.*<)\s*$`)

// xxdLine matches a line of `xxd`: an offset with a colon, groups of four
// hex digits (the last may have two), two spaces and the printable column,
// which may look like hex ("12345678" for the bytes 31 32 …), so it is cut
// by position.
var xxdLine = regexp.MustCompile(`^(\s*[0-9a-fA-F]+:(?: [0-9a-fA-F]{4})+(?: [0-9a-fA-F]{2})?)\s{2,}\S.*$`)

// ErrNotHex is wrapped by HexError when a two-character group among the
// bytes is not hex (a typing slip such as "3g").
var ErrNotHex = errHex("unionpay: not a hex byte")

type errHex string

func (e errHex) Error() string { return string(e) }

type token struct {
	text   string
	col    int  // rune offset in the line
	offset bool // ended with ':' — an offset label such as "0010:"
}

// ParseHex returns the bytes of a hex dump as people paste it: with or
// without spaces, newlines, "0x" and "\x" prefixes, colons or commas
// between bytes, offsets at the start of lines ("0010:", "00000010  "),
// log prefixes ([INFO], dates, times) and the ASCII column of hexdump -C or
// xxd. It returns ErrEmpty when no byte is found and a *HexError naming the
// line and character of a group with an odd number of digits or a slip.
func ParseHex(s string) ([]byte, error) {
	var out []byte
	lineStart := 0
	offsets := false // earlier lines began with offsets
	for n, line := range strings.Split(s, "\n") {
		b, hadOffset, err := parseLine(line, offsets)
		offsets = offsets || hadOffset
		if err != nil {
			err.Line = n + 1
			err.Column = err.Offset + 1
			err.Offset += lineStart
			return nil, err
		}
		out = append(out, b...)
		lineStart += utf8.RuneCountInString(line) + 1
	}
	if len(out) == 0 {
		return nil, ErrEmpty
	}
	return out, nil
}

// parseLine returns the bytes of one line and whether it began with an
// offset. After lines with offsets, a lone long group is the dump's final
// offset (hexdump -C ends so), not data.
func parseLine(line string, offsets bool) ([]byte, bool, *HexError) {
	line = strings.TrimRight(line, "\r")
	line = asciiColumn.ReplaceAllString(line, "")
	if m := xxdLine.FindStringSubmatch(line); m != nil {
		line = m[1]
	}
	skip := 0
	if loc := logPrefix.FindStringIndex(line); loc != nil {
		skip = utf8.RuneCountInString(line[:loc[1]])
		line = line[loc[1]:]
	}
	toks := tokenize(line, skip)
	// Labels before the bytes ("RX", "recv:", "len=81") are skipped; after
	// the bytes start, a word that is not hex ends the line (xxd's ASCII
	// column, a trailing comment).
	var hexToks []token
	for _, t := range toks {
		if isHex(t.text) {
			hexToks = append(hexToks, t)
			continue
		}
		if len(hexToks) == 0 {
			continue
		}
		if isSlip(t.text) {
			return nil, false, &HexError{Offset: t.col, Err: ErrNotHex}
		}
		break
	}
	hadOffset := false
	switch {
	case len(hexToks) > 1 && isOffset(hexToks):
		hexToks, hadOffset = hexToks[1:], true
	case len(hexToks) == 1 && offsets && len(hexToks[0].text) >= 4:
		return nil, true, nil
	}
	var out []byte
	for _, t := range hexToks {
		if len(t.text)%2 == 1 {
			return nil, false, &HexError{Offset: t.col, Err: ErrOddDigits}
		}
		b, err := hex.DecodeString(t.text)
		if err != nil {
			return nil, false, &HexError{Offset: t.col, Err: ErrNotHex}
		}
		out = append(out, b...)
	}
	return out, hadOffset, nil
}

// isSlip reports whether a word among the bytes looks like a mistyped byte:
// two letters or digits, one of them hex ("0g", "3z").
func isSlip(s string) bool {
	if len(s) != 2 {
		return false
	}
	alnum := func(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	return alnum(s[0]) && alnum(s[1]) && (isHex(s[:1]) || isHex(s[1:]))
}

// isOffset reports whether the first token of a line is an offset: it
// ended with ':', or it is longer than a byte and odd-sized, or it ends in
// 0 and only byte-sized groups follow.
func isOffset(toks []token) bool {
	first := toks[0]
	if first.offset {
		return true
	}
	if len(first.text) <= 2 {
		return false
	}
	if len(first.text)%2 == 1 {
		return true
	}
	// Offsets count whole lines of 8 or 16 bytes: they end in 0.
	if first.text[len(first.text)-1] != '0' {
		return false
	}
	for _, t := range toks[1:] {
		if len(t.text) != 2 {
			return false
		}
	}
	return true
}

// tokenize splits a line on spaces, tabs, commas, semicolons, pipes and
// colons, dropping "0x" and "\x" prefixes. col counts runes from the
// original line start (skip runes were cut before).
func tokenize(line string, skip int) []token {
	var toks []token
	var cur strings.Builder
	start := 0
	col := skip
	flush := func(endsColon bool) {
		if cur.Len() > 0 {
			toks = append(toks, token{text: cur.String(), col: start, offset: endsColon})
			cur.Reset()
		}
	}
	rs := []rune(line)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == ' ' || r == '\t' || r == ',' || r == ';' || r == '|':
			flush(false)
		case r == ':':
			// "0010:" followed by a space is an offset label; "60:00" is
			// a separator between bytes.
			end := i+1 >= len(rs) || rs[i+1] == ' ' || rs[i+1] == '\t'
			flush(end && len(toks) == 0)
		case (r == '0' || r == '\\') && i+1 < len(rs) && (rs[i+1] == 'x' || rs[i+1] == 'X') && cur.Len() == 0:
			i++ // drop the prefix; the digits follow
			col++
		case r == '\\' && i+1 < len(rs) && (rs[i+1] == 'x' || rs[i+1] == 'X'):
			flush(false)
			i++
			col++
		default:
			if cur.Len() == 0 {
				start = col
			}
			cur.WriteRune(r)
		}
		col++
	}
	flush(false)
	return toks
}

func isHex(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
