// tifa::Lexicon: the slogans the recogniser knows (spec/slogans.md §2).
//
// A lexicon is a list of entries; each entry has a canonical form (the name counts are kept
// under), variant forms, a category, member versions and an optional context rule for its
// ambiguous short forms. Lexicons are loaded from the native TSV format, plain word lists,
// jieba-style dictionaries or quanteda YAML dictionaries, and merged in layers over the built-in
// one. Loading checks the whole source and reports every problem with its line and column.
//
// Thread safety: a Lexicon is immutable after construction. Copies are cheap (they share the same
// immutable data) and any number of threads may read one at the same time. Lexicon::builtin() is
// parsed once per process, thread-safely.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tifa/error.hpp"

namespace tifa {

// One problem found while loading a lexicon (spec §2.5). to_string() gives the form
// `slogans.tsv:112:9: error[E_FORM_CONFLICT]: form "三年行动" already belongs to "国企改革三年行动" (line 87)`.
struct LexiconDiagnostic {
  std::string source;       // file name or the name given for a buffer
  std::size_t line = 0;     // 1-based; 0 when the problem is not tied to a line
  std::size_t column = 0;   // 1-based, in code points (bytes for E_ENCODING); 0 when unknown
  std::string code;         // "E_FORM_CONFLICT", "W_CATEGORY", ... (spec §2.5; also E_VALUE
                            // for a malformed id or disabled value, E_IO for an unreadable file)
  bool error = false;       // false: a warning
  std::string message;

  std::string to_string() const;
};

// Thrown by the loaders when a source has at least one error; carries every diagnostic (up to 100),
// warnings included. code() is ErrorCode::kLexicon (or kIo for an unreadable file).
class LexiconError : public Error {
 public:
  LexiconError(ErrorCode code, std::vector<LexiconDiagnostic> diagnostics);
  const std::vector<LexiconDiagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<LexiconDiagnostic> diagnostics_;
};

// A context rule (spec §2.4), parsed. `full`, `quoted`, `doc` and `sentence` are alternatives (at
// least one must hold when any is present); every other clause must hold.
struct ContextRule {
  bool full = false;
  bool quoted = false;
  bool bounded_left = false;
  std::vector<std::string> doc;
  std::vector<std::string> sentence;
  std::vector<std::string> not_sentence;
  std::vector<std::string> not_before;
  std::vector<std::string> not_after;

  bool empty() const noexcept;
};

// One member list, valid on [valid_from, valid_to] (inclusive; empty = open). Dates are written as
// in the source: "YYYY", "YYYY-MM" or "YYYY-MM-DD".
struct MemberVersion {
  std::string valid_from;
  std::string valid_to;
  std::vector<std::string> members;
  std::string english;
};

struct LexiconEntry {
  std::string id;                     // stable id; the canonical when the source gives none
  std::string canonical;              // simplified, NFC
  std::vector<std::string> variants;  // other forms, in source order
  std::string category;
  std::string english;
  int first_year = 0;                 // 0: unknown
  std::vector<MemberVersion> versions;    // empty: no members; else one list without dates, or
                                          // the dated versions sorted by valid_from
  std::vector<std::string> needs_context; // forms that match only with `context`, in form order;
                                          // every spelling that folds like a named form is listed
  ContextRule context;
  std::vector<std::pair<std::string, std::string>> extra;  // other non-empty columns, in header
                                                           // order; names in ASCII lower case
  std::string source;                 // where the entry was defined, for diagnostics
  std::size_t line = 0;

  // The value of an extra column, or nullptr.
  const std::string* extra_field(std::string_view name) const noexcept;
  // True when `form` (one of this entry's forms, exact string) needs context to match.
  bool form_needs_context(std::string_view form) const noexcept;
};

enum class LexiconFormat : std::uint8_t { kAuto, kTsv, kWordList, kJieba, kQuantedaYaml };

class Lexicon {
 public:
  // An empty lexicon (`--no-builtin-lexicon`).
  Lexicon();

  // The built-in lexicon, data/slogans.tsv compiled into the library. Parsed on first use.
  static const Lexicon& builtin();

  // Loads a file. kAuto picks the format from the name and the first line (spec §2.6). Throws
  // LexiconError (kIo when the file cannot be read, kLexicon on any error diagnostic). Warnings
  // are kept in warnings().
  static Lexicon from_file(const std::string& path, LexiconFormat format = LexiconFormat::kAuto);
  // Loads from memory; `source` names the buffer in diagnostics. kAuto: TSV when the first
  // non-comment line is a header with a `canonical` column, else a word list.
  static Lexicon from_buffer(std::string_view text, LexiconFormat format = LexiconFormat::kAuto,
                             std::string source = "<buffer>");
  static Lexicon from_tsv(std::string_view text, std::string source = "<buffer>") {
    return from_buffer(text, LexiconFormat::kTsv, std::move(source));
  }

  // `overlay` layered over `base` (spec §2.8). Never throws for valid lexicons; W_FORM_MOVED
  // warnings are added to the result's warnings().
  static Lexicon merged(const Lexicon& base, const Lexicon& overlay);

  // Every diagnostic of a source, errors and warnings, without throwing for lexicon errors (an
  // unreadable file gives one diagnostic with code E_IO).
  static std::vector<LexiconDiagnostic> check(const std::string& path,
                                              LexiconFormat format = LexiconFormat::kAuto);
  static std::vector<LexiconDiagnostic> check_buffer(std::string_view text,
                                                     LexiconFormat format = LexiconFormat::kAuto,
                                                     std::string source = "<buffer>");

  std::span<const LexiconEntry> entries() const noexcept;
  std::size_t size() const noexcept { return entries().size(); }
  // The entry with this id, or nullptr.
  const LexiconEntry* find(std::string_view id) const noexcept;
  // The entry owning `form` after folding (spec §3.2), or nullptr.
  const LexiconEntry* find_form(std::string_view form) const;
  // The member list valid on `date` (spec §2.3): "YYYY-MM-DD", also "YYYY" or "YYYY-MM" (the
  // latest version valid on some day of that period); a time after the day is ignored; empty or
  // unparsable: no date (the open-ended version, else the latest). Empty when the entry has no
  // members, no version is valid on the date, or the id is unknown.
  std::vector<std::string> members(std::string_view id, std::string_view date = {}) const;

  // Warnings from loading or merging.
  const std::vector<LexiconDiagnostic>& warnings() const noexcept;
  // The canonical serialisation (native TSV, entries sorted by id, fixed columns) and its SHA-256
  // in lowercase hex. Loading the serialisation gives a lexicon with the same hash.
  std::string serialize() const;
  const std::string& sha256() const noexcept;

  struct Impl;

 private:
  explicit Lexicon(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace tifa
