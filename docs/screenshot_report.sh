#!/usr/bin/env bash
# Check the diff report the way a product manager sees it: build the v10 → v11 report and
# take a screenshot of it in real headless Chromium, from disk, with the network off.
#   apt-get install -y chromium      (once)
#   docs/screenshot_report.sh [out.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/diff-report.png}
report=$(mktemp --suffix=.html)
profile=$(mktemp -d)
.venv/bin/monrecap diff v10 v11 --report "$report" > /dev/null || [ $? -eq 1 ]
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size=1200,1800 --screenshot="$out" \
  "file://$report" 2> /dev/null
rm -rf "$report" "$profile"
echo "screenshot: $out"
