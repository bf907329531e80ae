package device

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"posdoctor/device/internal/wire"
)

// streamPort plays a fixed byte stream as the terminal's side, a few bytes
// per read, whatever the app writes; once the stream is spent reads time
// out at once. It records the app's writes.
type streamPort struct {
	mu     sync.Mutex
	in     []byte
	chunk  int
	writes [][]byte
}

func (p *streamPort) Read(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := min(len(b), len(p.in), p.chunk)
	copy(b, p.in[:n])
	p.in = p.in[n:]
	return n, nil
}

func (p *streamPort) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.writes = append(p.writes, append([]byte(nil), b...))
	return len(b), nil
}

func (p *streamPort) Close() error                       { return nil }
func (p *streamPort) SetReadTimeout(time.Duration) error { return nil }

// FuzzExchange drives the link's ACK/NAK/retry state machine with a fuzzed
// terminal byte stream. Whatever the terminal sends, Exchange must end
// (within its timeouts), send at most Retries+1 copies of the request and
// Retries NAKs, and return only data that the stream carried as a valid
// frame, ACKed exactly once as the last thing written.
func FuzzExchange(f *testing.F) {
	status, _ := wire.AppendFrame(nil, MarshalStatus(Status{Model: "T"}))
	bad := append([]byte(nil), status...)
	bad[len(bad)-1] ^= 0xFF
	f.Add([]byte{wire.ACK}, byte(3))
	f.Add(append([]byte{wire.ACK}, status...), byte(1))
	f.Add(append([]byte{wire.NAK, wire.NAK, wire.ACK}, status...), byte(4))
	f.Add(append(append([]byte{wire.ACK}, bad...), status...), byte(7))
	f.Add(append([]byte("noise\xff"), status...), byte(2))
	f.Add([]byte{wire.NAK, wire.NAK, wire.NAK, wire.NAK, wire.NAK}, byte(1))
	f.Add(append([]byte{wire.ACK, wire.STX, 0x99, 0x99}, status...), byte(5))
	f.Fuzz(func(t *testing.T, stream []byte, chunk byte) {
		p := &streamPort{in: append([]byte(nil), stream...), chunk: int(chunk%16) + 1}
		tm := Timeouts{ACK: 3 * time.Millisecond, Gap: 3 * time.Millisecond, Reply: 6 * time.Millisecond, Retries: 3}
		l := NewLink(p, "fuzz", LinkOptions{Timeouts: tm})
		req := wire.MarshalRequest(wire.CmdStatus)
		reqFrame, _ := wire.AppendFrame(nil, req)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		data, err := l.Exchange(ctx, req, 0)
		if ctx.Err() != nil {
			t.Fatalf("Exchange did not end by its own timeouts")
		}
		var sends, naks, acks int
		for _, w := range p.writes {
			switch {
			case bytes.Equal(w, reqFrame):
				sends++
			case bytes.Equal(w, []byte{wire.NAK}):
				naks++
			case bytes.Equal(w, []byte{wire.ACK}):
				acks++
			default:
				t.Fatalf("unexpected write % X", w)
			}
		}
		if sends < 1 || sends > tm.Retries+1 || naks > tm.Retries || acks > 1 {
			t.Fatalf("sent %d requests, %d NAKs, %d ACKs", sends, naks, acks)
		}
		if err != nil {
			if !errors.Is(err, ErrNoAck) && !errors.Is(err, ErrBadReply) && !errors.Is(err, ErrTimeout) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			if acks != 0 {
				t.Fatalf("ACKed but returned %v", err)
			}
			return
		}
		want, _ := wire.AppendFrame(nil, data)
		if !bytes.Contains(stream, want) {
			t.Fatalf("returned % X, not a frame of the stream", data)
		}
		if acks != 1 || !bytes.Equal(p.writes[len(p.writes)-1], []byte{wire.ACK}) {
			t.Fatalf("reply not ACKed last: %d ACKs", acks)
		}
	})
}

func FuzzClassifyHeard(f *testing.F) {
	f.Add(heartbeat)
	f.Add([]byte("READY\r\n"))
	f.Add([]byte("6222021234567890123"))
	f.Fuzz(func(t *testing.T, in []byte) {
		_ = classifyHeard(in)
		s := sample(in)
		if run := longestDigitRunHex(s); run > 0 {
			t.Fatalf("sample %q shows %d ASCII digits in a row", s, run)
		}
	})
}

// longestDigitRunHex returns the longest run of ASCII-digit bytes (hex 30
// to 39) in a spaced hex sample if it is 10 or more, else 0.
func longestDigitRunHex(s string) int {
	best, cur := 0, 0
	for i := 0; i+1 < len(s); i += 3 {
		if s[i] == '3' && s[i+1] >= '0' && s[i+1] <= '9' {
			cur++
			best = max(best, cur)
		} else {
			cur = 0
		}
	}
	if best >= 10 {
		return best
	}
	return 0
}

// FuzzECRHubStatus drives the ECR Hub driver (handshake, request, ACKs,
// reply matching) with a fuzzed terminal byte stream: it must end by its
// own timeouts, write only frames (handshakes, its one request, ACKs), and
// never a topic other than ecrhub.init.
func FuzzECRHubStatus(f *testing.F) {
	confirm, _ := wire.AppendHubFrame(nil, wire.HubMessage{Type: wire.HubConfirm})
	ack, _ := wire.AppendHubFrame(nil, wire.HubMessage{Type: wire.HubNormal, Ack: 1})
	reply, _ := wire.AppendHubFrame(nil, wire.HubMessage{Type: wire.HubNormal, ID: 4, Data: []byte(`{"topic":"ecrhub.init","response_code":"000","device_data":{"device_sn":"X1"}}`)})
	f.Add(confirm, byte(3))
	f.Add(append(append(append([]byte(nil), confirm...), ack...), reply...), byte(9))
	f.Add(append(append([]byte(nil), heartbeat...), confirm...), byte(1))
	f.Add([]byte{0x55, 0xAA, 0x02, 0x00}, byte(2))
	f.Fuzz(func(t *testing.T, stream []byte, chunk byte) {
		p := &streamPort{in: append([]byte(nil), stream...), chunk: int(chunk%16) + 1}
		l := NewLink(p, "fuzz", LinkOptions{Driver: ECRHub{Wait: 4 * time.Millisecond}})
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		st, err := l.Status(ctx)
		if ctx.Err() != nil {
			t.Fatal("Status did not end by its own timeouts")
		}
		if err == nil && (!st.Partial || st.Protocol != "ecrhub") {
			t.Fatalf("status %+v", st)
		}
		for _, w := range p.writes {
			m, skipped, err := wire.ReadHubFrame(bytes.NewReader(w))
			if err != nil || skipped != 0 {
				t.Fatalf("wrote % X, not one frame: %v", w, err)
			}
			if len(m.Data) == 0 {
				continue
			}
			var req wire.HubRequest
			if err := json.Unmarshal(m.Data, &req); err != nil || req.Topic != wire.TopicInit {
				t.Fatalf("wrote request %s", m.Data)
			}
		}
	})
}
