// Target 3: the HTML reader, through tifa::read with Format::kHtml (decode, then
// lib/input/html_reader.cpp on the whole input). Block pieces and removed ranges must index the
// decoded text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_common.hpp"
#include "tifa/reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tifa::Options options;
  tifa::Input input;
  input.format = tifa::Format::kHtml;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const tifa::RawDocument doc = tifa::read(bytes, input, options);
  const std::size_t n = doc.decoded.text.size();
  for (const auto& block : doc.blocks) {
    for (const auto& piece : block.pieces) {
      TIFA_FUZZ_CHECK(piece.begin <= piece.end);
      TIFA_FUZZ_CHECK(piece.end <= n);
    }
    (void)tifa::block_text(doc, block);
  }
  for (const auto& removed : doc.removed) {
    TIFA_FUZZ_CHECK(removed.source.begin <= removed.source.end);
    TIFA_FUZZ_CHECK(removed.source.end <= n);
  }
  for (const auto& span : doc.visible) TIFA_FUZZ_CHECK(span.begin <= span.end && span.end <= n);
  return 0;
}
