#!/bin/sh
# Times `parley agreements --format json` against the pandas/numpy yardstick
# (scripts/agreements_pandas.py) on the UN General Assembly votes, side by
# side in one hyperfine run, and checks that both give the same counts.
#
#   scripts/compare-pandas.sh [UNVOTES_DIR]
#
# UNVOTES_DIR holds un_votes.csv.gz (default $PARLEY_UNVOTES, else
# ../shared/data/unvotes). Needs hyperfine and python3-pandas from Debian:
#   apt-get install -y hyperfine python3-pandas
set -eu
cd "$(dirname "$0")/.."
dir=${1:-${PARLEY_UNVOTES:-../shared/data/unvotes}}
votes=$dir/un_votes.csv.gz
[ -f "$votes" ] || { echo "no $votes: give the folder of the UN votes" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/parley" ./cmd/parley
py=/usr/bin/python3
parley="$tmp/parley --data $votes --party-column country --demand-column rcid --stance-column vote agreements --format json"
pandas="$py scripts/agreements_pandas.py $votes country rcid vote"
$parley > "$tmp/parley.json"
$pandas > "$tmp/pandas.json"
$py - "$tmp/parley.json" "$tmp/pandas.json" <<'PY'
import json, re, sys, unicodedata
def slug(s):
    s = unicodedata.normalize("NFD", s.lower())
    return "-".join(re.findall(r"[a-z0-9]+", "".join(c for c in s if not unicodedata.combining(c))))
parley = {frozenset((p["a"], p["b"])): p for p in json.load(open(sys.argv[1]))["pairs"]}
pandas = {frozenset((slug(p["a"]), slug(p["b"]))): p for p in json.load(open(sys.argv[2]))["pairs"]}
keys = ("agree", "conflict", "neutral", "shared")
bad = [k for k in parley if k not in pandas or any(parley[k][f] != pandas[k][f] for f in keys)]
print(f"{len(parley)} pairs from parley, {len(pandas)} from pandas, {len(bad)} differ")
sys.exit(1 if bad or len(parley) != len(pandas) else 0)
PY
hyperfine -N -w 2 -r "${RUNS:-10}" --export-json "$tmp/times.json" "$parley" "$pandas"
# Medians and CPU time (user + system): on a shared machine the means and
# the wall times wander with the load; the ratio of medians and of CPU
# times are steadier.
$py - "$tmp/times.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"]
def row(x):
    return statistics.median(x["times"]), x["user"] + x["system"]
(pw, pc), (qw, qc) = row(r[0]), row(r[1])
print(f"parley: median {pw*1000:.0f} ms wall, {pc*1000:.0f} ms CPU; pandas: median {qw*1000:.0f} ms wall, {qc*1000:.0f} ms CPU")
print(f"parley is {qw/pw:.1f}x faster by median wall time, {qc/pc:.1f}x by CPU time")
PY
