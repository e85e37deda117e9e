#!/usr/bin/env bash
# Shared set-up of demo.sh and test.sh: installs the Debian 12 packages the build needs when
# any is missing (apt-get, with sudo when not root), then configures and builds UrbanTwin
# into build/ (Release, Ninja; binaries in build/bin).
#
#   ./scripts/setup.sh             builds everything (library, CLI, viewer, tests, benchmarks)
#   ./scripts/setup.sh urbantwin   builds only the given targets (what demo.sh does)
#
# Environment (all optional):
#   EXTRA_PACKAGES  more packages a caller needs, e.g. "sumo sumo-tools"
#   JOBS            parallel build jobs (default: the number of cores)
#   BUILD_DIR       build folder (default: build)
#   CMAKE_ARGS      extra arguments for the cmake configure step
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(cmake ninja-build g++ pkg-config libtbb-dev libgdal-dev gdal-bin catch2
          libtoml11-dev libcli11-dev libfmt-dev nlohmann-json3-dev libsfml-dev libimgui-dev
          xvfb xauth libgl1-mesa-dri python3)  # the last four: scripts/viewer_check.sh (Mesa's software GL)
# shellcheck disable=SC2206  # word splitting of EXTRA_PACKAGES is intended
packages+=(${EXTRA_PACKAGES:-})

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: not root and no sudo; install as root: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  # Only when something is missing: the package lists of a bare system are empty.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "setup: packages installed"
fi

build_dir=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc)}
# shellcheck disable=SC2086  # CMAKE_ARGS holds several arguments
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release ${CMAKE_ARGS:-} >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
echo "setup: building ${*:-everything} in $build_dir/ with $jobs jobs"
cmake --build "$build_dir" -j "$jobs" "${targets[@]}"
echo "setup: built; binaries in $build_dir/bin"
