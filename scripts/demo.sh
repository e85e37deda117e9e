#!/usr/bin/env bash
# Installs what is missing, builds, and runs the demo scenario (a signalised 6 x 6 grid for
# one hour) without any window; prints where the outputs are.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Only the command line: the demo needs neither the tests nor the viewer.
./scripts/setup.sh urbantwin
echo
build/bin/urbantwin run scenarios/demo.toml --out out/demo
echo
echo "demo: done. Outputs in $PWD/out/demo:"
echo "  summary.json  KPIs of the run"
echo "  trips.csv     one row per trip"
echo "  links.csv     one row per link"
