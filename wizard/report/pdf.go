package report

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// Page geometry in millimetres (A4 portrait) and type sizes in points.
const (
	pageMargin  = 15.0
	labelWidth  = 42.0
	lineHeight  = 5.0
	indentWidth = 6.0
	badgeWidth  = 16.0
	sizeTitle   = 18.0
	sizeHeading = 13.0
	sizeSub     = 11.0
	sizeBody    = 9.5
	fontFamily  = "report"
)

// rgb is a colour.
type rgb struct{ r, g, b int }

var (
	colourText    = rgb{30, 30, 30}
	colourMuted   = rgb{110, 110, 110}
	colourHeading = rgb{225, 236, 250}
	colourSub     = rgb{20, 70, 140}
	colourBox     = rgb{255, 248, 225}
	colourBoxLine = rgb{200, 160, 60}
	badgeColours  = map[string]rgb{
		"pass": {46, 140, 70}, "warn": {215, 140, 0}, "fail": {200, 40, 40}, "skipped": {130, 130, 130},
	}
)

// WritePDF renders the report as an A4 PDF in its language, with the font
// from Input.Font embedded as a subset. It returns ErrNoFont without a font,
// or the PDF library's error (a font it cannot read, a write error).
func (r *Report) WritePDF(w io.Writer) error {
	if len(r.in.Font) == 0 {
		return ErrNoFont
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(pageMargin, pageMargin, pageMargin)
	p.SetAutoPageBreak(true, pageMargin+5)
	p.AddUTF8FontFromBytes(fontFamily, "", r.in.Font)
	if err := p.Error(); err != nil {
		return fmt.Errorf("report %s pdf font: %w", r.doc.Ref, err)
	}
	p.SetTitle(r.in.Tr("report.title")+" "+r.doc.Ref, true)
	p.SetAuthor("POS Doctor "+r.doc.App.Version, true)
	p.SetCreator("POS Doctor", true)
	p.SetLang(r.doc.Lang)
	p.SetCreationDate(r.doc.Generated)
	p.SetModificationDate(r.doc.Generated)
	p.SetCatalogSort(true)
	p.AliasNbPages("{nb}")
	footer := r.in.Tr("report.footer", "ref", r.doc.Ref)
	p.SetFooterFunc(func() {
		p.SetY(-pageMargin)
		p.SetFont(fontFamily, "", 8)
		setText(p, colourMuted)
		p.CellFormat(0, 5, clean(footer), "", 0, "L", false, 0, "")
		p.CellFormat(0, 5, fmt.Sprintf("%d / {nb}", p.PageNo()), "", 0, "R", false, 0, "")
	})
	p.AddPage()
	pw := &pdfWriter{p: p}
	for i, b := range r.layout() {
		pw.block(i, b)
	}
	if err := p.Error(); err != nil {
		return fmt.Errorf("report %s pdf: %w", r.doc.Ref, err)
	}
	if err := p.Output(w); err != nil {
		return fmt.Errorf("report %s pdf: %w", r.doc.Ref, err)
	}
	return nil
}

func setText(p *fpdf.Fpdf, c rgb) { p.SetTextColor(c.r, c.g, c.b) }
func setFill(p *fpdf.Fpdf, c rgb) { p.SetFillColor(c.r, c.g, c.b) }
func setDraw(p *fpdf.Fpdf, c rgb) { p.SetDrawColor(c.r, c.g, c.b) }

// clean makes text safe for the PDF library: no characters outside the
// Basic Multilingual Plane (which it rejects), no control characters but
// newlines, tabs as spaces.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f || r >= 0x10000 || (r >= 0xD800 && r <= 0xDFFF):
			return '?'
		}
		return r
	}, s)
}

type pdfWriter struct {
	p        *fpdf.Fpdf
	sessions int
	widths   map[rune]float64 // character widths per unit of font size
}

// contentWidth is the width between the margins.
func (w *pdfWriter) contentWidth() float64 {
	pw, _ := w.p.GetPageSize()
	return pw - 2*pageMargin
}

// ensure starts a new page unless h millimetres still fit on this one.
func (w *pdfWriter) ensure(h float64) {
	_, ph := w.p.GetPageSize()
	if w.p.GetY()+h > ph-pageMargin-5 {
		w.p.AddPage()
	}
}

// lines splits text into the lines it takes at width, keeping explicit
// line breaks.
func (w *pdfWriter) lines(text string, width float64) []string {
	var out []string
	for _, para := range strings.Split(clean(text), "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, w.wrap(para, width)...)
	}
	return out
}

// wrap breaks one paragraph into lines no wider than width: after a space,
// or next to a Chinese character but never before closing punctuation
// (fpdf's SplitText drops the character it breaks at). A word longer than
// a line is cut.
func (w *pdfWriter) wrap(text string, width float64) []string {
	if w.widths == nil {
		w.widths = map[rune]float64{}
	}
	_, size := w.p.GetFontSize()
	var (
		lines []string
		rs    = []rune(text)
		start = 0
		brk   = -1 // the current line may end before index brk
		used  = 0.0
	)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		em, ok := w.widths[r]
		if !ok {
			em = w.p.GetStringWidth(string(r)) / size
			w.widths[r] = em
		}
		if wide(r) && !closing(r) && i > start {
			brk = i
		}
		if cw := em * size; used+cw > width && i > start {
			end := i
			if brk > start {
				end = brk
			}
			lines = append(lines, strings.TrimRight(string(rs[start:end]), " "))
			for end < len(rs) && rs[end] == ' ' {
				end++
			}
			start, brk, used = end, -1, 0
			i = start - 1
			continue
		} else {
			used += cw
		}
		if r == ' ' {
			brk = i + 1
		}
	}
	if start < len(rs) {
		lines = append(lines, string(rs[start:]))
	}
	return lines
}

// wide reports whether r is a CJK character or full-width punctuation: a
// line may break next to it.
func wide(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF || r >= 0x3000 && r <= 0x303F
}

// closing reports whether r is punctuation that must not start a line.
func closing(r rune) bool {
	return strings.ContainsRune("，。、；：？！）》」』】,.;:?!)", r)
}

func (w *pdfWriter) block(i int, b block) {
	p := w.p
	cw := w.contentWidth()
	setText(p, colourText)
	switch b.kind {
	case blockTitle:
		p.SetFont(fontFamily, "", sizeTitle)
		p.MultiCell(cw, 9, clean(b.text), "", "L", false)
		p.Ln(2)
	case blockHeading:
		if w.sessions > 0 {
			p.AddPage()
		} else {
			p.Ln(3)
		}
		w.sessions++
		p.SetFont(fontFamily, "", sizeHeading)
		w.ensure(20)
		setFill(p, colourHeading)
		p.MultiCell(cw, 8, clean(b.text), "", "L", true)
		p.Ln(2)
	case blockSub:
		p.SetFont(fontFamily, "", sizeSub)
		w.ensure(18)
		p.Ln(2)
		setText(p, colourSub)
		p.MultiCell(cw, 6, clean(b.text), "B", "L", false)
		p.Ln(1)
	case blockRows:
		p.SetFont(fontFamily, "", sizeBody)
		for _, r := range b.rows {
			w.row(r, cw)
		}
	case blockItem:
		w.item(b, cw)
	case blockPara:
		p.SetFont(fontFamily, "", sizeBody)
		ls := w.lines(b.text, cw)
		w.ensure(float64(len(ls)) * lineHeight)
		for _, l := range ls {
			p.CellFormat(cw, lineHeight, l, "", 1, "L", false, 0, "")
		}
		p.Ln(1)
	case blockBox:
		w.box(b, cw)
	}
}

// row draws a label and its (possibly wrapped) value side by side.
func (w *pdfWriter) row(r row, cw float64) {
	p := w.p
	vw := cw - labelWidth
	ll, vl := w.lines(r.label, labelWidth), w.lines(r.value, vw)
	n := max(len(ll), len(vl))
	w.ensure(float64(n) * lineHeight)
	x, y := p.GetX(), p.GetY()
	setText(p, colourMuted)
	for i, l := range ll {
		p.SetXY(x, y+float64(i)*lineHeight)
		p.CellFormat(labelWidth, lineHeight, l, "", 0, "L", false, 0, "")
	}
	setText(p, colourText)
	for i, l := range vl {
		p.SetXY(x+labelWidth, y+float64(i)*lineHeight)
		p.CellFormat(vw, lineHeight, l, "", 0, "L", false, 0, "")
	}
	p.SetXY(x, y+float64(n)*lineHeight)
}

// item draws a titled entry with a coloured badge and indented lines.
func (w *pdfWriter) item(b block, cw float64) {
	p := w.p
	p.SetFont(fontFamily, "", sizeBody+0.5)
	tw := cw - badgeWidth - 2
	title := w.lines(b.text, tw)
	p.SetFont(fontFamily, "", sizeBody)
	var body []string
	for _, l := range b.lines {
		body = append(body, w.lines(l, cw-indentWidth)...)
	}
	// Keep the title with at least two lines of its body.
	w.ensure(float64(len(title)+min(2, len(body)))*lineHeight + 2)
	x, y := p.GetX(), p.GetY()+1
	if b.badgeText != "" {
		c, ok := badgeColours[b.badge]
		if !ok {
			c = badgeColours["skipped"]
		}
		setFill(p, c)
		p.SetTextColor(255, 255, 255)
		p.SetFont(fontFamily, "", 8)
		p.SetXY(x, y+0.5)
		p.CellFormat(badgeWidth, lineHeight-1, clean(b.badgeText), "", 0, "C", true, 0, "")
	}
	setText(p, colourText)
	p.SetFont(fontFamily, "", sizeBody+0.5)
	for i, l := range title {
		p.SetXY(x+badgeWidth+2, y+float64(i)*lineHeight)
		p.CellFormat(tw, lineHeight, l, "", 0, "L", false, 0, "")
	}
	p.SetXY(x, y+float64(len(title))*lineHeight)
	p.SetFont(fontFamily, "", sizeBody)
	for _, l := range body {
		w.ensure(lineHeight)
		p.SetX(x + indentWidth)
		p.CellFormat(cw-indentWidth, lineHeight, l, "", 1, "L", false, 0, "")
	}
	p.SetX(x)
	p.Ln(1)
}

// box draws the framed "what was removed" box, on one page.
func (w *pdfWriter) box(b block, cw float64) {
	p := w.p
	p.SetFont(fontFamily, "", sizeBody)
	inner := cw - 6
	var body []string
	for _, l := range b.lines {
		body = append(body, w.lines(l, inner)...)
	}
	h := 3 + 7 + float64(len(body))*lineHeight + 3
	p.Ln(4)
	w.ensure(h)
	x, y := p.GetX(), p.GetY()
	setFill(p, colourBox)
	setDraw(p, colourBoxLine)
	p.SetLineWidth(0.4)
	p.Rect(x, y, cw, h, "FD")
	p.SetXY(x+3, y+3)
	p.SetFont(fontFamily, "", sizeSub)
	setText(p, colourText)
	p.CellFormat(inner, 6, clean(b.text), "", 2, "L", false, 0, "")
	p.Ln(1)
	p.SetFont(fontFamily, "", sizeBody)
	for _, l := range body {
		p.SetX(x + 3)
		p.CellFormat(inner, lineHeight, l, "", 1, "L", false, 0, "")
	}
	p.SetXY(x, y+h)
}
