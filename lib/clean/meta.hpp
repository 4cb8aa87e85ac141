// Metadata (spec/cleaning.md §5, M1-M8): the fields that do not come from body lines, their
// precedence, and the images. Private to lib/clean.
#pragma once

#include <vector>

#include "clean/state.hpp"

namespace tifa::clean {

// Source description, reader warnings, the caller's date, the front matter (R1, M4, M8).
void start_meta(CleanState& state);

// After the line rules: head metadata (H5), publication-date precedence (M2), outlet fallbacks
// (M4), URL (M6), and the normalisation of metadata values.
void finish_meta(CleanState& state);

// R5/R9: a caption block right after an image is that image's caption (kept in
// images[].caption even when the captions option takes the block out of the text).
void take_image_captions(CleanState& state);

// M7 and B12: the article images with `before_block` in document blocks. `block_of_raw` maps a
// reader block index to its document block (SIZE_MAX when it left the text); `block_count` is
// the number of document blocks. The last step to look at the reader's images and the captions:
// their strings are moved out.
void collect_images(CleanState& state, const std::vector<std::size_t>& block_of_raw,
                    std::size_t block_count);

}  // namespace tifa::clean
