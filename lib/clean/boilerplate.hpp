// Boilerplate and metadata line rules on the draft blocks (spec/cleaning.md §3: B3-B7, B13-B16,
// B18, B19), with the zones they apply in. Private to lib/clean.
#pragma once

#include "clean/state.hpp"

namespace tifa::clean {

// Runs the line rules over the body blocks: moves metadata lines into meta (label and leftovers
// into `removals`), drops widget phrases, cuts hashtag leads and end markers, and copies inline
// bylines into meta (the text stays; block.byline marks the span).
void apply_line_rules(CleanState& state);

// B1 under meta_from_comments: copies a source or editor from article_adlist comments into
// fields that are still empty (flag from_comment).
void copy_meta_from_comments(CleanState& state);

}  // namespace tifa::clean
