#!/usr/bin/env bash
# Writes the seed corpus of the fuzz targets (tests/fuzz/corpus/<target>/seed-*) from the test and
# sample data of the repository. Regression inputs (corpus/<target>/regression-*) are added by
# hand and left alone. Run from anywhere:
#
#   tests/fuzz/make_corpus.sh [BUILD_DIR]
#
# BUILD_DIR (default build/release) must hold bin/socialcure and tests/write_stat_file (a test
# target: cmake --build BUILD_DIR --target socialcure write_stat_file).
#
# The inputs of fuzz_csv and fuzz_stat_file start with two option bytes and those of fuzz_scoring
# are byte strings; see the comment at the top of each fuzz_<target>.cpp.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(cd "${1:-$root/build/release}" && pwd)"
tool="$build/bin/socialcure"
writer="$build/tests/write_stat_file"
corpus="$root/tests/fuzz/corpus"
cli_data="$root/tests/cli/data"
examples="$root/examples/data"
for program in "$tool" "$writer"; do
  [ -x "$program" ] || { echo "make_corpus.sh: $program is missing (build it first)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$corpus"/{csv,scale_loader,study_file,stat_file,scoring}

# prefixed OUT BYTES FILE: the option bytes (printf escapes, e.g. '\x2c\x10') then the file.
prefixed() {
  { printf "$2"; cat "$3"; } >"$1"
}

# ---- csv: the command-line test files, the heads of the sample data, a few hand-written ones.
for f in "$cli_data"/*.csv; do
  prefixed "$corpus/csv/seed-$(basename "$f" .csv)" '\x00\x00' "$f"
done
prefixed "$corpus/csv/seed-tabs" '\x80\x00' "$cli_data/tabs.tsv"
head -n 12 "$examples/panel_wide.csv" >"$work/panel_wide.csv"
head -n 12 "$examples/panel_t0.csv" >"$work/panel_t0.csv"
head -n 30 "$examples/groups_long.csv" >"$work/groups_long.csv"
prefixed "$corpus/csv/seed-panel_wide" '\x00\x00' "$work/panel_wide.csv"
prefixed "$corpus/csv/seed-panel_wide_options" '\x2c\x10' "$work/panel_wide.csv"  # id, numeric age, -99/.
prefixed "$corpus/csv/seed-panel_t0_text_kept" '\x54\x40' "$work/panel_t0.csv"   # id, text/kept columns
prefixed "$corpus/csv/seed-groups_long" '\x00\x00' "$work/groups_long.csv"
printf '\x01\x00id\tnote\tx\r\nP1\t"tab\there"\t1.5e3\r\n\r\nP2\t\t-0\r\n' >"$corpus/csv/seed-tab_crlf"
printf '\x03\x00id x y\n"P 1" "a b" 2\n' >"$corpus/csv/seed-space_delimited"
printf '\x02\x00\xef\xbb\xbf"id";"v"\nP1;".5"\nP2;NA\n' >"$corpus/csv/seed-semicolon_bom"
printf '\x04\x00id,x\nP1,1\nP1,2\n' >"$corpus/csv/seed-repeated_id"
printf '\x00\x00x\n4.9e-324\n1.7976931348623157e308\n-0.0\n' >"$corpus/csv/seed-extreme_numbers"

# ---- scale_loader: every catalogue entry as the tool writes it, minus its "schema" line (the
# loader reads definitions, not the report format), and the custom definitions of the tests.
for id in $("$tool" scales --format json | sed -n 's/^ *"id": "\([^"]*\)".*/\1/p'); do
  "$tool" scales "$id" --format json | grep -v '^ *"schema":' >"$corpus/scale_loader/seed-$id.json"
done
cp "$examples/belonging.json" "$corpus/scale_loader/seed-belonging.json"
cp "$cli_data/custom_scale.json" "$corpus/scale_loader/seed-custom_scale.json"
cp "$cli_data/bad_scale.json" "$corpus/scale_loader/seed-bad_scale.json"

# ---- study_file: the sample study and the command-line test studies.
cp "$examples/study.toml" "$corpus/study_file/seed-study.toml"
for f in "$cli_data"/study_*.toml; do
  cp "$f" "$corpus/study_file/seed-$(basename "$f")"
done

# ---- stat_file: small SPSS and Stata files written by ReadStat's writer. Byte 0 picks the
# extension (0x00 .sav, 0x01 .dta, 0x03 .por; 0x10 adds a second read with an id column).
cat >"$work/small.csv" <<'EOF'
id,age,gender,ucla1,completed
P1,70,male,3,1
P2,,female,1,0
P3,81.5,,2,NA
EOF
"$writer" "$work/small.csv" "$work/small.sav" --id id
"$writer" "$work/small.csv" "$work/small.zsav" --id id
"$writer" "$work/small.csv" "$work/small.dta" --id id
# .por: upper-case names of at most 8 characters
cut -d, -f1-4 "$work/small.csv" | sed '1s/.*/\U&/' >"$work/small_upper.csv"
"$writer" "$work/small_upper.csv" "$work/small.por" --id ID
"$writer" "$work/small.csv" "$work/labelled.sav" --id id --user-missing completed=0 \
  --user-missing ucla1=-1:0 --labels "completed=0:lost,1:answered" --label "ucla1=UCLA item 1"
"$writer" "$work/small.csv" "$work/labelled.dta" --id id --user-missing completed=0 \
  --labels "completed=0:lost,1:answered" --label "ucla1=UCLA item 1"
prefixed "$corpus/stat_file/seed-small.sav" '\x00\x00' "$work/small.sav"
prefixed "$corpus/stat_file/seed-small_id.sav" '\x10\x00' "$work/small.sav"
prefixed "$corpus/stat_file/seed-small.zsav" '\x00\x00' "$work/small.zsav"
prefixed "$corpus/stat_file/seed-small.dta" '\x01\x00' "$work/small.dta"
prefixed "$corpus/stat_file/seed-small_text_kept.dta" '\x75\x28' "$work/small.dta"
prefixed "$corpus/stat_file/seed-small.por" '\x03\x00' "$work/small.por"
prefixed "$corpus/stat_file/seed-labelled.sav" '\x00\x00' "$work/labelled.sav"
prefixed "$corpus/stat_file/seed-labelled_values.sav" '\x0c\x00' "$work/labelled.sav"
prefixed "$corpus/stat_file/seed-labelled.dta" '\x05\x00' "$work/labelled.dta"

# ---- scoring: for each catalogue scale (byte 0, bits 0-3), valid codes (kind 9), then the same
# with a table (bit 7); and a few with the special values of fuzz_scoring.cpp.
for i in $(seq 0 15); do
  printf "\\x$(printf '%02x' "$i")" >"$corpus/scoring/seed-valid-$i"
  printf "\\x$(printf '%02x' $((i | 0x80)))" >"$corpus/scoring/seed-table-$i"
  for k in $(seq 1 20); do
    printf "\\x09\\x$(printf '%02x' "$k")" >>"$corpus/scoring/seed-valid-$i"
  done
  for k in $(seq 1 40); do
    printf "\\x09\\x$(printf '%02x' $((k * 7 % 256)))" >>"$corpus/scoring/seed-table-$i"
  done
done
printf '\x10\x00\x01\x02\x05\x00' >"$corpus/scoring/seed-special-set_missing"       # ucla3: NaN, +inf, -inf, huge
printf '\x00\x06\x01\x07\x03\x08\x02' >"$corpus/scoring/seed-special-error"          # ucla3: 1.5, -3, 2^63
printf '\x5d\x04\x7f\xf8\x00\x00\x00\x00\x00\x01\x03\xff\x00' >"$corpus/scoring/seed-special-nan_payload"
printf '\x8c\x09\x00\x09\x01\x09\x02\x03\x01\x01\x09\x03' >"$corpus/scoring/seed-special-table"
echo "make_corpus.sh: wrote the seeds under $corpus"
