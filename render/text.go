package render

import (
	"bytes"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// clean makes user text safe for every output: invalid UTF-8 is replaced,
// control characters other than newline are dropped (tabs become spaces),
// as are the code points XML forbids, and CRLF becomes LF.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	ok := true
	for _, r := range s {
		if r == '\n' {
			continue
		}
		if unicode.IsControl(r) || r == '\uFFFE' || r == '\uFFFF' {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r), r == '\uFFFE', r == '\uFFFF':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// oneLine is clean with line breaks turned into spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(clean(s), "\n", " ")), " ")
}

// wordJoiner is put after an "&" that starts something like an entity
// ("&amp;", "&#1;"): Graphviz's SVG writer copies entity-like text as it is,
// which would let "&nbsp;" or "&#1;" break the XML. With the joiner after
// it, Graphviz escapes the "&" as "&amp;"; parley then takes the joiner out
// of Graphviz's SVG (undefuseSVG), so that the text, tooltips included, is
// exactly the user's. The painter drops it; the DOT file keeps it.
const wordJoiner = '\u2060'

// defuseEntities puts a word joiner after every "&" followed by a letter,
// "#" or a word joiner of the user's own, which undefuseSVG then keeps.
func defuseEntities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] == '&' && i+1 < len(s) && (s[i+1] == '#' || isLetter(s[i+1]) || strings.HasPrefix(s[i+1:], string(wordJoiner))) {
			b.WriteRune(wordJoiner)
		}
	}
	return b.String()
}

// undefuseSVG takes out of Graphviz's SVG the word joiners defuseEntities
// put in: one after each escaped "&".
func undefuseSVG(svg []byte) []byte {
	return bytes.ReplaceAll(svg, []byte("&amp;"+string(wordJoiner)), []byte("&amp;"))
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// dotQuote writes s as a quoted DOT string, doubling each backslash n
// times over: Graphviz reads labels with one level of backslash escapes
// (\N is the node's name, \\ a backslash) and tooltips with two, so labels
// take n=1 and tooltips n=2. Quotes are escaped; newlines stay literal
// newlines, which Graphviz keeps as line breaks.
func dotQuote(s string, n int) string {
	s = defuseEntities(clean(s))
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(strings.Repeat(`\\`, n))
		case '"':
			b.WriteString(`\"`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// dotLabel is a node, edge or graph label as a DOT string.
func dotLabel(s string) string { return dotQuote(s, 1) }

// dotTooltip is a tooltip as a DOT string.
func dotTooltip(s string) string { return dotQuote(s, 2) }

// dotID quotes an id of ours (never user text beyond a kebab-case id).
func dotID(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// linkURL returns the URL to link to, or "" when u is not an absolute http
// or https URL. Anything outside the printable ASCII that URLs may hold is
// percent-encoded, so the result can go into DOT, SVG and XML as it is
// apart from "&".
func linkURL(u string) string {
	u = strings.TrimSpace(u)
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || p.Opaque != "" {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c > ' ' && c < 0x7f && !strings.ContainsRune("\"'<>\\^`{|}", rune(c)) {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(hex2(c)))
	}
	return b.String()
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// dotURL is a link as a DOT string: "&" is written as "&amp;", which
// Graphviz copies into the SVG as it is.
func dotURL(u string) string {
	return `"` + strings.ReplaceAll(u, "&", "&amp;") + `"`
}

// wrap breaks s into lines of at most width runes at spaces (longer words
// stay whole) and at most maxLines lines, the last ending in "…" when cut.
func wrap(s string, width, maxLines int) string {
	words := strings.Fields(oneLine(s))
	var lines []string
	var cur strings.Builder
	for _, w := range words {
		if cur.Len() > 0 && utf8.RuneCountInString(cur.String())+1+utf8.RuneCountInString(w) > width {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(w)
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		last := []rune(lines[maxLines-1])
		if len(last) > width-1 {
			last = last[:width-1]
		}
		lines[maxLines-1] = strings.TrimSpace(string(last)) + "…"
	}
	return strings.Join(lines, "\n")
}

// truncate cuts s to at most n runes, adding "…" when it cuts.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:max(n-1, 0)])) + "…"
}
