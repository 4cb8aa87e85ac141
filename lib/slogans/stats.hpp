// Per-document slogan counts with their denominators (spec/slogans.md §7).
#pragma once

#include <string>
#include <vector>

#include "slogans/text_view.hpp"
#include "tifa/document.hpp"

namespace tifa::slogans {

// Counts of `mentions` (sorted by span, the stored ones) over `view`.
SloganStats make_stats(const TextView& view, const std::vector<Mention>& mentions, std::string lexicon_sha256);

// Code points of `text` that are not White_Space.
std::size_t count_non_space(std::string_view text);

}  // namespace tifa::slogans
