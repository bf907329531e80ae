package unionpay

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"posdoctor/assets"
)

// bracket is a stand-in translator: "key{name=value,…}", so a test sees
// which key and which arguments a phrase carries without the words.
func bracket(k string, kv ...any) string {
	var args []string
	for i := 0; i+1 < len(kv); i += 2 {
		args = append(args, fmt.Sprintf("%v=%v", kv[i], kv[i+1]))
	}
	if len(args) == 0 {
		return k
	}
	return k + "{" + strings.Join(args, ",") + "}"
}

func TestPhraseText(t *testing.T) {
	tests := []struct {
		name string
		p    Phrase
		want string
	}{
		{"empty", Phrase{}, ""},
		{"literal", literal("0210"), "0210"},
		{"key", say("a.b"), "a.b"},
		{"key with args", say("a.b", "n", 3, "s", "x"), "a.b{n=3,s=x}"},
		{"nested", say("a", "v", say("b", "n", 1)), "a{v=b{n=1}}"},
		{"join", joined(" + ", say("x"), literal("y")), "x + y"},
		{"pair", labelled("decode.label.mti", "0200"), "decode.pair{label=decode.label.mti,value=0200}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Text(bracket); got != tt.want {
				t.Errorf("Text = %q; want %q", got, tt.want)
			}
			if got := tt.p.Empty(); got != (tt.want == "") {
				t.Errorf("Empty = %v for %q", got, tt.want)
			}
		})
	}
}

func TestRowLines(t *testing.T) {
	rows := []Row{
		{Text: literal("top")},
		{Kind: RowDetail, Text: literal("detail"), Gap: true},
		{Kind: RowField, Field: 4, Text: literal("amount")},
		{Kind: RowField, Field: 39, Text: literal("code")},
		{Kind: RowSubfield, Sub: "60.1", Text: literal("type")},
	}
	want := []string{"top", "", "  detail", "   4  amount", "  39  code", "      60.1  type"}
	got := Lines(rows, bracket)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Lines =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDescribeSaleResponse12 checks what the description of a declined
// sale says, row by row where it matters.
func TestDescribeSaleResponse12(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("testdata", "sale_response_12.hex"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := DecodeHex(string(text))
	if err != nil {
		t.Fatal(err)
	}
	rows := Describe(d)
	lines := Lines(rows, bracket)
	all := strings.Join(lines, "\n")
	for _, want := range []string{
		"decode.summary.result{code=12,meaning=decode.rc.12.meaning}",
		"decode.pair{label=decode.role.result,value=12}",
		"decode.pair{label=decode.label.next,value=decode.rc.12.next}",
		"decode.pair{label=decode.label.mti,value=0210}",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("description lacks %q:\n%s", want, all)
		}
	}
	if !strings.HasPrefix(lines[0], "decode.summary.response{kind=decode.tx.sale}") {
		t.Errorf("first line = %q; want the summary naming a sale response", lines[0])
	}
	gaps, fields := 0, map[int]bool{}
	for _, r := range rows {
		if r.Gap {
			gaps++
		}
		if r.Kind == RowField {
			fields[r.Field] = true
		}
	}
	if gaps != 3 {
		t.Errorf("gaps = %d; want 3 (layers, fields, result)", gaps)
	}
	if !fields[39] || !fields[4] {
		t.Errorf("field rows = %v; want 4 and 39 among them", fields)
	}
}

// TestDescribeHeaderRequest names every request a header can carry, and
// an unknown one as "other".
func TestDescribeHeaderRequest(t *testing.T) {
	for req := 0; req <= 15; req++ {
		d := &Decoded{Layers: Layers{Header: &Header{AppType: "60", Version: "31", Request: req}}}
		got := strings.Join(Lines(Describe(d), bracket), "\n")
		want := fmt.Sprintf("decode.header.request.%d{n=%d}", req, req)
		if req > RequestICBlack {
			want = fmt.Sprintf("decode.header.request.other{n=%d}", req)
		}
		if !strings.Contains(got, want) {
			t.Errorf("request %d: description lacks %q:\n%s", req, want, got)
		}
	}
}

// TestDescriptionKeysExist renders every sample, every header request and
// every test log's timeline and notes, and checks that each key they use
// is in every locale's translation files.
func TestDescriptionKeysExist(t *testing.T) {
	used := map[string]bool{}
	collect := func(k string, kv ...any) string {
		used[k] = true
		return bracket(k, kv...)
	}
	hexes, _ := filepath.Glob(filepath.Join("testdata", "*.hex"))
	for _, name := range hexes {
		text, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := DecodeHex(string(text))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		Lines(Describe(d), collect)
		TransactionPhrase(d).Text(collect)
	}
	for req := 0; req <= 15; req++ {
		Lines(Describe(&Decoded{Kind: KindUnknown, Layers: Layers{Length: true, TPDU: &TPDU{}, NAC: "4C5249", Header: &Header{Request: req},
			Trailing: 1}, Fields: []Field{{ID: 2, NameKey: "decode.field.2", Redacted: true, Size: 9}}}), collect)
	}
	logs, _ := filepath.Glob(filepath.Join("testdata", "logs", "*.log"))
	for _, name := range logs {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		lg, rerr := ReadLog(f, DefaultLogLimits)
		f.Close()
		for _, r := range Timeline(lg) {
			r.Cells(collect)
		}
		for _, n := range LogNotes(lg, rerr) {
			n.Text(collect)
		}
	}
	for _, n := range LogNotes(&Log{Dropped: 1, Undecoded: 1}, &LogLimitError{Limit: 1 << 20}) {
		n.Text(collect)
	}
	for _, loc := range assets.Locales {
		have := map[string]bool{}
		files, err := fs.Glob(assets.I18n(), loc+"/*.json")
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			data, err := fs.ReadFile(assets.I18n(), f)
			if err != nil {
				t.Fatal(err)
			}
			m := map[string]string{}
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for k := range m {
				have[k] = true
			}
		}
		for k := range used {
			if !have[k] {
				t.Errorf("%s: no translation for %s", loc, k)
			}
		}
	}
	if len(used) < 30 {
		t.Errorf("only %d keys used; the walk above missed the samples", len(used))
	}
}

func TestTimelineRows(t *testing.T) {
	lg := &Log{Entries: []LogEntry{
		{Line: 1, Time: "14:03:26", Dir: DirSend, Kind: KindSale, HasAmount: true, AmountFen: 12800,
			Card: "622202******0128", Trace: "000123", Pair: 1},
		{Line: 3, Time: "14:03:27", Dir: DirRecv, Kind: KindSale, Response: true, Trace: "000123", Code: "12", Role: RoleResult, Pair: 0},
		{Line: 5, Kind: KindReversal, Original: KindSale, Pair: -1},
		{Line: 7, Kind: KindSignIn, Response: true, SignInAgain: true, Pair: -1},
	}}
	want := []string{
		"14:03:26 · decode.log.dir.send · decode.tx.sale · decode.summary.amount{yuan=128.00} · 622202******0128 · decode.summary.trace{trace=000123} · decode.log.pair.response{n=2}",
		"14:03:27 · decode.log.dir.recv · decode.summary.response{kind=decode.tx.sale} · decode.summary.trace{trace=000123} · 12 decode.rc.12.meaning · decode.log.pair.request{n=1}",
		"decode.summary.reversal_of{original=decode.tx.sale} · decode.log.pair.none",
		"decode.summary.response{kind=decode.tx.signin} · decode.label.signin_again",
	}
	rows := Timeline(lg)
	if len(rows) != len(want) {
		t.Fatalf("Timeline has %d rows; want %d", len(rows), len(want))
	}
	for i, r := range rows {
		if got := strings.Join(r.Cells(bracket), " · "); got != want[i] {
			t.Errorf("row %d = %q; want %q", i+1, got, want[i])
		}
		if r.N != i+1 || r.Line != lg.Entries[i].Line {
			t.Errorf("row %d: N %d, line %d; want %d, %d", i+1, r.N, r.Line, i+1, lg.Entries[i].Line)
		}
	}
	if !rows[1].Failed || !rows[3].Failed || rows[0].Failed {
		t.Errorf("failed = %v %v %v %v; want the declined answer and the sign-in request only",
			rows[0].Failed, rows[1].Failed, rows[2].Failed, rows[3].Failed)
	}

	notes := func(lg *Log, err error) string {
		var out []string
		for _, n := range LogNotes(lg, err) {
			out = append(out, n.Text(bracket))
		}
		return strings.Join(out, " | ")
	}
	if got, want := notes(lg, nil), "decode.log.newest_failed{at=#4,code=,meaning=} | decode.pair{label=decode.label.next,value=decode.next.signin}"; got != want {
		t.Errorf("notes = %q; want %q", got, want)
	}
	if got, want := notes(&Log{Dropped: 2, Undecoded: 1}, &LogLimitError{Limit: 64 << 20}),
		"decode.log.too_large{mb=64} | decode.log.dropped{n=2} | decode.log.undecoded{n=1} | decode.log.none"; got != want {
		t.Errorf("notes = %q; want %q", got, want)
	}
	if got, want := notes(&Log{Entries: lg.Entries[:1]}, nil), "decode.log.no_failure"; got != want {
		t.Errorf("notes = %q; want %q", got, want)
	}
}
