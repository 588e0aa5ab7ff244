#!/usr/bin/env bash
# Rebuilds the CMYK profiles of press output intents, one per printing condition:
#   awareprint-FOGRA39.icc  from FOGRA39L.ti3 (ISO coated v2, Europe: mm sizes)
#   awareprint-GRACoL.icc   from TR006.ti3   (GRACoL, ANSI CGATS/GRACoL TR 006: inch sizes)
# Needs Debian's argyll (colprof) and icc-profiles-free (the measurement data).
# Not run by CI: the built profiles are kept in the repository.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=/usr/share/color/icc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$data/FOGRA39L.ti3" "$data/TR006.ti3" "$work/"
cd "$work"
colprof -qm -kr -l300 \
  -A "awareprint" -M "FOGRA39 characterization" \
  -D "Coated FOGRA39 (awareprint build from FOGRA39L.ti3)" \
  -C "Built with ArgyllCMS colprof from FOGRA39L.ti3 (icc-profiles-free, Zlib licence, Kai-Uwe Behrmann)" \
  -O awareprint-FOGRA39.icc FOGRA39L
colprof -qm -kr -l320 \
  -A "awareprint" -M "CGATS TR 006 characterization" \
  -D "GRACoL coated (awareprint build from CGATS/GRACoL TR 006 data, TR006.ti3)" \
  -C "Built with ArgyllCMS colprof from TR006.ti3 (icc-profiles-free, Zlib licence, Kai-Uwe Behrmann); source of the characterization data: ANSI CGATS/GRACoL TR 006-2007, Copyright 2007 NPES" \
  -O awareprint-GRACoL.icc TR006
cp awareprint-FOGRA39.icc awareprint-GRACoL.icc "$here/"
