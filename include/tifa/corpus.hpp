// tifa corpus aggregation: tables over many documents (spec/interfaces.md §4, spec/slogans.md §7).
//
// Processing a corpus keeps one small DocumentSummary per document instead of the Documents
// themselves: summarize() extracts what the tables need (date, outlet, sizes, per-slogan counts,
// which slogans share a sentence, discovered mentions with their sentences). The accumulators
// below take summaries one by one and produce sorted tables:
//
//   CorpusCounts     period × outlet × slogan: mentions, documents with it, denominators, rates
//   Cooccurrence     pairs of slogans in the same document or sentence: counts, Jaccard, PMI
//   DiscoveryRanking discovered slogans (not in the lexicon), ranked, with dates and examples
//   CorpusSummary    documents, dates, outlets, formats, warnings, failures
//   KwicSample       a seeded random sample of concordance lines (kwic() makes the lines)
//
// Thread safety: summarize() and kwic() are pure functions and may run on any number of threads at
// once. The accumulators are plain values without internal locking: add() from one thread at a
// time (typically the thread that collects results in input order); their const members may be
// called from many threads when nobody adds. Results never depend on the order of add() calls
// except where stated (DiscoveryRanking examples, KwicSample), which follow the order of addition.
//
// Ownership: every type here owns copies of its strings; nothing refers back into a Document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tifa/document.hpp"

namespace tifa {

// ---------------------------------------------------------------------------------------------
// Periods

enum class Period : std::uint8_t { kDay, kWeek, kMonth, kQuarter, kYear, kAll };

// "day", "week", "month", "quarter", "year", "all".
const char* to_string(Period period) noexcept;
// Parses one of the names of to_string(); std::nullopt for anything else.
std::optional<Period> parse_period(std::string_view name);

// The label of documents without a (parsable) date. Sorts after every date label.
inline constexpr std::string_view kUndatedLabel = "undated";

// The period holding `local_date` ("YYYY-MM-DD", the Beijing calendar date of
// DateField::local_date; anything after the day is ignored):
//   day "2022-01-09", week "2022-W01" (ISO 8601 week-year and week: 2021-01-03 -> "2020-W53"),
//   month "2022-01", quarter "2022-Q1", year "2022", all "all".
// "undated" when the date is empty or not a valid calendar date (also for kAll: an undated
// document still counts in its own row, never in "all" with the dated ones).
std::string period_label(std::string_view local_date, Period period);

// ---------------------------------------------------------------------------------------------
// Per-document summary

// One canonical's counts in one document (from Document::slogan_stats).
struct SloganTally {
  std::string slogan_id;
  std::string canonical;
  std::string category;        // empty for discovered slogans
  bool in_lexicon = true;      // false: discovered ("origin": "discovered")
  std::size_t count = 0;       // mentions
  std::size_t count_quoted = 0;
  std::size_t n_sentences_with = 0;
};

// A discovered mention (origin "discovered") and the sentence it stands in.
struct DiscoveredMention {
  std::string slogan_id;   // "d:" + canonical
  std::string canonical;
  std::string surface;     // the text of the mention
  std::string sentence;    // the text of its sentence (the example shown to reviewers)
  MentionKind kind = MentionKind::kQuoted;
  std::string rule;        // "D1" ... "D9"
  Confidence confidence = Confidence::kLow;
};

// What the corpus tables need from one document. Small: no copy of the text.
struct DocumentSummary {
  std::string id;                  // Source::id, else Source::path
  std::string local_date;          // meta.published_at->local_date; empty when undated
  std::string outlet;              // meta.source_outlet, else meta.publisher; empty when unknown
  Format format = Format::kAuto;
  std::size_t n_chars = 0;         // slogan_stats.n_chars (non-white-space code points)
  std::size_t n_sentences = 0;
  std::size_t n_mentions = 0;      // mentions stored (at or above the recogniser's floor)
  std::vector<SloganTally> slogans;  // one per canonical, in slogan_stats order (first_char)
  // For each sentence holding at least one mention: the indices into `slogans` of the canonicals
  // mentioned in it, ascending and distinct. Sentences without mentions are left out (their
  // number is n_sentences minus the size of this list).
  std::vector<std::vector<std::size_t>> sentence_slogans;
  std::vector<DiscoveredMention> discovered;  // in text order
  std::size_t n_warnings = 0;
};

// Extracts the summary of a processed document (after Pipeline::process or
// Recognizer::recognize). Never throws except std::bad_alloc.
DocumentSummary summarize(const Document& doc);

// ---------------------------------------------------------------------------------------------
// Counts: period × outlet × slogan

struct CountsOptions {
  Period period = Period::kMonth;
  bool by_outlet = false;          // false: every document in outlet "all"
  bool include_discovered = true;  // false: lexicon slogans only
};

// The outlet label of documents without an outlet when counting by outlet.
inline constexpr std::string_view kUnknownOutletLabel = "unknown";
// The outlet label of every document when not counting by outlet.
inline constexpr std::string_view kAllOutletsLabel = "all";

// The denominators of one period × outlet cell, present even when no slogan occurs in it.
struct CountTotal {
  std::string period;              // period_label(), "undated" for documents without a date
  std::string outlet;              // the outlet, "unknown", or "all" when not by outlet
  std::size_t n_docs = 0;
  std::size_t n_chars = 0;
  std::size_t n_sentences = 0;
  std::size_t n_mentions = 0;      // of every slogan counted (respecting include_discovered)
};

// One slogan in one period × outlet cell.
struct CountRow {
  std::string period;
  std::string outlet;
  std::string slogan_id;
  std::string canonical;
  std::string category;
  bool in_lexicon = true;          // origin: "lexicon" or "discovered"
  std::size_t n_mentions = 0;
  std::size_t n_mentions_quoted = 0;
  std::size_t n_docs_with = 0;     // documents of the cell with at least one mention
  std::size_t n_docs = 0;          // documents of the cell (denominator)
  std::size_t n_chars = 0;         // characters of the cell (denominator)
  double per_10k_chars = 0;        // n_mentions × 10000 / n_chars; 0 when n_chars is 0
  double doc_share = 0;            // n_docs_with / n_docs; 0 when n_docs is 0
};

// Accumulates the long table. Copyable value; add() from one thread at a time.
class CorpusCounts {
 public:
  explicit CorpusCounts(CountsOptions options = {});

  void add(const DocumentSummary& summary);
  // Adds every cell of `other` (same options) to this one, e.g. to combine per-thread tables.
  // Throws tifa::Error (kInvalidArgument) when the options differ.
  void merge(const CorpusCounts& other);

  // Rows sorted by period label (dates ascending, "undated" last), outlet (byte order), then
  // slogan id (byte order). Only slogans that occur in a cell have a row there.
  std::vector<CountRow> rows() const;
  // One total per period × outlet cell that has documents, in the same order.
  std::vector<CountTotal> totals() const;

  const CountsOptions& options() const noexcept { return options_; }
  std::size_t n_documents() const noexcept { return n_documents_; }

 private:
  struct SloganCell {
    std::string canonical;
    std::string category;
    bool in_lexicon = true;
    std::size_t n_mentions = 0;
    std::size_t n_mentions_quoted = 0;
    std::size_t n_docs_with = 0;
  };
  struct Cell {
    CountTotal total;
    std::map<std::string, SloganCell> slogans;  // by slogan id
  };
  using CellKey = std::pair<std::string, std::string>;  // period (sort key), outlet

  CountsOptions options_;
  std::map<CellKey, Cell> cells_;
  std::size_t n_documents_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Co-occurrence

enum class CooccurrenceLevel : std::uint8_t { kDocument, kSentence };
const char* to_string(CooccurrenceLevel level) noexcept;  // "doc", "sentence"
// "doc" (also "document") or "sentence"; std::nullopt otherwise.
std::optional<CooccurrenceLevel> parse_cooccurrence_level(std::string_view name);

// Two slogans (a < b by slogan id) and how often they occur together in a unit (a document or a
// sentence). N is the number of units seen (every document, or every sentence of every document).
struct CooccurrencePair {
  std::string a_id, a_canonical;
  std::string b_id, b_canonical;
  std::size_t n_both = 0;   // units holding both
  std::size_t n_a = 0;      // units holding a
  std::size_t n_b = 0;      // units holding b
  std::size_t n_units = 0;  // N
  double jaccard = 0;       // n_both / (n_a + n_b - n_both)
  double pmi = 0;           // log2(n_both × N / (n_a × n_b)); 0 when n_both is 0
};

// Accumulates co-occurrence at one level. Copyable value; add() from one thread at a time.
class Cooccurrence {
 public:
  explicit Cooccurrence(CooccurrenceLevel level = CooccurrenceLevel::kDocument,
                        bool include_discovered = true);

  void add(const DocumentSummary& summary);

  // Pairs with n_both >= min_both, sorted by n_both descending, then a_id, b_id.
  std::vector<CooccurrencePair> pairs(std::size_t min_both = 1) const;

  CooccurrenceLevel level() const noexcept { return level_; }
  std::size_t n_units() const noexcept { return n_units_; }
  // Units holding the slogan, or 0.
  std::size_t n_units_with(std::string_view slogan_id) const;

 private:
  void add_unit(const std::vector<const SloganTally*>& slogans);

  CooccurrenceLevel level_;
  bool include_discovered_;
  std::size_t n_units_ = 0;
  std::map<std::string, std::pair<std::string, std::size_t>, std::less<>> singles_;  // id -> canonical, units
  std::map<std::pair<std::string, std::string>, std::size_t> both_;
};

// ---------------------------------------------------------------------------------------------
// Discovery

// A discovered slogan: a candidate for the lexicon.
struct DiscoveryCandidate {
  std::string slogan_id;   // "d:" + canonical
  std::string canonical;
  std::vector<std::string> surfaces;  // distinct surfaces other than the canonical, first seen first
  MentionKind kind = MentionKind::kQuoted;  // of the first mention
  std::string rule;                         // of the first mention
  Confidence confidence = Confidence::kLow; // the highest of its mentions
  std::size_t n_docs = 0;
  std::size_t n_mentions = 0;
  std::size_t n_months = 0;        // distinct months ("YYYY-MM") of the dated documents with it
  std::string first_date;          // earliest local date, empty when every document is undated
  std::string last_date;           // latest local date
  std::vector<std::string> examples;  // up to 3 distinct sentences, the first ones added
};

// Accumulates discovered mentions across documents. Copyable value; add() from one thread at a
// time, in input order for reproducible examples.
class DiscoveryRanking {
 public:
  static constexpr std::size_t kMaxExamples = 3;

  void add(const DocumentSummary& summary);

  // Candidates with n_docs >= min_docs, ranked by n_docs, then n_months, then n_mentions (all
  // descending), then canonical (byte order).
  std::vector<DiscoveryCandidate> ranked(std::size_t min_docs = 1) const;
  std::size_t size() const noexcept { return candidates_.size(); }

 private:
  struct Entry {
    DiscoveryCandidate candidate;
    std::vector<std::string> months;  // sorted, distinct
  };
  std::map<std::string, Entry, std::less<>> candidates_;  // by canonical
};

// ---------------------------------------------------------------------------------------------
// Concordance (KWIC)

struct KwicLine {
  std::string doc_id;
  std::string local_date;  // the document's Beijing date, empty when undated
  std::string outlet;      // source outlet, else publisher, else empty (as DocumentSummary)
  std::string slogan_id;
  std::string canonical;
  std::string left;        // up to `window` code points before the match
  std::string match;       // the mention's surface, text[span]
  std::string right;       // up to `window` code points after the match
  Span span;               // bytes of Document::text
  std::size_t char_start = 0;  // code points of Document::text
  std::size_t char_end = 0;
  std::size_t sentence = 0;    // index into Document::sentences
  MentionKind kind = MentionKind::kLexicon;
  bool in_lexicon = true;
  Confidence confidence = Confidence::kHigh;
};

// The concordance lines of one slogan in a document, in text order. `slogan` matches a mention
// whose canonical, slogan id or surface equals it exactly. The context is `window` code points
// on each side; with clip_to_sentence it stops at the borders of the mention's sentence. Line
// breaks in the context are kept as they are (writers escape them). Never throws except
// std::bad_alloc.
std::vector<KwicLine> kwic(const Document& doc, std::string_view slogan, std::size_t window,
                           bool clip_to_sentence = true);

// A uniform random sample of at most `size` lines out of a stream (reservoir sampling with
// std::mt19937_64 seeded with `seed`, drawn without std distributions: the same seed and the same
// stream give the same sample on every platform). Copyable value; add() from one thread at a time.
class KwicSample {
 public:
  KwicSample(std::size_t size, std::uint64_t seed);

  void add(KwicLine line);
  // The sampled lines in the order they were added.
  std::vector<KwicLine> lines() const;
  std::size_t seen() const noexcept { return seen_; }

 private:
  std::size_t size_;
  std::mt19937_64 engine_;
  std::size_t seen_ = 0;
  std::vector<std::pair<std::size_t, KwicLine>> kept_;  // (position in the stream, line)
};

// ---------------------------------------------------------------------------------------------
// Corpus summary

struct DocumentFailure {
  std::string id;
  std::string message;
};

// Facts about a whole run, for report headers and manifests. Copyable value; add() and
// add_failure() from one thread at a time.
class CorpusSummary {
 public:
  void add(const DocumentSummary& summary);
  // A document that could not be processed (unreadable, bad encoding, ...).
  void add_failure(std::string id, std::string message);

  std::size_t n_documents() const noexcept { return n_documents_; }  // processed, not failed
  std::size_t n_failed() const noexcept { return failures_.size(); }
  std::size_t n_dated() const noexcept { return n_dated_; }
  std::size_t n_undated() const noexcept { return n_documents_ - n_dated_; }
  std::size_t n_chars() const noexcept { return n_chars_; }
  std::size_t n_sentences() const noexcept { return n_sentences_; }
  std::size_t n_mentions() const noexcept { return n_mentions_; }
  std::size_t n_discovered() const noexcept { return n_discovered_; }  // discovered mentions
  std::size_t n_warnings() const noexcept { return n_warnings_; }
  std::size_t n_documents_with_warnings() const noexcept { return n_documents_with_warnings_; }
  const std::string& first_date() const noexcept { return first_date_; }  // "" when none dated
  const std::string& last_date() const noexcept { return last_date_; }
  // Outlets ("unknown" for documents without one) with their document counts, most documents
  // first, then by name.
  std::vector<std::pair<std::string, std::size_t>> outlets() const;
  // Formats ("hexo", "html", ...) with their document counts, most first, then by name.
  std::vector<std::pair<std::string, std::size_t>> formats() const;
  // Failures in the order added.
  const std::vector<DocumentFailure>& failures() const noexcept { return failures_; }

 private:
  std::size_t n_documents_ = 0;
  std::size_t n_dated_ = 0;
  std::size_t n_chars_ = 0;
  std::size_t n_sentences_ = 0;
  std::size_t n_mentions_ = 0;
  std::size_t n_discovered_ = 0;
  std::size_t n_warnings_ = 0;
  std::size_t n_documents_with_warnings_ = 0;
  std::string first_date_;
  std::string last_date_;
  std::map<std::string, std::size_t> outlets_;
  std::map<std::string, std::size_t> formats_;
  std::vector<DocumentFailure> failures_;
};

}  // namespace tifa
