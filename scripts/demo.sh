#!/usr/bin/env bash
# The main example: installs what is missing, builds (release), runs the examples on the bundled
# sample data, then the full analysis of the bundled sample study twice: through the library API
# (examples/study_on_sample.cpp, which ends by checking that the generator's true effects lie in
# their intervals) and through `socialcure report` on examples/data/study.toml.
# Builds only what it runs (the library, the tool and the examples; scripts/test.sh builds the
# tests in the same build folder, build/release, so nothing is built twice). Idempotent; works
# from any directory.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target socialcure_tool examples
for example in prepost_workflow regression_on_sample scales_on_sample groups_on_sample change_on_sample missing_on_sample \
               mediation_on_sample moderation_on_sample study_on_sample study_stages; do
  echo
  "build/release/bin/$example"
done
echo
echo "== socialcure report --study examples/data/study.toml --out build/release/study-report"
build/release/bin/socialcure report --study examples/data/study.toml --out build/release/study-report --quiet
echo
echo "Open $root/build/release/study-report/report.html in a browser (or report.md in an editor)."
echo "The command-line tool is at: $root/build/release/bin/socialcure"
