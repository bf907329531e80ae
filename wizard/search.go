package wizard

import (
	"strings"
	"unicode/utf8"
)

// screenWords maps words a terminal shows on a failed sale (and their
// English) to the answer of the screen question they mean. Longer, more
// specific words come first.
var screenWords = []struct {
	words  []string
	answer string
	code   string // a code the words stand for, if any
}{
	{[]string{"mac", "校验错", "校验失败"}, "code", "A0"},
	{[]string{"无效交易", "invalid transaction", "无效"}, "invalid", ""},
	{[]string{"无效金额", "金额", "amount"}, "amount", ""},
	{[]string{"密码", "pin"}, "pin", ""},
	{[]string{"余额", "限额", "funds", "limit"}, "funds", ""},
	{[]string{"超时", "timeout", "timed out"}, "timeout", ""},
	{[]string{"通讯", "通信", "连接", "网络", "comm", "connect", "network"}, "comms", ""},
	{[]string{"插卡", "芯片", "读卡", "chip", "insert", "card read"}, "chip", ""},
	{[]string{"黑屏", "死机", "卡住", "frozen", "blank"}, "frozen", ""},
}

// MatchScreen matches what the owner typed from the terminal's screen — a
// response code such as "12", or words such as "无效" or "MAC" — against
// the common terminal messages. It returns the screen question's answer ID
// and, for a code, the code to type after it (answer "code"). ok is false
// when nothing matches; the owner then picks from the list.
func MatchScreen(text string) (answer, code string, ok bool) {
	t := strings.ToLower(strings.TrimSpace(text))
	if t == "" {
		return "", "", false
	}
	if c := strings.ToUpper(t); utf8.RuneCountInString(c) == 2 && isCodeText(c) {
		return "code", c, true
	}
	for _, w := range screenWords {
		for _, word := range w.words {
			if strings.Contains(t, word) {
				return w.answer, w.code, true
			}
		}
	}
	return "", "", false
}

func isCodeText(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// Search answers the current step (one with Step.Search) from typed
// screen text: the matching answer, and for a code the code as well. It
// returns false, changing nothing, when the text matches nothing.
func (s *Session) Search(text string) (bool, error) {
	st := s.Current()
	if !st.Search {
		return false, ErrWrongKind
	}
	answer, code, ok := MatchScreen(text)
	if !ok {
		return false, nil
	}
	if err := s.Answer(answer); err != nil {
		return false, err
	}
	if code != "" && s.Current().Input == InputCode {
		return true, s.Input(code)
	}
	return true, nil
}
