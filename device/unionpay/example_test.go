package unionpay_test

import (
	"bytes"
	"fmt"

	"posdoctor/device/unionpay"
)

// saleCapture is a sale request as a terminal's log prints it.
const saleCapture = `
0000: 00 7E 60 00 03 00 00 60 31 00 00 00 00 02 00 70
0010: 24 04 C0 20 C0 98 11 19 62 22 02 12 34 56 78 90
0020: 12 80 00 00 00 00 00 00 01 28 00 00 01 23 28 12
0030: 02 10 00 12 34 62 22 02 12 34 56 78 90 12 8D 28
0040: 12 20 11 23 45 67 31 32 33 34 35 36 37 38 38 39
0050: 38 33 31 30 30 34 38 31 36 31 32 33 34 31 35 36
0060: 3A 91 5C 07 E2 44 18 B6 26 00 00 00 00 00 00 00
0070: 00 12 22 00 00 12 00 05 41 42 43 44 31 32 33 34`

// ExampleDecode decodes a sale request pasted from a log: the card number
// comes back masked, and track 2, the PIN block and the MAC are withheld.
func ExampleDecode() {
	d, err := unionpay.DecodeHex(saleCapture)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Kind, d.MTI, d.Yuan(), d.Trace, d.TID)
	fmt.Println("card:", d.Card)
	fmt.Println("withheld:", d.Redacted)
	// Output:
	// sale 0200 128.00 000123 12345678
	// card: 622202*********0128
	// withheld: [2 35 52 64]
}

// ExampleNewEcho builds a host echo test and frames it for TCP, as the
// network check does before it reads the host's reply with ReadMessage.
func ExampleNewEcho() {
	term := unionpay.Terminal{TID: "12345678", MID: "898310048161234", Batch: "000001"}
	m, err := unionpay.NewEcho(term, 42)
	if err != nil {
		fmt.Println(err)
		return
	}
	var conn bytes.Buffer // a net.Conn in real use
	if err := unionpay.WriteMessage(&conn, unionpay.DefaultTPDU, unionpay.DefaultHeader, m); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("% X\n", conn.Bytes())
	_, back, err := unionpay.ReadMessage(&conn)
	if err != nil {
		fmt.Println(err)
		return
	}
	kind, response := unionpay.KindOf(back)
	fmt.Println(kind, response)
	// Output:
	// 00 37 60 00 03 00 00 60 31 00 00 00 00 08 20 00 20 00 00 00 C0 00 10 00 00 42 31 32 33 34 35 36 37 38 38 39 38 33 31 30 30 34 38 31 36 31 32 33 34 00 11 00 00 00 01 30 10
	// echo false
}
