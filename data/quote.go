package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
)

// quoteText is a source's text made ready for finding quotes in it.
type quoteText struct{ norm string }

func newQuoteText(text string) *quoteText { return &quoteText{norm: NormalizeQuote(text)} }

// check returns "" when quote occurs in the text, else what of it does.
// Cost O(T·log W) for a text of T bytes and a quote of W words.
func (t *quoteText) check(quote string) string {
	q := NormalizeQuote(quote)
	if q == "" || strings.Contains(t.norm, q) {
		return ""
	}
	words := strings.Fields(q)
	// The longest opening run of words the text holds: if the first k words
	// occur together, so do the first k-1.
	lo, hi := 0, len(words)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if strings.Contains(t.norm, strings.Join(words[:mid], " ")) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	const how = "(compared with runs of white space, quotation marks, apostrophes and dashes made alike)"
	if lo < 2 {
		return "not even its first words occur there " + how
	}
	return fmt.Sprintf("its first %d words occur there, then it departs at %q %s", lo, words[lo], how)
}

// NormalizeQuote makes the differences a quote may show against its
// source without being misquoted alike, and only those: every run of white
// space becomes one space (and none at either end), typographic quotation
// marks become " or ', apostrophes ', and dashes and minus signs -. Letters,
// case, punctuation and word order are left as they are.
func NormalizeQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		switch r {
		case '‘', '’', '‚', '‛', 'ʼ', '‹', '›':
			b.WriteByte('\'')
		case '“', '”', '„', '‟', '«', '»':
			b.WriteByte('"')
		case '‐', '‑', '‒', '–', '—', '―', '−':
			b.WriteByte('-')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// noPosition matches notes that say a source gives no position: "the
// report gives no US position", "no position is stated", "takes no
// stance". Matching prose is a fallback for files written before
// inferred: existed; the key says it without guessing.
var noPosition = regexp.MustCompile(`(?i)\b(gives?|giving|states?|stating|says?|takes?|records?|reports?|expresse?s?)\s+no\s+(\S+\s+){0,2}(position|stance|view)s?\b|\bno\s+(\S+\s+){0,2}(position|stance)s?\s+(is|are|was|were)?\s*(given|stated|known|recorded|expressed)\b`)

func saysNoPosition(note string) bool { return note != "" && noPosition.MatchString(note) }

// sourceFiles reads the text files that sources name with file:.
type sourceFiles struct {
	fsys     fs.FS  // the folder of an embedded scenario; nil for the file system
	dir      string // the scenario's folder on the file system
	stdin    bool   // the scenario came from standard input: dir is the current folder
	maxBytes int64
	opened   *[]string // the files of the file system read, for Loaded.Files
}

// filesFor returns how the sources of the scenario called name are read.
func filesFor(name string, opts Options) sourceFiles {
	if opts.SourceFS != nil {
		return sourceFiles{fsys: opts.SourceFS, maxBytes: opts.MaxBytes, opened: new([]string)}
	}
	if name == "" || name == StdinName {
		return sourceFiles{dir: ".", stdin: true, maxBytes: opts.MaxBytes, opened: new([]string)}
	}
	return sourceFiles{dir: filepath.Dir(name), maxBytes: opts.MaxBytes, opened: new([]string)}
}

// StdinName is the name a scenario read from standard input goes by.
const StdinName = "<stdin>"

// errNotRegular is returned for a source "file" that is a folder, a device
// or a pipe: reading one could block or never end.
var errNotRegular = errors.New("not a regular file")

func (f sourceFiles) read(name string) ([]byte, error) {
	max := f.maxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	if f.fsys != nil {
		p := path.Clean(filepath.ToSlash(name))
		if !fs.ValidPath(p) {
			return nil, fmt.Errorf("%s: an embedded scenario's files are beside it", name)
		}
		src, err := fs.ReadFile(f.fsys, p)
		if err == nil && int64(len(src)) > max {
			return nil, tooLarge(name, max)
		}
		return src, err
	}
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(f.dir, p)
	}
	st, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			where := "beside the scenario"
			if f.stdin {
				where = "in the current folder, as the scenario came from standard input"
			}
			return nil, fmt.Errorf("no file %s (looked for %s)", p, where)
		}
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", p, errNotRegular)
	}
	if f.opened != nil {
		*f.opened = append(*f.opened, p)
	}
	return readFile(p, max)
}
