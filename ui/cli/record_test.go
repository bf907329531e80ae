//go:build !windows

package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"posdoctor/device"
	"posdoctor/device/sim"
	"posdoctor/store"
	"posdoctor/ui/checks"
	"posdoctor/ui/i18n"
	"posdoctor/ui/journal"
	"posdoctor/wizard"
)

// The simulated terminal's status, as device/sim reports it.
const (
	simModel  = "POS Doctor SIM-1"
	simSerial = "SIM0001234567"
)

// simTerminal starts the healthy simulated world and points env's checks
// at it as if it were a real terminal on a real port (the network stays
// on loopback). It returns the terminal's port.
func simTerminal(t *testing.T, env *Env) string {
	t.Helper()
	w, err := sim.Start("healthy")
	if err != nil {
		t.Skipf("no simulated terminal here: %v", err)
	}
	t.Cleanup(w.Close)
	loopbackChecks(env)
	loopback := env.Deps.TuneChecks
	env.Deps.TuneChecks = func(c *checks.Config) {
		loopback(c)
		configureSim(c, w)
	}
	return w.Port()
}

// wantTerminalRecorded checks that the history in env.DataDir holds the
// simulated terminal as the GUI records it: keyed by its serial number,
// with model, serial, port and a status snapshot.
func wantTerminalRecorded(t *testing.T, env *Env, port string) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(env.DataDir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	term, err := db.Terminal(simSerial)
	if err != nil {
		t.Fatalf("terminal %s in the history: %v", simSerial, err)
	}
	if term.Model != simModel || term.Serial != simSerial || term.Port != port {
		t.Errorf("recorded terminal = %+v; want model %q, serial %q, port %q", term, simModel, simSerial, port)
	}
	snaps, err := db.Snapshots(simSerial, 0)
	if err != nil || len(snaps) == 0 || snaps[0].Versions["firmware"] == "" || snaps[0].LastSignIn.IsZero() {
		t.Errorf("snapshots = %+v, %v; want one with firmware and last sign-in", snaps, err)
	}
	return db
}

// TestCheckRecordsTerminal: `check` against a terminal records it in the
// history, as the GUI's Home does; `check --sim` is practice and writes
// nothing.
func TestCheckRecordsTerminal(t *testing.T) {
	env, out, errb := storeEnv(t, i18n.English)
	port := simTerminal(t, env)
	Run(context.Background(), env, []string{"check", "--timeout", "3s"})
	if !strings.Contains(out.String(), simModel) {
		t.Fatalf("check did not read the terminal:\n%s\n%s", out, errb)
	}
	wantTerminalRecorded(t, env, port)

	sim, _, _ := storeEnv(t, i18n.English)
	loopbackChecks(sim)
	Run(context.Background(), sim, []string{"check", "--sim", "healthy", "--timeout", "3s"})
	if _, err := os.Stat(filepath.Join(sim.DataDir, store.FileName)); err == nil {
		t.Errorf("check --sim wrote a history file")
	}
}

// TestDiagnoseRecordsTerminal: a diagnosis records the terminal it ran on
// and saves the session under it, so its report names the terminal.
func TestDiagnoseRecordsTerminal(t *testing.T) {
	env, out, errb := diagnoseEnv(t, i18n.English, strings.Repeat("1\n", 12))
	port := simTerminal(t, env)
	env.Deps.Registry = func(ctx context.Context, env *Env, opts RegistryOptions) (*wizard.Registry, func(), error) {
		if opts.Journal == nil {
			t.Error("diagnose with a history gave the registry no journal")
		}
		return deviceRegistry(ctx, env, opts)
	}
	Run(context.Background(), env, []string{"diagnose"})
	db := wantTerminalRecorded(t, env, port)
	page, err := db.Sessions(store.Query{})
	if err != nil || len(page.Sessions) != 1 {
		t.Fatalf("sessions = %+v, %v; want one\n%s\n%s", page.Sessions, err, out, errb)
	}
	rec := page.Sessions[0]
	if rec.Terminal != simSerial {
		t.Errorf("session saved under terminal %q; want %q", rec.Terminal, simSerial)
	}
	rec, doc, err := db.Session(rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rs := journal.ReportSession(db, rec, doc); rs.Terminal.Model != simModel || rs.Terminal.Firmware == "" {
		t.Errorf("report terminal = %+v; want the model and firmware recorded", rs.Terminal)
	}
}

// TestCheckWithHistoryHeld: with the history open elsewhere (the window,
// which records the terminal itself), check runs as usual and says
// nothing about the history.
func TestCheckWithHistoryHeld(t *testing.T) {
	env, out, errb := storeEnv(t, i18n.English)
	simTerminal(t, env)
	held, err := store.Open(filepath.Join(env.DataDir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	Run(context.Background(), env, []string{"check", "--timeout", "3s"})
	if !strings.Contains(out.String(), simModel) {
		t.Errorf("check did not read the terminal:\n%s", out)
	}
	if s := errb.String(); strings.Contains(s, env.Tr.T("store.inuse")) {
		t.Errorf("stderr speaks of the history:\n%s", s)
	}
	if _, err := held.Terminal(simSerial); err == nil {
		t.Errorf("the terminal was recorded in a history another process holds")
	}
}

// TestCLIKeysTerminalAsTheGUIDoes: when detection sees the terminal on USB,
// check and diagnose file it under its USB identity, the key the GUI uses
// (journal.KeyOf), not under the serial number it reports, so one
// terminal has one history whichever of them saw it.
func TestCLIKeysTerminalAsTheGUIDoes(t *testing.T) {
	const usbSerial = "USB-SN-0001"
	for _, cmd := range []string{"check", "diagnose"} {
		t.Run(cmd, func(t *testing.T) {
			env, out, errb := diagnoseEnv(t, i18n.English, strings.Repeat("1\n", 12))
			port := simTerminal(t, env)
			lister := fakeDeviceLister{{Name: port, IsUSB: true, VID: "11CA", PID: "0220", Serial: usbSerial}}
			env.Deps.Lister = lister
			cands, err := device.Detect(context.Background(), lister)
			if err != nil || journal.KeyOf(cands) != usbSerial {
				t.Fatalf("the GUI's key for this terminal = %q (%v); the test expects %q", journal.KeyOf(cands), err, usbSerial)
			}
			args := []string{cmd}
			if cmd == "check" {
				args = append(args, "--timeout", "3s")
			}
			Run(context.Background(), env, args)
			db, err := store.Open(filepath.Join(env.DataDir, store.FileName))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			term, err := db.Terminal(usbSerial)
			if err != nil || term.Serial != simSerial || term.Model != simModel {
				t.Fatalf("terminal under %s = %+v, %v; want the simulator's serial and model\n%s\n%s", usbSerial, term, err, out, errb)
			}
			if _, err := db.Terminal(simSerial); err == nil {
				t.Errorf("the terminal was also filed under its reported serial %s", simSerial)
			}
			if cmd == "diagnose" {
				page, err := db.Sessions(store.Query{})
				if err != nil || len(page.Sessions) != 1 || page.Sessions[0].Terminal != usbSerial {
					t.Errorf("sessions = %+v, %v; want one under %s", page.Sessions, err, usbSerial)
				}
			}
		})
	}
}
