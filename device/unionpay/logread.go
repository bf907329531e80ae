package unionpay

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"posdoctor/wizard/respcode"
)

// Direction says which way a message went, as the log's words say it:
// "send" (发送, TX, >>) or "recv" (接收, RX, <<). Stable strings.
type Direction string

// The directions a log line can name.
const (
	DirUnknown Direction = ""
	DirSend    Direction = "send"
	DirRecv    Direction = "recv"
)

// LogEntry is one ISO 8583 message found in a log: a row of the timeline.
// It holds no raw bytes; the card number is masked (first 6, last 4) when
// the message is decoded, before the entry exists.
type LogEntry struct {
	Line int       `json:"line"`           // the log line where the message starts, from 1
	Time string    `json:"time,omitempty"` // the time stamp as the log wrote it
	Dir  Direction `json:"dir,omitempty"`  // as the log said; DirUnknown when it did not

	MTI       string `json:"mti"`
	Kind      Kind   `json:"kind"`
	Original  Kind   `json:"original,omitempty"` // what a reversal undoes
	Response  bool   `json:"response"`
	AmountFen int64  `json:"amount_fen,omitempty"`
	HasAmount bool   `json:"has_amount,omitempty"`
	Card      string `json:"card,omitempty"` // masked
	Trace     string `json:"trace,omitempty"`
	TID       string `json:"tid,omitempty"`
	MID       string `json:"mid,omitempty"`
	RRN       string `json:"rrn,omitempty"`
	// Code is field 39 ("" when absent), Role what it means in this
	// message, Known whether the table has it.
	Code        string `json:"code,omitempty"`
	Role        Role   `json:"role,omitempty"`
	Known       bool   `json:"known,omitempty"`
	SignInAgain bool   `json:"sign_in_again,omitempty"`

	// Pair is the index in Log.Entries of the matching request or
	// response (same trace number, terminal ID and MTI ± 10), or -1.
	Pair int `json:"pair"`
}

// Failed reports whether the entry is a host's answer that declined or
// failed the transaction (a result code outside class A), or asked the
// terminal to sign in again.
func (e LogEntry) Failed() bool {
	if !e.Response {
		return false
	}
	if e.SignInAgain {
		return true
	}
	if e.Code == "" || e.Role != RoleResult {
		return false
	}
	info, _ := respcode.Lookup(e.Code)
	return !info.Approved()
}

// MeaningKey returns the translation key of the entry's response code, or
// "" without one.
func (e LogEntry) MeaningKey() string {
	if e.Code == "" {
		return ""
	}
	info, _ := respcode.Lookup(e.Code)
	return info.MeaningKey()
}

// Log is what ReadLog found: the messages in log order and counts of what
// it read.
type Log struct {
	// Entries holds the newest LogLimits.MaxEntries messages, oldest first.
	Entries []LogEntry `json:"entries"`
	// Dropped counts older messages not kept in Entries.
	Dropped int `json:"dropped,omitempty"`
	// Lines and Bytes count what was read.
	Lines int   `json:"lines"`
	Bytes int64 `json:"bytes"`
	// Undecoded counts dumps that held bytes but no message POS Doctor
	// could decode.
	Undecoded int `json:"undecoded,omitempty"`
}

// NewestFailed returns the newest entry that is a failed response (see
// LogEntry.Failed), and false when there is none.
func (l *Log) NewestFailed() (LogEntry, bool) {
	for i := len(l.Entries) - 1; i >= 0; i-- {
		if l.Entries[i].Failed() {
			return l.Entries[i], true
		}
	}
	return LogEntry{}, false
}

// LogLimits bounds what ReadLog reads and keeps, so a huge or endless
// input ends with an answer.
type LogLimits struct {
	MaxBytes   int64 // stop after this many bytes (ErrLogTooLarge)
	MaxEntries int   // keep the newest this many messages
	MaxLine    int   // longer lines are cut to this many bytes
}

// DefaultLogLimits reads up to 256 MiB and keeps the newest 20 000
// messages.
var DefaultLogLimits = LogLimits{MaxBytes: 256 << 20, MaxEntries: 20000, MaxLine: 64 << 10}

// ErrLogTooLarge is returned (wrapped in a *LogLimitError) by ReadLog
// when the input goes on past LogLimits.MaxBytes.
var ErrLogTooLarge = errors.New("unionpay: log larger than the limit")

// LogLimitError says ReadLog stopped at the byte limit; the Log returned
// with it holds what was read up to there.
type LogLimitError struct{ Limit int64 }

func (e *LogLimitError) Error() string {
	return fmt.Sprintf("unionpay: log larger than %d bytes: read only the first %d", e.Limit, e.Limit)
}

// Unwrap returns ErrLogTooLarge.
func (e *LogLimitError) Unwrap() error { return ErrLogTooLarge }

// maxDump bounds one dump's bytes: a frame is at most 2 + 65535 bytes.
const maxDump = 2 + 0xFFFF

// ReadLog reads a log line by line and extracts every China UnionPay POS
// message dumped in it, in any common layout: time stamps, [tags],
// direction words and arrows (send/recv, TX/RX, >>, 发送/接收), dumps split
// over lines, offsets, ASCII columns, several messages on one line or in
// one length-prefixed stream. It pairs requests with responses by trace
// number (field 11), terminal ID (41) and MTI. Memory stays bounded by the
// limits whatever the input; a zero field of lim takes the default.
//
// It returns the Log and nil at the end of r; the Log read so far and a
// *LogLimitError (ErrLogTooLarge) when r goes on past MaxBytes; the Log so
// far and the read error otherwise. It never panics on input.
func ReadLog(r io.Reader, lim LogLimits) (*Log, error) {
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = DefaultLogLimits.MaxBytes
	}
	if lim.MaxEntries <= 0 {
		lim.MaxEntries = DefaultLogLimits.MaxEntries
	}
	if lim.MaxLine <= 0 {
		lim.MaxLine = DefaultLogLimits.MaxLine
	}
	x := &extractor{lim: lim, log: &Log{Entries: []LogEntry{}}, pending: map[pairKey]int{}}
	br := bufio.NewReaderSize(io.LimitReader(r, lim.MaxBytes+1), 64<<10)
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		x.log.Bytes += int64(len(chunk))
		if x.log.Bytes > lim.MaxBytes {
			// Take what fits, then say so.
			over := x.log.Bytes - lim.MaxBytes
			chunk = chunk[:int64(len(chunk))-over]
			x.log.Bytes = lim.MaxBytes
			line = appendCapped(line, chunk, lim.MaxLine)
			if len(line) > 0 {
				x.line(line)
			}
			x.finish()
			return x.log, &LogLimitError{Limit: lim.MaxBytes}
		}
		line = appendCapped(line, chunk, lim.MaxLine)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue // the rest of a long line
		}
		if len(line) > 0 {
			x.line(line)
		}
		line = line[:0]
		if err != nil {
			x.finish()
			if err == io.EOF {
				return x.log, nil
			}
			return x.log, fmt.Errorf("read log: %w", err)
		}
	}
}

func appendCapped(dst, src []byte, max int) []byte {
	if room := max - len(dst); room < len(src) {
		if room <= 0 {
			return dst
		}
		src = src[:room]
	}
	return append(dst, src...)
}

// pairKey matches a response to its request.
type pairKey struct {
	tid, trace, mti string
}

// extractor holds the dump being gathered across lines.
type extractor struct {
	lim     LogLimits
	log     *Log
	pending map[pairKey]int // requests waiting for an answer → entry index
	// The current dump: its bytes, where it began, and what the lines
	// said about it.
	dump      []byte
	dumpLine  int
	dumpTime  string
	dumpDir   Direction
	dumpBare  bool // every line of it was nothing but bytes
	sc        scratch
	lastWords struct {
		line int
		time string
		dir  Direction
	}
}

// line takes one line of the log.
func (x *extractor) line(raw []byte) {
	x.log.Lines++
	n := x.log.Lines
	info := scanLine(raw, &x.sc)
	// A line is part of a dump when it holds bytes and nothing else, or
	// enough bytes (8) that words around them are labels.
	isDump := len(info.hex) > 0 && (info.bare || len(info.hex) >= 8)
	if !isDump {
		x.flush()
		if info.time != "" || info.dir != DirUnknown {
			x.lastWords.line, x.lastWords.time, x.lastWords.dir = n, info.time, info.dir
		}
		return
	}
	if len(x.dump) > 0 {
		newDump := info.offsetZero ||
			complete(x.dump) ||
			info.dir != DirUnknown && x.dumpDir != DirUnknown && info.dir != x.dumpDir ||
			!info.bare && len(info.hex) >= 8 && startsFrame(info.hex) && !x.dumpBare ||
			len(x.dump)+len(info.hex) > maxDump
		if newDump {
			x.flush()
		}
	}
	if len(x.dump) == 0 {
		x.dumpLine, x.dumpTime, x.dumpDir, x.dumpBare = n, info.time, info.dir, info.bare
		// Words on the line just before ("2026-… SEND:") name this dump.
		if x.lastWords.line >= n-2 && x.lastWords.line > 0 {
			if x.dumpTime == "" {
				x.dumpTime = x.lastWords.time
			}
			if x.dumpDir == DirUnknown {
				x.dumpDir = x.lastWords.dir
			}
		}
	} else {
		x.dumpBare = x.dumpBare && info.bare
		if x.dumpDir == DirUnknown {
			x.dumpDir = info.dir
		}
	}
	x.dump = append(x.dump, info.hex...)
	if complete(x.dump) {
		x.flush()
	}
}

// startsFrame reports whether b begins like a length-prefixed frame: a
// length and the TPDU's 0x60.
func startsFrame(b []byte) bool {
	return len(b) >= 3 && b[2] == 0x60 && int(binary.BigEndian.Uint16(b)) >= tpduLen+headerLen+10
}

// complete reports whether b holds a whole length-prefixed frame already.
func complete(b []byte) bool {
	return startsFrame(b) && len(b) >= 2+int(binary.BigEndian.Uint16(b))
}

// flush decodes the dump gathered so far: every message in it.
func (x *extractor) flush() {
	b := x.dump
	if len(b) == 0 {
		return
	}
	x.dump = x.dump[:0]
	x.lastWords.line = 0
	found := false
	for len(b) >= 10 {
		// Length-prefixed frames, one after another.
		if startsFrame(b) {
			n := 2 + int(binary.BigEndian.Uint16(b))
			if n <= len(b) {
				if d, err := decode(b[:n], false); err == nil {
					x.add(d)
					found = true
					b = b[n:]
					continue
				}
			}
		}
		d, err := decode(b, false)
		if err == nil {
			x.add(d)
			found = true
			b = b[d.Layers.MessageOffset+d.Layers.MessageLength:]
			if len(b) > 0 && d.Layers.Length {
				continue
			}
			if len(b) < 10 || !startsFrame(b) {
				break
			}
			continue
		}
		break
	}
	if !found {
		x.log.Undecoded++
	}
}

// add appends one decoded message and pairs it.
func (x *extractor) add(d *Decoded) {
	e := LogEntry{
		Line: x.dumpLine, Time: x.dumpTime, Dir: x.dumpDir,
		MTI: d.MTI, Kind: d.Kind, Original: d.Original, Response: d.Response,
		AmountFen: d.AmountFen, HasAmount: d.HasAmount, Card: d.Card,
		Trace: d.Trace, TID: d.TID, MID: d.MID, RRN: d.RRN,
		Code: d.Code, Role: d.Role, Known: d.Known, SignInAgain: d.SignInAgain,
		Pair: -1,
	}
	idx := len(x.log.Entries)
	if len(e.MTI) == 4 && e.Trace != "" {
		if e.Response {
			req := e.MTI[:2] + string(e.MTI[2]-1) + e.MTI[3:]
			k := pairKey{tid: e.TID, trace: e.Trace, mti: req}
			if i, ok := x.pending[k]; ok {
				delete(x.pending, k)
				e.Pair = i
				x.log.Entries[i].Pair = idx
				r := x.log.Entries[i]
				if !e.HasAmount && r.HasAmount {
					e.AmountFen, e.HasAmount = r.AmountFen, true
				}
				if e.Card == "" {
					e.Card = r.Card
				}
			}
		} else {
			x.pending[pairKey{tid: e.TID, trace: e.Trace, mti: e.MTI}] = idx
		}
	}
	x.log.Entries = append(x.log.Entries, e)
	if len(x.log.Entries) >= 2*x.lim.MaxEntries {
		x.trim()
	}
}

// finish decodes the last dump and keeps the newest MaxEntries.
func (x *extractor) finish() {
	x.flush()
	if len(x.log.Entries) > x.lim.MaxEntries {
		x.trim()
	}
}

// trim keeps the newest MaxEntries entries and renumbers the pairs.
func (x *extractor) trim() {
	drop := len(x.log.Entries) - x.lim.MaxEntries
	if drop <= 0 {
		return
	}
	kept := append([]LogEntry(nil), x.log.Entries[drop:]...)
	for i := range kept {
		if kept[i].Pair >= 0 {
			kept[i].Pair -= drop
			if kept[i].Pair < 0 {
				kept[i].Pair = -1
			}
		}
	}
	for k, i := range x.pending {
		if i < drop {
			delete(x.pending, k)
		} else {
			x.pending[k] = i - drop
		}
	}
	x.log.Entries = kept
	x.log.Dropped += drop
}
