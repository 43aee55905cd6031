#!/usr/bin/env bash
# The README's picture of the diff report is the browser test's own screenshot: run the test
# (tests/diff/test_report_browser.py) on the v10 → v11 report of this repository in headless
# Chromium, from disk, and keep its screenshot.
#   apt-get install -y chromium chromium-driver      (once; .ci/run does it)
#   docs/screenshot_report.sh [out.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-docs/diff-report.png}")
MONRECAP_REPORT_SCREENSHOT="$out" .venv/bin/python -m pytest -q -n0 -p no:cacheprovider \
  tests/diff/test_report_browser.py
[ -s "$out" ] || { echo "no screenshot: was the test skipped (no chromium)?" >&2; exit 1; }
echo "screenshot: $out"
