// Sentence splitting (spec/sentences.md): cuts UTF-8 text into sentences and returns byte spans.
//
// The splitter is exact on Chinese official news (quotations and attributions, lists, bylines,
// ASCII punctuation, PDF soft wraps and page markers) and runs in one linear pass over the bytes.
// All character classes are compiled in: the result depends only on the bytes and the options,
// never on the locale, the thread or the installed ICU / utf8proc (C5).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tifa {

// How line breaks outside page-marker gaps are treated (spec §5 W3).
//   Auto : paragraph breaks always end a sentence; a single line break does unless it is bridged
//          (W1) or a soft wrap of a hard-wrapped paragraph (W2).
//   Hard : every line break ends a sentence (ICU-like).
//   Blank: only paragraph breaks (blank lines, FF, U+2029) end a sentence.
enum class NewlineMode : std::uint8_t { Auto, Hard, Blank };

// Options of the splitter (spec §6). The same names are used by the C ABI and the CLI.
struct SentenceOptions {
  bool split_on_semicolon = false;           // S2: `；` (and `;` after CJK) at depth 0 ends a sentence
  bool split_inside_quotes = false;          // Q2: also split inside quotes and brackets (never titles)
  std::string page_marker = "<PAGE_DIV>";    // P1: transparent page marker; "" = no marker
  NewlineMode newline_mode = NewlineMode::Auto;
  std::size_t max_sentence_bytes = 0;        // M1: 0 = no limit, otherwise >= 16
  std::vector<std::string> extra_abbreviations;  // A3: more ASCII words whose final `.` is no full stop
};

// Bits of SentenceSpan::flags.
enum SentenceFlag : std::uint32_t {
  kSentenceUnterminated = 1u << 0,   // "unterminated": no terminator at the end (heading, byline)
  kSentenceForcedCut = 1u << 1,      // "forced_cut": ended by max_sentence_bytes
  kSentenceHasPageMarker = 1u << 2,  // "has_page_marker": a page marker lies inside the span
};

// One sentence: the bytes [begin, end) of the text given to split(), plus SentenceFlag bits.
// Spans never start or end with white space or a page marker and never cut a UTF-8 sequence.
struct SentenceSpan {
  std::size_t begin, end;
  std::uint32_t flags;
};

// The splitter. Construct once, then share it: it is immutable after construction, so one
// instance may be used by any number of threads at the same time without locking. Copies are
// cheap and share the same immutable state.
class SentenceSplitter {
 public:
  // Validates the options and throws tifa::Error (ErrorCode::kInvalidArgument) when they are bad:
  // a page_marker that is not 1-64 bytes of valid UTF-8 or that contains White_Space, or a
  // max_sentence_bytes in 1..15. Nothing else ever throws.
  explicit SentenceSplitter(SentenceOptions = {});

  // Clears `out` and fills it with the sentences of `text`, in order (spec §3 C1-C6). The text is
  // only read, never copied or modified, and need not outlive the call; the spans index it as
  // given. Any bytes are accepted (invalid UTF-8, NUL, huge inputs): this never throws for text
  // (only std::bad_alloc if memory runs out). Reusing `out` across calls avoids allocation.
  // Time O(n); memory O(sentences + lines of the longest paragraph).
  void split(std::string_view text, std::vector<SentenceSpan>& out) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

// Convenience: SentenceSplitter(options).split(text, result). Throws like the constructor.
std::vector<SentenceSpan> split_sentences(std::string_view text, const SentenceOptions& = {});

}  // namespace tifa
