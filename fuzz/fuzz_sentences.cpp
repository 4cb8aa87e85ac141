// Target 4: the sentence splitter on arbitrary bytes (invalid UTF-8 and NUL included: split()
// accepts any bytes). The first byte picks the options. Sentences must be in order, inside the
// text and non-overlapping.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "tifa/sentences.hpp"

namespace {

const tifa::SentenceSplitter& splitter(unsigned choice) {
  static const tifa::SentenceSplitter splitters[] = {
      [] {
        tifa::SentenceOptions o;
        return tifa::SentenceSplitter(o);
      }(),
      [] {
        tifa::SentenceOptions o;
        o.split_on_semicolon = true;
        return tifa::SentenceSplitter(o);
      }(),
      [] {
        tifa::SentenceOptions o;
        o.split_inside_quotes = true;
        o.newline_mode = tifa::NewlineMode::Hard;
        return tifa::SentenceSplitter(o);
      }(),
      [] {
        tifa::SentenceOptions o;
        o.split_on_semicolon = true;
        o.newline_mode = tifa::NewlineMode::Blank;
        o.max_sentence_bytes = 16;
        o.extra_abbreviations = {"Co", "No"};
        return tifa::SentenceSplitter(o);
      }(),
      [] {
        tifa::SentenceOptions o;
        o.page_marker = "";
        o.max_sentence_bytes = 64;
        return tifa::SentenceSplitter(o);
      }(),
  };
  return splitters[choice % 5];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<tifa::SentenceSpan> out;
  splitter(data[0]).split(text, out);
  std::size_t previous_end = 0;
  for (const auto& sentence : out) {
    TIFA_FUZZ_CHECK(sentence.begin < sentence.end);
    TIFA_FUZZ_CHECK(sentence.end <= text.size());
    TIFA_FUZZ_CHECK(sentence.begin >= previous_end);
    previous_end = sentence.end;
  }
  return 0;
}
