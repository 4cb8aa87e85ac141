// Fast paths of recognition held against the plain computation they replace: word-list searches
// through byte filters (WordList::covers against the occurrences it stands for), the search for a
// three-byte character many bytes at a time, the quote scan that skips bytes (its result must not
// depend on where a mark falls in a 16-byte step), and discovery's decoding of three-byte runs
// (it must stop at the three-byte ignorable units).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "slogans/byte_scan.hpp"
#include "slogans/fold.hpp"
#include "slogans/text_view.hpp"
#include "slogans/word_lists.hpp"
#include "tifa/lexicon.hpp"
#include "tifa/slogans.hpp"
#include "util/utf8.hpp"

namespace {

// A small deterministic generator, so that failures repeat.
class Random {
 public:
  std::uint32_t next() {
    state_ = state_ * 1103515245u + 12345u;
    return state_ >> 8;
  }
  std::size_t below(std::size_t n) { return next() % n; }

 private:
  std::uint32_t state_ = 2024;
};

std::string random_text(Random& random, const std::vector<std::string>& pieces, std::size_t max_pieces) {
  std::string text;
  const std::size_t count = random.below(max_pieces + 1);
  for (std::size_t i = 0; i < count; ++i) text += pieces[random.below(pieces.size())];
  return text;
}

bool occurs_by_search(const tifa::slogans::WordList& list, std::string_view text) {
  for (std::string_view word : list.words()) {
    if (text.find(word) != std::string_view::npos) return true;
  }
  return false;
}

std::vector<tifa::Span> occurrences_by_search(const tifa::slogans::WordList& list, std::string_view text) {
  std::vector<tifa::Span> out;
  for (std::size_t begin = 0; begin < text.size(); ++begin) {
    if ((static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) continue;
    for (std::size_t end = begin + 1; end <= text.size(); ++end) {
      const std::string_view candidate = text.substr(begin, end - begin);
      for (std::string_view word : list.words()) {
        if (word == candidate) {
          out.push_back({begin, end});
          break;
        }
      }
    }
  }
  return out;
}

std::size_t longest_suffix_by_search(const tifa::slogans::WordList& list, std::string_view text) {
  std::size_t longest = 0;
  for (std::string_view word : list.words()) {
    if (text.ends_with(word)) longest = std::max(longest, word.size());
  }
  return longest;
}

std::size_t longest_prefix_by_search(const tifa::slogans::WordList& list, std::string_view text) {
  std::size_t longest = 0;
  for (std::string_view word : list.words()) {
    if (text.starts_with(word)) longest = std::max(longest, word.size());
  }
  return longest;
}

bool contains_by_search(const tifa::slogans::WordList& list, std::string_view text) {
  for (std::string_view word : list.words()) {
    if (word == text) return true;
  }
  return false;
}

}  // namespace

// fold_string() one code point at a time, as util::decode_at() steps: a character folding leaves
// alone is copied as its bytes stand (invalid sequences too).
std::string fold_string_by_code_points(std::string_view text) {
  std::string out;
  for (std::size_t pos = 0, length = 0; pos < text.size(); pos += length) {
    const char32_t cp = tifa::util::decode_at(text, pos, length);
    const char32_t folded = tifa::slogans::fold(cp);
    if (folded == cp) {
      out.append(text.substr(pos, length));
    } else {
      tifa::util::append_utf8(out, folded);
    }
  }
  return out;
}

TEST_CASE("word-list searches through the byte filters find what a plain search finds") {
  const tifa::slogans::WordLists& lists = tifa::slogans::WordLists::get();
  for (const tifa::slogans::WordList* list :
       {&lists.place_stoplist, &lists.numeral_words, &lists.idioms, &lists.event_stoplist, &lists.place_suffixes,
        &lists.governing_verbs, &lists.campaign_heads, &lists.head_nouns, &lists.measure_words, &lists.firm_suffixes}) {
    // Pieces: the list's own words, halves of them and ordinary characters, so texts hold words,
    // near misses and words across piece boundaries.
    std::vector<std::string> pieces = {"一", "三", "县", "的", "、", "a", " "};
    for (std::string_view word : list->words()) {
      pieces.emplace_back(word);
      if (word.size() >= 6) pieces.emplace_back(word.substr(0, 3));
    }
    Random random;
    for (int round = 0; round < 400; ++round) {
      const std::string text = random_text(random, pieces, 5);
      CAPTURE(text);
      CHECK(list->occurs_in(text) == occurs_by_search(*list, text));
      const std::vector<tifa::Span> fast = list->occurrences(text);
      const std::vector<tifa::Span> plain = occurrences_by_search(*list, text);
      REQUIRE(fast.size() == plain.size());
      for (std::size_t i = 0; i < fast.size(); ++i) CHECK((fast[i] == plain[i]));
      CHECK(list->contains(text) == contains_by_search(*list, text));
      CHECK(list->longest_suffix(text) == longest_suffix_by_search(*list, text));
      CHECK(list->longest_prefix(text) == longest_prefix_by_search(*list, text));
      for (std::size_t pos = 0; pos < text.size(); ++pos) {
        const bool held = std::any_of(plain.begin(), plain.end(), [&](tifa::Span s) { return s.begin <= pos && pos < s.end; });
        CHECK(list->covers(text, pos) == held);
      }
    }
    for (std::string_view word : list->words()) CHECK(list->contains(word));
  }
}

TEST_CASE("a three-byte character is found where std::string_view::find finds it") {
  const std::vector<std::string> pieces = {"称", "简", "下", "穷", "秤", "a", "“", "）", "简称", "下称"};
  Random random;
  for (int round = 0; round < 2000; ++round) {
    const std::string text = random_text(random, pieces, 30);
    CAPTURE(text);
    std::vector<std::size_t> fast;
    tifa::slogans::find_three_byte_character(text, "称", fast);
    std::vector<std::size_t> sse2;  // the build for every x86-64 CPU
    tifa::slogans::find_three_byte_character(text, "称", sse2, false);
    std::vector<std::size_t> plain;
    for (std::size_t at = text.find("称"); at != std::string::npos; at = text.find("称", at + 1)) plain.push_back(at);
    CHECK(fast == plain);
    CHECK(sse2 == plain);
  }
}

TEST_CASE("a sentence end is seen where a byte-by-byte search sees one") {
  // The marks, characters sharing their first bytes (、 」 ， （ share E3 80 / EF BC), and text
  // around them, in texts of every length around the 16-byte steps; cut texts end inside a mark.
  const std::vector<std::string> pieces = {"。", "！", "？", "；", "!", "?", "、", "」", "，", "（", "：",
                                           "一", "a", "\xE3", "\xEF\xBC", "\xE3\x80"};
  const auto by_bytes = [](std::string_view text) {
    for (std::string_view mark : {"。", "！", "？", "；", "!", "?"}) {
      if (text.find(mark) != std::string_view::npos) return true;
    }
    return false;
  };
  Random random;
  for (int round = 0; round < 4000; ++round) {
    std::string text = random_text(random, {"一", "a", "、", "」", "，", "（", "："}, 20);
    for (std::size_t marks = random.below(3); marks > 0; --marks) {
      text.insert(random.below(text.size() + 1), pieces[random.below(pieces.size())]);
    }
    CAPTURE(text);
    CHECK(tifa::slogans::holds_sentence_end(text) == by_bytes(text));
  }
}

TEST_CASE("quote pairs do not depend on where the marks fall in the scan's 16- or 32-byte steps") {
  // Marks, characters that share their lead bytes (、。—‚ start with E2 or E3 as marks do) and
  // plain characters; shifting a text by a prefix and a suffix without marks moves its marks
  // between the vector steps and the byte loop of the tail, and must only shift the pairs.
  const std::vector<std::string> pieces = {"“", "”", "‘", "’", "「", "」", "『", "』", "《", "》", "〈",
                                           "〉", "\"", "'", "、", "。", "—", "‚", "一", "a", "【", "】"};
  Random random;
  for (int round = 0; round < 1500; ++round) {
    const std::string body = random_text(random, pieces, 14);
    tifa::slogans::TextView plain;
    plain.text = body;
    plain.blocks = {{0, body.size()}};
    tifa::slogans::find_quotes_and_titles(plain);
    for (std::size_t prefix = 0; prefix <= 6; prefix += 1) {
      const std::size_t suffix = random.below(8);
      std::string text;
      for (std::size_t i = 0; i < prefix; ++i) text += "国";
      text += body;
      for (std::size_t i = 0; i < suffix; ++i) text += "国";
      const std::size_t shift = prefix * std::string_view("国").size();
      tifa::slogans::TextView view;
      view.text = text;
      view.blocks = {{0, text.size()}};
      tifa::slogans::find_quotes_and_titles(view);
      CAPTURE(body);
      CAPTURE(prefix);
      CAPTURE(suffix);
      tifa::slogans::TextView sse2 = view;  // the scan's build for every x86-64 CPU
      tifa::slogans::find_quotes_and_titles(sse2, false);
      REQUIRE(sse2.quotes.size() == view.quotes.size());
      REQUIRE(sse2.titles.size() == view.titles.size());
      REQUIRE(view.quotes.size() == plain.quotes.size());
      for (std::size_t i = 0; i < view.quotes.size(); ++i) {
        CHECK(view.quotes[i].outer.begin == plain.quotes[i].outer.begin + shift);
        CHECK(view.quotes[i].outer.end == plain.quotes[i].outer.end + shift);
        CHECK(view.quotes[i].depth == plain.quotes[i].depth);
      }
      REQUIRE(view.titles.size() == plain.titles.size());
      for (std::size_t i = 0; i < view.titles.size(); ++i) CHECK(view.titles[i].begin == plain.titles[i].begin + shift);
    }
  }
}

TEST_CASE("the quote scan of a block reads on into the next one and finds only its own marks") {
  // Each block's vector steps read on past its end while the text goes on: the pairs of a text of
  // two blocks must be those of each block as a text of its own.
  const std::vector<std::string> pieces = {"“", "”", "‘", "’", "「", "」", "《", "》", "\"", "'", "、", "—", "国", "a"};
  Random random;
  const auto quotes_alone = [](const std::string& text) {
    tifa::slogans::TextView view;
    view.text = text;
    view.blocks = {{0, text.size()}};
    tifa::slogans::find_quotes_and_titles(view);
    return view;
  };
  for (int round = 0; round < 1500; ++round) {
    const std::string first = random_text(random, pieces, 12);
    const std::string second = random_text(random, pieces, 12) + random_text(random, {"国", "a"}, 10);
    const std::string text = first + "\n\n" + second;
    tifa::slogans::TextView view;
    view.text = text;
    view.blocks = {{0, first.size()}, {first.size() + 2, text.size()}};
    tifa::slogans::find_quotes_and_titles(view);
    tifa::slogans::TextView sse2 = view;  // the scan's build for every x86-64 CPU finds the same
    tifa::slogans::find_quotes_and_titles(sse2, false);
    REQUIRE(sse2.quotes.size() == view.quotes.size());
    for (std::size_t i = 0; i < view.quotes.size(); ++i) CHECK(sse2.quotes[i].outer == view.quotes[i].outer);
    const tifa::slogans::TextView one = quotes_alone(first);
    const tifa::slogans::TextView two = quotes_alone(second);
    CAPTURE(text);
    REQUIRE(view.quotes.size() == one.quotes.size() + two.quotes.size());
    REQUIRE(view.titles.size() == one.titles.size() + two.titles.size());
    for (std::size_t i = 0; i < one.quotes.size(); ++i) CHECK(view.quotes[i].outer == one.quotes[i].outer);
    for (std::size_t i = 0; i < two.quotes.size(); ++i) {
      const tifa::Span shifted{two.quotes[i].outer.begin + first.size() + 2, two.quotes[i].outer.end + first.size() + 2};
      CHECK(view.quotes[one.quotes.size() + i].outer == shifted);
    }
  }
}

TEST_CASE("discovery sees through every ignorable unit inside a candidate, three-byte ones included") {
  // Discovery decodes runs of three-byte characters (ideographs, Chinese punctuation) at once; the
  // three-byte ignorable units (U+3000, U+200B-U+200D, U+2060, U+FEFF) end such a run and are
  // skipped like the one- and two-byte ones, wherever they fall between the characters.
  tifa::RecognizerOptions options;
  options.min_confidence = tifa::Confidence::kLow;
  const tifa::Recognizer recognizer(tifa::Lexicon::builtin(), options);
  const std::u32string term = U"四个更加";
  for (std::string_view unit : {" ", "\t", "\u00a0", "\u00ad", "\u3000", "\u200b", "\u200c", "\u200d", "\u2060",
                                "\ufeff"}) {
    for (std::size_t cut = 1; cut < term.size(); ++cut) {
      std::string surface;
      for (std::size_t i = 0; i < term.size(); ++i) {
        if (i == cut) surface += unit;
        tifa::util::append_utf8(surface, term[i]);
      }
      const std::string text = "要求做到“" + surface + "”，全面落实。";
      CAPTURE(text);
      const std::vector<tifa::Mention> mentions = recognizer.find(text);
      const auto found = std::find_if(mentions.begin(), mentions.end(),
                                      [](const tifa::Mention& m) { return m.canonical == "四个更加"; });
      REQUIRE(found != mentions.end());
      CHECK(text.substr(found->span.begin, found->span.size()) == surface);
      CHECK((found->flags & tifa::kMentionGap) != 0);
    }
  }
}

TEST_CASE("discovery's decoding of runs with ASCII in them agrees with its general path") {
  // Runs of three-byte characters take the ASCII characters among them too, and stop at the bytes
  // an ignorable unit or the page marker may begin with. A page marker that begins like a
  // three-byte character sends every character through the general path instead: on texts without
  // either marker, the two recognisers below must find the same mentions.
  tifa::RecognizerOptions general_options;
  general_options.min_confidence = tifa::Confidence::kLow;
  general_options.page_marker = "【分页】";
  tifa::RecognizerOptions fast_options = general_options;
  fast_options.page_marker = "<PAGE_DIV>";
  const tifa::Recognizer general(tifa::Lexicon::builtin(), general_options);
  const tifa::Recognizer fast(tifa::Lexicon::builtin(), fast_options);
  const std::vector<std::string> pieces = {
      "一", "二", "三", "四", "五", "十", "百", "两", "双", "个", "项", "更加", "坚持", "发展", "、", "，", "。",
      "“", "”", "《", "》", "动", "运动", "行动", "工程", "战略", "第", "年", "A", "b", "5", "G", "-", "%",
      " ", "\t", "\r\n", "\u3000", "\u200b", "\u00a0", "<", "<PAGE", "PAGE_DIV>", "是", "的", "要", "全面"};
  Random random;
  std::size_t with_mentions = 0;
  for (int round = 0; round < 600; ++round) {
    const std::string text = random_text(random, pieces, 40);
    if (text.find("<PAGE_DIV>") != std::string::npos) continue;
    CAPTURE(text);
    const std::vector<tifa::Mention> expected = general.find(text);
    const std::vector<tifa::Mention> actual = fast.find(text);
    with_mentions += !expected.empty();
    REQUIRE(actual.size() == expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i) {
      CHECK(actual[i].span == expected[i].span);
      CHECK(actual[i].canonical == expected[i].canonical);
      CHECK(actual[i].rule == expected[i].rule);
      CHECK(actual[i].confidence == expected[i].confidence);
      CHECK(actual[i].kind == expected[i].kind);
      CHECK(actual[i].flags == expected[i].flags);
      CHECK(actual[i].members == expected[i].members);
    }
  }
  CHECK(with_mentions > 50);  // the texts do exercise discovery
}

TEST_CASE("fold_string appends the runs folding leaves alone as a code-point-by-code-point fold would") {
  // Traditional and full-width characters among ones folding leaves alone, of every UTF-8 length,
  // and invalid or cut sequences (a lone lead, a stray continuation byte, a four-byte lead cut short).
  const std::vector<std::string> pieces = {"国", "國", "與", "和", "，", "。", "Ａ", "ｚ", "a", "1", " ", "\n",
                                           "é", "€", "\u2E80", "\u2E7F", "\xF0\x9F\x98\x80", "\xE5", "\x80",
                                           "\xC3", "\xF0\x9F", "\xEF\xBC", "\u3000", "發展", "\uFF5E", "\uFF5F"};
  Random random;
  for (int round = 0; round < 3000; ++round) {
    const std::string text = random_text(random, pieces, 12);
    CAPTURE(text);
    CHECK(tifa::slogans::fold_string(text) == fold_string_by_code_points(text));
  }
  CHECK(tifa::slogans::fold_string("") == "");
  CHECK(tifa::slogans::fold_string("國與國，ＡＢ") == "国与国,AB");
}

TEST_CASE("fold finds every code point's pair as a search of the whole table does") {
  const auto pairs = tifa::slogans::traditional_fold_pairs();
  const auto by_search = [&](char32_t cp) -> char32_t {
    if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
    const auto it = std::lower_bound(pairs.begin(), pairs.end(), cp,
                                     [](const tifa::slogans::FoldPair& pair, char32_t key) { return pair.from < key; });
    return it != pairs.end() && it->from == cp ? it->to : cp;
  };
  std::size_t changed = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const char32_t folded = tifa::slogans::fold(cp);
    if (folded != by_search(cp)) {
      FAIL_CHECK("code point " << static_cast<unsigned>(cp));
      break;
    }
    changed += folded != cp;
  }
  CHECK(changed >= pairs.size());  // each pair and the full-width range
  CHECK(tifa::slogans::fold(U'國') == U'国');
  CHECK(tifa::slogans::fold(U'與') == U'与');
}
