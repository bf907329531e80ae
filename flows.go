package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"posdoctor/ui/checks"
	"posdoctor/ui/i18n"
	"posdoctor/wizard"
)

// builtinChecks returns a registry of every check the app implements, for
// validation only: building it opens nothing.
func builtinChecks() *wizard.Registry {
	reg, closeChecks := checks.Registry(context.Background(), checks.Config{})
	_ = closeChecks() // nothing was opened
	return reg
}

// flowsValid validates flows against reg before any screen opens. If one is
// broken it writes to w, in the language of the translator userTr returns
// (asked for only then: the translations may still be loading), which flow
// and step, each followed by the technical detail, and returns false: a
// build with a broken flow must not run a diagnosis.
func flowsValid(w io.Writer, userTr func() *i18n.Translator, flows []*wizard.Flow, reg *wizard.Registry) bool {
	ok := true
	var tr *i18n.Translator
	for _, f := range flows {
		err := f.Validate(reg)
		if err == nil {
			continue
		}
		if ok {
			tr = userTr()
		}
		ok = false
		name := string(f.ID)
		if tr.Has(f.Title) {
			name = fmt.Sprintf("%s (%s)", tr.T(f.Title), f.ID)
		}
		for _, e := range unjoin(err) {
			var fe *wizard.FlowError
			if errors.As(e, &fe) && fe.Step != "" {
				fmt.Fprintln(w, tr.T("startup.flow.broken", "flow", name, "step", fe.Step))
			} else {
				fmt.Fprintln(w, tr.T("startup.flow.broken.whole", "flow", name))
			}
			fmt.Fprintln(w, "  "+e.Error())
		}
	}
	return ok
}

// unjoin returns the errors errors.Join joined, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
