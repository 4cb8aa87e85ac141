// The title (spec/cleaning.md M1, N9(a)). Private to lib/clean.
#pragma once

#include "clean/state.hpp"

namespace tifa::clean {

// Chooses the title source for the document's format, moves the title into state.title (taking
// its block out of state.blocks when the title comes from the body) and fills meta.title. Adds
// warning no_title when there is none.
void choose_title(CleanState& state);

// The <title> of a page without its site suffix ("…的决议__2007年第23号国务院公报_中国政府网" →
// "…的决议"): the byte length of the title part.
std::size_t title_without_site_suffix(std::string_view title);

}  // namespace tifa::clean
