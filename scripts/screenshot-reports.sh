#!/usr/bin/env bash
# Remakes the report screenshots in docs/screenshots/: builds the three report pages (a run, the
# comparison of twice the caseworkers with the baseline, the Flemish reform inflow) and takes a
# screenshot of each in headless Chromium (Debian's chromium package, not installed by
# install-deps.sh: apt-get install chromium). Usage: scripts/screenshot-reports.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
drempel="${1:-build/release}/cli/drempel"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$drempel" run scenarios/baseline.json --out "$work/baseline.h5" --quiet
"$drempel" run scenarios/whatif/caseworkers-x2.json --out "$work/x2.h5" --quiet
"$drempel" inflow scenarios/reform-flanders.json --out "$work/inflow.h5" --quiet
"$drempel" report "$work/baseline.h5" -o "$work/run.html"
"$drempel" report "$work/baseline.h5" "$work/x2.h5" -o "$work/compare.html"
"$drempel" report "$work/inflow.h5" -o "$work/inflow.html"
mkdir -p docs/screenshots
for page in run compare inflow; do
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/chromium-$page" --hide-scrollbars --window-size=1200,2600 \
    --screenshot="docs/screenshots/report-$page.png" "file://$work/$page.html"
done
echo "screenshots: docs/screenshots/report-{run,compare,inflow}.png"
