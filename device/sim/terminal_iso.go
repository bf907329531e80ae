package sim

import (
	"fmt"
	"time"

	"posdoctor/device/unionpay"
)

// saleResponse builds the ISO 8583 0210 reply to a sale, as the host sent
// it after the TCP length (TPDU | header | message), with field 39 = code.
// It carries no card number. For A0 the header asks for a new sign-in, as
// CUP hosts do.
func saleResponse(code, tid, mid string, tpdu []byte, at time.Time) ([]byte, error) {
	m := unionpay.NewMessage()
	m.MTI("0210")
	fields := map[int]string{
		3: "000000", 4: "000000001234", 11: "000123", 12: at.Format("150405"), 13: at.Format("0102"),
		25: "00", 37: at.Format("0102") + "00012345", 39: code, 41: tid, 42: mid, 49: "156", 60: "22000001000",
	}
	if code == "00" {
		fields[38] = "123456"
	}
	for id, v := range fields {
		if err := m.Field(id, v); err != nil {
			return nil, fmt.Errorf("field %d: %w", id, err)
		}
	}
	if err := m.BinaryField(64, []byte{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}); err != nil {
		return nil, fmt.Errorf("field 64: %w", err)
	}
	packed, err := unionpay.Pack(m)
	if err != nil {
		return nil, err
	}
	t := unionpay.DefaultTPDU
	if len(tpdu) == 5 {
		t = unionpay.TPDU{ID: tpdu[0], Destination: uint16(tpdu[1])<<8 | uint16(tpdu[2]), Source: uint16(tpdu[3])<<8 | uint16(tpdu[4])}
	}
	h := unionpay.DefaultHeader
	if code == "A0" {
		h.Request = unionpay.RequestSignIn
	}
	b, err := unionpay.AppendFrame(nil, unionpay.Frame{TPDU: t.Reply(), Header: h, Message: packed})
	if err != nil {
		return nil, err
	}
	return b[2:], nil // drop the TCP length
}
