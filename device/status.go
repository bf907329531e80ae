package device

import (
	"fmt"
	"strconv"
	"time"

	"posdoctor/device/internal/wire"
)

// KeyState says whether the terminal holds working keys.
type KeyState byte

// Key states (tag DF16).
const (
	KeysNone KeyState = 0 // no working keys: sign in first
	KeysOK   KeyState = 1
	KeysBad  KeyState = 2 // the host rejected our MAC (A0): sign in again
)

// CommType is how the terminal reaches the payment host (tag DF1B).
type CommType byte

// Communication types.
const (
	CommUnknown  CommType = 0
	CommWiFi     CommType = 1
	CommMobile   CommType = 2 // 4G / mobile data
	CommEthernet CommType = 3
	CommUSBRelay CommType = 4 // through the till PC's connection
)

// String returns "wifi", "4g", "ethernet", "usb" or "unknown", also the
// last part of its translation key "device.comm.<name>".
func (c CommType) String() string {
	switch c {
	case CommWiFi:
		return "wifi"
	case CommMobile:
		return "4g"
	case CommEthernet:
		return "ethernet"
	case CommUSBRelay:
		return "usb"
	}
	return "unknown"
}

// PaperState is the printer's paper (tag DF1D).
type PaperState byte

// Paper states.
const (
	PaperOK  PaperState = 0
	PaperLow PaperState = 1
	PaperOut PaperState = 2
)

// PartState is one self-test result.
type PartState byte

// Self-test results.
const (
	PartOK      PartState = 0
	PartFault   PartState = 1
	PartMissing PartState = 2 // not fitted or not tested
)

// SelfTest holds the terminal's self-test (tag DF1F, 4 bytes in this order).
type SelfTest struct {
	Keypad, Screen, CardReader, Printer PartState
}

// Status is what a terminal reports about itself. Zero times mean "not
// reported" (LastSignIn: never signed in). Signal and Battery are percent,
// -1 when unknown (Battery: -1 also means mains-powered).
type Status struct {
	Model      string
	Serial     string
	Firmware   string
	AppVersion string
	Clock      time.Time
	LastSignIn time.Time
	Keys       KeyState
	Host       string // acquirer host "IP:port" the terminal uses
	TPDU       []byte // 5 bytes, e.g. 60 00 03 00 00
	TID, MID   string
	Comm       CommType
	Signal     int
	Paper      PaperState
	Battery    int
	SelfTest   SelfTest
	// Partial is true when the terminal's protocol reports only some of
	// these fields (Model, Serial, Firmware, AppVersion): sign-in, clock,
	// keys, network, paper, battery and self-test are then unknown, not
	// zero. Protocol names the driver that read it ("generic", "ecrhub").
	Partial  bool
	Protocol string
}

// LocalResult is what the terminal itself concluded about a transaction
// (tag DF21).
type LocalResult byte

// Local results.
const (
	LocalApproved  LocalResult = 0
	LocalDeclined  LocalResult = 1 // the host answered with a non-00 code
	LocalNoReply   LocalResult = 2 // the host did not answer in time
	LocalReversed  LocalResult = 3 // the terminal reversed it
	LocalCancelled LocalResult = 4 // the operator cancelled
	LocalNone      LocalResult = 5 // no transaction yet
)

// String returns the last part of the translation key
// "device.local.<name>".
func (l LocalResult) String() string {
	switch l {
	case LocalApproved:
		return "approved"
	case LocalDeclined:
		return "declined"
	case LocalNoReply:
		return "noreply"
	case LocalReversed:
		return "reversed"
	case LocalCancelled:
		return "cancelled"
	case LocalNone:
		return "none"
	}
	return "unknown"
}

// TxnType is the kind of transaction (tag DF23).
type TxnType byte

// Transaction types, as the glossary names them.
const (
	TxnUnknown    TxnType = 0
	TxnSale       TxnType = 1
	TxnVoid       TxnType = 2
	TxnRefund     TxnType = 3
	TxnPreAuth    TxnType = 4
	TxnCompletion TxnType = 5
	TxnBalance    TxnType = 6
)

// String returns the last part of the translation key "device.txn.<name>".
func (t TxnType) String() string {
	switch t {
	case TxnSale:
		return "sale"
	case TxnVoid:
		return "void"
	case TxnRefund:
		return "refund"
	case TxnPreAuth:
		return "preauth"
	case TxnCompletion:
		return "completion"
	case TxnBalance:
		return "balance"
	}
	return "unknown"
}

// LastTxn is the terminal's last transaction. Raw is the ISO 8583 response
// exactly as the host sent it after the 2-byte TCP length (TPDU | header |
// MTI | bitmap | fields), with the card number masked (see MaskISO); it is
// empty when there was no reply or when it held track or PIN data.
// Code is field 39 as the terminal read it ("" if none).
type LastTxn struct {
	Raw    []byte
	Local  LocalResult
	Time   time.Time
	Type   TxnType
	Code   string
	Masked bool // Raw's card number was masked, or Raw was dropped
}

// SignInResult is a fresh sign-in's outcome.
type SignInResult struct {
	Time time.Time
	Keys KeyState
}

// MarshalStatus encodes s as the generic protocol's status reply (with
// DF02 = done). The simulator and tests use it.
func MarshalStatus(s Status) []byte {
	b := wire.AppendTLV(nil,
		wire.TLV{Tag: wire.TagResult, Value: []byte{wire.ResultDone}},
		wire.TLV{Tag: wire.TagModel, Value: []byte(s.Model)},
		wire.TLV{Tag: wire.TagSerial, Value: []byte(s.Serial)},
		wire.TLV{Tag: wire.TagFirmware, Value: []byte(s.Firmware)},
		wire.TLV{Tag: wire.TagAppVersion, Value: []byte(s.AppVersion)},
		wire.TLV{Tag: wire.TagClock, Value: timeBytes(s.Clock)},
		wire.TLV{Tag: wire.TagLastSignIn, Value: timeBytes(s.LastSignIn)},
		wire.TLV{Tag: wire.TagKeys, Value: []byte{byte(s.Keys)}},
		wire.TLV{Tag: wire.TagHost, Value: []byte(s.Host)},
		wire.TLV{Tag: wire.TagTPDU, Value: s.TPDU},
		wire.TLV{Tag: wire.TagTID, Value: []byte(s.TID)},
		wire.TLV{Tag: wire.TagMID, Value: []byte(s.MID)},
		wire.TLV{Tag: wire.TagComm, Value: []byte{byte(s.Comm)}},
		wire.TLV{Tag: wire.TagSignal, Value: []byte{percentByte(s.Signal)}},
		wire.TLV{Tag: wire.TagPaper, Value: []byte{byte(s.Paper)}},
		wire.TLV{Tag: wire.TagBattery, Value: []byte{percentByte(s.Battery)}},
		wire.TLV{Tag: wire.TagSelfTest, Value: []byte{byte(s.SelfTest.Keypad), byte(s.SelfTest.Screen), byte(s.SelfTest.CardReader), byte(s.SelfTest.Printer)}},
	)
	return b
}

// UnmarshalStatus decodes a status reply. Unknown tags are ignored (newer
// terminals may add some); missing ones leave zero values (Signal and
// Battery: -1). It returns ErrBadTLV (wrapped) for a malformed payload or
// value, and a *RejectedError when DF02 is not "done".
func UnmarshalStatus(b []byte) (Status, error) {
	s := Status{Signal: -1, Battery: -1}
	items, err := wire.DecodeTLV(b)
	if err != nil {
		return s, err
	}
	if err := checkResult(wire.CmdStatus, items); err != nil {
		return s, err
	}
	for _, it := range items {
		v := it.Value
		switch it.Tag {
		case wire.TagModel:
			s.Model = printable(v)
		case wire.TagSerial:
			s.Serial = printable(v)
		case wire.TagFirmware:
			s.Firmware = printable(v)
		case wire.TagAppVersion:
			s.AppVersion = printable(v)
		case wire.TagClock:
			s.Clock, err = parseTime(it.Tag, v)
		case wire.TagLastSignIn:
			s.LastSignIn, err = parseTime(it.Tag, v)
		case wire.TagKeys:
			var k byte
			k, err = wire.OneByte(it.Tag, v)
			s.Keys = KeyState(k)
		case wire.TagHost:
			s.Host = printable(v)
		case wire.TagTPDU:
			s.TPDU = append([]byte(nil), v...)
		case wire.TagTID:
			s.TID = printable(v)
		case wire.TagMID:
			s.MID = printable(v)
		case wire.TagComm:
			var c byte
			c, err = wire.OneByte(it.Tag, v)
			s.Comm = CommType(c)
		case wire.TagSignal:
			var c byte
			c, err = wire.OneByte(it.Tag, v)
			s.Signal = percent(c)
		case wire.TagPaper:
			var c byte
			c, err = wire.OneByte(it.Tag, v)
			s.Paper = PaperState(c)
		case wire.TagBattery:
			var c byte
			c, err = wire.OneByte(it.Tag, v)
			s.Battery = percent(c)
		case wire.TagSelfTest:
			if len(v) != 4 {
				err = fmt.Errorf("tag %04X: %d bytes, want 4: %w", it.Tag, len(v), wire.ErrBadTLV)
				break
			}
			s.SelfTest = SelfTest{PartState(v[0]), PartState(v[1]), PartState(v[2]), PartState(v[3])}
		}
		if err != nil {
			return s, err
		}
	}
	return s, nil
}

// MarshalLastTxn encodes t as the generic protocol's last-transaction reply.
// Raw is sent as given: the simulator never puts a real card number in it.
func MarshalLastTxn(t LastTxn) []byte {
	return wire.AppendTLV(nil,
		wire.TLV{Tag: wire.TagResult, Value: []byte{wire.ResultDone}},
		wire.TLV{Tag: wire.TagRawISO, Value: t.Raw},
		wire.TLV{Tag: wire.TagLocal, Value: []byte{byte(t.Local)}},
		wire.TLV{Tag: wire.TagTxnTime, Value: timeBytes(t.Time)},
		wire.TLV{Tag: wire.TagTxnType, Value: []byte{byte(t.Type)}},
		wire.TLV{Tag: wire.TagTxnCode, Value: []byte(t.Code)},
	)
}

// unmarshalLastTxn decodes a last-transaction reply. The card number in the
// raw message is masked before this returns (MaskISO); a message carrying
// track or PIN data is dropped. Errors as UnmarshalStatus.
func unmarshalLastTxn(b []byte) (LastTxn, error) {
	t := LastTxn{Local: LocalNone}
	items, err := wire.DecodeTLV(b)
	if err != nil {
		return t, err
	}
	if err := checkResult(wire.CmdLastTxn, items); err != nil {
		return t, err
	}
	for _, it := range items {
		v := it.Value
		switch it.Tag {
		case wire.TagRawISO:
			t.Raw, t.Masked = MaskISO(v)
		case wire.TagLocal:
			var c byte
			c, err = wire.OneByte(it.Tag, v)
			t.Local = LocalResult(c)
		case wire.TagTxnTime:
			t.Time, err = parseTime(it.Tag, v)
		case wire.TagTxnType:
			var c byte
			c, err = wire.OneByte(it.Tag, v)
			t.Type = TxnType(c)
		case wire.TagTxnCode:
			t.Code = printable(v)
		}
		if err != nil {
			return t, err
		}
	}
	return t, nil
}

// MarshalSignIn encodes a sign-in reply.
func MarshalSignIn(r SignInResult) []byte {
	return wire.AppendTLV(nil,
		wire.TLV{Tag: wire.TagResult, Value: []byte{wire.ResultDone}},
		wire.TLV{Tag: wire.TagLastSignIn, Value: timeBytes(r.Time)},
		wire.TLV{Tag: wire.TagKeys, Value: []byte{byte(r.Keys)}},
	)
}

// UnmarshalSignIn decodes a sign-in reply. Errors as UnmarshalStatus; a
// terminal that could not reach the host answers wire.ResultFailed, which gives
// a *RejectedError.
func UnmarshalSignIn(b []byte) (SignInResult, error) {
	var r SignInResult
	items, err := wire.DecodeTLV(b)
	if err != nil {
		return r, err
	}
	if err := checkResult(wire.CmdSignIn, items); err != nil {
		return r, err
	}
	for _, it := range items {
		switch it.Tag {
		case wire.TagLastSignIn:
			r.Time, err = parseTime(it.Tag, it.Value)
		case wire.TagKeys:
			var c byte
			c, err = wire.OneByte(it.Tag, it.Value)
			r.Keys = KeyState(c)
		}
		if err != nil {
			return r, err
		}
	}
	return r, nil
}

func checkResult(cmd wire.Command, items []wire.TLV) error {
	for _, it := range items {
		if it.Tag == wire.TagResult {
			c, err := wire.OneByte(it.Tag, it.Value)
			if err != nil {
				return err
			}
			if c != wire.ResultDone {
				return &RejectedError{Command: cmd, Result: c}
			}
			return nil
		}
	}
	return fmt.Errorf("reply without result tag: %w", wire.ErrBadTLV)
}

func timeBytes(t time.Time) []byte {
	if t.IsZero() {
		return nil
	}
	return []byte(t.Format(wire.TimeLayout))
}

func parseTime(tag uint16, v []byte) (time.Time, error) {
	if len(v) == 0 {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(wire.TimeLayout, string(v), time.Local)
	if err != nil {
		return time.Time{}, fmt.Errorf("tag %04X time %q: %w", tag, printable(v), wire.ErrBadTLV)
	}
	return t, nil
}

func percentByte(p int) byte {
	if p < 0 || p > 100 {
		return 0xFF
	}
	return byte(p)
}

func percent(b byte) int {
	if b > 100 {
		return -1
	}
	return int(b)
}

// printable keeps a terminal's text safe to show: control bytes and
// invalid UTF-8 become '?', and it is cut at 64 bytes.
func printable(v []byte) string {
	if len(v) > 64 {
		v = v[:64]
	}
	s := []rune(string(v))
	for i, r := range s {
		if r < 0x20 || r == 0x7f || r == 0xfffd {
			s[i] = '?'
		}
	}
	return string(s)
}

// formatTPDU writes a TPDU as spaced hex, "60 00 03 00 00".
func formatTPDU(b []byte) string {
	s := ""
	for i, c := range b {
		if i > 0 {
			s += " "
		}
		s += strconv.FormatUint(uint64(c)>>4, 16) + strconv.FormatUint(uint64(c)&0xf, 16)
	}
	return s
}
