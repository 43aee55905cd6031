#!/usr/bin/env bash
# README pictures of « Did the new version work? »: the impact report (screenshot in headless
# Chromium, from disk, network off) and the committee's one-page PDF. Works in a scratch copy
# of the repository, as the README's commands do: the example week is committed there, then
# the fictitious survey of examples/ imported.
#   apt-get install -y chromium      (once, for the report picture)
#   docs/make_impact_pictures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
repo=$(mktemp -d)
profile=$(mktemp -d)
cp -r versions layouts fonts pictograms decisions examples costs.yaml "$repo"/
.venv/bin/monrecap orders plan examples/orders-2026-12.csv --week 2026-W50 --commit \
  --root "$repo" --out "$repo/dist/runs" -q > /dev/null
.venv/bin/monrecap impact import examples/survey-2026-11.csv --root "$repo" -q
.venv/bin/monrecap impact report --root "$repo" --html "$repo/impact.html" \
  --pdf "$repo/impact.pdf" -q > /dev/null
if command -v chromium > /dev/null; then
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --window-size=1000,1250 \
    --screenshot="$here/docs/impact-report.png" "file://$repo/impact.html" 2> /dev/null
fi
.venv/bin/python -c "import pypdfium2 as p, sys; p.PdfDocument(sys.argv[1])[0].render(scale=0.9).to_pil().save(sys.argv[2])" "$repo/impact.pdf" docs/impact-committee.png
rm -rf "$repo" "$profile"
echo "pictures: docs/impact-report.png docs/impact-committee.png"
