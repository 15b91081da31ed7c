#!/usr/bin/env bash
# The main example: installs what is missing, builds (release) and runs the pre/post workflow on
# the bundled sample data (matching the waves, descriptives, then the regression models). Idempotent; works from any directory.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
echo
build/release/bin/prepost_workflow
echo
build/release/bin/regression_on_sample
echo
build/release/bin/scales_on_sample
echo
build/release/bin/groups_on_sample
echo
build/release/bin/change_on_sample
echo
build/release/bin/mediation_on_sample
echo
echo "The command-line tool is at: $root/build/release/bin/socialcure"
