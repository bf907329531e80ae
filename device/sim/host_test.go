package sim

import (
	"errors"
	"io"
	"net"
	"runtime"
	"testing"
	"time"

	"posdoctor/device/unionpay"
)

var testTerminal = unionpay.Terminal{TID: "12345678", MID: "123456789012345", Batch: "000001"}

func newTestHost(t *testing.T, cfg HostConfig) *Host {
	t.Helper()
	h, err := NewHost(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

// exchange sends one request and reads the reply frame's message.
func exchange(t *testing.T, c net.Conn, kind unionpay.Kind) (unionpay.Frame, string, string, error) {
	t.Helper()
	var err error
	m := unionpay.NewMessage()
	switch kind {
	case unionpay.KindEcho:
		m, err = unionpay.NewEcho(testTerminal, 1)
	case unionpay.KindSignIn:
		m, err = unionpay.NewSignIn(testTerminal, 1)
	case unionpay.KindSale:
		m, err = unionpay.NewSale(testTerminal, 1, unionpay.Sale{AmountFen: 100, PAN: "6222020000000000001"})
	}
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(time.Second))
	if err := unionpay.WriteMessage(c, unionpay.DefaultTPDU, unionpay.DefaultHeader, m); err != nil {
		return unionpay.Frame{}, "", "", err
	}
	f, reply, err := unionpay.ReadMessage(c)
	if err != nil {
		return f, "", "", err
	}
	mti, _ := reply.GetMTI()
	return f, mti, unionpay.CodeOf(reply), nil
}

func dial(t *testing.T, h *Host) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", h.Addr(), time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", h.Addr(), err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestHostAnswers(t *testing.T) {
	tests := []struct {
		name     string
		cfg      HostConfig
		kind     unionpay.Kind
		wantMTI  string
		wantCode string
	}{
		{"echo", HostConfig{}, unionpay.KindEcho, "0830", "00"},
		{"sign-in", HostConfig{}, unionpay.KindSignIn, "0810", "00"},
		{"sale", HostConfig{}, unionpay.KindSale, "0210", "00"},
		{"sale declined 51", HostConfig{SaleCode: "51"}, unionpay.KindSale, "0210", "51"},
		{"sign-in A0", HostConfig{SignInCode: "A0"}, unionpay.KindSignIn, "0810", "A0"},
		{"echo 96", HostConfig{EchoCode: "96"}, unionpay.KindEcho, "0830", "96"},
		{"wrong MTI", HostConfig{Fault: HostWrongMTI}, unionpay.KindEcho, "0210", "00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newTestHost(t, tt.cfg)
			f, mti, code, err := exchange(t, dial(t, h), tt.kind)
			if err != nil {
				t.Fatalf("exchange: %v", err)
			}
			if mti != tt.wantMTI || code != tt.wantCode {
				t.Errorf("reply = %s/%s; want %s/%s", mti, code, tt.wantMTI, tt.wantCode)
			}
			if f.TPDU != unionpay.DefaultTPDU.Reply() {
				t.Errorf("reply TPDU = %+v; want %+v", f.TPDU, unionpay.DefaultTPDU.Reply())
			}
		})
	}
}

func TestHostFaults(t *testing.T) {
	tests := []struct {
		name    string
		cfg     HostConfig
		wantErr func(error) bool
	}{
		{"silent times out", HostConfig{Fault: HostSilent}, isTimeout},
		{"slow beyond the deadline times out", HostConfig{Fault: HostSlow, Delay: time.Hour}, isTimeout},
		{"drop mid-frame", HostConfig{Fault: HostDropMidFrame}, func(err error) bool { return errors.Is(err, io.ErrUnexpectedEOF) }},
		{"garbage", HostConfig{Fault: HostGarbage}, func(err error) bool { return errors.Is(err, unionpay.ErrBadTPDU) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newTestHost(t, tt.cfg)
			_, _, _, err := exchange(t, dial(t, h), unionpay.KindEcho)
			if !tt.wantErr(err) {
				t.Errorf("exchange error = %v; want the fault's error", err)
			}
			if got := h.Requests(); got != 1 {
				t.Errorf("Requests = %d; want 1", got)
			}
		})
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func TestHostCloseAfter(t *testing.T) {
	h := newTestHost(t, HostConfig{Fault: HostCloseAfter, CloseAfter: 2})
	c := dial(t, h)
	for i := range 2 {
		if _, _, _, err := exchange(t, c, unionpay.KindEcho); err != nil {
			t.Fatalf("exchange %d: %v", i, err)
		}
	}
	if _, _, _, err := exchange(t, c, unionpay.KindEcho); err == nil {
		t.Error("third exchange succeeded; want the connection closed after 2 replies")
	}
}

func TestHostRefuseAndRecover(t *testing.T) {
	h := newTestHost(t, HostConfig{Fault: HostRefuse})
	if c, err := net.DialTimeout("tcp", h.Addr(), time.Second); err == nil {
		c.Close()
		t.Fatal("connect to a refusing host succeeded")
	}
	if err := h.SetFault(HostHealthy); err != nil {
		t.Fatalf("SetFault(healthy): %v", err)
	}
	if _, mti, _, err := exchange(t, dial(t, h), unionpay.KindEcho); err != nil || mti != "0830" {
		t.Fatalf("exchange after recovery = %s, %v; want 0830", mti, err)
	}
	if err := h.SetFault(HostRefuse); err != nil {
		t.Fatalf("SetFault(refuse): %v", err)
	}
	if c, err := net.DialTimeout("tcp", h.Addr(), time.Second); err == nil {
		c.Close()
		t.Error("connect succeeded after switching to refuse")
	}
}

func TestHostFaultChangesWhileConnected(t *testing.T) {
	h := newTestHost(t, HostConfig{})
	c := dial(t, h)
	if _, _, code, err := exchange(t, c, unionpay.KindSale); err != nil || code != "00" {
		t.Fatalf("first sale = %s, %v; want 00", code, err)
	}
	if err := h.Set(HostConfig{SaleCode: "12"}); err != nil {
		t.Fatal(err)
	}
	if _, _, code, err := exchange(t, c, unionpay.KindSale); err != nil || code != "12" {
		t.Errorf("second sale = %s, %v; want 12", code, err)
	}
}

func TestHostCloseStopsGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	h, err := NewHost(HostConfig{Fault: HostSlow, Delay: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	c, err := net.Dial("tcp", h.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	m, _ := unionpay.NewEcho(testTerminal, 1)
	if err := unionpay.WriteMessage(c, unionpay.DefaultTPDU, unionpay.DefaultHeader, m); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(2 * time.Second); h.Requests() == 0; {
		if time.Now().After(deadline) {
			t.Fatal("host never read the request")
		}
		runtime.Gosched()
	}
	done := make(chan struct{})
	go func() { h.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Close did not return while a reply was delayed")
	}
	if err := h.Set(HostConfig{}); !errors.Is(err, ErrHostClosed) {
		t.Errorf("Set after Close = %v; want ErrHostClosed", err)
	}
	for deadline := time.Now().Add(2 * time.Second); runtime.NumGoroutine() > before; {
		if time.Now().After(deadline) {
			t.Errorf("goroutines: %d after Close; want at most %d", runtime.NumGoroutine(), before)
			break
		}
		runtime.Gosched()
	}
}

func TestParseHostFault(t *testing.T) {
	for f := HostHealthy; f <= HostCloseAfter; f++ {
		got, err := parseHostFault(f.String())
		if err != nil || got != f {
			t.Errorf("parseHostFault(%q) = %v, %v; want %v", f.String(), got, err, f)
		}
	}
	if _, err := parseHostFault("melt"); !errors.Is(err, errUnknownHostFault) {
		t.Errorf("parseHostFault(melt) error = %v; want errUnknownHostFault", err)
	}
}
