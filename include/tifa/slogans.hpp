// tifa::Recognizer: policy slogans in clean text (spec/slogans.md).
//
// The recogniser finds lexicon forms (folding traditional characters and full-width ASCII, seeing
// through extraction noise inside a slogan), checks the context rules of ambiguous short forms,
// discovers numbered formulae, quoted terms, parallel sets and named campaigns that no lexicon
// has, links the enumerations that state a slogan's members, and grades every mention.
//
// Thread safety: a Recognizer is immutable after construction (the compiled lexicon is shared);
// one instance may be used by any number of threads at once. Copies are cheap.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "tifa/document.hpp"
#include "tifa/lexicon.hpp"

namespace tifa {

struct RecognizerOptions {
  Confidence min_confidence = Confidence::kMedium;  // mentions below are neither stored nor counted
  bool discovery = true;                // D1-D9; false: lexicon mentions only
  bool gap_tolerance = true;            // §3.5: spaces, line breaks, page markers inside a slogan
  bool members = true;                  // §5 member linking
  std::string page_marker = "<PAGE_DIV>";  // an ignorable unit inside slogans; "" = none
};

class Recognizer {
 public:
  // Compiles the lexicon (under a second for 20,000 forms). Throws tifa::Error
  // (kInvalidArgument) for a page_marker longer than 64 bytes.
  explicit Recognizer(Lexicon lexicon = Lexicon::builtin(), RecognizerOptions options = {});

  // Mentions in any valid UTF-8 text (spec §3.1): blocks are the text's paragraphs (separated by
  // blank lines), sentences come from the default splitter, no date is known. Throws tifa::Error
  // (kUtf8) for invalid UTF-8. The spans index `text`.
  std::vector<Mention> find(std::string_view text) const;

  // Fills doc.mentions and doc.slogan_stats from doc.text, doc.blocks, doc.sentences and the
  // published date (member versions, §2.3). Without blocks, the text's paragraphs are used; without
  // sentences, the default splitter fills doc.sentences first. Never throws except std::bad_alloc.
  void recognize(Document& doc) const;

  const Lexicon& lexicon() const noexcept;
  const RecognizerOptions& options() const noexcept;

  struct Impl;

 private:
  std::shared_ptr<const Impl> impl_;
};

// Convenience: Recognizer(Lexicon::builtin(), options).find(text).
std::vector<Mention> find_slogans(std::string_view text, const RecognizerOptions& options = {});

}  // namespace tifa
