package unionpay

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/moov-io/iso8583"
	"github.com/moov-io/iso8583/prefix"

	"posdoctor/wizard/pan"
)

// vendorHeader is what public captures of real terminals carry instead of
// zeros in the header's reserved bytes.
var vendorHeader = Header{AppType: "60", Version: "31", Reserved: "31FFF1"}

// logMsg is one message of the constructed logs: when, which way, bytes.
type logMsg struct {
	at   time.Time
	send bool
	b    []byte
}

// logSession builds the day the log layouts show: sign-in, an approved
// sale, a sale declined with 12 (vendor header bytes), an echo, and a sale
// that got no reply.
func logSession(t *testing.T) []logMsg {
	t.Helper()
	at := func(h, m, s, ms int) time.Time {
		return time.Date(2026, 11, 25, h, m, s, ms*int(time.Millisecond), time.UTC)
	}
	frame := func(tp TPDU, h Header, m *iso8583.Message) []byte { return frameOf(t, tp, h, m) }
	signin := must(NewSignIn(testTerminal, 1))
	keys := bytes.Repeat([]byte{0x5A, 0xA5, 0x3C, 0xC3}, 6)
	sale := func(trace int, fen int64) *iso8583.Message {
		return must(NewSale(testTerminal, trace, Sale{AmountFen: fen, PAN: testPAN, Expiry: "2812",
			PINBlock: []byte{0x3A, 0x91, 0x5C, 0x07, 0xE2, 0x44, 0x18, 0xB6}, MAC: []byte{0x41, 0x42, 0x43, 0x44, 0x31, 0x32, 0x33, 0x34}}))
	}
	ok := sale(122, 8800)
	bad := sale(123, 12800)
	echo := must(NewEcho(testTerminal, 124))
	lost := sale(125, 500)
	return []logMsg{
		{at(9, 0, 1, 100), true, frame(DefaultTPDU, DefaultHeader, signin)},
		{at(9, 0, 1, 420), false, frame(DefaultTPDU.Reply(), DefaultHeader,
			must(NewResponse(signin, Reply{Code: "00", Time: at(9, 0, 1, 0), RRN: "090001000001", Keys: keys})))},
		{at(14, 3, 20, 5), true, frame(DefaultTPDU, vendorHeader, ok)},
		{at(14, 3, 21, 250), false, frame(DefaultTPDU.Reply(), vendorHeader,
			must(NewResponse(ok, Reply{Code: "00", Time: at(14, 3, 21, 0), RRN: "140321000122", AuthCode: "A1B2C3"})))},
		{at(14, 3, 26, 512), true, frame(DefaultTPDU, vendorHeader, bad)},
		{at(14, 3, 27, 16), false, frame(DefaultTPDU.Reply(), vendorHeader,
			must(NewResponse(bad, Reply{Code: "12", Time: at(14, 3, 27, 0), RRN: "140327000123"})))},
		{at(14, 5, 0, 0), true, frame(DefaultTPDU, DefaultHeader, echo)},
		{at(14, 5, 0, 180), false, frame(DefaultTPDU.Reply(), DefaultHeader, must(NewResponse(echo, Reply{Code: "00", Time: at(14, 5, 0, 0)})))},
		{at(14, 9, 40, 0), true, frame(DefaultTPDU, DefaultHeader, lost)},
	}
}

func hexSpaced(b []byte, upper bool) string {
	f := "%02x"
	if upper {
		f = "%02X"
	}
	parts := make([]string, len(b))
	for i, c := range b {
		parts[i] = fmt.Sprintf(f, c)
	}
	return strings.Join(parts, " ")
}

func chunks(b []byte, n int) [][]byte {
	var out [][]byte
	for len(b) > n {
		out = append(out, b[:n])
		b = b[n:]
	}
	return append(out, b)
}

// logLayouts write the session the way real tools do; each is modelled on
// public examples of POS and cash-register integration logs.
var logLayouts = []struct {
	name  string
	write func(w *strings.Builder, msgs []logMsg)
}{
	// An ECR integration: a bracketed time, a level, an arrow and a
	// length on one line, the dump below it 16 bytes a line.
	{"ecr_arrows", func(w *strings.Builder, msgs []logMsg) {
		fmt.Fprintln(w, "[2026-11-25 08:59:58.000] [INFO] ECR bridge started, port COM3")
		for _, m := range msgs {
			arrow, word := ">>", "SEND"
			if !m.send {
				arrow, word = "<<", "RECV"
			}
			fmt.Fprintf(w, "[%s] [INFO] %s %s(%d):\n", m.at.Format("2006-01-02 15:04:05.000"), arrow, word, len(m.b))
			for _, c := range chunks(m.b, 16) {
				fmt.Fprintln(w, hexSpaced(c, true)+" ")
			}
			fmt.Fprintf(w, "[%s] [DEBUG] socket state ok, bytes %d\n", m.at.Format("2006-01-02 15:04:05.000"), len(m.b))
		}
	}},
	// A terminal's own trace: time and direction on every line.
	{"stamp_every_line", func(w *strings.Builder, msgs []logMsg) {
		for _, m := range msgs {
			tag := "[SEND]"
			if !m.send {
				tag = "[RECV]"
			}
			for i, c := range chunks(m.b, 16) {
				fmt.Fprintf(w, "%s %s %s\n", m.at.Add(time.Duration(i)*16*time.Millisecond).Format("2006-01-02 15:04:05.000"), tag, hexSpaced(c, false))
			}
		}
	}},
	// hexdump -C blocks under a Chinese banner line.
	{"hexdump_banner_zh", func(w *strings.Builder, msgs []logMsg) {
		for _, m := range msgs {
			word := "发送报文"
			if !m.send {
				word = "接收报文"
			}
			fmt.Fprintf(w, "----- %s %s 长度=%d -----\n", word, m.at.Format("2006-01-02 15:04:05"), len(m.b))
			w.WriteString(hexdumpC(m.b))
			fmt.Fprintln(w)
		}
	}},
	// One line per message, the hex unbroken.
	{"single_line_txrx", func(w *strings.Builder, msgs []logMsg) {
		for _, m := range msgs {
			dir := "TX"
			if !m.send {
				dir = "RX"
			}
			fmt.Fprintf(w, "%s %s:%X\n", m.at.Format("15:04:05.000"), dir, m.b)
			fmt.Fprintf(w, "%s state=%d wait 60s\n", m.at.Format("15:04:05.000"), len(m.b))
		}
	}},
	// xxd output under ">>> send" / "<<< recv" lines.
	{"xxd_arrows", func(w *strings.Builder, msgs []logMsg) {
		for _, m := range msgs {
			head := ">>> send"
			if !m.send {
				head = "<<< recv"
			}
			fmt.Fprintf(w, "%s %s\n", head, m.at.Format("2006-01-02T15:04:05.000"))
			w.WriteString(xxd(m.b))
		}
	}},
	// Android logcat of a payment app: process and thread IDs before the
	// tag, the whole dump on one line after 发送/接收.
	{"logcat_zh", func(w *strings.Builder, msgs []logMsg) {
		for _, m := range msgs {
			word := "发送"
			if !m.send {
				word = "接收"
			}
			fmt.Fprintf(w, "%s  1834  1902 I PosTrans: trace 000123 amount 12800\n", m.at.Format("01-02 15:04:05.000"))
			fmt.Fprintf(w, "%s  1834  1902 D PosComm : %s[%d]: %s\n", m.at.Format("01-02 15:04:05.000"), word, len(m.b), hexSpaced(m.b, true))
		}
	}},
	// A capture of the TCP stream in both directions, no words at all:
	// frames back to back in one offset dump.
	{"tcp_stream", func(w *strings.Builder, msgs []logMsg) {
		var all []byte
		for _, m := range msgs {
			all = append(all, m.b...)
		}
		for off, c := range chunks(all, 16) {
			fmt.Fprintf(w, "%04X: %s\n", off*16, hexSpaced(c, true))
		}
	}},
}

// xxd writes b as `xxd` does.
func xxd(b []byte) string {
	var s strings.Builder
	for off := 0; off < len(b); off += 16 {
		end := min(off+16, len(b))
		fmt.Fprintf(&s, "%08x:", off)
		for i := off; i < off+16; i += 2 {
			switch {
			case i+1 < end:
				fmt.Fprintf(&s, " %02x%02x", b[i], b[i+1])
			case i < end:
				fmt.Fprintf(&s, " %02x  ", b[i])
			default:
				s.WriteString("     ")
			}
		}
		s.WriteString("  ")
		for _, c := range b[off:end] {
			if c < 0x20 || c >= 0x7F {
				c = '.'
			}
			s.WriteByte(c)
		}
		s.WriteString("\n")
	}
	return s.String()
}

// TestReadLogGolden reads every constructed layout and compares the
// timeline, as JSON, with testdata/logs/<layout>.golden; -update rewrites
// the logs and the golden files.
func TestReadLogGolden(t *testing.T) {
	msgs := logSession(t)
	for _, l := range logLayouts {
		t.Run(l.name, func(t *testing.T) {
			path := filepath.Join("testdata", "logs", l.name+".log")
			if *update {
				var w strings.Builder
				l.write(&w, msgs)
				if err := os.WriteFile(path, []byte(w.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			lg, err := ReadLog(f, LogLimits{})
			if err != nil {
				t.Fatalf("ReadLog error %v; want none", err)
			}
			got, err := json.MarshalIndent(lg, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			if bytes.Contains(got, []byte(testPAN)) {
				t.Errorf("timeline holds the full card number")
			}
			gpath := filepath.Join("testdata", "logs", l.name+".golden")
			if *update {
				if err := os.WriteFile(gpath, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(gpath)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("timeline differs from %s (-want +got):\n%s", gpath, diff)
			}
		})
	}
}

// TestReadLogTimeline checks each layout against the session it was built
// from, without golden files: every message found, in order, with its
// time (where the layout has one), direction (where it says), pairs and
// the newest failure.
func TestReadLogTimeline(t *testing.T) {
	msgs := logSession(t)
	for _, l := range logLayouts {
		t.Run(l.name, func(t *testing.T) {
			var w strings.Builder
			l.write(&w, msgs)
			lg, err := ReadLog(strings.NewReader(w.String()), LogLimits{})
			if err != nil {
				t.Fatalf("ReadLog error %v", err)
			}
			if len(lg.Entries) != len(msgs) {
				t.Fatalf("found %d messages; want %d\n%s", len(lg.Entries), len(msgs), w.String())
			}
			wantMTI := []string{"0800", "0810", "0200", "0210", "0200", "0210", "0820", "0830", "0200"}
			wantPair := []int{1, 0, 3, 2, 5, 4, 7, 6, -1}
			for i, e := range lg.Entries {
				if e.MTI != wantMTI[i] || e.Pair != wantPair[i] {
					t.Errorf("entry %d: MTI %s, pair %d; want %s, %d", i, e.MTI, e.Pair, wantMTI[i], wantPair[i])
				}
				if l.name == "tcp_stream" {
					continue // no words: no time, no direction
				}
				wantDir := DirRecv
				if msgs[i].send {
					wantDir = DirSend
				}
				if e.Dir != wantDir {
					t.Errorf("entry %d: direction %q; want %q", i, e.Dir, wantDir)
				}
				if !strings.Contains(e.Time, msgs[i].at.Format("15:04:05")) {
					t.Errorf("entry %d: time %q; want it to hold %s", i, e.Time, msgs[i].at.Format("15:04:05"))
				}
			}
			f, ok := lg.NewestFailed()
			if !ok || f.Code != "12" || f.Trace != "000123" || f.AmountFen != 12800 || f.Card != pan.Mask(testPAN) {
				t.Errorf("NewestFailed = %+v, %v; want the 12 of trace 000123, 128.00, masked card", f, ok)
			}
		})
	}
}

// TestReadLogLimit: input past the byte limit stops with ErrLogTooLarge
// and what was read so far, even when the input never ends.
func TestReadLogLimit(t *testing.T) {
	lg, err := ReadLog(endless{}, LogLimits{MaxBytes: 1 << 20})
	if !errors.Is(err, ErrLogTooLarge) {
		t.Fatalf("ReadLog(endless) error %v; want ErrLogTooLarge", err)
	}
	if lg == nil || lg.Bytes != 1<<20 {
		t.Fatalf("ReadLog(endless) read %v; want 1 MiB", lg)
	}
}

type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "0123456789abcdef \n"[i%18]
	}
	return len(p), nil
}

// TestReadLogKeepsNewest: past MaxEntries, the oldest messages go and the
// pairs still point right.
func TestReadLogKeepsNewest(t *testing.T) {
	msgs := logSession(t)
	var w strings.Builder
	for range 5 {
		logLayouts[1].write(&w, msgs)
	}
	lg, err := ReadLog(strings.NewReader(w.String()), LogLimits{MaxEntries: 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(lg.Entries) != 4 || lg.Dropped != 5*len(msgs)-4 {
		t.Fatalf("kept %d, dropped %d; want 4, %d", len(lg.Entries), lg.Dropped, 5*len(msgs)-4)
	}
	for i, e := range lg.Entries {
		if e.Pair >= len(lg.Entries) || e.Pair >= 0 && lg.Entries[e.Pair].Pair != i {
			t.Errorf("entry %d pair %d does not point back", i, e.Pair)
		}
	}
}

// FuzzReadLog: any input, read whole or one byte at a time, gives the same
// timeline, never panics, keeps pairs symmetric, and shows no card number
// with more than 10 digits in clear.
func FuzzReadLog(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join("testdata", "logs", "*.log"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no seed logs: %v", err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		// Small seeds keep the mutator quick: the first messages of each
		// layout.
		f.Add(b[:min(len(b), 1024)])
	}
	f.Add([]byte("00 05 60 00 03 00 00\n0000: 00 00\n[RX] 0x60,0x00\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		lim := LogLimits{MaxBytes: 1 << 20, MaxEntries: 50, MaxLine: 4096}
		lg, err := ReadLog(bytes.NewReader(b), lim)
		if err != nil && !errors.Is(err, ErrLogTooLarge) {
			t.Fatalf("ReadLog error %v", err)
		}
		again, err2 := ReadLog(iotest.OneByteReader(bytes.NewReader(b)), lim)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("errors differ: %v / %v", err, err2)
		}
		if !logsEqual(lg, again) {
			diff := cmp.Diff(lg, again)
			t.Fatalf("whole vs one byte at a time (-whole +bytewise):\n%s", diff)
		}
		if len(lg.Entries) > lim.MaxEntries {
			t.Fatalf("%d entries kept; limit %d", len(lg.Entries), lim.MaxEntries)
		}
		for i, e := range lg.Entries {
			if e.Pair >= 0 && (e.Pair >= len(lg.Entries) || lg.Entries[e.Pair].Pair != i) {
				t.Fatalf("entry %d pair %d does not point back", i, e.Pair)
			}
			digits := 0
			for _, c := range e.Card {
				if c >= '0' && c <= '9' {
					digits++
				}
			}
			if digits > 10 {
				t.Fatalf("entry %d card %q shows %d digits", i, e.Card, digits)
			}
		}
	})
}

// TestBCDLengthMatchesMoov: our length prefixer decodes and encodes every
// input exactly as moov's prefix.BCD does (the oracle).
func TestBCDLengthMatchesMoov(t *testing.T) {
	for _, tt := range []struct {
		ours bcdLength
		moov prefix.Prefixer
		max  int
	}{{bcdLL, prefix.BCD.LL, 99}, {bcdLLL, prefix.BCD.LLL, 999}, {bcdLL, prefix.BCD.LL, 19}, {bcdLLL, prefix.BCD.LLL, 322}} {
		n := (tt.ours.digits + 1) / 2
		for v := 0; v < 1<<(8*n); v++ {
			in := []byte{byte(v >> 8), byte(v)}[2-n:]
			l1, r1, e1 := tt.ours.DecodeLength(tt.max, in)
			l2, r2, e2 := tt.moov.DecodeLength(tt.max, in)
			if l1 != l2 || r1 != r2 || (e1 == nil) != (e2 == nil) {
				t.Fatalf("%s max %d % X: ours %d,%d,%v; moov %d,%d,%v", tt.ours.Inspect(), tt.max, in, l1, r1, e1, l2, r2, e2)
			}
		}
		for v := 0; v <= 1000; v++ {
			b1, e1 := tt.ours.EncodeLength(tt.max, v)
			b2, e2 := tt.moov.EncodeLength(tt.max, v)
			if !bytes.Equal(b1, b2) || (e1 == nil) != (e2 == nil) {
				t.Fatalf("EncodeLength(%d, %d): ours % X %v; moov % X %v", tt.max, v, b1, e1, b2, e2)
			}
		}
	}
}

// logsEqual compares two logs field by field (cmp.Diff only to explain a
// difference: under the fuzzer's instrumentation it is slow).
func logsEqual(a, b *Log) bool {
	if len(a.Entries) != len(b.Entries) || a.Dropped != b.Dropped || a.Lines != b.Lines || a.Bytes != b.Bytes || a.Undecoded != b.Undecoded {
		return false
	}
	for i := range a.Entries {
		if a.Entries[i] != b.Entries[i] {
			return false
		}
	}
	return true
}
