// Package training is the pure engine behind POS Doctor's training mode:
// the deck of training cards with their quizzes, a quiz attempt asked one
// question at a time (Attempt) with scoring by the 80 % pass rule and a
// review of the mistakes, per-staff progress, the "wrongly answered cards come back first"
// ordering, certification, the owner's progress table, and the rehearsal
// scenarios the GUI runs against the simulated terminal with their result
// (RehearsalResult: what the trainee found and named against what the
// rehearsal expects; not a quiz score).
//
// # Content
//
// The structure of the content is data in the assets package:
// training/cards.json names every card (ID, icon, topics, how many steps and
// common mistakes it has, its quiz questions with the number of choices and
// the correct one) and training/rehearsals.json names the rehearsals. Every
// word a user reads lives in the translation files (area "training") under
// keys derived from the IDs, see [Card.TitleKey] and friends. ParseCards and
// ParseRehearsals validate everything they read; Deck.Keys lists every
// translation key the content needs so a test can prove both languages have
// them.
//
// # Invariants
//
//   - A Deck returned by Load or ParseCards is valid: unique, well-formed IDs,
//     icons from Fyne's theme icon names, known topics, 3–4 questions per
//     card, a correct answer within range. It is immutable after loading and
//     safe for concurrent reads.
//   - Answers are numbered from 1, as in the translation keys (…a.1, …a.2).
//   - A quiz is passed when at least PassPercent of its questions are
//     answered correctly; an unanswered question counts as wrong.
//   - Progress holds a staff member's display name and quiz results only:
//     nothing about cards or customers. Once a card is passed it stays
//     passed; a later failed retake only brings it to the front of the
//     study order.
//
// # Goroutines
//
// None. Every function is synchronous and does no I/O beyond reading the
// fs.FS handed to Load. Progress is a plain value and is not safe for
// concurrent mutation.
package training
