"""Checksums of `tifa process` output on ../shared: the check that optimisation changes nothing.

    python3 tests/corpus/output_checksums.py write TIFA > tests/corpus/output_checksums.tsv
    python3 tests/corpus/output_checksums.py check TIFA tests/corpus/output_checksums.tsv

Each line of the list is `folder/path<TAB>sha256`: the SHA-256 of the JSON line (with its
newline) that `tifa process` prints for that document, run from the folder (../shared/corpus or
../shared/seeds) with the relative path, so that `id` and `source.path` do not depend on where
the checkout is. `check` prints the documents whose output differs and exits 1 when any does (77, the CTest
skip code, when ../shared is absent).
Regenerate the list only for a change that is meant to change the output, after reading the new
output of the documents concerned.
"""
import hashlib
import pathlib
import subprocess
import sys

SHARED = pathlib.Path(__file__).resolve().parents[2].parent / "shared"
FOLDERS = ("corpus", "seeds")


def documents(folder):
    root = SHARED / folder
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")


def checksums(tifa):
    sums = {}
    for folder in FOLDERS:
        paths = documents(folder)
        out = subprocess.run([tifa, "process", "--quiet", *paths], cwd=SHARED / folder,
                             capture_output=True, check=True).stdout
        lines = out.split(b"\n")[:-1]
        if len(lines) != len(paths):
            raise SystemExit(f"{folder}: {len(lines)} output lines for {len(paths)} documents")
        for path, line in zip(paths, lines):
            sums[f"{folder}/{path}"] = hashlib.sha256(line + b"\n").hexdigest()
    return sums


def main(argv):
    if len(argv) < 3 or argv[1] not in ("write", "check") or (argv[1] == "check" and len(argv) != 4):
        raise SystemExit(__doc__)
    if not all((SHARED / folder).is_dir() for folder in FOLDERS):
        print(f"SKIP: {SHARED} (corpus, seeds) is absent")
        return 77
    got = checksums(str(pathlib.Path(argv[2]).resolve()))
    if argv[1] == "write":
        for name, digest in got.items():
            print(f"{name}\t{digest}")
        return 0
    expected = dict(line.split("\t") for line in pathlib.Path(argv[3]).read_text().splitlines() if line)
    differ = sorted(name for name in expected.keys() | got.keys() if expected.get(name) != got.get(name))
    for name in differ:
        print(f"output differs: {name}")
    print(f"{len(expected)} documents listed, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
