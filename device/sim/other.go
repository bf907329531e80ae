package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"time"

	"posdoctor/device/internal/wire"
)

// otherProtocol reports whether scen is served by serveOther: a terminal
// that does not speak the generic protocol.
func otherProtocol(scen string) bool {
	switch scen {
	case ScenarioSilent, ScenarioECRHub, ScenarioUnknownFraming, ScenarioNoise:
		return true
	}
	return false
}

// unknownReply is the line "unknown-framing" answers with: text in a
// framing of its own (angle-bracketed, CR LF), no STX, no 55 AA.
var unknownReply = []byte("<ECR>ERR 01 UNKNOWN CMD</ECR>\r\n")

// noiseEvery is how often "noise" puts bytes on the line.
const noiseEvery = 40 * time.Millisecond

// serveOther serves scen until the scenario changes (true) or the terminal
// goes away (false). It reads with short deadlines so it can also send on
// its own: noise, ECR Hub heartbeats.
func (t *Terminal) serveOther(m line, r *masterReader, stop chan struct{}, scen string) bool {
	buf := make([]byte, 512)
	var hub []byte
	t.mu.Lock()
	beat := t.cfg.Heartbeat
	t.mu.Unlock()
	lastBeat, lastNoise := time.Now(), time.Time{}
	seed := uint32(0x2545F491)
	for t.Scenario() == scen {
		select {
		case <-stop:
			return false
		default:
		}
		m.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
		n, err := r.Read(buf)
		if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
			return false
		}
		in := buf[:n]
		switch scen {
		case ScenarioNoise:
			if time.Since(lastNoise) >= noiseEvery {
				lastNoise = time.Now()
				noise := make([]byte, 12)
				for i := range noise {
					seed = seed*1664525 + 1013904223 // a fixed sequence: tests are repeatable
					noise[i] = byte(seed >> 24)
				}
				// No control byte, no 55, no text: noise frames as
				// nothing and is never taken for an ACK or NAK.
				for i, c := range noise {
					if c < 0x7F {
						noise[i] = c | 0x80
					}
				}
				if _, err := m.Write(noise); err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
					return false
				}
			}
		case ScenarioUnknownFraming:
			if n > 0 {
				t.requests.Add(1)
				m.Write(unknownReply)
			}
		case ScenarioECRHub:
			hub = append(hub, in...)
			hub = t.answerHub(m, hub)
			if time.Since(lastBeat) >= beat {
				lastBeat = time.Now()
				b, _ := wire.AppendHubFrame(nil, wire.HubMessage{Type: wire.HubNormal})
				m.Write(b)
			}
		}
	}
	return true
}

// answerHub answers every complete ECR Hub frame at the start of buf and
// returns what is left (an incomplete frame).
func (t *Terminal) answerHub(m line, buf []byte) []byte {
	for len(buf) > 0 {
		rd := bytes.NewReader(buf)
		msg, _, err := wire.ReadHubFrame(rd)
		var fe *wire.FrameError
		switch {
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return buf
		case errors.As(err, &fe):
			buf = buf[1:] // resynchronise on the next 55 AA
			continue
		case err != nil:
			return nil
		}
		buf = buf[len(buf)-rd.Len():]
		switch {
		case msg.Type == wire.HubHandshake:
			t.requests.Add(1)
			b, _ := wire.AppendHubFrame(nil, wire.HubMessage{Type: wire.HubConfirm})
			m.Write(b)
		case msg.ID != 0:
			t.requests.Add(1)
			ack, _ := wire.AppendHubFrame(nil, wire.HubMessage{Type: wire.HubNormal, Ack: msg.ID})
			m.Write(ack)
			reply := t.hubReply(msg.Data)
			b, err := wire.AppendHubFrame(nil, wire.HubMessage{Type: wire.HubNormal, ID: t.nextHubID(), Data: reply})
			if err == nil {
				m.Write(b)
			}
		}
	}
	return buf
}

func (t *Terminal) nextHubID() byte {
	id := byte(t.requests.Load()%255) + 1
	return id
}

// hubReply answers one ECR Hub request: device data for "ecrhub.init", an
// order for "ecrhub.pay.query", and "not supported" for anything else (the
// simulator never takes a payment).
func (t *Terminal) hubReply(req []byte) []byte {
	r, err := wire.UnmarshalHubResponse(req) // the same envelope fields
	if err != nil {
		return wire.HubReply(wire.HubResponse{ResponseCode: "400", ResponseMsg: "bad request"})
	}
	resp := wire.HubResponse{Topic: r.Topic, RequestID: r.RequestID, ResponseCode: "000"}
	switch r.Topic {
	case wire.TopicInit:
		resp.DeviceData = wire.HubDeviceData{DeviceSN: "SIMHUB0001", AppName: "CodePay Register", AppVersion: "1.8.0"}
	case wire.TopicQuery:
		var q struct {
			Biz map[string]string `json:"biz_data"`
		}
		_ = json.Unmarshal(req, &q)
		resp.BizData = wire.HubBizData{MerchantOrderNo: q.Biz["merchant_order_no"], TransStatus: "2", OrderAmount: "0.01",
			TransType: "1", CardNo: "622202******0123"}
	default:
		resp.ResponseCode, resp.ResponseMsg = "405", "not supported by the simulator"
	}
	return wire.HubReply(resp)
}
