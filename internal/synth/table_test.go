package synth

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
)

func TestWriteTable(t *testing.T) {
	c := Config{Parties: 30, Demands: 200, Density: 0.7, Blocs: 3, Support: 0.7, Noise: 0.1, Seed: 4}
	var a, b bytes.Buffer
	va, err := WriteTable(&a, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteTable(&b, c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same config wrote two different tables")
	}
	rows, err := csv.NewReader(&a).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != va.Rows || va.Rows != va.Yes+va.No+va.Abstain {
		t.Fatalf("%d rows, counted %+v", len(rows)-1, va)
	}
	if share := float64(va.Rows) / float64(c.Parties*c.Demands); share < 0.65 || share > 0.75 {
		t.Errorf("%.2f of the cells recorded, want about %.2f", share, c.Density)
	}
	seen := map[[2]string]bool{}
	for _, r := range rows[1:] {
		k := [2]string{r[0], r[1]}
		if seen[k] {
			t.Fatalf("two votes of %s on %s", r[0], r[1])
		}
		seen[k] = true
	}
}

// TestWriteCongress checks the planted shape: members vote only in the
// sessions they sit and on their own chamber's roll calls, and the two
// parties mostly vote against each other.
func TestWriteCongress(t *testing.T) {
	c := Congress{Members: 300, Sessions: 8, RollCalls: 50, MaxTerm: 4, Presence: 0.9, Seed: 2}
	var buf bytes.Buffer
	ms, v, err := WriteCongress(&buf, c)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Member{}
	for _, m := range ms {
		if m.Len < 1 || m.Len > c.MaxTerm || m.First < 0 || m.First+m.Len > c.Sessions {
			t.Fatalf("member %+v sits outside the sessions", m)
		}
		byID[m.ID] = m
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != v.Rows {
		t.Fatalf("%d rows, counted %d", len(rows)-1, v.Rows)
	}
	senateCalls := int(float64(c.RollCalls) * senateRollCalls)
	// yes votes by party on each roll call
	type tally struct{ yes, n [2]int }
	calls := map[string]*tally{}
	for _, r := range rows[1:] {
		m := byID[r[0]]
		s, rc, _ := strings.Cut(strings.TrimPrefix(r[1], "s"), "-")
		session, _ := strconv.Atoi(s)
		call, _ := strconv.Atoi(rc)
		if session-1 < m.First || session-1 >= m.First+m.Len {
			t.Fatalf("%s votes in session %d but sits %d–%d", m.ID, session, m.First+1, m.First+m.Len)
		}
		if (call <= senateCalls) != m.Senate {
			t.Fatalf("%s votes on %s, a roll call of the other chamber", m.ID, r[1])
		}
		tl := calls[r[1]]
		if tl == nil {
			tl = &tally{}
			calls[r[1]] = tl
		}
		tl.n[m.Party]++
		if r[2] == "yes" {
			tl.yes[m.Party]++
		}
	}
	split, counted := 0, 0
	for _, tl := range calls {
		if tl.n[0] < 5 || tl.n[1] < 5 {
			continue
		}
		counted++
		a, b := float64(tl.yes[0])/float64(tl.n[0]), float64(tl.yes[1])/float64(tl.n[1])
		if (a-0.5)*(b-0.5) < 0 {
			split++
		}
	}
	if counted == 0 || float64(split)/float64(counted) < 0.3 {
		t.Errorf("the parties split on %d of %d roll calls; the planted parties should often vote apart", split, counted)
	}
}
