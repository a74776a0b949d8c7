package data

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addFiles seeds a fuzz target with the files matching the patterns.
func addFiles(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		files, _ := filepath.Glob(p)
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
		}
	}
}

// FuzzParse feeds the YAML/JSON loader anything: it must answer with a model
// or an ErrInvalid error, never panic, and a model it accepts must survive
// a round trip through WriteScenario, and through the CSV matrix, and give
// its text back from GraphML.
func FuzzParse(f *testing.F) {
	addFiles(f, "testdata/valid/*", "testdata/invalid/*.yaml", "testdata/invalid/*.json", "scenarios/*.yaml")
	f.Add([]byte(hostile))
	f.Add([]byte(`{"title": "Earth \ud83c\udf0d \u00e9", "parties": {"earth": {"name": "E", "aliases": ["a, b"]}}, "demands": {"d": "D"}, "stances": {"earth": {"d": "support"}}}`))
	f.Add([]byte(`{"parties": {"` + strings.Repeat("k", 1100) + `": "A"}, "demands": {"d": "D"}, "stances": {}}`))
	f.Add([]byte("%YAML 1.2\n---\nparties: {a: A}\ndemands: {d: D}\nstances: {a: {d: support}}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, name := range []string{"f.yaml", "f.json"} {
			l, err := Parse(name, src, Options{})
			if err != nil {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("%s: error not wrapping ErrInvalid: %v", name, err)
				}
				_ = err.Error()
				continue
			}
			var out bytes.Buffer
			if err := WriteScenario(&out, l.Model); err != nil {
				t.Fatal(err)
			}
			back, err := Parse("written.yaml", out.Bytes(), Options{})
			if err != nil {
				t.Fatalf("written scenario does not load: %v\n%s", err, out.String())
			}
			if !sameModel(l.Model, back.Model) {
				t.Fatalf("round trip changed the model:\n%s", out.String())
			}
			csvRoundTrip(t, l.Model)
			graphmlReadBack(t, l.Model)
		}
	})
}

// FuzzParseCSV does the same for stance tables, both shapes, and the
// matrix parley exports reads back to the same stances.
func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{
		"party,demand,stance\nus,nato,oppose\nru,nato,+\n",
		"party,nato,regions\nus,+,-\nru,-,\n",
		"country;rcid;vote\r\nUS;1;yes\r\nNA;1;no\r\n",
		"party\tnato\nus\t0\n",
		"party,demand,stance\nus,\"na\"\"to\",yes\n",
		"party,demand,stance\n",
		"\ufeffparty,a,b\n\"x\ny\",1,-1\n",
		"party\\demand,demand,stance,party\nus,+,-,0\n",
		"party,demand,stance\n,,\n",
		"party,demand,stance\nРоссия,Перемирие,yes\nµ,Перемирие,no\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		l, err := ParseCSV("t.csv", src, Options{})
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error not wrapping ErrInvalid: %v", err)
			}
			_ = err.Error()
			return
		}
		var out bytes.Buffer
		if err := WriteScenario(&out, l.Model); err != nil {
			t.Fatal(err)
		}
		back, err := Parse("written.yaml", out.Bytes(), Options{})
		if err != nil {
			t.Fatalf("scenario written from CSV does not load: %v\n%s", err, out.String())
		}
		if !sameModel(l.Model, back.Model) {
			t.Fatalf("round trip changed the model:\n%s", out.String())
		}
		csvRoundTrip(t, l.Model)
	})
}

// FuzzCSVFastPath checks that the quote-free fast reader gives the same
// records at the same positions as encoding/csv.
func FuzzCSVFastPath(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "a;b\r\n\r\n1;2\r", "x\n\n\ny\n", "a,,b\n,\n", "a\tb\n1\t2\n3", " a , b \n", "\r\n\r", "é,ü\nд,ж\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if bytes.IndexByte(src, '"') >= 0 {
			return
		}
		fast := newCSVReader("f", src)
		slow := newCSVReader("s", src)
		slow.fast = false
		for n := 0; ; n++ {
			a, b := fast.read(), slow.read()
			if len(slow.diags) > 0 {
				return // encoding/csv refuses something (it should not without quotes)
			}
			if (a == nil) != (b == nil) {
				t.Fatalf("record %d: fast %q, encoding/csv %q", n, a, b)
			}
			if a == nil {
				return
			}
			if len(a) != len(b) {
				t.Fatalf("record %d: fast %q, encoding/csv %q", n, a, b)
			}
			for i := range a {
				if a[i] != b[i] {
					t.Fatalf("record %d field %d: fast %q, encoding/csv %q", n, i, a[i], b[i])
				}
				fl, fc := fast.fieldPos(i)
				sl, sc := slow.fieldPos(i)
				if fl != sl || fc != sc {
					t.Fatalf("record %d field %d at %d:%d, encoding/csv says %d:%d", n, i, fl, fc, sl, sc)
				}
			}
		}
	})
}

// FuzzStreamCSV checks that a stance table streamed in blocks — blocks of
// 64 bytes here, so that lines fall across them — loads to the model the
// exact reader makes, or fails as it does, with the same message.
func FuzzStreamCSV(f *testing.F) {
	for _, s := range []string{
		"party,demand,stance\nus,nato,oppose\nru,nato,+\n",
		"country;rcid;vote\r\nUS;1;yes\r\nNA;1;no\r\nUS;2;abstain\r\nNA;2;yes\r\n",
		"party,demand,stance\nus,nato,no\nus,nato,yes\n",
		"party,demand,stance\nus,\"na\"\"to\",yes\n",
		"party,demand,stance\nUS,nato,no\nus,regions,yes\nUs,x,no\n",
		"demand,party,stance,extra\nd1,p1,yes,\nd1,p2,no,z\nd2,p1,,\nd2,p2,maybe,\n",
		"party,demand,stance\n\nus,nato,yes\n\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		defer func(n int) { streamBlock = n }(streamBlock)
		streamBlock = 64
		exact, errE := ParseCSV(StdinName, src, Options{})
		streamed, errS := Load(StdinName, bytes.NewReader(src), Options{Format: "csv"})
		if (errE == nil) != (errS == nil) {
			t.Fatalf("exact: %v; streamed: %v", errE, errS)
		}
		if errE != nil {
			if errE.Error() != errS.Error() {
				t.Fatalf("exact says\n%v\nstreamed says\n%v", errE, errS)
			}
			return
		}
		if !sameModel(exact.Model, streamed.Model) {
			t.Fatal("the streamed model differs")
		}
	})
}
