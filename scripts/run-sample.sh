#!/usr/bin/env bash
# README command (1): install dependencies, build, and run the main job — `tifa process` over the
# sample documents in examples/samples — printing one JSON document per line.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >&2
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
cmake --build build --target tifa_cli >&2
build/cli/tifa process examples/samples
