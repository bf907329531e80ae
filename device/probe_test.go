package device

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"go.bug.st/serial"

	"posdoctor/device/internal/wire"
)

// scriptPort is an in-memory port: a terminal written as functions. react
// sees every Write and returns the bytes the terminal answers; emit, when
// set, returns bytes the terminal sends on its own at the current speed
// (called when the app reads and nothing is queued). An empty read waits
// at most a few milliseconds for bytes, as a real port's read timeout.
type scriptPort struct {
	mu     sync.Mutex
	in     []byte
	baud   int
	writes [][]byte
	react  func(baud int, w []byte) []byte
	emit   func(baud int) []byte
	closed bool
	wake   chan struct{}
}

func newScriptPort(react func(int, []byte) []byte, emit func(int) []byte) *scriptPort {
	return &scriptPort{baud: 115200, react: react, emit: emit, wake: make(chan struct{}, 1)}
}

func (p *scriptPort) Read(b []byte) (int, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return 0, errors.New("closed")
	}
	if len(p.in) == 0 && p.emit != nil {
		p.in = append(p.in, p.emit(p.baud)...)
	}
	if len(p.in) == 0 {
		p.mu.Unlock()
		select { // the port's read timeout
		case <-p.wake:
		case <-time.After(5 * time.Millisecond):
		}
		return 0, nil
	}
	n := copy(b, p.in)
	p.in = p.in[n:]
	p.mu.Unlock()
	return n, nil
}

func (p *scriptPort) Write(b []byte) (int, error) {
	p.mu.Lock()
	p.writes = append(p.writes, append([]byte(nil), b...))
	if p.react != nil {
		p.in = append(p.in, p.react(p.baud, b)...)
	}
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
	return len(b), nil
}

func (p *scriptPort) Close() error                       { p.mu.Lock(); p.closed = true; p.mu.Unlock(); return nil }
func (p *scriptPort) SetReadTimeout(time.Duration) error { return nil }
func (p *scriptPort) SetMode(m *serial.Mode) error {
	p.mu.Lock()
	p.baud = m.BaudRate
	p.in = nil
	p.mu.Unlock()
	return nil
}

// genericTerminal ACKs every STX frame and answers with a healthy status.
func genericTerminal(_ int, w []byte) []byte {
	if _, _, err := wire.ReadFrame(bytes.NewReader(w)); err != nil {
		return nil
	}
	reply, _ := wire.AppendFrame(nil, MarshalStatus(Status{Model: "T1", Serial: "S1"}))
	return append([]byte{wire.ACK}, reply...)
}

// hubTerminal confirms handshakes and answers ecrhub.init with device data
// and ecrhub.pay.query with an order.
func hubTerminal(_ int, w []byte) []byte {
	m, _, err := wire.ReadHubFrame(bytes.NewReader(w))
	if err != nil {
		return nil
	}
	switch {
	case m.Type == wire.HubHandshake:
		b, _ := wire.AppendHubFrame(nil, wire.HubMessage{Type: wire.HubConfirm})
		return b
	case m.ID != 0:
		req, err := wire.UnmarshalHubResponse(m.Data) // same envelope fields
		if err != nil {
			return nil
		}
		resp := wire.HubResponse{Topic: req.Topic, RequestID: req.RequestID, ResponseCode: "000"}
		if req.Topic == wire.TopicInit {
			resp.DeviceData = wire.HubDeviceData{DeviceSN: "WPOS3-0042", AppName: "CodePay Register", AppVersion: "1.8.0"}
		} else {
			resp.BizData = wire.HubBizData{MerchantOrderNo: "O1", TransStatus: "2", OrderAmount: "1.00", CardNo: "6222021234567890123"}
		}
		ack, _ := wire.AppendHubFrame(nil, wire.HubMessage{Type: wire.HubNormal, Ack: m.ID})
		data, _ := wire.AppendHubFrame(nil, wire.HubMessage{Type: wire.HubNormal, ID: 9, Data: wire.HubReply(resp)})
		return append(ack, data...)
	}
	return nil
}

var heartbeat, _ = wire.AppendHubFrame(nil, wire.HubMessage{Type: wire.HubNormal})

func TestClassifyHeard(t *testing.T) {
	stx, _ := wire.AppendFrame(nil, []byte{0xDF, 0x02, 0x01, 0x00})
	posLink := append([]byte{wire.STX}, []byte("A00\x1c1.43\x03")...)
	posLink = append(posLink, wire.LRC(posLink[1:]))
	tests := []struct {
		name string
		in   []byte
		want Heard
	}{
		{"nothing", nil, HeardNothing},
		{"ecr hub heartbeat", heartbeat, HeardECRHub},
		{"ecr hub with noise around", append(append([]byte{0xFF, 0x13}, heartbeat...), 0x00), HeardECRHub},
		{"55AA without end", []byte{0x55, 0xAA, 0, 0, 0, 0, 0, 0}, HeardNoise},
		{"generic frame", stx, HeardSTX},
		{"another STX framing (POSLink style)", posLink, HeardSTX},
		{"STX without a matching LRC", []byte{wire.STX, 'A', 'B', wire.ETX, 0x55}, HeardNoise},
		{"ascii lines", []byte("READY\r\nV1.2\r\n"), HeardASCII},
		{"short text", []byte("OK"), HeardNoise},
		{"noise", []byte{0xFF, 0x80, 0x7F, 0x00, 0xFE, 0x81, 0x13, 0x99}, HeardNoise},
		{"a lone ACK", []byte{wire.ACK}, HeardNoise},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := classifyHeard(tc.in); got != tc.want {
				t.Errorf("ClassifyHeard(% X) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestSampleScrubs(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"short binary", []byte{0x55, 0xAA, 0x00}, "55 AA 00"},
		{"ascii card number", []byte("6222021234567890123"), "36 32 32 32 30 32 2A 2A 2A 2A 2A 2A 2A 2A 2A 30 31 32 33"},
		{"ascii 9 digits kept", []byte("123456789"), "31 32 33 34 35 36 37 38 39"},
		{"bcd card number", []byte{0x62, 0x22, 0x02, 0x12, 0x34, 0x56, 0x78, 0x90, 0x12}, "62 22 02 FF FF FF FF 90 12"},
		{"long", bytes.Repeat([]byte{0xAB}, 60), strings.TrimSpace(strings.Repeat("AB ", sampleLen)) + " …"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sample(tc.in); got != tc.want {
				t.Errorf("Sample(% X) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// fastProbe has short waits and a deadline long enough that it never
// decides these tests, even on a loaded machine; TestProbeDeadline tests
// the deadline.
var fastProbe = ProbeOptions{Deadline: 10 * time.Second, Wait: 60 * time.Millisecond, Listen: 90 * time.Millisecond}

func TestProbe(t *testing.T) {
	noise := func(int) []byte { return []byte{0xFF, 0x81, 0x00, 0xFE} }
	asciiAt9600 := func(baud int) []byte {
		if baud == 9600 {
			return []byte("READY\r\n")
		}
		return []byte{0xFF, 0x81, 0x00, 0xFE}
	}
	hubBeats := func(int) []byte { return heartbeat }
	tests := []struct {
		name       string
		react      func(int, []byte) []byte
		emit       func(int) []byte
		prefer     string
		wantDriver string
		wantHeard  Heard
		wantBaud   int
		wantSpeeds int
		wantFirst  string // first driver tried
	}{
		{name: "generic terminal", react: genericTerminal, wantDriver: "generic", wantSpeeds: 1, wantBaud: 115200, wantFirst: "generic"},
		{name: "ecr hub terminal", react: hubTerminal, wantDriver: "ecrhub", wantSpeeds: 1, wantBaud: 115200, wantFirst: "generic"},
		{name: "remembered driver first", react: hubTerminal, prefer: "ecrhub", wantDriver: "ecrhub", wantSpeeds: 1, wantBaud: 115200, wantFirst: "ecrhub"},
		{name: "silent: every speed, nothing heard", wantHeard: HeardNothing, wantSpeeds: len(speeds), wantFirst: "generic"},
		{name: "ascii at the first speed stops there", emit: func(int) []byte { return []byte("STATUS IDLE\r\n") }, wantHeard: HeardASCII, wantBaud: 115200, wantSpeeds: 1, wantFirst: "generic"},
		{name: "noise everywhere", emit: noise, wantHeard: HeardNoise, wantBaud: 115200, wantSpeeds: len(speeds), wantFirst: "generic"},
		{name: "noise, then text at 9600", emit: asciiAt9600, wantHeard: HeardASCII, wantBaud: 9600, wantSpeeds: 2, wantFirst: "generic"},
		{name: "hub heartbeats but no handshake", emit: hubBeats, wantHeard: HeardECRHub, wantBaud: 115200, wantSpeeds: 1, wantFirst: "generic"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newScriptPort(tc.react, tc.emit)
			l := NewLink(p, "/dev/fake", LinkOptions{})
			defer l.Close()
			opts := fastProbe
			opts.Prefer = tc.prefer
			start := time.Now()
			res, err := l.Probe(context.Background(), opts)
			took := time.Since(start)
			if took > 5*time.Second {
				t.Errorf("probe took %v", took)
			}
			if tc.wantDriver != "" {
				if err != nil || res.Driver != tc.wantDriver || l.Driver() != tc.wantDriver {
					t.Fatalf("Probe = %+v, %v (link driver %s), want driver %s", res, err, l.Driver(), tc.wantDriver)
				}
			} else {
				var ue *UnreadableError
				if !errors.As(err, &ue) || !errors.Is(err, ErrUnreadable) {
					t.Fatalf("Probe error = %v, want *UnreadableError", err)
				}
				if res.Heard != tc.wantHeard {
					t.Errorf("heard %v, want %v (sample %q)", res.Heard, tc.wantHeard, res.Sample)
				}
				if tc.wantHeard != HeardNothing && res.Sample == "" {
					t.Errorf("no sample for %v", res.Heard)
				}
				if s, _ := StateOf(err); s != StateUnreadable {
					t.Errorf("StateOf = %v, want unreadable", s)
				}
			}
			if tc.wantBaud != 0 && res.Baud != tc.wantBaud {
				t.Errorf("baud %d, want %d", res.Baud, tc.wantBaud)
			}
			if len(res.Speeds) != tc.wantSpeeds {
				t.Errorf("speeds tried %v, want %d of them", res.Speeds, tc.wantSpeeds)
			}
			if len(res.Tried) == 0 || res.Tried[0] != tc.wantFirst {
				t.Errorf("drivers tried %v, want %s first", res.Tried, tc.wantFirst)
			}
		})
	}
}

// TestProbeDeadline: a silent terminal with default waits is given up on
// by the deadline, whatever speeds are left.
func TestProbeDeadline(t *testing.T) {
	p := newScriptPort(nil, nil)
	l := NewLink(p, "/dev/fake", LinkOptions{})
	defer l.Close()
	const deadline = 400 * time.Millisecond
	start := time.Now()
	res, err := l.Probe(context.Background(), ProbeOptions{Deadline: deadline})
	took := time.Since(start)
	if !errors.Is(err, ErrUnreadable) {
		t.Fatalf("err = %v, want ErrUnreadable", err)
	}
	if took < deadline-50*time.Millisecond || took > deadline+time.Second {
		t.Errorf("probe took %v, deadline %v", took, deadline)
	}
	if len(res.Speeds) == len(speeds) {
		t.Errorf("tried every speed (%v) in %v with default waits", res.Speeds, deadline)
	}
}

func TestProbeThenUseDriver(t *testing.T) {
	p := newScriptPort(hubTerminal, nil)
	l := NewLink(p, "/dev/fake", LinkOptions{})
	defer l.Close()
	if _, err := l.Probe(context.Background(), fastProbe); err != nil {
		t.Fatal(err)
	}
	st, err := l.Status(context.Background())
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	if !st.Partial || st.Serial != "WPOS3-0042" || st.AppVersion != "1.8.0" || st.Protocol != "ecrhub" {
		t.Errorf("status = %+v", st)
	}
	if _, err := l.LastTransaction(context.Background()); !errors.Is(err, ErrNotOffered) {
		t.Errorf("LastTransaction error = %v, want ErrNotOffered", err)
	}
	if _, err := l.SignIn(context.Background()); !errors.Is(err, ErrNotOffered) {
		t.Errorf("SignIn error = %v, want ErrNotOffered", err)
	}
	biz, err := ECRHub{}.QueryOrder(context.Background(), l, "O1")
	if err != nil {
		t.Fatalf("QueryOrder: %v", err)
	}
	if biz.CardNo != "622202*********0123" || biz.TransStatus != "2" {
		t.Errorf("query = %+v", biz)
	}
	// Nothing the app wrote may be a topic that moves money.
	for _, w := range p.writes {
		for _, bad := range []string{"ecrhub.pay.order", "ecrhub.pay.close", "batch.close", "tip.adjustment"} {
			if bytes.Contains(w, []byte(bad)) {
				t.Errorf("app sent %q", w)
			}
		}
	}
}

func TestStateOf(t *testing.T) {
	tests := []struct {
		err  error
		want State
		ok   bool
	}{
		{nil, StateReadable, true},
		{&UnreadableError{}, StateUnreadable, true},
		{ErrNoTerminal, StateAbsent, true},
		{&PortError{Kind: PortNotFound}, StateAbsent, true},
		{&PortError{Kind: PortBusy}, StatePortFailed, true},
		{&PortError{Kind: PortPermission}, StatePortFailed, true},
		{ErrTimeout, StateReadable, false},
	}
	for _, tc := range tests {
		if got, ok := StateOf(tc.err); got != tc.want || ok != tc.ok {
			t.Errorf("StateOf(%v) = %v %v, want %v %v", tc.err, got, ok, tc.want, tc.ok)
		}
	}
}

func TestMarshalHubRequestRefusesMoney(t *testing.T) {
	for _, topic := range []string{"ecrhub.pay.order", "ecrhub.pay.close", "ecrhub.pay.batch.close", "ecrhub.pay.tip.adjustment", ""} {
		if _, err := wire.MarshalHubRequest(topic, "1", time.Unix(0, 0), nil); !errors.Is(err, wire.ErrTopicNotAllowed) {
			t.Errorf("MarshalHubRequest(%q) error = %v, want ErrTopicNotAllowed", topic, err)
		}
	}
	b, err := wire.MarshalHubRequest(wire.TopicQuery, "r1", time.UnixMilli(1698302992263), map[string]string{"merchant_order_no": "O1"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"topic":"ecrhub.pay.query","request_id":"r1","timestamp":"1698302992263","version":"1.0","biz_data":{"merchant_order_no":"O1"}}`
	if string(b) != want {
		t.Errorf("request = %s, want %s", b, want)
	}
}

// TestHubFrameSpecSamples checks the frames against the samples the
// specification prints (developer.codepay.us SerialCommunicationProtocol).
func TestHubFrameSpecSamples(t *testing.T) {
	tests := []struct {
		m    wire.HubMessage
		want []byte
	}{
		{wire.HubMessage{Type: wire.HubHandshake}, []byte{0x55, 0xAA, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0xCC, 0x33}},
		{wire.HubMessage{Type: wire.HubConfirm}, []byte{0x55, 0xAA, 0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0xCC, 0x33}},
		{wire.HubMessage{Type: wire.HubNormal}, []byte{0x55, 0xAA, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xCC, 0x33}},
	}
	for _, tc := range tests {
		got, err := wire.AppendHubFrame(nil, tc.m)
		if err != nil || !bytes.Equal(got, tc.want) {
			t.Errorf("AppendHubFrame(%+v) = % X, %v, want % X", tc.m, got, err, tc.want)
		}
		m, skipped, err := wire.ReadHubFrame(bytes.NewReader(append([]byte{0x13, 0x55}, tc.want...)))
		if err != nil || skipped != 2 || m.Type != tc.m.Type {
			t.Errorf("ReadHubFrame(% X) = %+v, %d, %v", tc.want, m, skipped, err)
		}
	}
	if !bytes.Equal(wire.HubHandshakeFrame, tests[0].want) {
		t.Errorf("handshake constant % X", wire.HubHandshakeFrame)
	}
}

func TestReadHubFrameErrors(t *testing.T) {
	good, _ := wire.AppendHubFrame(nil, wire.HubMessage{Type: wire.HubNormal, ID: 1, Data: []byte(`{}`)})
	badCRC := append([]byte(nil), good...)
	badCRC[len(badCRC)-3] ^= 0xFF
	noEnd := append([]byte(nil), good...)
	noEnd[len(noEnd)-1] = 0x00
	tooLong := []byte{0x55, 0xAA, 0, 0, 1, 0x04, 0x00}
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"bad crc", badCRC, wire.ErrBadLRC},
		{"no CC33", noEnd, wire.ErrNoETX},
		{"too long", tooLong, wire.ErrFrameTooLong},
		{"garbage", bytes.Repeat([]byte{0x55}, wire.MaxGarbage+2), wire.ErrTooMuchGarbage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := wire.ReadHubFrame(bytes.NewReader(tc.in))
			var fe *wire.FrameError
			if !errors.As(err, &fe) || !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
}
