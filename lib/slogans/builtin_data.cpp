// Access to the data files compiled into the library.
#include "slogans/builtin_data.hpp"

#include <map>
#include <string>

namespace tifa::slogans {

namespace embedded {
struct File {
  std::string_view name;
  std::string_view bytes;
};
extern const File kFiles[];
extern const std::size_t kFileCount;
}  // namespace embedded

namespace {

std::string_view embedded_file(std::string_view name) noexcept {
  for (std::size_t i = 0; i < embedded::kFileCount; ++i) {
    if (embedded::kFiles[i].name == name) return embedded::kFiles[i].bytes;
  }
  return {};
}

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> parse_word_list(std::string_view bytes) {
  std::vector<std::string_view> terms;
  while (!bytes.empty()) {
    const std::size_t eol = bytes.find('\n');
    const std::string_view line = trim(bytes.substr(0, eol));
    bytes.remove_prefix(eol == std::string_view::npos ? bytes.size() : eol + 1);
    if (!line.empty() && line.front() != '#') terms.push_back(line);
  }
  return terms;
}

// Every word list, parsed once: the embedded bytes live for the whole process.
const std::map<std::string, std::vector<std::string_view>, std::less<>>& word_lists() {
  static const auto lists = [] {
    std::map<std::string, std::vector<std::string_view>, std::less<>> out;
    for (std::size_t i = 0; i < embedded::kFileCount; ++i) {
      std::string_view name = embedded::kFiles[i].name;
      if (!name.ends_with(".txt")) continue;
      name.remove_suffix(4);
      out.emplace(std::string(name), parse_word_list(embedded::kFiles[i].bytes));
    }
    return out;
  }();
  return lists;
}

}  // namespace

std::string_view builtin_lexicon_tsv() noexcept { return embedded_file("slogans.tsv"); }

const std::vector<std::string_view>& builtin_word_list(std::string_view name) {
  static const std::vector<std::string_view> kEmpty;
  const auto& lists = word_lists();
  const auto it = lists.find(name);
  return it == lists.end() ? kEmpty : it->second;
}

}  // namespace tifa::slogans
