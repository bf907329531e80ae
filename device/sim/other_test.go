package sim

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"posdoctor/device"
)

// probeSim starts a terminal in scen and probes it through the real serial
// library, as the app does.
func probeSim(t *testing.T, cfg TerminalConfig) (*Terminal, *device.Link, device.ProbeResult, error) {
	t.Helper()
	term, err := NewTerminal(cfg)
	if errors.Is(err, ErrUnsupported) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { term.Close() })
	l, err := device.Open(term.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	opts := device.ProbeOptions{Deadline: 5 * time.Second, Wait: 300 * time.Millisecond, Listen: 250 * time.Millisecond}
	res, err := l.Probe(ctx, opts)
	return term, l, res, err
}

func TestProbeSimulatedTerminals(t *testing.T) {
	tests := []struct {
		scenario   string
		wantDriver string
		wantHeard  device.Heard
	}{
		{ScenarioHealthy, "generic", 0},
		{ScenarioECRHub, "ecrhub", 0},
		{ScenarioSilent, "", device.HeardNothing},
		{ScenarioUnknownFraming, "", device.HeardASCII},
		{ScenarioNoise, "", device.HeardNoise},
	}
	for _, tc := range tests {
		t.Run(tc.scenario, func(t *testing.T) {
			start := time.Now()
			_, l, res, err := probeSim(t, TerminalConfig{Scenario: tc.scenario})
			if took := time.Since(start); took > 6*time.Second {
				t.Errorf("probe took %v", took)
			}
			if tc.wantDriver != "" {
				if err != nil || res.Driver != tc.wantDriver || l.Driver() != tc.wantDriver {
					t.Fatalf("Probe = %+v, %v; want driver %s", res, err, tc.wantDriver)
				}
				return
			}
			if !errors.Is(err, device.ErrUnreadable) {
				t.Fatalf("Probe error = %v, want ErrUnreadable", err)
			}
			if res.Heard != tc.wantHeard {
				t.Errorf("heard %v, want %v (sample %s)", res.Heard, tc.wantHeard, res.Sample)
			}
			if tc.wantHeard != device.HeardNothing && res.Sample == "" {
				t.Error("no sample")
			}
		})
	}
}

func TestECRHubSimStatusAndQuery(t *testing.T) {
	_, l, _, err := probeSim(t, TerminalConfig{Scenario: ScenarioECRHub})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := l.Status(ctx)
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	if !st.Partial || st.Serial != "SIMHUB0001" || !strings.Contains(st.Model, "CodePay") {
		t.Errorf("status = %+v", st)
	}
	biz, err := device.ECRHub{}.QueryOrder(ctx, l, "ORDER-7")
	if err != nil || biz.MerchantOrderNo != "ORDER-7" {
		t.Errorf("QueryOrder = %+v, %v", biz, err)
	}
	if _, err := l.LastTransaction(ctx); !errors.Is(err, device.ErrNotOffered) {
		t.Errorf("LastTransaction error = %v, want ErrNotOffered", err)
	}
}

func TestClockOffsetAndFirmwareParams(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.Local)
	tests := []struct {
		spec       string
		wantOffset time.Duration
		wantFW     string
	}{
		{"clock-off=-45", -45 * time.Minute, ""},
		{"clock-off", 10 * time.Minute, ""},
		{"firmware=V1.0.3", 0, "V1.0.3"},
		{"outdated-firmware", 0, OutdatedFirmware},
	}
	for _, tc := range tests {
		t.Run(tc.spec, func(t *testing.T) {
			spec, err := ParseSpec(tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			cfg := spec.Terminal
			cfg.Now = func() time.Time { return now }
			_, l, _, err := probeSim(t, cfg)
			if err != nil {
				t.Fatal(err)
			}
			st, err := l.Status(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantFW != "" && st.Firmware != tc.wantFW {
				t.Errorf("firmware %q, want %q", st.Firmware, tc.wantFW)
			}
			if tc.wantOffset != 0 && st.Clock.Sub(now) != tc.wantOffset {
				t.Errorf("clock off by %v, want %v", st.Clock.Sub(now), tc.wantOffset)
			}
		})
	}
}

func TestParseSpec(t *testing.T) {
	tests := []struct {
		spec  string
		check func(Spec) bool
	}{
		{"", func(s Spec) bool {
			return s.Terminal.Scenario == ScenarioHealthy && !s.NoDevice && s.Host.Fault == HostHealthy
		}},
		{"no-device", func(s Spec) bool { return s.NoDevice }},
		{"port-busy,code=55", func(s Spec) bool { return s.PortBusy && s.Terminal.Code == "55" && s.Terminal.Scenario == ScenarioCode }},
		{"silent", func(s Spec) bool { return s.Terminal.Scenario == ScenarioSilent }},
		{"ecrhub", func(s Spec) bool { return s.Terminal.Scenario == ScenarioECRHub }},
		{"host-delay=8", func(s Spec) bool { return s.Host.Fault == HostSlow && s.Host.Delay == 8*time.Second }},
		{"host-delay=0.5", func(s Spec) bool { return s.Host.Delay == 500*time.Millisecond }},
		{"host-slow", func(s Spec) bool { return s.Host.Fault == HostSlow && s.Host.Delay == defaultHostSlow }},
		{"host-refuse, not-signed-in", func(s Spec) bool {
			return s.Host.Fault == HostRefuse && s.Terminal.Scenario == ScenarioNotSignedIn
		}},
	}
	for _, tc := range tests {
		t.Run(tc.spec, func(t *testing.T) {
			s, err := ParseSpec(tc.spec)
			if err != nil || !tc.check(s) {
				t.Errorf("ParseSpec(%q) = %+v, %v", tc.spec, s, err)
			}
		})
	}
	for _, bad := range []string{"broken", "host-nope", "clock-off=x", "clock-off=0", "host-delay=-1", "firmware=", "code=123", "silent=1"} {
		if _, err := ParseSpec(bad); !errors.Is(err, ErrUnknownFault) && !errors.Is(err, ErrBadCode) {
			t.Errorf("ParseSpec(%q) error = %v, want ErrUnknownFault", bad, err)
		}
	}
}

// TestFaultsAllParse: every fault listed parses (parametrised ones with a
// sample value), and every scenario and host fault is listed.
func TestFaultsAllParse(t *testing.T) {
	samples := map[string]string{"code=NN": "code=12", "clock-off=MIN": "clock-off=5", "firmware=VERSION": "firmware=V1",
		"host-delay=SECONDS": "host-delay=4"}
	seen := map[string]bool{}
	for _, f := range Faults() {
		if seen[f.Name] {
			t.Errorf("%s listed twice", f.Name)
		}
		seen[f.Name] = true
		spec := f.Name
		if s, ok := samples[f.Name]; ok {
			spec = s
		}
		if _, err := ParseSpec(spec); err != nil {
			t.Errorf("listed fault %q does not parse: %v", spec, err)
		}
		if !strings.HasPrefix(f.Key, "device.sim.") {
			t.Errorf("%s key %q", f.Name, f.Key)
		}
	}
	for _, s := range Scenarios() {
		if !seen[s.Name] {
			t.Errorf("scenario %s not listed", s.Name)
		}
	}
	for f := HostHealthy + 1; f <= HostCloseAfter; f++ {
		if !seen["host-"+f.String()] {
			t.Errorf("host fault %s not listed", f)
		}
	}
	for _, w := range []string{"no-device", "port-busy", "code=NN", "host-delay=SECONDS"} {
		if !seen[w] {
			t.Errorf("%s not listed", w)
		}
	}
}

func TestBusyOpener(t *testing.T) {
	open := BusyOpener("/dev/pts/99")
	_, err := open("/dev/pts/99", 115200)
	var pe *device.PortError
	if !errors.As(err, &pe) || pe.Kind != device.PortBusy || pe.Holder != busyHolder {
		t.Fatalf("open = %v, want a busy PortError", err)
	}
	if s, _ := device.StateOf(err); s != device.StatePortFailed {
		t.Errorf("state %v, want port-failed", s)
	}
}
