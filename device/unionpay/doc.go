// Package unionpay speaks the China UnionPay (CUP) POS dialect of ISO 8583
// as Lakala and other acquirers' terminals send it over TCP, and decodes
// what a user pastes from a log.
//
// # Codec
//
// Spec declares fields 2–64 (MTI BCD, one binary bitmap, numeric fields
// BCD, variable numeric fields and field 22 left-aligned BCD with one pad
// nibble, text fields ASCII, 52/55/62/64 binary). NewMessage, Pack and
// Unpack work on moov-io/iso8583 messages; Unpack reports a field that does
// not decode as a *FieldError with its byte offset.
//
// # Building messages
//
// NewSignIn (0800/003), NewSignOff (0820/002), NewEcho (0820/301) and
// NewSale (0200) build terminal requests from a Terminal (TID, MID, batch)
// and a trace number; NewResponse builds the host's reply (MTI + 10,
// echoed fields, field 39 and the Reply's extras such as field 62 keys).
// KindOf and CodeOf read a message back.
//
// # TCP framing
//
//	LEN 2B big-endian | TPDU 5B | [NAC header "LRI"…] | HEADER 6B BCD | message
//
// WriteFrame/AppendFrame and ReadFrame/ParseFrame are pure functions over
// io.Writer/io.Reader and byte slices; WriteMessage and ReadMessage add
// packing. A host replies with TPDU.Reply() and may set Header.Request to
// RequestSignIn ("sign in again").
//
// A terminal-side exchange:
//
//	m, _ := unionpay.NewEcho(term, trace)
//	err := unionpay.WriteMessage(conn, unionpay.DefaultTPDU, unionpay.DefaultHeader, m)
//	f, reply, err := unionpay.ReadMessage(conn)
//	code := unionpay.CodeOf(reply) // "00"
//
// # Decoding pasted captures
//
// ParseHex accepts hex with spaces, newlines, 0x, colons and common log
// prefixes (offsets, timestamps). Decode finds which layers are present
// (length, TPDU, NAC header, header), names the transaction (Classify),
// looks up the response code (Lookup) and returns a Decoded value whose
// texts are translation keys for the "decode" area.
//
// # Invariants
//
//   - Privacy: a card number is masked to its first 6 and last 4 digits at
//     the moment it is decoded; track 2/3, the PIN block, keys (62) and the
//     MAC are never returned — Decoded.Redacted lists what was withheld.
//     The message builders put what they are given on the wire and keep no
//     copy.
//   - Nothing here panics on outside input; fuzz targets cover ParseHex,
//     ReadFrame and Decode.
//   - The package imports no other package of POS Doctor and starts no
//     goroutines. Spec is shared and read-only; everything else is safe for
//     concurrent use because it holds no state.
package unionpay
