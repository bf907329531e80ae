// Package unionpay speaks the China UnionPay (CUP) POS dialect of ISO 8583
// as Lakala's and other acquirers' terminals send it over TCP, and decodes
// what a user pastes from a log.
//
// # Codec
//
// Spec declares fields 2–64 with github.com/moov-io/iso8583: MTI BCD, one
// binary bitmap, fixed numeric fields right-aligned BCD, variable numeric
// fields (2, 32, 35, 36, 48, 60, 61) and field 22 left-aligned BCD with one
// pad nibble (0, or F on decode), text fields ASCII, 52/55/62/64 binary.
// Its own BCD encoder carries '=' (nibble D) in track data. Numeric fields
// are strings, so leading zeros survive. NewMessage, Pack and Unpack work on
// moov messages; Unpack reports a field that does not decode as a
// *FieldError with its byte offset (ErrTruncated when the bytes ran out).
//
// # Building messages
//
// NewSignIn (0800/003), NewSignOff (0820/002), NewEcho (0820/301) and
// NewSale (0200/000000/60.1 = 22) build terminal requests from a Terminal
// (TID, MID, batch) and a trace number. NewResponse builds the host's reply:
// MTI + 10, the request's echoed fields, field 39 and the Reply's extras
// (time, reference number, authorisation code, field 62 keys). KindOf and
// CodeOf read a message back; Classify names a transaction from MTI, field
// 3 and field 60.
//
// # TCP framing
//
//	LEN 2B big-endian | TPDU 5B | [NAC header "LRI"…] | HEADER 6B BCD | message
//
// WriteFrame/AppendFrame and ReadFrame/ParseFrame are pure functions over
// io.Writer/io.Reader and byte slices; WriteMessage and ReadMessage add
// packing. A host replies with TPDU.Reply() and may set Header.Request to
// RequestSignIn ("sign in again"). A terminal-side exchange:
//
//	m, err := unionpay.NewEcho(term, trace)
//	err = unionpay.WriteMessage(conn, unionpay.DefaultTPDU, unionpay.DefaultHeader, m)
//	f, reply, err := unionpay.ReadMessage(conn)
//	code := unionpay.CodeOf(reply) // "00"; f.Header.SignInAgain()
//
// # Decoding pasted captures
//
// ParseHex accepts hex with spaces, newlines, 0x and \x, colons, offsets
// (hexdump -C, xxd) and log prefixes (dates, times, [tags]); a slip gives a
// *HexError with line and column. Decode tries each layout (with or without
// length, TPDU, NAC header, header), keeps the one that decodes completely
// and reports it in Decoded.Layers. Decoded names the transaction (Kind,
// Original for a reversal), the response code with its Role (a result in a
// reply, a reason in a 0400 request), its table row (wizard/respcode:
// Category, Class), the amount, trace, TID, MID, and every field with subfields
// (22, 60, 61, 63, 55 by TLV tag) and names for known values. Everything a
// user reads is a translation key of the "decode" area
// (assets/i18n/*/decode.json): decode.tx.<kind>, decode.field.<n>,
// decode.rc.<code>.meaning / .next, decode.category.<c>, decode.class.<x>.
//
// The header is found by what stays fixed on real terminals — the TPDU's
// 0x60, a BCD application type, a plausible MTI and a bitmap that decodes
// to the last byte — not by zeros: terminals put vendor values in the
// status, request and reserved positions ("60 31 00 31 FF F1").
//
// # Reading logs
//
// ReadLog streams a whole log (cash-register integrations, terminal
// tools, logcat, hexdump/xxd output, TCP stream dumps) line by line with
// its own scanner (no regular expressions: a 100 MB log reads in about
// 3.4 s of CPU with 25 MB resident, BenchmarkReadLog100MB), gathers dumps
// split over lines, splits length-prefixed streams, decodes every message
// to a LogEntry (time and direction as the log wrote them, type, amount,
// masked card, trace, TID, response code) and pairs requests with answers
// by trace number, terminal ID and MTI. LogLimits bound the bytes read
// (*LogLimitError wrapping ErrLogTooLarge past MaxBytes), the entries kept
// (the newest MaxEntries) and the line length. Log.NewestFailed is the
// answer to diagnose with. The constructed layouts and their golden
// timelines are under testdata/logs (go test -run ReadLogGolden -update).
//
// # Describing what was decoded
//
// Describe turns a Decoded into Rows (summary, layers, fields and
// subfields, withheld fields, the code's meaning and next step), Timeline
// turns a Log into LogRows and LogNotes says what else to know about it.
// Every piece is a Phrase: a translation key with arguments, a literal, or
// phrases joined; no words are in Go. Callers render them with their
// translator (Phrase.Text, Row.Line, Lines): the command line prints the
// lines, the GUI shows them on screen, so both say the same.
//
// The response-code table is wizard/respcode, a standard-library-only leaf
// shared with the wizard (generated there from its CSV).
//
// # Invariants
//
//   - Privacy: a card number is masked to its first 6 and last 4 digits at
//     the moment it is decoded (field 2, 34, chip tag 5A; from track 2 when
//     field 2 is absent); track 1/2/3, the PIN block, keys (62), the MAC and
//     secret chip tags are never returned. Decoded.Redacted lists the fields
//     masked or withheld. Decoded never holds the raw bytes. The message
//     builders put what they are given on the wire and keep no copy.
//   - Nothing here panics on outside input; fuzz targets cover ParseHex,
//     ReadFrame, Decode (decode → encode → decode is stable) and ReadLog
//     (the same timeline whether read whole or a byte at a time).
//   - The package imports no other package of POS Doctor and starts no
//     goroutines. Spec is shared and read-only; every function is safe for
//     concurrent use.
package unionpay
