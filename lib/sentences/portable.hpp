// Internal test hooks of the splitter (spec/sentences.md §8): the portable path on its own, and
// the SSE2 path without AVX2.
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

// Same, with the SSE2 fast paths but never the AVX2 skip scan (quiet_windows_avx2), whatever the
// CPU has. The spans must be identical; tests compare it with split on an AVX2 machine.
void split_sse2(const SentenceOptions& options, std::string_view text,
                std::vector<SentenceSpan>& out);

}  // namespace tifa::sentences
