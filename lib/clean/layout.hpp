// Layout rules on the draft blocks: headings (R6), poster layout (R7), inferred captions (R9),
// repeated headline (B17), watermark lines (B20), duplicate table captions (B21) and page joins
// (N8). Private to lib/clean.
#pragma once

#include "clean/state.hpp"

namespace tifa::clean {

// R7, then R6 and R9 on the body blocks.
void classify_blocks(CleanState& state);

// B17, B20, B21: drops repeated text with removed records.
void drop_repeats(CleanState& state);

// N8: joins a block that a page marker cut mid-sentence to the block before it.
void join_pages(CleanState& state);

}  // namespace tifa::clean
