#!/usr/bin/env bash
# Side-by-side benchmark and outcome comparison, UrbanTwin against SUMO, on the same
# scenarios (issue 10; docs/validation.md). For each scenario: export it with
# `urbantwin export-sumo`, build SUMO's network with netconvert (not timed), run ours at 2
# threads, then SUMO, one after the other, and print wall time, vehicle-updates/s, real-time
# factor, the speed ratio and the outcomes side by side (bench/compare_sumo.py). The last
# line is the smallest speed ratio.
#
#   bench/vs_sumo.sh                       # grid10, grid30, portland
#   bench/vs_sumo.sh grid10                # some of them (names of scenarios/NAME.toml)
#   URBANTWIN=build/bin/urbantwin OUT=out/vs_sumo THREADS=2 bench/vs_sumo.sh
#
# Speed figures are only meaningful on an otherwise idle machine: both simulators are timed
# by themselves (our summary.json wall_time_s, SUMO's --duration-log.statistics Duration).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
URBANTWIN="${URBANTWIN:-}"
if [[ -z "$URBANTWIN" ]]; then
    for b in "$root/build/bin/urbantwin" "$root/build-val/bin/urbantwin"; do
        [[ -x "$b" ]] && { URBANTWIN="$b"; break; }
    done
fi
[[ -x "$URBANTWIN" ]] || { echo "vs_sumo.sh: no urbantwin binary; build first (scripts/setup.sh) or set URBANTWIN=" >&2; exit 2; }
OUT="${OUT:-$root/out/vs_sumo}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-3600}"
scenarios=("$@")
[[ ${#scenarios[@]} -gt 0 ]] || scenarios=(grid10 grid30 portland)

if ! command -v sumo >/dev/null || ! command -v netconvert >/dev/null; then
    echo "SUMO is missing: installing the Debian packages sumo and sumo-tools" >&2
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq sumo sumo-tools >&2
fi
export SUMO_HOME="${SUMO_HOME:-/usr/share/sumo}"

mkdir -p "$OUT"
ratios="$OUT/ratios.txt"
: > "$ratios"
echo "UrbanTwin: $URBANTWIN ($THREADS threads); $(sumo --version 2>/dev/null | head -1); $(nproc) cores; $(date -u +%FT%TZ)"
for name in "${scenarios[@]}"; do
    toml="$root/scenarios/$name.toml"
    [[ -f "$toml" ]] || { echo "vs_sumo.sh: no scenario $toml" >&2; exit 2; }
    ours_dir="$OUT/$name/ours"
    sumo_dir="$OUT/$name/sumo"
    rm -rf "$ours_dir" "$sumo_dir"
    mkdir -p "$ours_dir" "$sumo_dir"
    "$URBANTWIN" export-sumo "$toml" --out "$sumo_dir" --duration "$DURATION" > "$sumo_dir/export.log"
    (cd "$sumo_dir" && netconvert -c "$name.netccfg" > netconvert.log 2>&1) ||
        { echo "vs_sumo.sh: netconvert failed for $name, see $sumo_dir/netconvert.log" >&2; exit 1; }
    python3 "$here/check_sumo_connections.py" "$sumo_dir" "$name" > "$sumo_dir/connections.log" ||
        { cat "$sumo_dir/connections.log" >&2; echo "vs_sumo.sh: netconvert changed our connections for $name" >&2; exit 1; }
    # Process time (wall, user, system) of each whole run too, import and routing included:
    # on a loaded machine CPU seconds are steadier than wall time.
    timed() { local out="$1"; shift; if [[ -x /usr/bin/time ]]; then /usr/bin/time -f "%e %U %S" -o "$out" "$@"; else "$@"; fi; }
    timed "$ours_dir/process_time.txt" "$URBANTWIN" run "$toml" --out "$ours_dir" --threads "$THREADS" \
        --duration "$DURATION" > "$ours_dir/run.log" 2>&1
    # Warnings off: SUMO reports thousands of harmless stop-line "emergency stops" (IDM +
    # ballistic update) and printing them would slow it down.
    (cd "$sumo_dir" && timed process_time.txt sumo -c "$name.sumocfg" --no-warnings > "$name.sumo.log" 2>&1) ||
        { echo "vs_sumo.sh: sumo failed for $name, see $sumo_dir/$name.sumo.log" >&2; exit 1; }
    python3 "$here/compare_sumo.py" "$name" "$ours_dir" "$sumo_dir" --duration "$DURATION" \
        --ratio-file "$ratios" --json "$OUT/$name/compare.json"
done
sort -k2 -g "$ratios" | head -1 | awk '{printf "smallest speed ratio: %.1f (%s)\n", $2, $1}'
