package training_test

import (
	"fmt"
	"time"

	"posdoctor/wizard/training"
)

// ExampleDeck parses a deck, grades one quiz attempt, records it and shows
// that the card comes back first next time.
func ExampleDeck() {
	d, err := training.ParseCards([]byte(`{"version": 1, "cards": [
	  {"id": "sign-in", "icon": "login", "topics": ["sign-in"], "steps": 2, "mistakes": 1,
	   "quiz": [{"id": "1", "choices": 3, "correct": 1}, {"id": "2", "choices": 3, "correct": 2}, {"id": "3", "choices": 3, "correct": 1}]},
	  {"id": "keys-mac", "icon": "settings", "topics": ["keys-mac"], "steps": 3, "mistakes": 2,
	   "quiz": [{"id": "1", "choices": 3, "correct": 1}, {"id": "2", "choices": 3, "correct": 1}, {"id": "3", "choices": 3, "correct": 2}]}
	]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	c, _ := d.Card("keys-mac")
	fmt.Println(c.TitleKey())
	fmt.Println(c.StepKeys()[2])
	fmt.Println(c.AnswerKeys(c.Quiz[0]))

	p, _ := training.NewProgress("小王")
	s, _ := c.Grade(training.Answers{"1": 1, "2": 1, "3": 3})
	fmt.Printf("%d/%d correct, %d%%, passed: %v, wrong: %v\n", s.Correct, s.Total, s.Percent, s.Passed, s.Wrong)
	_ = p.Record(s, time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC))
	fmt.Println("next:", training.Order(d, p))
	fmt.Println("questions:", c.QuestionOrder(p.Card("keys-mac")))

	row := training.Table(d, []*training.Progress{p})[0]
	fmt.Printf("%s: %d/%d passed, certified %v, retake %v\n", row.Staff, row.Passed, row.Total, row.Certified, row.Retake)
	// Output:
	// training.card.keys-mac.title
	// training.card.keys-mac.step.3
	// [training.card.keys-mac.quiz.1.a.1 training.card.keys-mac.quiz.1.a.2 training.card.keys-mac.quiz.1.a.3]
	// 2/3 correct, 66%, passed: false, wrong: [3]
	// next: [keys-mac sign-in]
	// questions: [3 1 2]
	// 小王: 0/2 passed, certified false, retake [keys-mac]
}

// ExamplePasses shows the 80 % rule.
func ExamplePasses() {
	for _, c := range [][2]int{{3, 3}, {2, 3}, {3, 4}, {4, 5}} {
		fmt.Printf("%d of %d: %v\n", c[0], c[1], training.Passes(c[0], c[1]))
	}
	// Output:
	// 3 of 3: true
	// 2 of 3: false
	// 3 of 4: false
	// 4 of 5: true
}

// ExampleAttempt takes a quiz one question at a time, as the GUI and the
// CLI do: answer, read the feedback, go on; then the score and the review.
func ExampleAttempt() {
	c := training.Card{ID: "sign-in", Quiz: []training.Question{
		{ID: "1", Choices: 3, Correct: 1}, {ID: "2", Choices: 3, Correct: 2}, {ID: "3", Choices: 2, Correct: 1},
	}}
	a := training.NewAttempt(c, training.CardProgress{})
	for _, ch := range []training.Choice{1, 3, 1} {
		q, _ := a.Current()
		fb, _ := a.Answer(q.ID, ch)
		fmt.Printf("question %s: answer %d, right %v\n", q.ID, ch, fb.Correct)
		_ = a.Next()
	}
	s, _ := a.Score()
	fmt.Printf("%d/%d, passed %v\n", s.Correct, s.Total, s.Passed)
	for _, m := range a.Review() {
		fmt.Printf("missed %s: chose %d, right %d\n", m.Question.ID, m.Chosen, m.Right)
	}
	// Output:
	// question 1: answer 1, right true
	// question 2: answer 3, right false
	// question 3: answer 1, right true
	// 2/3, passed false
	// missed 2: chose 3, right 2
}
