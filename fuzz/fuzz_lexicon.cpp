// Target 6: the lexicon loader, tifa::Lexicon::from_buffer, on arbitrary bytes in each format
// (byte 0 picks TSV, word list, quanteda YAML, jieba or auto). A bad lexicon must be reported
// with tifa::LexiconError; any other exception escapes and is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tifa/lexicon.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr tifa::LexiconFormat kFormats[] = {
      tifa::LexiconFormat::kTsv, tifa::LexiconFormat::kWordList,
      tifa::LexiconFormat::kQuantedaYaml, tifa::LexiconFormat::kJieba,
      tifa::LexiconFormat::kAuto};
  const tifa::LexiconFormat format = kFormats[data[0] % 5];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    const tifa::Lexicon lexicon = tifa::Lexicon::from_buffer(text, format, "<fuzz>");
    // Layering it over the built-in lexicon must not throw either (spec §2.8).
    const tifa::Lexicon merged = tifa::Lexicon::merged(tifa::Lexicon::builtin(), lexicon);
    (void)merged;
  } catch (const tifa::LexiconError&) {
  }
  return 0;
}
