// The word lists of data/ as sets, for the recogniser's membership tests and suffix searches.
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "tifa/span.hpp"

namespace tifa::slogans {

class WordList {
 public:
  explicit WordList(std::string_view name);

  // The byte filters first: most strings asked about are no word, and hashing costs more.
  bool contains(std::string_view word) const {
    return has_length(word.size()) && may_start(word) && words_.contains(word);
  }
  // The longest word that `text` ends with / starts with; 0 bytes when none.
  std::size_t longest_suffix(std::string_view text) const;
  std::size_t longest_prefix(std::string_view text) const;
  // True when some word occurs anywhere in `text` (valid UTF-8).
  bool occurs_in(std::string_view text) const;
  // Every occurrence of a word in `text` (valid UTF-8), overlapping ones included, as byte spans.
  std::vector<Span> occurrences(std::string_view text) const;
  // True when one of occurrences(text) holds the byte at `pos`; only the words that may reach it
  // are looked for.
  bool covers(std::string_view text, std::size_t pos) const;
  const std::vector<std::string_view>& words() const { return list_; }

 private:
  // Cheap filters before any hash lookup (these searches run at almost every character): the
  // first and last key_bytes_ bytes of the words, hashed into 4096 bits, and the byte lengths of
  // the words. The key is as long as the shortest word, up to four bytes: a Chinese character and
  // a byte of the one next to it, since most text asked about ends (starts) with the character a
  // word ends (starts) with. Only a list without one-byte words uses the byte filters.
  // The `count` bytes (2-4) as one number, multiplied and cut to its top twelve bits: for four
  // bytes, the usual key, one load instead of a loop over them.
  static std::size_t edge_key(const unsigned char* bytes, std::size_t count) {
    std::uint32_t word = 0;
    if (count == 4) {
      std::memcpy(&word, bytes, sizeof word);
    } else {
      for (std::size_t i = 0; i < count; ++i) word = word << 8 | bytes[i];
    }
    return (word * 0x9E3779B1u) >> 20;
  }
  bool may_end(std::string_view text) const {
    if (!byte_filters_) return true;
    if (text.size() < key_bytes_) return false;  // shorter than every word
    const auto* t = reinterpret_cast<const unsigned char*>(text.data());
    return ends_.test(edge_key(t + text.size() - key_bytes_, key_bytes_));
  }
  bool may_start(std::string_view text) const {
    if (!byte_filters_) return true;
    if (text.size() < key_bytes_) return false;
    return starts_.test(edge_key(reinterpret_cast<const unsigned char*>(text.data()), key_bytes_));
  }
  bool has_length(std::size_t bytes) const { return bytes >= 64 || ((lengths_ >> bytes) & 1u) != 0; }

  std::vector<std::string_view> list_;
  std::unordered_set<std::string_view> words_;
  std::size_t longest_ = 0;  // bytes
  bool byte_filters_ = true;
  std::size_t key_bytes_ = 4;  // the bytes edge_key() reads: min(4, shortest word)
  std::bitset<4096> ends_;
  std::bitset<4096> starts_;
  std::uint64_t lengths_ = 0;  // bit k: a word of k bytes (bit 63 also for longer ones)
};

// The lists used by discovery, built once per process from the embedded data.
struct WordLists {
  WordList governing_verbs{"governing_verbs"};
  WordList head_nouns{"head_nouns"};
  WordList campaign_heads{"campaign_heads"};
  WordList campaign_suffixes{"campaign_suffixes"};
  WordList numeral_words{"numeral_words"};
  WordList idioms{"idioms"};
  WordList measure_words{"measure_words"};
  WordList count_label_heads{"count_label_heads"};
  WordList ordinal_words{"ordinal_words"};
  WordList quantity_words{"quantity_words"};
  WordList generic_heads{"generic_heads"};
  WordList firm_suffixes{"firm_suffixes"};
  WordList event_words{"event_words"};
  WordList event_stoplist{"event_stoplist"};
  WordList title_nouns{"title_nouns"};
  WordList place_suffixes{"place_suffixes"};
  WordList place_stoplist{"place_stoplist"};
  WordList ratio_words{"ratio_words"};
  WordList enumeration_markers{"enumeration_markers"};

  // Inline: discovery asks for the lists at most of its tests, and a call cost more than the test
  // of the built flag (one object still, as for any inline function).
  static const WordLists& get() {
    static const WordLists lists;
    return lists;
  }
};

}  // namespace tifa::slogans
