// Target 1: the whole pipeline on raw bytes (tifa::Pipeline::process, then tifa::to_json).
// Any bytes must give a Document (spec/interfaces.md: "however broken, a Document with warnings");
// the spans of the result must lie inside its text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_common.hpp"
#include "tifa/tifa.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tifa::Pipeline pipeline;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const tifa::Document document = pipeline.process(bytes);
  const std::string& text = document.text;
  for (const auto& sentence : document.sentences) {
    TIFA_FUZZ_CHECK(sentence.span.begin <= sentence.span.end);
    TIFA_FUZZ_CHECK(sentence.span.end <= text.size());
  }
  for (const auto& mention : document.mentions) {
    TIFA_FUZZ_CHECK(mention.span.begin <= mention.span.end);
    TIFA_FUZZ_CHECK(mention.span.end <= text.size());
  }
  const std::string json = tifa::to_json(document);
  TIFA_FUZZ_CHECK(!json.empty() && json.front() == '{' && json.back() == '}');
  return 0;
}
