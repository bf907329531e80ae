package training

// Translation keys of the fixed words of the training screens. The GUI uses
// them; Deck.Keys includes them so tests prove both languages have them.
const (
	KeyBanner        = "training.banner"        // "training mode" banner on every training screen
	KeyWhy           = "training.heading.why"   // heading above Card.WhyKey
	KeySteps         = "training.heading.steps" // heading above the steps
	KeyMistakes      = "training.heading.mistakes"
	KeyStartQuiz     = "training.quiz.start"
	KeyQuestionOf    = "training.quiz.progress" // {{.n}} of {{.total}}
	KeyResult        = "training.quiz.result"   // {{.correct}}, {{.total}}, {{.percent}}
	KeyPassed        = "training.quiz.passed"   // {{.pass}}: PassPercent
	KeyFailed        = "training.quiz.failed"   // {{.pass}}: PassPercent
	KeyRightAnswer   = "training.quiz.right"    // {{.answer}}: the correct answer's text
	KeyCertified     = "training.certified"     // {{.date}}
	KeyNotCertified  = "training.notcertified"  // {{.passed}}, {{.total}}
	KeyStaffName     = "training.staff.name"
	KeyStaffInvalid  = "training.staff.invalid" // {{.max}}: MaxStaffName
	KeyTableStaff    = "training.table.staff"
	KeyTablePassed   = "training.table.passed"
	KeyTableAttempts = "training.table.attempts"
	KeyTableRetake   = "training.table.retake"
	KeyTableNext     = "training.table.next"
	KeyTableStatus   = "training.table.status"
	KeyRehearsals    = "training.rehearsal.heading"
	KeyRehearsalSafe = "training.rehearsal.safe"
	KeyRehearsalOK   = "training.rehearsal.ok"   // the expected finding was reached
	KeyRehearsalMiss = "training.rehearsal.miss" // another finding was reached
)

// UIKeys lists the fixed keys above.
var UIKeys = []string{
	KeyBanner, KeyWhy, KeySteps, KeyMistakes, KeyStartQuiz, KeyQuestionOf,
	KeyResult, KeyPassed, KeyFailed, KeyRightAnswer, KeyCertified,
	KeyNotCertified, KeyStaffName, KeyStaffInvalid, KeyTableStaff,
	KeyTablePassed, KeyTableAttempts, KeyTableRetake, KeyTableNext,
	KeyTableStatus, KeyRehearsals, KeyRehearsalSafe, KeyRehearsalOK,
	KeyRehearsalMiss,
}
