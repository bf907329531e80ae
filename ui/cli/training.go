package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"posdoctor/assets"
	"posdoctor/store"
	"posdoctor/ui/journal"
	"posdoctor/wizard/training"
)

// runTraining is `posdoctor training [cards | staff [--json]]`: the
// training cards in study order, or the owner's table of staff progress
// from the local history file; `posdoctor training quiz CARD [--staff
// NAME]` asks a card's quiz on the terminal, the answers read from Stdin,
// and with --staff records the score for that staff member.
func runTraining(_ context.Context, env *Env, args []string) int {
	sub := "cards"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	var cardID string
	if sub == "quiz" && len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cardID, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("training", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "")
	staff := fs.String("staff", "", "")
	valid := fs.Parse(args) == nil && fs.NArg() == 0
	switch sub {
	case "cards", "staff":
		valid = valid && *staff == ""
	case "quiz":
		valid = valid && cardID != "" && !*asJSON
	default:
		valid = false
	}
	if !valid {
		fmt.Fprintln(env.Stderr, env.Tr.T("training.cli.usage"))
		return ExitUsage
	}
	deck, err := training.Load(assets.Training())
	if err != nil {
		fmt.Fprintln(env.Stderr, env.Tr.T("training.cli.invalid", "err", err.Error()))
		return ExitProblem
	}
	switch sub {
	case "cards":
		return trainingCards(env, deck, *asJSON)
	case "quiz":
		return trainingQuiz(env, deck, training.CardID(cardID), *staff)
	}
	return trainingStaff(env, deck, *asJSON)
}

// cardJSON is one card in `training cards --json`.
type cardJSON struct {
	ID        training.CardID  `json:"id"`
	Title     string           `json:"title"`
	Icon      string           `json:"icon"`
	Topics    []training.Topic `json:"topics"`
	Questions int              `json:"questions"`
}

// trainingCards lists the cards. A word missing in the user's language is
// a problem worth an exit code: content editors run this to check.
func trainingCards(env *Env, deck *training.Deck, asJSON bool) int {
	if asJSON {
		out := make([]cardJSON, 0, len(deck.Cards))
		for _, c := range deck.Cards {
			out = append(out, cardJSON{c.ID, env.Tr.T(c.TitleKey()), c.Icon, c.Topics, len(c.Quiz)})
		}
		return writeTrainingJSON(env, out)
	}
	for i, c := range deck.Cards {
		fmt.Fprintln(env.Stdout, env.Tr.T("training.cli.card",
			"n", i+1, "title", env.Tr.T(c.TitleKey()), "questions", len(c.Quiz), "id", string(c.ID)))
	}
	if missing := deck.MissingKeys(env.Tr.Has); len(missing) > 0 {
		fmt.Fprintln(env.Stderr, env.Tr.T("training.cli.missing",
			"locale", env.Tr.Locale(), "count", len(missing), "keys", strings.Join(missing, ", ")))
		return ExitProblem
	}
	return ExitOK
}

// rowJSON is one staff member in `training staff --json`.
type rowJSON struct {
	Staff       string            `json:"staff"`
	Passed      int               `json:"passed"`
	Total       int               `json:"total"`
	Percent     int               `json:"percent"`
	Attempts    int               `json:"attempts"`
	Certified   bool              `json:"certified"`
	CertifiedAt *time.Time        `json:"certified_at,omitempty"`
	Retake      []training.CardID `json:"retake,omitempty"`
	Next        training.CardID   `json:"next,omitempty"`
}

// trainingStaff prints the owner's table.
func trainingStaff(env *Env, deck *training.Deck, asJSON bool) int {
	path, err := storePath(env)
	if err != nil {
		fmt.Fprintln(env.Stderr, storeError(env, err))
		return ExitProblem
	}
	db, code := openStore(env, path, true)
	if db == nil {
		return code
	}
	defer db.Close()
	list, err := db.StaffList()
	if err != nil {
		fmt.Fprintln(env.Stderr, storeError(env, err))
		return ExitProblem
	}
	staff := make([]*training.Progress, len(list))
	for i, s := range list {
		staff[i] = journal.ProgressFromStore(s)
	}
	rows := training.Table(deck, staff)
	if asJSON {
		out := make([]rowJSON, 0, len(rows))
		for _, r := range rows {
			j := rowJSON{Staff: r.Staff, Passed: r.Passed, Total: r.Total, Percent: r.Percent,
				Attempts: r.Attempts, Certified: r.Certified, Retake: r.Retake, Next: r.Next}
			if r.Certified {
				at := r.CertifiedAt
				j.CertifiedAt = &at
			}
			out = append(out, j)
		}
		return writeTrainingJSON(env, out)
	}
	if len(rows) == 0 {
		fmt.Fprintln(env.Stdout, env.Tr.T("training.cli.nostaff"))
		return ExitOK
	}
	table := [][]string{{env.Tr.T(training.KeyTableStaff), env.Tr.T(training.KeyTablePassed),
		env.Tr.T(training.KeyTableAttempts), env.Tr.T(training.KeyTableNext), env.Tr.T(training.KeyTableStatus)}}
	for _, r := range rows {
		status := env.Tr.T(training.KeyNotCertified, "passed", r.Passed, "total", r.Total)
		if r.Certified {
			status = env.Tr.T(training.KeyCertified, "date", r.CertifiedAt.Local().Format(time.DateOnly))
		}
		next := "-"
		if c, ok := deck.Card(r.Next); ok {
			next = env.Tr.T(c.TitleKey())
		}
		table = append(table, []string{r.Staff, fmt.Sprintf("%d/%d (%d%%)", r.Passed, r.Total, r.Percent),
			strconv.Itoa(r.Attempts), next, status})
	}
	writeTable(env.Stdout, table) // history.go: aligns Chinese text
	return ExitOK
}

func writeTrainingJSON(env *Env, v any) int {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintln(env.Stderr, err)
		return ExitProblem
	}
	return ExitOK
}

// trainingQuiz asks card id's quiz on the terminal: each question with its
// numbered answers, the answer read as a number from Stdin, the feedback at
// once, then the score and the questions missed. With staff it records the
// score for that staff member (added if new), as the GUI does. It returns
// ExitOK when the quiz is passed, ExitProblem when not (or the score could
// not be saved), and ExitUsage for an unknown card, an invalid name or when
// Stdin ends before the last answer (nothing is saved then).
func trainingQuiz(env *Env, deck *training.Deck, id training.CardID, staff string) int {
	tr := env.Tr
	card, ok := deck.Card(id)
	if !ok {
		fmt.Fprintln(env.Stderr, tr.T("training.cli.quiz.nocard", "id", string(id)))
		return ExitUsage
	}
	var db *store.DB
	var p *training.Progress
	if staff != "" {
		var err error
		if p, err = training.NewProgress(staff); err != nil {
			fmt.Fprintln(env.Stderr, tr.T(training.KeyStaffInvalid, "max", training.MaxStaffName))
			return ExitUsage
		}
		path, err := storePath(env)
		if err != nil {
			fmt.Fprintln(env.Stderr, storeError(env, err))
			return ExitProblem
		}
		var code int
		if db, code = openStore(env, path, true); db == nil {
			return code
		}
		defer db.Close()
		if s, err := db.Staff(staff); err == nil {
			p = journal.ProgressFromStore(s)
		} else if !errors.Is(err, store.ErrNotFound) {
			fmt.Fprintln(env.Stderr, storeError(env, err))
			return ExitProblem
		}
	}

	out := env.Stdout
	in := bufio.NewScanner(env.Stdin)
	a := training.NewAttempt(card, p.Card(id))
	fmt.Fprintln(out, tr.T("trainingui.quiz.title", "title", tr.T(card.TitleKey())))
	for !a.Finished() {
		q, _ := a.Current()
		n, total := a.Position()
		keys := card.AnswerKeys(q)
		fmt.Fprintln(out)
		fmt.Fprintln(out, tr.T(training.KeyQuestionOf, "n", n+1, "total", total))
		fmt.Fprintln(out, tr.T(card.QuestionKey(q.ID)))
		for i, k := range keys {
			fmt.Fprintf(out, "  %d. %s\n", i+1, tr.T(k))
		}
		var fb training.Feedback
		for {
			fmt.Fprint(out, tr.T("training.cli.quiz.prompt", "max", q.Choices))
			if !in.Scan() {
				fmt.Fprintln(out)
				fmt.Fprintln(env.Stderr, tr.T("training.cli.quiz.stopped"))
				return ExitUsage
			}
			ch, err := strconv.Atoi(strings.TrimSpace(in.Text()))
			if err == nil {
				if fb, err = a.Answer(q.ID, training.Choice(ch)); err == nil {
					break
				}
			}
			fmt.Fprintln(out, tr.T("training.cli.quiz.again", "max", q.Choices))
		}
		if fb.Correct {
			fmt.Fprintln(out, tr.T("trainingui.quiz.right"))
		} else {
			fmt.Fprintln(out, tr.T("trainingui.quiz.wrongone", "answer", tr.T(keys[fb.Right-1])))
		}
		fmt.Fprintln(out, tr.T(training.KeyWhy))
		fmt.Fprintln(out, "  "+tr.T(fb.ExplainKey))
		if err := a.Next(); err != nil { // answered just above
			fmt.Fprintln(env.Stderr, err)
			return ExitProblem
		}
	}

	s, _ := a.Score()
	fmt.Fprintln(out)
	fmt.Fprintln(out, tr.T(training.KeyResult, "correct", s.Correct, "total", s.Total, "percent", s.Percent))
	verdict := training.KeyFailed
	if s.Passed {
		verdict = training.KeyPassed
	}
	fmt.Fprintln(out, tr.T(verdict, "pass", training.PassPercent))
	if review := a.Review(); len(review) > 0 {
		fmt.Fprintln(out, tr.T("trainingui.quiz.wrong"))
		for _, m := range review {
			fmt.Fprintln(out, "  "+tr.T(card.QuestionKey(m.Question.ID)))
			fmt.Fprintln(out, "    "+tr.T(training.KeyRightAnswer, "answer", tr.T(card.AnswerKeys(m.Question)[m.Right-1])))
		}
	}
	code := ExitOK
	if !s.Passed {
		code = ExitProblem
	}
	if p == nil {
		return code
	}
	if err := p.Record(s, env.now()); err != nil {
		fmt.Fprintln(env.Stderr, err)
		return ExitProblem
	}
	if err := db.PutStaff(journal.ProgressToStore(p)); err != nil {
		fmt.Fprintln(env.Stderr, storeError(env, err))
		return ExitProblem
	}
	fmt.Fprintln(out, tr.T("trainingui.quiz.saved", "name", p.Staff))
	return code
}
