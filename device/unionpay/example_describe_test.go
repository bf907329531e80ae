package unionpay_test

import (
	"fmt"

	"posdoctor/device/unionpay"
)

// ExampleDescribe renders a decoded request's description with a caller's
// translator; here a stand-in that shows the keys, where the command line
// and the GUI pass i18n.Translator.T and get words.
func ExampleDescribe() {
	d, err := unionpay.DecodeHex(saleCapture)
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
