#!/bin/sh
# Measures parley on stance tables ten times the size of the UN votes and
# on one shaped like every roll call of the US Congress, against the speed
# and memory goals, with the built binary under /usr/bin/time: the median
# wall time of RUNS runs (default 3), the CPU time (user + system) and the
# peak resident memory of the median run.
#
#   scripts/scale.sh [DIR]
#
# DIR keeps the generated tables between runs (default /tmp/parley-scale;
# about 2.8 GB). Set ONLY to a pattern to run only the rows whose name
# matches it (grep -E), e.g. ONLY='congress' or ONLY='4000'.
set -eu
cd "$(dirname "$0")/.."
dir=${1:-/tmp/parley-scale}
runs=${RUNS:-3}
mkdir -p "$dir"
go build -o "$dir/parley" ./cmd/parley
go build -o "$dir/gentable" ./internal/cmd/gentable
table() { # NAME ARGS...: generate a table once
	name=$1
	shift
	[ -s "$dir/$name.csv" ] || "$dir/gentable" "$@" >"$dir/$name.csv"
}
table t1000x6000 -parties 1000 -demands 6000
table t2000x6000 -parties 2000 -demands 6000
table t4000x6000 -parties 4000 -demands 6000
table t1000x50000 -parties 1000 -demands 50000
table t2000x50000 -parties 2000 -demands 50000
table congress -congress
if [ ! -s "$dir/many.csv" ]; then # 100,000 parties on one demand, 1 MB
	awk 'BEGIN { print "party,demand,stance"; for (i = 0; i < 100000; i++) printf "p%06d,d1,%s\n", i, (i % 3 == 0 ? "yes" : i % 3 == 1 ? "no" : "abstain") }' >"$dir/many.csv"
fi

dense="--stance-column vote"
congress="--party-column member --demand-column rollcall --stance-column vote"
printf '| data | command | goal | median wall | CPU | peak RSS |\n|---|---|---|---|---|---|\n'
row() { # NAME GOAL FILE FLAGS COMMAND...
	name=$1 goal=$2 file=$3 flags=$4
	shift 4
	echo "$name" | grep -Eq "${ONLY:-.}" || return 0
	: >"$dir/times"
	i=0
	while [ $i -lt "$runs" ]; do
		# shellcheck disable=SC2086
		/usr/bin/time -f "%e %U %S %M" -a -o "$dir/times" "$dir/parley" --data "$dir/$file" $flags "$@" >/dev/null 2>"$dir/stderr" || true
		i=$((i + 1))
	done
	sort -n "$dir/times" | awk -v name="$name" -v goal="$goal" -v cmd="$*" -v n="$runs" '
		NR == int((n + 1) / 2) { printf "| %s | `%s` | %s | %.2f s | %.2f s | %d MB |\n", name, cmd, goal, $1, $2 + $3, $4 / 1024 }'
}
row "1,000 × 50,000 (35 M votes, 594 MB)" "≤ 4 s, ≤ 1.5 GB" t1000x50000.csv "$dense" list parties
row "2,000 × 50,000 (70 M votes, 1.2 GB)" "loads with no flag" t2000x50000.csv "$dense" list parties
row "Congress (12,000 × 110,000, 26.6 M votes, 508 MB)" "≤ 15 s, ≤ 3 GB" congress.csv "$congress" list parties
row "Congress" "≤ 60 s" congress.csv "$congress" summary
row "Congress" "≤ 60 s" congress.csv "$congress" agreements --format json
row "1,000 × 6,000 (4.2 M votes)" "—" t1000x6000.csv "$dense" summary
row "2,000 × 6,000 (8.4 M votes)" "≤ 8 s" t2000x6000.csv "$dense" summary
row "2,000 × 6,000" "≤ 8 s" t2000x6000.csv "$dense" coalitions
row "4,000 × 6,000 (16.8 M votes)" "≤ 30 s, ≤ 2 GB" t4000x6000.csv "$dense" summary
row "4,000 × 6,000" "≤ 30 s, ≤ 2 GB" t4000x6000.csv "$dense" coalitions
row "100,000 parties × 1 demand (1 MB)" "answers or refuses, no crash" many.csv "" summary
