// Properties that must hold on every document of ../shared/corpus (skipped when it is absent).
#include <doctest/doctest.h>
#include <libxml/HTMLparser.h>
#include <unicode/ucnv.h>

#include <memory>
#include <string>

#include "paths.hpp"
#include "tifa/pipeline.hpp"

namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Decodes the one character that starts at bytes[pos] in `encoding`, the way a reader sees it:
// an HTML entity reference is its character, CR LF is LF.
std::string char_at(const std::string& bytes, std::size_t pos, const std::string& encoding,
                    bool html) {
  if (bytes.compare(pos, 2, "\r\n") == 0 || bytes[pos] == '\r') return "\n";
  if (html && bytes[pos] == '&') {
    std::size_t semi = bytes.find(';', pos);
    std::string name = bytes.substr(pos + 1, semi - pos - 1);
    unsigned long code = 0;
    if (!name.empty() && name[0] == '#') {
      code = (name.size() > 1 && (name[1] == 'x' || name[1] == 'X'))
                 ? std::stoul(name.substr(2), nullptr, 16)
                 : std::stoul(name.substr(1));
    } else if (const htmlEntityDesc* entity = htmlEntityLookup(
                   reinterpret_cast<const xmlChar*>(name.c_str()))) {
      code = entity->value;
    }
    UChar32 c = static_cast<UChar32>(code);
    char out[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(out, n, 4, c, error);
    return std::string(out, static_cast<std::size_t>(n));
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> converter(ucnv_open(encoding.c_str(), &status));
  REQUIRE(U_SUCCESS(status));
  const char* source = bytes.data() + pos;
  const char* limit = bytes.data() + bytes.size();
  UChar32 c = ucnv_getNextUChar(converter.get(), &source, limit, &status);
  REQUIRE(U_SUCCESS(status));
  char out[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(out, n, 4, c, error);
  return std::string(out, static_cast<std::size_t>(n));
}

std::string first_char(const std::string& text, std::size_t pos) {
  std::size_t end = pos + 1;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  return text.substr(pos, end - pos);
}

}  // namespace

TEST_CASE("every corpus document: each block's first character is at raw_offset(block.start)") {
  auto files = tifa::test::corpus_files();
  if (files.empty()) {
    MESSAGE("skipped: ../shared/corpus is absent");
    return;
  }
  tifa::Pipeline pipeline;
  std::size_t blocks = 0;
  for (const auto& path : files) {
    CAPTURE(path.string());
    std::string bytes = tifa::test::read_file(path);
    tifa::Document doc = pipeline.process(bytes);
    bool html = doc.source.format != tifa::Format::kMarkdown && doc.source.format != tifa::Format::kText;
    for (const tifa::Block& block : doc.blocks) {
      CAPTURE(block.span.begin);
      std::size_t raw = doc.raw_offset(block.span.begin);
      REQUIRE(raw < bytes.size());
      std::string expected = first_char(doc.text, block.span.begin);
      // A normalisation edit at the start (a full-width digit folded by P3) came from `before`.
      for (const tifa::Edit& edit : block.edits) {
        if (edit.span.begin == block.span.begin && !edit.span.empty() && !edit.before.empty())
          expected = first_char(edit.before, 0);
      }
      CHECK(char_at(bytes, raw, doc.source.encoding, html) == expected);
      ++blocks;
    }
    CHECK(doc.raw_offset(doc.text.size()) == bytes.size());
  }
  MESSAGE("checked blocks: " << blocks);
}

TEST_CASE("every corpus document: raw_offset is non-decreasing over the text") {
  auto files = tifa::test::corpus_files();
  if (files.empty()) {
    MESSAGE("skipped: ../shared/corpus is absent");
    return;
  }
  tifa::Pipeline pipeline;
  for (const auto& path : files) {
    CAPTURE(path.string());
    tifa::Document doc = pipeline.process(tifa::test::read_file(path));
    std::size_t previous = 0;
    bool monotone = true;
    for (std::size_t pos = 0; pos <= doc.text.size(); ++pos) {
      std::size_t raw = doc.raw_offset(pos);
      if (raw < previous) monotone = false;
      previous = raw;
    }
    CHECK(monotone);
  }
}

TEST_CASE("every GB18030 text of the corpus decodes with zero replacement characters") {
  auto files = tifa::test::corpus_files();
  if (files.empty()) {
    MESSAGE("skipped: ../shared/corpus is absent");
    return;
  }
  tifa::Pipeline pipeline;
  std::size_t texts = 0;
  for (const auto& path : files) {
    if (path.parent_path().filename() != "text") continue;
    CAPTURE(path.string());
    tifa::Document doc = pipeline.process(tifa::test::read_file(path));
    CHECK(doc.source.encoding == "gb18030");
    CHECK(doc.source.replacement_chars == 0);
    CHECK(doc.source.format == tifa::Format::kText);
    CHECK(!doc.blocks.empty());
    ++texts;
  }
  CHECK(texts > 0);
}
