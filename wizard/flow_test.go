package wizard

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"posdoctor/assets"
	"posdoctor/wizard/respcode"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// allChecks registers a passing fake for every check the flows use.
func allChecks() *Registry {
	reg := NewRegistry()
	for _, f := range Flows() {
		for _, s := range f.Steps {
			for _, c := range s.Checks {
				reg.Register(c, func(context.Context) (Result, error) { return Result{Outcome: Pass}, nil })
			}
		}
	}
	return reg
}

func TestFlowsValidate(t *testing.T) {
	reg := allChecks()
	for _, f := range Flows() {
		t.Run(string(f.ID), func(t *testing.T) {
			if err := f.Validate(reg); err != nil {
				t.Errorf("Validate() = %v; want nil", err)
			}
		})
	}
}

func TestValidateUnregisteredCheck(t *testing.T) {
	err := SelfTestFlow.Validate(NewRegistry())
	if !errors.Is(err, ErrInvalidFlow) {
		t.Fatalf("Validate(empty registry) = %v; want ErrInvalidFlow", err)
	}
	if n := len(err.(interface{ Unwrap() []error }).Unwrap()); n < 13 {
		t.Errorf("Validate(empty registry) reported %d problems; want one per check use (at least 13)", n)
	}
}

func TestValidateRejects(t *testing.T) {
	fd := func(id StepID) Step { return Step{ID: id, Kind: KindFinding, Finding: "card.expired"} }
	q := func(id StepID, next ...StepID) Step {
		s := Step{ID: id, Kind: KindQuestion, Title: "t"}
		for i, n := range next {
			s.Answers = append(s.Answers, Answer{ID: string(rune('a' + i)), Label: "l", Next: n})
		}
		return s
	}
	tests := []struct {
		name string
		flow Flow
	}{
		{"unknown start", Flow{ID: "x", Start: "nope", Steps: []Step{fd("a")}}},
		{"duplicate step", Flow{ID: "x", Start: "a", Steps: []Step{q("a", "b"), fd("b"), fd("b")}}},
		{"empty step ID", Flow{ID: "x", Start: "a", Steps: []Step{q("a", "b"), fd("b"), fd("")}}},
		{"unknown next", Flow{ID: "x", Start: "a", Steps: []Step{q("a", "zz")}}},
		{"unreachable", Flow{ID: "x", Start: "a", Steps: []Step{q("a", "b"), fd("b"), fd("c")}}},
		{"question without answers", Flow{ID: "x", Start: "a", Steps: []Step{q("a")}}},
		{"dead-end instruction", Flow{ID: "x", Start: "a", Steps: []Step{{ID: "a", Kind: KindInstruction, Title: "t", OnHelped: "b"}, fd("b")}}},
		{"check without fail edge", Flow{ID: "x", Start: "a", Steps: []Step{{ID: "a", Kind: KindCheck, Title: "t", Checks: []CheckID{CheckNetDNS}, OnPass: "b"}, fd("b")}}},
		{"check without checks", Flow{ID: "x", Start: "a", Steps: []Step{{ID: "a", Kind: KindCheck, Title: "t", OnPass: "b", OnFail: "b"}, fd("b")}}},
		{"rule on a check not run", Flow{ID: "x", Start: "a", Steps: []Step{{ID: "a", Kind: KindCheck, Title: "t", Checks: []CheckID{CheckNetDNS},
			Rules: []Rule{{CheckHostTCP, Fail, "b"}}, OnPass: "b", OnFail: "b"}, fd("b")}}},
		{"unknown finding", Flow{ID: "x", Start: "a", Steps: []Step{q("a", "b"), {ID: "b", Kind: KindFinding, Finding: "no.such"}}}},
		{"duplicate answer", Flow{ID: "x", Start: "a", Steps: []Step{{ID: "a", Kind: KindQuestion, Title: "t",
			Answers: []Answer{{ID: "a", Label: "l", Next: "b"}, {ID: "a", Label: "l", Next: "b"}}}, fd("b")}}},
		{"typed question missing a result", Flow{ID: "x", Start: "a", Steps: []Step{{ID: "a", Kind: KindQuestion, Title: "t", Input: InputExpiry,
			Answers: []Answer{{ID: ResultValid, Label: "l", Next: "b"}}}, fd("b")}}},
		{"code jump without table", Flow{ID: "x", Start: "a", Steps: []Step{{ID: "a", Kind: KindQuestion, Title: "t", Input: InputCode,
			Answers: []Answer{{ID: AnswerSkip, Label: "l", Next: "b"}}}, fd("b")}}},
		{"code table missing a category", Flow{ID: "x", Start: "a", Codes: &CodeTable{Approved: "b", Unknown: "b",
			Categories: map[respcode.Category]StepID{respcode.CategoryCard: "b"}},
			Steps: []Step{{ID: "a", Kind: KindQuestion, Title: "t", Input: InputCode}, fd("b")}}},
		{"loop with no way out", Flow{ID: "x", Start: "a", Steps: []Step{q("a", "b", "c"), q("b", "a"), fd("c"), q("d", "d")}}},
		{"trap", Flow{ID: "x", Start: "a", Steps: []Step{q("a", "b", "c"), q("b", "b"), fd("c")}}},
		{"no title", Flow{ID: "x", Start: "a", Steps: []Step{{ID: "a", Kind: KindInstruction, OnHelped: "b", OnNotHelped: "b"}, fd("b")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.flow.Validate(nil); !errors.Is(err, ErrInvalidFlow) {
				t.Errorf("Validate() = %v; want ErrInvalidFlow", err)
			}
		})
	}
}

// TestValidateNamesTheStep: every problem is a *FlowError naming the flow
// and, where there is one, the step, so start-up can tell the owner.
func TestValidateNamesTheStep(t *testing.T) {
	tests := []struct {
		name string
		flow Flow
		want []FlowError // Problem ignored
	}{
		{"edge to a missing step", Flow{ID: "x", Start: "a", Steps: []Step{
			{ID: "a", Kind: KindInstruction, Title: "t", OnHelped: "gone", OnNotHelped: "b"},
			{ID: "b", Kind: KindFinding, Finding: "card.expired"}}},
			[]FlowError{{Flow: "x", Step: "a"}}},
		{"unknown start", Flow{ID: "y", Start: "nope", Steps: []Step{{ID: "b", Kind: KindFinding, Finding: "card.expired"}}},
			[]FlowError{{Flow: "y"}, {Flow: "y", Step: "b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.flow.Validate(nil)
			var got []FlowError
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				var fe *FlowError
				if !errors.As(e, &fe) {
					t.Fatalf("Validate() problem %v is not a *FlowError", e)
				}
				got = append(got, FlowError{Flow: fe.Flow, Step: fe.Step})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Validate() problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCatalogIDsUnique: no finding is written twice (catalog would keep
// only the last).
func TestCatalogIDsUnique(t *testing.T) {
	if len(findings) != len(findingList) {
		t.Errorf("the catalog has %d findings from %d entries; an ID is written twice", len(findings), len(findingList))
	}
}

func TestEveryFindingInAFlow(t *testing.T) {
	used := map[FindingID]bool{}
	for _, f := range Flows() {
		for _, s := range f.Steps {
			used[s.Finding] = true
		}
	}
	for _, id := range findingIDs() {
		if !used[id] {
			t.Errorf("finding %s is in no flow", id)
		}
		fd := findings[id]
		if fd.ID != id {
			t.Errorf("findings[%s].ID = %s", id, fd.ID)
		}
		if len(fd.Remedies) == 0 {
			t.Errorf("finding %s has no remedies", id)
		}
		if fd.Severity == SeverityProblem && fd.Layer == LayerNone && fd.FollowUp == "" {
			t.Errorf("problem finding %s names no layer", id)
		}
	}
}

func TestEveryCodeLands(t *testing.T) {
	for _, c := range respcode.Codes() {
		code := c.Code
		if got := MainFlow.CodeTarget(code); got == "" {
			t.Errorf("MainFlow.CodeTarget(%q) = \"\"", code)
		} else if _, ok := MainFlow.Step(got); !ok {
			t.Errorf("MainFlow.CodeTarget(%q) = %s, not a step", code, got)
		}
	}
	for _, code := range []string{"", "ZZ", "123", "x"} {
		if got := MainFlow.CodeTarget(code); got != MainFlow.Codes.Unknown {
			t.Errorf("MainFlow.CodeTarget(%q) = %s; want %s", code, got, MainFlow.Codes.Unknown)
		}
	}
}

// TestCodeRoutesFollowTable routes every code of the response-code table
// (which respcode's tests hold to its CSV) in every flow with a code table:
// its own entry, else approved (POS class A), else its category; typed in
// lower case or with spaces alike.
func TestCodeRoutesFollowTable(t *testing.T) {
	for _, fl := range Flows() {
		if fl.Codes == nil {
			continue
		}
		for _, c := range respcode.Codes() {
			want, ok := fl.Codes.Codes[c.Code]
			switch {
			case ok:
			case c.Class == respcode.ClassA:
				want = fl.Codes.Approved
			default:
				want = fl.Codes.Categories[c.Category]
			}
			for _, typed := range []string{c.Code, strings.ToLower(c.Code), " " + c.Code + " "} {
				if got := fl.CodeTarget(typed); got != want || got == "" {
					t.Errorf("%s.CodeTarget(%q) = %q; want %q (category %s, class %q)", fl.ID, typed, got, want, c.Category, c.Class)
				}
			}
		}
	}
}

func TestMermaidGolden(t *testing.T) {
	for _, f := range Flows() {
		t.Run(string(f.ID), func(t *testing.T) {
			got := f.Mermaid()
			path := filepath.Join("testdata", "flows", string(f.ID)+".mmd")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./wizard -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("Mermaid() differs from %s (-want +got); run go test ./wizard -update:\n%s", path, diff)
			}
		})
	}
}

// loadLocale reads every <area>.json of a locale with encoding/json.
func loadLocale(t *testing.T, locale string) map[string]string {
	t.Helper()
	files, err := fs.Glob(assets.I18n(), locale+"/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no translation files for %s: %v", locale, err)
	}
	out := map[string]string{}
	for _, name := range files {
		data, err := fs.ReadFile(assets.I18n(), name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// everyCheck lists every check ID, also those in no flow yet.
var everyCheck = []CheckID{CheckTerminalFound, CheckTerminalPort, CheckTerminalStatus, CheckTerminalSignIn,
	CheckTerminalClock, CheckTerminalHardware, CheckTerminalNetwork, CheckTerminalLastTxn, CheckTerminalFirmware,
	CheckNetLink, CheckNetGateway, CheckNetDNS, CheckHostTCP, CheckHostEcho, CheckHostClock, EvidenceLogResponse}

// engineKeys are the keys the engine itself produces.
var engineKeys = []string{
	"check.unregistered", "check.crashed", "check.error", "check.timeout",
	StandardAnswerKey(AnswerHelped), StandardAnswerKey(AnswerNotHelped), StandardAnswerKey(AnswerContinue),
	"wizard.input.card.length", "wizard.input.card.digits", "wizard.input.expiry.format",
	"wizard.input.expiry.month", "wizard.input.code.format",
	"wizard.verdict.open", "wizard.verdict.ok", "wizard.verdict.problem", "wizard.verdict.fixed",
	"findings.layer.none", "findings.layer.unknown",
}

func TestTranslationKeys(t *testing.T) {
	var keys []string
	keys = append(keys, engineKeys...)
	for _, f := range Flows() {
		keys = append(keys, f.Keys()...)
	}
	for _, l := range Layers {
		keys = append(keys, l.Key())
	}
	for _, id := range everyCheck {
		keys = append(keys, id.TitleKey())
	}
	for _, o := range []Outcome{Skipped, Pass, Warn, Fail} {
		keys = append(keys, o.Key())
	}
	for _, loc := range assets.Locales {
		t.Run(loc, func(t *testing.T) {
			msgs := loadLocale(t, loc)
			for _, k := range keys {
				if v, ok := msgs[k]; !ok {
					t.Errorf("key %q missing", k)
				} else if strings.TrimSpace(v) == "" {
					t.Errorf("key %q has empty text", k)
				}
			}
		})
	}
}

// TestOwnFilesSameKeys checks that each of the wizard's translation files
// has the same keys in every locale.
func TestOwnFilesSameKeys(t *testing.T) {
	for _, area := range []string{"wizard", "flows", "findings", "verdict"} {
		t.Run(area, func(t *testing.T) {
			var first map[string]string
			for _, loc := range assets.Locales {
				data, err := fs.ReadFile(assets.I18n(), loc+"/"+area+".json")
				if err != nil {
					t.Fatal(err)
				}
				var m map[string]string
				if err := json.Unmarshal(data, &m); err != nil {
					t.Fatalf("%s/%s.json: %v", loc, area, err)
				}
				if first == nil {
					first = m
					continue
				}
				keysOf := func(m map[string]string) map[string]bool {
					out := map[string]bool{}
					for k := range m {
						out[k] = true
					}
					return out
				}
				if diff := cmp.Diff(keysOf(first), keysOf(m)); diff != "" {
					t.Errorf("%s keys differ from %s (-%s +%s):\n%s", loc, assets.Locales[0], assets.Locales[0], loc, diff)
				}
			}
		})
	}
}

// findingIDs returns every finding in the catalog, sorted.
func findingIDs() []FindingID {
	out := make([]FindingID, 0, len(findings))
	for id := range findings {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
