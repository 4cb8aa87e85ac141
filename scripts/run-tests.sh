#!/usr/bin/env bash
# README command (2): install dependencies, build everything, and run every test, the ASan/UBSan
# run of the suite and the fuzz smoke runs included (tests/sanitizers/CMakeLists.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build
ctest --test-dir build --output-on-failure -j "$(nproc)"
