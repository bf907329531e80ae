package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"posdoctor/assets"
	"posdoctor/ui/i18n"
	"posdoctor/wizard"
)

func TestBuiltinFlowsValid(t *testing.T) {
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if !flowsValid(&out, func() *i18n.Translator { return cat.Translator("en") }, wizard.Flows(), builtinChecks()) {
		t.Errorf("flowsValid(built-in flows) = false; want true; it wrote:\n%s", out.String())
	}
	if out.Len() != 0 {
		t.Errorf("flowsValid(built-in flows) wrote %q; want nothing", out.String())
	}
}

// TestBrokenFlowStopsStartup: a flow with an edge to a missing step stops
// the start with a message in the user's language that names the flow (by
// its title and ID) and the step.
func TestBrokenFlowStopsStartup(t *testing.T) {
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		t.Fatal(err)
	}
	broken := &wizard.Flow{ID: wizard.FlowWaiting, Title: "flows.waiting.title", Start: "w.first", Steps: []wizard.Step{
		{ID: "w.first", Kind: wizard.KindInstruction, Title: "flows.w.first", OnHelped: "w.gone", OnNotHelped: "w.end"},
		{ID: "w.end", Kind: wizard.KindFinding, Finding: "card.expired"},
	}}
	tests := []struct {
		locale string
		want   []string
	}{
		{"en", []string{"POS Doctor cannot start", "(waiting)", "broken at step w.first", "step w.first: helped leads to unknown step w.gone"}},
		{"zh-Hans", []string{"POS 医生无法启动", "(waiting)", "在步骤 w.first 有错误", "step w.first: helped leads to unknown step w.gone"}},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			var out bytes.Buffer
			flows := []*wizard.Flow{wizard.MainFlow, broken}
			if flowsValid(&out, func() *i18n.Translator { return cat.Translator(tt.locale) }, flows, builtinChecks()) {
				t.Fatalf("flowsValid(broken flow) = true; want false")
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("flowsValid(broken flow) wrote:\n%s\nwant it to contain %q", out.String(), w)
				}
			}
			if strings.Contains(out.String(), "(main)") {
				t.Errorf("flowsValid named the valid main flow:\n%s", out.String())
			}
		})
	}
}

// BenchmarkFlowsValid measures what start-up validation adds before the
// first frame.
func BenchmarkFlowsValid(b *testing.B) {
	cat, err := i18n.Load(assets.I18n(), assets.Locales)
	if err != nil {
		b.Fatal(err)
	}
	tr := cat.Translator("en")
	for b.Loop() {
		if !flowsValid(io.Discard, func() *i18n.Translator { return tr }, wizard.Flows(), builtinChecks()) {
			b.Fatal("built-in flows invalid")
		}
	}
}
