// Where tests find their inputs.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tifa::test {

// The repository root.
std::filesystem::path source_dir();

// ../shared beside the repository, or an empty path when it is absent (tests that need it skip
// with a message then). The environment variable TIFA_SHARED_DIR overrides the location.
std::filesystem::path shared_dir();

// The bundled seed documents (examples/samples/*.txt), sorted by name.
std::vector<std::filesystem::path> seed_files();

// Every document of ../shared/corpus (MANIFEST.tsv excluded), sorted; empty when absent.
std::vector<std::filesystem::path> corpus_files();

// The whole file as bytes; throws std::runtime_error when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace tifa::test
