package sim

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"go.bug.st/serial"

	"posdoctor/device"
	"posdoctor/device/internal/wire"
	"posdoctor/device/unionpay"
)

func TestScenarios(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Scenarios() {
		if seen[s.Name] {
			t.Errorf("scenario %q listed twice", s.Name)
		}
		seen[s.Name] = true
		if s.Key != "device.sim."+s.Name {
			t.Errorf("scenario %q key = %q", s.Name, s.Key)
		}
	}
	if len(seen) != 18 {
		t.Errorf("got %d scenarios, want 18", len(seen))
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name    string
		cfg     TerminalConfig
		wantErr error
	}{
		{name: "unknown scenario", cfg: TerminalConfig{Scenario: "broken-screen"}, wantErr: ErrUnknownScenario},
		{name: "three-character code", cfg: TerminalConfig{Scenario: ScenarioCode, Code: "123"}, wantErr: ErrBadCode},
		{name: "short TID", cfg: TerminalConfig{TID: "123"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			term, err := NewTerminal(tc.cfg)
			if err == nil {
				term.Close()
				t.Fatal("NewTerminal succeeded, want an error")
			}
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Errorf("NewTerminal error = %v, want %v", err, tc.wantErr)
			}
		})
	}
}

func TestSaleResponseDecodes(t *testing.T) {
	at := time.Date(2026, 11, 25, 12, 34, 56, 0, time.Local)
	tests := []struct {
		code        string
		wantSignIn  bool
		wantAuthSet bool
	}{
		{code: "00", wantAuthSet: true},
		{code: "12"},
		{code: "A0", wantSignIn: true},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			raw, err := saleResponse(tc.code, "10023456", "898110012345678", []byte{0x60, 0, 3, 0, 0}, at)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(raw, []byte{0x60, 0x00, 0x00, 0x00, 0x03}) {
				t.Errorf("TPDU % X, want the reply's 60 00 00 00 03", raw[:5])
			}
			d, err := unionpay.Decode(raw)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if d.Code != tc.code || d.MTI != "0210" {
				t.Errorf("decoded MTI %s code %q, want 0210 %q", d.MTI, d.Code, tc.code)
			}
			if out, masked := device.MaskISO(raw); masked || !bytes.Equal(out, raw) {
				t.Errorf("MaskISO changed the reply: it must carry no card number")
			}
			if got := raw[5+2] == 0x03; got != tc.wantSignIn {
				t.Errorf("header asks for sign-in = %v, want %v", got, tc.wantSignIn)
			}
		})
	}
}

func TestPlugUnplug(t *testing.T) {
	term, err := NewPTYTerminal(TerminalConfig{})
	if errors.Is(err, ErrUnsupported) {
		t.Skip("no pseudo-terminals here (device nodes); pipe_test.go covers the pipe's plug and unplug")
	}
	if err != nil {
		t.Fatal(err)
	}
	first := term.Path()
	if _, err := os.Stat(first); err != nil {
		t.Fatalf("device node %s: %v", first, err)
	}
	if err := term.Unplug(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(first); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after Unplug, %s: %v; want gone", first, err)
	}
	if err := term.Plug(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(term.Path()); err != nil {
		t.Errorf("after Plug, %s: %v", term.Path(), err)
	}
	if err := term.Close(); err != nil {
		t.Fatal(err)
	}
	if err := term.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := term.Plug(); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Plug after Close error = %v, want os.ErrClosed", err)
	}
}

// TestWire drives the terminal byte by byte through the real serial
// library, as a cash register would.
func TestWire(t *testing.T) {
	term, err := NewPTYTerminal(TerminalConfig{})
	if errors.Is(err, ErrUnsupported) {
		t.Skip("no pseudo-terminals here: the serial library cannot open the in-process pipe; pipe_test.go drives it through device.Link")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	p, err := serial.Open(term.Path(), &serial.Mode{BaudRate: 9600})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.SetReadTimeout(2 * time.Second)
	read := func(n int) []byte {
		t.Helper()
		b := make([]byte, n)
		if _, err := io.ReadFull(p, b); err != nil {
			t.Fatalf("read %d bytes: %v", n, err)
		}
		return b
	}

	// A damaged frame is NAKed.
	bad, _ := wire.AppendFrame(nil, wire.MarshalRequest(wire.CmdStatus))
	bad[len(bad)-1] ^= 0xFF
	p.Write(bad)
	if got := read(1); got[0] != wire.NAK {
		t.Fatalf("reply to a bad LRC = % X, want NAK", got)
	}
	// A good one gets ACK, then a status frame, which we ACK.
	writeFrame(t, p, wire.MarshalRequest(wire.CmdStatus))
	if got := read(1); got[0] != wire.ACK {
		t.Fatalf("reply = % X, want ACK", got)
	}
	data, skipped, err := wire.ReadFrame(p)
	if err != nil || skipped != 0 {
		t.Fatalf("ReadFrame: %v (skipped %d)", err, skipped)
	}
	p.Write([]byte{wire.ACK})
	s, err := device.UnmarshalStatus(data)
	if err != nil {
		t.Fatal(err)
	}
	if s.Firmware != CurrentFirmware || s.TID != "10023456" {
		t.Errorf("status firmware %q TID %q, want %q 10023456", s.Firmware, s.TID, CurrentFirmware)
	}
	// A new request instead of the ACK is not lost.
	writeFrame(t, p, wire.MarshalRequest(wire.CmdStatus))
	read(1)
	if _, _, err := wire.ReadFrame(p); err != nil {
		t.Fatal(err)
	}
	writeFrame(t, p, wire.MarshalRequest(wire.CmdSignIn)) // no ACK before it
	if got := read(1); got[0] != wire.ACK {
		t.Fatalf("reply to a request sent instead of an ACK = % X, want ACK", got)
	}
	data, _, err = wire.ReadFrame(p)
	if err != nil {
		t.Fatal(err)
	}
	p.Write([]byte{wire.ACK})
	if _, err := device.UnmarshalSignIn(data); err != nil {
		t.Errorf("sign-in reply: %v", err)
	}
	// An unknown command is refused, not ignored.
	writeFrame(t, p, wire.AppendTLV(nil, wire.TLV{Tag: wire.TagCommand, Value: []byte{0x7F}}))
	read(1)
	data, _, err = wire.ReadFrame(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := device.UnmarshalStatus(data); !errors.Is(err, device.ErrRejected) {
		t.Errorf("unknown command reply error = %v, want ErrRejected", err)
	}
}

// writeFrame writes data to w as one frame, as the app's link does.
func writeFrame(t *testing.T, w io.Writer, data []byte) {
	t.Helper()
	f, err := wire.AppendFrame(nil, data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(f); err != nil {
		t.Fatal(err)
	}
}
