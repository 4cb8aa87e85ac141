// Normalisation of block text (spec/cleaning.md §4: N1-N9, P1-P6), every change logged as an
// edit. Private to lib/clean.
//
// Edits (spec §6). Each change becomes one edit of DraftBlock::edits (add_draft_edit): `span` is the
// replacement in the block's final text (empty for a deletion), `raw_span` (decoded until
// assemble) is the range that `before` came from, and `before` is the pre-normalisation text
// there. block.edits is kept sorted by span.begin, so undoing the edits from last to first gives the pre-normalisation text (I4).
// When several rules change the same characters (N2 makes "　　" a space, then N3 deletes it;
// P1 absorbs a space N2 made) the result is still one edit: its `before` is the original text and
// its rule is the latest rule, except that an edit that contains a P3, P4 or P6 change keeps
// that rule, so letters and digits change only under P3/P4/P6 (I5).
//
// Pieces. A replaced character becomes a non-verbatim Piece whose [begin, end) is the decoded
// range of what it replaced; a deleted character leaves no piece; untouched text stays in
// verbatim pieces (split where needed). Pieces stay in source order.
//
// Every function here accepts a block that was already normalised or repaired: the edits it
// carries are kept (re-positioned when the text changes again), and block.byline and
// block.title_seam keep pointing at the same characters.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "clean/assemble.hpp"
#include "tifa/options.hpp"

namespace tifa::clean {

struct NormalizeContext {
  const Options* options = nullptr;  // fullwidth_punct, cjk_space_repair (nullptr: defaults)
  bool pdf_layout = false;           // the document is PDF-derived markdown (N4, N5, N7)
  bool html_newlines = false;        // the block's newlines are HTML source layout: N2, not N7
  bool plain_fast_path = true;       // false: plain blocks take the general path too (for tests)
};

// Normalises one block in the order of spec/cleaning.md §4: N7 (a '\n' inside the block), then
// P5, P6, P4, P3, N2, N1, P1, P2, N6, N3, N4, N5.
//  - Titles and headings (block.type) get only N1, N2 and P1-P6: their spaces stay, except the
//    one space P1/P2 absorb after a converted mark; N2 turns a newline in them into a space.
//  - N4 and N5 run when options->cjk_space_repair is kAll, or kPdf and context.pdf_layout; never
//    inside block.byline and never in a kByline block (names are separated by spaces there).
//  - P1 and P2 run when options->fullwidth_punct.
//  - A space deletion by N3-N5 can give P1, P2, P3 or N6 a new neighbour (`” ,` → `”,`); those
//    rules then look again, so a second call makes no edit (I7).
//  - Sets kLettersJoined in block.flags when N6 joined letters.
// Linear in the block's length; passes that cannot match are skipped after one byte scan.
void normalize_block(std::string_view decoded, DraftBlock& block, const NormalizeContext& context);

// normalize_block for block after block of a document: the same result, with the working buffers
// kept from one block to the next. Not thread-safe; one per thread.
class BlockNormalizer {
 public:
  BlockNormalizer();
  ~BlockNormalizer();
  BlockNormalizer(const BlockNormalizer&) = delete;
  BlockNormalizer& operator=(const BlockNormalizer&) = delete;

  void normalize(std::string_view decoded, DraftBlock& block, const NormalizeContext& context);

 private:
  struct Buffers;
  std::unique_ptr<Buffers> buffers_;
};

// N9(b) on a title block whose wrapped lines were merged (N9(a), done by the caller) at
// block.title_seam (if any). The title is split into segments at its single spaces and at the
// seam (a forced line end). A layout of width W >= 15 groups the segments into >= 3 lines, each
// line but the last of W-1 or W code points (inner spaces counted) and the last shorter than
// W-1; layouts with the same line ends are one layout. If exactly one layout exists, the spaces
// at its line ends that sit between two H are deleted (edits with rule "N9") and the result is
// kTitleWrapSpaceRemoved (0 if none of its line-end spaces sits between two H). Otherwise, and
// always when `enabled` is false (option title_wrap_repair), no space is touched and the result is
// kTitleSpaceAmbiguous if the title has a space between two H, else 0. Call it before
// normalize_block (spec order: joins, then P5...).
std::uint32_t repair_title_wraps(std::string_view decoded, DraftBlock& title, bool enabled);

// True when `edit` removed a C0/C1 control character (P5; D6 asks for a `control_char` warning
// with the edit's raw span). Zero-width characters and U+00AD do not count. The edit's rule may
// be a later one when the control sat inside a run that rule replaced (" \x01 " → N2).
bool removes_control_char(const Edit& edit);

// The normalisation of metadata values: N1, N2, P3, P5, P6 (value only; raw stays verbatim).
std::string normalize_meta_value(std::string_view value);

}  // namespace tifa::clean
