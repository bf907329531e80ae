//go:build !windows

package cli

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/netip"
	"strings"
	"testing"

	"posdoctor/device"
	"posdoctor/device/netcheck"
	"posdoctor/ui/checks"
	"posdoctor/wizard"
)

// loopbackChecks keeps every network check of a test on 127.0.0.0/8: a
// fake interface, a gateway at 127.0.0.1, a fixed resolver, no serial
// ports, and a dialer that refuses anything but loopback.
func loopbackChecks(env *Env) {
	env.Deps.TuneChecks = func(c *checks.Config) {
		c.Interfaces = func(string) ([]netcheck.Interface, error) {
			return []netcheck.Interface{{Name: "eth0", Up: true, Medium: netcheck.MediumWired,
				Addrs: []netip.Prefix{netip.MustParsePrefix("192.0.2.10/24")}}}, nil
		}
		c.Routes = func(context.Context) ([]netcheck.Route, error) {
			return []netcheck.Route{{Iface: "eth0", Dest: netip.MustParsePrefix("0.0.0.0/0"), Gateway: netip.MustParseAddr("127.0.0.1")}}, nil
		}
		c.Nameservers = func() ([]string, error) { return []string{"127.0.0.53"}, nil }
		c.Resolver = noResolver{}
		c.Lister = noPorts{}
		c.Dialer = loopbackDialer{}
	}
}

type noResolver struct{}

func (noResolver) LookupHost(_ context.Context, host string) ([]string, error) {
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

type noPorts struct{}

func (noPorts) Ports() ([]device.PortInfo, error) { return nil, nil }

type loopbackDialer struct{}

func (loopbackDialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	ap, err := netip.ParseAddrPort(address)
	if err != nil || !ap.Addr().IsLoopback() || !ap.Addr().Is4() {
		return nil, errors.New("test dialer: not a loopback address")
	}
	return (&net.Dialer{}).DialContext(ctx, network, address)
}

func TestCheckCommand(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantExit int
		wantOut  []string // substrings of Stdout
	}{
		{"healthy world passes", []string{"--sim", "healthy", "--timeout", "2s"}, ExitOK, []string{"[OK] Host echo test", "Tested from (this till PC)", "Everything passed."}},
		{"silent host fails", []string{"--sim", "host-silent", "--timeout", "500ms"}, ExitProblem, []string{"[Problem] Host echo test", "never answered"}},
		{"not signed in", []string{"--sim", "not-signed-in", "--timeout", "2s"}, ExitProblem, []string{"[Problem] Sign-in"}},
		{"declined last sale", []string{"--sim", "code=51", "--timeout", "2s"}, ExitProblem, []string{"[Problem] Last transaction", "Response code: 51"}},
		{"override host refused", []string{"--sim", "healthy", "--host", "127.0.0.1:1", "--timeout", "2s"}, ExitProblem, []string{"[Problem] Connection to the payment host", "the command line"}},
		{"silent terminal is unreadable, not broken", []string{"--sim", "silent", "--timeout", "3s"}, ExitOK, []string{"status cannot be read from the PC"}},
		{"ECR Hub terminal answers", []string{"--sim", "ecrhub", "--timeout", "3s"}, ExitOK, []string{"[OK] Terminal status", "CodePay"}},
		{"port held by another program", []string{"--sim", "port-busy", "--timeout", "2s"}, ExitProblem, []string{"SimCashier"}},
		{"no device at all", []string{"--sim", "no-device", "--timeout", "2s"}, ExitProblem, []string{"No card terminal found"}},
		{"host slower than the deadline", []string{"--sim", "host-delay=5", "--timeout", "1s"}, ExitProblem, []string{"[Problem] Host echo test"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, errb := storeEnv(t, "en")
			loopbackChecks(env)
			got := Run(context.Background(), env, append([]string{"check"}, tt.args...))
			if got != tt.wantExit {
				t.Errorf("check %v exit = %d; want %d\nstdout:\n%s\nstderr:\n%s", tt.args, got, tt.wantExit, out, errb)
			}
			for _, s := range tt.wantOut {
				if !strings.Contains(out.String(), s) {
					t.Errorf("check %v output lacks %q:\n%s", tt.args, s, out)
				}
			}
		})
	}
}

func TestCheckJSON(t *testing.T) {
	env, out, _ := storeEnv(t, "zh-Hans")
	loopbackChecks(env)
	if got := Run(context.Background(), env, []string{"check", "--sim", "healthy", "--json"}); got != ExitOK {
		t.Fatalf("check --json exit = %d; want %d\n%s", got, ExitOK, out)
	}
	var rep checkReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("check --json output does not parse: %v\n%s", err, out)
	}
	if !rep.OK || len(rep.Checks) != 15 {
		t.Errorf("report ok %v with %d checks; want true with 15", rep.OK, len(rep.Checks))
	}
	for _, c := range rep.Checks {
		want := wizard.Pass
		if c.ID == wizard.CheckTerminalFirmware {
			want = wizard.Skipped // no published minimum for the model: cannot judge, never "up to date"
		}
		if c.Outcome != want || c.Summary == c.Key {
			t.Errorf("%s = %v %q (key %s); want %v with words", c.ID, c.Outcome, c.Summary, c.Key, want)
		}
	}
}

func TestCheckBadArguments(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"unknown flag", []string{"--bogus"}},
		{"stray argument", []string{"now"}},
		{"bad host", []string{"--host", "nohost"}},
		{"zero timeout", []string{"--timeout", "0s"}},
		{"bad duration", []string{"--timeout", "soon"}},
		{"unknown scenario", []string{"--sim", "meltdown"}},
		{"unknown host fault", []string{"--sim", "host-melt"}},
		{"bad host delay", []string{"--sim", "host-delay=soon"}},
		{"bad clock offset", []string{"--sim", "clock-off=x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, errb := storeEnv(t, "en")
			loopbackChecks(env)
			if got := Run(context.Background(), env, append([]string{"check"}, tt.args...)); got != ExitUsage {
				t.Errorf("check %v exit = %d; want %d\nstdout:\n%s\nstderr:\n%s", tt.args, got, ExitUsage, out, errb)
			}
			// A bad --sim name lists every valid one.
			if tt.args[0] == "--sim" {
				for _, want := range []string{"no-device", "port-busy", "silent", "ecrhub", "code=NN", "host-delay=SECONDS", "host-refuse"} {
					if !strings.Contains(errb.String(), want) {
						t.Errorf("check %v stderr lacks %q:\n%s", tt.args, want, errb)
					}
				}
			}
		})
	}
}

func TestDeviceRegistryWithSim(t *testing.T) {
	env := &Env{}
	loopbackChecks(env)
	reg, release, err := deviceRegistry(context.Background(), env, RegistryOptions{Sim: "keys-bad"})
	if err != nil {
		t.Fatalf("deviceRegistry: %v", err)
	}
	defer release()
	res := reg.Run(context.Background(), wizard.CheckTerminalLastTxn, checks.DefaultTimeout)
	if res.Code != "A0" {
		t.Errorf("terminal.lasttxn code = %q (%s); want A0", res.Code, res.Summary)
	}
}

// TestOptionsSaidInTheUsersLanguage: check and diagnose say a bad option in
// the user's words, then the usage; --help is not an error.
func TestOptionsSaidInTheUsersLanguage(t *testing.T) {
	for _, cmd := range []string{"check", "diagnose"} {
		for _, lang := range []string{"zh-Hans", "en"} {
			env, _, errb := storeEnv(t, lang)
			if got := Run(context.Background(), env, []string{cmd, "--bogus"}); got != ExitUsage {
				t.Errorf("%s --bogus (%s) exit %d, want %d", cmd, lang, got, ExitUsage)
			}
			prefix, _, _ := strings.Cut(env.Tr.T("storebranch.cli.badflag", "err", "\x00"), "\x00")
			if !strings.HasPrefix(errb.String(), prefix) || !strings.Contains(errb.String(), "-timeout") && cmd == "check" {
				t.Errorf("%s --bogus (%s) said:\n%s", cmd, lang, errb)
			}
			env, _, errb = storeEnv(t, lang)
			if got := Run(context.Background(), env, []string{cmd, "--help"}); got != ExitOK || errb.Len() == 0 {
				t.Errorf("%s --help (%s) exit %d, said %q", cmd, lang, got, errb)
			}
		}
	}
}
