package ui

import (
	"strings"
	"testing"
)

// TestBreakLines: with every character one unit wide, lines fit the
// width, no line starts with closing punctuation or ends with opening
// punctuation, Latin words stay whole, and no character is lost. Issue 21.
func TestBreakLines(t *testing.T) {
	unit := func(rune) float32 { return 1 }
	for _, tt := range []struct {
		name  string
		text  string
		width float32
		want  string
	}{
		{"fits", "刷卡失败", 10, "刷卡失败"},
		{"plain break", "一二三四五六", 4, "一二三四\n五六"},
		{"comma pulls a character down", "一二三四，五六", 4, "一二三\n四，五六"},
		{"full stop too", "请重新签到。然后再试", 5, "请重新签\n到。然后再\n试"},
		{"two closing marks", "一二三）。四", 3, "一二\n三）。\n四"},
		{"opening mark never ends a line", "一二（三四）", 3, "一二\n（三\n四）"},
		{"Latin word kept whole", "请插好 USB 线", 6, "请插好\nUSB 线"},
		{"numbers kept whole", "应答码 12345 是", 8, "应答码\n12345 是"},
		{"a word wider than the line is cut", "abcdefgh", 3, "abc\ndef\ngh"},
		{"hard breaks kept", "一二\n三四五六", 3, "一二\n三四五\n六"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := breakLines(tt.text, tt.width, unit)
			if got != tt.want {
				t.Errorf("breakLines(%q, %v) = %q; want %q", tt.text, tt.width, got, tt.want)
			}
		})
	}
}

// TestBreakLinesProperties checks the rules on every Chinese translation at
// several widths, with a width oracle that gives Latin half the width.
func TestBreakLinesProperties(t *testing.T) {
	measure := func(r rune) float32 {
		if r < 0x2E80 {
			return 0.55
		}
		return 1
	}
	strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for key, text := range catalog(t).Messages("zh-Hans") {
		for _, width := range []float32{7, 13, 22, 31} {
			got := breakLines(text, width, measure)
			if strip(got) != strip(text) {
				t.Errorf("%s at %v: text changed: %q", key, width, got)
			}
			for _, hard := range strings.Split(text, "\n") { // lines the text itself starts are not ours
				lines := strings.Split(breakLines(hard, width, measure), "\n")
				for _, line := range lines[1:] {
					if rs := []rune(line); len(rs) > 0 && strings.ContainsRune("，。、；：？！）", rs[0]) {
						t.Errorf("%s at %v: a wrapped line starts with %q: %q", key, width, rs[0], line)
					}
				}
				for _, line := range lines[:len(lines)-1] {
					if rs := []rune(line); len(rs) > 0 && strings.ContainsRune("（「“《", rs[len(rs)-1]) {
						t.Errorf("%s at %v: a wrapped line ends with %q: %q", key, width, rs[len(rs)-1], line)
					}
				}
			}
		}
	}
}
