// The lexicon matcher (spec/slogans.md §3.2-§3.5, §8): leftmost-longest, folding, edge guards G1
// and G2, gaps, and a randomized comparison with a naive reference matcher.
#include "slogans/matcher.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "slogans/fold.hpp"
#include "util/utf8.hpp"

namespace {

using tifa::slogans::Matcher;
using tifa::slogans::MatcherMatch;
using tifa::slogans::MatcherOptions;

std::vector<MatcherMatch> find_all(const Matcher& matcher, std::string_view text) {
  std::vector<MatcherMatch> out;
  matcher.find(text, out);
  return out;
}

// The surfaces of the matches, in text order.
std::vector<std::string> surfaces(const std::vector<std::string>& forms, std::string_view text,
                                  MatcherOptions options = {}) {
  const Matcher matcher(forms, options);
  std::vector<std::string> out;
  for (const auto& match : find_all(matcher, text)) out.emplace_back(text.substr(match.begin, match.end - match.begin));
  return out;
}

using Strings = std::vector<std::string>;

// ---- the naive reference: every form tried at every code point, with the same rules ----

struct Expected {
  std::size_t begin = 0, end = 0;
  std::uint32_t pattern = 0;
  unsigned gap_runs = 0;
  bool operator==(const Expected&) const = default;
};

std::vector<char32_t> decode(std::string_view text) {
  std::vector<char32_t> out;
  for (std::size_t pos = 0, length = 0; pos < text.size(); pos += length) out.push_back(tifa::util::decode_at(text, pos, length));
  return out;
}

bool is_gap_neighbour(char32_t folded) { return tifa::util::is_han(folded) || (folded >= '0' && folded <= '9'); }

bool is_chinese_numeral(char32_t c) { return std::u32string_view(U"〇零一二三四五六七八九十百千万亿两").find(c) != std::u32string_view::npos; }

class NaiveMatcher {
 public:
  NaiveMatcher(const Strings& forms, MatcherOptions options) : options_(std::move(options)) {
    for (const auto& form : forms) {
      std::vector<char32_t> folded;
      for (char32_t cp : decode(form)) folded.push_back(tifa::slogans::fold(cp));
      forms_.push_back(folded);
    }
  }

  std::vector<Expected> find(std::string_view text) const {
    std::vector<Expected> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
      Expected best;
      bool found = false;
      for (std::size_t index = 0; index < forms_.size(); ++index) {
        if (forms_[index].empty() || !start_guard_ok(text, pos, forms_[index].front())) continue;
        std::vector<std::pair<std::size_t, unsigned>> ends;
        extend(text, forms_[index], 0, pos, 0, ends);
        for (const auto& [end, runs] : ends) {
          if (!end_guard_ok(text, end, forms_[index].back())) continue;
          const Expected candidate{pos, end, static_cast<std::uint32_t>(index), runs};
          if (!found || end > best.end || (end == best.end && (runs < best.gap_runs || (runs == best.gap_runs && index < best.pattern)))) {
            best = candidate;
            found = true;
          }
        }
      }
      if (found) {
        out.push_back(best);
        pos = best.end;
      } else {
        std::size_t length = 0;
        tifa::util::decode_at(text, pos, length);
        pos += length;
      }
    }
    return out;
  }

 private:
  // Every way of matching form[k..] at text[pos..]: literally, or after a run of ignorable units.
  void extend(std::string_view text, const std::vector<char32_t>& form, std::size_t k, std::size_t pos, unsigned runs,
              std::vector<std::pair<std::size_t, unsigned>>& ends) const {
    if (k == form.size()) {
      ends.emplace_back(pos, runs);
      return;
    }
    std::size_t length = 0;
    if (pos < text.size() && tifa::slogans::fold(tifa::util::decode_at(text, pos, length)) == form[k]) {
      extend(text, form, k + 1, pos + length, runs, ends);
    }
    if (k == 0 || !options_.gap_tolerance || runs >= 2 || !is_gap_neighbour(form[k - 1]) || !is_gap_neighbour(form[k])) return;
    std::size_t after = pos;
    unsigned units = 0, breaks = 0;
    while (std::size_t unit = unit_length(text, after)) {
      ++units;
      if (text[after] == '\n' || text[after] == '\r') ++breaks;
      after += unit;
    }
    if (units == 0 || units > 3 || breaks > 1 || after >= text.size()) return;
    if (tifa::slogans::fold(tifa::util::decode_at(text, after, length)) == form[k]) {
      extend(text, form, k + 1, after + length, runs + 1, ends);
    }
  }

  std::size_t unit_length(std::string_view text, std::size_t pos) const {
    const std::string_view rest = text.substr(pos);
    if (!options_.page_marker.empty() && rest.starts_with(options_.page_marker)) return options_.page_marker.size();
    for (std::string_view unit : {" ", "\t", "\n", "\r\n", "\u00A0", "\u3000", "\u200B", "\u200C", "\u200D", "\u2060",
                                  "\uFEFF", "\u00AD"}) {
      if (rest.starts_with(unit)) return unit.size();
    }
    return 0;
  }

  static bool start_guard_ok(std::string_view text, std::size_t pos, char32_t first) {
    if (pos == 0) return true;
    const char32_t before = tifa::slogans::fold(tifa::util::code_point_before(text, pos));
    if (tifa::util::is_ascii_alnum(first) && (tifa::util::is_ascii_alnum(before) || before == '.')) return false;
    if (is_chinese_numeral(first) && (is_chinese_numeral(before) || (before >= '0' && before <= '9') || before == U'第')) return false;
    return true;
  }

  static bool end_guard_ok(std::string_view text, std::size_t end, char32_t last) {
    if (end >= text.size() || !tifa::util::is_ascii_alnum(last)) return true;
    const char32_t after = tifa::slogans::fold(tifa::util::code_point_at(text, end));
    return !(tifa::util::is_ascii_alnum(after) || after == '.');
  }

  MatcherOptions options_;
  std::vector<std::vector<char32_t>> forms_;
};

// Readable failures: "[begin,end) #pattern gaps" for each match.
std::string describe(const std::vector<Expected>& matches) {
  std::string out;
  for (const auto& m : matches) {
    out += "[" + std::to_string(m.begin) + "," + std::to_string(m.end) + ") #" + std::to_string(m.pattern) + " g" +
           std::to_string(m.gap_runs) + "  ";
  }
  return out;
}

std::string describe(const Strings& forms) {
  std::string out;
  for (std::size_t i = 0; i < forms.size(); ++i) out += "#" + std::to_string(i) + " [" + forms[i] + "]  ";
  return out;
}

std::vector<Expected> expected_of(const std::vector<MatcherMatch>& matches) {
  std::vector<Expected> out;
  for (const auto& m : matches) out.push_back({m.begin, m.end, m.pattern, m.gap_runs});
  return out;
}

}  // namespace

// ---- §3.3 leftmost-longest ----

TEST_CASE("the longest form at a position wins over a nested shorter one") {
  CHECK(surfaces({"国企改革三年行动", "三年行动"}, "扎实推进国企改革三年行动") == Strings{"国企改革三年行动"});
  CHECK(surfaces({"从严治党", "全面从严治党"}, "推进全面从严治党") == Strings{"全面从严治党"});
  CHECK(surfaces({"一企一策", "一企一策一专班"}, "推行“一企一策一专班”") == Strings{"一企一策一专班"});
  CHECK(surfaces({"枫桥经验", "新时代枫桥经验"}, "坚持和发展新时代枫桥经验") == Strings{"新时代枫桥经验"});
}

TEST_CASE("a match that starts earlier wins over a longer one that starts later") {
  CHECK(surfaces({"改革三年", "三年行动计划安排"}, "国企改革三年行动计划安排") == Strings{"改革三年"});
}

TEST_CASE("matches do not overlap and scanning resumes after a match") {
  CHECK(surfaces({"六稳", "六保"}, "做好“六稳”“六保”工作") == Strings{"六稳", "六保"});
  CHECK(surfaces({"两个", "个维护", "两个维护"}, "两个维护两个") == Strings{"两个维护", "两个"});
  CHECK(surfaces({"甲乙", "乙丙"}, "甲乙丙") == Strings{"甲乙"});
}

TEST_CASE("match offsets are bytes of the unfolded text and the pattern index is reported") {
  const Matcher matcher({"新发展格局", "高质量发展"}, {});
  const std::string text = "推动高质量发展，构建新发展格局。";
  const auto matches = find_all(matcher, text);
  REQUIRE(matches.size() == 2);
  CHECK(matches[0].begin == 6);
  CHECK(matches[0].end == 21);
  CHECK(matches[0].pattern == 1);
  CHECK(matches[1].pattern == 0);
  CHECK(text.substr(matches[1].begin, matches[1].end - matches[1].begin) == "新发展格局");
  CHECK(matches[1].gap_runs == 0);
}

TEST_CASE("patterns that fold to the same string keep the lowest index") {
  const Matcher matcher({"四個全面", "四个全面"}, {});
  const auto matches = find_all(matcher, "四个全面");
  REQUIRE(matches.size() == 1);
  CHECK(matches[0].pattern == 0);
}

TEST_CASE("an empty matcher and an empty text find nothing") {
  CHECK(find_all(Matcher(), "两学一做").empty());
  CHECK(find_all(Matcher({"两学一做"}, {}), "").empty());
  CHECK(find_all(Matcher(Strings{}, {}), "两学一做").empty());
  CHECK(Matcher({"两学一做"}, {}).memory_bytes() > 0);
}

TEST_CASE("one-character and empty patterns do not disturb the others") {
  CHECK(surfaces({"", "碳", "双碳"}, "实现双碳目标，减碳") == Strings{"双碳", "碳"});
}

// ---- §3.2 folding ----

TEST_CASE("traditional text matches a simplified form and keeps its own script") {
  CHECK(surfaces({"四个全面"}, "堅持「四個全面」") == Strings{"四個全面"});
  CHECK(surfaces({"双碳"}, "實現「雙碳」目標") == Strings{"雙碳"});
  CHECK(surfaces({"国企改革三年行动"}, "國企改革三年行動") == Strings{"國企改革三年行動"});
}

TEST_CASE("a traditional form matches simplified text") {
  CHECK(surfaces({"國企改革三年行動"}, "国企改革三年行动") == Strings{"国企改革三年行动"});
}

TEST_CASE("full-width digits and plus signs fold to ASCII") {
  CHECK(surfaces({"1+N"}, "构建“１+N”政策体系") == Strings{"１+N"});
  CHECK(surfaces({"1+N"}, "构建“1＋N”政策体系") == Strings{"1＋N"});
  CHECK(surfaces({"18亿亩耕地红线"}, "守住１８亿亩耕地红线") == Strings{"１８亿亩耕地红线"});
  CHECK(surfaces({"1＋N"}, "构建1+N政策") == Strings{"1+N"});
}

TEST_CASE("no case folding: x and X are distinct") {
  CHECK(surfaces({"数据要素X"}, "数据要素x行动").empty());
  CHECK(surfaces({"数据要素X"}, "数据要素X行动") == Strings{"数据要素X"});
}

// ---- §3.4 edge guards ----

TEST_CASE("G1: a digit form does not match inside a longer number") {
  CHECK(surfaces({"3060"}, "13060吨").empty());
  CHECK(surfaces({"3060"}, "30605吨").empty());
  CHECK(surfaces({"3060"}, "13.3060").empty());
  CHECK(surfaces({"3060"}, "3060.5").empty());
  CHECK(surfaces({"3060"}, "实现3060目标") == Strings{"3060"});
  CHECK(surfaces({"3060"}, "“3060”") == Strings{"3060"});
}

TEST_CASE("G1: 1+N does not match after a digit or before a letter") {
  CHECK(surfaces({"1+N"}, "11+N").empty());
  CHECK(surfaces({"1+N"}, "A1+N").empty());
  CHECK(surfaces({"1+N"}, "1+Nx").empty());
  CHECK(surfaces({"1+N"}, "１１+N").empty());
  CHECK(surfaces({"1+N"}, "“1+N”政策体系") == Strings{"1+N"});
}

TEST_CASE("G1: forms that neither begin nor end with a digit or letter are not guarded") {
  CHECK(surfaces({"中国制造2025"}, "a中国制造2025") == Strings{"中国制造2025"});
  CHECK(surfaces({"数据要素X"}, "数据要素X1").empty());
  CHECK(surfaces({"数据要素X"}, "3数据要素X") == Strings{"数据要素X"});
}

TEST_CASE("G1: a guarded candidate does not block a shorter valid one") {
  CHECK(surfaces({"数据要素X", "数据要素"}, "数据要素Xa") == Strings{"数据要素"});
  CHECK(surfaces({"1+N", "1+N政策体系"}, "1+N政策体系") == Strings{"1+N政策体系"});
}

TEST_CASE("G2: a numeral form does not match right after a numeral, a digit or 第") {
  CHECK(surfaces({"四史"}, "二十四史").empty());
  CHECK(surfaces({"四史"}, "第四史").empty());
  CHECK(surfaces({"四史"}, "24史 4四史").empty());
  CHECK(surfaces({"四史"}, "萬四史").empty());  // 萬 folds to 万
  CHECK(surfaces({"四史"}, "学习四史") == Strings{"四史"});
  CHECK(surfaces({"两学一做"}, "十兩學一做").empty());
}

TEST_CASE("G2: a guarded start lets a later start match") {
  CHECK(surfaces({"四史", "史学"}, "二十四史学") == Strings{"史学"});
  CHECK(surfaces({"三严三实", "三实"}, "十三严三实") == Strings{"三实"});
}

TEST_CASE("G2 applies only to forms that begin with a Chinese numeral") {
  CHECK(surfaces({"双碳"}, "三双碳") == Strings{"双碳"});
  CHECK(surfaces({"十四五"}, "“十四五”") == Strings{"十四五"});
}

// ---- §3.5 gaps ----

TEST_CASE("gap: a space inside a slogan is skipped and counted") {
  const Matcher matcher({"两学一做"}, {});
  const std::string text = "持续巩固“两学 一做”成果";
  const auto matches = find_all(matcher, text);
  REQUIRE(matches.size() == 1);
  CHECK(text.substr(matches[0].begin, matches[0].end - matches[0].begin) == "两学 一做");
  CHECK(matches[0].gap_runs == 1);
}

TEST_CASE("gap: every unit is crossed after the first, second and third character; punctuation is not") {
  // The prefilter tells the units of more than one byte from CJK and general punctuation with the
  // same lead bytes (U+3000 and 、。「, U+200B and “…) by a hashed set of their keys: a unit at
  // each place the prefilter reads must still lead to the walk, a punctuation mark must not match.
  const Strings forms = {"国企改革行动"};
  const std::string form = "国企改革行动";
  for (const std::string unit : {" ", "\t", "\n", "\u00A0", "\u00AD", "\u3000", "\u200B", "\u200C", "\u200D",
                                 "\u2060", "\uFEFF", "<PAGE_DIV>"}) {
    for (const std::size_t place : {3, 6, 9}) {  // after 国, 企, 改
      const std::string gapped = form.substr(0, place) + unit + form.substr(place);
      INFO("unit [" << unit << "] after byte " << place);
      CHECK(surfaces(forms, "推进" + gapped + "落实") == Strings{gapped});
    }
  }
  for (const std::string mark : {"、", "。", "「", "“", "…", "，", "\u3001\u3000"}) {
    for (const std::size_t place : {3, 6, 9}) {
      const std::string broken = form.substr(0, place) + mark + form.substr(place);
      INFO("mark [" << mark << "] after byte " << place);
      CHECK(surfaces(forms, "推进" + broken + "落实").empty());
    }
  }
}

TEST_CASE("gap: one line break, CRLF, the page marker and other units") {
  CHECK(surfaces({"新发展格局"}, "服务构建新发展\n格局") == Strings{"新发展\n格局"});
  CHECK(surfaces({"新发展格局"}, "新发展\r\n格局") == Strings{"新发展\r\n格局"});
  CHECK(surfaces({"三严三实"}, "践行“三严<PAGE_DIV>三实”") == Strings{"三严<PAGE_DIV>三实"});
  CHECK(surfaces({"两学一做"}, "两学\u3000一做") == Strings{"两学\u3000一做"});
  CHECK(surfaces({"两学一做"}, "两学\u00A0一做") == Strings{"两学\u00A0一做"});
  CHECK(surfaces({"两学一做"}, "两学\u200B一做") == Strings{"两学\u200B一做"});
  CHECK(surfaces({"两学一做"}, "两学\uFEFF一做") == Strings{"两学\uFEFF一做"});
  CHECK(surfaces({"两学一做"}, "两学\u00AD一做") == Strings{"两学\u00AD一做"});
  CHECK(surfaces({"两学一做"}, "两\t学一做") == Strings{"两\t学一做"});
}

TEST_CASE("gap: the prefilter looks across units after a form's first character") {
  // The pair tested is of the characters on either side of the units; more units than a gap may
  // hold can only be a literal form, which the filter leaves to the exact walk.
  CHECK(surfaces({"两学一做", "新发展格局"}, "两 学一做，新\n发展格局") == Strings{"两 学一做", "新\n发展格局"});
  CHECK(surfaces({"两学一做"}, "两 学一件事").empty());
  CHECK(surfaces({"两    学"}, "两    学") == Strings{"两    学"});
  CHECK(surfaces({"两学"}, "两 学") == Strings{"两 学"});
  CHECK(surfaces({"两学"}, "两 ").empty());
}

TEST_CASE("gap: a blank line is never crossed") {
  CHECK(surfaces({"新发展格局"}, "新发展\n\n格局").empty());
  CHECK(surfaces({"新发展格局"}, "新发展\n \n格局").empty());
  CHECK(surfaces({"新发展格局"}, "新发展\r\n\r\n格局").empty());
  CHECK(surfaces({"新发展格局"}, "新发展\n<PAGE_DIV>\n格局").empty());
}

TEST_CASE("gap: at most three units per run") {
  CHECK(surfaces({"两学一做"}, "两学 \t 一做") == Strings{"两学 \t 一做"});
  CHECK(surfaces({"两学一做"}, "两学 <PAGE_DIV>\n一做") == Strings{"两学 <PAGE_DIV>\n一做"});
  CHECK(surfaces({"两学一做"}, "两学    一做").empty());
  CHECK(surfaces({"两学一做"}, "两学 \u3000 \u3000一做").empty());
}

TEST_CASE("gap: at most two runs per match") {
  const Matcher matcher({"两学一做"}, {});
  const auto two = find_all(matcher, "两 学 一做");
  REQUIRE(two.size() == 1);
  CHECK(two[0].gap_runs == 2);
  CHECK(find_all(matcher, "两 学 一 做").empty());
}

TEST_CASE("gap: a third run does not block a shorter form") {
  CHECK(surfaces({"两学一做", "两学"}, "两 学 一 做") == Strings{"两 学"});
}

TEST_CASE("gap: only between two Han characters or digits") {
  CHECK(surfaces({"中国制造2025"}, "中国制造 2025") == Strings{"中国制造 2025"});
  CHECK(surfaces({"18亿亩耕地红线"}, "1 8亿亩耕地红线") == Strings{"1 8亿亩耕地红线"});
  CHECK(surfaces({"1+N政策体系"}, "1+N 政策体系").empty());
  CHECK(surfaces({"1+N政策体系"}, "1 +N政策体系").empty());
  CHECK(surfaces({"数据要素X"}, "数据要素 X").empty());
}

TEST_CASE("gap: never a quote mark or punctuation") {
  CHECK(surfaces({"两学一做"}, "两学“一做").empty());
  CHECK(surfaces({"两学一做"}, "两学，一做").empty());
  CHECK(surfaces({"两学一做"}, "两学、一做").empty());
  CHECK(surfaces({"两学一做"}, "两学\"一做").empty());
}

TEST_CASE("gap: never at the edge of a span") {
  CHECK(surfaces({"两学一做"}, " 两学一做 \n") == Strings{"两学一做"});
}

TEST_CASE("gap: gap_tolerance = false matches only contiguous forms") {
  MatcherOptions options;
  options.gap_tolerance = false;
  CHECK(surfaces({"两学一做"}, "两学 一做", options).empty());
  CHECK(surfaces({"新发展格局"}, "新发展\n格局", options).empty());
  CHECK(surfaces({"两学一做"}, "两学一做", options) == Strings{"两学一做"});
}

TEST_CASE("gap: another page marker, or none") {
  MatcherOptions options;
  options.page_marker = "[[page]]";
  CHECK(surfaces({"三严三实"}, "三严[[page]]三实", options) == Strings{"三严[[page]]三实"});
  CHECK(surfaces({"三严三实"}, "三严<PAGE_DIV>三实", options).empty());
  options.page_marker.clear();
  CHECK(surfaces({"三严三实"}, "三严<PAGE_DIV>三实", options).empty());
}

TEST_CASE("gap: a form with a literal space matches it literally, before the gapped form") {
  const Matcher matcher({"中国 制造", "中国制造"}, {});
  const auto literal = find_all(matcher, "中国 制造");
  REQUIRE(literal.size() == 1);
  CHECK(literal[0].pattern == 0);
  CHECK(literal[0].gap_runs == 0);
  const auto gapped = find_all(matcher, "中国\u3000制造");
  REQUIRE(gapped.size() == 1);
  CHECK(gapped[0].pattern == 1);
  CHECK(gapped[0].gap_runs == 1);
  CHECK(surfaces({"中国 制造业", "中国制造"}, "中国 制造") == Strings{"中国 制造"});
}

// ---- forms the spec does not allow still match exactly (other scan strategies) ----

TEST_CASE("a form beginning with an ignorable character matches literally") {
  CHECK(surfaces({"\u200B两学", "一做"}, "好\u200B两学一做") == Strings{"\u200B两学", "一做"});
}

TEST_CASE("forms sharing characters with the page marker match across and inside it") {
  const Strings forms = {"两学一做", "G20", "_DIV>"};
  CHECK(surfaces(forms, "两学<PAGE_DIV>一做，G20") == Strings{"两学<PAGE_DIV>一做", "G20"});
  CHECK(surfaces(forms, "两学<PAGE_DIV>G20") == Strings{"_DIV>", "G20"});
  CHECK(surfaces(forms, "两<PAGE_DIV>") == Strings{"_DIV>"});
}

TEST_CASE("a form longer than 255 code points") {
  std::string form;
  for (int i = 0; i < 300; ++i) form += i % 2 ? "学" : "两";
  const Strings forms = {form, "两学"};
  CHECK(surfaces(forms, "好" + form + "好") == Strings{form});
  CHECK(surfaces(forms, "好" + form.substr(0, form.size() - 3) + "好").size() == 149);
}

// ---- alphabets and sizes ----

TEST_CASE("astral code points and alphabets beyond 16-bit codes") {
  // Every astral Han code point of the first 40,000 twice, then every URO ideograph once: more
  // than 65,535 distinct code points, so the rarest BMP characters get codes past the 16-bit pages.
  Strings forms;
  std::string form;
  for (char32_t cp = 0x20000; cp < 0x20000 + 40000; cp += 2) {
    form.clear();
    tifa::util::append_utf8(form, cp);
    tifa::util::append_utf8(form, cp + 1);
    forms.push_back(form);
    forms.push_back(form + "甲");
  }
  for (char32_t cp = 0x4E00; cp + 1 <= 0x9FFF; cp += 2) {
    form.clear();
    tifa::util::append_utf8(form, cp);
    tifa::util::append_utf8(form, cp + 1);
    forms.push_back(form);
  }
  for (char32_t cp = 0x3400; cp + 1 <= 0x4DBF; cp += 2) {
    form.clear();
    tifa::util::append_utf8(form, cp);
    tifa::util::append_utf8(form, cp + 1);
    forms.push_back(form);
  }
  const Matcher matcher(forms, {});
  for (std::string_view text : {"\U00020000\U00020001", "\u9FFE\u9FFF", "\u4DBE\u4DBF", "x\U00020010\U00020011甲y"}) {
    const auto matches = find_all(matcher, text);
    REQUIRE(matches.size() == 1);
    const std::size_t begin = text.front() == 'x' ? 1 : 0;
    CHECK(matches[0].begin == begin);
    CHECK(matches[0].end == text.size() - begin);
  }
  CHECK(find_all(matcher, "\u9FFF\u9FFE").empty());
}

TEST_CASE("20,000 forms compile within 16 MB") {
  std::mt19937_64 random(7);
  Strings forms;
  std::string form;
  while (forms.size() < 20000) {
    form.clear();
    const auto length = 2 + random() % 7;
    for (std::size_t i = 0; i < length; ++i) tifa::util::append_utf8(form, static_cast<char32_t>(0x4E00 + random() % 3500));
    forms.push_back(form);
  }
  const Matcher matcher(forms, {});
  CHECK(matcher.memory_bytes() < 16u * 1000 * 1000);
  std::vector<MatcherMatch> out;
  matcher.find(forms[123] + "。" + forms[4567], out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].begin == 0);
  CHECK(out[0].end == forms[123].size());
}

// ---- properties against the naive reference ----

namespace {

// Pieces of random texts and forms: simplified and traditional characters, numerals, digits in
// both widths, Latin letters, ignorable units, quote marks and punctuation.
const std::vector<std::string> kFormPieces = {
    "两", "兩", "学", "學", "一", "做", "新", "发", "發", "展", "格", "局", "国", "國", "四", "个", "個",
    "十", "三", "史", "第", "1", "１", "2", "8", "N", "x", "X", "+", "＋", "\U00020001", "G", ">"};
const std::vector<std::string> kTextOnlyPieces = {
    " ", "\n", "\r\n", "\t", "\u3000", "\u00A0", "\u200B", "<PAGE_DIV>", "“", "”", "「", "」", "\"", "，",
    "、", "。", ".", "．", "a", "é"};

std::string random_form(std::mt19937_64& random) {
  std::string form;
  if (random() % 50 == 0) form = "\u200B";  // spec-invalid, but the matcher stays exact
  const auto length = 1 + random() % 5;
  for (std::size_t i = 0; i < length; ++i) {
    if (i > 0 && i + 1 < length && random() % 12 == 0) {
      form += " ";  // a literal space inside a form
    } else {
      form += kFormPieces[random() % kFormPieces.size()];
    }
  }
  return form;
}

// `form` with a space after its first code point (when it has two or more), so that a literal
// space and a gap compete.
std::string with_inner_space(const std::string& form, std::mt19937_64& random) {
  std::size_t length = 0;
  tifa::util::decode_at(form, 0, length);
  if (length >= form.size()) return form;
  return form.substr(0, length) + (random() % 2 ? " " : "\u3000") + form.substr(length);
}

std::string random_text(std::mt19937_64& random, const Strings& forms) {
  std::string text;
  const auto pieces = random() % 40;
  for (std::size_t i = 0; i < pieces; ++i) {
    const auto kind = random() % 10;
    if (kind < 3 && !forms.empty()) {
      // A form, sometimes with an ignorable unit inside: the interesting cases.
      const std::string& form = forms[random() % forms.size()];
      for (std::size_t pos = 0, length = 0; pos < form.size(); pos += length) {
        tifa::util::decode_at(form, pos, length);
        text += form.substr(pos, length);
        if (random() % 4 == 0) {
          // A run of one to four ignorable units (four is one too many).
          for (auto units = 1 + random() % 4; units > 0; --units) text += kTextOnlyPieces[random() % 8];
        }
      }
    } else if (kind < 7) {
      text += kFormPieces[random() % kFormPieces.size()];
    } else {
      text += kTextOnlyPieces[random() % kTextOnlyPieces.size()];
    }
  }
  return text;
}

bool on_code_point_boundary(std::string_view text, std::size_t pos) {
  return pos == text.size() || (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80;
}

// One to eight random forms (a third of the time with a spaced copy of one of them) and random
// options; every other round the portable build of the scan (else the one for this CPU, if any).
struct RandomLexicon {
  Strings forms;
  MatcherOptions options;
};
RandomLexicon random_lexicon(std::mt19937_64& random, int round) {
  RandomLexicon lexicon;
  const auto count = 1 + random() % 8;
  for (std::size_t i = 0; i < count; ++i) lexicon.forms.push_back(random_form(random));
  if (random() % 3 == 0) {
    lexicon.forms.push_back(with_inner_space(lexicon.forms[random() % lexicon.forms.size()], random));
  }
  lexicon.options.gap_tolerance = random() % 4 != 0;
  lexicon.options.cpu_specific_scan = round % 2 == 0;
  return lexicon;
}

}  // namespace

TEST_CASE("random texts and lexicons: the same matches as the naive reference") {
  std::mt19937_64 random(20261201);
  std::size_t total_matches = 0, gapped = 0;
  for (int round = 0; round < 3000; ++round) {
    const RandomLexicon lexicon = random_lexicon(random, round);
    const Strings& forms = lexicon.forms;  // a reference, not a binding: INFO captures it
    const MatcherOptions& options = lexicon.options;
    const Matcher matcher(forms, options);
    const NaiveMatcher naive(forms, options);
    for (int t = 0; t < 10; ++t) {
      const std::string text = random_text(random, forms);
      const auto matches = find_all(matcher, text);
      const auto expected = naive.find(text);
      INFO("round " << round << " gaps " << options.gap_tolerance << " cpu-specific scan "
                    << options.cpu_specific_scan << " forms " << describe(forms));
      INFO("text [" << text << "]");
      INFO("matcher:   " << describe(expected_of(matches)));
      INFO("reference: " << describe(expected));
      REQUIRE(expected_of(matches) == expected);
      for (std::size_t i = 0; i < matches.size(); ++i) {
        CHECK(on_code_point_boundary(text, matches[i].begin));
        CHECK(on_code_point_boundary(text, matches[i].end));
        CHECK(matches[i].begin < matches[i].end);
        if (i > 0) CHECK(matches[i - 1].end <= matches[i].begin);
        gapped += matches[i].gap_runs > 0;
      }
      CHECK(expected_of(find_all(matcher, text)) == expected_of(matches));  // deterministic
      total_matches += matches.size();
    }
  }
  CHECK(total_matches > 10000);  // the generator really exercises matching
  CHECK(gapped > 500);
}

TEST_CASE("find_at_start gives find's first match exactly when that match begins the text") {
  std::mt19937_64 random(4711);
  std::size_t at_start = 0;
  for (int round = 0; round < 1000; ++round) {
    const RandomLexicon lexicon = random_lexicon(random, round);
    const Strings& forms = lexicon.forms;  // a reference, not a binding: INFO captures it
    const MatcherOptions& options = lexicon.options;
    const Matcher matcher(forms, options);
    for (int t = 0; t < 5; ++t) {
      const std::string text = random_text(random, forms);
      // Every suffix that begins a character: most begin no match, many begin one.
      for (std::size_t begin = 0; begin <= text.size(); ++begin) {
        if (!on_code_point_boundary(text, begin)) continue;
        const std::string_view suffix = std::string_view(text).substr(begin);
        std::vector<MatcherMatch> all;
        matcher.find(suffix, all);
        MatcherMatch first;
        const bool found = matcher.find_at_start(suffix, first);
        INFO("forms " << describe(forms) << " text [" << suffix << "]");
        REQUIRE(found == (!all.empty() && all.front().begin == 0));
        if (!found) continue;
        ++at_start;
        CHECK(expected_of({first}) == expected_of({all.front()}));
      }
    }
  }
  CHECK(at_start > 1000);
  MatcherMatch none;
  CHECK_FALSE(Matcher().find_at_start("两学一做", none));
  CHECK_FALSE(Matcher({"两学一做"}, {}).find_at_start("", none));
}

TEST_CASE("long Han texts: matches at every offset of the scan's blocks agree with the reference") {
  // The prefilter reads the text in blocks (48-byte steps, 64-byte windows) and has a fast path
  // for blocks of three-byte characters only (at offsets 0, 1 or 2): long runs of Han characters,
  // with forms at random places and an occasional ASCII character, cover every alignment.
  std::mt19937_64 random(64);
  const std::vector<std::string> han = {"的", "国", "國", "发", "展", "新", "学", "两", "一", "做", "格", "局",
                                        "经", "济", "质", "量", "高", "四", "个", "史"};
  std::size_t total_matches = 0;
  for (int round = 0; round < 300; ++round) {
    Strings forms;
    const auto count = 1 + random() % 12;
    for (std::size_t i = 0; i < count; ++i) {
      std::string form;
      for (auto length = 2 + random() % 4; length > 0; --length) form += han[random() % han.size()];
      forms.push_back(form);
    }
    MatcherOptions portable;
    portable.cpu_specific_scan = false;
    const Matcher matcher(forms, {});
    const Matcher portable_matcher(forms, portable);  // the scan's two builds (see matcher.cpp)
    const NaiveMatcher naive(forms, {});
    for (int t = 0; t < 10; ++t) {
      std::string text;
      for (auto pieces = random() % 400; pieces > 0; --pieces) {
        const auto kind = random() % 40;
        if (kind < 3) {
          text += forms[random() % forms.size()];
        } else if (kind == 3) {
          text += static_cast<char>('0' + random() % 10);
        } else if (kind == 4) {
          text += "\n";
        } else {
          text += han[random() % han.size()];
        }
      }
      const auto expected = naive.find(text);
      INFO("round " << round << " forms " << describe(forms));
      INFO("text [" << text << "]");
      REQUIRE(expected_of(find_all(matcher, text)) == expected);
      REQUIRE(expected_of(find_all(portable_matcher, text)) == expected);
      total_matches += expected.size();
    }
  }
  CHECK(total_matches > 10000);
}

TEST_CASE("a four-byte character after a block of three-byte characters is read whole") {
  // The prefilter's fast path for blocks of three-byte characters must not take a character
  // after the block's run, or the first of a text, for a three-byte one.
  const Strings forms = {"做\U00020001", "\U00020001学", "\U00020001\U00020002"};
  MatcherOptions portable;
  portable.cpu_specific_scan = false;
  for (std::size_t lead = 0; lead < 70; ++lead) {
    for (const std::string& tail : {std::string("做\U00020001学"), std::string("\U00020001\U00020002")}) {
      std::string text;
      for (std::size_t i = 0; i < lead; ++i) text += i % 7 == 6 ? "国" : "的";
      text += tail + "的的的的的的的的的的的的的的的的的的的的的的的的";
      INFO("lead " << lead << " text [" << text << "]");
      CHECK(expected_of(find_all(Matcher(forms, {}), text)) == NaiveMatcher(forms, {}).find(text));
      const std::string astral_first = "\U00020001" + text;
      CHECK(expected_of(find_all(Matcher(forms, {}), astral_first)) == NaiveMatcher(forms, {}).find(astral_first));
      CHECK(expected_of(find_all(Matcher(forms, portable), text)) == NaiveMatcher(forms, {}).find(text));
      CHECK(expected_of(find_all(Matcher(forms, portable), astral_first)) ==
            NaiveMatcher(forms, {}).find(astral_first));
    }
  }
}

TEST_CASE("a form at the very end of the text is found for every text length and character mix") {
  // The scan's last block pairs every character with the next one but the last, and reads a zero
  // padded copy: forms of one-, three- and four-byte characters ending the text, after every count
  // of bytes from 0 to 150 (all offsets of the 48-byte steps and 64-byte windows), must be found.
  const Strings forms = {"两个", "5G", "个\U00020001", "A学"};
  MatcherOptions portable;
  portable.cpu_specific_scan = false;
  const NaiveMatcher naive(forms, {});
  const std::vector<std::string> fillers = {"的", ",", "é", "\U00020002"};
  std::size_t found = 0;
  for (std::size_t filler = 0; filler < fillers.size(); ++filler) {
    for (std::size_t bytes = 0; bytes <= 150; ++bytes) {
      for (const std::string& form : forms) {
        std::string text;
        while (text.size() + fillers[filler].size() <= bytes) text += fillers[filler];
        while (text.size() < bytes) text += "-";
        text += form;
        INFO("filler " << filler << " text [" << text << "]");
        const auto expected = naive.find(text);
        REQUIRE(!expected.empty());
        CHECK(expected_of(find_all(Matcher(forms, {}), text)) == expected);
        CHECK(expected_of(find_all(Matcher(forms, portable), text)) == expected);
        ++found;
      }
    }
  }
  CHECK(found == 4 * 151 * 4);
}

TEST_CASE("random code points never crash the matcher and give spans on code-point boundaries") {
  std::mt19937_64 random(99);
  const Matcher matcher({"两学一做", "1+N", "中国制造2025", "\U00020001学"}, {});
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const auto length = random() % 30;
    for (std::size_t i = 0; i < length; ++i) {
      char32_t cp = static_cast<char32_t>(random() % 0x110000);
      if (cp >= 0xD800 && cp <= 0xDFFF) cp = U'学';
      if (random() % 3 == 0) cp = U"两学一做1+N中国制造2025 \n"[random() % 16];
      tifa::util::append_utf8(text, cp);
    }
    for (const auto& match : find_all(matcher, text)) {
      CHECK(on_code_point_boundary(text, match.begin));
      CHECK(on_code_point_boundary(text, match.end));
      CHECK(match.end <= text.size());
    }
  }
}

TEST_CASE("invalid UTF-8 never makes the matcher read out of bounds") {
  // Outside the contract (text must be valid UTF-8), but the scan must stay inside the text.
  std::mt19937_64 random(5);
  MatcherOptions portable;
  portable.cpu_specific_scan = false;
  const Matcher matchers[] = {Matcher({"两学一做", "1+N", "\U00020001学"}, {}),
                              Matcher({"两学一做", "1+N", "\U00020001学"}, portable)};
  const std::string pieces[] = {"两", "学", "一", "做", "\xE4", "\xB8", "\xF0\x9F", "\x80", "1", "+", "N", " "};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (auto n = random() % 40; n > 0; --n) text += pieces[random() % std::size(pieces)];
    for (const Matcher& matcher : matchers) {
      for (const auto& match : find_all(matcher, text)) {
        CHECK(match.begin < match.end);
        CHECK(match.end <= text.size());
      }
    }
  }
}

TEST_CASE("one matcher shared by threads gives the same matches") {
  // Immutable after construction: copies share the compiled automaton, find() keeps no state.
  const Matcher matcher({"两学一做", "新发展格局"}, {});
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "两学一做，新发展\n格局。";
  std::vector<MatcherMatch> first, second;
  {
    const Matcher copy = matcher;
    std::jthread a([&] { matcher.find(text, first); });
    std::jthread b([&] { copy.find(text, second); });
  }
  CHECK(first.size() == 4000);
  CHECK(expected_of(first) == expected_of(second));
}
