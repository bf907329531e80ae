package unionpay

import (
	"bytes"
	"strings"
)

// lineInfo is what one log line holds: its time and direction words, and
// the hex bytes of a dump, if any.
type lineInfo struct {
	time string    // the time stamp as written ("2026-11-25 14:03:27.016"), or ""
	dir  Direction // what the line's words say, or DirUnknown
	hex  []byte    // the bytes of the line's dump (appended to the caller's buffer)
	// offset is set when the line began with a dump offset; offsetZero
	// when that offset was 0 (the first line of a dump).
	offset, offsetZero bool
	// bare: nothing but the bytes (and an offset or ASCII column) after
	// the time and direction words; a line of words with one number in
	// it is not a dump.
	bare bool
}

// scratch holds the buffers scanLine reuses from line to line.
type scratch struct {
	words []byte
	toks  []dumpTok
	hex   []byte
}

// scanLine reads one log line without regular expressions (a 100 MB log
// has millions of lines): time stamps and [tags] at the start, direction
// words and arrows, an offset, the hex bytes, and an ASCII column after
// them. info.hex aliases sc's buffer until the next call.
func scanLine(line []byte, sc *scratch) lineInfo {
	var info lineInfo
	line = bytes.TrimRight(line, "\r\n")
	// Words before the bytes: time stamps, tags, labels.
	words := sc.words[:0]
	defer func() { sc.words = words[:0] }()
	i := 0
	attempts := 0
	for i < len(line) {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			break
		}
		j := i
		if line[i] == '[' || line[i] == '<' || line[i] == '(' {
			closer := byte(']')
			switch line[i] {
			case '<':
				closer = '>'
			case '(':
				closer = ')'
			}
			if k := bytes.IndexByte(line[i+1:], closer); k >= 0 {
				tag := line[i+1 : i+1+k]
				if t := timeIn(tag); t != "" && info.time == "" {
					info.time = t
				} else {
					words = append(append(words, tag...), ' ')
				}
				i += k + 2
				continue
			}
		}
		for j < len(line) && line[j] != ' ' && line[j] != '\t' {
			j++
		}
		tok := line[i:j]
		if info.time == "" || isTimeToken(tok) {
			if t := timeToken(tok); t != "" {
				// A date followed by a time makes one stamp.
				if info.time != "" {
					info.time += " " + t
				} else {
					info.time = t
				}
				i = j
				continue
			}
		}
		if attempts < 8 && startsDump(tok) {
			if k := bytes.LastIndexAny(tok, ":="); k > 0 {
				words = append(append(words, tok[:k]...), ' ')
			}
			attempts++
			hx, off, zero, bare := dumpBytes(line[i:], sc)
			// Bytes and nothing else, or enough of them that the words
			// around are labels; else the number was part of the text
			// (a process ID in logcat, "trace 000123").
			if len(hx) > 0 && (bare || len(hx) >= 8) {
				info.hex, info.offset, info.offsetZero, info.bare = hx, off, zero, bare
				break
			}
		}
		words = append(append(words, tok...), ' ')
		i = j
	}
	info.dir = direction(words)
	return info
}

// startsDump reports whether a word may begin the bytes of a dump: hex
// digits (two or more, "0x" allowed), possibly glued to a label by a colon
// or '=' ("RX:005B60", "data=00 5B").
func startsDump(tok []byte) bool {
	if k := bytes.LastIndexAny(tok, ":="); k >= 0 && k < len(tok)-1 {
		tok = tok[k+1:]
	}
	tok = bytes.TrimSuffix(tok, []byte(":"))
	tok = bytes.TrimPrefix(bytes.TrimPrefix(tok, []byte("0x")), []byte("0X"))
	tok = bytes.TrimPrefix(bytes.TrimPrefix(tok, []byte(`\x`)), []byte(`\X`))
	if len(tok) < 2 {
		return false
	}
	for _, c := range tok {
		if hexVal(c) < 0 && c != ',' && c != ':' && c != '\\' && c != 'x' && c != 'X' {
			return false
		}
	}
	return true
}

// dumpBytes reads the bytes of the dump part of a line: an optional offset
// ("0010:", "00000010"), groups of hex digits separated by spaces, commas,
// colons or "0x"/"\x", up to the ASCII column or the first word that is
// not hex. bare is false when words follow the bytes.
func dumpBytes(s []byte, sc *scratch) (out []byte, offset, offsetZero, bare bool) {
	out = sc.hex[:0]
	defer func() { sc.hex = out[:0] }()
	// A label glued on with a colon or '=' ("RX:005B"), in the first word.
	first := s
	if k := bytes.IndexAny(s, " \t"); k >= 0 {
		first = s[:k]
	}
	if k := bytes.LastIndexAny(first, ":="); k > 0 && k < len(first)-1 {
		if !isHexBytes(first[:k]) {
			s = s[k+1:]
		}
	}
	toks := splitDump(s, sc.toks[:0])
	sc.toks = toks[:0]
	if len(toks) == 0 {
		return out, false, false, false
	}
	// Offsets: "0010:" (colon), or a first group of 4+ digits followed by
	// byte groups, ending in 0 (lines of 8 or 16 bytes).
	first = toks[0].text
	switch {
	case toks[0].colon && len(first) >= 2:
		offset = true
	case len(first) >= 4 && len(toks) > 1 && len(toks[1].text) == 2 && first[len(first)-1] == '0' && isHexBytes(first):
		offset = true
	case len(first) > 2 && len(first)%2 == 1 && isHexBytes(first):
		offset = true
	}
	if offset {
		offsetZero = bytes.Count(first, []byte("0")) == len(first)
		toks = toks[1:]
	}
	// xxd prints groups of four digits and its ASCII column after two
	// spaces; any dump's column follows two or more spaces and a group of
	// another width.
	bare = true
	width := 0
	for n, t := range toks {
		if !isHexBytes(t.text) || len(t.text)%2 == 1 {
			bare = n > 0 && t.gap >= 2 // an ASCII column, not words
			break
		}
		if n > 0 && t.gap >= 2 && width > 0 && len(t.text) != width {
			break // the ASCII column happens to look like hex
		}
		if width == 0 {
			width = len(t.text)
		}
		for k := 0; k+1 < len(t.text); k += 2 {
			out = append(out, byte(hexVal(t.text[k])<<4|hexVal(t.text[k+1])))
		}
	}
	return out, offset, offsetZero, bare
}

// dumpTok is one group of a dump: its text, whether a colon ended it, and
// how many spaces came before it.
type dumpTok struct {
	text  []byte
	colon bool
	gap   int
}

// splitDump splits on spaces, tabs, commas, semicolons and colons, and
// drops "0x" and "\x" prefixes. A pipe or '>' after two spaces starts an
// ASCII column and ends the dump.
func splitDump(s []byte, toks []dumpTok) []dumpTok {
	gap := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			gap++
			i++
			continue
		case c == ',' || c == ';':
			gap = 1
			i++
			continue
		case (c == '|' || c == '>') && (gap >= 2 || len(toks) > 0 && c == '|'):
			return toks
		case c == '|':
			i++
			continue
		}
		if (c == '0' || c == '\\') && i+1 < len(s) && (s[i+1] == 'x' || s[i+1] == 'X') {
			i += 2
			continue
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != ',' && s[j] != ';' && s[j] != ':' && s[j] != '|' &&
			!(s[j] == '\\' && j+1 < len(s) && (s[j+1] == 'x' || s[j+1] == 'X')) {
			j++
		}
		t := dumpTok{text: s[i:j], gap: gap}
		if j < len(s) && s[j] == ':' {
			t.colon = j+1 >= len(s) || s[j+1] == ' ' || s[j+1] == '\t'
			j++
		}
		if len(t.text) > 0 {
			toks = append(toks, t)
		}
		gap = 0
		i = j
	}
	return toks
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func isHexBytes(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	for _, c := range s {
		if hexVal(c) < 0 {
			return false
		}
	}
	return true
}

// timeIn returns the time stamp inside a [tag], or "".
func timeIn(tag []byte) string {
	var parts []string
	for _, f := range bytes.Fields(tag) {
		if t := timeToken(f); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}

// isTimeToken reports whether tok is a time of day (so it joins a date
// already seen).
func isTimeToken(tok []byte) bool { return bytes.Count(tok, []byte(":")) >= 2 && timeToken(tok) != "" }

// timeToken returns tok without trailing punctuation when it is a date
// (2026-11-25, 2026/11/25, 2026.11.25, 20261125 is not taken), a time of
// day (14:03:27, 14:03:27.016, 14:03:27,016) or both joined by 'T' or
// '_', else "".
func timeToken(tok []byte) string {
	tok = bytes.TrimRight(tok, ",;]")
	if len(tok) < 5 || len(tok) > 40 || tok[0] < '0' || tok[0] > '9' {
		return ""
	}
	digits, colons := 0, 0
	for _, c := range tok {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ':':
			colons++
		case c == '-' || c == '/' || c == '.' || c == 'T' || c == '_' || c == ',' || c == '+' || c == 'Z':
		default:
			return ""
		}
	}
	dash := bytes.IndexAny(tok, "-/")
	// 2026-11-25, 2026/11/25, or a logcat month-day 11-25.
	date := dash > 0 && (digits >= 6 || len(tok) == 5 && dash == 2 && digits == 4)
	clock := colons >= 2 && digits >= 6
	if !date && !clock {
		return ""
	}
	if clock && !date {
		// A colon-separated hex dump ("60:00:03:00") is not a time: hours
		// are two digits up to 23 and there are at most three parts.
		if colons > 3 || tok[0] > '2' || len(tok) < 8 || tok[2] != ':' {
			return ""
		}
	}
	return string(tok)
}

// direction reads the direction from the words before the bytes: send,
// tx, request, >>, ->, 发送 … or recv, rx, response, <<, <-, 接收 ….
// It allocates nothing: it runs on every line of a long log.
func direction(words []byte) Direction {
	if len(words) == 0 {
		return DirUnknown
	}
	for _, w := range recvMarks {
		if bytes.Contains(words, w) {
			return DirRecv
		}
	}
	for _, w := range sendMarks {
		if bytes.Contains(words, w) {
			return DirSend
		}
	}
	var low [16]byte
	for i := 0; i < len(words); {
		if !isWordByte(words[i]) {
			i++
			continue
		}
		j := i
		for j < len(words) && isWordByte(words[j]) {
			j++
		}
		if j-i <= len(low) {
			for k := i; k < j; k++ {
				c := words[k]
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				low[k-i] = c
			}
			if d, ok := dirWords[string(low[:j-i])]; ok {
				return d
			}
		}
		i = j
	}
	return DirUnknown
}

func isWordByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// dirWords are the English words that name a direction, lower case.
var dirWords = map[string]Direction{
	"send": DirSend, "sent": DirSend, "snd": DirSend, "tx": DirSend, "req": DirSend, "request": DirSend,
	"write": DirSend, "sending": DirSend, "outgoing": DirSend, "tohost": DirSend,
	"recv": DirRecv, "rcv": DirRecv, "rcvd": DirRecv, "receive": DirRecv, "received": DirRecv, "receiving": DirRecv,
	"rx": DirRecv, "resp": DirRecv, "rsp": DirRecv, "response": DirRecv, "read": DirRecv, "reply": DirRecv,
	"incoming": DirRecv, "fromhost": DirRecv,
}

// Chinese words and arrows that name a direction. Receiving is tested
// first: "<-" must not be read as "-".
var (
	recvMarks = marks("接收", "收到", "返回", "应答", "响应", "回包", "<<", "<-", "<=")
	sendMarks = marks("发送", "上送", "请求", "送出", "发包", ">>", "->", "=>")
)

func marks(ss ...string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}
