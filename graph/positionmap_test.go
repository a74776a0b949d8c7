package graph

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// planted builds a scenario from a spatial voting model: parties at known
// points, each demand a direction and a cut; a party supports a demand
// with probability Φ(sharp·(n_d·x_p − c_d)), otherwise opposes it, and now
// and then abstains (neutral). A share of the cells is left missing at
// random. It returns the model and the points, by party index.
func planted(t testing.TB, seed uint64, parties, demands, dims int, spread []float64, sharp, missing float64) (*Model, [][]float64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 99))
	b := NewBuilder()
	points := make([][]float64, parties)
	for p := range parties {
		points[p] = make([]float64, dims)
		for a := range dims {
			points[p][a] = rng.NormFloat64() * spread[a]
		}
		b.AddParty(Party{ID: fmt.Sprintf("p%03d", p)})
	}
	for d := range demands {
		b.AddDemand(Demand{ID: fmt.Sprintf("d%04d", d)})
		dir := make([]float64, dims)
		norm := 0.0
		for a := range dims {
			dir[a] = rng.NormFloat64()
			norm += dir[a] * dir[a]
		}
		norm = math.Sqrt(norm)
		cut := rng.NormFloat64() * 0.6
		for p := range parties {
			if rng.Float64() < missing {
				continue
			}
			z := -cut
			for a := range dims {
				z += dir[a] / norm * points[p][a]
			}
			pos := Oppose
			switch r := rng.Float64(); {
			case r < 0.04:
				pos = Neutral
			case r < 0.5*(1+math.Erf(sharp*z/math.Sqrt2)):
				pos = Support
			}
			b.AddStance(fmt.Sprintf("p%03d", p), fmt.Sprintf("d%04d", d), Entry{Position: pos, Strength: Firm})
		}
	}
	m, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return m, points
}

// ranks returns the ranks of xs (1-based, ties averaged).
func ranks(xs []float64) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(xs[a], xs[b]) })
	r := make([]float64, len(xs))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && xs[idx[j+1]] == xs[idx[i]] {
			j++
		}
		for k := i; k <= j; k++ {
			r[idx[k]] = float64(i+j)/2 + 1
		}
		i = j + 1
	}
	return r
}

// spearman is the rank correlation of xs and ys.
func spearman(xs, ys []float64) float64 {
	rx, ry := ranks(xs), ranks(ys)
	var mx, my float64
	for i := range rx {
		mx += rx[i]
		my += ry[i]
	}
	mx /= float64(len(rx))
	my /= float64(len(ry))
	var sxy, sxx, syy float64
	for i := range rx {
		sxy += (rx[i] - mx) * (ry[i] - my)
		sxx += (rx[i] - mx) * (rx[i] - mx)
		syy += (ry[i] - my) * (ry[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

func column(pm PositionMap, a int) []float64 {
	var out []float64
	for _, p := range pm.Parties {
		out = append(out, p.Coords[a])
	}
	return out
}

func TestPositionsRecoverPlanted1D(t *testing.T) {
	for seed := range uint64(3) {
		m, points := planted(t, seed, 100, 300, 1, []float64{1}, 2, 0.3)
		pm := MapPositions(m, PositionOptions{Dimensions: 1})
		if pm.Placed != 100 || !pm.Converged {
			t.Fatalf("seed %d: %d placed, converged %v", seed, pm.Placed, pm.Converged)
		}
		truth := make([]float64, len(points))
		for p := range points {
			truth[p] = points[p][0]
		}
		rho := math.Abs(spearman(column(pm, 0), truth))
		t.Logf("seed %d: 1-D Spearman %.4f, explained %.3f, %d sweeps", seed, rho, pm.Explained[0], pm.Iterations)
		if rho < 0.95 {
			t.Errorf("seed %d: 1-D rank correlation %.4f, want ≥ 0.95", seed, rho)
		}
	}
}

// procrustes turns the fitted points (n×2) to best match the truth by a
// rotation or reflection, as the axes of a fit are only defined up to one.
func procrustes(fitted, truth [][]float64) [][]float64 {
	// M = Fᵀ·T; the best orthogonal Q = M·(MᵀM)^−½.
	var mm [4]float64
	for i := range fitted {
		for r := range 2 {
			for c := range 2 {
				mm[r*2+c] += fitted[i][r] * truth[i][c]
			}
		}
	}
	mtm := mul(transpose2(mm[:]), mm[:], 2)
	vals, vecs := symEigen(mtm, 2)
	inv := make([]float64, 4)
	for r := range 2 {
		for c := range 2 {
			for e := range 2 {
				inv[r*2+c] += vecs[r*2+e] / math.Sqrt(vals[e]) * vecs[c*2+e]
			}
		}
	}
	q := mul(mm[:], inv, 2)
	out := make([][]float64, len(fitted))
	for i, f := range fitted {
		out[i] = []float64{f[0]*q[0] + f[1]*q[2], f[0]*q[1] + f[1]*q[3]}
	}
	return out
}

func transpose2(a []float64) []float64 { return []float64{a[0], a[2], a[1], a[3]} }

func TestPositionsRecoverPlanted2D(t *testing.T) {
	for seed := range uint64(3) {
		m, points := planted(t, 10+seed, 120, 400, 2, []float64{1, 0.7}, 2.5, 0.3)
		pm := MapPositions(m, PositionOptions{Dimensions: 2})
		if pm.Placed != 120 || !pm.Converged {
			t.Fatalf("seed %d: %d placed, converged %v", seed, pm.Placed, pm.Converged)
		}
		var fitted [][]float64
		for _, p := range pm.Parties {
			fitted = append(fitted, p.Coords)
		}
		turned := procrustes(fitted, points)
		for a := range 2 {
			var x, y []float64
			for i := range points {
				x = append(x, turned[i][a])
				y = append(y, points[i][a])
			}
			rho := spearman(x, y)
			t.Logf("seed %d: 2-D axis %d Spearman %.4f, explained %.3f, %d sweeps", seed, a+1, rho, pm.Explained[a], pm.Iterations)
			if rho < 0.95 {
				t.Errorf("seed %d axis %d: rank correlation %.4f, want ≥ 0.95", seed, a+1, rho)
			}
		}
		if pm.Explained[0] < pm.Explained[1] {
			t.Errorf("axis 1 explains %v, less than axis 2's %v", pm.Explained[0], pm.Explained[1])
		}
	}
}

// TestPositionsMissingIsNotNeutral places a copy of the most extreme party
// that has kept only one stance in ten: filled in with neutral it would sit
// near the centre; fitted on what it said, it sits beside the original.
func TestPositionsMissingIsNotNeutral(t *testing.T) {
	m, _ := planted(t, 5, 80, 300, 1, []float64{1}, 2, 0.1)
	pm := MapPositions(m, PositionOptions{Dimensions: 1})
	far := 0
	for i, p := range pm.Parties {
		if math.Abs(p.Coords[0]) > math.Abs(pm.Parties[far].Coords[0]) {
			far = i
		}
	}
	b := NewBuilder()
	for _, d := range m.Demands() {
		b.AddDemand(d)
	}
	for p, party := range m.Parties() {
		b.AddParty(party)
		for _, s := range m.PartyStances(p) {
			b.AddStance(party.ID, m.Demands()[s.Demand].ID, Entry{Position: s.Position, Strength: s.Strength})
		}
	}
	b.AddParty(Party{ID: "zz-thin"})
	kept := 0
	for i, s := range m.PartyStances(far) {
		if i%10 == 0 {
			b.AddStance("zz-thin", m.Demands()[s.Demand].ID, Entry{Position: s.Position, Strength: s.Strength})
			kept++
		}
	}
	m2, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	pm2 := MapPositions(m2, PositionOptions{Dimensions: 1})
	orig, thin := pm2.Parties[far].Coords[0], pm2.Parties[len(pm2.Parties)-1].Coords[0]
	t.Logf("original %.3f, copy with %d stances %.3f", orig, kept, thin)
	if math.Abs(thin-orig) > 0.25 || math.Abs(thin) < 0.6 {
		t.Errorf("the thin copy sits at %.3f, the original at %.3f: missing stances pulled it in", thin, orig)
	}
}

func TestPositionsRules(t *testing.T) {
	m, _ := planted(t, 7, 40, 120, 2, []float64{1, 0.6}, 2, 0.3)
	a := MapPositions(m, PositionOptions{})
	b := MapPositions(m, PositionOptions{})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs differ")
	}
	if a.Dimensions != DefaultDimensions || len(a.Explained) != 2 || a.MinStances != DefaultMinStances {
		t.Errorf("defaults: %+v", a)
	}
	// Centred at 0, farthest at ±1, loadings summing to a positive number.
	for ax := range 2 {
		mean, far := 0.0, 0.0
		for _, p := range a.Parties {
			mean += p.Coords[ax]
			far = max(far, math.Abs(p.Coords[ax]))
		}
		sum := 0.0
		for _, d := range a.Demands {
			sum += d.Loadings[ax]
		}
		if math.Abs(mean) > 1e-9 || math.Abs(far-1) > 1e-9 || sum <= 0 {
			t.Errorf("axis %d: mean %v, farthest %v, loadings sum %v", ax+1, mean, far, sum)
		}
	}
	// The anchor goes to the positive side of every axis.
	for p := range 6 {
		anchored := MapPositions(m, PositionOptions{Anchor: &p})
		for ax := range 2 {
			x, y := a.Parties[p].Coords[ax], anchored.Parties[p].Coords[ax]
			if y < 0 || math.Abs(math.Abs(x)-math.Abs(y)) > 1e-9 {
				t.Errorf("anchor %d axis %d: %v, unanchored %v", p, ax+1, y, x)
			}
		}
	}
	// Too few stances: no coordinates, and a reason.
	thin := table(t, [][2]string{{"a", "++-+-"}, {"b", "+--+-"}, {"c", "-+++."}, {"d", "+...."}, {"e", "....."}}, nil)
	pm := MapPositions(thin, PositionOptions{Dimensions: 1, MinStances: 3})
	for _, p := range pm.Parties {
		placed := p.Coords != nil
		if placed != (p.Stances >= 3) || placed == (p.Reason != "") {
			t.Errorf("party %d with %d stances: coords %v, reason %q", p.Party, p.Stances, p.Coords, p.Reason)
		}
	}
	if pm.Placed != 3 || pm.Parties[4].Reason != "no recorded stance" {
		t.Errorf("placed %d; e: %q", pm.Placed, pm.Parties[4].Reason)
	}
	// The default asks for no more stances than there are demands.
	if pm := MapPositions(table(t, [][2]string{{"a", "+-"}, {"b", "-+"}, {"c", "++"}}, nil), PositionOptions{}); pm.MinStances != 2 || pm.Placed != 3 {
		t.Errorf("two demands: min %d, placed %d", pm.MinStances, pm.Placed)
	}
}

func TestPositionsPawlak(t *testing.T) {
	m := pawlak(t)
	pm := MapPositions(m, PositionOptions{Dimensions: 1})
	x := map[string]float64{}
	for _, p := range pm.Parties {
		x[m.Parties()[p.Party].ID] = p.Coords[0]
	}
	// Israel at one end, then Saudi Arabia, the four Arab parties beyond.
	lo, hi := x["israel"], x["syria"]
	if math.Abs(lo) != 1 && math.Abs(hi) != 1 {
		t.Errorf("neither Israel (%v) nor Syria (%v) at an end", lo, hi)
	}
	if (lo < x["saudi-arabia"]) != (x["saudi-arabia"] < hi) {
		t.Errorf("Saudi Arabia %v not between Israel %v and Syria %v", x["saudi-arabia"], lo, hi)
	}
	for _, id := range []string{"egypt", "jordan", "palestinians", "syria"} {
		if math.Abs(x[id]-hi) > math.Abs(x[id]-lo) {
			t.Errorf("%s at %v is nearer Israel (%v) than Syria (%v)", id, x[id], lo, hi)
		}
	}
}

func TestPositionsIssuesCountOnce(t *testing.T) {
	// x supports the three demands of the track and one other; y opposes
	// the track and supports the other. With the track as three demands
	// y's one agreement weighs against three clashes; as one issue, one
	// against one. The fit says so.
	grouped := issueModel(t, true)
	pm := MapPositions(grouped, PositionOptions{Dimensions: 1, MinStances: 2})
	if !pm.IssuesWeighted {
		t.Error("issues not weighted")
	}
	flat := MapPositions(issueModel(t, false), PositionOptions{Dimensions: 1, MinStances: 2})
	if flat.IssuesWeighted {
		t.Error("a model without issues weighted")
	}
	if reflect.DeepEqual(pm.Parties, flat.Parties) {
		t.Error("grouping the track changed nothing")
	}
}

func TestLeading(t *testing.T) {
	pm := PositionMap{Demands: []DemandLoading{
		{Demand: 0, Loadings: []float64{0.5}}, {Demand: 1, Loadings: []float64{-0.7}}, {Demand: 2},
		{Demand: 3, Loadings: []float64{0.9}}, {Demand: 4, Loadings: []float64{0}}, {Demand: 5, Loadings: []float64{-0.1}},
	}}
	neg, pos := pm.Leading(0, 2)
	if !reflect.DeepEqual(neg, []int{1, 5}) || !reflect.DeepEqual(pos, []int{3, 0}) {
		t.Errorf("Leading = %v, %v", neg, pos)
	}
}
