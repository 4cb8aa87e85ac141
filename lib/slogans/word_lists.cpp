// Word lists of data/ as sets.
#include "slogans/word_lists.hpp"

#include <algorithm>

#include "slogans/builtin_data.hpp"

namespace tifa::slogans {

WordList::WordList(std::string_view name) : list_(builtin_word_list(name)) {
  for (std::string_view word : list_) {
    words_.insert(word);
    longest_ = std::max(longest_, word.size());
  }
}

// Both look up the candidate lengths (code-point boundaries up to the longest word) in the set,
// longest first: a few hash lookups instead of a pass over every word.
std::size_t WordList::longest_suffix(std::string_view text) const {
  std::size_t length = std::min(text.size(), longest_);
  for (; length > 0; --length) {
    const std::size_t start = text.size() - length;
    if ((static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) continue;
    if (words_.contains(text.substr(start))) return length;
  }
  return 0;
}

std::size_t WordList::longest_prefix(std::string_view text) const {
  std::size_t length = std::min(text.size(), longest_);
  for (; length > 0; --length) {
    if (length < text.size() && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) continue;
    if (words_.contains(text.substr(0, length))) return length;
  }
  return 0;
}

bool WordList::occurs_in(std::string_view text) const {
  return std::any_of(list_.begin(), list_.end(),
                     [&](std::string_view word) { return text.find(word) != std::string_view::npos; });
}

const WordLists& WordLists::get() {
  static const WordLists lists;
  return lists;
}

}  // namespace tifa::slogans
