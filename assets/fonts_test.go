package assets

import (
	"bytes"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestScreenFontMatchesDocumentFont checks that the screen's CFF font is
// the document font with other outlines: CFF-flavoured (what makes it quick
// to load), the same characters, and the same advance for each, so a text
// measures the same on screen and in the PDF.
func TestScreenFontMatchesDocumentFont(t *testing.T) {
	if !bytes.HasPrefix(ScreenFont(), []byte("OTTO")) || !bytes.HasPrefix(MonoFont(), []byte("OTTO")) {
		t.Fatal("screen fonts must have CFF outlines (OTTO): make font")
	}
	doc, err := sfnt.Parse(FontTTF())
	if err != nil {
		t.Fatal(err)
	}
	screen, err := sfnt.Parse(ScreenFont())
	if err != nil {
		t.Fatal(err)
	}
	ppem := fixed.I(int(doc.UnitsPerEm()))
	var b1, b2 sfnt.Buffer
	glyphs := 0
	for r := rune(0x20); r <= 0xFFFF; r++ {
		g1, err1 := doc.GlyphIndex(&b1, r)
		g2, err2 := screen.GlyphIndex(&b2, r)
		if err1 != nil || err2 != nil {
			t.Fatalf("U+%04X: %v, %v", r, err1, err2)
		}
		if (g1 == 0) != (g2 == 0) {
			t.Errorf("U+%04X: in the PDF font %v, on screen %v", r, g1 != 0, g2 != 0)
			continue
		}
		if g1 == 0 {
			continue
		}
		glyphs++
		a1, err1 := doc.GlyphAdvance(&b1, g1, ppem, font.HintingNone)
		a2, err2 := screen.GlyphAdvance(&b2, g2, ppem, font.HintingNone)
		if err1 != nil || err2 != nil || a1 != a2 {
			t.Errorf("U+%04X: advance %v (PDF) vs %v (screen) %v %v", r, a1, a2, err1, err2)
		}
	}
	if glyphs < 7000 {
		t.Errorf("only %d characters: the subset lost GB2312", glyphs)
	}
}
