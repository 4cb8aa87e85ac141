// Internal test hook of the splitter (spec/sentences.md §8): the portable path on its own.
#pragma once

#include <string_view>
#include <vector>

#include "tifa/sentences.hpp"

namespace tifa::sentences {

// Same as SentenceSplitter(options).split(text, out), but never takes the SIMD (SSE2) fast
// paths, whatever the build has. The spans must be identical; tests compare the two. Throws
// like the SentenceSplitter constructor.
void split_portable(const SentenceOptions& options, std::string_view text,
                    std::vector<SentenceSpan>& out);

}  // namespace tifa::sentences
