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
    key_bytes_ = std::min(key_bytes_, word.size());
  }
  byte_filters_ = key_bytes_ >= 2;
  if (!byte_filters_) return;
  for (std::string_view word : list_) {
    const auto* w = reinterpret_cast<const unsigned char*>(word.data());
    starts_.set(edge_key(w, key_bytes_));
    ends_.set(edge_key(w + word.size() - key_bytes_, key_bytes_));
  }
}

// Both look up the candidate lengths (code-point boundaries up to the longest word) in the set,
// longest first: a few hash lookups instead of a pass over every word. The byte filter of the other
// edge (a suffix must start, a prefix end, as some word does) spares most of those lookups.
std::size_t WordList::longest_suffix(std::string_view text) const {
  if (!may_end(text)) return 0;
  std::size_t length = std::min(text.size(), longest_);
  for (; length > 0; --length) {
    const std::size_t start = text.size() - length;
    if (!has_length(length) || (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) continue;
    const std::string_view suffix = text.substr(start);
    if (may_start(suffix) && words_.contains(suffix)) return length;
  }
  return 0;
}

std::size_t WordList::longest_prefix(std::string_view text) const {
  if (!may_start(text)) return 0;
  std::size_t length = std::min(text.size(), longest_);
  for (; length > 0; --length) {
    if (!has_length(length) || (length < text.size() && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80))
      continue;
    const std::string_view prefix = text.substr(0, length);
    if (may_end(prefix) && words_.contains(prefix)) return length;
  }
  return 0;
}

// A word occurs in valid UTF-8 only where a character begins (its first byte is a lead byte), so
// both look for words starting at each character, through the byte filters.
bool WordList::occurs_in(std::string_view text) const {
  for (std::size_t begin = 0; begin < text.size(); ++begin) {
    if ((static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) continue;
    if (longest_prefix(text.substr(begin)) > 0) return true;
  }
  return false;
}

std::vector<Span> WordList::occurrences(std::string_view text) const {
  const auto is_boundary = [&](std::size_t pos) {
    return pos == text.size() || (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80;
  };
  std::vector<Span> out;
  for (std::size_t begin = 0; begin < text.size(); ++begin) {
    if (!is_boundary(begin) || !may_start(text.substr(begin))) continue;
    const std::size_t last = std::min(text.size(), begin + longest_);
    for (std::size_t end = begin + 1; end <= last; ++end) {
      if (is_boundary(end) && has_length(end - begin) && words_.contains(text.substr(begin, end - begin))) {
        out.push_back({begin, end});
      }
    }
  }
  return out;
}

bool WordList::covers(std::string_view text, std::size_t pos) const {
  const auto is_boundary = [&](std::size_t at) {
    return at == text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
  };
  // An occurrence [begin, end) holds `pos` when begin <= pos < end, and no word is longer than
  // longest_ bytes.
  const std::size_t first = pos + 1 > longest_ ? pos + 1 - longest_ : 0;
  for (std::size_t begin = first; begin <= pos && begin < text.size(); ++begin) {
    if (!is_boundary(begin) || !may_start(text.substr(begin))) continue;
    const std::size_t last = std::min(text.size(), begin + longest_);
    for (std::size_t end = pos + 1; end <= last; ++end) {
      if (is_boundary(end) && has_length(end - begin) && words_.contains(text.substr(begin, end - begin))) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace tifa::slogans
