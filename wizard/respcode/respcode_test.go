package respcode

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// readCSV reads cup_response_codes.csv with encoding/csv, as an oracle that
// shares no code with the generator or the lookups.
func readCSV(t *testing.T) (head map[string]int, rows [][]string) {
	t.Helper()
	f, err := os.Open("cup_response_codes.csv")
	if err != nil {
		t.Fatalf("the response-code CSV must be next to its generator: %v", err)
	}
	defer f.Close()
	all, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head = map[string]int{}
	for i, h := range all[0] {
		head[h] = i
	}
	return head, all[1:]
}

// TestTableIsGenerated fails when table.go is not what gen.go makes of the
// CSV today: an edit of the CSV (or of the generator, or of table.go by
// hand) without go generate.
func TestTableIsGenerated(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go tool not on PATH")
	}
	out := filepath.Join(t.TempDir(), "table.go")
	// The same command as the go:generate line, writing elsewhere.
	cmd := exec.Command("go", "run", "gen.go", "cup_response_codes.csv", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run gen.go: %v\n%s", err, msg)
	}
	fresh, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh, have) {
		f, h := bytes.Split(fresh, []byte("\n")), bytes.Split(have, []byte("\n"))
		i := 0
		for i < len(f) && i < len(h) && bytes.Equal(f[i], h[i]) {
			i++
		}
		line := func(ls [][]byte) string {
			if i < len(ls) {
				return string(ls[i])
			}
			return "(end of file)"
		}
		t.Errorf("table.go differs from a fresh generation from cup_response_codes.csv at line %d:\n table.go: %s\n fresh:    %s\nrun go generate ./wizard/respcode",
			i+1, line(h), line(f))
	}
}

// TestTableMatchesCSV checks the compiled table against the CSV row by row,
// every column the table keeps.
func TestTableMatchesCSV(t *testing.T) {
	head, rows := readCSV(t)
	codes := Codes()
	if len(codes) != len(rows) || len(rows) != 103 {
		t.Fatalf("len(Codes()) = %d, CSV rows = %d; want 103 each", len(codes), len(rows))
	}
	for i, r := range rows {
		c := codes[i]
		got := []string{c.Code, c.ZH, c.EN, c.Actor, string(c.Category), string(c.Class), c.DisplayZH}
		var want []string
		for _, col := range []string{"code", "zh", "en", "actor", "category", "pos_class", "display_zh"} {
			want = append(want, r[head[col]])
		}
		if !slices.Equal(got, want) {
			t.Errorf("row %d: table %q; CSV %q", i+1, got, want)
		}
	}
}

// TestCategoriesComplete: every category the CSV uses is declared, and
// every declared category is used (a flow must route each one).
func TestCategoriesComplete(t *testing.T) {
	head, rows := readCSV(t)
	used := map[Category]bool{}
	for _, r := range rows {
		c := Category(r[head["category"]])
		used[c] = true
		if !slices.Contains(Categories(), c) {
			t.Errorf("code %s: category %q is not in Categories", r[head["code"]], c)
		}
	}
	for _, c := range Categories() {
		if !used[c] {
			t.Errorf("category %s is used by no code", c)
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		in        string
		wantKnown bool
		wantCode  string
		wantCat   Category
		wantClass Class
		approved  bool
	}{
		{"12", true, "12", CategoryOperator, ClassC, false},
		{"a0", true, "A0", CategoryTerminalSoftware, ClassB, false},
		{" a0 ", true, "A0", CategoryTerminalSoftware, ClassB, false},
		{"55", true, "55", CategoryOperator, ClassC, false},
		{"51", true, "51", CategoryCard, ClassC, false},
		{"54", true, "54", CategoryCard, ClassC, false},
		{"96", true, "96", CategoryBankSystem, ClassC, false},
		{"98", true, "98", CategoryNetwork, ClassE, false},
		{"00", true, "00", CategoryOther, ClassA, true},
		{"y1", true, "Y1", CategoryOther, ClassA, true},
		{"16", true, "16", CategoryOther, ClassNone, false},
		{"Q7", false, "Q7", CategoryOther, ClassNone, false},
		{"q7", false, "q7", CategoryOther, ClassNone, false},
		{"", false, "", CategoryOther, ClassNone, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, ok := Lookup(tt.in)
			if ok != tt.wantKnown || c.Code != tt.wantCode || c.Category != tt.wantCat || c.Class != tt.wantClass || c.Approved() != tt.approved {
				t.Errorf("Lookup(%q) = %s %s %q approved=%v, %v; want %s %s %q approved=%v, %v", tt.in, c.Code, c.Category, c.Class,
					c.Approved(), ok, tt.wantCode, tt.wantCat, tt.wantClass, tt.approved, tt.wantKnown)
			}
		})
	}
}

// TestKeys pins the derived translation keys: stored in reports and looked
// up in assets/i18n/*/decode.json (whose completeness device/unionpay's
// TestTranslations checks for every code).
func TestKeys(t *testing.T) {
	known, _ := Lookup("a0")
	unknown, _ := Lookup("Q7")
	tests := []struct{ got, want string }{
		{known.MeaningKey(), "decode.rc.A0.meaning"},
		{known.NextKey(), "decode.rc.A0.next"},
		{known.Category.Key(), "decode.category.terminal-software"},
		{known.Class.Key(), "decode.class.B"},
		{unknown.MeaningKey(), "decode.rc.unknown.meaning"},
		{unknown.NextKey(), "decode.rc.unknown.next"},
		{unknown.Class.Key(), "decode.class.none"},
		{Code{Code: "a0"}.MeaningKey(), UnknownMeaningKey}, // a Code not taken from the table
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("key %q; want %q", tt.got, tt.want)
		}
	}
}

// FuzzLookup: any text (a code typed by the owner or read off the wire)
// looks up without panicking; it is known exactly when its normalised form
// is a code of the table, and the keys follow.
func FuzzLookup(f *testing.F) {
	for _, s := range []string{"00", "a0", " 55 ", "", "Q7", "ZZZ", "\x00", "ａ０"} {
		f.Add(s)
	}
	all := map[string]bool{}
	for _, c := range Codes() {
		all[c.Code] = true
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := Lookup(s)
		if ok != all[Normalize(s)] {
			t.Fatalf("Lookup(%q) known=%v; table has %q: %v", s, ok, Normalize(s), all[Normalize(s)])
		}
		if !ok && (c.Category != CategoryOther || c.Class != ClassNone || c.MeaningKey() != UnknownMeaningKey) {
			t.Fatalf("Lookup(%q) = %+v for an unknown code", s, c)
		}
		if ok && c.MeaningKey() != "decode.rc."+c.Code+".meaning" {
			t.Fatalf("Lookup(%q).MeaningKey() = %q", s, c.MeaningKey())
		}
	})
}
