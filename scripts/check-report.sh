#!/usr/bin/env bash
# Renders the bundled study's report and opens report.html in headless Chromium (Debian's chromium
# package, installed when missing): fails on any console error or when the page lacks the report's
# tables and figures; keeps a screenshot. Usage: scripts/check-report.sh [OUTDIR] (default
# build/report-check). Needs a release build (scripts/test.sh or scripts/demo.sh make one).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-build/report-check}"
scripts/install-deps.sh chromium
tool=build/release/bin/socialcure
[ -x "$tool" ] || { cmake --preset release >/dev/null && cmake --build --preset release --target socialcure_tool; }

rm -rf "$out"
"$tool" report --study examples/data/study.toml --out "$out" --replicates 1000 --quiet >/dev/null
page="file://$(cd "$out" && pwd)/report.html"
browser=(chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
         --enable-logging=stderr --v=0)

# Console messages (script errors, blocked or failed resources) are logged as "CONSOLE" lines.
timeout 180 "${browser[@]}" --window-size=1100,7000 --screenshot="$out/screenshot.png" "$page" \
  >/dev/null 2>"$out/chromium.log" || { cat "$out/chromium.log" >&2; exit 1; }
if grep -E "CONSOLE|Failed to load|ERR_FILE_NOT_FOUND|net::ERR" "$out/chromium.log"; then
  echo "check-report: the page logged errors (above)" >&2
  exit 1
fi
timeout 180 "${browser[@]}" --dump-dom "$page" >"$out/dom.html" 2>/dev/null
tables=$(grep -o "<table>" "$out/dom.html" | wc -l)
svgs=$(grep -o "<svg" "$out/dom.html" | wc -l)
figures=$(ls "$out"/figures/*.svg | wc -l)
[ -s "$out/screenshot.png" ] || { echo "check-report: no screenshot" >&2; exit 1; }
if [ "$tables" -lt 10 ] || [ "$svgs" -ne "$figures" ]; then
  echo "check-report: the rendered page has $tables tables and $svgs figures (expected >= 10 and $figures)" >&2
  exit 1
fi
echo "check-report: $page rendered in headless Chromium without console errors:" \
     "$tables tables, $svgs inline SVG figures; screenshot $out/screenshot.png"
