package unionpay_test

import (
	"fmt"

	"posdoctor/device/unionpay"
)

// ExampleDescribe renders a decoded request's description with a caller's
// translator; here a stand-in that shows the keys, where the command line
// and the GUI pass i18n.Translator.T and get words.
func ExampleDescribe() {
	const capture = `
0000: 00 7E 60 00 03 00 00 60 31 00 00 00 00 02 00 70
0010: 24 04 C0 20 C0 98 11 19 62 22 02 12 34 56 78 90
0020: 12 80 00 00 00 00 00 00 01 28 00 00 01 23 28 12
0030: 02 10 00 12 34 62 22 02 12 34 56 78 90 12 8D 28
0040: 12 20 11 23 45 67 31 32 33 34 35 36 37 38 38 39
0050: 38 33 31 30 30 34 38 31 36 31 32 33 34 31 35 36
0060: 3A 91 5C 07 E2 44 18 B6 26 00 00 00 00 00 00 00
0070: 00 12 22 00 00 12 00 05 41 42 43 44 31 32 33 34`
	d, err := unionpay.DecodeHex(capture)
	if err != nil {
		fmt.Println(err)
		return
	}
	keys := func(key string, kv ...any) string {
		if len(kv) == 0 {
			return key
		}
		return fmt.Sprint(key, kv)
	}
	fmt.Println(unionpay.Summary(d).Text(keys))
	for _, l := range unionpay.Lines(unionpay.Describe(d), keys)[1:5] {
		fmt.Println(l)
	}
	// Output:
	// decode.tx.sale · decode.summary.request · decode.summary.amount[yuan 128.00] · decode.summary.trace[trace 000123] · decode.summary.tid[tid 12345678] · decode.summary.mid[mid 898310048161234]
	//
	// decode.layers[layers decode.layer.length + decode.layer.tpdu + decode.layer.header offset 13 size 115]
	//   decode.tpdu[dest 0003 src 0000]
	//   decode.pair[label decode.header.app_type value 60] · decode.pair[label decode.header.version value 31] · decode.pair[label decode.header.status value 0] · decode.pair[label decode.header.request value decode.value.with_meaning[value 0 meaning decode.header.request.0[n 0]]]
}
