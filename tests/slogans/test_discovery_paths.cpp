// Discovery paths that must give what the general ones give (lib/slogans/discovery.cpp): the
// folded text of a candidate written on the stack (up to 16 characters) or sized first (longer),
// the campaign walk reading its verb windows out of one folded range, and the byte scan for
// sentence ends in quotes. Each case holds both sides of such a split, or the edge between them.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "slogan_check.hpp"
#include "slogans/fold.hpp"
#include "util/utf8.hpp"

using namespace slogan_test;

TEST_CASE("discovery paths: a quoted set's canonical is folded alike below and above 16 characters") {
  // 11 characters (stack) and 19 characters (sized first), traditional characters in both.
  const auto short_set = run("围绕“保發展、保民生、保穩定”这一目标");
  INFO(short_set.dump());
  CHECK(short_set.require("保發展、保民生、保穩定").canonical == "保发展、保民生、保稳定");
  const auto long_set = run("围绕“保發展、保民生、保穩定、保安全、保就業”这一目标");
  INFO(long_set.dump());
  const auto& m = long_set.require("保發展、保民生、保穩定、保安全、保就業");
  CHECK(m.canonical == "保发展、保民生、保稳定、保安全、保就业");
  CHECK(m.slogan_id == "d:保发展、保民生、保稳定、保安全、保就业");
  CHECK(m.rule == "D6");
}

TEST_CASE("discovery paths: a campaign's governing verb is found at every distance the walk reaches") {
  // The verb right before the head, and with the name growing to the longest the walk allows (15
  // characters, the verb's window then reaching 21 characters back); traditional verbs fold.
  for (const auto& [text, surface] :
       {std::pair{"深入实施再造工程", "再造工程"}, std::pair{"深入實施产业基础再造工程", "产业基础再造工程"},
        std::pair{"深入实施甲乙丙丁戊己庚辛壬癸子再造工程", "甲乙丙丁戊己庚辛壬癸子再造工程"}}) {
    const std::string sentence = text;  // clang 14 cannot capture a binding in CAPTURE's lambda
    CAPTURE(sentence);
    const auto r = run_low(text);
    INFO(r.dump());
    const auto& m = r.require(surface);
    CHECK(m.rule == "D7");
    CHECK(level(m) == "medium");  // after a governing verb (§6)
  }
  // One character more and the verb lies beyond the walk: no campaign.
  const auto r = run_low("深入实施甲乙丙丁戊己庚辛壬癸子丑再造工程");
  INFO(r.dump());
  CHECK(r.count_rule("D7") == 0);
}

TEST_CASE("discovery paths: quotes holding a sentence end give no candidate") {
  for (const char* text : {"他说“要做好六稳。”", "他说“要做好六稳！”", "他说“要做好六稳？”", "他说“要做好六稳；”",
                           "他说“要做好六稳!”", "他说“要做好六稳?”"}) {
    CAPTURE(text);
    const auto r = run_low(text);
    INFO(r.dump());
    CHECK(r.count_rule("D5") == 0);
    CHECK(r.count_rule("D3") == 0);
  }
  // The same quote without the mark is a candidate.
  const auto r = run_low("他说“要做好六稳”");
  INFO(r.dump());
  CHECK(r.mentions.size() == 1);
}

TEST_CASE("discovery paths: D8 leaves out a head only when two canonicals, each longer, end with it") {
  // The shared heads are worked out once per lexicon; the text and the lexicon form are the same in
  // each case, only the other canonicals change (items that are no lexicon forms: a low D8).
  const std::string text = "加快建设教育、科技、人才强国";
  const auto d8_canonicals = [&](const char* lexicon_tsv) {
    std::vector<std::string> canonicals;
    for (const Mention& m : tifa::Recognizer(tsv(lexicon_tsv), floor_at(Confidence::kLow)).find(text)) {
      if (m.rule == "D8") canonicals.push_back(m.canonical);
    }
    return canonicals;
  };
  CHECK(d8_canonicals("canonical\n人才强国\n制造强国\n") == std::vector<std::string>{"教育科技人才强国"});
  CHECK(d8_canonicals("canonical\n人才强国\n").empty());
  CHECK(d8_canonicals("canonical\n人才强国\n强国\n").empty());  // 强国 itself ends with no longer head
  CHECK(d8_canonicals("canonical\n人才强国\n文化国\n").empty());  // a shorter shared ending (国) is no head here
}

TEST_CASE("discovery paths: folding_changes reads bytes as decode_at and fold do, invalid UTF-8 included") {
  const auto by_code_points = [](std::string_view text) {
    for (std::size_t pos = 0, length = 0; pos < text.size(); pos += length) {
      const char32_t cp = tifa::util::decode_at(text, pos, length);
      if (tifa::slogans::fold(cp) != cp) return true;
    }
    return false;
  };
  std::vector<std::string> texts = {"", "abc", "ＡＢＣ", "發展", "发展", "“发展”", "\xE4\xB8", "\xE7\x99\xBC",
                                    "\xE7\x99", "a\xF0\x9F\x98\x80", "\xF0\xA0\x80\x80", "\xEF\xBC\x81", "\xE2\xBA\x80"};
  // Random bytes, most of them leads and continuation bytes of three-byte characters.
  const unsigned char alphabet[] = {0x20, 0x41, 0xC2, 0xA0, 0xE2, 0xE3, 0xE4, 0xE7, 0xEF, 0xF0,
                                    0x80, 0x99, 0xBC, 0xBF, 0x81, 0x9F, 0xA5, 0xBB};
  std::uint32_t state = 99;
  for (int t = 0; t < 2000; ++t) {
    std::string text;
    for (int i = 0; i < t % 13; ++i) {
      state = state * 1664525u + 1013904223u;
      text += static_cast<char>(alphabet[(state >> 16) % sizeof alphabet]);
    }
    texts.push_back(text);
  }
  std::size_t changed = 0;
  for (const std::string& text : texts) {
    CAPTURE(text);
    CHECK(tifa::slogans::folding_changes(text) == by_code_points(text));
    changed += by_code_points(text);
  }
  CHECK(changed > 10);
}

TEST_CASE("recognizer paths: a quote split is looked for only where a form may begin, folded alike") {
  // S8 with the content's first character traditional (兩 folds to 两), and a form whose first
  // character is full-width (Ａ folds to A): both contents begin where a form begins once folded.
  const auto traditional = run("全区“兩新”组织负责人参加培训");
  INFO(traditional.dump());
  CHECK(traditional.require("兩新").canonical == "两新组织");
  const tifa::Recognizer recognizer(tsv("canonical\nＡ计划行动\n"));
  const std::string text = "全面推进“A计划”行动，成效明显。";
  const auto mentions = recognizer.find(text);
  REQUIRE(mentions.size() == 1);
  CHECK(text.substr(mentions[0].span.begin, mentions[0].span.size()) == "A计划");
  CHECK(has_flag(mentions[0], tifa::kMentionQuoteSplit));
  // A content whose first character begins no form gets no split.
  CHECK(recognizer.find("全面推进“B计划”行动，成效明显。").empty());
}

TEST_CASE("discovery paths: a quote whose content a lexicon mention covers or runs over makes no candidate") {
  // consider_quote() leaves such a quote out before judging it (merge() would drop its candidate);
  // one whose content strictly holds the mention still makes it, and replaces the mention.
  const tifa::Lexicon lexicon = tsv("canonical\n健康中国\n两新组织\n");
  const auto low = floor_at(Confidence::kLow);
  const auto same = run_with(lexicon, "深入开展“健康中国”行动，成效明显。", low);
  INFO(same.dump());
  const auto& form = same.require("健康中国");
  CHECK(form.in_lexicon);
  CHECK(form.quoted);
  CHECK(same.count_rule("D5") == 0);
  // A form that goes on past the closing quote mark (a quote split): the content is part of it.
  const auto split = run_with(lexicon, "全区“两新”组织负责人参加培训。", low);
  INFO(split.dump());
  CHECK(split.require("两新").canonical == "两新组织");
  CHECK(split.count_rule("D3") == 0);
  CHECK(split.count_rule("D5") == 0);
  const auto longer = run_with(lexicon, "深入开展“健康中国行动”，成效明显。", low);
  INFO(longer.dump());
  const auto& term = longer.require("健康中国行动");
  CHECK_FALSE(term.in_lexicon);
  CHECK(has_flag(term, tifa::kMentionContainsLexicon));
  CHECK(longer.count_canonical("健康中国") == 0);
  // Quotes later in the text are judged as before once such a quote is left out.
  const auto both = run_with(lexicon, "开展“健康中国”行动和“乡村振兴”工作。", low);
  INFO(both.dump());
  CHECK(both.require("健康中国").in_lexicon);
  CHECK(both.require("乡村振兴").rule == "D5");
}

TEST_CASE("discovery paths: no unquoted candidate is made over a lexicon mention, which keeps its place") {
  // The rules leave out a numeral, a campaign head or a set that a lexicon mention covers (merge()
  // would drop the candidate); without the form in the lexicon the same text gives the candidate.
  const auto low = floor_at(Confidence::kLow);
  const struct {
    const char* text;
    const char* form;
    const char* rule;
  } cases[] = {
      {"深入实施产业基础再造工程，成效明显。", "基础再造", "D7"},
      {"坚持抓思想、抓组织、抓作风，成效明显。", "抓组织", "D6"},
      {"大力推进三去一降一补工作，成效明显。", "一降一补", "D2"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto without = run_with(tsv("canonical\n无关词语\n"), c.text, low);
    INFO(without.dump());
    CHECK(without.count_rule(c.rule) == 1);
    const auto with = run_with(tsv(std::string("canonical\n") + c.form + "\n"), c.text, low);
    INFO(with.dump());
    CHECK(with.count_rule(c.rule) == 0);
    CHECK(with.require(c.form).in_lexicon);
  }
}
