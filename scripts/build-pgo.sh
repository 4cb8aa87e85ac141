#!/usr/bin/env bash
# A profile-guided Release build of tifa (GCC), in three steps:
#   1. an instrumented build of the command in BUILD_DIR/pgo-generate (TIFA_PGO=GENERATE);
#   2. the training run: `tifa process` over the documents of --train (files or folders; default
#      the sample documents in examples/samples), which writes the profile into
#      BUILD_DIR/pgo-profile;
#   3. the optimised build in BUILD_DIR (TIFA_PGO=USE) of TARGET… (default: all).
# Usage: bash scripts/build-pgo.sh BUILD_DIR [--train PATH…] [--target TARGET…] [-DOPTION=VALUE…]
# The -D options go to both configurations. Run it again after changing the sources: step 1
# rebuilds what changed, step 2 runs again when step 1 relinked the command or the training
# documents are others, and step 3 recompiles the library after a new profile. Messages go to
# stderr.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ $# -lt 1 ]]; then
  echo "usage: bash scripts/build-pgo.sh BUILD_DIR [--train PATH…] [--target TARGET…] [-DOPTION=VALUE…]" >&2
  exit 2
fi
build="$(mkdir -p "$1" && cd "$1" && pwd)"
shift
targets=()
options=()
training=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target | --train)
      [[ $# -ge 2 ]] || { echo "build-pgo.sh: $1 needs a value" >&2; exit 2; }
      if [[ "$1" == --target ]]; then targets+=(--target "$2"); else training+=("$2"); fi
      shift 2 ;;
    -D*) options+=("$1"); shift ;;
    *) echo "build-pgo.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ ${#training[@]} -gt 0 ]] || training=("$repo/examples/samples")

generate="$build/pgo-generate"
profile="$build/pgo-profile"

cmake -S "$repo" -B "$generate" -G Ninja -DCMAKE_BUILD_TYPE=Release "${options[@]}" \
  -DTIFA_BUILD_CLI=ON -DTIFA_PGO=GENERATE -DTIFA_PGO_DIR="$profile" >&2
cmake --build "$generate" --target tifa_cli >&2

# The profile is made again when the instrumented command was relinked (the sources changed) or
# the training documents are others; a profile of other sources would not match them, so it starts
# afresh.
stamp="$profile/trained.stamp"
trained_on="$(printf '%s\n' "${training[@]}")"
if [[ -f "$stamp" && "$stamp" -nt "$generate/cli/tifa" && "$(cat "$stamp")" == "$trained_on" ]]; then
  echo "build-pgo.sh: the profile in $profile is up to date" >&2
else
  rm -rf "$profile"
  "$generate/cli/tifa" process --jobs 1 "${training[@]}" > /dev/null
  # The optimised build depends on this file (cmake/pgo.cmake): a new profile recompiles the library.
  printf '%s\n' "$trained_on" > "$stamp"
fi

cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${options[@]}" \
  -DTIFA_PGO=USE -DTIFA_PGO_DIR="$profile" >&2
cmake --build "$build" "${targets[@]}" >&2
