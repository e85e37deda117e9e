#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (slow tests included) in
# build/; then builds again with AddressSanitizer + UndefinedBehaviorSanitizer in
# build-asan/ and runs the suite there too. Ends with "N passed, M failed" over both.
#
# Environment (all optional):
#   JOBS                parallel build jobs and tests (default: the number of cores)
#   SKIP_SANITIZERS=1   only the Release pass
#   SANITIZER_EXCLUDE   ctest -E regex of tests left out of the sanitizer pass (those too
#                       slow under ASan; they still run in the Release pass)
#   SKIP_VIEWER_CHECK=1 leave out scripts/viewer_check.sh (the viewer under Xvfb), which
#                       otherwise counts as one test after the Release suite
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

jobs=${JOBS:-$(nproc)}
total_passed=0
total_failed=0

# A build that fails is one failure in the closing count, not a silent stop.
if ! ./scripts/setup.sh; then
  echo "test: the Release build failed (see above)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# Runs ctest in $1 (more ctest arguments after it) and adds its counts to the totals.
# A pass that reports no count (a crash, no tests found) counts as one failure.
run_suite() {
  local dir=$1
  shift
  local log
  log=$(mktemp)
  set +e
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" "$@" 2>&1 | tee "$log"
  set -e
  local line
  line=$(grep -E '[0-9]+ tests failed out of [0-9]+' "$log" | tail -n 1 || true)
  rm -f "$log"
  if [ -z "$line" ]; then
    echo "test: no test count from ctest in $dir" >&2
    total_failed=$((total_failed + 1))
    return
  fi
  local failed total
  failed=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
  total=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$line")
  if [ "$total" -eq 0 ]; then
    echo "test: ctest ran no test in $dir" >&2
    total_failed=$((total_failed + 1))
    return
  fi
  total_passed=$((total_passed + total - failed))
  total_failed=$((total_failed + failed))
}

echo
echo "test: Release suite (build/)"
run_suite build

if [ "${SKIP_VIEWER_CHECK:-0}" != 1 ]; then
  echo
  echo "test: viewer check (build/, urbantwin-viewer under Xvfb)"
  if BUILD=build ./scripts/viewer_check.sh; then total_passed=$((total_passed + 1)); else total_failed=$((total_failed + 1)); fi
fi

if [ "${SKIP_SANITIZERS:-0}" != 1 ]; then
  echo
  echo "test: sanitizer suite (build-asan/, ASan + UBSan)"
  # RelWithDebInfo: optimised enough that simulation tests finish, with line numbers in
  # sanitizer reports. No viewer: it adds build time and no simulation code. (Which
  # warnings are relaxed under the sanitizers, and why: CMakeLists.txt.)
  if cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
       -DURBANTWIN_SANITIZE=ON -DURBANTWIN_VIEWER=OFF -DCMAKE_CXX_FLAGS="" >/dev/null &&
     cmake --build build-asan -j "$jobs"; then
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
    exclude=()
    if [ -n "${SANITIZER_EXCLUDE:-}" ]; then exclude=(-E "$SANITIZER_EXCLUDE"); fi
    run_suite build-asan "${exclude[@]}"
  else
    echo "test: the sanitizer build failed (see above)" >&2
    total_failed=$((total_failed + 1))
  fi
fi

echo
echo "${total_passed} passed, ${total_failed} failed"
[ "$total_failed" -eq 0 ]
