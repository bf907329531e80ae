package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"posdoctor/assets"
	"posdoctor/ui/i18n"
	"posdoctor/wizard"
)

// fakeRegistry makes every check the flows use pass, except those in fail
// (which fail); the last transaction reports code when it is not empty.
func fakeRegistry(code string, fail ...wizard.CheckID) *wizard.Registry {
	reg := wizard.NewRegistry()
	failing := map[wizard.CheckID]bool{}
	for _, id := range fail {
		failing[id] = true
	}
	for _, f := range wizard.Flows() {
		for _, st := range f.Steps {
			for _, id := range st.Checks {
				reg.Register(id, func(context.Context) (wizard.Result, error) {
					r := wizard.Result{Outcome: wizard.Pass, Summary: "test.summary"}
					if failing[id] {
						r.Outcome = wizard.Fail
					}
					if id == wizard.CheckTerminalLastTxn && code != "" {
						r.Code, r.Outcome = code, wizard.Fail
					} else if id == wizard.CheckTerminalLastTxn {
						r.Outcome = wizard.Skipped // no transaction read
					}
					return r, nil
				})
			}
		}
	}
	return reg
}

// useRegistry makes diagnose in env use reg; the options it was asked
// for land in the returned value.
func useRegistry(env *Env, reg *wizard.Registry) *RegistryOptions {
	var got RegistryOptions
	env.Deps.Registry = func(_ context.Context, _ *Env, opts RegistryOptions) (*wizard.Registry, func(), error) {
		got = opts
		return reg, func() {}, nil
	}
	return &got
}

func diagnoseEnv(t *testing.T, locale, input string) (*Env, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	return &Env{Stdin: strings.NewReader(input), Stdout: &out, Stderr: &errb, Tr: cat.Translator(locale), DataDir: t.TempDir()}, &out, &errb
}

func TestDiagnose(t *testing.T) {
	tests := []struct {
		name     string
		locale   string
		reg      *wizard.Registry
		args     []string
		input    string
		wantCode int
		want     []string // substrings of stdout, in order
		notWant  []string
	}{
		{name: "code 12 void after cut-off", locale: i18n.English, reg: fakeRegistry("12"), input: "2\n2\n", wantCode: ExitProblem,
			want: []string{"[OK] Find the card terminal", "Response code: 12", "Which transaction did you try?", "2) Void", "> 2",
				"Cause: The day's cut-off has passed", "It is a matter of how the sale was done", "1. After the day's settlement",
				"You can tell the customer:", "Verdict: A problem was found", "Response code: 12"}},
		{name: "answers by ID and back", locale: i18n.English, reg: fakeRegistry("12"), input: "void\nb\nrefund\n", wantCode: ExitProblem,
			want: []string{"> void", "When was the sale you wanted to void made?", "> b", "Which transaction did you try?", "> refund",
				"Cause: The steps were done in the wrong order"}},
		{name: "back at the first question", locale: i18n.English, reg: wizard.NewRegistry(), args: []string{"--flow", "waiting"}, input: "b\n1\n1\n1\n", wantCode: ExitOK,
			want: []string{"This is already the first step.", "> 1", "Insert the card and try again", "1) It worked",
				"Cause: The payment went through another way", "posdoctor diagnose --flow main", "Verdict: No problem found"}},
		{name: "money guard: comms failure, then a card finding is held", locale: i18n.English, reg: fakeRegistry(""), input: "3\n1\n5\n", wantCode: ExitProblem,
			want: []string{"> 3", "Only one card fails", "Cause: The card has insufficient funds", "[Most likely cause (inferred from your answers)]",
				"!! Do not charge again yet: the failed sale got no answer from the host"}},
		{name: "money flow: declined sale shown and confirmed", locale: i18n.English, reg: fakeRegistry("51"), args: []string{"--flow", "money"}, input: "1\n", wantCode: ExitOK,
			want: []string{"Is this the sale you mean?", "The terminal gave no details of the sale", "Cause: The last sale failed: no money was taken"}},
		{name: "inferred verdict names what would confirm it", locale: i18n.English, reg: fakeRegistry(""), input: "10\n2\n2\n3\n", wantCode: ExitProblem,
			want: []string{"Cause: The interface to this card's bank does not match", "[Most likely cause (inferred from your answers)]", "What would confirm it:", "If it is not this, the next most likely cause:",
				"When you call Lakala support, quote:", "Lakala customer service: 95016"}},
		{name: "typed screen text jumps to the branch", locale: i18n.English, reg: fakeRegistry(""), input: "MAC\n", wantCode: ExitProblem,
			want: []string{"What did the screen say?", "> MAC", "Cause: The terminal's keys are no longer valid", "[Cause found (reported by the terminal or a response code)]",
				"What was checked:", "Find the card terminal OK"}},
		{name: "typed screen text that matches nothing", locale: i18n.English, reg: fakeRegistry(""), input: "hello\n2\n1\n", wantCode: ExitProblem,
			want: []string{"> hello", "No match: please choose from the list below.", "> 2", "How many times did the customer enter the PIN?", "Cause: The PIN was entered wrongly"}},
		{name: "bad choice is asked again", locale: i18n.English, reg: wizard.NewRegistry(), args: []string{"--flow", "money"}, input: "9\nx\n2\n", wantCode: ExitProblem,
			want: []string{"[Skipped] Last transaction", "Please enter a number from the list.", "Please enter a number from the list.",
				"> 2", "Cause: The last sale's result is unclear", "Do not charge again until the result is confirmed"}},
		{name: "typed card number is masked", locale: i18n.English, reg: fakeRegistry(""), input: "6\n6\n13/99\n08/29\n6222021234567890128\n3\n", wantCode: ExitProblem,
			want:    []string{"> 13/99", "The month must be 01 to 12", "> 08/29", "> 622202*********0128", "Cause: The card's bank declined the card"},
			notWant: []string{"6222021234567890128", "1234567890"}},
		{name: "skip typed questions", locale: i18n.English, reg: fakeRegistry(""), input: "6\n6\ns\ns\n2\n", wantCode: ExitProblem,
			want: []string{"(b to go back, s to skip): ", "Cause: The wrong payment method was chosen"}},
		{name: "typed response code", locale: i18n.English, reg: wizard.NewRegistry(), input: "9\na0\n", wantCode: ExitProblem,
			want: []string{"Enter the response code shown on the screen", "> a0", "Cause: The terminal's keys are no longer valid"}},
		{name: "selftest with nothing registered", locale: i18n.English, reg: wizard.NewRegistry(), args: []string{"--flow", "selftest"}, wantCode: ExitOK,
			want: []string{"== Shift-start self-test ==", "[Skipped] Find the card terminal: This check is not available (terminal.found)", "Cause: Some checks could not run", "Verdict: No problem found"}},
		{name: "selftest all clear in Chinese", locale: i18n.Chinese, reg: fakeRegistry(""), args: []string{"--flow", "selftest"}, wantCode: ExitOK,
			want: []string{"== 开店自检 ==", "[正常] 主机回响测试", "原因：一切正常，可以开始收款", "结论：没有发现问题"}},
		{name: "answers run out", locale: i18n.English, reg: fakeRegistry("12"), input: "1\n", wantCode: ExitUsage},
		{name: "unknown flow", locale: i18n.English, reg: wizard.NewRegistry(), args: []string{"--flow", "nope"}, wantCode: ExitUsage},
		{name: "stray argument", locale: i18n.English, reg: wizard.NewRegistry(), args: []string{"extra"}, wantCode: ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, errb := diagnoseEnv(t, tt.locale, tt.input)
			useRegistry(env, tt.reg)
			code := Run(context.Background(), env, append([]string{"diagnose"}, tt.args...))
			if code != tt.wantCode {
				t.Errorf("exit code = %d; want %d\nstdout:\n%s\nstderr:\n%s", code, tt.wantCode, out, errb)
			}
			rest := out.String()
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Errorf("stdout lacks %q (in order)\nstdout:\n%s", w, out)
					break
				}
				rest = rest[i+len(w):]
			}
			for _, w := range tt.notWant {
				if strings.Contains(out.String()+errb.String(), w) {
					t.Errorf("output contains %q", w)
				}
			}
			if regexp.MustCompile(`\b(flows|findings|wizard)\.[a-z$]`).MatchString(out.String()) {
				t.Errorf("stdout shows an untranslated key:\n%s", out)
			}
		})
	}
}

func TestDiagnoseAnswersFileAndSim(t *testing.T) {
	path := filepath.Join(t.TempDir(), "answers.txt")
	if err := os.WriteFile(path, []byte("2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env, out, errb := diagnoseEnv(t, i18n.English, "")
	opts := useRegistry(env, fakeRegistry("55"))
	code := Run(context.Background(), env, []string{"diagnose", "--answers", path, "--sim", "pin-wrong"})
	if code != ExitProblem {
		t.Fatalf("exit code = %d; want %d\n%s\n%s", code, ExitProblem, out, errb)
	}
	if !strings.Contains(out.String(), "Cause: Too many wrong PINs: the card is locked") {
		t.Errorf("stdout lacks the PIN-locked finding:\n%s", out)
	}
	if opts.Sim != "pin-wrong" || opts.Flow != wizard.FlowMain {
		t.Errorf("registry builder got %+v; want Sim pin-wrong, Flow main", *opts)
	}

	env, _, _ = diagnoseEnv(t, i18n.English, "")
	if code := Run(context.Background(), env, []string{"diagnose", "--answers", filepath.Join(t.TempDir(), "none")}); code != ExitUsage {
		t.Errorf("missing answers file: exit code = %d; want %d", code, ExitUsage)
	}
}

func TestDiagnoseFixThenVerify(t *testing.T) {
	reg := fakeRegistry("A0")
	signedIn := false
	reg.Register(wizard.CheckTerminalSignIn, func(context.Context) (wizard.Result, error) {
		if signedIn {
			return wizard.Result{Outcome: wizard.Pass, Summary: "test.summary"}, nil
		}
		return wizard.Result{Outcome: wizard.Warn, Summary: "test.summary"}, nil
	})
	reg.RegisterAction(wizard.ActionSignIn, func(context.Context) error { signedIn = true; return nil })
	env, out, errb := diagnoseEnv(t, i18n.English, "y\n")
	useRegistry(env, reg)
	if code := Run(context.Background(), env, []string{"diagnose"}); code != ExitOK {
		t.Fatalf("exit code = %d; want %d\n%s\n%s", code, ExitOK, out, errb)
	}
	for _, w := range []string{"Cause: The terminal's keys are no longer valid", "Ask the terminal to sign in again. Try it? (y/n)",
		"[OK] Sign-in", "Fixed: the check passes now.", "Verdict: The problem has been fixed"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("stdout lacks %q\n%s", w, out)
		}
	}
}

func TestDiagnoseSavesEveryStep(t *testing.T) {
	env, out, _ := diagnoseEnv(t, i18n.English, "2\n2\n")
	useRegistry(env, fakeRegistry("12"))
	var saved []int
	env.Deps.SaveSession = func(_ *Env, s *wizard.Session) error { saved = append(saved, len(s.Trail())); return nil }
	Run(context.Background(), env, []string{"diagnose"})
	if got, want := len(saved), 5; got != want { // link, status, last, txn, void; then the end
		t.Errorf("saved %d times (%v); want %d\n%s", got, saved, want, out)
	}
}

func TestDiagnoseKeysInBothLanguages(t *testing.T) {
	src, err := os.ReadFile("diagnose.go")
	if err != nil {
		t.Fatal(err)
	}
	keys := regexp.MustCompile(`"(wizard\.[a-z.-]+[a-z])"`).FindAllStringSubmatch(string(src), -1)
	if len(keys) < 20 {
		t.Fatalf("found %d keys in diagnose.go; the pattern is broken", len(keys))
	}
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		t.Fatal(err)
	}
	for _, loc := range assets.Locales {
		tr := cat.Translator(loc)
		for _, k := range keys {
			if !tr.Has(k[1]) && !strings.HasSuffix(k[1], ".") {
				t.Errorf("%s: key %q missing", loc, k[1])
			}
		}
		for _, f := range wizard.Flows() {
			for _, k := range f.Keys() {
				if !tr.Has(k) {
					t.Errorf("%s: flow %s key %q missing", loc, f.ID, k)
				}
			}
		}
	}
}

// TestEchoMasksCardNumbers: the CLI echoes every typed answer, and a card
// number in it is masked — at the card-number question by the one rule (the
// shared corpus, wizard/pan/pantest), at any other question by the
// report's scrubber (issue 17).
func TestEchoMasksCardNumbers(t *testing.T) {
	card := wizard.Step{Kind: wizard.KindQuestion, Input: wizard.InputCardNumber}
	other := wizard.Step{Kind: wizard.KindQuestion}
	code := wizard.Step{Kind: wizard.KindQuestion, Input: wizard.InputCode}
	tests := []struct {
		name string
		st   wizard.Step
		in   string
		want string
	}{
		{"card at the card question", card, "6222 0212 3456 7890 128", "> 622202*********0128"},
		{"back at the card question", card, "b", "> b"},
		{"card at a choice question", other, "6222021234567890128", "> 622202*********0128"},
		{"grouped card at a choice question", other, "4111 1111 1111 1111", "> 4111 11** **** 1111"},
		{"card at the code question", code, "６２２２０２１２３４５６７８９０１２８", "> ６２２２０２*********０１２８"},
		{"a choice", other, "2", "> 2"},
		{"a code", code, "A0", "> A0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := echo(tt.st, tt.in); got != tt.want {
				t.Errorf("echo(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
	b, err := os.ReadFile("../../wizard/pan/pantest/cases.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Split(l, "\t")
		if len(f) != 3 || strings.HasPrefix(l, "#") || f[1] == "b" || f[1] == "s" {
			continue
		}
		if got := echo(card, f[1]); got != "> "+f[2] {
			t.Errorf("%s: echo(%q) = %q; want %q", f[0], f[1], got, "> "+f[2])
		}
	}
}
