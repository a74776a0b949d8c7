package data

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1": 1, "64MiB": 64 << 20, "2GiB": 2 << 30, "1KB": 1000, "10k": 10 << 10,
		"9223372036854775807": math.MaxInt64, "8191P": 0} {
		got, err := ParseSize(in)
		if want == 0 {
			continue
		}
		if err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	// Sizes past what an int64 holds are refused, not wrapped round.
	for _, in := range []string{"18014398509481985K", "9223372036854775808", "9999999999GiB", "0", "-1", "1.5M", "M", ""} {
		if got, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) = %d, want an error", in, got)
		}
	}
}

// TestHugeLimit: the largest limit there is reads the file, rather than
// nothing ("the file is empty").
func TestHugeLimit(t *testing.T) {
	src, _ := Embedded(DefaultScenario)
	l, err := Load("r.yaml", bytes.NewReader(src), Options{MaxBytes: math.MaxInt64})
	if err != nil || len(l.Model.Parties()) == 0 {
		t.Errorf("--max-size 9223372036854775807: %v", err)
	}
}

// TestDamagedGzip: a gzip file cut short, or with junk after its end, is
// damaged, not too large (its trailer, where the size is, is missing or
// junk); a gzip bomb is too large.
func TestDamagedGzip(t *testing.T) {
	src, _ := Embedded(DefaultScenario)
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(src)
	zw.Close()
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for name, b := range map[string][]byte{
		"cut.yaml.gz":  z.Bytes()[:z.Len()/2],
		"junk.yaml.gz": append(bytes.Clone(z.Bytes()), "junk after the end"...),
	} {
		_, err := LoadFile(write(name, b), Options{})
		if !errors.Is(err, ErrInvalid) || errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "gzip data is damaged") {
			t.Errorf("%s: %v, want damaged gzip data", name, err)
		}
	}
	var bomb bytes.Buffer
	zw = gzip.NewWriter(&bomb)
	zw.Write(bytes.Repeat([]byte("parties: "), 4<<20))
	zw.Close()
	if _, err := LoadFile(write("bomb.yaml.gz", bomb.Bytes()), Options{MaxBytes: 1 << 20}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a gzip bomb: %v, want too large", err)
	}
}

// TestSharedNames: an alias that names another party is a warning at the
// alias (an error with --strict): "parley party NAME" would find the other
// party, or could not tell which is meant.
func TestSharedNames(t *testing.T) {
	src := []byte(`parties:
  us: {name: United States, aliases: [Washington, USA]}
  dc: {name: District of Columbia, aliases: [washington, DC]}
  ru: {name: Russia, aliases: [US, Moscow]}
  ua: {name: Ukraine, aliases: russia}
demands: {d: D}
sources: {s: S}
stances:
  us: {d: {stance: support, source: s}}
  dc: {d: {stance: support, source: s}}
  ru: {d: {stance: oppose, source: s}}
  ua: {d: {stance: oppose, source: s}}
`)
	l, err := Parse("f.yaml", src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range l.Warnings.Diags {
		if strings.HasPrefix(d.Message, "alias") {
			got = append(got, fmt.Sprintf("%d:%d %s", d.Line, d.Col, d.Message))
		}
	}
	want := []string{
		`2:39 alias "Washington" of party "us" also names party "dc": "parley party Washington" cannot tell them apart`,
		`4:32 alias "US" of party "ru" is the id of party "us": "parley party US" finds "us"`,
		`5:32 alias "russia" of party "ua" also names party "ru": "parley party russia" cannot tell them apart`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := Parse("f.yaml", src, Options{Strict: true}); err == nil || !strings.Contains(err.Error(), `alias "US" of party "ru"`) {
		t.Errorf("--strict: %v", err)
	}
}
