package netcheck

import (
	"context"
	"net"
	"testing"
	"time"

	"posdoctor/device/sim"
	"posdoctor/wizard/outcome"
)

func startHost(t testing.TB, cfg sim.HostConfig) (*sim.Host, Endpoint) {
	t.Helper()
	h, err := sim.NewHost(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h, Endpoint{Host: "127.0.0.1", Port: h.Port(), TID: "12345678", MID: "123456789012345", Source: "settings"}
}

func TestEchoAgainstSimHost(t *testing.T) {
	tests := []struct {
		name        string
		cfg         sim.HostConfig
		probe       Probe
		wantLevel   outcome.Outcome
		wantSummary string
		wantStage   string
	}{
		{"healthy echo", sim.HostConfig{}, ProbeEcho, outcome.Pass, "check.host.echo.pass", StageDone},
		{"healthy sign-in", sim.HostConfig{}, ProbeSignIn, outcome.Pass, "check.host.echo.pass", StageDone},
		{"refuse", sim.HostConfig{Fault: sim.HostRefuse}, ProbeEcho, outcome.Fail, "check.host.echo.refused", StageConnect},
		{"silent", sim.HostConfig{Fault: sim.HostSilent}, ProbeEcho, outcome.Fail, "check.host.echo.timeout", StageReply},
		{"slower than the deadline", sim.HostConfig{Fault: sim.HostSlow, Delay: time.Hour}, ProbeEcho, outcome.Fail, "check.host.echo.timeout", StageReply},
		{"slow but in time", sim.HostConfig{Fault: sim.HostSlow, Delay: 50 * time.Millisecond}, ProbeEcho, outcome.Pass, "check.host.echo.pass", StageDone},
		{"drop mid-frame", sim.HostConfig{Fault: sim.HostDropMidFrame}, ProbeEcho, outcome.Fail, "check.host.echo.cut", StageReply},
		{"garbage", sim.HostConfig{Fault: sim.HostGarbage}, ProbeEcho, outcome.Fail, "check.host.echo.garbled", StageDecode},
		{"wrong MTI", sim.HostConfig{Fault: sim.HostWrongMTI}, ProbeEcho, outcome.Fail, "check.host.echo.wrong_mti", StageDone},
		{"close after each reply", sim.HostConfig{Fault: sim.HostCloseAfter, CloseAfter: 1}, ProbeEcho, outcome.Pass, "check.host.echo.pass", StageDone},
		{"echo declined", sim.HostConfig{EchoCode: "96"}, ProbeEcho, outcome.Warn, "check.host.echo.code", StageDone},
		{"sign-in declined", sim.HostConfig{SignInCode: "97"}, ProbeSignIn, outcome.Warn, "check.host.echo.code", StageDone},
		{"sign in again", sim.HostConfig{SignInAgain: true}, ProbeEcho, outcome.Warn, "check.host.echo.signin_again", StageDone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ep := startHost(t, tt.cfg)
			start := time.Now()
			r := Echo(context.Background(), &net.Dialer{}, ep, tt.probe, 1, 300*time.Millisecond)
			if el := time.Since(start); el > time.Second {
				t.Errorf("Echo took %v with a 300ms timeout", el)
			}
			if r.Stage != tt.wantStage {
				t.Errorf("Echo stage = %q (%v); want %q", r.Stage, r.Err, tt.wantStage)
			}
			v := EvaluateEcho(r)
			if v.Level != tt.wantLevel || v.Summary != tt.wantSummary {
				t.Errorf("EvaluateEcho = %v %q (%s); want %v %q", v.Level, v.Summary, v.Detail, tt.wantLevel, tt.wantSummary)
			}
		})
	}
}

func TestEchoReply(t *testing.T) {
	_, ep := startHost(t, sim.HostConfig{})
	ep.TPDU = "6000050001"
	r := Echo(context.Background(), &net.Dialer{}, ep, ProbeEcho, 42, time.Second)
	if r.Err != nil {
		t.Fatalf("Echo: %v", r.Err)
	}
	if r.MTI != "0830" || r.Code != "00" || !r.TPDUSwapped || r.ReplyTPDU != "6000010005" {
		t.Errorf("Echo = MTI %s code %s swapped %v tpdu %s; want 0830 00 true 6000010005", r.MTI, r.Code, r.TPDUSwapped, r.ReplyTPDU)
	}
	if d := absDur(time.Since(r.HostTime)); d > time.Minute {
		t.Errorf("host time %v is %v from now; want within a minute", r.HostTime, d)
	}
}

func TestEchoHostCloseAfterOne(t *testing.T) {
	h, ep := startHost(t, sim.HostConfig{Fault: sim.HostCloseAfter, CloseAfter: 1})
	for i := range 3 {
		r := Echo(context.Background(), &net.Dialer{}, ep, ProbeEcho, i, time.Second)
		if r.Err != nil {
			t.Fatalf("echo %d: %v", i, r.Err)
		}
	}
	if got := h.Requests(); got != 3 {
		t.Errorf("host saw %d requests; want 3", got)
	}
}

func TestEchoBadSettings(t *testing.T) {
	tests := []struct {
		name        string
		ep          Endpoint
		wantLevel   outcome.Outcome
		wantSummary string
	}{
		{"no endpoint", Endpoint{}, outcome.Skipped, "check.host.not_configured"},
		{"short TID", Endpoint{Host: "127.0.0.1", Port: 9, TID: "1", MID: "123456789012345"}, outcome.Skipped, "check.host.echo.bad_settings"},
		{"bad TPDU", Endpoint{Host: "127.0.0.1", Port: 9, TID: "12345678", MID: "123456789012345", TPDU: "99"}, outcome.Skipped, "check.host.echo.bad_settings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := EvaluateEcho(Echo(context.Background(), &net.Dialer{}, tt.ep, ProbeEcho, 1, time.Second))
			if v.Level != tt.wantLevel || v.Summary != tt.wantSummary {
				t.Errorf("EvaluateEcho = %v %q; want %v %q", v.Level, v.Summary, tt.wantLevel, tt.wantSummary)
			}
		})
	}
}

func TestEchoCancelledContext(t *testing.T) {
	_, ep := startHost(t, sim.HostConfig{Fault: sim.HostSilent})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	r := Echo(ctx, &net.Dialer{}, ep, ProbeEcho, 1, time.Hour)
	if el := time.Since(start); el > time.Second {
		t.Errorf("Echo took %v after ctx was cancelled at 50ms", el)
	}
	if r.Err == nil {
		t.Error("Echo with cancelled ctx returned no error")
	}
}

func TestHostTime(t *testing.T) {
	ref := time.Date(2027, 1, 1, 0, 1, 0, 0, HostZone)
	tests := []struct {
		name, hhmmss, mmdd string
		want               time.Time
	}{
		{"same day", "000000", "0101", time.Date(2027, 1, 1, 0, 0, 0, 0, HostZone)},
		{"last year's end", "235959", "1231", time.Date(2026, 12, 31, 23, 59, 59, 0, HostZone)},
		{"leap day from a leap year's neighbour", "120000", "0229", time.Date(2028, 2, 29, 12, 0, 0, 0, HostZone)},
		{"bad month", "120000", "1301", time.Time{}},
		{"short", "1200", "0101", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HostTime(tt.hhmmss, tt.mmdd, ref); !got.Equal(tt.want) {
				t.Errorf("HostTime(%q, %q) = %v; want %v", tt.hhmmss, tt.mmdd, got, tt.want)
			}
		})
	}
}

func TestEvaluateClock(t *testing.T) {
	pc := time.Date(2026, 11, 25, 10, 0, 0, 0, HostZone)
	tests := []struct {
		name        string
		c           Clocks
		wantLevel   outcome.Outcome
		wantSummary string
	}{
		{"nothing to compare", Clocks{PC: pc}, outcome.Skipped, "check.host.clock.unknown"},
		{"all agree", Clocks{PC: pc, Terminal: pc.Add(time.Minute), Host: pc.Add(-time.Minute)}, outcome.Pass, "check.host.clock.pass"},
		{"exactly five minutes is fine", Clocks{PC: pc, Host: pc.Add(5 * time.Minute)}, outcome.Pass, "check.host.clock.pass"},
		{"terminal off", Clocks{PC: pc, Terminal: pc.Add(-time.Hour), Host: pc}, outcome.Warn, "check.host.clock.terminal_off"},
		{"pc off", Clocks{PC: pc, Terminal: pc.Add(time.Hour), Host: pc.Add(time.Hour)}, outcome.Warn, "check.host.clock.pc_off"},
		{"terminal and pc apart, no host", Clocks{PC: pc, Terminal: pc.Add(6 * time.Minute)}, outcome.Warn, "check.host.clock.mismatch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := EvaluateClock(tt.c)
			if v.Level != tt.wantLevel || v.Summary != tt.wantSummary {
				t.Errorf("EvaluateClock = %v %q; want %v %q", v.Level, v.Summary, tt.wantLevel, tt.wantSummary)
			}
		})
	}
}

func FuzzHostTime(f *testing.F) {
	f.Add("235959", "1231", int64(1798732800))
	f.Add("000000", "0229", int64(1709164800))
	f.Add("12a456", "1301", int64(0))
	f.Fuzz(func(t *testing.T, hhmmss, mmdd string, unix int64) {
		ref := time.Unix(unix%(1<<40), 0)
		got := HostTime(hhmmss, mmdd, ref)
		if got.IsZero() {
			return
		}
		if d := absDur(got.Sub(ref)); d > 2*366*24*time.Hour {
			t.Errorf("HostTime(%q, %q, %v) = %v, %v away; want within two years (leap days)", hhmmss, mmdd, ref, got, d)
		}
		if got.Format("150405") != hhmmss || got.Format("0102") != mmdd {
			t.Errorf("HostTime(%q, %q) = %v; fields do not round-trip", hhmmss, mmdd, got)
		}
	})
}
