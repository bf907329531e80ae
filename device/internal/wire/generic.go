package wire

import "fmt"

// Command is a request of the generic protocol (tag DF01).
type Command byte

// The commands of the generic protocol.
const (
	CmdStatus  Command = 0x01 // report Status
	CmdLastTxn Command = 0x02 // report the last transaction
	CmdSignIn  Command = 0x03 // sign in to the payment host now
)

// String returns "status", "lasttxn" or "signin".
func (c Command) String() string {
	switch c {
	case CmdStatus:
		return "status"
	case CmdLastTxn:
		return "lasttxn"
	case CmdSignIn:
		return "signin"
	}
	return fmt.Sprintf("cmd(%#02x)", byte(c))
}

// Results a terminal puts in tag DF02 of a reply.
const (
	ResultDone        byte = 0x00
	ResultUnsupported byte = 0x01
	ResultBusy        byte = 0x02
	ResultFailed      byte = 0x03
)

// Tags of the generic protocol. See the package documentation.
const (
	TagCommand    uint16 = 0xDF01
	TagResult     uint16 = 0xDF02
	TagModel      uint16 = 0xDF10
	TagSerial     uint16 = 0xDF11
	TagFirmware   uint16 = 0xDF12
	TagAppVersion uint16 = 0xDF13
	TagClock      uint16 = 0xDF14
	TagLastSignIn uint16 = 0xDF15
	TagKeys       uint16 = 0xDF16
	TagHost       uint16 = 0xDF17
	TagTPDU       uint16 = 0xDF18
	TagTID        uint16 = 0xDF19
	TagMID        uint16 = 0xDF1A
	TagComm       uint16 = 0xDF1B
	TagSignal     uint16 = 0xDF1C
	TagPaper      uint16 = 0xDF1D
	TagBattery    uint16 = 0xDF1E
	TagSelfTest   uint16 = 0xDF1F
	TagRawISO     uint16 = 0xDF20
	TagLocal      uint16 = 0xDF21
	TagTxnTime    uint16 = 0xDF22
	TagTxnType    uint16 = 0xDF23
	TagTxnCode    uint16 = 0xDF24
)

// TimeLayout is how the protocol writes times: local time, 14 ASCII digits.
const TimeLayout = "20060102150405"

// MarshalRequest encodes a request for cmd.
func MarshalRequest(cmd Command) []byte {
	return AppendTLV(nil, TLV{Tag: TagCommand, Value: []byte{byte(cmd)}})
}

// MarshalRejection encodes a reply that refuses cmd with result.
func MarshalRejection(result byte) []byte {
	return AppendTLV(nil, TLV{Tag: TagResult, Value: []byte{result}})
}

// ParseRequest returns the command of a request payload. It returns
// ErrBadTLV (wrapped) when the payload has no one-byte DF01.
func ParseRequest(b []byte) (Command, error) {
	items, err := DecodeTLV(b)
	if err != nil {
		return 0, err
	}
	for _, it := range items {
		if it.Tag == TagCommand {
			c, err := OneByte(it.Tag, it.Value)
			return Command(c), err
		}
	}
	return 0, fmt.Errorf("request without command tag: %w", ErrBadTLV)
}

// OneByte returns the one byte of a TLV value tagged tag, or ErrBadTLV
// (wrapped) for a value of any other length.
func OneByte(tag uint16, v []byte) (byte, error) {
	if len(v) != 1 {
		return 0, fmt.Errorf("tag %04X: %d bytes, want 1: %w", tag, len(v), ErrBadTLV)
	}
	return v[0], nil
}
