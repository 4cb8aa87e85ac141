#include "paths.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace tifa::test {

fs::path source_dir() { return fs::path(TIFA_SOURCE_DIR); }

fs::path shared_dir() {
  fs::path dir = TIFA_SHARED_DIR;
  if (const char* env = std::getenv("TIFA_SHARED_DIR"); env != nullptr && *env != '\0') dir = env;
  std::error_code ec;
  return fs::is_directory(dir / "corpus", ec) ? dir : fs::path();
}

static std::vector<fs::path> sorted_files(const fs::path& root, bool recursive) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return out;
  auto keep = [&](const fs::directory_entry& e) {
    if (e.is_regular_file() && e.path().filename() != "MANIFEST.tsv") out.push_back(e.path());
  };
  if (recursive) {
    for (const auto& e : fs::recursive_directory_iterator(root)) keep(e);
  } else {
    for (const auto& e : fs::directory_iterator(root)) keep(e);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<fs::path> seed_files() {
  return sorted_files(source_dir() / "examples" / "samples", false);
}

std::vector<fs::path> corpus_files() {
  fs::path shared = shared_dir();
  if (shared.empty()) return {};
  return sorted_files(shared / "corpus", true);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace tifa::test
