// Bad input (spec/cleaning.md I11, D5-D7, F2, R1, B1, B11; DESIGN.md §6): truncated, hostile or
// degenerate bytes give a Document, never an exception or a crash, with the warning the spec
// names, within a reasonable time, and the invariants still hold.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <numeric>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clean/invariants.hpp"
#include "paths.hpp"
#include "tifa/clean.hpp"
#include "tifa/pipeline.hpp"
#include "tifa/reader.hpp"

namespace {

using tifa::Document;
using tifa::clean::InvariantFailure;

// Generous even for a Debug build on a slow machine; a quadratic step would blow far past it.
constexpr double kSecondsPerDocument = 5.0;
constexpr double kSecondsForHugeDocument = 120.0;

struct Outcome {
  Document doc;  // from Pipeline::process (sentences included)
  double seconds = 0.0;
  bool threw = false;
};

Outcome process(std::string_view bytes) {
  Outcome out;
  const auto start = std::chrono::steady_clock::now();
  try {
    out.doc = tifa::Pipeline().process(bytes);
  } catch (const std::exception& e) {
    out.threw = true;
    FAIL_CHECK("process threw: " << e.what());
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

// read + clean_document (what process runs before sentences) and check_invariants on the result.
void check_invariants_hold(std::string_view bytes) {
  try {
    const tifa::Options options;
    const tifa::RawDocument raw = tifa::read(bytes, tifa::Input{}, options);
    const Document doc = tifa::clean_document(raw, tifa::Input{}, options);
    for (const InvariantFailure& f : tifa::clean::check_invariants(bytes, raw, doc)) {
      CAPTURE(f.id);
      FAIL_CHECK(f.message);
    }
  } catch (const std::exception& e) {
    FAIL_CHECK("read or clean threw: " << e.what());
  }
}

bool has_warning(const Document& doc, std::string_view code) {
  return std::any_of(doc.warnings.begin(), doc.warnings.end(),
                     [&](const tifa::Warning& w) { return w.code == code; });
}

// Processes `bytes`, checks the time and the invariants, and returns the Document.
Document robust(std::string_view bytes, double limit = kSecondsPerDocument) {
  Outcome outcome = process(bytes);
  CHECK(outcome.seconds < limit);
  check_invariants_hold(bytes);
  return std::move(outcome.doc);
}

TEST_CASE("truncated seeds: every seed cut at 20 random offsets") {
  std::mt19937 random(20240611);  // fixed: the same cuts on every run
  for (const auto& path : tifa::test::seed_files()) {
    const std::string bytes = tifa::test::read_file(path);
    const std::string seed = path.filename().string();
    std::uniform_int_distribution<std::size_t> offset(0, bytes.size());
    for (int i = 0; i < 20; ++i) {
      const std::size_t cut = offset(random);
      CAPTURE(seed);
      CAPTURE(cut);
      robust(std::string_view(bytes).substr(0, cut));
    }
  }
}

TEST_CASE("an unclosed comment ends at the end of its line (B1)") {
  const std::string html =
      "<p>第一段正文，说明会议的背景。</p>\n"
      "<!-- 未闭合的注释 <p>注释里的字</p>\n"
      "<p>第二段正文，会议要求抓好落实。</p>\n";
  const Document doc = robust(html);
  CHECK(has_warning(doc, "unterminated_comment"));
  CHECK(doc.text.find("第二段正文") != std::string::npos);
  CHECK(doc.text.find("注释里的字") == std::string::npos);
}

TEST_CASE("a page marker in mid-word is dropped and the word joined (B11, N8)") {
  const Document markdown = robust(
      "# 关于深化改革的意见\n\n第一段正文。\n\n推进国有企业改革，实现高质<PAGE_DIV>量发展。\n");
  CHECK(markdown.text.find("<PAGE_DIV>") == std::string::npos);
  CHECK_MESSAGE(markdown.text.find("高质量发展") != std::string::npos, markdown.text);

  const Document html = robust("<p>推进国有企业改革，实现高质<PAGE_DIV>量发展。</p>\n");
  CHECK(html.text.find("<PAGE_DIV>") == std::string::npos);
}

TEST_CASE("a 20 MB paragraph without a newline") {
  const std::string phrase = "国有企业改革深化提升行动，";
  std::string bytes;
  bytes.reserve((std::size_t{20} << 20) + phrase.size());
  while (bytes.size() < (std::size_t{20} << 20)) bytes += phrase;
  bytes += "全面推进。";
  const Document doc = robust(bytes, kSecondsForHugeDocument);
  CHECK(doc.blocks.size() == 1);
  CHECK(doc.text.size() == bytes.size());
}

TEST_CASE("front matter that is not YAML is read line by line (R1)") {
  const Document doc = robust("---\ntitle: [未闭合的列表\nauthor: : : :\n---\n<p>正文内容。</p>\n");
  CHECK(has_warning(doc, "yaml_error"));
  CHECK(doc.text.find("正文内容。") != std::string::npos);
}

TEST_CASE("NUL bytes are dropped (D6, P5)") {
  using namespace std::string_literals;
  const std::array<std::pair<std::string_view, std::string>, 3> cases = {{
      {"html", "<p>正文\0内容。</p>\n"s},
      {"text", "正文\0内容。\n另一行\0。\n"s},
      {"hexo", "---\ntitle: 标题\n---\n<p>正\0文。</p>\n"s},
  }};
  for (const auto& [name, bytes] : cases) {
    const std::string_view format = name;  // clang 14 cannot capture a binding in CAPTURE's lambda
    CAPTURE(format);
    const Document doc = robust(bytes);
    CHECK(doc.text.find('\0') == std::string::npos);
    CHECK(has_warning(doc, "control_char"));
  }
}

TEST_CASE("a lone front-matter delimiter is unclosed (F2)") {
  for (std::string_view bytes : {"---", "---\n", "\n---\n正文。\n"}) {
    CAPTURE(bytes);
    const Document doc = robust(bytes);
    CHECK(has_warning(doc, "front_matter_unclosed"));
  }
}

TEST_CASE("an empty input gives an empty Document (D7)") {
  const Document doc = robust("");
  CHECK(has_warning(doc, "empty_input"));
  CHECK(doc.text.empty());
  CHECK(doc.blocks.empty());
}

TEST_CASE("binary bytes decode with replacement characters (D4, D5)") {
  std::vector<unsigned char> values(256);
  std::iota(values.begin(), values.end(), 0);
  std::mt19937 random(7);
  std::string bytes;
  for (int round = 0; round < 16; ++round) {  // every byte value, 16 times, in random order
    std::shuffle(values.begin(), values.end(), random);
    for (unsigned char v : values) bytes += static_cast<char>(v);
  }
  const Document doc = robust(bytes);
  CHECK(has_warning(doc, "replacement_char"));
  CHECK(doc.source.replacement_chars > 0);
}

}  // namespace
