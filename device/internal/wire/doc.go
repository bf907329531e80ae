// Package wire is the byte level of the terminal protocols that package
// device speaks and package device/sim answers: the generic STX frame
// (STX, BCD length, DATA, ETX, LRC; ACK/NAK), its TLV payload, and the
// ECR Hub frame (55 AA … CC 33) with its JSON envelope. It is internal to
// device/...: the app (ui, main) talks to terminals through device.Link and
// never needs these bytes.
//
// Everything here is a pure function or a plain value; nothing does I/O
// beyond the io.Reader it is handed. See package device's documentation
// for the protocols themselves.
package wire
