#!/usr/bin/env bash
# Installs what is missing, builds everything (release: library, tool, examples, tests) and runs the whole test suite with CTest.
# Idempotent; works from any directory. SOCIALCURE_WERROR=ON turns warnings into errors (CI).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-deps.sh
cmake --preset release -DSOCIALCURE_WERROR="${SOCIALCURE_WERROR:-OFF}" >/dev/null
cmake --build --preset release
ctest --preset release
