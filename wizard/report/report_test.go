package report

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"posdoctor/wizard"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// pdfText extracts the text of a PDF with pdftotext, or skips the test
// when poppler-utils is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (poppler-utils); PDF text not checked")
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// assertNoCards fails the test for every card number found in text.
func assertNoCards(t *testing.T, what, text string) {
	t.Helper()
	if found := cardNumbers(text); len(found) > 0 {
		t.Errorf("%s holds card numbers %q", what, found)
	}
	for _, planted := range []string{testPAN, testPAN2, testPAN3} {
		if strings.Contains(strings.ReplaceAll(text, " ", ""), planted) {
			t.Errorf("%s holds the planted card number %s", what, planted)
		}
	}
}

// TestPrivacyScan renders every output of sessions that carry full card
// numbers, track data, a PIN block, keys and a MAC (in evidence, details,
// typed answers, args and the log), decodes each output and fails on any
// Luhn-valid 13–19 digit run.
func TestPrivacyScan(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "en"} {
		t.Run(lang, func(t *testing.T) {
			in := testInput(t, lang)
			// The planted numbers are really there to be found.
			var all []byte
			for _, s := range in.Sessions {
				all = append(all, s.Doc...)
			}
			if len(cardNumbers(string(all)+string(in.Log))) == 0 {
				t.Fatal("the test sessions hold no card number: the scan would prove nothing")
			}
			r, err := Build(in)
			if err != nil {
				t.Fatal(err)
			}
			assertNoCards(t, "Text", r.Text())
			assertNoCards(t, "Summary", r.Summary())
			assertNoCards(t, "Log", string(r.log))
			js, err := r.JSON()
			if err != nil {
				t.Fatal(err)
			}
			assertNoCards(t, "JSON", string(js))
			var z bytes.Buffer
			if err := r.WriteZip(&z); err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(z.Bytes()), int64(z.Len()))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range zr.File {
				names = append(names, f.Name)
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				b, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					t.Fatal(err)
				}
				text := string(b)
				if strings.HasSuffix(f.Name, ".pdf") {
					text = pdfText(t, b)
				}
				assertNoCards(t, "zip "+f.Name, text)
			}
			if diff := cmp.Diff(r.BundleFiles(), names); diff != "" {
				t.Errorf("zip files mismatch (-want +got):\n%s", diff)
			}
			for _, bad := range []string{"0123 4567 89AB CDEF", "0011223344556677", "1A2B3C4D5E6F7081", "9F2608AABBCCDDEEFF0011"} {
				if strings.Contains(r.Text()+string(js)+string(r.log), bad) {
					t.Errorf("output holds the secret %q", bad)
				}
			}
		})
	}
}

// TestRedactionsListed: the report says what it removed, per kind and area.
func TestRedactionsListed(t *testing.T) {
	r, err := Build(testInput(t, "en"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, x := range r.Removed() {
		got[string(x.Kind)+"@"+x.Area] = true
		if x.Count < 1 || x.Text == "" || strings.Contains(x.Text, "report.") {
			t.Errorf("redaction %+v: want a count and words", x)
		}
	}
	for _, want := range []string{"pan@checks", "track@checks", "pin@checks", "keys@checks", "mac@checks", "raw@checks",
		"pan@log", "track@log", "pin@log", "icc@log"} {
		if !got[want] {
			t.Errorf("Removed() lacks %s; got %v", want, got)
		}
	}
	if text := r.Text(); !strings.Contains(text, "Removed to protect card data") {
		t.Errorf("Text() lacks the redaction box:\n%s", text)
	}
}

// TestGoldenJSON compares the JSON of fixed sessions with testdata/golden;
// run with -update to rewrite them after a deliberate change.
func TestGoldenJSON(t *testing.T) {
	for _, tt := range []struct {
		file, lang string
		names      []string
	}{
		{"expired-en.json", "en", []string{scenarios[0].name}},
		{"signin-fixed-zh.json", "zh-Hans", []string{scenarios[3].name}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			in := testInput(t, tt.lang, tt.names...)
			in.Log = nil
			r, err := Build(in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := r.JSON()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", tt.file)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("JSON mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPDFText: the PDF's text extracts with the Chinese intact and holds
// the header, terminal, verdict, findings, checks, trail and redaction box.
func TestPDFText(t *testing.T) {
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"zh-Hans", []string{"POS Doctor 诊断报告", "报告核对码", "型号", "LANDI A8", "终端号 (TID)", "12345678", "898440154110123",
			"卡片过期了", "请顾客换一张卡或扫码付款", "自动检查", "最后一笔交易", "问答记录", "622202*********0128", "为保护卡片信息已删除的内容"}},
		{"en", []string{"POS Doctor diagnosis report", "Report code", "Model", "LANDI A8", "The card has expired",
			"Automatic checks", "Questions and answers", "Removed to protect card data"}},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			in := testInput(t, tt.lang, scenarios[0].name)
			r, err := Build(in)
			if err != nil {
				t.Fatal(err)
			}
			var pdf bytes.Buffer
			if err := r.WritePDF(&pdf); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")) {
				t.Fatalf("WritePDF wrote %q…; want a PDF", pdf.Bytes()[:min(8, pdf.Len())])
			}
			text := pdfText(t, pdf.Bytes())
			for _, w := range append(tt.want, r.Ref()) {
				if !strings.Contains(text, w) {
					t.Errorf("PDF text lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	tr := testTr(t, "en")
	for _, tt := range []struct {
		name string
		in   Input
		want error
	}{
		{"no sessions", Input{Tr: tr}, ErrNoSessions},
		{"no translator", Input{Sessions: []Session{{ID: "x"}}}, ErrNoTranslator},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Build(tt.in); !errors.Is(err, tt.want) {
				t.Errorf("Build() = %v; want %v", err, tt.want)
			}
		})
	}
	r, err := Build(Input{Tr: tr, Sessions: []Session{{ID: "x"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.WritePDF(io.Discard); !errors.Is(err, ErrNoFont) {
		t.Errorf("WritePDF without a font = %v; want ErrNoFont", err)
	}
	if err := r.WriteZip(io.Discard); !errors.Is(err, ErrNoFont) {
		t.Errorf("WriteZip without a font = %v; want ErrNoFont", err)
	}
}

// TestUnreadableDocument: a session whose document does not resume is
// reported from the history's summary, with a note, and still masked.
func TestUnreadableDocument(t *testing.T) {
	in := testInput(t, "en", scenarios[4].name)
	in.Sessions = []Session{{ID: "old", Doc: []byte(`{}`), Summary: wizard.Summary{Flow: wizard.FlowMain,
		Outcome: wizard.VerdictProblem, Findings: []wizard.FindingID{"card.expired", "no.such"}, Layer: wizard.LayerBankOrCard,
		Code: "54", Card: testPAN, Started: fixedStart}}}
	r, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	s := r.Document().Sessions[0]
	if s.Note == "" || s.Card != "622202*********0128" || s.Verdict.ID != "problem" || s.Layer == nil || s.Layer.ID != "bank-or-card" {
		t.Errorf("session = note %q card %q verdict %q layer %v; want a note, the masked card, problem, bank-or-card", s.Note, s.Card, s.Verdict.ID, s.Layer)
	}
	var ids []string
	for _, f := range s.Findings {
		ids = append(ids, f.ID)
	}
	if diff := cmp.Diff([]string{"card.expired", "no.such"}, ids); diff != "" {
		t.Errorf("findings mismatch (-want +got):\n%s", diff)
	}
	var pdf bytes.Buffer
	if err := r.WritePDF(&pdf); err != nil {
		t.Fatal(err)
	}
}

// TestDecodedTransaction: a transaction the caller decoded is shown
// translated; withheld fields keep no value and a full card number in it
// is masked anyway.
func TestDecodedTransaction(t *testing.T) {
	in := testInput(t, "en", scenarios[1].name)
	in.Sessions[0].LastTxn = &Transaction{KindKey: "decode.tx.sale", Code: "12", MeaningKey: "decode.rc.12.meaning",
		NextKey: "decode.rc.12.next", Amount: "88.00", RRN: "123456789012", Card: testPAN,
		Fields: []Field{{ID: 2, NameKey: "decode.field.2", Value: testPAN, Redacted: true},
			{ID: 52, NameKey: "decode.field.52", Value: "0123456789ABCDEF", Redacted: true},
			{ID: 39, NameKey: "decode.field.39", Value: "12"}},
		Redacted: []string{"2", "52"}}
	r, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	x := r.Document().Sessions[0].LastTxn
	if x == nil {
		t.Fatal("no last transaction")
	}
	got := []string{x.Source, x.Card, x.Fields[0].Value, x.Fields[1].Value, x.Fields[2].Value}
	want := []string{"decoded", "622202*********0128", "622202*********0128", "", "12"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("transaction mismatch (-want +got):\n%s", diff)
	}
	if x.Meaning == "" || x.Meaning == x.MeaningKey || x.KindText == "" {
		t.Errorf("transaction words = %q, %q; want translated text", x.KindText, x.Meaning)
	}
	kinds := map[Kind]bool{}
	for _, rd := range r.Removed() {
		if rd.Area == "transaction" {
			kinds[rd.Kind] = true
		}
	}
	if !kinds[KindPAN] || !kinds[KindPIN] {
		t.Errorf("transaction redactions = %v; want pan and pin", kinds)
	}
}

func TestRawCapture(t *testing.T) {
	doc := play(t, scenarios[0])
	got, ok := RawCapture(doc)
	if !ok || !strings.HasPrefix(got, "0210") {
		t.Errorf("RawCapture = %q, %v; want the planted capture", got, ok)
	}
	if _, ok := RawCapture(play(t, scenarios[4])); ok {
		t.Error("RawCapture of a session without one = ok; want false")
	}
	if _, ok := RawCapture([]byte("not json")); ok {
		t.Error("RawCapture(garbage) = ok; want false")
	}
}

// TestPreview: the preview is the report's content, its removals and the
// scrubbed log.
func TestPreview(t *testing.T) {
	r, err := Build(testInput(t, "zh-Hans"))
	if err != nil {
		t.Fatal(err)
	}
	p := r.Preview()
	if p.Ref != r.Ref() || p.Text != r.Text() || p.Summary != r.Summary() || string(p.Log) != string(r.log) {
		t.Error("Preview() differs from the report it previews")
	}
	if len(p.Removed) == 0 || !strings.Contains(p.Log, "[REMOVED]") {
		t.Errorf("Preview() removed %d items, log %q; want removals listed and the log scrubbed", len(p.Removed), p.Log)
	}
	if !strings.Contains(p.Summary, r.Ref()) || !strings.Contains(p.Summary, "报告核对码") {
		t.Errorf("Summary = %q; want the reference code in Chinese words", p.Summary)
	}
}

// TestDocumentMatchesSchema validates the JSON of every scenario against
// assets/report.schema.json, strictly: a field the schema does not name is
// an error too, so the schema documents every field.
func TestDocumentMatchesSchema(t *testing.T) {
	schema := loadSchema(t)
	r, err := Build(testInput(t, "en"))
	if err != nil {
		t.Fatal(err)
	}
	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(js, &v); err != nil {
		t.Fatal(err)
	}
	for _, e := range schema.validate(v) {
		t.Error(e)
	}
	// The validator itself catches a wrong document.
	bad := map[string]any{"schema": 2, "kind": "x"}
	if len(schema.validate(bad)) == 0 {
		t.Error("validate(bad document) found nothing wrong")
	}
}

// TestMerchantIDReadable: a merchant ID that happens to pass the Luhn check
// (testMID) stays readable wherever it appears as one — terminal facts,
// the decoded transaction's MID and field 42, check evidence — and is not
// counted as a card number, while the advice asks the merchant to quote it
// (issue 17). A card number handed in as a MID is still masked.
func TestMerchantIDReadable(t *testing.T) {
	in := testInput(t, "en", scenarios[0].name)
	in.Sessions[0].Terminal.MID = testMID
	in.Sessions[0].Terminal.TID = "12345678"
	in.Sessions[0].LastTxn = &Transaction{KindKey: "decode.tx.sale", Code: "12", MID: testMID, TID: "12345678",
		Fields: []Field{{ID: 42, NameKey: "decode.field.42", Value: testMID}, {ID: 41, NameKey: "decode.field.41", Value: "12345678"}}}
	r, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	s := r.Document().Sessions[0]
	got := []string{s.Terminal.MID, s.Terminal.TID, s.LastTxn.MID, s.LastTxn.TID, s.LastTxn.Fields[0].Value, s.LastTxn.Fields[1].Value}
	want := []string{testMID, "12345678", testMID, "12345678", testMID, "12345678"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}
	for _, rd := range r.Removed() {
		if rd.Kind == KindPAN && (rd.Area == "terminal" || rd.Area == "transaction") {
			t.Errorf("redaction %+v: a merchant ID counted as a card number", rd)
		}
	}
	in.Sessions[0].LastTxn.MID = testPAN
	r, err = Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Document().Sessions[0].LastTxn.MID; got != "622202*********0128" {
		t.Errorf("a card number as MID = %q; want it masked", got)
	}
}
