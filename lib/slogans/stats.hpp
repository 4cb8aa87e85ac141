// Per-document slogan counts with their denominators (spec/slogans.md §7).
#pragma once

#include <string>
#include <vector>

#include "slogans/text_view.hpp"
#include "tifa/document.hpp"

namespace tifa::slogans {

// Counts of `mentions` (sorted by span, the stored ones) over `view`. `cpu_specific_scan` lets the
// character counts run their AVX2 build where the CPU has it (the same counts).
SloganStats make_stats(const TextView& view, const std::vector<Mention>& mentions, std::string lexicon_sha256,
                       bool cpu_specific_scan = true);

// Code points of `text` that are not White_Space. `cpu_specific_scan` lets a build for newer CPUs
// count them where the CPU has it (the same count; tests hold both to each other).
std::size_t count_non_space(std::string_view text, bool cpu_specific_scan = true);

}  // namespace tifa::slogans
