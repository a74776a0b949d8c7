#!/bin/sh
# Checks that the race detector's pass of .ci/run (go test -race -short)
# still runs the code that runs at once: it measures statement coverage of
# the plain pass (go test ./...) and of the race pass, and lists, for every
# file of parley that starts a goroutine or shares state between them
# (go statements, wg.Go, sync and sync/atomic), the blocks the plain pass
# runs and the race pass does not. Read the list: a block there that a
# goroutine runs, or that runs beside one, wants a short test.
#
#   scripts/race-coverage.sh
#
# Takes about four minutes on two cores. Needs only Go.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pkgs=$(go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' ./...)
module=$(go list -m)

echo "plain pass, with coverage" >&2
go test -count=1 -coverpkg=./... -coverprofile="$tmp/plain.out" ./... >/dev/null
echo "race pass (-short), with coverage" >&2
go test -race -short -vet=off -count=1 -coverpkg=./... -coverprofile="$tmp/race.out" $pkgs >/dev/null

# The files that start goroutines or share state.
grep -rlE --include='*.go' --exclude='*_test.go' \
	'(^|[^A-Za-z_.])go (func|[A-Za-z_.]+\()|\.Go\(|sync\.|atomic\.' \
	cmd data graph render | sed "s|^|$module/|" | sort >"$tmp/files"

awk -v files="$tmp/files" '
	BEGIN { while ((getline f < files) > 0) watch[f] = 1 }
	FNR == 1 { pass++; next }
	{
		split($1, a, ":")
		if (!(a[1] in watch)) next
		if (pass == 1 && $3 > 0) plain[$1] = 1
		if (pass == 2 && $3 > 0) race[$1] = 1
	}
	END {
		for (b in plain) {
			split(b, a, ":")
			total[a[1]]++
			if (!(b in race)) {
				split(a[2], r, ",")
				split(r[1], lc, ".")
				n = ++missed[a[1]]
				line[a[1], n] = lc[1] + 0
			}
		}
		for (f in watch) {
			if (!(f in total)) continue
			n = missed[f] + 0
			# the lines of the missed blocks, in order
			for (i = 2; i <= n; i++)
				for (j = i; j > 1 && line[f, j - 1] > line[f, j]; j--) {
					t = line[f, j]; line[f, j] = line[f, j - 1]; line[f, j - 1] = t
				}
			list = ""
			for (i = 1; i <= n; i++) list = list (i == 1 ? ": lines " : ", ") line[f, i]
			printf "%-60s %4d blocks run, %3d not under the race detector%s\n", f, total[f], n, list
		}
	}
' "$tmp/plain.out" "$tmp/race.out" | sort
