#!/usr/bin/env bash
# README pictures of « Listening to the field »: the feedback report (screenshot in headless
# Chromium, from disk, network off) and the « Quoi de neuf » sheet of the fictional v12.
# Works in a scratch copy of the repository: the fictitious exports of tests/feedback/data are
# imported with a throwaway secret, and the example v12 is added there only.
#   apt-get install -y chromium      (once, for the report picture)
#   docs/make_feedback_pictures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
repo=$(mktemp -d)
profile=$(mktemp -d)
cp -r versions layouts fonts pictograms "$repo"/
mkdir -p "$repo/versions/v12"
cp tests/feedback/data/v12.yaml "$repo/versions/v12/carnet.yaml"
export MONRECAP_FEEDBACK_KEY=docs-only-secret-0123456789
for f in android-2026-11.txt ios-2026-10.txt notes-2026-10.csv; do
  .venv/bin/monrecap feedback import "tests/feedback/data/$f" --root "$repo" -q
done
.venv/bin/monrecap feedback report --root "$repo" --html "$repo/report.html" > /dev/null
if command -v chromium > /dev/null; then
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --window-size=1000,1250 \
    --screenshot="$here/docs/feedback-report.png" "file://$repo/report.html" 2> /dev/null
fi
.venv/bin/monrecap feedback sheet v12 --root "$repo" -o "$repo/qdn.pdf" -q
.venv/bin/python -c "import pypdfium2 as p, sys; p.PdfDocument(sys.argv[1])[0].render(scale=0.9, crop=(8.5,)*4).to_pil().save(sys.argv[2])" "$repo/qdn.pdf" docs/quoi-de-neuf.png
rm -rf "$repo" "$profile"
echo "pictures: docs/feedback-report.png docs/quoi-de-neuf.png"
