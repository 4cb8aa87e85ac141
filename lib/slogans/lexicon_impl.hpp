// The inside of tifa::Lexicon: the loaders' common result, the immutable lexicon data with its
// indexes, merging and the canonical serialisation (spec/slogans.md §2).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tifa/lexicon.hpp"

namespace tifa::slogans {

// Hash maps keyed by std::string that are searched with a std::string_view.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// What an overlay asks of the lexicons below it besides its entries (spec §2.8). A lexicon used on
// its own ignores them.
struct OverlayDirectives {
  std::vector<std::string> disabled_ids;                  // rows with disabled=1 or true
  std::vector<std::pair<std::string, std::string>> removed_forms;  // (entry id, form) for "-form"
};

// What a loader produces from one source.
struct LoadResult {
  std::vector<LexiconEntry> entries;  // in source order
  OverlayDirectives directives;
  std::vector<LexiconDiagnostic> diagnostics;  // errors and warnings, by line, at most 100
  bool has_error = false;                      // also true when an error was not kept
};

// Every loader starts here: text that is not UTF-8 is rejected as a whole (E_ENCODING, spec §2.2).
// Returns true, with the result filled in, when `text` is not UTF-8.
bool reject_non_utf8(std::string_view text, const std::string& source, LoadResult& result);

LoadResult load_tsv(std::string_view text, const std::string& source);
// Word lists and jieba-style dictionaries (spec §2.6); `jieba` keeps only the first field.
LoadResult load_word_list(std::string_view text, const std::string& source, bool jieba);
LoadResult load_quanteda_yaml(std::string_view text, const std::string& source);

// True when the first line that is neither blank nor a comment is a TSV header with a
// `canonical` column (kAuto's test).
bool looks_like_tsv(std::string_view text);

// The entries of `overlay` layered over those of `base` (spec §2.8); W_FORM_MOVED diagnostics go
// to `warnings`.
std::vector<LexiconEntry> merge_entries(const std::vector<LexiconEntry>& base,
                                        const std::vector<LexiconEntry>& overlay,
                                        const OverlayDirectives& directives,
                                        std::vector<LexiconDiagnostic>& warnings);

// The canonical serialisation (spec §2.8): native TSV, entries sorted by id, fixed columns, extra
// columns sorted by name after them.
std::string serialize_entries(const std::vector<LexiconEntry>& entries);

// The folded forms of an entry, canonical first: what the form index and conflicts compare.
std::vector<std::string> entry_forms(const LexiconEntry& entry);

}  // namespace tifa::slogans

namespace tifa {

struct Lexicon::Impl {
  std::vector<LexiconEntry> entries;
  slogans::OverlayDirectives directives;
  std::vector<LexiconDiagnostic> warnings;
  slogans::StringMap<std::size_t> by_id;    // id -> index into entries
  slogans::StringMap<std::size_t> by_form;  // folded form -> index into entries
  std::string sha256;

  // Builds the indexes and the hash; the entries must be free of form conflicts (the first owner
  // of a folded form keeps it otherwise).
  static std::shared_ptr<const Impl> make(std::vector<LexiconEntry> entries,
                                          slogans::OverlayDirectives directives,
                                          std::vector<LexiconDiagnostic> warnings);
};

}  // namespace tifa
