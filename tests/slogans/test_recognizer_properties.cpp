// Properties of recognition on random texts (spec/slogans.md §9): every surface is the slice of
// its span, spans sit on code-point boundaries and never overlap, members lie in the text, and
// recognising twice gives the same output. The texts mix slogan characters, traditional forms,
// numerals, quote and title marks, enumeration commas, spaces, line breaks and page markers.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "tifa/slogans.hpp"

namespace {

const std::vector<std::string>& pieces() {
  static const std::vector<std::string> kPieces = {
      "两个维护", "兩個維護", "国企改革三年行动", "三年行动", "六稳", "六保", "“", "”", "‘", "’", "「", "」",
      "\"", "《", "》", "、", "，", "。", "；", "：", "（以下简称", "）", "一", "两", "三", "十", "五", "个", "大",
      "项", "字", "早", "部署", "发力", "见效", "工程", "行动", "深入实施", "推进", "产业", "第", "月", " ", "\n",
      "\n\n", "<PAGE_DIV>", "高质量", "发展", "新发展", "格局", "强国", "人才", "科技", "教育", "即", "等",
      "保", "稳定", "民生", "化", "１", "7", "+", "a", "\xE2\x80\x8B"};
  return kPieces;
}

std::string random_text(std::mt19937& rng, std::size_t length) {
  std::uniform_int_distribution<std::size_t> pick(0, pieces().size() - 1);
  std::string text;
  for (std::size_t i = 0; i < length; ++i) text += pieces()[pick(rng)];
  return text;
}

bool on_boundary(const std::string& text, std::size_t pos) {
  return pos == text.size() || (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80);
}

bool same(const std::vector<tifa::Mention>& a, const std::vector<tifa::Mention>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].span != b[i].span || a[i].canonical != b[i].canonical || a[i].members != b[i].members ||
        a[i].confidence != b[i].confidence || a[i].flags != b[i].flags) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("random texts: spans are slices on boundaries, never overlap, and recognition is deterministic") {
  const tifa::Recognizer recognizer(tifa::Lexicon::builtin(), [] {
    tifa::RecognizerOptions options;
    options.min_confidence = tifa::Confidence::kLow;
    return options;
  }());
  std::mt19937 rng(20261130);
  std::size_t mentions = 0;
  for (int round = 0; round < 400; ++round) {
    const std::string text = random_text(rng, 10 + static_cast<std::size_t>(round % 60));
    CAPTURE(text);
    const std::vector<tifa::Mention> found = recognizer.find(text);
    std::size_t last_end = 0;
    for (const tifa::Mention& m : found) {
      REQUIRE(m.span.begin < m.span.end);
      REQUIRE(m.span.end <= text.size());
      CHECK(on_boundary(text, m.span.begin));
      CHECK(on_boundary(text, m.span.end));
      CHECK(m.span.begin >= last_end);
      last_end = m.span.end;
      CHECK_FALSE(m.canonical.empty());
      for (const tifa::Span& member : m.members) {
        CHECK(member.begin < member.end);
        CHECK(member.end <= text.size());
        CHECK(on_boundary(text, member.begin));
        CHECK(on_boundary(text, member.end));
      }
    }
    CHECK(same(found, recognizer.find(text)));
    mentions += found.size();
  }
  MESSAGE("mentions checked: " << mentions);
}

TEST_CASE("invalid UTF-8 is an error of find(), never a crash") {
  const tifa::Recognizer recognizer;
  CHECK_THROWS_AS(recognizer.find("两个\xFF维护"), tifa::Error);
  CHECK_THROWS_AS(recognizer.find("\xE4\xB8"), tifa::Error);
  CHECK(recognizer.find("").empty());
}

TEST_CASE("a page marker that begins like an ignorable unit (【PAGE】, E3 80 …) is still a gap") {
  tifa::RecognizerOptions options;
  options.page_marker = "【PAGE】";
  const tifa::Recognizer recognizer(tifa::Lexicon::builtin(), options);
  const std::string text = "实现了“两降【PAGE】两升”的总目标。推动高质量发展。";
  const std::vector<tifa::Mention> found = recognizer.find(text);
  REQUIRE_FALSE(found.empty());
  CHECK(found[0].canonical == "两降两升");
  CHECK((found[0].flags & tifa::kMentionGap) != 0);
}
