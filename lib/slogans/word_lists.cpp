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

std::size_t WordList::longest_suffix(std::string_view text) const {
  std::size_t best = 0;
  for (std::string_view word : list_) {
    if (word.size() > best && text.ends_with(word)) best = word.size();
  }
  return best;
}

std::size_t WordList::longest_prefix(std::string_view text) const {
  std::size_t best = 0;
  for (std::string_view word : list_) {
    if (word.size() > best && text.starts_with(word)) best = word.size();
  }
  return best;
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
