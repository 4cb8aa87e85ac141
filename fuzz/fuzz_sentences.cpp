// Target 4: the sentence splitter on arbitrary bytes (invalid UTF-8 and NUL included: split()
// accepts any bytes). The first byte picks the options. Sentences must be in order, inside the
// text and non-overlapping, and the portable path must give the same spans as the SIMD one.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "sentences/portable.hpp"
#include "tifa/sentences.hpp"

namespace {

// The option sets; the first input byte picks one.
const std::vector<tifa::SentenceOptions>& option_sets() {
  static const std::vector<tifa::SentenceOptions> sets = [] {
    std::vector<tifa::SentenceOptions> out(5);
    out[1].split_on_semicolon = true;
    out[2].split_inside_quotes = true;
    out[2].newline_mode = tifa::NewlineMode::Hard;
    out[3].split_on_semicolon = true;
    out[3].newline_mode = tifa::NewlineMode::Blank;
    out[3].max_sentence_bytes = 16;
    out[3].extra_abbreviations = {"Co", "No"};
    out[4].page_marker = "";
    out[4].max_sentence_bytes = 64;
    return out;
  }();
  return sets;
}

const tifa::SentenceSplitter& splitter(std::size_t set) {
  static const std::vector<tifa::SentenceSplitter> splitters = [] {
    std::vector<tifa::SentenceSplitter> out;
    for (const auto& options : option_sets()) out.emplace_back(options);
    return out;
  }();
  return splitters[set];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t set = data[0] % option_sets().size();
  std::vector<tifa::SentenceSpan> out;
  splitter(set).split(text, out);
  // spec/sentences.md §9: the portable path gives the same spans as the SIMD one.
  std::vector<tifa::SentenceSpan> portable;
  tifa::sentences::split_portable(option_sets()[set], text, portable);
  TIFA_FUZZ_CHECK(portable.size() == out.size());
  for (std::size_t i = 0; i < out.size() && i < portable.size(); ++i) {
    TIFA_FUZZ_CHECK(portable[i].begin == out[i].begin && portable[i].end == out[i].end &&
                    portable[i].flags == out[i].flags);
  }
  std::size_t previous_end = 0;
  for (const auto& sentence : out) {
    TIFA_FUZZ_CHECK(sentence.begin < sentence.end);
    TIFA_FUZZ_CHECK(sentence.end <= text.size());
    TIFA_FUZZ_CHECK(sentence.begin >= previous_end);
    previous_end = sentence.end;
  }
  return 0;
}
