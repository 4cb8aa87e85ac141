// spec/slogans.md §1 (what a mention is: shapes, spans S1-S9, kind, provenance, the record) and §3
// (matching: folding, leftmost-longest, edge guards, extraction noise, quotes). Every `→` example
// of these sections is a test case here; expected values are copied from the spec by hand.
// Examples whose slogans are real entries use the built-in lexicon; mechanism examples use a tiny
// lexicon loaded with Lexicon::from_tsv.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "slogan_check.hpp"
#include "tifa/error.hpp"

using namespace slogan_test;

// ---------------------------------------------------------------------------------------------
// §1.1 What a slogan mention is
// ---------------------------------------------------------------------------------------------

TEST_CASE("1.1: every slogan shape of the table is found through the built-in lexicon") {
  struct Row {
    const char* surface;
    const char* canonical;  // "" when the spec does not state it
  };
  const Row rows[] = {
      // numeral + classifier + noun
      {"两个确立", "两个确立"}, {"三项制度改革", "三项制度改革"}, {"五篇大文章", "五篇大文章"},
      // numeral compound
      {"一增一稳四提升", "一增一稳四提升"}, {"两不愁三保障", "两不愁三保障"}, {"一核一带一区", "一核一带一区"},
      // numeral + one character
      {"六稳", "六稳"}, {"双碳", "双碳"}, {"三农", "三农"},
      // plan periods, digit slogans
      {"十四五", "十四五"}, {"1+N", ""}, {"中国制造2025", "中国制造2025"}, {"18亿亩耕地红线", "18亿亩耕地红线"},
      // (quoted) coined terms, here unquoted: the lexicon finds them anyway
      {"国之大者", "国之大者"}, {"卡脖子", "卡脖子"}, {"急难愁盼", "急难愁盼"},
      // parallel formulae
      {"共商共建共享", "共商共建共享"}, {"藏粮于地、藏粮于技", "藏粮于地、藏粮于技"},
      // named campaigns and strategies
      {"国企改革三年行动", "国企改革三年行动"}, {"科教兴国战略", "科教兴国战略"},
      // abbreviations of a longer name: the canonical is the longer name (lexicon variants)
      {"混改", "混合所有制改革"}, {"新基建", "新型基础设施建设"},
      // unquoted fixed phrases
      {"高质量发展", "高质量发展"}, {"统筹发展和安全", "统筹发展和安全"}, {"钉钉子精神", "钉钉子精神"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.surface);
    const auto r = run(std::string("会议要求坚持") + row.surface + "，久久为功。");
    const auto& m = r.require(row.surface);
    CHECK(m.in_lexicon);
    CHECK(m.rule == "L");
    if (*row.canonical != '\0') CHECK(m.canonical == row.canonical);
  }
}

TEST_CASE("1.1: the abbreviation 三年行动 is found as a lexicon variant of 国企改革三年行动") {
  const auto r = run("推进国有企业改革，确保三年行动目标任务完成。");
  const auto& m = r.require("三年行动");
  CHECK(m.canonical == "国企改革三年行动");
  CHECK(m.in_lexicon);
  CHECK(has_flag(m, tifa::kMentionContext));
}

TEST_CASE("1.1: discovery cannot find unquoted fixed phrases; only a lexicon entry finds them") {
  const std::string text = "深入贯彻落实科学发展观，积极开展创先争优活动。";
  const auto none = run_with(tifa::Lexicon(), text, floor_at(Confidence::kLow));
  INFO(none.dump());
  CHECK_FALSE(none.overlaps("科学发展观"));
  CHECK_FALSE(none.overlaps("创先争优"));

  const auto found =
      run_with(tsv("canonical\tcategory\n科学发展观\tideology\n创先争优\tparty-building\n"), text);
  CHECK(found.require("科学发展观").canonical == "科学发展观");
  CHECK(found.require("创先争优").canonical == "创先争优");
}

// ---------------------------------------------------------------------------------------------
// §1.2 Span conventions
// ---------------------------------------------------------------------------------------------

TEST_CASE("S1: a surface is the exact slice of the text and spans sit on code-point boundaries") {
  // Traditional characters, full-width ASCII and a line break inside a slogan; the invariants
  // (boundaries, no overlap, surface = slice) are checked by run() for every mention.
  const auto r = run("堅持「四個全面」，实施１＋Ｎ政策体系，服务构建新发展\n格局。");
  CHECK(r.require("四個全面").canonical == "四个全面");
  CHECK(r.require("１＋Ｎ政策体系").in_lexicon);
  CHECK(r.require("新发展\n格局").canonical == "新发展格局");
  for (const auto& m : r.mentions) {
    CHECK(r.text.substr(m.span.begin, m.span.end - m.span.begin) == r.surface(m));
  }
}

TEST_CASE("S2: a quoted slogan's span is the content between the marks") {
  SUBCASE("推动共建“一带一路”走深走实") {
    const auto r = run("推动共建“一带一路”走深走实");
    const auto& m = r.require("一带一路");
    CHECK(m.quoted);
    CHECK(m.canonical == "一带一路");
    CHECK(r.count_canonical("一带一路") == 1);
  }
  SUBCASE("围绕“千万头肉牛”工程") {
    const auto r = run("围绕“千万头肉牛”工程");
    const auto& m = r.require("千万头肉牛");
    CHECK(m.quoted);
    CHECK(m.canonical == "千万头肉牛");
  }
}

TEST_CASE("S3: an unquoted slogan spans the longest lexicon form at its position") {
  SUBCASE("稳中求进工作总基调 is one mention of 稳中求进") {
    const auto r = run("坚持稳中求进工作总基调。");
    INFO(r.dump());
    REQUIRE(r.mentions.size() == 1);
    CHECK(r.mentions[0].canonical == "稳中求进");
  }
  SUBCASE("中央八项规定精神 is one mention of 中央八项规定") {
    const auto r = run("严格落实中央八项规定精神。");
    INFO(r.dump());
    REQUIRE(r.mentions.size() == 1);
    CHECK(r.mentions[0].canonical == "中央八项规定");
  }
  SUBCASE("an unknown named campaign found by D7 spans its full name") {
    const auto r = run("深入实施产业基础再造工程");
    INFO(r.dump());
    REQUIRE(r.mentions.size() == 1);
    const auto& m = r.require("产业基础再造工程");
    CHECK(m.rule == "D7");
    CHECK_FALSE(m.in_lexicon);
    CHECK(m.canonical == "产业基础再造工程");
  }
}

TEST_CASE("S4: one mention per maximal span, nothing nested inside it") {
  SUBCASE("黄河流域生态保护和高质量发展") {
    const auto r = run("推动黄河流域生态保护和高质量发展。");
    INFO(r.dump());
    REQUIRE(r.mentions.size() == 1);
    CHECK(r.surface(r.mentions[0]) == "黄河流域生态保护和高质量发展");
    CHECK(r.count_canonical("高质量发展") == 0);
  }
  SUBCASE("the Thought nested in the theme education") {
    const auto r = run("开展学习贯彻习近平新时代中国特色社会主义思想主题教育。");
    INFO(r.dump());
    REQUIRE(r.mentions.size() == 1);
    CHECK(r.surface(r.mentions[0]) == "学习贯彻习近平新时代中国特色社会主义思想主题教育");
    CHECK(r.count_canonical("习近平新时代中国特色社会主义思想") == 0);
  }
}

TEST_CASE("S5: a parallel set is one mention from its first to its last character") {
  SUBCASE("lexicon set 学思想、强党性、重实践、建新功") {
    const auto r = run("聚焦学思想、强党性、重实践、建新功。");
    INFO(r.dump());
    REQUIRE(r.mentions.size() == 1);
    const auto& m = r.require("学思想、强党性、重实践、建新功");
    CHECK(m.in_lexicon);
    CHECK(kind(m) == "parallel");
  }
  SUBCASE("discovered quoted set “保发展、保民生、保稳定”") {
    const auto r = run("围绕“保发展、保民生、保稳定”这一目标");
    INFO(r.dump());
    REQUIRE(r.mentions.size() == 1);
    const auto& m = r.require("保发展、保民生、保稳定");
    CHECK_FALSE(m.in_lexicon);
    CHECK(m.quoted);
    CHECK(kind(m) == "parallel");
  }
  SUBCASE("items quoted one by one are one mention each") {
    const auto r = run("健全“能上能下”“能进能出”“能增能减”的机制");
    INFO(r.dump());
    CHECK(r.surfaces() == list({"能上能下", "能进能出", "能增能减"}));
    for (const auto& m : r.mentions) CHECK(m.quoted);
  }
  SUBCASE("items that are lexicon forms on their own make no set mention") {
    const auto r = run_low("建设制造强国、质量强国、网络强国。");
    INFO(r.dump());
    CHECK(r.surfaces() == list({"制造强国", "质量强国", "网络强国"}));
    for (const auto& m : r.mentions) CHECK(m.in_lexicon);
  }
}

TEST_CASE("S6: an enumeration used as members is no mention; lexicon mentions inside it stay") {
  SUBCASE("discovery candidates inside the members are dropped") {
    const std::string enumeration = "有法可依、有法必依、执法必严、违法必究";
    const auto r = run_low("“" + enumeration + "”，这“十六字方针”");
    INFO(r.dump());
    const auto& m = r.require("十六字方针");
    CHECK(m.members.size() == 4);
    CHECK_FALSE(r.overlaps(enumeration));
  }
  SUBCASE("a lexicon form among the members stays a mention") {
    const auto r = run("坚持“两个至上”，即人民至上、生命至上");
    const auto& m = r.require("两个至上");
    CHECK(r.members(m) == list({"人民至上", "生命至上"}));
    CHECK(r.require("人民至上").in_lexicon);
  }
}

TEST_CASE("S7: adjacent mentions stay separate") {
  const auto r = run("做好“六稳”“六保”工作");
  INFO(r.dump());
  CHECK(r.surfaces() == list({"六稳", "六保"}));
  CHECK(r.require("六稳").canonical == "六稳");
  CHECK(r.require("六保").canonical == "六保");
}

TEST_CASE("S8: a form cut by quote marks takes its canonical from the characters after the mark") {
  const auto r = run("全区“两新”组织负责人参加培训");
  INFO(r.dump());
  REQUIRE(r.mentions.size() == 1);
  const auto& m = r.require("两新");
  CHECK(m.canonical == "两新组织");
  CHECK(has_flag(m, tifa::kMentionQuoteSplit));
  CHECK(m.quoted);
  CHECK(m.in_lexicon);  // §1.3: also for quote-split mentions
  CHECK(level(m) == "high");  // §6: a quote-split completion is high
  CHECK(r.count_canonical("两新") == 0);
}

// S9 (noise inside a slogan) is tested with the examples of §3.5 below.

// ---------------------------------------------------------------------------------------------
// §1.3 Kind, provenance, quoting
// ---------------------------------------------------------------------------------------------

TEST_CASE("1.3: numeric: a numeral morpheme leading a segment or counting") {
  for (const char* s : {"两个维护", "一利五率", "双碳", "十四五", "18亿亩耕地红线", "中国制造2025"}) {
    CAPTURE(s);
    const auto r = run(std::string("会议要求坚持") + s + "，久久为功。");
    CHECK(kind(r.require(s)) == "numeric");
  }
  // numeric beats parallel: 千村示范、万村整治 holds two items and is numeric.
  const auto r = run("深化千村示范、万村整治，久久为功。");
  CHECK(kind(r.require("千村示范、万村整治")) == "numeric");
}

TEST_CASE("1.3: numerals inside ordinary words do not make a slogan numeric") {
  for (const char* s : {"世界一流企业", "长三角一体化", "全国统一大市场"}) {
    CAPTURE(s);
    const auto r = run(std::string("会议要求坚持") + s + "，久久为功。");
    CHECK(kind(r.require(s)) == "lexicon");
  }
}

TEST_CASE("1.3: parallel: items separated by 、 or equal-length segments sharing a character") {
  for (const char* s : {"能上能下", "共商共建共享", "不敢腐不能腐不想腐", "学思想、强党性、重实践、建新功"}) {
    CAPTURE(s);
    const auto r = run(std::string("会议要求坚持") + s + "，久久为功。");
    CHECK(kind(r.require(s)) == "parallel");
  }
}

TEST_CASE("1.3: quoted and lexicon kinds, and the order numeric > parallel > quoted > lexicon") {
  const auto r = run("牢记“国之大者”，推动高质量发展，做好“六稳”工作，健全“能上能下”机制。");
  INFO(r.dump());
  CHECK(kind(r.require("国之大者")) == "quoted");
  CHECK(kind(r.require("高质量发展")) == "lexicon");
  CHECK(kind(r.require("六稳")) == "numeric");      // numeric beats quoted
  CHECK(kind(r.require("能上能下")) == "parallel");  // parallel beats quoted
  CHECK(r.require("六稳").quoted);
  CHECK(r.require("能上能下").quoted);
  CHECK_FALSE(r.require("高质量发展").quoted);
}

TEST_CASE("1.3: in_lexicon is true for lexicon, quote-split and abbreviation mentions, false for discovered ones") {
  const auto r = run("推进国有企业改革，确保三年行动目标任务完成。全区“两新”组织负责人深度参与“绵品出川”行动。");
  INFO(r.dump());
  CHECK(r.require("三年行动").in_lexicon);
  CHECK(r.require("两新").in_lexicon);
  const auto& d = r.require("绵品出川");
  CHECK_FALSE(d.in_lexicon);
}

TEST_CASE("1.3: a form inside a longer quotation is not quoted; one filling a nested ‘…’ pair is") {
  const auto a = run("他说：“我们要坚持稳中求进，推动各项工作。”");
  CHECK_FALSE(a.require("稳中求进").quoted);
  const auto b = run("他说：“我们要坚决做到‘两个维护’，推动各项工作。”");
  CHECK(b.require("两个维护").quoted);
}

// ---------------------------------------------------------------------------------------------
// §1.4 The mention record
// ---------------------------------------------------------------------------------------------

TEST_CASE("1.4: slogan_id is the entry id, category the entry's category") {
  const auto lexicon = tsv(
      "canonical\tid\tcategory\tvariants\n"
      "国企改革三年行动\tsoe.three-year\tsoe-reform\t国有企业改革三年行动\n"
      "高质量发展\t\teconomy\n");
  const auto r = run_with(lexicon, "推进国有企业改革三年行动，推动高质量发展。");
  const auto& a = r.require("国有企业改革三年行动");
  CHECK(a.canonical == "国企改革三年行动");
  CHECK(a.slogan_id == "soe.three-year");
  CHECK(a.category == "soe-reform");
  CHECK(a.rule == "L");
  const auto& b = r.require("高质量发展");
  CHECK(b.slogan_id == "高质量发展");  // §2.1: without an id the id is the canonical
  CHECK(b.category == "economy");
}

TEST_CASE("1.4: a discovered mention has id d:+canonical, no category and its discovery rule") {
  const auto r = run("深度参与“绵品出川”行动");
  const auto& m = r.require("绵品出川");
  CHECK(m.slogan_id == "d:绵品出川");
  CHECK(m.category.empty());
  CHECK(m.rule == "D5");
  CHECK(m.canonical == "绵品出川");
}

TEST_CASE("1.4: sentence is the index of the sentence holding span.begin") {
  const auto r = run("会议在北京召开。会议要求坚持稳中求进。");
  CHECK(r.require("稳中求进").sentence == 1);
}

// ---------------------------------------------------------------------------------------------
// §3.1 Principles
// ---------------------------------------------------------------------------------------------

TEST_CASE("3.1: invalid UTF-8 is an error of find()") {
  const std::string bad = "推动高质量发展\xff\xfe";
  try {
    (void)builtin().find(bad);
    FAIL("no exception for invalid UTF-8");
  } catch (const tifa::Error& e) {
    CHECK(e.code() == tifa::ErrorCode::kUtf8);
  }
}

TEST_CASE("3.1: a lexicon form matches wherever its characters occur") {
  const auto r = run("推进制造业高质量发展工作");
  CHECK(r.require("高质量发展").canonical == "高质量发展");
}

// ---------------------------------------------------------------------------------------------
// §3.2 Folding
// ---------------------------------------------------------------------------------------------

TEST_CASE("3.2: the surface keeps the script of the text, the canonical is simplified") {
  SUBCASE("堅持「四個全面」") {
    const auto r = run("堅持「四個全面」");
    const auto& m = r.require("四個全面");
    CHECK(m.canonical == "四个全面");
    CHECK(has_flag(m, tifa::kMentionTraditional));
    CHECK(m.quoted);
  }
  SUBCASE("實現「雙碳」目標") {
    const auto r = run("實現「雙碳」目標");
    const auto& m = r.require("雙碳");
    CHECK(m.canonical == "双碳");
    CHECK(has_flag(m, tifa::kMentionTraditional));
  }
}

TEST_CASE("3.2: traditional text matches a row that lists no traditional variant") {
  const auto lexicon = tsv("canonical\tcategory\n国企改革三年行动\tsoe-reform\n碳达峰\tgreen\n");
  const auto r = run_with(lexicon, "推進國企改革三年行動，實現碳達峯。");
  INFO(r.dump());
  const auto& a = r.require("國企改革三年行動");
  CHECK(a.canonical == "国企改革三年行动");
  CHECK(has_flag(a, tifa::kMentionTraditional));
  CHECK(r.require("碳達峯").canonical == "碳达峰");  // variant pair 峯→峰
}

TEST_CASE("3.2: the traditional flag follows the surface, whichever spelling the lexicon lists first") {
  // 國企改革 is listed as a variant of its own, after the canonical that folds alike: matches of
  // either spelling report the canonical's form, and only the traditional surface is flagged.
  const auto lexicon = tsv("canonical\tvariants\n国企改革\t國企改革\n");
  const auto simplified = run_with(lexicon, "推进国企改革。");
  CHECK_FALSE(has_flag(simplified.require("国企改革"), tifa::kMentionTraditional));
  const auto traditional = run_with(lexicon, "推進國企改革。");
  CHECK(has_flag(traditional.require("國企改革"), tifa::kMentionTraditional));
  const auto both = run_with(lexicon, "推进国企改革，深化國企改革。");
  CHECK_FALSE(has_flag(both.require("国企改革"), tifa::kMentionTraditional));
  CHECK(has_flag(both.require("國企改革"), tifa::kMentionTraditional));
}

TEST_CASE("3.2: full-width ASCII folds to ASCII; there is no case folding and ×, x, X are distinct") {
  const auto lexicon = tsv("canonical\tvariants\n1+N政策体系\t1+N\n数据要素×\t数据要素X\n");
  SUBCASE("１＋Ｎ matches 1+N") {
    const auto r = run_with(lexicon, "实施１＋Ｎ，推动工作。");
    CHECK(r.require("１＋Ｎ").canonical == "1+N政策体系");
  }
  SUBCASE("1+n does not match 1+N") {
    const auto r = run_with(lexicon, "实施1+n，推动工作。");
    CHECK(r.mentions.empty());
  }
  SUBCASE("数据要素x matches neither 数据要素× nor 数据要素X") {
    const auto r = run_with(lexicon, "实施数据要素x行动。");
    CHECK(r.count_canonical("数据要素×") == 0);
  }
  SUBCASE("１８亿亩耕地红线 with the built-in lexicon") {
    const auto r = run("守住１８亿亩耕地红线。");
    CHECK(r.require("１８亿亩耕地红线").canonical == "18亿亩耕地红线");
  }
}

// ---------------------------------------------------------------------------------------------
// §3.3 Leftmost-longest
// ---------------------------------------------------------------------------------------------

TEST_CASE("3.3: among forms starting at the leftmost position the longest wins") {
  SUBCASE("扎实推进国企改革三年行动") {
    const auto r = run("扎实推进国企改革三年行动");
    INFO(r.dump());
    REQUIRE(r.mentions.size() == 1);
    CHECK(r.surface(r.mentions[0]) == "国企改革三年行动");
  }
  SUBCASE("推进全面从严治党") {
    const auto r = run("推进全面从严治党");
    INFO(r.dump());
    REQUIRE(r.mentions.size() == 1);
    CHECK(r.surface(r.mentions[0]) == "全面从严治党");
    CHECK(r.mentions[0].canonical == "全面从严治党");
  }
  SUBCASE("坚持和发展新时代枫桥经验") {
    const auto r = run("坚持和发展新时代枫桥经验");
    INFO(r.dump());
    REQUIRE(r.mentions.size() == 1);
    CHECK(r.surface(r.mentions[0]) == "新时代枫桥经验");
    CHECK(r.mentions[0].canonical == "枫桥经验");
  }
  SUBCASE("推行“一企一策一专班”") {
    const auto r = run("推行“一企一策一专班”");
    INFO(r.dump());
    REQUIRE(r.mentions.size() == 1);
    CHECK(r.surface(r.mentions[0]) == "一企一策一专班");
    CHECK(r.mentions[0].canonical == "一企一策一专班");
  }
}

TEST_CASE("3.3: a match that starts earlier wins over a longer one that starts later") {
  const auto lexicon = tsv("canonical\n新发展\n发展格局优化\n");
  const auto r = run_with(lexicon, "推动新发展格局优化。");
  INFO(r.dump());
  CHECK(r.surfaces() == list({"新发展"}));
}

// ---------------------------------------------------------------------------------------------
// §3.4 Edge guards
// ---------------------------------------------------------------------------------------------

TEST_CASE("G1: a form with a digit or Latin edge does not match next to a digit, letter or point") {
  SUBCASE("built-in lexicon: 3060 in 13060吨, 1+N in 11+N") {
    CHECK(run("全年减排13060吨。").mentions.empty());
    CHECK(run("实施11+N政策。").count_canonical("1+N政策体系") == 0);
  }
  SUBCASE("tiny lexicon") {
    const auto lexicon = tsv("canonical\tvariants\n双碳\t3060\n1+N政策体系\t1+N\n");
    CHECK(run_with(lexicon, "全年减排13060吨。").mentions.empty());
    CHECK(run_with(lexicon, "指数为2.3060。").mentions.empty());
    CHECK(run_with(lexicon, "数值为3060.5。").mentions.empty());
    CHECK(run_with(lexicon, "实施11+N政策。").mentions.empty());
    CHECK(run_with(lexicon, "实施1+Nx政策。").mentions.empty());
    CHECK(run_with(lexicon, "实现3060目标。").require("3060").canonical == "双碳");
    CHECK(run_with(lexicon, "实施1+N政策。").require("1+N").canonical == "1+N政策体系");
  }
}

TEST_CASE("G2: a form beginning with a Chinese numeral does not match after a numeral, digit or 第") {
  CHECK(run_low("通读二十四史。").count_canonical("四史") == 0);
  const auto lexicon = tsv("canonical\n四史\n三农\n");
  CHECK(run_with(lexicon, "通读二十四史。").mentions.empty());
  CHECK(run_with(lexicon, "前往第三农场。").mentions.empty());
  CHECK(run_with(lexicon, "共有3三农户。").mentions.empty());
  CHECK(run_with(lexicon, "做好三农工作。").require("三农").canonical == "三农");
}

TEST_CASE("G3: forms inside 《…》 match with flag in_book_title") {
  const auto r = run("印发《“十四五”商务发展规划》");
  const auto& m = r.require("十四五");
  CHECK(has_flag(m, tifa::kMentionInBookTitle));
  CHECK(m.canonical == "十四五");
}

TEST_CASE("G4: no match crosses sentence-final punctuation or a quote mark") {
  const auto lexicon = tsv("canonical\n稳中求进\n");
  CHECK(run_with(lexicon, "坚持稳中求。进是关键").mentions.empty());
  const auto r = run_with(lexicon, "坚持稳“中求进”工作");
  INFO(r.dump());
  CHECK(r.count_canonical("稳中求进") == 0);
}

// ---------------------------------------------------------------------------------------------
// §3.5 Extraction noise inside a slogan (S9)
// ---------------------------------------------------------------------------------------------

TEST_CASE("3.5: a space inside a quoted slogan: span 两学 一做, canonical 两学一做, flags gap, quoted") {
  const auto r = run("持续巩固“两学 一做”成果");
  const auto& m = r.require("两学 一做");
  CHECK(m.canonical == "两学一做");
  CHECK(has_flag(m, tifa::kMentionGap));
  CHECK(m.quoted);
}

TEST_CASE("3.5: the span runs over a line break, the canonical does not") {
  const auto r = run("服务构建新发展\n格局");
  const auto& m = r.require("新发展\n格局");
  CHECK(m.canonical == "新发展格局");
  CHECK(has_flag(m, tifa::kMentionGap));
}

TEST_CASE("3.5: a page marker inside a slogan is noise") {
  const auto r = run("践行“三严<PAGE_DIV>三实”");
  const auto& m = r.require("三严<PAGE_DIV>三实");
  CHECK(m.canonical == "三严三实");
  CHECK(has_flag(m, tifa::kMentionGap));
}

TEST_CASE("3.5: a blank line is never inside a slogan") {
  const auto r = run("新发展\n\n格局");
  INFO(r.dump());
  CHECK(r.count_canonical("新发展格局") == 0);
}

TEST_CASE("3.5: discovery sees through the same runs") {
  const auto r = run("要求做到“四个 更加”");
  const auto& m = r.require("四个 更加");
  CHECK(m.canonical == "四个更加");
  CHECK(has_flag(m, tifa::kMentionGap));
}

TEST_CASE("3.5: gap_tolerance = false turns the noise rule off") {
  tifa::RecognizerOptions options;
  options.gap_tolerance = false;
  const auto r = run_opts("服务构建新发展\n格局", options);
  INFO(r.dump());
  CHECK(r.count_canonical("新发展格局") == 0);
}

TEST_CASE("3.5: limits of the noise rule") {
  const auto lexicon = tsv("canonical\tvariants\n新发展格局\n1+N政策体系\t1+N\n三严三实\n");
  SUBCASE("at most three ignorable units per run") {
    CHECK(run_with(lexicon, "构建新发展   格局。").require("新发展   格局").canonical == "新发展格局");
    CHECK(run_with(lexicon, "构建新发展    格局。").mentions.empty());
  }
  SUBCASE("at most two runs per mention") {
    CHECK(run_with(lexicon, "构建新 发展 格局。").require("新 发展 格局").canonical == "新发展格局");
    CHECK(run_with(lexicon, "构建新 发 展 格局。").mentions.empty());
  }
  SUBCASE("runs sit only between two CJK characters or digits") {
    CHECK(run_with(lexicon, "实施1+ N。").mentions.empty());
  }
  SUBCASE("every ignorable unit") {
    for (const char* unit : {"\t", "\xc2\xa0", "\xe3\x80\x80", "\r\n", "\xe2\x80\x8b", "\xe2\x80\x8c",
                             "\xe2\x80\x8d", "\xe2\x81\xa0", "\xef\xbb\xbf", "\xc2\xad"}) {
      const std::string surface = std::string("新发展") + unit + "格局";
      CAPTURE(surface);
      const auto r = run_with(lexicon, "构建" + surface + "。");
      const auto& m = r.require(surface);
      CHECK(m.canonical == "新发展格局");
      CHECK(has_flag(m, tifa::kMentionGap));
    }
  }
  SUBCASE("runs are never at the edge of a span") {
    const auto r = run_with(lexicon, "构建 新发展格局 。");
    CHECK(r.require("新发展格局").canonical == "新发展格局");
  }
  SUBCASE("page_marker = \"\": the marker is no ignorable unit") {
    tifa::RecognizerOptions options;
    options.page_marker = "";
    const auto r = run_with(lexicon, "践行三严<PAGE_DIV>三实。", options);
    CHECK(r.count_canonical("三严三实") == 0);
  }
}

// ---------------------------------------------------------------------------------------------
// §3.6 Quotes
// ---------------------------------------------------------------------------------------------

TEST_CASE("3.6: ASCII double quotes pair: 统筹做好\"六保\"工作") {
  const auto r = run("统筹做好\"六保\"工作");
  const auto& m = r.require("六保");
  CHECK(m.quoted);
  CHECK(m.canonical == "六保");
}

TEST_CASE("3.6: every kind of quote pair makes a quoted mention") {
  for (const char* text : {"做好“六稳”工作", "做好‘六稳’工作", "做好「六稳」工作", "做好『六稳』工作",
                           "做好\"六稳\"工作"}) {
    CAPTURE(text);
    CHECK(run(text).require("六稳").quoted);
  }
}

TEST_CASE("3.6: quote pairs nest") {
  const auto r = run("会议强调：“坚决做到‘两个维护’，推动工作。”");
  CHECK(r.require("两个维护").quoted);
}

TEST_CASE("3.6: ASCII \" marks pair left to right and an odd one out is ignored") {
  const auto r = run("做好\"六稳\"和\"六保工作");
  CHECK(r.require("六稳").quoted);
  CHECK_FALSE(r.require("六保").quoted);
}

TEST_CASE("3.6: ASCII ' pairs only inside another pair") {
  CHECK_FALSE(run("做好'六稳'工作").require("六稳").quoted);
  CHECK(run("会议强调：“做好'六稳'工作。”").require("六稳").quoted);
}

TEST_CASE("3.6: reversed and unclosed marks are no pair") {
  CHECK_FALSE(run("做好”六稳“工作").require("六稳").quoted);
  CHECK_FALSE(run("做好“六稳工作").require("六稳").quoted);
}

TEST_CASE("3.6: 《…》 and 〈…〉 are titles, not quotes") {
  const auto a = run("学习《六稳》一文");
  CHECK_FALSE(a.require("六稳").quoted);
  CHECK(has_flag(a.require("六稳"), tifa::kMentionInBookTitle));
  CHECK_FALSE(run("学习〈六稳〉一文").require("六稳").quoted);
}

TEST_CASE("3.6: a pair's content is taken without ignorable units at its ends") {
  const auto r = run("做好“ 六稳 ”工作");
  CHECK(r.require("六稳").quoted);
}

TEST_CASE("3.6: quote pairs are found inside one block") {
  // find(): blocks are the paragraphs, separated by blank lines.
  const auto r = run("做好“六稳\n\n六保”工作");
  INFO(r.dump());
  CHECK_FALSE(r.require("六稳").quoted);
  CHECK_FALSE(r.require("六保").quoted);
}
