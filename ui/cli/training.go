package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"posdoctor/assets"
	"posdoctor/ui/journal"
	"posdoctor/wizard/training"
)

// runTraining is `posdoctor training [cards | staff [--json]]`: the
// training cards in study order, or the owner's table of staff progress
// from the local history file.
func runTraining(_ context.Context, env *Env, args []string) int {
	sub := "cards"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("training", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || (sub != "cards" && sub != "staff") {
		fmt.Fprintln(env.Stderr, env.Tr.T("training.cli.usage"))
		return ExitUsage
	}
	deck, err := training.Load(assets.Training())
	if err != nil {
		fmt.Fprintln(env.Stderr, env.Tr.T("training.cli.invalid", "err", err.Error()))
		return ExitProblem
	}
	if sub == "cards" {
		return trainingCards(env, deck, *asJSON)
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
