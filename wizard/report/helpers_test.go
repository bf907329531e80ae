package report

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"text/template"
	"time"

	"posdoctor/assets"
	"posdoctor/wizard"
)

// testTr returns a translate function over the shipped translation files
// of locale, like ui/i18n's (which the report may not import): missing keys
// come back as the key, templates are filled from kv.
func testTr(t testing.TB, locale string) Translate {
	t.Helper()
	tr, err := loadTr(locale)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func loadTr(locale string) (Translate, error) {
	msgs := map[string]string{}
	files, err := fs.Glob(assets.I18n(), locale+"/*.json")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no translations for %s: %v", locale, err)
	}
	for _, f := range files {
		b, err := fs.ReadFile(assets.I18n(), f)
		if err != nil {
			return nil, err
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for k, v := range m {
			msgs[k] = v
		}
	}
	var cache sync.Map
	return func(key string, kv ...any) string {
		text, ok := msgs[key]
		if !ok {
			return key
		}
		if !strings.Contains(text, "{{") {
			return text
		}
		data := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			data[fmt.Sprint(kv[i])] = kv[i+1]
		}
		var tp *template.Template
		if v, ok := cache.Load(key); ok {
			tp = v.(*template.Template)
		} else {
			tp = template.Must(template.New(key).Option("missingkey=zero").Parse(text))
			cache.Store(key, tp)
		}
		var b strings.Builder
		if err := tp.Execute(&b, data); err != nil {
			return text
		}
		return strings.ReplaceAll(b.String(), "<no value>", "")
	}, nil
}

// The card numbers planted in test sessions: each passes the Luhn check.
var (
	testPAN  = withLuhn("622202123456789012") // 19 digits, UnionPay
	testPAN2 = withLuhn("411111111111111")    // 16 digits, Visa
	testPAN3 = withLuhn("62148300123456")     // 15 digits
)

// withLuhn appends the Luhn check digit to d.
func withLuhn(d string) string {
	for c := '0'; c <= '9'; c++ {
		if oracleLuhn(d + string(c)) {
			return d + string(c)
		}
	}
	panic("unreachable")
}

// testMID is the merchant ID planted in test sessions. It passes the Luhn
// check, yet must stay readable (the advice asks the merchant to quote it).
const testMID = "898440154110123"

// cardNumbers is the whole-output Luhn scan, independent of the scrubber:
// it reads full-width digits as ASCII, drops every separator a card may be
// written with (white space but line breaks, - . _ / | : , and "0x"), and
// returns every window of 13–19 digits not starting with 0 that passes the
// Luhn check (oracleLuhn, not the project's), except inside testMID.
func cardNumbers(text string) []string {
	var out []string
	for _, line := range strings.Split(oracleNormalise(text), "\n") {
		for _, run := range oracleDigitRuns(line) {
			for i := 0; i+13 <= len(run); i++ {
				for n := 13; n <= 19 && i+n <= len(run); n++ {
					if w := run[i : i+n]; w[0] != '0' && oracleLuhn(w) && !strings.Contains(testMID, w) {
						out = append(out, w)
					}
				}
			}
		}
	}
	return out
}

// fixedStart is when the test sessions start.
var fixedStart = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

// ticking returns a clock that advances 7 seconds per call from fixedStart.
func ticking() func() time.Time {
	now := fixedStart
	return func() time.Time {
		t := now
		now = now.Add(7 * time.Second)
		return t
	}
}

// scenario is a simulated troubleshooting session: results for some
// checks (others pass), answers in order ("=text" is typed input, "fix"
// applies the current finding's fix with fixResults), then the first choice
// whenever answers run out.
type scenario struct {
	name       string
	flow       *wizard.Flow
	results    map[wizard.CheckID]wizard.Result
	answers    []string
	fixResults map[wizard.CheckID]wizard.Result
}

// statusEvidence is what a terminal.status check records about the terminal.
var statusEvidence = []wizard.Fact{
	{Key: "device.fact.model", Value: "LANDI A8"}, {Key: "device.fact.serial", Value: "N8A0012345"},
	{Key: "device.fact.firmware", Value: "V2.3.1"}, {Key: "device.fact.app", Value: "LKL-POS 5.0.2"},
	{Key: "device.fact.tid", Value: "12345678"}, {Key: "device.fact.mid", Value: testMID},
}

// scenarios cover the report's inputs, several of them with full card
// numbers, track data and a PIN block planted where a careless check might
// put them.
var scenarios = []scenario{
	{name: "expired card with a full PAN in the last transaction", flow: wizard.MainFlow,
		results: map[wizard.CheckID]wizard.Result{
			wizard.CheckTerminalStatus: {Outcome: wizard.Pass, Summary: "check.terminal.status.pass", Evidence: statusEvidence},
			wizard.CheckTerminalLastTxn: {Outcome: wizard.Fail, Summary: "device.eval.lasttxn.declined", Code: "54",
				Args: map[string]string{"code": "54", "card": testPAN},
				Evidence: []wizard.Fact{
					{Key: "evidence.txn.type", Value: "device.txn.sale"},
					{Key: "evidence.txn.time", Value: "2026-11-25T09:28:00Z"},
					{Key: "evidence.txn.code", Value: "54"},
					{Key: "evidence.txn.card", Value: testPAN},
					{Key: "evidence.txn.track2", Value: testPAN + "=25121010000012300000"},
					{Key: RawEvidenceKey, Value: "0210 7020 " + testPAN + " 000000"},
				},
				Detail: "reply pin block: 0123456789ABCDEF; card " + testPAN2[:4] + " " + testPAN2[4:8] + " " + testPAN2[8:12] + " " + testPAN2[12:]},
		}},
	{name: "invalid transaction on a sale, no card works", flow: wizard.MainFlow,
		results: map[wizard.CheckID]wizard.Result{
			wizard.CheckTerminalStatus:  {Outcome: wizard.Pass, Summary: "check.terminal.status.pass", Evidence: statusEvidence},
			wizard.CheckTerminalLastTxn: {Outcome: wizard.Fail, Summary: "device.eval.lasttxn.declined", Code: "12"},
		},
		answers: []string{"sale", wizard.AnswerNotHelped}},
	{name: "owner types the card number", flow: wizard.MainFlow,
		results: map[wizard.CheckID]wizard.Result{
			wizard.CheckTerminalLastTxn: {Outcome: wizard.Skipped, Summary: "device.eval.lasttxn.none",
				Detail: "log: track2=" + testPAN3 + "D2512101"},
		},
		answers: []string{"funds", "unknown", "=12/29", "=" + testPAN}},
	{name: "not signed in, fixed from the PC", flow: wizard.MainFlow,
		results: map[wizard.CheckID]wizard.Result{
			wizard.CheckTerminalSignIn: {Outcome: wizard.Fail, Summary: "device.eval.signin.none",
				Evidence: []wizard.Fact{{Key: "device.fact.keys", Value: "device.keys.none"}, {Key: "evidence.keys.field62", Value: "field 62: 0011223344556677 8899AABBCCDDEEFF"}}},
		},
		answers:    []string{"fix"},
		fixResults: map[wizard.CheckID]wizard.Result{wizard.CheckTerminalSignIn: {Outcome: wizard.Pass, Summary: "device.eval.signin.ok", Detail: "MAC=1A2B3C4D5E6F7081 " + testPAN2}},
	},
	{name: "shift-start self-test all clear", flow: wizard.SelfTestFlow},
}

// play walks sc and returns the session's JSON document.
func play(t testing.TB, sc scenario) []byte {
	t.Helper()
	s, err := wizard.Start(sc.flow, ticking())
	if err != nil {
		t.Fatalf("Start(%s) = %v", sc.flow.ID, err)
	}
	answers := sc.answers
	for steps := 0; !s.Done(); steps++ {
		if steps > 80 {
			t.Fatalf("%s: no end after 80 steps; at %s", sc.name, s.Current().ID)
		}
		st := s.Current()
		if st.Kind == wizard.KindCheck {
			res := map[wizard.CheckID]wizard.Result{}
			for _, id := range s.Pending() {
				r, ok := sc.results[id]
				if !ok {
					r = wizard.Result{Outcome: wizard.Pass, Summary: "check.test.pass"}
				}
				res[id] = r
			}
			if err := s.Submit(res); err != nil {
				t.Fatalf("%s: Submit at %s = %v", sc.name, st.ID, err)
			}
			continue
		}
		if len(answers) > 0 && answers[0] == "fix" {
			answers = answers[1:]
			if _, err := s.SubmitFix(nil, sc.fixResults); err != nil {
				t.Fatalf("%s: SubmitFix at %s = %v", sc.name, st.ID, err)
			}
			if s.Done() {
				break
			}
		}
		var a string
		if len(answers) > 0 {
			a, answers = answers[0], answers[1:]
		} else if cs := s.Choices(); len(cs) > 0 {
			a = cs[0].ID
		} else {
			t.Fatalf("%s: nothing to answer at %s", sc.name, st.ID)
		}
		if text, ok := strings.CutPrefix(a, "="); ok {
			err = s.Input(text)
		} else {
			err = s.Answer(a)
		}
		if err != nil {
			t.Fatalf("%s: answer %q at %s = %v", sc.name, a, st.ID, err)
		}
	}
	if len(answers) > 0 && answers[0] == "fix" {
		if _, err := s.SubmitFix(nil, sc.fixResults); err != nil {
			t.Fatalf("%s: SubmitFix at %s = %v", sc.name, s.Current().ID, err)
		}
	}
	doc, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// testInput builds the report input of the scenarios named (all if none),
// in lang, with a log that carries card data too.
func testInput(t testing.TB, lang string, names ...string) Input {
	t.Helper()
	in := Input{App: App{Version: "0.1.0", Commit: "abc1234"}, Lang: lang, Tr: testTr(t, lang),
		Font: assets.FontTTF(), Now: fixedStart.Add(time.Hour), Location: time.UTC,
		Log: []byte("09:28:01 sale reply 39=54 pan=" + testPAN + "\n09:28:02 track2 " + testPAN2 + "=2512101000\n" +
			"09:28:03 F52: 1234 5678 9ABC DEF0\n09:28:04 icc data: 9F2608AABBCCDDEEFF0011 9F2701\n")}
	for i, sc := range scenarios {
		if len(names) > 0 && !contains(names, sc.name) {
			continue
		}
		s := Session{ID: fmt.Sprintf("20261125-0930%02d-K7Q%d", i, i+2), Doc: play(t, sc)}
		if i == 0 {
			s.Terminal = Terminal{Name: "front till", Port: "/dev/ttyACM0"}
		}
		in.Sessions = append(in.Sessions, s)
	}
	return in
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
