// Building the clean text and its offset map from block pieces (spec/cleaning.md §6).
// Private to lib/clean.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tifa/document.hpp"
#include "tifa/offset_map.hpp"
#include "tifa/reader.hpp"

namespace tifa::clean {

// A block on its way into `text`.
struct DraftBlock {
  BlockType type = BlockType::kParagraph;
  std::vector<Piece> pieces;
  std::uint32_t flags = 0;
  int page = 0;
  std::size_t raw_index = SIZE_MAX;  // the RawBlock it came from (SIZE_MAX: the title)
  // B13 inline byline/dateline, byte offsets into the block's current text; N4 and N5 never edit
  // inside it. The normaliser keeps it pointing at the same characters.
  std::optional<Span> byline;
  // N9: byte offset in the title's current text where a wrapped title line was merged.
  std::optional<std::size_t> title_seam;
  // Edits recorded against the pieces, already in the Document's type so that assemble moves the
  // vector instead of rebuilding it. Until then both spans are relative: `span` is the bytes of
  // the replacement inside the block's final text (empty: a deletion) and `raw_span` the decoded
  // range of what was there before; assemble shifts the first by the block's start in `text` and
  // maps the second to the raw input.
  std::vector<Edit> edits;
};

// Appends an edit to a draft block's edits, built in place (its strings are set by the caller):
// `length` bytes at byte `at` of the block's final text replaced what decoded[source] gave.
inline Edit& add_draft_edit(std::vector<Edit>& edits, std::size_t at, std::size_t length, Span source) {
  Edit& edit = edits.emplace_back();
  edit.span = Span{at, at + length};
  edit.raw_span = source;
  return edit;
}

// OffsetMap::map over the decoded -> raw map, the common case answered without a search: valid
// UTF-8 input decodes to itself shifted by a BOM at most (one copy run). The clean stage maps
// every piece, edit and removed range it reports. The map must outlive this and stay unchanged.
class RawOffsets {
 public:
  explicit RawOffsets(const OffsetMap& to_raw) : to_raw_(&to_raw) {
    const std::vector<OffsetMap::Run>& runs = to_raw.runs();
    shift_only_ = runs.size() == 1 && runs[0].kind == OffsetMap::RunKind::kCopy && runs[0].target == 0 &&
                  to_raw.source_end() == runs[0].source + to_raw.target_size();
    shift_ = shift_only_ ? runs[0].source : 0;
  }
  // The same as to_raw.map(pos): a shifted position, or the source end from the target end on.
  std::size_t map(std::size_t pos) const {
    return shift_only_ ? shift_ + std::min(pos, to_raw_->target_size()) : to_raw_->map(pos);
  }
  Span map(Span span) const { return Span{map(span.begin), map(span.end)}; }
  // True when every position maps to itself plus shift() (up to the end of the decoded text).
  bool shift_only() const { return shift_only_; }
  std::size_t shift() const { return shift_; }

 private:
  const OffsetMap* to_raw_;
  bool shift_only_ = false;
  std::size_t shift_ = 0;
};

// The text of the pieces.
std::string pieces_text(std::string_view decoded, const std::vector<Piece>& pieces);
// The same text without a copy when the pieces are verbatim and follow each other in `decoded`
// (most blocks); otherwise built in `scratch`. Valid while both live and `scratch` is unchanged.
std::string_view pieces_view(std::string_view decoded, const std::vector<Piece>& pieces, std::string& scratch);

// Joins the blocks (the title, when not null, then the body) with '\n' into document.text and
// fills blocks, spans and the offset map (text -> decoded, then composed with `to_raw`). The
// drafts' edits are moved into the blocks.
void assemble(std::string_view decoded, const OffsetMap& to_raw, DraftBlock* title, std::vector<DraftBlock>& body,
              Document& document);

}  // namespace tifa::clean
