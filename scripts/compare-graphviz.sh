#!/bin/sh
# Times parley's pictures against native Graphviz on the same DOT, in
# interleaved runs (every command once a round, in a shuffled order, so that
# the load of a shared machine falls on all of them alike), and prints the
# medians of wall-clock and CPU time (user + system, the engine's included)
# with their ratios to native Graphviz:
#
#   - the embedded map (parley render -o map.svg) with each engine, warm,
#     against dot -Tsvg on the DOT parley writes for it;
#   - cold: an empty cache every run (the embedded engine's compiled code,
#     native Graphviz's trimmed plugin configuration);
#   - the embedded engine alone on the same DOT, its start alone
#     (parley-graphviz -V), and parley without an engine (--format dot);
#   - the 500-party parties view (go run ./internal/cmd/gentable -parties 500
#     -demands 300): writing its DOT, with and without the blocs, and drawing
#     it with each engine against native Graphviz with the DOT's own layout
#     (neato, the parties pinned where the position map puts them).
#
#   scripts/compare-graphviz.sh [ROUNDS]      (default 15)
#
# Needs Go, python3 and native Graphviz (Debian: apt-get install graphviz).
set -eu
cd "$(dirname "$0")/.."
command -v dot >/dev/null || { echo "native Graphviz is needed to compare with: apt-get install graphviz" >&2; exit 2; }
rounds=${1:-${ROUNDS:-15}}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/bin/" ./cmd/parley ./cmd/parley-graphviz
go run ./internal/cmd/gentable -parties 500 -demands 300 > "$tmp/t.csv" 2>/dev/null
export XDG_CACHE_HOME="$tmp/cache" PARLEY_ENGINE=
parley=$tmp/bin/parley
table="--data $tmp/t.csv --party-column party --demand-column demand --stance-column vote"
$parley render --format dot -o "$tmp/map.dot"
$parley $table render --view parties --format dot -o "$tmp/parties.dot"
$parley render --engine embedded -o "$tmp/warm.svg" # fills the engine cache
echo "$(dot -V 2>&1); $($tmp/bin/parley-graphviz -V); $(nproc) cores; $(go version)"
python3 - "$rounds" "$tmp" "$parley" "$table" <<'PY'
import os, random, re, shutil, statistics, subprocess, sys, time

rounds, tmp, parley, table = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4].split()
layout = re.search(r"layout=(\w+)", open(f"{tmp}/parties.dot").read()).group(1)
cold = f"{tmp}/cold"

def clear_cold():
    shutil.rmtree(cold, ignore_errors=True)

# name, command, extra environment, before each run
cases = [
    ("map: parley render (auto)", [parley, "render", "-o", f"{tmp}/a.svg"], {}, None),
    ("map: parley render (auto), cold", [parley, "render", "-o", f"{tmp}/ac.svg"], {"XDG_CACHE_HOME": cold}, clear_cold),
    ("map: parley render --engine native", [parley, "render", "--engine", "native", "-o", f"{tmp}/n.svg"], {}, None),
    ("map: parley render --engine embedded", [parley, "render", "--engine", "embedded", "-o", f"{tmp}/e.svg"], {}, None),
    ("map: parley render --engine embedded, cold", [parley, "render", "--engine", "embedded", "-o", f"{tmp}/c.svg"],
     {"XDG_CACHE_HOME": cold}, clear_cold),
    ("map: native dot -Tsvg", ["dot", "-Tsvg", "-o", f"{tmp}/d.svg", f"{tmp}/map.dot"], {}, None),
    ("map: parley render --format dot", [parley, "render", "--format", "dot", "-o", f"{tmp}/m.dot"], {}, None),
    ("map: parley-graphviz alone", ["sh", "-c", f"exec {tmp}/bin/parley-graphviz -K dot -T svg < {tmp}/map.dot > {tmp}/g.svg"], {"TMPDIR": f"{tmp}/cache/parley/graphviz"}, None),
    ("engine start: parley-graphviz -V", [f"{tmp}/bin/parley-graphviz", "-V"], {"TMPDIR": f"{tmp}/cache/parley/graphviz"}, None),
    ("parties: DOT", [parley, *table, "render", "--view", "parties", "--format", "dot", "-o", f"{tmp}/p.dot"], {}, None),
    ("parties: DOT --no-blocs", [parley, *table, "render", "--view", "parties", "--no-blocs", "--format", "dot", "-o", f"{tmp}/pn.dot"], {}, None),
    ("parties: parley render (auto)", [parley, *table, "render", "--view", "parties", "-o", f"{tmp}/pa.svg"], {}, None),
    ("parties: parley render --engine embedded", [parley, *table, "render", "--view", "parties", "--engine", "embedded", "-o", f"{tmp}/pe.svg"], {}, None),
    ("parties: parley render --no-blocs (auto)", [parley, *table, "render", "--view", "parties", "--no-blocs", "-o", f"{tmp}/pan.svg"], {}, None),
    ("parties: parley render --no-blocs --engine embedded", [parley, *table, "render", "--view", "parties", "--no-blocs", "--engine", "embedded", "-o", f"{tmp}/pen.svg"], {}, None),
    ("parties: parley-graphviz alone", ["sh", "-c", f"exec {tmp}/bin/parley-graphviz -K {layout} -T svg < {tmp}/parties.dot > {tmp}/pg.svg"], {"TMPDIR": f"{tmp}/cache/parley/graphviz"}, None),
    (f"parties: native dot -K{layout} -Tsvg", ["dot", f"-K{layout}", "-Tsvg", "-o", f"{tmp}/pd.svg", f"{tmp}/parties.dot"], {}, None),
]
wall = {c[0]: [] for c in cases}
cpu = {c[0]: [] for c in cases}
load = [os.getloadavg()[0]]
rng = random.Random(1)
for r in range(rounds):
    order = cases[:]
    rng.shuffle(order)
    for name, cmd, env, before in order:
        if before:
            before()
        e = dict(os.environ, **env)
        start = time.perf_counter()
        p = subprocess.Popen(cmd, env=e, stdout=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        wall[name].append(time.perf_counter() - start)
        cpu[name].append(ru.ru_utime + ru.ru_stime)
        if status != 0:
            sys.exit(f"{name}: exit status {status}")
    load.append(os.getloadavg()[0])

def med(xs):
    return statistics.median(xs)

base = {"map": "map: native dot -Tsvg", "parties": f"parties: native dot -K{layout} -Tsvg"}
print(f"{rounds} interleaved rounds; load average (1 min) {min(load):.1f}–{max(load):.1f}, median {med(load):.1f}")
print(f"| command | wall median | CPU median | wall ÷ native | CPU ÷ native |")
print(f"|---|---|---|---|---|")
for name, *_ in cases:
    group = name.split(":")[0]
    b = base.get(group)
    rw = f"{med(wall[name]) / med(wall[b]):.2f}×" if b and b != name else ""
    rc = f"{med(cpu[name]) / med(cpu[b]):.2f}×" if b and b != name else ""
    print(f"| {name} | {med(wall[name])*1000:.0f} ms | {med(cpu[name])*1000:.0f} ms | {rw} | {rc} |")
PY
