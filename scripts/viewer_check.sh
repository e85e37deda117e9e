#!/usr/bin/env bash
# Drives urbantwin-viewer under Xvfb the way a planner would and checks what comes out:
#   1. --screenshot/--at: the map shows roads and vehicles in the expected colours;
#   2. --script: select a junction (signal heads red and green, selection ring), edit its
#      splits (a too-short green is refused, undo/redo), fork A/B, advance, check the two
#      panes and their captions, the report (A keeps its plan, B runs the edit, the runs
#      differ), presentation mode (slider, cards) and the saved plan file;
#   3. an unedited fork stays identical to A (same random numbers) after advancing.
# PNGs are checked by pixel colour with scripts/viewer_png_check.py (no numpy needed).
#
# Environment: BUILD (default build) holds bin/urbantwin-viewer; OUT (default
# $BUILD/viewer-check) gets the scenario, scripts, PNGs and reports, kept for inspection.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build=${BUILD:-build}
viewer=$build/bin/urbantwin-viewer
out=${OUT:-$build/viewer-check}
check_png="python3 scripts/viewer_png_check.py"
if [ ! -x "$viewer" ]; then
  echo "viewer_check: $viewer not found; build it first: cmake --build $build --target urbantwin-viewer" >&2
  exit 2
fi
command -v xvfb-run >/dev/null || { echo "viewer_check: xvfb-run missing (apt-get install xvfb xauth)" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"

failures=0
fail() { echo "viewer_check: FAIL: $*" >&2; failures=$((failures + 1)); }
run_viewer() {  # run_viewer LOG ARGS...: the viewer in a 1600x900 virtual screen
  local log=$1
  shift
  if ! xvfb-run -a -s "-screen 0 1600x900x24" "$viewer" "$@" --windowed-presentation >"$log" 2>&1; then
    cat "$log" >&2
    fail "urbantwin-viewer $* exited with an error (log: $log)"
    return 1
  fi
}
value() { sed -n "s/^$2 = //p" "$1"; }  # value REPORT KEY

# A 4 x 4 signalised grid with enough traffic to queue at the lights; junction 5 is an
# interior junction with four approaches and a four-stage plan (25, 10, 25, 10 s green).
cat >"$out/check.toml" <<'TOML'
[scenario]
name = "viewer-check"
duration_s = 1800
[engine]
seed = 7
[network]
type = "grid"
rows = 4
columns = 4
block_length_m = 200
[demand]
vehicles_per_hour = 2400
max_destinations = 100
[demand.mix]
car = 0.9
bus = 0.1
[output]
dir = "out"
TOML

echo "viewer_check: 1. screenshot at 300 s"
if run_viewer "$out/screenshot.log" "$out/check.toml" --screenshot "$out/map_300.png" --at 300; then
  $check_png "$out/map_300.png" road:map:0.03 vehicle:map:0.0005 background:map:0.3 || fail "map_300.png colours"
fi

echo "viewer_check: 2. scripted edit, fork and presentation"
cat >"$out/edit.script" <<'SCRIPT'
advance 240
select junction 5
camera junction
screenshot junction.png
set split 1 2          # under the 5 s minimum: refused, the draft stays as it was
set split 1 45
set split 3 30
undo                   # back to stage 3 = 25 s
redo                   # and forward again: stage 3 = 30 s
undo
fork
advance 300
layer diff
camera fit
screenshot ab.png
report ab.txt
present on
slider 0.5
screenshot present.png
save_plans plans.toml
quit
SCRIPT
sed -i "s|screenshot |screenshot $out/|; s|report |report $out/|; s|save_plans |save_plans $out/|" "$out/edit.script"
if run_viewer "$out/edit.log" "$out/check.toml" --script "$out/edit.script"; then
  grep -q "refused: stage 1: green 2 s is outside" "$out/edit.log" || fail "the 2 s green was not refused (edit.log)"
  $check_png "$out/junction.png" road:map:0.05 signal_red:map:0.0002 signal_green:map:0.00005 white:map:0.001 \
    || fail "junction.png: signal heads or selection ring missing"
  # B's streets carry the B - A layer, so "street" (road grey or a layer colour) on the right.
  $check_png "$out/ab.png" road:left:0.03 street:right:0.03 run_a:left:0.0005 run_b:right:0.0005 \
    white:0.345,0.1,0.355,1:0.06 || fail "ab.png: two panes with captions and a divider expected"
  $check_png "$out/present.png" white:0.495,0.2,0.505,0.7:0.08 street:0.2,0.1,0.5,0.75:0.02 \
    street:0.5,0.1,0.8,0.75:0.02 || fail "present.png: slider or before/after map missing"
  report=$out/ab.txt
  [ "$(value "$report" forked)" = true ] || fail "report: not forked"
  [ "$(value "$report" a.plan.stage1.green_s)" = 25 ] || fail "report: A's stage 1 changed ($(value "$report" a.plan.stage1.green_s))"
  [ "$(value "$report" b.plan.stage1.green_s)" = 45 ] || fail "report: B's stage 1 is not the edit ($(value "$report" b.plan.stage1.green_s))"
  [ "$(value "$report" b.plan.stage3.green_s)" = 25 ] || fail "report: undo of stage 3 not in B ($(value "$report" b.plan.stage3.green_s))"
  [ "$(value "$report" a.state_hash)" != "$(value "$report" b.state_hash)" ] || fail "report: the edit did not change B"
  # Plan files are in ring form: stage 1's split = 45 s green + 3 s yellow + 2 s all-red.
  awk '/name = "r1c1"/,/^splits/' "$out/plans.toml" | grep -q "^splits = { 1 = 50," \
    || fail "plans.toml: the edited split of junction r1c1 is not saved"
fi

echo "viewer_check: 3. a fork without an edit stays identical"
cat >"$out/same.script" <<SCRIPT
advance 120
fork
advance 240
report $out/same.txt
quit
SCRIPT
if run_viewer "$out/same.log" "$out/check.toml" --script "$out/same.script"; then
  [ "$(value "$out/same.txt" a.state_hash)" = "$(value "$out/same.txt" b.state_hash)" ] \
    || fail "an unedited fork diverged from A (same.txt)"
fi

if [ "$failures" -gt 0 ]; then
  echo "viewer_check: $failures check(s) failed; PNGs, logs and reports are in $out" >&2
  exit 1
fi
echo "viewer_check: all checks passed ($out)"
