package sim_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"posdoctor/device"
	"posdoctor/device/sim"
)

// startWorld starts spec, skipping where this system cannot simulate a
// terminal, and closes it when the test ends.
func startWorld(t *testing.T, spec string) *sim.World {
	t.Helper()
	w, err := sim.Start(spec)
	if errors.Is(err, sim.ErrUnsupported) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatalf("Start(%q): %v", spec, err)
	}
	t.Cleanup(w.Close)
	return w
}

func TestStartWorld(t *testing.T) {
	tests := []struct {
		spec       string
		wantCode   string // the last transaction's response code; "" reads none
		noDevice   bool
		busy       bool
		hostRefuse bool
	}{
		{spec: ""},
		{spec: "healthy"},
		{spec: "code=55,host-refuse", wantCode: "55", hostRefuse: true},
		{spec: "no-device", noDevice: true},
		{spec: "port-busy", busy: true},
	}
	for _, tc := range tests {
		t.Run(tc.spec, func(t *testing.T) {
			w := startWorld(t, tc.spec)
			host, _, err := net.SplitHostPort(w.Host())
			if err != nil || host != "127.0.0.1" {
				t.Errorf("Host() = %q, want 127.0.0.1:port", w.Host())
			}
			if tc.hostRefuse {
				if c, err := net.DialTimeout("tcp", w.Host(), 2*time.Second); err == nil {
					c.Close()
					t.Errorf("dial %s: connected, want refused", w.Host())
				}
			}
			if tc.noDevice {
				if w.Port() != "" {
					t.Errorf("Port() = %q, want none", w.Port())
				}
				if ports, err := w.Lister().Ports(); len(ports) != 0 || err != nil {
					t.Errorf("Lister().Ports() = %v, %v; want nothing", ports, err)
				}
				return
			}
			if w.Lister() != nil {
				t.Errorf("Lister() = %T, want nil (the system's)", w.Lister())
			}
			if w.Port() == "" {
				t.Fatal("Port() is empty")
			}
			if tc.busy {
				_, err := w.Opener()(w.Port(), 115200)
				var pe *device.PortError
				if !errors.As(err, &pe) || pe.Kind != device.PortBusy || !strings.Contains(pe.Holder, "SimCashier") {
					t.Errorf("Opener()(%s) = %v, want busy, held by SimCashier", w.Port(), err)
				}
				return
			}
			if w.Opener() != nil {
				t.Error("Opener() is set, want nil (device.OpenPort)")
			}
			l, err := device.Open(w.Port())
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			st, err := l.Status(ctx)
			if err != nil || st.Host != w.Host() {
				t.Fatalf("Status = %+v, %v; want host %s", st, err, w.Host())
			}
			if tc.wantCode != "" {
				if txn, err := l.LastTransaction(ctx); err != nil || txn.Code != tc.wantCode {
					t.Errorf("LastTransaction = %+v, %v; want code %s", txn, err, tc.wantCode)
				}
			}
		})
	}
}

func TestStartRejectsBadSpec(t *testing.T) {
	for _, spec := range []string{"meltdown", "host-melt", "host-delay=soon", "clock-off=x", "code=5", "healthy,bogus"} {
		t.Run(spec, func(t *testing.T) {
			w, err := sim.Start(spec)
			if err == nil {
				w.Close()
				t.Fatalf("Start(%q) = nil error", spec)
			}
			if !errors.Is(err, sim.ErrUnknownFault) || errors.Is(err, sim.ErrUnsupported) {
				t.Errorf("Start(%q) = %v, want ErrUnknownFault only", spec, err)
			}
		})
	}
}
