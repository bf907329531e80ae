package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"posdoctor/assets"
	"posdoctor/device"
	"posdoctor/ui/i18n"
)

func deviceEnv(t *testing.T, locale string) (*Env, *syncBuffer, *syncBuffer) {
	t.Helper()
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		t.Fatal(err)
	}
	out, errb := &syncBuffer{}, &syncBuffer{}
	return &Env{Stdout: out, Stderr: errb, Tr: cat.Translator(locale)}, out, errb
}

// syncBuffer is a bytes.Buffer safe to read while a command writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type fakeDeviceLister []device.PortInfo

func (f fakeDeviceLister) Ports() ([]device.PortInfo, error) { return f, nil }

func TestDevices(t *testing.T) {
	pax := device.PortInfo{Name: "/dev/ttyACM0", IsUSB: true, VID: "2FB8", PID: "2205", Serial: "X1"}
	ch340 := device.PortInfo{Name: "/dev/ttyUSB0", IsUSB: true, VID: "1A86", PID: "7523"}
	ttyS0 := device.PortInfo{Name: "/dev/ttyS0"}
	tests := []struct {
		name     string
		locale   string
		ports    fakeDeviceLister
		args     []string
		wantCode int
		wantOut  []string
	}{
		{name: "terminal found, Chinese", locale: i18n.Chinese, ports: fakeDeviceLister{ttyS0, pax}, wantCode: ExitOK,
			wantOut: []string{"/dev/ttyACM0", "2FB8:2205", "可能是刷卡机：PAX (百富) A910", "电脑自带的串口 /dev/ttyS0"}},
		{name: "only a cable, English", locale: i18n.English, ports: fakeDeviceLister{ch340}, wantCode: ExitProblem,
			wantOut: []string{"serial cable (QinHeng CH340 chip)", "No card terminal found"}},
		{name: "nothing", locale: i18n.English, wantCode: ExitProblem, wantOut: []string{"No serial ports found"}},
		{name: "bad flag", locale: i18n.English, args: []string{"--yaml"}, wantCode: ExitUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, out, _ := deviceEnv(t, tc.locale)
			env.Deps.Lister = tc.ports
			if code := runDevices(context.Background(), env, tc.args); code != tc.wantCode {
				t.Errorf("exit code = %d, want %d", code, tc.wantCode)
			}
			for _, w := range tc.wantOut {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestDevicesJSON(t *testing.T) {
	env, out, _ := deviceEnv(t, i18n.English)
	env.Deps.Lister = fakeDeviceLister{{Name: "/dev/ttyACM0", IsUSB: true, VID: "11CA", PID: "0220"}}
	if code := runDevices(context.Background(), env, []string{"--json"}); code != ExitOK {
		t.Fatalf("exit code = %d, want %d", code, ExitOK)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out.String()), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(got) != 1 || got[0]["kind"] != "terminal" || got[0]["verdict"] != "Card terminal: VeriFone PIN pad VX 805." || got[0]["evidence"] != "verified" {
		t.Errorf("JSON = %v", got)
	}
}

func TestSimCommand(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the simulated terminal needs Linux")
	}
	env, out, errb := deviceEnv(t, i18n.English)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- runSim(ctx, env, []string{"--scenario", "code", "--code", "12", "--host", "127.0.0.1:7000"})
	}()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), "\n") {
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("no device path printed; stderr: %s", errb)
		}
		time.Sleep(time.Millisecond) // polling the output
	}
	path := strings.TrimSpace(out.String())
	l, err := device.Open(path)
	if err != nil {
		cancel()
		t.Fatalf("Open(%s): %v", path, err)
	}
	st, err := l.Status(ctx)
	lt, err2 := l.LastTransaction(ctx)
	l.Close()
	cancel()
	if code := <-done; code != ExitOK {
		t.Errorf("exit code = %d, want %d", code, ExitOK)
	}
	if err != nil || err2 != nil || st.Host != "127.0.0.1:7000" || lt.Code != "12" {
		t.Errorf("status host %q (%v), last code %q (%v); want 127.0.0.1:7000 and 12", st.Host, err, lt.Code, err2)
	}
	if !strings.Contains(errb.String(), "ready at "+path) {
		t.Errorf("stderr lacks the ready line: %s", errb)
	}
}

func TestSimCommandErrors(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
		wantOut  string
	}{
		{name: "unknown scenario lists them", args: []string{"--scenario", "broken"}, wantCode: ExitUsage, wantErr: "nak-storm"},
		{name: "bad code", args: []string{"--code", "123"}, wantCode: ExitUsage},
		{name: "bad TPDU", args: []string{"--tpdu", "60"}, wantCode: ExitUsage, wantErr: "Usage"},
		{name: "stray argument", args: []string{"healthy"}, wantCode: ExitUsage},
		{name: "list", args: []string{"--list"}, wantCode: ExitOK, wantOut: "Noise on the line"},
		{name: "list has host faults", args: []string{"--list"}, wantCode: ExitOK, wantOut: "host-refuse"},
		{name: "list has code=NN", args: []string{"--list"}, wantCode: ExitOK, wantOut: "code=NN"},
		{name: "list has world faults", args: []string{"--list"}, wantCode: ExitOK, wantOut: "port-busy"},
		{name: "list has the new terminals", args: []string{"--list"}, wantCode: ExitOK, wantOut: "unknown-framing"},
		{name: "bad parametrised form lists them", args: []string{"--scenario", "clock-off=x"}, wantCode: ExitUsage, wantErr: "host-delay=SECONDS"},
		{name: "host fault is for check --sim", args: []string{"--scenario", "host-delay=3"}, wantCode: ExitUsage, wantErr: "no-device"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, out, errb := deviceEnv(t, i18n.English)
			if code := runSim(context.Background(), env, tc.args); code != tc.wantCode {
				t.Errorf("exit code = %d, want %d", code, tc.wantCode)
			}
			if !strings.Contains(errb.String(), tc.wantErr) || !strings.Contains(out.String(), tc.wantOut) {
				t.Errorf("stdout %q stderr %q; want %q / %q", out, errb, tc.wantOut, tc.wantErr)
			}
		})
	}
}
