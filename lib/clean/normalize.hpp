// Normalisation of block text (spec/cleaning.md §4: N1-N9, P1-P6), every change logged as an
// edit. Private to lib/clean.
#pragma once

#include <string>
#include <string_view>

#include "clean/assemble.hpp"
#include "tifa/options.hpp"

namespace tifa::clean {

struct NormalizeContext {
  const Options* options = nullptr;  // fullwidth_punct, cjk_space_repair, title_wrap_repair
  bool pdf_layout = false;           // the document is PDF-derived markdown (N4, N5, N7)
};

// Normalises one block in the order of spec/cleaning.md §4 (joins N7; then P5, P6, P4, P3, N2,
// N1, P1, P2, N6, N3, N4, N5). Titles and headings (block.type) get only N1, N2, N9 and P1-P6.
// Rewrites block.pieces and appends one PendingEdit per change (with `at`/`length` in the final
// block text). A second call on the result makes no edit.
void normalize_block(std::string_view decoded, DraftBlock& block, const NormalizeContext& context);

// N9(b) on a title block whose wrapped lines were merged at block.title_seam (if any). Returns the
// flags to set (kTitleWrapSpaceRemoved or kTitleSpaceAmbiguous, or 0).
std::uint32_t repair_title_wraps(std::string_view decoded, DraftBlock& title, bool enabled);

// The normalisation of metadata values: N1, N2, P3, P5, P6 (value only; raw stays verbatim).
std::string normalize_meta_value(std::string_view value);

}  // namespace tifa::clean
