package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"posdoctor/assets"
	"posdoctor/store"
	"posdoctor/ui/journal"
	"posdoctor/wizard"
	"posdoctor/wizard/pan"
	"posdoctor/wizard/report"
)

// RegistryOptions tells the registry builder (Deps.Registry) what the
// diagnosis needs.
type RegistryOptions struct {
	Flow wizard.FlowID // the flow about to run
	Sim  string        // --sim scenario: use the simulated terminal and host; "" for the real ones
	// Journal, when not nil, records every status the terminal reports
	// and saves the session under that terminal (journal.RecordStatus).
	Journal *journal.Journal
}

// runDiagnose walks a troubleshooting flow in a plain terminal: numbered
// answers, live check results, b to go back, the findings at the end.
// Answers come from Stdin, or one per line from --answers FILE. Exit codes:
// ExitOK when the verdict is ok or fixed, ExitProblem when a problem
// remains, ExitUsage for bad flags or when the answers run out.
func runDiagnose(ctx context.Context, env *Env, args []string) int {
	tr := env.Tr
	fs := flag.NewFlagSet("diagnose", flag.ContinueOnError)
	flowName := fs.String("flow", string(wizard.FlowMain), tr.T("wizard.diagnose.flag.flow"))
	answersPath := fs.String("answers", "", tr.T("wizard.diagnose.flag.answers"))
	sim := fs.String("sim", "", tr.T("wizard.diagnose.flag.sim"))
	noSave := fs.Bool("no-save", false, tr.T("storebranch.diagnose.flag.nosave"))
	if code, ok := parseOptions(env, fs, args, "wizard.diagnose.usage"); !ok {
		return code
	}
	flow, err := wizard.FlowByID(wizard.FlowID(*flowName))
	if err != nil {
		fmt.Fprintln(env.Stderr, tr.T("wizard.diagnose.bad-flow", "name", *flowName))
		return ExitUsage
	}
	if err := flow.Validate(nil); err != nil {
		fmt.Fprintln(env.Stderr, tr.T("wizard.diagnose.flow-invalid", "err", err))
		return ExitUsage
	}
	in := env.Stdin
	if *answersPath != "" {
		f, err := openAnswers(*answersPath)
		if err != nil {
			fmt.Fprintln(env.Stderr, tr.T("wizard.diagnose.bad-answers", "err", err))
			return ExitUsage
		}
		defer f.Close()
		in = f
	}
	if in == nil {
		in = strings.NewReader("")
	}
	// The history is opened before any work, so a diagnosis that could not
	// be saved (another window holds the history, the file is read-only)
	// is refused up front, not found out at the end. A simulated run is
	// practice, not history; --no-save runs anyway, unsaved, and says so.
	var db *store.DB
	if env.Deps.SaveSession == nil && *sim == "" {
		path, err := storePath(env)
		if err == nil {
			var code int
			if db, code = openStore(env, path, true); db == nil && !*noSave {
				fmt.Fprintln(env.Stderr, tr.T("storebranch.diagnose.nosave.hint"))
				return code
			}
		}
		if db != nil && db.ReadOnly() && !*noSave {
			db.Close()
			fmt.Fprintln(env.Stderr, tr.T("storebranch.readonly.save"))
			fmt.Fprintln(env.Stderr, tr.T("storebranch.diagnose.nosave.hint"))
			return ExitProblem
		}
		if db != nil && *noSave {
			db.Close()
			db = nil
		}
		if db == nil {
			fmt.Fprintln(env.Stderr, tr.T("storebranch.diagnose.unsaved"))
		}
	}
	var j *journal.Journal
	if db != nil {
		key := ""
		if *sim == "" {
			key = detectedKey(env, "")
		}
		j = journal.New(db, key, time.Now())
	}
	reg, release, err := env.registry()(ctx, env, RegistryOptions{Flow: flow.ID, Sim: *sim, Journal: j})
	if err != nil {
		fmt.Fprintln(env.Stderr, tr.T("wizard.diagnose.registry-error", "err", err))
		return ExitUsage
	}
	defer release()
	if db != nil {
		defer db.Close()
	}
	if err := flow.Validate(reg); err != nil {
		fmt.Fprintln(env.Stderr, tr.T("wizard.diagnose.not-registered"))
	}
	s, err := wizard.Start(flow, nil)
	if err != nil {
		fmt.Fprintln(env.Stderr, tr.T("wizard.diagnose.flow-invalid", "err", err))
		return ExitUsage
	}
	d := &diagnosis{env: env, reg: reg, s: s, lines: newAnswerReader(in), journal: j}
	return d.run(ctx)
}

// diagnosis is one diagnose run: the session and where answers come from.
type diagnosis struct {
	env   *Env
	reg   *wizard.Registry
	s     *wizard.Session
	lines *answerReader
	// readErr is why the answers stopped when it was not their end: a
	// limit or a read error (*AnswersError).
	readErr error
	// journal saves the session to the history after every step; nil when
	// the history cannot be opened (the diagnosis still runs).
	journal *journal.Journal
}

func (d *diagnosis) out(format string, a ...any) { fmt.Fprintf(d.env.Stdout, format, a...) }

func (d *diagnosis) t(key string, kv ...any) string { return d.env.Tr.T(key, kv...) }

// readLine returns the next answer line, trimmed; ok is false at the end
// of the answers, or when they cannot be read (d.readErr says why).
func (d *diagnosis) readLine() (string, bool) {
	line, err := d.lines.next()
	if err != nil {
		if !errors.Is(err, io.EOF) {
			d.readErr = err
		}
		return "", false
	}
	return line, true
}

// endOfAnswers is what ask returns when no answer came: io.EOF, or why
// the answers could not be read.
func (d *diagnosis) endOfAnswers() error {
	if d.readErr != nil {
		return d.readErr
	}
	return io.EOF
}

// printAnswersError explains answers that could not be read.
func (d *diagnosis) printAnswersError(err error) {
	switch {
	case errors.Is(err, errAnswerLine):
		fmt.Fprintln(d.env.Stderr, d.t("storebranch.answers.line", "max", maxAnswerLine))
	case errors.Is(err, errAnswersTotal):
		fmt.Fprintln(d.env.Stderr, d.t("storebranch.answers.total", "max", maxAnswerTotal>>10))
	default:
		fmt.Fprintln(d.env.Stderr, d.t("storebranch.answers.read", "err", err))
	}
}

// openAnswers opens the --answers file: a regular file (or a pipe, a
// terminal) no larger than the answers limit.
func openAnswers(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	switch {
	case err != nil:
	case fi.IsDir():
		err = fmt.Errorf("%s: %w", path, errIsFolder)
	case fi.Mode().IsRegular() && fi.Size() > maxAnswerTotal:
		err = fmt.Errorf("%s: %w", path, errAnswersTotal)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

var errIsFolder = errors.New("is a folder, not a file")

func (d *diagnosis) save() {
	var err error
	switch {
	case d.env.Deps.SaveSession != nil:
		err = d.env.Deps.SaveSession(d.env, d.s)
	case d.journal != nil:
		err = d.journal.Save(d.s)
	}
	if err != nil {
		fmt.Fprintln(d.env.Stderr, storeError(d.env, err))
	}
}

func (d *diagnosis) run(ctx context.Context) int {
	d.out("== %s ==\n", d.t(d.s.Flow().Title))
	for !d.s.Done() {
		if err := ctx.Err(); err != nil {
			return ExitUsage
		}
		st := d.s.Current()
		var err error
		switch st.Kind {
		case wizard.KindCheck:
			d.out("\n%s\n", d.t(st.Title))
			_, err = d.s.Advance(ctx, d.reg, d.printResult)
		case wizard.KindFinding:
			d.printFinding(d.s.Findings()[len(d.s.Findings())-1])
			if !d.offerFix(ctx) {
				return ExitUsage
			}
			err = d.ask()
		default:
			err = d.ask()
		}
		if errors.Is(err, io.EOF) {
			fmt.Fprintln(d.env.Stderr, d.t("wizard.diagnose.eof"))
			return ExitUsage
		}
		var ae *AnswersError
		if errors.As(err, &ae) {
			d.printAnswersError(err)
			return ExitUsage
		}
		if err != nil {
			fmt.Fprintln(d.env.Stderr, err)
			return ExitUsage
		}
		d.save()
	}
	found := d.s.Findings()
	d.printFinding(found[len(found)-1])
	tried := len(d.s.Fixes())
	if !d.offerFix(ctx) {
		return ExitUsage
	}
	if len(d.s.Fixes()) > tried {
		d.save()
	}
	return d.printVerdict()
}

// printResult shows one check's result as it arrives.
func (d *diagnosis) printResult(id wizard.CheckID, r wizard.Result) {
	kv := make([]any, 0, 2*len(r.Args))
	names := make([]string, 0, len(r.Args))
	for k := range r.Args {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		kv = append(kv, k, r.Args[k])
	}
	line := fmt.Sprintf("  [%s] %s", d.t(r.Outcome.Key()), d.t(id.TitleKey()))
	if r.Summary != "" {
		line += ": " + d.t(r.Summary, kv...)
	}
	if r.Code != "" {
		line += " (" + d.t("wizard.diagnose.code", "code", r.Code) + ")"
	}
	fmt.Fprintln(d.env.Stdout, line)
}

// ask shows a question, instruction or finding's choices and takes one
// answer, repeating until the answer is usable. It returns io.EOF when the
// answers run out.
func (d *diagnosis) ask() error {
	for {
		st := d.s.Current()
		choices := d.s.Choices()
		if st.Kind != wizard.KindFinding {
			d.out("\n%s\n", d.t(st.Title))
			if st.Body != "" {
				d.out("  %s\n", d.t(st.Body))
			}
			if st.ShowSale {
				d.printSale()
			}
			if k := d.s.HoldKey(); k != "" {
				d.out("  !! %s\n", d.t(k))
			}
		}
		for i, c := range choices {
			if st.Input != wizard.InputNone {
				break
			}
			d.out("  %d) %s\n", i+1, d.t(c.Label))
		}
		if st.Input != wizard.InputNone {
			prompt := d.t("wizard.diagnose.prompt.input")
			if len(choices) > 0 {
				prompt += d.t("wizard.diagnose.prompt.skip")
			}
			d.out("%s%s", prompt, d.t("wizard.diagnose.prompt.end"))
		} else {
			if st.Search {
				d.out("%s\n", d.t("verdict.search"))
			}
			d.out("%s", d.t("wizard.diagnose.prompt"))
		}
		line, ok := d.readLine()
		if !ok {
			d.out("\n")
			return d.endOfAnswers()
		}
		d.out("%s\n", echo(st, line))
		if line == "b" || line == "B" {
			if err := d.s.Back(); errors.Is(err, wizard.ErrNoHistory) {
				d.out("%s\n", d.t("wizard.diagnose.no-back"))
				continue
			}
			return nil
		}
		if st.Input != wizard.InputNone {
			if (line == "s" || line == "S") && len(choices) > 0 {
				return d.s.Answer(wizard.AnswerSkip)
			}
			var ie *wizard.InputError
			if err := d.s.Input(line); errors.As(err, &ie) {
				d.out("%s\n", d.t(ie.Reason))
				continue
			} else {
				return err
			}
		}
		id := line
		if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(choices) {
			id = choices[n-1].ID
		} else if st.Search && !slices.ContainsFunc(choices, func(c wizard.Choice) bool { return c.ID == line }) {
			// What the screen said, typed: a code or a few words.
			if ok, err := d.s.Search(line); ok || err != nil {
				return err
			}
			d.out("%s\n", d.t("verdict.search.none"))
			continue
		}
		if err := d.s.Answer(id); errors.Is(err, wizard.ErrUnknownAnswer) {
			d.out("%s\n", d.t("wizard.diagnose.bad-choice"))
			continue
		} else {
			return err
		}
	}
}

// echo shows what was read, so a replayed transcript reads like a typed
// one. The answer to a card-number question is echoed masked (pan.Mask);
// any other answer goes through the report's scrubber, so a card number
// typed at the wrong question is masked too.
func echo(st wizard.Step, line string) string {
	if st.Input == wizard.InputCardNumber && line != "b" && line != "s" {
		return "> " + pan.Mask(line)
	}
	return "> " + report.Scrub(line).Text
}

// printFinding shows a finding: its cause, whose problem it is, the
// remedies, and what to tell the customer.
func (d *diagnosis) printFinding(f wizard.Found) {
	d.out("\n%s\n", d.t("wizard.diagnose.finding", "title", d.t(f.Title)))
	if f.Grade != "" && f.Severity == wizard.SeverityProblem {
		d.out("  [%s]\n", d.t(f.Grade.Key()))
	}
	d.out("  %s\n", d.t(f.LayerKey()))
	if f.Hold != "" {
		d.out("  !! %s\n", d.t(f.Hold))
	}
	if strings.HasPrefix(string(f.ID), "money.") {
		d.printSale()
	}
	d.out("%s\n", d.t("wizard.diagnose.remedies"))
	for i, r := range f.Remedies {
		d.out("  %d. %s\n", i+1, d.t(r))
	}
	if f.Confirm != "" {
		d.out("%s %s\n", d.t("verdict.confirm.title"), d.t(f.Confirm))
	}
	if f.RunnerUp != "" {
		if r, ok := wizard.LookupFinding(f.RunnerUp); ok {
			d.out("%s\n", d.t("verdict.runner-up", "title", d.t(r.Title)))
		}
	}
	if f.CallsLakala {
		d.printLakala()
	}
	if f.Customer != "" {
		d.out("%s\n  “%s”\n", d.t("wizard.diagnose.customer"), d.t(f.Customer))
	}
	if fd, ok := wizard.LookupFinding(f.ID); ok && fd.FollowUp != "" {
		d.out("%s\n", d.t("wizard.diagnose.followup", "flow", string(fd.FollowUp)))
	}
}

// offerFix offers the current finding's fix when its action is registered,
// applies it on "y" and shows whether the re-run checks now pass. It
// returns false when the answers ran out.
func (d *diagnosis) offerFix(ctx context.Context) bool {
	fix, ok := d.s.Fix()
	if !ok || !d.reg.HasAction(fix.Action) {
		return true
	}
	d.out("\n%s ", d.t("wizard.diagnose.fix.offer", "label", d.t(fix.Label)))
	line, ok := d.readLine()
	if !ok {
		d.out("\n")
		if d.readErr != nil {
			d.printAnswersError(d.readErr)
		} else {
			fmt.Fprintln(d.env.Stderr, d.t("wizard.diagnose.eof"))
		}
		return false
	}
	d.out("> %s\n", line)
	if !strings.EqualFold(line, "y") && !strings.EqualFold(line, "yes") && line != "是" {
		return true
	}
	d.out("%s\n", d.t("wizard.diagnose.running"))
	fixed, err := d.s.ApplyFix(ctx, d.reg)
	if err != nil {
		fmt.Fprintln(d.env.Stderr, err)
		return true
	}
	if fx := d.s.Fixes(); len(fx) > 0 {
		last := fx[len(fx)-1]
		ids := make([]wizard.CheckID, 0, len(last.Results))
		for id := range last.Results {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		for _, id := range ids {
			d.printResult(id, last.Results[id])
		}
	}
	if fixed {
		d.out("%s\n", d.t("wizard.diagnose.fix.ok"))
	} else {
		d.out("%s\n", d.t("wizard.diagnose.fix.failed"))
	}
	return true
}

// printVerdict prints the one-line verdict and returns the exit code.
func (d *diagnosis) printVerdict() int {
	d.printChecked()
	sum := d.s.Summary()
	d.out("\n%s\n", d.t("wizard.diagnose.verdict", "verdict", d.t(wizard.VerdictKey(sum.Outcome))))
	if sum.Code != "" {
		d.out("%s\n", d.t("wizard.diagnose.code", "code", sum.Code))
	}
	if sum.Outcome == wizard.VerdictProblem {
		return ExitProblem
	}
	return ExitOK
}

// printSale shows the sale a money question or verdict is about: the
// terminal's last transaction (type, result, time, amount, masked card).
func (d *diagnosis) printSale() {
	facts := d.s.SaleFacts()
	if len(facts) == 0 {
		d.out("  %s\n", d.t("verdict.sale.none"))
		return
	}
	d.out("  %s\n", d.t("verdict.sale.title"))
	for _, f := range facts {
		v := f.Value
		if strings.Contains(v, ".") && !strings.ContainsAny(v, " 0123456789") {
			v = d.t(v) // a translation key such as device.local.declined
		}
		d.out("    %s: %s\n", d.t(f.Key), v)
	}
}

// printLakala shows what to quote when the remedy is to call Lakala: the
// response code and where to find the terminal's IDs, and the number.
func (d *diagnosis) printLakala() {
	d.out("%s\n", d.t("verdict.lakala.title"))
	code := d.s.Code()
	if code == "" {
		code = d.t("verdict.lakala.unknown")
	}
	d.out("  %s\n", d.t("verdict.lakala.code", "v", code))
	sup := wizard.ParseSupport(assets.Support)
	d.out("  %s", d.t("verdict.lakala.phone", "phone", sup.Phone))
	if !sup.Verified {
		d.out(" %s", d.t("verdict.lakala.unverified"))
	}
	d.out("\n")
}

// printChecked lists briefly what was checked: each automatic check once,
// with its last outcome.
func (d *diagnosis) printChecked() {
	checked := d.s.Checked()
	if len(checked) == 0 {
		return
	}
	parts := make([]string, 0, len(checked))
	for _, c := range checked {
		parts = append(parts, d.t(c.ID.TitleKey())+" "+d.t(c.Outcome.Key()))
	}
	d.out("\n%s %s\n", d.t("verdict.checked"), strings.Join(parts, " · "))
}
