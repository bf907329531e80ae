package wire

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzReadHubFrame checks the ECR Hub framing: no panic on any input, data
// within the bound, and a stable decode → encode → decode.
func FuzzReadHubFrame(f *testing.F) {
	f.Add(HubHandshakeFrame)
	heartbeat, _ := AppendHubFrame(nil, HubMessage{Type: HubNormal})
	f.Add(heartbeat)
	data, _ := AppendHubFrame(nil, HubMessage{Type: HubNormal, ID: 7, Ack: 3, Data: []byte(`{"topic":"ecrhub.init","response_code":"000"}`)})
	f.Add(data)
	f.Add(append([]byte{0x55, 0x55, 0xAA}, data...))
	f.Add([]byte{0x55, 0xAA, 0x00, 0x00, 0x01, 0xFF, 0xFF})
	f.Fuzz(func(t *testing.T, in []byte) {
		m, _, err := ReadHubFrame(bytes.NewReader(in))
		if err != nil {
			return
		}
		if len(m.Data)+HubOverhead > HubMaxFrame {
			t.Fatalf("%d data bytes, over the bound", len(m.Data))
		}
		b, err := AppendHubFrame(nil, m)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		again, skipped, err := ReadHubFrame(bytes.NewReader(b))
		if err != nil || skipped != 0 || again.Type != m.Type || again.Ack != m.Ack || again.ID != m.ID || !bytes.Equal(again.Data, m.Data) {
			t.Fatalf("re-read %+v, %d, %v; want %+v", again, skipped, err, m)
		}
		if !bytes.Contains(in, b) {
			t.Fatalf("frame % X not in the input", b)
		}
	})
}

// FuzzUnmarshalHubResponse: any reply decodes or fails cleanly, and no
// card number survives unmasked.
func FuzzUnmarshalHubResponse(f *testing.F) {
	f.Add([]byte(`{"response_code":"000","biz_data":{"card_no":"6222021234567890123"}}`))
	f.Add([]byte(`{"device_data":{"device_sn":"X"}}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := UnmarshalHubResponse(in)
		if err != nil {
			return
		}
		if run := longestDigitRun(r.BizData.CardNo); run > 9 {
			t.Fatalf("card number %q has a run of %d digits", r.BizData.CardNo, run)
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
	})
}

func longestDigitRun(s string) int {
	best, cur := 0, 0
	for _, c := range []byte(s) {
		if c >= '0' && c <= '9' {
			cur++
			best = max(best, cur)
		} else {
			cur = 0
		}
	}
	return best
}
