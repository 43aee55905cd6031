#!/usr/bin/env bash
# Rebuild src/monrecap/data/color/FOGRA39-monrecap.icc from FOGRA39 characterization data (see README.md).
#   apt-get install -y argyll icc-profiles-free
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/"
cd "$work"
colprof -v -qm -D "FOGRA39 coated (monrecap, built with ArgyllCMS colprof)" \
  -C "Built from FOGRA39L characterization data (icc-profiles-free, Zlib licence)" FOGRA39L
cp FOGRA39L.icc "$here/FOGRA39-monrecap.icc"
rm -rf "$work"
