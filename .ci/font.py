#!/usr/bin/python3
"""Builds a bundled font: one face of WenQuanYi Micro Hei (0: proportional,
1: Mono), subset to GB2312, Latin, punctuation and every character of the
Chinese translations. OUT.ttf keeps TrueType outlines (the PDF library
embeds only those); OUT.otf gets the same outlines as CFF, for the screen:
Fyne's font parser reads every TrueType glyph at start-up, but keeps CFF
charstrings as bytes until a glyph is drawn (about 4x faster to load).
Usage: font.py SOURCE.ttc TRANSLATIONS_DIR OUT.ttf|OUT.otf [FACE]"""
import glob, json, os, sys, tempfile
from fontTools.ttLib import TTCollection
from fontTools import subset



def to_cff(font):
    """Replaces the TrueType outlines by CFF ones. Quadratic curves become
    cubic ones exactly (T2CharStringPen), advance widths and every other
    table stay, so text measures the same in both files."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen
    glyphs, hmtx = font.getGlyphSet(), font["hmtx"]
    charstrings = {}
    for g in font.getGlyphOrder():
        pen = T2CharStringPen(hmtx[g][0], glyphs)
        glyphs[g].draw(pen)
        charstrings[g] = pen.getCharString()
    name = font["name"]
    ps = name.getDebugName(6) or "WenQuanYiMicroHei"
    fb = FontBuilder(font["head"].unitsPerEm, isTTF=False)
    fb.font = font
    fb.setupCFF(ps, {"FullName": name.getDebugName(4) or ps, "FamilyName": name.getDebugName(1) or ps}, charstrings, {})
    for t in ("glyf", "loca", "fpgm", "prep", "cvt ", "gasp", "hdmx", "LTSH", "VDMX"):
        if t in font:
            del font[t]
    font.sfntVersion = "OTTO"
    font["maxp"].tableVersion = 0x00005000
    font["post"].formatType = 3.0


src, tdir, out = sys.argv[1:4]
face = int(sys.argv[4]) if len(sys.argv) > 4 else 0
chars = set()
for hi in range(0xA1, 0xF8):          # the GB2312 rows: symbols, then hanzi
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for f in glob.glob(os.path.join(tdir, "*.json")):
    for v in json.load(open(f, encoding="utf-8")).values():
        chars |= set(v)
with tempfile.TemporaryDirectory() as d:
    face0 = os.path.join(d, "face0.ttf")
    TTCollection(src).fonts[face].save(face0)
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.notdef_glyph = opts.notdef_outline = opts.recommended_glyphs = True
    opts.name_IDs, opts.name_legacy, opts.name_languages = ["*"], True, ["*"]
    font = subset.load_font(face0, opts)
    s = subset.Subsetter(opts)
    ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x2460, 0x24FF), (0x2700, 0x27BF),
              (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
    unicodes = {ord(c) for c in chars} | {u for a, b in ranges for u in range(a, b + 1)}
    s.populate(unicodes=unicodes)
    s.subset(font)
    if out.endswith(".otf"):
        to_cff(font)
    subset.save_font(font, out, opts)
print(out, os.path.getsize(out), "bytes")
