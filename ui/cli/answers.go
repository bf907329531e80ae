package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits of the answers diagnose reads (typed, piped, or --answers FILE).
// An answer is a choice number, a short text or a card number; a script of
// answers is a few hundred lines at most.
const (
	maxAnswerLine  = 4 << 10 // bytes in one answer line
	maxAnswerTotal = 1 << 20 // bytes in all answers together
)

// errAnswerLine and errAnswersTotal are the limits' errors (an
// *AnswersError wraps them).
var (
	errAnswerLine   = errors.New("answer line too long")
	errAnswersTotal = errors.New("too many answers")
)

// AnswersError says why answers could not be read: a limit, or the
// reader's own error (a folder given as the file, a read failure). It is
// never io.EOF, which is the normal end of the answers.
type AnswersError struct {
	Line int   // 1-based line being read
	Err  error // errAnswerLine, errAnswersTotal or the read error
}

func (e *AnswersError) Error() string { return fmt.Sprintf("answers line %d: %v", e.Line, e.Err) }

func (e *AnswersError) Unwrap() error { return e.Err }

// answerReader reads answers one line at a time within the limits.
type answerReader struct {
	r    *bufio.Reader
	line int
	read int
}

func newAnswerReader(r io.Reader) *answerReader {
	return &answerReader{r: bufio.NewReaderSize(io.LimitReader(r, maxAnswerTotal+1), 4096)}
}

// next returns the next answer line without its line ending (and without
// surrounding spaces), io.EOF at the normal end, or an *AnswersError.
func (a *answerReader) next() (string, error) {
	a.line++
	var b strings.Builder
	for {
		chunk, err := a.r.ReadSlice('\n')
		a.read += len(chunk)
		if a.read > maxAnswerTotal {
			return "", &AnswersError{Line: a.line, Err: errAnswersTotal}
		}
		if b.Len()+len(chunk) > maxAnswerLine+2 { // +2: the line ending
			return "", &AnswersError{Line: a.line, Err: errAnswerLine}
		}
		b.Write(chunk)
		switch {
		case err == nil:
			return a.done(b.String())
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if b.Len() == 0 {
				return "", io.EOF
			}
			return a.done(b.String())
		default:
			return "", &AnswersError{Line: a.line, Err: err}
		}
	}
}

// done checks the length of a whole line without its ending and trims it.
func (a *answerReader) done(line string) (string, error) {
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if len(line) > maxAnswerLine {
		return "", &AnswersError{Line: a.line, Err: errAnswerLine}
	}
	return strings.TrimSpace(line), nil
}
