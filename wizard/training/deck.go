package training

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
)

// The files Load reads from the training content tree.
const (
	CardsFile      = "cards.json"
	RehearsalsFile = "rehearsals.json"
)

// contentVersion is the schema version of cards.json and rehearsals.json.
const contentVersion = 1

// Limits on the shape of a card.
const (
	MinQuestions = 3  // fewest quiz questions per card
	MaxQuestions = 4  // most quiz questions per card
	MinChoices   = 2  // fewest answers a question offers
	MaxChoices   = 5  // most answers a question offers
	MaxSteps     = 10 // most steps a card has
	MaxMistakes  = 10 // most common mistakes a card lists
)

// CardID names a card. IDs are stored in staff progress: never rename one.
type CardID string

// QuestionID names a quiz question within its card, such as "1". IDs are
// stored in progress (last wrong questions): never renumber.
type QuestionID string

// Choice is an answer number, counting from 1.
type Choice int

// Question is one multiple-choice quiz question. Its words are the
// translation keys Card.QuestionKey and Card.AnswerKeys return.
type Question struct {
	ID      QuestionID `json:"id"`
	Choices int        `json:"choices"` // how many answers are offered
	Correct Choice     `json:"correct"` // the right one, 1..Choices
}

// Card is one training card: a title, why it matters, the steps to follow,
// the common mistakes, an icon, and a short quiz. Its words are translation
// keys derived from its ID.
type Card struct {
	ID CardID `json:"id"`
	// Icon is a Fyne theme icon name ("warning", "info" …); the GUI maps it.
	Icon     string     `json:"icon"`
	Topics   []Topic    `json:"topics"`
	Steps    int        `json:"steps"`    // number of steps, keys .step.1 … .step.N
	Mistakes int        `json:"mistakes"` // number of common mistakes, keys .mistake.1 …
	Quiz     []Question `json:"quiz"`
}

func (c Card) key(suffix string) string { return "training.card." + string(c.ID) + "." + suffix }

// TitleKey returns the translation key of the card's title.
func (c Card) TitleKey() string { return c.key("title") }

// WhyKey returns the translation key of "why it matters".
func (c Card) WhyKey() string { return c.key("why") }

// StepKeys returns the translation keys of the steps, in order.
func (c Card) StepKeys() []string { return numbered(c.key("step."), c.Steps) }

// MistakeKeys returns the translation keys of the common mistakes, in order.
func (c Card) MistakeKeys() []string { return numbered(c.key("mistake."), c.Mistakes) }

// QuestionKey returns the translation key of the question's text.
func (c Card) QuestionKey(q QuestionID) string { return c.key("quiz." + string(q) + ".q") }

// AnswerKeys returns the translation keys of the question's answers, the
// first being answer 1.
func (c Card) AnswerKeys(q Question) []string {
	return numbered(c.key("quiz."+string(q.ID)+".a."), q.Choices)
}

// Question returns the quiz question with the ID, and whether there is one.
func (c Card) Question(id QuestionID) (Question, bool) {
	for _, q := range c.Quiz {
		if q.ID == id {
			return q, true
		}
	}
	return Question{}, false
}

// Keys returns every translation key the card uses.
func (c Card) Keys() []string {
	keys := []string{c.TitleKey(), c.WhyKey()}
	keys = append(keys, c.StepKeys()...)
	keys = append(keys, c.MistakeKeys()...)
	for _, q := range c.Quiz {
		keys = append(keys, c.QuestionKey(q.ID))
		keys = append(keys, c.AnswerKeys(q)...)
	}
	return keys
}

func numbered(prefix string, n int) []string {
	keys := make([]string, 0, max(n, 0))
	for i := 1; i <= n; i++ {
		keys = append(keys, prefix+strconv.Itoa(i))
	}
	return keys
}

// Deck is the whole training content: the cards in study order and the
// rehearsals. A Deck from Load or ParseCards is valid and must not be
// modified; it is safe for concurrent reads.
type Deck struct {
	Cards      []Card
	Rehearsals []Rehearsal
	index      map[CardID]int
}

// Card returns the card with the ID, and whether there is one.
func (d *Deck) Card(id CardID) (Card, bool) {
	i, ok := d.index[id]
	if !ok {
		return Card{}, false
	}
	return d.Cards[i], true
}

// Keys returns, sorted, every translation key the deck's cards and
// rehearsals use, plus the fixed keys in UIKeys.
func (d *Deck) Keys() []string {
	keys := append([]string(nil), UIKeys...)
	for _, c := range d.Cards {
		keys = append(keys, c.Keys()...)
	}
	for _, r := range d.Rehearsals {
		keys = append(keys, r.TitleKey(), r.BriefKey())
	}
	sort.Strings(keys)
	return keys
}

// MissingKeys returns, sorted, the keys of Keys for which has reports false.
// Pass a translator's Has method to check one language.
func (d *Deck) MissingKeys(has func(key string) bool) []string {
	var missing []string
	for _, k := range d.Keys() {
		if !has(k) {
			missing = append(missing, k)
		}
	}
	return missing
}

// Uncovered returns the topics of Topics that no card covers, in the order
// of Topics.
func (d *Deck) Uncovered() []Topic {
	covered := map[Topic]bool{}
	for _, c := range d.Cards {
		for _, t := range c.Topics {
			covered[t] = true
		}
	}
	var out []Topic
	for _, t := range Topics() {
		if !covered[t] {
			out = append(out, t)
		}
	}
	return out
}

// Load reads and validates cards.json and rehearsals.json from fsys (the
// tree assets.Training returns). Errors name the file; validation problems
// are *ContentError values joined with errors.Join.
func Load(fsys fs.FS) (*Deck, error) {
	data, err := fs.ReadFile(fsys, CardsFile)
	if err != nil {
		return nil, fmt.Errorf("load training cards: %w", err)
	}
	d, err := ParseCards(data)
	if err != nil {
		return nil, err
	}
	data, err = fs.ReadFile(fsys, RehearsalsFile)
	if err != nil {
		return nil, fmt.Errorf("load training rehearsals: %w", err)
	}
	rs, err := ParseRehearsals(data, d)
	if err != nil {
		return nil, err
	}
	d.Rehearsals = rs
	return d, nil
}

type cardsFile struct {
	Version int    `json:"version"`
	Cards   []Card `json:"cards"`
}

// ParseCards parses and validates the contents of cards.json. It rejects
// unknown fields and trailing data. Every problem found is reported: the
// error is errors.Join of *ContentError values, each wrapping ErrVersion,
// ErrMissing, ErrMalformed, ErrDuplicate, ErrUnknown or ErrOutOfRange.
// A JSON syntax error is returned wrapped on its own.
func ParseCards(data []byte) (*Deck, error) {
	var f cardsFile
	if err := decodeStrict(data, &f); err != nil {
		return nil, fmt.Errorf("parse %s: %w", CardsFile, err)
	}
	if err := validateCards(f); err != nil {
		return nil, err
	}
	d := &Deck{Cards: f.Cards, index: make(map[CardID]int, len(f.Cards))}
	for i, c := range f.Cards {
		d.index[c.ID] = i
	}
	return d, nil
}

// decodeStrict decodes one JSON value into v, rejecting unknown fields and
// anything after the value.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errTrailing
	}
	return nil
}

// errTrailing reports bytes after the JSON value of a content file.
var errTrailing = errors.New("data after the JSON value")

var (
	idPattern         = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	questionIDPattern = regexp.MustCompile(`^[a-z0-9]{1,8}$`)
)

const maxIDLen = 40

func validID(id string) bool { return len(id) <= maxIDLen && idPattern.MatchString(id) }

func validateCards(f cardsFile) error {
	var errs []error
	bad := func(item string, q QuestionID, field string, err error) {
		errs = append(errs, &ContentError{File: CardsFile, Item: item, Question: q, Field: field, Err: err})
	}
	if f.Version != contentVersion {
		bad("", "", "version", ErrVersion)
	}
	if len(f.Cards) == 0 {
		bad("", "", "cards", ErrMissing)
	}
	seen := map[CardID]bool{}
	for i, c := range f.Cards {
		item := string(c.ID)
		switch {
		case c.ID == "":
			item = fmt.Sprintf("#%d", i+1)
			bad(item, "", "id", ErrMissing)
		case !validID(string(c.ID)):
			item = fmt.Sprintf("#%d", i+1)
			bad(item, "", "id", ErrMalformed)
		case seen[c.ID]:
			bad(item, "", "id", ErrDuplicate)
		}
		seen[c.ID] = true
		switch {
		case c.Icon == "":
			bad(item, "", "icon", ErrMissing)
		case !IsIcon(c.Icon):
			bad(item, "", "icon", ErrUnknown)
		}
		if len(c.Topics) == 0 {
			bad(item, "", "topics", ErrMissing)
		}
		seenTopic := map[Topic]bool{}
		for _, t := range c.Topics {
			if !t.Known() {
				bad(item, "", "topics", ErrUnknown)
			} else if seenTopic[t] {
				bad(item, "", "topics", ErrDuplicate)
			}
			seenTopic[t] = true
		}
		if c.Steps < 1 || c.Steps > MaxSteps {
			bad(item, "", "steps", ErrOutOfRange)
		}
		if c.Mistakes < 1 || c.Mistakes > MaxMistakes {
			bad(item, "", "mistakes", ErrOutOfRange)
		}
		if len(c.Quiz) < MinQuestions || len(c.Quiz) > MaxQuestions {
			bad(item, "", "quiz", ErrOutOfRange)
		}
		seenQ := map[QuestionID]bool{}
		for _, q := range c.Quiz {
			switch {
			case q.ID == "":
				bad(item, "", "quiz id", ErrMissing)
			case !questionIDPattern.MatchString(string(q.ID)):
				bad(item, "", "quiz id", ErrMalformed)
			case seenQ[q.ID]:
				bad(item, q.ID, "id", ErrDuplicate)
			}
			seenQ[q.ID] = true
			if q.Choices < MinChoices || q.Choices > MaxChoices {
				bad(item, q.ID, "choices", ErrOutOfRange)
			}
			if q.Correct < 1 || int(q.Correct) > q.Choices {
				bad(item, q.ID, "correct", ErrOutOfRange)
			}
		}
	}
	return errors.Join(errs...)
}
