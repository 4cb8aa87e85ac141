// Word lists of data/ as sets.
#include "slogans/word_lists.hpp"

#include <algorithm>

#include "slogans/builtin_data.hpp"

namespace tifa::slogans {

WordList::WordList(std::string_view name) : list_(builtin_word_list(name)) {
  for (std::string_view word : list_) {
    words_.insert(word);
    longest_ = std::max(longest_, word.size());
    lengths_ |= std::uint64_t{1} << std::min<std::size_t>(word.size(), 63);
    if (word.size() < 2) {
      byte_filters_ = false;
      continue;
    }
    const auto* w = reinterpret_cast<const unsigned char*>(word.data());
    starts_.set(pair_key(w[0], w[1]));
    ends_.set(pair_key(w[word.size() - 2], w[word.size() - 1]));
  }
}

bool WordList::may_end(std::string_view text) const {
  if (!byte_filters_) return true;
  if (text.size() < 2) return false;
  const auto* t = reinterpret_cast<const unsigned char*>(text.data());
  return ends_.test(pair_key(t[text.size() - 2], t[text.size() - 1]));
}

bool WordList::may_start(std::string_view text) const {
  if (!byte_filters_) return true;
  if (text.size() < 2) return false;
  const auto* t = reinterpret_cast<const unsigned char*>(text.data());
  return starts_.test(pair_key(t[0], t[1]));
}

// Both look up the candidate lengths (code-point boundaries up to the longest word) in the set,
// longest first: a few hash lookups instead of a pass over every word.
std::size_t WordList::longest_suffix(std::string_view text) const {
  if (!may_end(text)) return 0;
  std::size_t length = std::min(text.size(), longest_);
  for (; length > 0; --length) {
    const std::size_t start = text.size() - length;
    if (!has_length(length) || (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) continue;
    if (words_.contains(text.substr(start))) return length;
  }
  return 0;
}

std::size_t WordList::longest_prefix(std::string_view text) const {
  if (!may_start(text)) return 0;
  std::size_t length = std::min(text.size(), longest_);
  for (; length > 0; --length) {
    if (!has_length(length) || (length < text.size() && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80))
      continue;
    if (words_.contains(text.substr(0, length))) return length;
  }
  return 0;
}

bool WordList::occurs_in(std::string_view text) const {
  return std::any_of(list_.begin(), list_.end(),
                     [&](std::string_view word) { return text.find(word) != std::string_view::npos; });
}

std::vector<Span> WordList::occurrences(std::string_view text) const {
  const auto is_boundary = [&](std::size_t pos) {
    return pos == text.size() || (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80;
  };
  std::vector<Span> out;
  for (std::size_t begin = 0; begin < text.size(); ++begin) {
    if (!is_boundary(begin)) continue;
    const std::size_t last = std::min(text.size(), begin + longest_);
    for (std::size_t end = begin + 1; end <= last; ++end) {
      if (is_boundary(end) && words_.contains(text.substr(begin, end - begin))) out.push_back({begin, end});
    }
  }
  return out;
}

const WordLists& WordLists::get() {
  static const WordLists lists;
  return lists;
}

}  // namespace tifa::slogans
