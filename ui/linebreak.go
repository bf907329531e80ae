package ui

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Chinese line-break rules (禁则): closing punctuation never starts a line,
// opening punctuation never ends one. Fyne breaks a line without spaces at
// whatever character overflows, so "，" or "。" can start a line; a
// paragraph breaks its text itself and hands the label finished lines.
const (
	noLineStart = "，。、；：？！）」』”’》〉】…—·%,.;:?!)]}"
	noLineEnd   = "（「『“‘《〈【([{"
)

// paragraph is a wrapped label that follows the line-break rules.
type paragraph struct {
	widget.BaseWidget
	text  string
	label *widget.Label // what is drawn: text with the line breaks put in
	width float32       // the width label.Text was broken for
}

func newParagraph(text string) *paragraph {
	p := &paragraph{text: text, label: widget.NewLabel(text)}
	p.label.Wrapping = fyne.TextWrapWord // a safety net: our lines already fit
	p.ExtendBaseWidget(p)
	return p
}

// SetText replaces the text and redraws.
func (p *paragraph) SetText(s string) {
	p.text = s
	p.width = 0
	p.label.SetText(s)
	p.Refresh()
}

func (p *paragraph) CreateRenderer() fyne.WidgetRenderer {
	return &paragraphRenderer{p: p}
}

type paragraphRenderer struct{ p *paragraph }

func (r *paragraphRenderer) Layout(size fyne.Size) {
	p := r.p
	if size.Width != p.width && size.Width > 0 {
		p.width = size.Width
		th := p.label.Theme()
		textSize := th.Size(theme.SizeNameText)
		if p.label.SizeName != "" {
			textSize = th.Size(p.label.SizeName)
		}
		avail := size.Width - 2*th.Size(theme.SizeNameInnerPadding) - 2 // a little slack for rounding
		style := p.label.TextStyle
		cache := map[rune]float32{}
		measure := func(c rune) float32 {
			w, ok := cache[c]
			if !ok {
				w = fyne.MeasureText(string(c), textSize, style).Width
				cache[c] = w
			}
			return w
		}
		p.label.Text = breakLines(p.text, avail, measure)
		p.label.Refresh()
	}
	p.label.Resize(size)
}

func (r *paragraphRenderer) MinSize() fyne.Size           { return r.p.label.MinSize() }
func (r *paragraphRenderer) Refresh()                     { r.p.label.Refresh() }
func (r *paragraphRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.p.label} }
func (r *paragraphRenderer) Destroy()                     {}

// breakLines puts line breaks into text so that no line is wider than
// width (as measure adds up character widths), breaking between Chinese
// characters anywhere the rules allow and between Latin words at spaces.
// A single unbreakable run wider than width is cut where it overflows.
func breakLines(text string, width float32, measure func(rune) float32) string {
	if width <= 0 {
		return text
	}
	var out []string
	for _, hard := range strings.Split(text, "\n") {
		rs := []rune(hard)
		start := 0
		var w float32
		for i := 0; i < len(rs); i++ {
			w += measure(rs[i])
			if w <= width || i == start {
				continue
			}
			b := breakBefore(rs, start, i)
			out = append(out, strings.TrimRight(string(rs[start:b]), " "))
			for b < len(rs) && rs[b] == ' ' {
				b++
			}
			start = b
			w = 0
			for j := start; j <= i && j < len(rs); j++ {
				w += measure(rs[j])
			}
			if start > i {
				i = start - 1
			}
		}
		out = append(out, string(rs[start:]))
	}
	return strings.Join(out, "\n")
}

// breakBefore chooses where the line starting at start breaks when rune i
// no longer fits: at i if the rules allow, else earlier; never at start.
func breakBefore(rs []rune, start, i int) int {
	punct := func(b int) bool {
		return !strings.ContainsRune(noLineStart, rs[b]) && !strings.ContainsRune(noLineEnd, rs[b-1])
	}
	inWord := func(b int) bool { return word(rs[b-1]) && word(rs[b]) }
	for b := i; b > start; b-- { // every rule
		if punct(b) && !inWord(b) {
			return b
		}
	}
	for b := i; b > start; b-- { // a long word or number is cut, punctuation rules still hold
		if punct(b) {
			return b
		}
	}
	return i // nothing allowed: cut where it overflows
}

// word reports whether r belongs to a Latin word or number, which breaks
// only at spaces.
func word(r rune) bool {
	return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '/' || r == ':' || r == '.')
}
