// The working state of the clean stage: the document being built and its draft blocks.
// Private to lib/clean.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clean/assemble.hpp"
#include "tifa/document.hpp"
#include "tifa/options.hpp"
#include "tifa/reader.hpp"

namespace tifa::clean {

// A removed piece before its raw span and text are filled in.
struct PendingRemoval {
  std::string rule;
  Span source;         // decoded range
  bool label = false;  // the label of a moved line (spec/cleaning.md §6)
};

struct CleanState {
  // The rules remove a dozen parts or so from most documents (the reader's removals stay in the
  // raw document: finish_removed reads both lists).
  static constexpr std::size_t kUsualRemovals = 16;

  // `document` is filled in place: the caller returns it without a move (and a moved-from copy
  // to destroy).
  CleanState(RawDocument& raw_document, const Input& caller_input, const Options& clean_options, Document& document)
      : raw(raw_document), input(caller_input), options(clean_options), raw_offsets(raw_document.decoded.to_raw),
        doc(document) {
    // One allocation rather than a list grown step by step.
    removals.reserve(kUsualRemovals);
  }

  RawDocument& raw;
  const Input& input;
  const Options& options;
  const RawOffsets raw_offsets;  // raw.decoded.to_raw, which the clean stage never changes
  Document& doc;
  std::optional<DraftBlock> title;
  std::vector<DraftBlock> blocks;  // the body, in raw order
  std::vector<PendingRemoval> removals;
  // Every publication date found (M2), in the order found; settle_published_date picks one.
  struct DateCandidate {
    DateField date;
    std::vector<Span> moved_sources;  // decoded: a value moved out of a body line (B15)
    bool from_front_matter = false;   // a losing front-matter date stays in extra
  };
  std::vector<DateCandidate> dates;
  // Caption text per reader image (R5, R9), "" when none.
  std::vector<std::string> image_captions;

  std::string_view decoded() const { return raw.decoded.text; }
  Span to_raw(Span decoded_span) const { return raw_offsets.map(decoded_span); }
  const RawBlock* raw_block(const DraftBlock& block) const {
    return block.raw_index < raw.blocks.size() ? &raw.blocks[block.raw_index] : nullptr;
  }
  std::string text_of(const DraftBlock& block) const { return pieces_text(decoded(), block.pieces); }
  // text_of without a copy where possible (pieces_view).
  std::string_view text_view(const DraftBlock& block, std::string& scratch) const {
    return pieces_view(decoded(), block.pieces, scratch);
  }
  void remove(std::string rule, Span source, bool label = false) {
    if (!source.empty()) removals.push_back(PendingRemoval{std::move(rule), source, label});
  }
  void warn(std::string code, std::string message, Span raw_span = {}) {
    doc.warnings.push_back(Warning{std::move(code), std::move(message), raw_span});
  }
};

}  // namespace tifa::clean
