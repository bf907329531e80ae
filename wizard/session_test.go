package wizard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// ticking returns a clock that advances a second per call.
func ticking() func() time.Time {
	t := fixedNow
	return func() time.Time { t = t.Add(time.Second); return t }
}

func TestBack(t *testing.T) {
	s, err := Start(MainFlow, ticking())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Back(); !errors.Is(err, ErrNoHistory) {
		t.Fatalf("Back() at start = %v; want ErrNoHistory", err)
	}
	must(t, s.Submit(map[CheckID]Result{})) // everything skipped → m.screen
	must(t, s.Answer("pin"))
	must(t, s.Answer("many"))
	if !s.Done() || s.Current().ID != "m.f.pin-locked" {
		t.Fatalf("at %s, Done() = %v; want finished at m.f.pin-locked", s.Current().ID, s.Done())
	}
	must(t, s.Back())
	if s.Done() || s.Current().ID != "m.pin" {
		t.Fatalf("after Back at %s, Done() = %v; want open at m.pin", s.Current().ID, s.Done())
	}
	if n := len(s.Findings()); n != 0 {
		t.Errorf("after Back, %d findings; want 0", n)
	}
	must(t, s.Answer("few"))
	if got := s.Findings(); len(got) != 1 || got[0].ID != "op.pin-wrong" {
		t.Errorf("Findings() = %v; want op.pin-wrong", got)
	}
	var steps []StepID
	for _, r := range s.Trail() {
		steps = append(steps, r.Step)
	}
	if diff := cmp.Diff([]StepID{"m.link", "m.screen", "m.pin"}, steps); diff != "" {
		t.Errorf("trail (-want +got):\n%s", diff)
	}
}

func TestSessionErrors(t *testing.T) {
	s, _ := Start(MainFlow, ticking())
	if err := s.Answer("x"); !errors.Is(err, ErrWrongKind) {
		t.Errorf("Answer at check step = %v; want ErrWrongKind", err)
	}
	if err := s.Input("12"); !errors.Is(err, ErrWrongKind) {
		t.Errorf("Input at check step = %v; want ErrWrongKind", err)
	}
	must(t, s.Submit(nil))
	if err := s.Submit(nil); !errors.Is(err, ErrWrongKind) {
		t.Errorf("Submit at question = %v; want ErrWrongKind", err)
	}
	if err := s.Answer("nope"); !errors.Is(err, ErrUnknownAnswer) {
		t.Errorf("Answer(nope) = %v; want ErrUnknownAnswer", err)
	}
	must(t, s.Answer("code"))
	var ie *InputError
	if err := s.Input("1"); !errors.As(err, &ie) || ie.Reason != "wizard.input.code.format" {
		t.Errorf("Input(1) = %v; want *InputError code.format", err)
	}
	if s.Current().ID != "m.code" {
		t.Errorf("after bad input at %s; want still m.code", s.Current().ID)
	}
	must(t, s.Input("54"))
	if err := s.Answer(AnswerContinue); !errors.Is(err, ErrFinished) {
		t.Errorf("Answer after finish = %v; want ErrFinished", err)
	}
	if sum := s.Summary(); sum.Code != "54" || sum.Outcome != VerdictProblem || sum.Layer != LayerBankOrCard {
		t.Errorf("Summary() = %+v; want code 54, problem, bank-or-card", sum)
	}
}

func TestCardNumberNeverStoredInFull(t *testing.T) {
	const pan = "6222021234567890128"
	s := play(t, scenario{flow: MainFlow, answers: []string{"funds", "unknown", "=08/29", "=" + pan, "correct"}})
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), pan) || strings.Contains(string(data), pan[6:15]) {
		t.Errorf("session JSON holds the card number's middle digits: %s", data)
	}
	if got, want := s.Summary().Card, "622202*********0128"; got != want {
		t.Errorf("Summary().Card = %q; want %q", got, want)
	}
}

func TestResumeRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		sc   scenario
	}{
		{name: "finished", sc: scenario{flow: MainFlow, code: "12", answers: []string{"void", "settled"}}},
		{name: "typed card", sc: scenario{flow: MainFlow, answers: []string{"funds", "unknown", "=12/30", "=4111111111111111", "correct"}}},
		{name: "selftest", sc: scenario{flow: SelfTestFlow, outcomes: oc{CheckTerminalSignIn: Warn}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := play(t, tt.sc)
			data, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Resume(data, Flows(), ticking())
			if err != nil {
				t.Fatalf("Resume() = %v", err)
			}
			again, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(data), string(again)); diff != "" {
				t.Errorf("JSON after Resume differs (-before +after):\n%s", diff)
			}
		})
	}
}

func TestResumeMidway(t *testing.T) {
	s, _ := Start(MainFlow, ticking())
	must(t, s.Submit(nil))
	must(t, s.Answer("invalid"))
	data, _ := json.Marshal(s)
	r, err := Resume(data, Flows(), ticking())
	if err != nil {
		t.Fatal(err)
	}
	if r.Current().ID != "m.txn" || r.Done() {
		t.Fatalf("resumed at %s (done %v); want open at m.txn", r.Current().ID, r.Done())
	}
	must(t, r.Answer("void"))
	must(t, r.Answer("settled"))
	if got := r.Summary().Findings; len(got) != 1 || got[0] != "op.void-after-cutoff" {
		t.Errorf("findings after resume = %v; want [op.void-after-cutoff]", got)
	}
	must(t, r.Back())
	must(t, r.Back())
	must(t, r.Back())
	if r.Current().ID != "m.screen" {
		t.Errorf("after three Backs at %s; want m.screen", r.Current().ID)
	}
}

func TestResumeErrors(t *testing.T) {
	s, _ := Start(MoneyFlow, ticking())
	good, _ := json.Marshal(s)
	tests := []struct {
		name string
		data string
		want error
	}{
		{"newer schema", strings.Replace(string(good), `"schema":1`, `"schema":2`, 1), ErrSchema},
		{"unknown flow", strings.Replace(string(good), `"flow":"money"`, `"flow":"nope"`, 1), ErrUnknownFlow},
		{"unknown step", strings.Replace(string(good), `"current":"$.last"`, `"current":"$.gone"`, 1), ErrUnknownStep},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Resume([]byte(tt.data), Flows(), nil); !errors.Is(err, tt.want) {
				t.Errorf("Resume() = %v; want %v", err, tt.want)
			}
		})
	}
	if _, err := Resume([]byte("{"), Flows(), nil); err == nil {
		t.Error("Resume(bad JSON) = nil; want an error")
	}
}

func TestFixThenVerify(t *testing.T) {
	signedIn := false
	reg := NewRegistry()
	for _, f := range Flows() {
		for _, st := range f.Steps {
			for _, c := range st.Checks {
				reg.Register(c, func(context.Context) (Result, error) { return Result{Outcome: Pass}, nil })
			}
		}
	}
	reg.Register(CheckTerminalSignIn, func(context.Context) (Result, error) {
		if signedIn {
			return Result{Outcome: Pass}, nil
		}
		return Result{Outcome: Fail, Summary: "not signed in"}, nil
	})
	reg.RegisterAction(ActionSignIn, func(context.Context) error { signedIn = true; return nil })

	s, _ := Start(SelfTestFlow, ticking())
	ctx := context.Background()
	for !s.Done() {
		if _, err := s.Advance(ctx, reg, nil); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.Current().Finding; got != "sw.not-signed-in" {
		t.Fatalf("finding = %s; want sw.not-signed-in", got)
	}
	fix, ok := s.Fix()
	if !ok || fix.Action != ActionSignIn {
		t.Fatalf("Fix() = %+v, %v; want action.signin", fix, ok)
	}
	if sum := s.Summary(); sum.Outcome != VerdictProblem {
		t.Errorf("before fix, outcome %s; want problem", sum.Outcome)
	}
	fixed, err := s.ApplyFix(ctx, reg)
	if err != nil || !fixed {
		t.Fatalf("ApplyFix() = %v, %v; want true, nil", fixed, err)
	}
	if sum := s.Summary(); sum.Outcome != VerdictFixed || sum.Layer != LayerNone {
		t.Errorf("after fix, summary %+v; want fixed with no open layer", sum)
	}
	if _, ok := s.Fix(); ok {
		t.Error("Fix() still offered after it worked")
	}
	if _, err := s.ApplyFix(ctx, reg); !errors.Is(err, ErrNoFix) {
		t.Errorf("second ApplyFix() = %v; want ErrNoFix", err)
	}
}

func TestFixFailsWhenActionFails(t *testing.T) {
	s := play(t, scenario{flow: MainFlow, code: "A0"})
	reg := NewRegistry()
	fixed, err := s.ApplyFix(context.Background(), reg) // no action registered
	if err != nil || fixed {
		t.Fatalf("ApplyFix() = %v, %v; want false, nil", fixed, err)
	}
	fx := s.Fixes()
	if len(fx) != 1 || fx[0].Error == "" || fx[0].Fixed {
		t.Errorf("Fixes() = %+v; want one failed attempt with its error", fx)
	}
	if sum := s.Summary(); sum.Outcome != VerdictProblem {
		t.Errorf("outcome %s; want problem", sum.Outcome)
	}
}

func TestFindingWithNextContinues(t *testing.T) {
	f := &Flow{ID: "t", Start: "a", Steps: []Step{
		{ID: "a", Kind: KindFinding, Finding: "net.weak-signal", Next: "b"},
		{ID: "b", Kind: KindFinding, Finding: "ok.all-clear"},
	}}
	if err := f.Validate(nil); err != nil {
		t.Fatal(err)
	}
	s, _ := Start(f, ticking())
	if s.Done() {
		t.Fatal("Done() at a finding with Next")
	}
	if diff := cmp.Diff([]Choice{{AnswerContinue, "wizard.answer.continue"}}, s.Choices()); diff != "" {
		t.Errorf("Choices() (-want +got):\n%s", diff)
	}
	must(t, s.Answer(AnswerContinue))
	var ids []FindingID
	for _, fd := range s.Findings() {
		ids = append(ids, fd.ID)
	}
	if diff := cmp.Diff([]FindingID{"net.weak-signal", "ok.all-clear"}, ids); diff != "" {
		t.Errorf("Findings() (-want +got):\n%s", diff)
	}
	if got := s.Summary().Outcome; got != VerdictProblem {
		t.Errorf("outcome %s; want problem", got)
	}
}

func TestAdvanceRunsAllChecksOfAStep(t *testing.T) {
	reg := allChecks()
	var seen []CheckID
	s, _ := Start(SelfTestFlow, ticking())
	res, err := s.Advance(context.Background(), reg, func(id CheckID, _ Result) { seen = append(seen, id) })
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || len(seen) != 2 {
		t.Errorf("Advance ran %d checks, reported %d; want 2 and 2", len(res), len(seen))
	}
	if s.Current().ID != "s.terminal" {
		t.Errorf("at %s; want s.terminal", s.Current().ID)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// FuzzResume feeds stored documents to Resume: it must not panic, and a
// document it accepts must survive another round trip unchanged.
func FuzzResume(f *testing.F) {
	f.Add([]byte(`{"schema":1,"flow":"money","current":"$.last","trail":[]}`))
	f.Add([]byte(`{"schema":1,"flow":"main","current":"m.pin","trail":[{"step":"m.link","kind":"check","next":"m.screen"},{"step":"m.screen","kind":"question","answer":"pin","next":"m.pin"}]}`))
	f.Add([]byte(`{"schema":1,"flow":"main","current":"m.f.keys","trail":[{"step":"m.last","kind":"bogus"}]}`))
	f.Add([]byte(`{"schema":2}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Resume(data, Flows(), clockAt(fixedNow))
		if err != nil {
			return
		}
		_ = s.Choices()
		_ = s.Summary()
		first, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("Marshal after Resume: %v", err)
		}
		r, err := Resume(first, Flows(), clockAt(fixedNow))
		if err != nil {
			t.Fatalf("Resume(own output) = %v", err)
		}
		second, _ := json.Marshal(r)
		if string(first) != string(second) {
			t.Errorf("round trip changed the document:\n%s\n%s", first, second)
		}
	})
}

func TestJump(t *testing.T) {
	tests := []struct {
		name, code string
		want       StepID
	}{
		{"PIN", "55", "m.pin"},
		{"keys, lower case", "a0", "m.f.keys"},
		{"category default", "01", "m.f.declined"},
		{"unknown", "Q9", "m.f.code-unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := Start(MainFlow, ticking())
			must(t, s.jump(tt.code))
			if s.Current().ID != tt.want {
				t.Errorf("Jump(%q) went to %s; want %s", tt.code, s.Current().ID, tt.want)
			}
			if got := s.Code(); got != strings.ToUpper(tt.code) {
				t.Errorf("Code() = %q; want %q", got, strings.ToUpper(tt.code))
			}
			data, _ := json.Marshal(s)
			if _, err := Resume(data, Flows(), nil); err != nil {
				t.Errorf("Resume after Jump = %v", err)
			}
		})
	}
	s, _ := Start(SelfTestFlow, ticking())
	if err := s.jump("55"); !errors.Is(err, ErrWrongKind) {
		t.Errorf("Jump in a flow without codes = %v; want ErrWrongKind", err)
	}
	s, _ = Start(MainFlow, ticking())
	var ie *InputError
	if err := s.jump("555"); !errors.As(err, &ie) {
		t.Errorf("Jump(555) = %v; want *InputError", err)
	}
}

// TestJumpWithKeepsEvidence: a code from a log jumps like Jump and the
// trail keeps where it came from, through JSON and Resume.
func TestJumpWithKeepsEvidence(t *testing.T) {
	s, err := Start(MainFlow, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := Result{Outcome: Fail, Summary: "check.log.response.fail", Code: "55",
		Evidence: []Fact{{Key: "evidence.log.line", Value: "42"}}}
	if err := s.JumpWith(EvidenceLogResponse, r); err != nil {
		t.Fatalf("JumpWith error %v", err)
	}
	want := MainFlow.CodeTarget("55")
	if s.Current().ID != want {
		t.Errorf("current step %s; want %s", s.Current().ID, want)
	}
	doc, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Resume(doc, Flows(), nil)
	if err != nil {
		t.Fatalf("Resume error %v", err)
	}
	trail := back.Trail()
	last := trail[len(trail)-1]
	if got := last.Results[EvidenceLogResponse]; last.Code != "55" || got.Code != "55" || len(got.Evidence) != 1 {
		t.Errorf("trail record %+v; want code 55 with the log evidence", last)
	}
	if err := s.JumpWith(EvidenceLogResponse, Result{Code: "5"}); err == nil {
		t.Error("JumpWith(code 5) succeeded; want an input error")
	}
}

// TestChecked: each check once, in the order it first ran, with its latest
// outcome; a step's results for checks it does not run are not listed.
func TestChecked(t *testing.T) {
	f := &Flow{ID: "t", Start: "a", Steps: []Step{
		{ID: "a", Kind: KindCheck, Checks: []CheckID{"port", "signin"}, OnPass: "b", OnFail: "b"},
		{ID: "b", Kind: KindCheck, Checks: []CheckID{"signin"}, OnPass: "end", OnFail: "end"},
		{ID: "end", Kind: KindFinding, Finding: "hw.cable"},
	}}
	s := &Session{flow: f, trail: []Record{
		{Step: "a", Results: map[CheckID]Result{"port": {Outcome: Pass}, "signin": {Outcome: Fail}, "other": {Outcome: Fail}}},
		{Step: "b", Results: map[CheckID]Result{"signin": {Outcome: Pass}}},
	}}
	want := []Checked{{"port", Pass}, {"signin", Pass}}
	if got := s.Checked(); !slices.Equal(got, want) {
		t.Errorf("Checked() = %v, want %v", got, want)
	}
	if got := (&Session{flow: f}).Checked(); len(got) != 0 {
		t.Errorf("a session with no checks run lists %v", got)
	}
}

func TestByUrgency(t *testing.T) {
	f := func(id string, sev Severity, fixed bool) Found {
		return Found{ID: FindingID(id), Severity: sev, Fixed: fixed}
	}
	in := []Found{
		f("info", SeverityInfo, false), f("fixed", SeverityProblem, true),
		f("open1", SeverityProblem, false), f("fixed2", SeverityProblem, true), f("open2", SeverityProblem, false),
	}
	var got []FindingID
	for _, x := range ByUrgency(in) {
		got = append(got, x.ID)
	}
	want := []FindingID{"open1", "open2", "fixed", "fixed2", "info"}
	if !slices.Equal(got, want) {
		t.Errorf("ByUrgency = %v, want %v", got, want)
	}
	if in[0].ID != "info" {
		t.Error("ByUrgency reordered its argument")
	}
}

func TestWorst(t *testing.T) {
	for _, c := range []struct {
		in   []Outcome
		want Outcome
	}{
		{nil, Skipped}, {[]Outcome{Pass}, Pass}, {[]Outcome{Pass, Warn, Skipped}, Warn},
		{[]Outcome{Fail, Pass, Warn}, Fail}, {[]Outcome{Skipped, Skipped}, Skipped},
	} {
		m := map[CheckID]Result{}
		for i, o := range c.in {
			m[CheckID(fmt.Sprint("c", i))] = Result{Outcome: o}
		}
		if got := Worst(m); got != c.want {
			t.Errorf("Worst(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
