// Per-document counts and kinds (spec/slogans.md §7, §1.3).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "slogans/discovery.hpp"
#include "slogans/stats.hpp"
#include "slogans/byte_scan.hpp"
#include "util/utf8.hpp"

namespace {

tifa::Mention mention(std::size_t begin, std::size_t end, const char* id, const char* canonical,
                      std::size_t sentence, bool quoted = false) {
  tifa::Mention m;
  m.span = {begin, end};
  m.slogan_id = id;
  m.canonical = canonical;
  m.category = "economy";
  m.sentence = sentence;
  m.quoted = quoted;
  return m;
}

}  // namespace

TEST_CASE("n_chars leaves out every White_Space character, one to four bytes long") {
  // Counted by hand: 一 二 三 四 五 六 七 八 九 é 😀 “ ” 。 are 14 characters; between them TAB,
  // LF, VT, CR, U+0085, U+00A0, U+1680, U+2003, U+200A, U+2028, U+2029, U+202F, U+205F, U+3000
  // are White_Space; U+200B (a format character) and U+2010 are not: 14 + 2 = 16.
  const std::string text =
      "一\t二\n三\v四\r五\u0085六\u00a0七\u1680八\u2003九\u200a\u2028\u2029\u202f\u205f\u3000é😀"
      "\u200b\u2010“”。";
  CHECK(tifa::slogans::count_non_space(text) == 16);
  CHECK(tifa::slogans::count_non_space("") == 0);
  CHECK(tifa::slogans::count_non_space("   \u3000") == 0);
}

TEST_CASE("n_chars leaves out White_Space, and rates use it") {
  // 六稳 (2) + space-free text: "做好六稳 六保。\n六稳。" has 10 non-space code points.
  const std::string text = "做好六稳 六保。\n六稳。";
  tifa::slogans::TextView view;
  view.text = text;
  view.sentences = {{0, 22}, {23, text.size()}};
  CHECK(tifa::slogans::count_non_space(text) == 10);
  const std::vector<tifa::Mention> mentions = {
      mention(6, 12, "liuwen", "六稳", 0), mention(13, 19, "liubao", "六保", 0, true),
      mention(23, 29, "liuwen", "六稳", 1)};
  const tifa::SloganStats stats = tifa::slogans::make_stats(view, mentions, "abc");
  CHECK(stats.n_chars == 10);
  CHECK(stats.n_sentences == 2);
  CHECK(stats.n_mentions == 3);
  CHECK(stats.lexicon_sha256 == "abc");
  REQUIRE(stats.slogans.size() == 2);
  const tifa::SloganCount& liuwen = stats.slogans[0];
  CHECK(liuwen.canonical == "六稳");
  CHECK(liuwen.count == 2);
  CHECK(liuwen.count_quoted == 0);
  CHECK(liuwen.n_sentences_with == 2);
  CHECK(liuwen.first_char == 2);
  CHECK(liuwen.per_10k_chars == doctest::Approx(2000.0));
  CHECK(liuwen.sentence_share == doctest::Approx(1.0));
  const tifa::SloganCount& liubao = stats.slogans[1];
  CHECK(liubao.count_quoted == 1);
  CHECK(liubao.first_char == 5);
  CHECK(liubao.sentence_share == doctest::Approx(0.5));
  REQUIRE(stats.categories.size() == 1);
  CHECK(stats.categories[0].count == 3);
}

TEST_CASE("rates are 0 when the denominators are 0") {
  tifa::slogans::TextView view;
  const tifa::SloganStats stats = tifa::slogans::make_stats(view, {}, "");
  CHECK(stats.n_chars == 0);
  CHECK(stats.slogans.empty());
}

TEST_CASE("kind: numeric beats parallel beats quoted beats lexicon (§1.3)") {
  using tifa::MentionKind;
  using tifa::slogans::kind_of;
  CHECK(kind_of("两个维护", false) == MentionKind::kNumeric);
  CHECK(kind_of("一利五率", false) == MentionKind::kNumeric);
  CHECK(kind_of("千村示范、万村整治", false) == MentionKind::kNumeric);
  CHECK(kind_of("双碳", false) == MentionKind::kNumeric);
  CHECK(kind_of("十四五", false) == MentionKind::kNumeric);
  CHECK(kind_of("中国制造2025", false) == MentionKind::kNumeric);
  CHECK(kind_of("世界一流企业", false) == MentionKind::kLexicon);
  CHECK(kind_of("长三角一体化", false) == MentionKind::kLexicon);
  CHECK(kind_of("全国统一大市场", false) == MentionKind::kLexicon);
  CHECK(kind_of("能上能下", false) == MentionKind::kParallel);
  CHECK(kind_of("共商共建共享", false) == MentionKind::kParallel);
  CHECK(kind_of("不敢腐不能腐不想腐", false) == MentionKind::kParallel);
  CHECK(kind_of("保发展、保民生、保稳定", true) == MentionKind::kParallel);
  CHECK(kind_of("绵品出川", true) == MentionKind::kQuoted);
  CHECK(kind_of("高质量发展", false) == MentionKind::kLexicon);
}

namespace {

// The counts of §7 step by lead bytes, one character at a time: the reference for the counts
// that look at many bytes at once.
std::size_t non_space_one_by_one(const std::string& text) {
  static const std::u32string kWhiteSpace = U"\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                                            U"\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 0;
    const char32_t c = tifa::util::decode_at(text, pos, length);
    count += kWhiteSpace.find(c) == std::u32string::npos;
    pos += length;
  }
  return count;
}

}  // namespace

TEST_CASE("n_chars and code point counts agree with a character-by-character count") {
  // Characters next to the White_Space ones in their bytes, so every byte test is exercised,
  // put together at random in texts of every length around the 8- and 16-byte steps.
  const std::vector<std::string> pieces = {
      "一", "、", "。", "“", "”", "—", "…", "　", " ", "\t", "\n", "\r", "\v", "\f", "a", "!", "\x1f",
      "\u0085", "\u00a0", "\u00a1", "\u00b7", "\u1680", "\u1681", "\u2000", "\u200a", "\u200b", "\u2010",
      "\u2028", "\u2029", "\u202f", "\u205f", "\u205e", "\u3000", "\u3001", "é", "😀", "\u00ad",
      "\u2027", "\u202a", "\u202e", "\u2030", "\u2080", "\u1a80", "\u0080", "\u00c2", "\u3080"};
  std::uint32_t seed = 12345;
  const auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t count = next() % 40;
    for (std::size_t i = 0; i < count; ++i) text += pieces[next() % pieces.size()];
    CAPTURE(text);
    CHECK(tifa::slogans::count_non_space(text) == non_space_one_by_one(text));
    CHECK(tifa::slogans::count_non_space(text, false) == non_space_one_by_one(text));  // the SSE2 build
    const auto lead_bytes = std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; });
    CHECK(tifa::util::count_code_points(text) == static_cast<std::size_t>(lead_bytes));  // recognition's count
  }
}

TEST_CASE("make_stats counts the characters before each mention and the text's in one pass") {
  // The code points before each mention and n_chars come from one pass cut at the mentions'
  // starts; they must be those counted over the whole prefix and the whole text.
  std::string text;
  for (int i = 0; i < 30; ++i) text += i % 7 == 0 ? "\u3000一、“二”\n" : "三四 五。";
  tifa::slogans::TextView view;
  view.text = text;
  std::vector<tifa::Mention> mentions;
  std::vector<std::size_t> begins;
  for (std::size_t begin = 0; begin + 13 < text.size(); begin += 37) {
    while ((static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) ++begin;
    begins.push_back(begin);
    mentions.push_back(mention(begin, begin + 3, ("s" + std::to_string(begin)).c_str(), "x", 0));
  }
  // Mentions in the last bytes, two at one place (the AVX2 build counts there byte by byte): the
  // text ends in 三四 五。, 13 bytes.
  for (const std::size_t back : {10, 7, 6, 6, 3}) {
    const std::size_t begin = text.size() - back;
    mentions.push_back(mention(begin, begin + 1, ("s" + std::to_string(begin)).c_str(), "x", 0));
  }
  const tifa::SloganStats stats = tifa::slogans::make_stats(view, mentions, "");
  CHECK(stats.n_chars == tifa::slogans::count_non_space(text));
  CHECK(stats.slogans.size() == begins.size() + 4);
  for (const tifa::SloganCount& row : stats.slogans) {
    const std::size_t begin = std::stoul(row.slogan_id.substr(1));
    CHECK(row.first_char == tifa::util::count_code_points(std::string_view(text).substr(0, begin)));
  }
  // The build for every x86-64 CPU counts the pieces between the mentions: the same counts.
  const tifa::SloganStats sse2 = tifa::slogans::make_stats(view, mentions, "", false);
  CHECK(sse2.n_chars == stats.n_chars);
  REQUIRE(sse2.slogans.size() == stats.slogans.size());
  for (std::size_t i = 0; i < stats.slogans.size(); ++i) CHECK(sse2.slogans[i].first_char == stats.slogans[i].first_char);
  // Mentions out of order take the general path: n_chars is the same.
  std::swap(mentions.front(), mentions.back());
  CHECK(tifa::slogans::make_stats(view, mentions, "").n_chars == stats.n_chars);
}

TEST_CASE("categories are counted in the order they first occur, for few and for many categories") {
  // make_stats() looks each mention up among the few categories seen so far, and sorts once past
  // sixteen of them: both ways are held to a count by first occurrence made with a map.
  const std::string text(400, 'x');
  tifa::slogans::TextView view;
  view.text = text;
  std::uint32_t seed = 7;
  const auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
  };
  for (const std::size_t kinds : {std::size_t{1}, std::size_t{3}, std::size_t{16}, std::size_t{17}, std::size_t{40}}) {
    std::vector<tifa::Mention> mentions;
    std::map<std::string, std::pair<std::size_t, std::size_t>> expected;  // category -> first mention, count
    for (std::size_t i = 0; i < 120; ++i) {
      tifa::Mention m = mention(i * 3, i * 3 + 2, "id", "x", 0);
      m.category = (next() % 5 == 0) ? std::string() : "c" + std::to_string(next() % kinds);
      const auto [it, added] = expected.try_emplace(m.category, i, 0);
      ++it->second.second;
      mentions.push_back(m);
    }
    std::vector<std::pair<std::size_t, tifa::CategoryCount>> by_first;
    for (const auto& [category, first_count] : expected) {
      by_first.push_back({first_count.first, {category, first_count.second}});
    }
    std::sort(by_first.begin(), by_first.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const tifa::SloganStats stats = tifa::slogans::make_stats(view, mentions, "");
    CAPTURE(kinds);
    REQUIRE(stats.categories.size() == by_first.size());
    for (std::size_t i = 0; i < by_first.size(); ++i) {
      CHECK(stats.categories[i].category == by_first[i].second.category);
      CHECK(stats.categories[i].count == by_first[i].second.count);
    }
  }
}
