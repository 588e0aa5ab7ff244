#!/usr/bin/env bash
# Rebuilds colour/awareprint-FOGRA39.icc, the CMYK profile of press output intents.
# Needs Debian's argyll (colprof) and icc-profiles-free (the FOGRA39 measurement data).
# Not run by CI: the built profile is kept in the repository.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/"
cd "$work"
colprof -qm -kr -l300 \
  -A "awareprint" -M "FOGRA39 characterization" \
  -D "Coated FOGRA39 (awareprint build from FOGRA39L.ti3)" \
  -C "Built with ArgyllCMS colprof from FOGRA39L.ti3 (icc-profiles-free, Zlib licence, Kai-Uwe Behrmann)" \
  -O awareprint-FOGRA39.icc FOGRA39L
cp awareprint-FOGRA39.icc "$here/"
