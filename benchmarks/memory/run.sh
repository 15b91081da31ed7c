#!/usr/bin/env bash
# Peak memory on a 10-million-row file: the command-line tool keeps only the columns an analysis
# uses, so its peak resident memory should not depend on how many other columns the file has.
#
# Writes two CSV files of ROWS rows (default 10,000,000) with awk (seed 20261126) into
# ${TMPDIR:-/tmp}/socialcure-bench-memory:
#   narrow.csv  id, y, x1, x2, pre, post                        (only what the analyses use)
#   wide.csv    the same six columns and 24 more (20 numeric, 4 text)
# then runs, on each file, under GNU time (peak resident set size, wall time):
#   socialcure regress --y y --x x1,x2 --se hc3 --id id
#   socialcure change --pre pre --post post --id id
# and prints a Markdown table. No peer is timed: this benchmark is about memory, not speed.
#
# Usage: benchmarks/memory/run.sh [ROWS]   (needs the release build's tool: scripts/test.sh, or
# the build below; GNU time: apt-get install time)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows="${1:-10000000}"
data="${TMPDIR:-/tmp}/socialcure-bench-memory"
mkdir -p "$data"
cd "$root"
cmake --preset release >/dev/null
cmake --build --preset release --target socialcure >/dev/null
tool="$root/build/release/bin/socialcure"
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

# The same rows in both files: x1, x2 ~ U(0, 1); y = 1 + 2 x1 - x2 + noise; pre/post scores.
write() {  # write FILE WIDE
  awk -v rows="$rows" -v wide="$2" 'BEGIN {
    srand(20261126);
    printf "id,y,x1,x2,pre,post";
    if (wide) { for (k = 1; k <= 20; ++k) printf ",f%d", k; printf ",t1,t2,t3,t4" }
    printf "\n";
    for (i = 1; i <= rows; ++i) {
      x1 = rand(); x2 = rand(); e = rand() - 0.5;
      pre = int(1 + 5 * rand()); post = pre + int(3 * rand()) - 1;
      printf "P%d,%.6f,%.6f,%.6f,%d,%d", i, 1 + 2 * x1 - x2 + e, x1, x2, pre, post;
      if (wide) {
        for (k = 1; k <= 20; ++k) printf ",%.4f", rand();
        printf ",group%d,site%d,note %d,x\n", i % 7, i % 13, i % 101;
      } else {
        printf "\n";
      }
    }
  }' > "$1.tmp"
  mv "$1.tmp" "$1"
}
[ -f "$data/narrow_$rows.csv" ] || write "$data/narrow_$rows.csv" 0
[ -f "$data/wide_$rows.csv" ] || write "$data/wide_$rows.csv" 1

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "rows: $rows; tool: $tool"
echo
echo "| command | file | file size (MB) | peak RSS (MB) | wall (s) |"
echo "|---|---|---|---|---|"
measure() {  # measure LABEL FILE ARGS...
  local label="$1" file="$2"
  shift 2
  local log="$data/time.log"
  /usr/bin/time -f "%M %e" -o "$log" "$tool" "$@" --data "$file" >"$data/out.txt"
  read -r kb seconds <"$log"
  printf "| %s | %s | %d | %d | %.1f |\n" "$label" "$(basename "$file")" \
    $(( $(stat -c %s "$file") / 1000000 )) $(( kb / 1024 )) "$seconds"
}
for file in "$data/narrow_$rows.csv" "$data/wide_$rows.csv"; do
  measure "regress (OLS, HC3)" "$file" regress --y y --x x1,x2 --se hc3 --id id
  measure "change" "$file" change --pre pre --post post --id id
done
