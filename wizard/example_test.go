package wizard_test

import (
	"context"
	"fmt"
	"time"

	"posdoctor/wizard"
)

// A session of the main flow where the terminal's last transaction was
// declined with 12 (invalid transaction): the wizard asks which transaction
// was tried, and a void after the day's cut-off becomes a refund.
func ExampleSession() {
	reg := wizard.NewRegistry()
	reg.Register(wizard.CheckTerminalLastTxn, func(context.Context) (wizard.Result, error) {
		return wizard.Result{Outcome: wizard.Fail, Summary: "lasttxn.declined", Code: "12"}, nil
	})
	for _, id := range []wizard.CheckID{wizard.CheckTerminalFound, wizard.CheckTerminalPort,
		wizard.CheckTerminalStatus, wizard.CheckTerminalSignIn, wizard.CheckTerminalFirmware,
		wizard.CheckTerminalClock, wizard.CheckTerminalHardware} {
		reg.Register(id, func(context.Context) (wizard.Result, error) { return wizard.Result{Outcome: wizard.Pass}, nil })
	}
	clock := func() time.Time { return time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC) }
	s, _ := wizard.Start(wizard.MainFlow, clock)
	ctx := context.Background()
	for len(s.Pending()) > 0 {
		s.Advance(ctx, reg, nil)
	}
	fmt.Println("question:", s.Current().Title)
	for _, c := range s.Choices() {
		fmt.Println(" -", c.ID)
	}
	s.Answer("void")
	s.Answer("settled")
	for _, f := range s.Findings() {
		fmt.Println("finding:", f.ID, "layer:", f.Layer, "grade:", f.Grade)
	}
	sum := s.Summary()
	fmt.Println("code:", sum.Code, "outcome:", sum.Outcome)
	// Output:
	// question: flows.m.txn
	//  - sale
	//  - void
	//  - refund
	//  - completion
	//  - unsure
	// finding: op.void-after-cutoff layer: operator grade: reported
	// code: 12 outcome: problem
}
