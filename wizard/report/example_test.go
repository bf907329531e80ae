package report

import (
	"context"
	"fmt"
	"time"

	"posdoctor/wizard"
)

// A session of the shift-start self-test, every check passing, turned into
// the short text the owner pastes into WeChat for support.
func ExampleReport_Summary() {
	reg := wizard.NewRegistry()
	for _, st := range wizard.SelfTestFlow.Steps {
		for _, id := range st.Checks {
			reg.Register(id, func(context.Context) (wizard.Result, error) { return wizard.Result{Outcome: wizard.Pass}, nil })
		}
	}
	start := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	s, _ := wizard.Start(wizard.SelfTestFlow, func() time.Time { return start })
	for len(s.Pending()) > 0 {
		s.Advance(context.Background(), reg, nil)
	}
	doc, _ := s.MarshalJSON()

	tr, _ := loadTr("en") // in the app: an ui/i18n Translator's T
	r, err := Build(Input{
		Sessions: []Session{{ID: "20261125-090000-K7Q3", Doc: doc, Terminal: Terminal{Model: "LANDI A8", TID: "12345678"}}},
		App:      App{Version: "0.1.0"}, Lang: "en", Tr: tr, Location: time.UTC, Now: start,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(r.Summary())
	fmt.Println(r.FileName("pdf"))
	// Output:
	// POS Doctor report, report code PD-WECG-X598
	// Time: 2026-11-25 09:00:00
	// Terminal: LANDI A8 / TID 12345678
	// Verdict: No problem found
	// Nothing is uploaded: when support receives the report you send, the report code PD-WECG-X598 lets them check it is the same one.
	// POSDoctor-PD-WECG-X598-2026-11-25.pdf
}
