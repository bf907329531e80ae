package report

import "errors"

// Errors of building and rendering a report.
var (
	// ErrNoSessions is returned by Build when the input holds no session:
	// there is nothing to report.
	ErrNoSessions = errors.New("report: no sessions")

	// ErrNoTranslator is returned by Build when Input.Tr is nil.
	ErrNoTranslator = errors.New("report: no translate function")

	// ErrNoFont is returned by PDF and Bundle when Input.Font is empty: the
	// PDF needs a TrueType font with Chinese glyphs.
	ErrNoFont = errors.New("report: no font for the PDF")

	// ErrNoHome is returned by DefaultDir when neither the user's home
	// folder nor a documents folder can be found.
	ErrNoHome = errors.New("report: no home folder")
)
