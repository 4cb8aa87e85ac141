// spec/slogans.md §4: discovery of slogans absent from the lexicon (scope, numerals, D1-D9, the
// traps of §4.4, the canonical form of §4.5). Expected values are written from the spec by hand.
// Discovery examples run over the built-in lexicon (discovery sees only text that no lexicon
// mention covers) or over an empty lexicon where the lexicon must play no part.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "slogan_check.hpp"

using namespace slogan_test;

namespace {

tifa::RecognizerOptions lexicon_only() {
  tifa::RecognizerOptions options;
  options.discovery = false;
  return options;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// §4.1 Scope and numerals
// ---------------------------------------------------------------------------------------------

TEST_CASE("4.1: discovery = false gives lexicon-only output") {
  const auto r = run_opts("深度参与“绵品出川”行动，推动高质量发展。", lexicon_only());
  INFO(r.dump());
  CHECK(r.surfaces() == list({"高质量发展"}));
}

TEST_CASE("4.1: discovery never runs inside 《…》") {
  const auto r = run_low("印发《深度参与“绵品出川”行动方案》。");
  INFO(r.dump());
  for (const auto& m : r.mentions) CHECK(m.in_lexicon);
}

TEST_CASE("4.1: 壹贰叁, 廿, 卅, 几, 数, 多, 半 are no numerals") {
  for (const char* text : {"要求做到“几个更加”", "要求做到“叁个更加”", "要求做到“廿个更加”",
                           "要求做到“数个更加”", "要求做到“半个更加”"}) {
    CAPTURE(text);
    const auto r = run_low(text);
    INFO(r.dump());
    CHECK(r.count_rule("D1") == 0);
    for (const auto& m : r.mentions) CHECK(kind(m) != "numeric");
  }
}

TEST_CASE("4.1: full-width digits are numerals (folded)") {
  const auto r = run("严格执行“５个严禁、１７个不准”");
  INFO(r.dump());
  REQUIRE(r.mentions.size() == 1);
  const auto& m = r.require("５个严禁、１７个不准");
  CHECK(m.canonical == "5个严禁、17个不准");
  CHECK(kind(m) == "numeric");
  CHECK_FALSE(m.in_lexicon);
}

// ---------------------------------------------------------------------------------------------
// D1 counted formula
// ---------------------------------------------------------------------------------------------

TEST_CASE("D1: quoted counted formulae") {
  SUBCASE("要求做到“四个更加”") {
    const auto r = run("要求做到“四个更加”");
    const auto& m = r.require("四个更加");
    CHECK(m.rule == "D1");
    CHECK(m.canonical == "四个更加");
    CHECK(kind(m) == "numeric");
    CHECK(m.quoted);
    CHECK_FALSE(m.in_lexicon);
  }
  SUBCASE("贯彻发扬“四个特别”载人航天精神") {
    const auto r = run("贯彻发扬“四个特别”载人航天精神");
    const auto& m = r.require("四个特别");
    CHECK(m.rule == "D1");
    CHECK(m.canonical == "四个特别");
  }
  SUBCASE("“十六字方针” after four items") {
    const auto r = run("“有法可依、有法必依、执法必严、违法必究”，这“十六字方针”");
    const auto& m = r.require("十六字方针");
    CHECK(m.rule == "D1");
    CHECK(r.members(m) == list({"有法可依", "有法必依", "执法必严", "违法必究"}));
  }
  SUBCASE("digits inside quotes") {
    const auto r = run("要求做到“4个更加”");
    const auto& m = r.require("4个更加");
    CHECK(m.rule == "D1");
    CHECK(m.canonical == "4个更加");
  }
}

TEST_CASE("D1: unquoted only with a complete count-checked member list") {
  const auto r = run_low("要求做到四个更加，推动发展。");
  INFO(r.dump());
  CHECK(r.count_rule("D1") == 0);
}

TEST_CASE("D1: never a measure or time noun, never a count label") {
  for (const char* text : {"明确“五大任务”", "部署八项重点工作", "明确“八项重点工作”", "用了“三个月”"}) {
    CAPTURE(text);
    const auto r = run_low(text);
    INFO(r.dump());
    CHECK(r.count_rule("D1") == 0);
    CHECK_FALSE(r.overlaps("五大任务"));
    CHECK_FALSE(r.overlaps("八项重点工作"));
    CHECK_FALSE(r.overlaps("三个月"));
  }
}

TEST_CASE("D1: the value must be 1 to 20") {
  const auto r = run_low("要求做到“三十个更加”");
  INFO(r.dump());
  CHECK(r.count_rule("D1") == 0);
}

// ---------------------------------------------------------------------------------------------
// D2 numeral compound
// ---------------------------------------------------------------------------------------------

TEST_CASE("D2: quoted numeral compounds") {
  for (const auto& [text, surface] : {std::pair{"实现了“两降两升”的总目标", "两降两升"},
                                      std::pair{"走访慰问“两代表一委员”", "两代表一委员"},
                                      std::pair{"完善“三日一网”党员活动", "三日一网"}}) {
    const std::string_view sentence = text;  // clang 14 cannot capture a binding in CAPTURE's lambda
    CAPTURE(sentence);
    const auto r = run(text);
    const auto& m = r.require(surface);
    CHECK(m.rule == "D2");
    CHECK(m.canonical == surface);
    CHECK(kind(m) == "numeric");
    CHECK(m.quoted);
  }
}

TEST_CASE("D2: unquoted without a cue stays low") {
  const std::string text = "受一城一策、因城施策影响";
  const auto low = run_low(text);
  const auto& m = low.require("一城一策");
  CHECK(m.rule == "D2");
  CHECK(level(m) == "low");
  CHECK(run(text).count("一城一策") == 0);
}

// ---------------------------------------------------------------------------------------------
// D3 numeral + one character
// ---------------------------------------------------------------------------------------------

TEST_CASE("D3: quoted numeral + one character with a cue") {
  for (const auto& [text, surface] : {std::pair{"围绕“双争”工程", "双争"}, std::pair{"围绕“双育”工程", "双育"}}) {
    const std::string_view sentence = text;  // clang 14 cannot capture a binding in CAPTURE's lambda
    CAPTURE(sentence);
    const auto r = run(text);  // a cue reaches medium
    const auto& m = r.require(surface);
    CHECK(m.rule == "D3");
    CHECK(m.canonical == surface);
    CHECK(kind(m) == "numeric");
    CHECK(m.quoted);
  }
}

TEST_CASE("D3: quoted only") {
  const auto r = run_low("大家开展双争，效果很好。");
  INFO(r.dump());
  CHECK(r.count_rule("D3") == 0);
}

// ---------------------------------------------------------------------------------------------
// D4 plan periods and digit formulae
// ---------------------------------------------------------------------------------------------

TEST_CASE("D4: 十X五 quoted or followed by 规划/时期/期间/计划/开局") {
  for (const char* head : {"规划", "时期", "期间", "计划", "开局"}) {
    const std::string text = std::string("回顾十二五") + head + "的成就。";
    CAPTURE(text);
    const auto r = run(text);
    const auto& m = r.require("十二五");
    CHECK(m.rule == "D4");
    CHECK(kind(m) == "numeric");
    CHECK_FALSE(m.in_lexicon);
  }
  const auto q = run("回顾“十一五”。");
  CHECK(q.require("十一五").rule == "D4");
  CHECK(run_low("他说十一五个人到了。").count_rule("D4") == 0);
}

TEST_CASE("D4: digit formulae inside quotes only") {
  const auto r = run("（下称“11+5”试点城市）");
  const auto& m = r.require("11+5");
  CHECK(m.canonical == "11+5");
  CHECK(m.quoted);
  CHECK_FALSE(m.in_lexicon);
  const auto unquoted = run_low("推进11+5试点城市建设。");
  INFO(unquoted.dump());
  CHECK_FALSE(unquoted.overlaps("11+5"));
}

// ---------------------------------------------------------------------------------------------
// D5 quoted short term
// ---------------------------------------------------------------------------------------------

TEST_CASE("D5: quoted short terms with a cue") {
  for (const auto& [text, surface] : {std::pair{"深度参与“绵品出川”行动", "绵品出川"},
                                      std::pair{"开展党员“亮牌示岗”活动", "亮牌示岗"},
                                      std::pair{"持续推进“倍增计划”", "倍增计划"}}) {
    const std::string_view sentence = text;  // clang 14 cannot capture a binding in CAPTURE's lambda
    CAPTURE(sentence);
    const auto r = run(text);
    const auto& m = r.require(surface);
    CHECK(m.canonical == surface);
    CHECK(m.quoted);
    CHECK_FALSE(m.in_lexicon);
    CHECK(kind(m) == "quoted");
  }
  CHECK(run("深度参与“绵品出川”行动").require("绵品出川").rule == "D5");
}

TEST_CASE("D5: content longer than 12 code points or ending in sentence punctuation is no candidate") {
  SUBCASE("14 code points") {
    const auto r = run_low("深度参与“绵阳品牌走出四川走向全国市场”行动");
    INFO(r.dump());
    CHECK_FALSE(r.overlaps("绵阳品牌走出四川走向全国市场"));
  }
  SUBCASE("quoted speech") {
    const auto r = run_low("他说：“绵品出川！”");
    INFO(r.dump());
    CHECK_FALSE(r.overlaps("绵品出川"));
  }
}

TEST_CASE("D5: a form that failed its context stays rejected") {
  // 压舱石 needs a sentence term (国有, 国企, ...): none here, and the rule has no `quoted` clause.
  const auto r = run_low("加工在整个荔枝产业链中发挥着“压舱石”作用");
  INFO(r.dump());
  CHECK_FALSE(r.overlaps("压舱石"));
}

// ---------------------------------------------------------------------------------------------
// D6 parallel set
// ---------------------------------------------------------------------------------------------

TEST_CASE("D6: 早部署、早发力、早见效 is one parallel mention with a strong share") {
  const auto r = run("早部署、早发力、早见效");
  INFO(r.dump());
  REQUIRE(r.mentions.size() == 1);
  const auto& m = r.require("早部署、早发力、早见效");
  CHECK(m.rule == "D6");
  CHECK(kind(m) == "parallel");
  CHECK(m.canonical == "早部署、早发力、早见效");
  CHECK(level(m) == "medium");  // §6: unquoted D6 with a strong share
  CHECK(r.members(m) == list({"早部署", "早发力", "早见效"}));
}

TEST_CASE("D6: quoted sets") {
  SUBCASE("围绕“保发展、保民生、保稳定”这一目标") {
    const auto r = run("围绕“保发展、保民生、保稳定”这一目标");
    REQUIRE(r.mentions.size() == 1);
    const auto& m = r.require("保发展、保民生、保稳定");
    CHECK(m.rule == "D6");
    CHECK(r.members(m) == list({"保发展", "保民生", "保稳定"}));
  }
  SUBCASE("开展“讲党性、重品行、作表率”活动: no shared character, quoted and equal length") {
    const auto r = run("开展“讲党性、重品行、作表率”活动");
    REQUIRE(r.mentions.size() == 1);
    const auto& m = r.require("讲党性、重品行、作表率");
    CHECK(m.rule == "D6");
    CHECK(kind(m) == "parallel");
  }
  SUBCASE("“发展是第一要务、稳定是第一责任”的原则") {
    const auto r = run("“发展是第一要务、稳定是第一责任”的原则");
    REQUIRE(r.mentions.size() == 1);
    const auto& m = r.require("发展是第一要务、稳定是第一责任");
    CHECK(m.rule == "D6");
    CHECK(m.canonical == "发展是第一要务、稳定是第一责任");
  }
}

TEST_CASE("D6: not sets") {
  for (const char* text : {"突出重点、把握关键、深入攻坚", "国防、粮食、能源、资源", "苦练内功、做大做强"}) {
    CAPTURE(text);
    const auto r = run_low(text);
    INFO(r.dump());
    CHECK(r.count_rule("D6") == 0);
    for (const auto& m : r.mentions) CHECK(kind(m) != "parallel");
  }
}

TEST_CASE("D6: a weak share stays low") {
  const std::string text = "提高监管的系统性、精准性、有效性。";
  // The Result must outlive `m` (found by ASan: heap-use-after-free of the temporary's mentions).
  const auto result = run_low(text);
  const auto& m = result.require("系统性、精准性、有效性");
  CHECK(m.rule == "D6");
  CHECK(level(m) == "low");
  CHECK(run(text).count("系统性、精准性、有效性") == 0);
}

// ---------------------------------------------------------------------------------------------
// D7 named campaign
// ---------------------------------------------------------------------------------------------

TEST_CASE("D7: named campaigns after a governing verb") {
  for (const auto& [text, surface] : {std::pair{"深入实施产业基础再造工程", "产业基础再造工程"},
                                      std::pair{"扎实推进效益提升专项行动", "效益提升专项行动"}}) {
    const std::string_view sentence = text;  // clang 14 cannot capture a binding in CAPTURE's lambda
    CAPTURE(sentence);
    const auto r = run(text);
    INFO(r.dump());
    REQUIRE(r.mentions.size() == 1);
    const auto& m = r.require(surface);
    CHECK(m.rule == "D7");
    CHECK(m.canonical == surface);
    CHECK_FALSE(m.in_lexicon);
    CHECK(level(m) == "medium");  // §6: D7 after a governing verb
  }
}

TEST_CASE("D7: a lexicon form inside the run is reported instead") {
  const auto r = run_low("深入实施瘦身健体专项行动");
  INFO(r.dump());
  REQUIRE(r.mentions.size() == 1);
  const auto& m = r.require("瘦身健体");
  CHECK(m.in_lexicon);
  CHECK(m.rule == "L");
}

TEST_CASE("D7: a run ending in a context-dependent form that failed is a mention as a whole") {
  // 三年行动 fails its §2.4 rule here (no 国企 term, preceded by other name characters).
  const auto r = run("深入实施农业农村现代化三年行动");
  INFO(r.dump());
  const auto& m = r.require("农业农村现代化三年行动");
  CHECK(m.rule == "D7");
  CHECK_FALSE(m.in_lexicon);
  CHECK(r.count_canonical("国企改革三年行动") == 0);
}

TEST_CASE("D7: no run starts with a quantity word; without a governing verb D7 is low") {
  const auto quantity = run_low("深入实施一批重大工程。");
  INFO(quantity.dump());
  CHECK(quantity.count_rule("D7") == 0);
  const std::string text = "会议召开。产业基础再造工程进展顺利。";
  CHECK(level(run_low(text).require("产业基础再造工程")) == "low");
  CHECK(run(text).count("产业基础再造工程") == 0);
}

// ---------------------------------------------------------------------------------------------
// D8 coordination ellipsis
// ---------------------------------------------------------------------------------------------

TEST_CASE("D8: 加快建设教育、科技、人才强国 is one mention, not a lone 人才强国") {
  const auto r = run("加快建设教育、科技、人才强国");
  INFO(r.dump());
  REQUIRE(r.mentions.size() == 1);
  const auto& m = r.require("教育、科技、人才强国");
  CHECK(m.canonical == "教育科技人才强国");
  CHECK(m.rule == "D8");
  CHECK(kind(m) == "parallel");
  CHECK(r.members(m) == list({"教育", "科技", "人才"}));
  CHECK(level(m) == "high");  // §6: every item + head is a lexicon form
  CHECK(r.count_canonical("人才强国") == 0);
}

// ---------------------------------------------------------------------------------------------
// D9 abbreviations defined in the text
// ---------------------------------------------------------------------------------------------

TEST_CASE("D9: NAME（以下简称“Y”） gives two mentions with one canonical; later Y are abbrev mentions") {
  const auto r = run("深入推进“数字经济一号工程”（以下简称“一号工程”）。全市一号工程成效明显。");
  INFO(r.dump());
  const auto& name = r.require("数字经济一号工程");
  CHECK(name.canonical == "一号工程");
  CHECK(name.rule == "D9");
  CHECK(level(name) == "high");
  REQUIRE(r.count("一号工程") == 2);
  for (const auto& m : r.mentions) {
    if (r.surface(m) != "一号工程") continue;
    CHECK(m.canonical == "一号工程");
  }
  // The later occurrence.
  const Mention& later = r.mentions.back();
  CHECK(r.surface(later) == "一号工程");
  CHECK(has_flag(later, tifa::kMentionAbbrev));
}

TEST_CASE("D9: 简称 and 下称 with ASCII brackets, and the lexicon canonical when either is a lexicon form") {
  const auto r = run("决战决胜国有企业改革三年行动(简称“三年行动”)。今年是三年行动收官之年。");
  INFO(r.dump());
  for (const auto& m : r.mentions) CHECK(m.canonical == "国企改革三年行动");
  CHECK(r.count("三年行动") == 2);
  CHECK(r.require("国有企业改革三年行动").in_lexicon);
}

TEST_CASE("D9: titles are not names") {
  const auto r = run("印发《“十四五”商务发展规划》（以下简称《规划》）");
  INFO(r.dump());
  CHECK(r.surfaces() == list({"十四五"}));
}

// ---------------------------------------------------------------------------------------------
// §4.4 Traps that must not be reported
// ---------------------------------------------------------------------------------------------

TEST_CASE("4.4: hard negatives are never reported, at any level") {
  struct Trap {
    const char* text;
    const char* trap;
  };
  const Trap traps[] = {
      // numeral + measure or time word
      {"会议开了两个多小时。", "两个多小时"}, {"用了三个月时间。", "三个月"}, {"作为一个企业要担当。", "一个企业"},
      {"新设四个营业网点。", "四个营业网点"}, {"获得三个奖项。", "三个奖项"}, {"帮扶一个家庭。", "一个家庭"},
      // ordinals
      {"上班第一天。", "第一天"}, {"第一个专题会议。", "第一个"}, {"依据第二条规定。", "第二条"},
      {"中央第三十八指导组组长出席。", "中央第三十八指导组"}, {"实施第十二个五年规划纲要。", "第十二个五年规划纲要"},
      // enumeration markers
      {"一是坚持改革，二是加强监管。", "一是"}, {"一是坚持改革，二是加强监管。", "二是"},
      {"一要坚持改革，五要狠抓落实。", "一要"}, {"一要坚持改革，五要狠抓落实。", "五要"},
      {"其一，加强监管。", "其一"},
      // counts and count labels
      {"全市12家企业参加。", "12家"}, {"6家企业主要负责人发言。", "6家企业"}, {"部署八项重点工作。", "八项重点工作"},
      {"三大股指集体上涨。", "三大股指"}, {"评选十大品牌。", "十大品牌"}, {"打破两项世界纪录。", "两项世界纪录"},
      // dates, periods, ages
      {"力争一季度开门红。", "一季度"}, {"汇报1—5月生产经营情况。", "1—5月"}, {"2月7日，正月初七。", "正月初七"},
      {"二零二一年十一月十一日召开。", "二零二一年十一月十一日"}, {"90后员工占多数。", "90后"},
      // names of firms, products, brands
      {"学习推广一汽集团等改革经验。", "一汽集团"}, {"长征七号发射成功。", "长征七号"}, {"打造“民心地税”品牌。", "民心地税"},
      // meetings, events, alliances
      {"学习十九届六中全会精神。", "十九届六中全会"}, {"迎接党的二十大胜利召开。", "二十大"},
      {"全国“两会”召开。", "两会"}, {"八国联军侵华。", "八国联军"}, {"五眼联盟成员国。", "五眼联盟"},
      // people's titles
      {"大家都叫他“王警官”。", "王警官"}, {"找“陆主任”办事。", "陆主任"}, {"“张经理”来了。", "张经理"},
      // quoted speech, themes
      {"会议围绕“增强经济社会发展创新力”这一主题。", "增强经济社会发展创新力"},
      {"以“岗位奉献”为主题开展活动。", "岗位奉献"}, {"本次活动主题为“奋进新征程”。", "奋进新征程"},
      // scare-quoted one character
      {"筑牢国资国企的“根”和“魂”。", "根"}, {"筑牢国资国企的“根”和“魂”。", "魂"},
      // numerals inside ordinary words
      {"建设一流团队。", "一流"}, {"推进区域一体化。", "一体化"}, {"统一思想认识。", "统一"},
      {"培育一批企业。", "一批"}, {"深入一线调研。", "一线"}, {"大家一起努力。", "一起"},
      {"一律从严查处。", "一律"}, {"以防万一。", "万一"}, {"唯一的办法。", "唯一"}, {"参观三峡大坝。", "三峡"},
      // idioms and set phrases
      {"一心一意谋发展。", "一心一意"}, {"十全十美的方案。", "十全十美"}, {"忙了三天三夜。", "三天三夜"},
      {"这是“一举两得”的好事。", "一举两得"}, {"结果四舍五入。", "四舍五入"}, {"一家三口出游。", "一家三口"},
      {"手机支持双卡双待。", "双卡双待"},
      // ratios and splits
      {"实行“五五分成”。", "五五分成"}, {"功过三七开。", "三七开"}, {"符合二八定律。", "二八定律"},
      // places and administrative counts
      {"覆盖三县两区。", "三县两区"}, {"走进三里屯。", "三里屯"}, {"游览九寨沟。", "九寨沟"}, {"四川发布通知。", "四川"},
      // plain lists and officialese pairs
      {"在项目、资金、资源、人才、技术、管理等各方面寻求合作。", "项目、资金、资源、人才、技术、管理"},
      {"苦练内功、做大做强。", "苦练内功、做大做强"},
  };
  for (const auto& t : traps) {
    CAPTURE(t.text);
    CAPTURE(t.trap);
    const auto r = run_low(t.text);
    INFO(r.dump());
    CHECK_FALSE(r.overlaps(t.trap));
  }
}

TEST_CASE("4.4: scare quotes, nicknames and coinages stay low, absent at the default floor") {
  for (const auto& [text, surface] : {std::pair{"坚决防止“大企业”病。", "大企业"},
                                      std::pair{"推出更多“绵阳造”终端产品。", "绵阳造"},
                                      std::pair{"不当“官老爷”。", "官老爷"},
                                      std::pair{"警惕“收割韭菜”。", "收割韭菜"}}) {
    const std::string_view sentence = text;  // clang 14 cannot capture a binding in CAPTURE's lambda
    CAPTURE(sentence);
    const auto low = run_low(text);
    INFO(low.dump());
    for (const auto& m : low.mentions) {
      if (low.surface(m) == surface) CHECK(level(m) == "low");
    }
    CHECK_FALSE(run(text).overlaps(surface));
  }
}

namespace {

// The level one below `c`, never under low (§6: levels stay between low and high).
std::string one_below(Confidence c) {
  return level(c == Confidence::kHigh ? Confidence::kMedium : Confidence::kLow);
}

}  // namespace

TEST_CASE("4.4: soft negatives lower a discovered mention by one level") {
  SUBCASE("a document without any lexicon mention at medium or above") {
    const auto policy = run_alone_low("移动电源企业形成了“三电一兽”的行业格局。会议强调推动高质量发展。");
    const auto story = run_alone_low("移动电源企业形成了“三电一兽”的行业格局。");
    INFO(policy.dump());
    INFO(story.dump());
    const Confidence base = policy.require("三电一兽").confidence;
    CHECK(level(story.require("三电一兽")) == one_below(base));
  }
  SUBCASE("a candidate inside a longer quotation") {
    const auto plain = run_low("我们开展党员“亮牌示岗”活动，推动高质量发展。");
    const auto speech = run_low("他说：“我们开展党员‘亮牌示岗’活动，推动高质量发展。”");
    INFO(plain.dump());
    INFO(speech.dump());
    const Confidence base = plain.require("亮牌示岗").confidence;
    CHECK(level(speech.require("亮牌示岗")) == one_below(base));
  }
}

// ---------------------------------------------------------------------------------------------
// §4.5 Canonical form of discovered mentions
// ---------------------------------------------------------------------------------------------

TEST_CASE("4.5: the canonical is the folded surface without gaps and quotes; 、 stays in sets") {
  const auto r = run("围绕“保发展、保民生、保稳定”这一目标");
  const auto& m = r.require("保发展、保民生、保稳定");
  CHECK(m.canonical == "保发展、保民生、保稳定");
  CHECK(m.slogan_id == "d:保发展、保民生、保稳定");
  CHECK(m.category.empty());
}

TEST_CASE("4.5: a quoted candidate strictly containing a lexicon form replaces it (contains_lexicon)") {
  const auto r = run("深入开展“健康中国行动”");
  INFO(r.dump());
  REQUIRE(r.mentions.size() == 1);
  const auto& m = r.require("健康中国行动");
  CHECK(m.canonical == "健康中国行动");
  CHECK_FALSE(m.in_lexicon);
  CHECK(has_flag(m, tifa::kMentionContainsLexicon));
  CHECK(r.count_canonical("健康中国") == 0);
}

TEST_CASE("4.5: with only a generic head added, the lexicon entry keeps the whole quote content") {
  const auto r = run("推进“美丽中国建设”");
  INFO(r.dump());
  REQUIRE(r.mentions.size() == 1);
  const auto& m = r.require("美丽中国建设");
  CHECK(m.canonical == "美丽中国");
  CHECK(m.in_lexicon);
  CHECK(m.quoted);
}
