#!/bin/sh
# Measures loading big YAML and JSON scenarios with the built binary under
# /usr/bin/time: the median wall time of RUNS runs (default 5), and the CPU
# time (user + system) and peak resident memory of the median run, of
# `parley --data FILE list parties` (the load, and little else) on
#
#   - the UN General Assembly votes written as a YAML scenario (17.9 MB),
#     as a JSON scenario (19.8 MB, indented), and the votes since 2014 as
#     parley's JSON export (22 MB) — when the votes are found, in
#     $PARLEY_UNVOTES or ../shared/data/unvotes;
#   - a generated table of 400 parties × 9,000 demands (2.5 M stances) as
#     YAML (48 MB) and as a JSON scenario (56 MB).
#
#   scripts/yaml-load.sh [DIR]
#
# DIR keeps the files between runs (default /tmp/parley-yaml). BASELINE=FILE
# runs another parley binary too, in the same rounds (each round runs every
# binary on every file once, so a load on the machine falls on both alike):
# e.g. one built from an earlier commit, for a before-and-after table.
set -eu
cd "$(dirname "$0")/.."
dir=${1:-/tmp/parley-yaml}
runs=${RUNS:-5}
mkdir -p "$dir"
go build -o "$dir/parley" ./cmd/parley
go build -o "$dir/gentable" ./internal/cmd/gentable
un=${PARLEY_UNVOTES:-../shared/data/unvotes}
unflags="--party-column country --demand-column rcid --stance-column vote --demand-table $un/un_roll_calls.csv.gz --demand-name-column short --demand-table $un/un_roll_call_issues.csv.gz --demand-tag-column issue"
files=""
if [ -s "$un/un_votes.csv.gz" ]; then
	# shellcheck disable=SC2086
	[ -s "$dir/un.yaml" ] || "$dir/parley" --data "$un/un_votes.csv.gz" $unflags export --format yaml -o "$dir/un.yaml"
	[ -s "$dir/un.json" ] || python3 scripts/yaml_to_json.py <"$dir/un.yaml" >"$dir/un.json"
	# shellcheck disable=SC2086
	[ -s "$dir/un-2014.json" ] || "$dir/parley" --data "$un/un_votes.csv.gz" $unflags --since 2014 export --format json -o "$dir/un-2014.json" 2>/dev/null
	files="un.yaml un.json un-2014.json"
else
	echo "no UN votes at $un (set PARLEY_UNVOTES): generated files only" >&2
fi
[ -s "$dir/t400x9000.csv" ] || "$dir/gentable" -parties 400 -demands 9000 >"$dir/t400x9000.csv" 2>/dev/null
[ -s "$dir/t400x9000.yaml" ] || "$dir/parley" --data "$dir/t400x9000.csv" --stance-column vote export --format yaml -o "$dir/t400x9000.yaml"
[ -s "$dir/t400x9000.json" ] || python3 scripts/yaml_to_json.py <"$dir/t400x9000.yaml" >"$dir/t400x9000.json"
files="$files t400x9000.yaml t400x9000.json"

bins="$dir/parley"
[ -n "${BASELINE:-}" ] && bins="$BASELINE $bins"
for f in $files; do
	for b in $bins; do
		: >"$dir/times.$f.$(basename "$b")"
	done
done
i=0
while [ $i -lt "$runs" ]; do
	for f in $files; do
		for b in $bins; do
			/usr/bin/time -f "%e %U %S %M" -a -o "$dir/times.$f.$(basename "$b")" "$b" --data "$dir/$f" list parties >/dev/null 2>"$dir/stderr" ||
				{ echo "$b failed on $f:" >&2 && head -3 "$dir/stderr" >&2; }
		done
	done
	i=$((i + 1))
done
printf '| file | size | binary | median wall | CPU | peak RSS |\n|---|---|---|---|---|---|\n'
for f in $files; do
	size=$(du -m "$dir/$f" | cut -f1)
	for b in $bins; do
		sort -n "$dir/times.$f.$(basename "$b")" | awk -v f="$f" -v size="$size" -v b="$b" -v n="$runs" '
			NR == int((n + 1) / 2) { printf "| %s | %s MB | %s | %.2f s | %.2f s | %d MB |\n", f, size, b, $1, $2 + $3, $4 / 1024 }'
	done
done
