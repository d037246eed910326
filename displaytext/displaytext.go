// Package displaytext checks text that people type and other people read: names shown to
// reviewers and operators, written into audit rows and logs. Such text may hold letters,
// marks, numbers, punctuation, symbols and spaces, and must show at least one letter or
// number. Everything that hides, rearranges or fakes what a reader sees is refused:
// control characters (Cc), format characters (Cf: bidi overrides and isolates, zero-width
// spaces and joiners, the BOM, tags), line and paragraph separators, private-use,
// surrogate and unassigned code points, the replacement character of invalid UTF-8, and
// the characters Unicode marks default-ignorable or that render blank although they are
// letters, marks or symbols (Hangul fillers, the blank braille pattern, variation
// selectors, the combining grapheme joiner). Source: Unicode's DerivedCoreProperties
// (Default_Ignorable_Code_Point) and the general categories of package unicode.
package displaytext

import (
	"unicode"
	"unicode/utf8"
)

// blank are code points that are letters, marks or symbols by category but show nothing.
var blank = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x034F, Hi: 0x034F, Stride: 1}, // combining grapheme joiner (default ignorable)
		{Lo: 0x115F, Hi: 0x1160, Stride: 1}, // Hangul choseong and jungseong fillers
		{Lo: 0x17B4, Hi: 0x17B5, Stride: 1}, // Khmer inherent vowels (default ignorable)
		{Lo: 0x180B, Hi: 0x180F, Stride: 1}, // Mongolian free variation selectors
		{Lo: 0x2800, Hi: 0x2800, Stride: 1}, // braille pattern blank
		{Lo: 0x3164, Hi: 0x3164, Stride: 1}, // Hangul filler
		{Lo: 0xFE00, Hi: 0xFE0F, Stride: 1}, // variation selectors
		{Lo: 0xFFA0, Hi: 0xFFA0, Stride: 1}, // halfwidth Hangul filler
	},
	R32: []unicode.Range32{
		{Lo: 0xE0000, Hi: 0xE0FFF, Stride: 1}, // tags and variation selectors supplement
	},
}

// Invisible reports whether r may not appear in display text.
func Invisible(r rune) bool {
	return r == utf8.RuneError || unicode.Is(unicode.Cf, r) || unicode.Is(blank, r) ||
		!unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Zs)
}

// Check reports the first rune of s that may not appear in display text, at its byte
// offset; when every rune may, it reports ok, unless s shows no letter or number at all
// (then bad is -1 and ok is false).
func Check(s string) (bad rune, at int, ok bool) {
	visible := false
	for i, r := range s {
		if Invisible(r) {
			return r, i, false
		}
		if unicode.In(r, unicode.L, unicode.N) {
			visible = true
		}
	}
	if !utf8.ValidString(s) {
		return utf8.RuneError, 0, false
	}
	return -1, 0, visible
}
