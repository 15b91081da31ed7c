# Sourced by benchmarks/<name>/run.sh. `bench_run NAME DATA_FILE REPS` builds the bench preset's
# bench_NAME target, writes the data with benchmarks/NAME/make_data.R into
# ${TMPDIR:-/tmp}/socialcure-bench-NAME unless DATA_FILE is already there, prints the machine,
# runs bench_NAME and benchmarks/NAME/peers.R on the same data with REPS repetitions, prints both
# outputs and leaves them in $ours and $peers for the caller's table.
bench_run() {
  local name="$1" file="$2" reps="$3"
  local root data
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  data="${TMPDIR:-/tmp}/socialcure-bench-$name"
  mkdir -p "$data"
  cd "$root"
  cmake --preset bench >/dev/null
  cmake --build --preset bench --target "bench_$name" >/dev/null
  [ -f "$data/$file" ] || Rscript "benchmarks/$name/make_data.R" "$data"
  echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); load average:$(uptime | sed 's/.*load average://')"
  ours=$("build/bench/bin/bench_$name" "$data" "$reps")
  peers=$(Rscript "benchmarks/$name/peers.R" "$data" "$reps")
  echo "$ours"
  echo "$peers"
  echo "load average after the run:$(uptime | sed 's/.*load average://')"
}

# awk functions for the run scripts' tables of "name wall_seconds cpu_seconds ..." lines (split
# into arrays): header(peer) and row(task, ours, peer), with both ratios peer / socialcure.
bench_awk_table='
function header(peer) {
  printf("| task | socialcure wall (s) | %s wall (s) | ratio, wall | socialcure CPU (s) | %s CPU (s) | ratio, CPU |\n", peer, peer);
  printf("|---|---|---|---|---|---|---|\n");
}
function row(task, o, r) {
  printf("| %s | %.4f | %.3f | %.1fx | %.4f | %.3f | %.1fx |\n", task, o[2], r[2], r[2] / o[2], o[3], r[3], r[3] / o[3]);
}
'
