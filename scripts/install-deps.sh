#!/usr/bin/env bash
# Installs the Debian packages tifa needs to build and test. Idempotent: packages already present
# are left alone, and apt is not touched at all when nothing is missing.
#   scripts/install-deps.sh          build, test and benchmark dependencies
set -euo pipefail

packages=(
  build-essential g++ cmake ninja-build pkg-config python3
  libxml2-dev libicu-dev libutf8proc-dev libfmt-dev libyaml-dev doctest-dev
  abigail-tools  # abidw/abidiff: the C ABI check (scripts/check-abi.sh)
  python3-dask python3-distributed  # examples/dask_corpus.py, run with Debian's /usr/bin/python3
  chromium fonts-wqy-microhei  # tests/cli/test_report.py opens `tifa report` pages headless, with a CJK font
  valgrind  # tests/sanitizers/run_valgrind.sh: memcheck on the tifa command
  # clang builds the instrumented tree of the ASan/UBSan tests and the fuzz targets
  # (tests/sanitizers); its sanitizer and libFuzzer runtimes, libclang-rt-dev, are only
  # recommended by clang's packages, and --no-install-recommends leaves them out.
  clang libclang-rt-dev
  # bench/baseline.py, the Python pipeline of `bash bench/run.sh --compare`, under /usr/bin/python3
  python3-bs4 python3-lxml python3-yaml python3-ahocorasick
)
# Hyperscan is only the benchmark's reference for the slogan matcher (bench/README.md); the
# library never uses it. Debian builds it for amd64 only.
if [ "$(dpkg --print-architecture)" = amd64 ]; then
  packages+=(libhyperscan-dev)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}"
