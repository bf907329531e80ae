package training

import (
	"errors"
	"fmt"
)

// Errors describing what is wrong with training content. They are wrapped
// in a *ContentError naming the place.
var (
	// ErrVersion is returned when a content file has a schema version this
	// package does not know.
	ErrVersion = errors.New("training: unknown content version")
	// ErrMissing is returned when a required field is absent or empty.
	ErrMissing = errors.New("training: missing value")
	// ErrMalformed is returned when an ID or code does not have the allowed
	// shape.
	ErrMalformed = errors.New("training: malformed value")
	// ErrDuplicate is returned when an ID is used twice.
	ErrDuplicate = errors.New("training: duplicate id")
	// ErrUnknown is returned when a value names something that does not
	// exist: an icon, a topic, a card.
	ErrUnknown = errors.New("training: unknown name")
	// ErrOutOfRange is returned when a count or an answer number is outside
	// its allowed range.
	ErrOutOfRange = errors.New("training: value out of range")
)

// Errors of quizzes and progress.
var (
	// ErrUnknownQuestion is returned by Card.Grade when an answer names a
	// question the card does not have.
	ErrUnknownQuestion = errors.New("training: unknown question")
	// ErrBadChoice is returned by Card.Grade when an answer number is not
	// one of the question's choices.
	ErrBadChoice = errors.New("training: no such answer")
	// ErrStaffName is returned by ValidStaffName (and NewProgress) when a
	// display name is empty, too long or holds control characters.
	ErrStaffName = errors.New("training: invalid staff name")
	// ErrNoCard is returned by Progress.Record when the score names no card.
	ErrNoCard = errors.New("training: score names no card")
	// ErrOutOfTurn is returned by Attempt.Answer for a question that is not
	// waiting for an answer (a late or repeated tap), and by Attempt.Next
	// before the current question is answered or after the last.
	ErrOutOfTurn = errors.New("training: not this question's turn")
	// ErrNoRehearsal is returned by Progress.RecordRehearsal when the result
	// names no rehearsal.
	ErrNoRehearsal = errors.New("training: result names no rehearsal")
)

// ContentError says where content is wrong: the file, the card or rehearsal,
// the question and the field. Err is one of the sentinels above; use
// errors.Is on it.
type ContentError struct {
	File     string // "cards.json" or "rehearsals.json"
	Item     string // card or rehearsal ID; empty for file-level problems
	Question QuestionID
	Field    string
	Err      error
}

// Error describes the problem and its place in one line.
func (e *ContentError) Error() string {
	where := e.File
	if e.Item != "" {
		where += " " + e.Item
	}
	if e.Question != "" {
		where += " question " + string(e.Question)
	}
	if e.Field != "" {
		where += " " + e.Field
	}
	return fmt.Sprintf("%s: %v", where, e.Err)
}

// Unwrap returns the sentinel.
func (e *ContentError) Unwrap() error { return e.Err }
