#!/usr/bin/env bash
# Drives urbantwin-viewer under Xvfb the way a planner would and checks what comes out:
#   1. --screenshot/--at: the map shows roads and vehicles in the expected colours;
#   2. --script: select a junction (signal heads red and green, selection ring), edit its
#      splits (a too-short green is refused, undo/redo), fork A/B, advance, check the two
#      panes with vehicles and captions, the report (A keeps its plan, B runs the edit, the
#      runs differ), presentation mode (slider, cards) and the saved plan file;
#   3. an unedited fork stays identical to A (same random numbers) after advancing;
#   4. a scripted edit that starves a movement makes its junction queue longer in B;
#   5. the transit layer: buses drawn in the bus colour, streets coloured by buses seen;
#      5b. a bus line: its buses carry passengers and its time series is sampled;
#   6. finished runs (--runs): `urbantwin run` without and with the plan file saved in 2,
#      opened side by side: two panes, B - A colours, the report equals the run files;
#      bad and mismatched run folders are refused with a message (exit 2), not a crash.
# PNGs are checked by pixel colour with scripts/viewer_png_check.py (no numpy needed).
#
# Environment: BUILD (default build) holds bin/urbantwin-viewer and bin/urbantwin; OUT
# (default $BUILD/viewer-check) gets the scenario, scripts, PNGs and reports, kept for
# inspection; VIEWER_TIMEOUT (default 900) is the most seconds one viewer run may take.
# Takes under a minute on a quiet machine: every wait is counted in frames or simulated
# seconds, never in wall time, so a loaded machine is slower but gets the same pictures.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build=${BUILD:-build}
viewer=$build/bin/urbantwin-viewer
urbantwin=$build/bin/urbantwin
out=${OUT:-$build/viewer-check}
timeout_s=${VIEWER_TIMEOUT:-900}
check_png="python3 scripts/viewer_png_check.py"
for bin in "$viewer" "$urbantwin"; do
  if [ ! -x "$bin" ]; then
    echo "viewer_check: $bin not found; build it first: cmake --build $build" >&2
    exit 2
  fi
done
command -v xvfb-run >/dev/null || { echo "viewer_check: xvfb-run missing (apt-get install xvfb xauth)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "viewer_check: python3 missing (apt-get install python3)" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"

failures=0
fail() { echo "viewer_check: FAIL: $*" >&2; failures=$((failures + 1)); }
# viewer_once LOG ARGS...: the viewer in a 1600x900 virtual screen; its exit code.
viewer_once() {
  local log=$1
  shift
  local rc=0
  timeout --kill-after=30 "$timeout_s" \
    xvfb-run -a -s "-screen 0 1600x900x24" "$viewer" "$@" --windowed-presentation >"$log" 2>&1 || rc=$?
  return "$rc"
}
# viewer_exit LOG ARGS...: viewer_once, retried when the X server did not start (xvfb-run -a
# can race another xvfb-run for a display number on a busy machine).
viewer_exit() {
  local log=$1 rc=0 attempt
  for attempt in 1 2 3; do
    rc=0
    viewer_once "$@" || rc=$?
    if [ "$rc" -eq 0 ] || ! grep -q "Xvfb failed to start" "$log"; then break; fi
    echo "viewer_check: Xvfb did not start (attempt $attempt); trying again" >&2
    sleep $((attempt * 3))
  done
  [ "$rc" -ne 124 ] || echo "viewer_check: timed out after ${timeout_s} s (VIEWER_TIMEOUT)" >>"$log"
  return "$rc"
}
run_viewer() {  # run_viewer LOG ARGS...: a run that must succeed
  local log=$1 rc=0
  viewer_exit "$@" || rc=$?
  if [ "$rc" -ne 0 ]; then
    cat "$log" >&2
    fail "urbantwin-viewer ${*:2} exited with $rc (log: $log)"
    return 1
  fi
}
value() { sed -n "s/^$2 = //p" "$1"; }  # value REPORT KEY
# is_more A B FACTOR: A > B x FACTOR (decimal numbers)
is_more() { python3 -c 'import sys; a, b, f = map(float, sys.argv[1:]); sys.exit(0 if a > b * f else 1)' "$@"; }
# near A B TOLERANCE: |A - B| <= TOLERANCE
near() { python3 -c 'import sys; a, b, t = map(float, sys.argv[1:]); sys.exit(0 if abs(a - b) <= t else 1)' "$@"; }

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
    white:0.345,0.1,0.355,1:0.06 neutral_vehicle:0,0.12,0.34,0.75:0.0002 neutral_vehicle:0.36,0.12,0.7,0.75:0.0002 \
    || fail "ab.png: two panes with vehicles, captions and a divider expected"
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

echo "viewer_check: 4. a starving edit makes the junction's queue longer in B"
# Stage 3 serves junction 5's north-south through traffic: 5 s of green instead of 25.
cat >"$out/starve.script" <<SCRIPT
advance 240
select junction 5
set split 3 5
fork
advance 600
report $out/starve.txt
quit
SCRIPT
if run_viewer "$out/starve.log" "$out/check.toml" --script "$out/starve.script"; then
  r=$out/starve.txt
  [ "$(value "$r" b.plan.stage3.green_s)" = 5 ] || fail "starve.txt: B does not run the edit"
  is_more "$(value "$r" b.junction_queue)" "$(value "$r" a.junction_queue)" 1.3 \
    || fail "starve.txt: B's queue $(value "$r" b.junction_queue) is not well above A's $(value "$r" a.junction_queue)"
  is_more "$(value "$r" b.junction_delay_s)" "$(value "$r" a.junction_delay_s)" 1.0 \
    || fail "starve.txt: B's junction delay is not above A's"
fi

echo "viewer_check: 5. transit layer"
cat >"$out/transit.script" <<SCRIPT
advance 300
layer transit
camera fit
screenshot $out/transit.png
report $out/transit.txt
quit
SCRIPT
if run_viewer "$out/transit.log" "$out/check.toml" --script "$out/transit.script"; then
  $check_png "$out/transit.png" bus:map:0.0001 layer:map:0.01 road:map:0.01 || fail "transit.png: buses or bus streets missing"
  is_more "$(value "$out/transit.txt" a.links_with_buses)" 3 1 || fail "transit.txt: buses seen on too few links"
fi

echo "viewer_check: 5b. a bus line: loads on the map, the line's time series"
cp "$out/check.toml" "$out/check-line.toml"
cat >>"$out/check-line.toml" <<'TOML'
[[bus_lines]]
name = "X"
via = ["r1c0", "r1c3"]
headway_s = 120
[[bus_lines.stops]]
route_m = 100
boardings_per_hour = 600
[[bus_lines.stops]]
route_m = 300
boardings_per_hour = 300
[[bus_lines.stops]]
route_m = 520
TOML
cat >"$out/line.script" <<SCRIPT
layer transit
select line 0
advance 600
camera fit
screenshot $out/line.png
report $out/line.txt
quit
SCRIPT
if run_viewer "$out/line.log" "$out/check-line.toml" --script "$out/line.script"; then
  $check_png "$out/line.png" layer:map:0.01 road:map:0.01 || fail "line.png: bus streets missing"
  is_more "$(value "$out/line.txt" a.line.passengers)" 0 1 || fail "line.txt: no passengers on the line's buses"
  near "$(value "$out/line.txt" a.line.headway_s)" 120 90 || fail "line.txt: the line's headway is far from 120 s"
fi

echo "viewer_check: 6. finished runs side by side"
# B: the same scenario with the plan file saved in step 2 (junction r1c1's stage 1 at 45 s).
sed 's/name = "viewer-check"/name = "viewer-check-edit"/' "$out/check.toml" >"$out/check-edit.toml"
printf '[signals]\nplans = "plans.toml"\n' >>"$out/check-edit.toml"
sed 's/rows = 4/rows = 3/' "$out/check.toml" >"$out/check-3x4.toml"
runs_ok=true
for s in check check-edit check-3x4; do
  if ! "$urbantwin" run "$out/$s.toml" --out "$out/run-$s" --duration 900 >"$out/run-$s.log" 2>&1; then
    cat "$out/run-$s.log" >&2
    fail "urbantwin run $s.toml failed (log: $out/run-$s.log)"
    runs_ok=false
  fi
done
cat >"$out/runs.script" <<SCRIPT
camera fit
select link 12
layer diff
screenshot $out/runs.png
report $out/runs.txt
present on
screenshot $out/runs-present.png
quit
SCRIPT
if $runs_ok && run_viewer "$out/runs.log" "$out/check.toml" --runs "$out/run-check" "$out/run-check-edit" \
     --script "$out/runs.script"; then
  $check_png "$out/runs.png" road:left:0.03 street:right:0.03 layer:right:0.002 run_a:left:0.0005 run_b:right:0.0005 \
    white:0.345,0.1,0.355,1:0.06 || fail "runs.png: two panes of finished runs with B - A colours expected"
  $check_png "$out/runs-present.png" white:0.495,0.2,0.505,0.7:0.08 || fail "runs-present.png: no before/after slider"
  r=$out/runs.txt
  [ "$(value "$r" finished)" = true ] || fail "runs.txt: not shown as finished runs"
  json() { python3 -c 'import json, sys; v = json.load(open(sys.argv[1]))[sys.argv[2]]; print("nan" if v is None else v)' "$@"; }
  # links.csv row of link 12: mean_speed_mps, mean_delay_s
  link_cell() { python3 -c 'import csv, sys; print(list(csv.DictReader(open(sys.argv[1])))[12][sys.argv[2]] or "nan")' "$@"; }
  for run in a:run-check b:run-check-edit; do
    p=${run%%:*} dir=$out/${run#*:}
    [ "$(value "$r" "$p.arrived")" = "$(json "$dir/summary.json" arrived)" ] || fail "runs.txt: $p.arrived differs from $dir/summary.json"
    near "$(value "$r" "$p.mean_delay_s")" "$(json "$dir/summary.json" mean_delay_s)" 0.01 \
      || fail "runs.txt: $p.mean_delay_s differs from $dir/summary.json"
    near "$(value "$r" "$p.link.speed_kmh")" "$(python3 -c "print($(link_cell "$dir/links.csv" mean_speed_mps) * 3.6)")" 0.01 \
      || fail "runs.txt: $p.link.speed_kmh is not links.csv's speed of link 12"
    near "$(value "$r" "$p.link.delay_s")" "$(link_cell "$dir/links.csv" mean_delay_s)" 0.01 \
      || fail "runs.txt: $p.link.delay_s is not links.csv's delay of link 12"
  done
  [ "$(value "$r" a.mean_delay_s)" != "$(value "$r" b.mean_delay_s)" ] || fail "runs.txt: the plan file made no difference"
fi
if $runs_ok && run_viewer "$out/runs-one.log" "$out/check.toml" --runs "$out/run-check" --layer speed \
     --screenshot "$out/runs-one.png"; then
  $check_png "$out/runs-one.png" layer:map:0.02 || fail "runs-one.png: one finished run in the speed layer expected"
fi
# Refused: not a folder, a run that did not finish, a run of another network. Exit 2, a
# message naming the file, and no crash.
mkdir -p "$out/run-unfinished"
cp "$out/run-check/trips.csv" "$out/run-check/links.csv" "$out/run-unfinished/" 2>/dev/null || true
for bad in "nowhere:no such folder" "run-unfinished:no summary.json; it is written last" \
           "run-check-3x4:links, but the network of"; do
  dir=$out/${bad%%:*} expect=${bad#*:} rc=0
  viewer_exit "$out/bad.log" "$out/check.toml" --runs "$out/run-check" "$dir" --screenshot "$out/bad.png" || rc=$?
  if [ "$rc" -ne 2 ] || ! grep -qF "$expect" "$out/bad.log"; then
    cat "$out/bad.log" >&2
    fail "--runs $dir: expected exit 2 and '$expect', got exit $rc"
  fi
done

if [ "$failures" -gt 0 ]; then
  echo "viewer_check: $failures check(s) failed; PNGs, logs and reports are in $out" >&2
  exit 1
fi
echo "viewer_check: all checks passed ($out)"
