// The folded matching copy (spec/cleaning.md §1.2 step 4: NFC, P3, whitespace collapsed and
// trimmed) and its map back to the original: lib/clean/fold.cpp.
#include <doctest/doctest.h>
#include <unicode/normalizer2.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clean/fold.hpp"

namespace {

using tifa::Span;
using tifa::clean::fold_for_matching;
using tifa::clean::Folded;
using tifa::clean::folded_length_exceeds;
using tifa::clean::to_source_span;

std::string_view cut(std::string_view text, Span span) {
  return text.substr(span.begin, span.size());
}

// The original text behind a span of the folded copy.
std::string_view original_of(std::string_view text, const Folded& folded, Span folded_span) {
  return cut(text, to_source_span(folded, folded_span));
}

// The folded span of the first occurrence of `needle` in the folded text.
Span find_folded(const Folded& folded, std::string_view needle) {
  const std::size_t at = folded.text.find(needle);
  REQUIRE(at != std::string::npos);
  return {at, at + needle.size()};
}

}  // namespace

TEST_CASE("fold: plain text is copied and maps byte for byte") {
  const std::string_view text = "来源ABC";
  const Folded folded = fold_for_matching(text);
  CHECK(folded.text == text);
  REQUIRE(folded.to_source.size() == text.size() + 1);
  CHECK(folded.to_source == std::vector<std::uint32_t>{0, 0, 0, 3, 3, 3, 6, 7, 8, 9});
  CHECK(folded.content_end == text.size());
  CHECK(to_source_span(folded, {0, folded.text.size()}) == Span{0, text.size()});
}

TEST_CASE("fold: empty and whitespace-only text") {
  for (std::string_view text : {std::string_view(""), std::string_view("　　 \t\n")}) {
    const Folded folded = fold_for_matching(text);
    CHECK(folded.text.empty());
    REQUIRE(folded.to_source.size() == 1);
    CHECK(folded.to_source[0] == text.size());
    CHECK(to_source_span(folded, {0, 0}) == Span{text.size(), text.size()});
  }
}

TEST_CASE("fold: whitespace runs collapse to one space and the ends are trimmed") {
  // U+3000 indentation (seed 000), TAB, LF, U+00A0, U+2003 (another Zs) inside, a trailing space.
  const std::string_view text = "　　来源：\t\n\u00A0国资小新\u2003冯 ";
  const Folded folded = fold_for_matching(text);
  CHECK(folded.text == "来源： 国资小新 冯");
  CHECK(folded.to_source.front() == 6);  // after the two U+3000
  CHECK(folded.to_source.back() == text.size());
  CHECK(folded.content_end == text.size() - 1);  // before the trailing space

  // The collapsed space maps to the first whitespace character of its run.
  const Span space = find_folded(folded, " 国");
  CHECK(folded.to_source[space.begin] == std::string_view("　　来源：").size());
  // A span ending at the folded end stops before the trimmed trailing space.
  CHECK(original_of(text, folded, find_folded(folded, "冯")) == "冯");
  CHECK(original_of(text, folded, {0, folded.text.size()}) == "来源：\t\n\u00A0国资小新\u2003冯");
  // A span ending before a collapsed space stops at the end of the last character.
  CHECK(original_of(text, folded, find_folded(folded, "来源：")) == "来源：");
  CHECK(original_of(text, folded, find_folded(folded, "国资小新")) == "国资小新");
}

TEST_CASE("fold: P3 full-width letters and digits become ASCII") {
  const std::string_view text = "新华网北京３月１日电ＡＢｃ";
  const Folded folded = fold_for_matching(text);
  CHECK(folded.text == "新华网北京3月1日电ABc");
  // Each ASCII byte maps to its full-width source character.
  const Span digit = find_folded(folded, "3");
  CHECK(original_of(text, folded, digit) == "３");
  CHECK(original_of(text, folded, find_folded(folded, "3月1日")) == "３月１日");
  CHECK(original_of(text, folded, find_folded(folded, "ABc")) == "ＡＢｃ");
}

TEST_CASE("fold: P3 full-width dot only between two digits") {
  CHECK(fold_for_matching("９３００．５元").text == "9300.5元");
  CHECK(fold_for_matching("1．地级市").text == "1．地级市");        // list marker stays
  CHECK(fold_for_matching("．．．．．．").text == "．．．．．．");  // ellipsis stays
  CHECK(fold_for_matching("3 ．5").text == "3 ．5");                // not adjacent
}

TEST_CASE("fold: the invisible characters of P5 are skipped") {
  const std::string_view text = "国企\u200B改革\uFEFF";
  const Folded folded = fold_for_matching(text);
  CHECK(folded.text == "国企改革");
  CHECK(original_of(text, folded, find_folded(folded, "改革")) == "改革");
}

TEST_CASE("fold: NFC composes and maps a composed character to its whole source") {
  const std::string_view text = "Cafe\u0301 记者";  // e + COMBINING ACUTE ACCENT
  const Folded folded = fold_for_matching(text);
  CHECK(folded.text == "Caf\u00E9 记者");
  const Span e_acute = find_folded(folded, "\u00E9");
  CHECK(original_of(text, folded, e_acute) == "e\u0301");
  CHECK(original_of(text, folded, find_folded(folded, "记者")) == "记者");

  // A CJK compatibility ideograph folds to its unified ideograph (P6 by NFC).
  const std::string_view compatibility = "\uF900来";
  const Folded unified = fold_for_matching(compatibility);
  CHECK(unified.text == "\u8C48来");
  CHECK(original_of(compatibility, unified, {0, 3}) == "\uF900");
}

TEST_CASE("fold: a span ending inside a character covers the whole character") {
  const std::string_view text = "冯体炜";
  const Folded folded = fold_for_matching(text);
  CHECK(to_source_span(folded, {0, 4}) == Span{0, 6});
  CHECK(to_source_span(folded, {3, 9}) == Span{3, 9});
}

TEST_CASE("fold: a range folds part of the text and keeps offsets into the whole text") {
  const std::string_view text = "前文　　记者 王悦　徐芸茜  后文";
  const std::size_t begin = text.find("王悦");
  const std::size_t end = text.find("  后文");
  const Folded folded = fold_for_matching(text, {begin, end});
  CHECK(folded.text == "王悦 徐芸茜");
  CHECK(folded.to_source.front() == begin);
  CHECK(folded.to_source.back() == end);
  CHECK(folded.content_end == end);
  CHECK(original_of(text, folded, find_folded(folded, "徐芸茜")) == "徐芸茜");
  CHECK(original_of(text, folded, {0, folded.text.size()}) == "王悦　徐芸茜");
}

TEST_CASE("fold: invalid UTF-8 bytes pass through one by one") {
  const std::string_view text = "来\xFF源\xE6";
  const Folded folded = fold_for_matching(text);
  CHECK(folded.text.size() == text.size());
  CHECK(folded.to_source.back() == text.size());
}

TEST_CASE("fold: folded_length_exceeds counts folded code points") {
  std::string sixty;
  for (int i = 0; i < 60; ++i) sixty += "字";
  CHECK_FALSE(folded_length_exceeds(sixty, 60));
  CHECK(folded_length_exceeds(sixty, 59));
  // Leading and trailing whitespace does not count; an inner run counts as one space.
  CHECK_FALSE(folded_length_exceeds("　　" + sixty + "　 ", 60));
  CHECK_FALSE(folded_length_exceeds("字　　　字", 3));
  CHECK(folded_length_exceeds("字　　　字", 2));
  // A combining mark that NFC merges into its base does not count.
  CHECK_FALSE(folded_length_exceeds("e\u0301e\u0301", 2));
  CHECK_FALSE(folded_length_exceeds("", 0));
}

TEST_CASE("fold: runs of ideographs are copied whole, with every byte mapped to its character") {
  // U+4DFF (lead E4, below U+4E00) and U+3400 sit beside a run, a run ends the text, and a lead
  // byte of an ideograph that lacks its last byte ends it as an invalid byte.
  const std::string_view text = "\u4DFF一丁\u3400龥 中文";
  const Folded folded = fold_for_matching(text);
  CHECK(folded.text == text);
  std::vector<std::uint32_t> expected;
  for (std::uint32_t at = 0; at < 15; at += 3) expected.insert(expected.end(), {at, at, at});
  expected.push_back(15);                                    // the space
  expected.insert(expected.end(), {16, 16, 16, 19, 19, 19, 22});
  CHECK(folded.to_source == expected);
  CHECK(folded.content_end == text.size());

  const std::string truncated = std::string("中文") + "\xE6\x96";
  const Folded cut_short = fold_for_matching(truncated);
  CHECK(cut_short.text == truncated);
  CHECK(cut_short.to_source == std::vector<std::uint32_t>{0, 0, 0, 3, 3, 3, 6, 7, 8});
  CHECK(to_source_span(cut_short, {0, 6}) == Span{0, 6});

  // A run after text that NFC changes maps through the normalised copy.
  const std::string_view decomposed = "e\u0301中文";
  const Folded composed = fold_for_matching(decomposed);
  CHECK(composed.text == "\u00E9中文");
  CHECK(original_of(decomposed, composed, find_folded(composed, "文")) == "文");
  CHECK(original_of(decomposed, composed, find_folded(composed, "中文")) == "中文");
}

TEST_CASE("fold: ASCII characters other than spaces are copied, controls and DEL included") {
  const std::string text = std::string("a\x01") + "b\x7F" + "1\t\v2 中";
  const Folded folded = fold_for_matching(text);
  CHECK(folded.text == std::string("a\x01") + "b\x7F" + "1 2 中");
  CHECK(folded.to_source == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 7, 8, 9, 9, 9, 12});
  CHECK(folded.content_end == text.size());
}

TEST_CASE("fold: CJK punctuation is copied with the ideographs around it; P3 forms are not") {
  const std::string_view text = "“中文”，《书》——…、Ａ１．５！\u2028";
  const Folded folded = fold_for_matching(text);
  CHECK(folded.text == "“中文”，《书》——…、A1.5！\u2028");
  // Every byte of a copied character maps to the character's first byte.
  for (std::string_view piece : {"“", "中", "”", "，", "《", "》", "—", "…", "、", "！"}) {
    const Span span = find_folded(folded, piece);
    INFO(piece);
    CHECK(original_of(text, folded, span) == piece);
    for (std::size_t k = span.begin; k < span.end; ++k) CHECK(folded.to_source[k] == folded.to_source[span.begin]);
  }
  CHECK(original_of(text, folded, find_folded(folded, "A1.5")) == "Ａ１．５");
}

TEST_CASE("fold: the punctuation copied in runs starts an NFC segment and counts one code point") {
  // folded_length_exceeds counts these characters without asking ICU: each must start a segment.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  REQUIRE(U_SUCCESS(status));
  const auto p3_form = [](char32_t c) { return c == 0xFF0E || (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A); };
  std::string all;
  std::size_t count = 0;
  for (const auto& [first, last] : {std::pair<char32_t, char32_t>{0x200E, 0x2027}, {0x3001, 0x3029}, {0xFF00, 0xFF3F}}) {
    for (char32_t c = first; c <= last; ++c) {
      if (p3_form(c)) continue;
      INFO(static_cast<std::uint32_t>(c));
      CHECK(nfc->hasBoundaryBefore(static_cast<UChar32>(c)));
      all += static_cast<char>(0xE0 | (c >> 12));
      all += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      all += static_cast<char>(0x80 | (c & 0x3F));
      ++count;
    }
  }
  CHECK(fold_for_matching(all).text == all);
  CHECK_FALSE(folded_length_exceeds(all, count));
  CHECK(folded_length_exceeds(all, count - 1));
}

TEST_CASE("fold: decode_utf8_at reads every form, inline or not, and an invalid byte as U+FFFD") {
  using tifa::clean::decode_utf8_at;
  const auto decoded = [](std::string_view text) {
    const tifa::clean::Utf8Char c = decode_utf8_at(text, 0);
    return std::pair<std::uint32_t, std::size_t>{static_cast<std::uint32_t>(c.code_point), c.length};
  };
  CHECK(decoded("a") == std::pair<std::uint32_t, std::size_t>{0x61, 1});
  CHECK(decoded("中") == std::pair<std::uint32_t, std::size_t>{0x4E2D, 3});
  CHECK(decoded("\u00E9") == std::pair<std::uint32_t, std::size_t>{0xE9, 2});
  CHECK(decoded("\u0800") == std::pair<std::uint32_t, std::size_t>{0x800, 3});      // lead E0
  CHECK(decoded("\uD7FF") == std::pair<std::uint32_t, std::size_t>{0xD7FF, 3});     // lead ED
  CHECK(decoded("\U0001F600") == std::pair<std::uint32_t, std::size_t>{0x1F600, 4});
  CHECK(decoded("\xE0\x80\x80") == std::pair<std::uint32_t, std::size_t>{0xFFFD, 1});  // overlong
  CHECK(decoded("\xED\xA0\x80") == std::pair<std::uint32_t, std::size_t>{0xFFFD, 1});  // surrogate
  CHECK(decoded("\xE4\xB8") == std::pair<std::uint32_t, std::size_t>{0xFFFD, 1});      // truncated
  CHECK(decoded("\xE4\x41\x80") == std::pair<std::uint32_t, std::size_t>{0xFFFD, 1});  // no continuation
  CHECK(decoded("\x80") == std::pair<std::uint32_t, std::size_t>{0xFFFD, 1});
  CHECK(decoded("\xF5\x80\x80\x80") == std::pair<std::uint32_t, std::size_t>{0xFFFD, 1});
}
