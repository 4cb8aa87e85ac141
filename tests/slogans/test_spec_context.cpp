// spec/slogans.md §2.4: context requirements for ambiguous forms. The clauses are tested with tiny
// lexicons (mechanism); the rules the built-in lexicon MUST carry and the listed effects are tested
// with the built-in lexicon. Expected values are written by hand from the spec.
#include <doctest/doctest.h>

#include <string>

#include "slogan_check.hpp"

using namespace slogan_test;

namespace {

// The rule of §2.4 for 国企改革三年行动, verbatim.
const char* const kThreeYear =
    "canonical\tvariants\tcategory\tneeds_context\tcontext\n"
    "国企改革三年行动\t三年行动,国有企业改革三年行动\tsoe-reform\t三年行动\t"
    "full; doc=国企,国有企业,国资; bounded_left; not_after=计划\n";

const tifa::Lexicon& three_year() {
  static const tifa::Lexicon lexicon = tsv(kThreeYear);
  return lexicon;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Clauses (tiny lexicons)
// ---------------------------------------------------------------------------------------------

TEST_CASE("2.4 full: an unambiguous form of the entry anywhere in the document; level high") {
  const auto r = run_with(three_year(), "决战决胜国企改革三年行动。确保三年行动务期必成。");
  INFO(r.dump());
  const auto& m = r.require("三年行动");
  CHECK(m.canonical == "国企改革三年行动");
  CHECK(has_flag(m, tifa::kMentionContext));
  CHECK(level(m) == "high");  // §6: met through full
  CHECK(r.count_canonical("国企改革三年行动") == 2);
}

TEST_CASE("2.4 doc=: a term anywhere in the document; level medium") {
  const auto r = run_with(three_year(), "深化国有企业改革。确保三年行动务期必成。");
  const auto& m = r.require("三年行动");
  CHECK(m.canonical == "国企改革三年行动");
  CHECK(has_flag(m, tifa::kMentionContext));
  CHECK(level(m) == "medium");  // §6: met only through doc or sentence terms
}

TEST_CASE("2.4: when full, quoted, doc and sentence all fail, the form does not match") {
  const auto r = run_with(three_year(), "深化农业农村改革。确保三年行动务期必成。");
  INFO(r.dump());
  CHECK(r.count_canonical("国企改革三年行动") == 0);
}

TEST_CASE("2.4 bounded_left: every other clause must hold too") {
  SUBCASE("after other name characters the form fails even when full holds") {
    const auto r = run_with(three_year(), "决战决胜国企改革三年行动。农业三年行动成效显著。");
    INFO(r.dump());
    CHECK(r.count_canonical("国企改革三年行动") == 1);
    CHECK(r.count("三年行动") == 0);
  }
  SUBCASE("at the start of a clause") {
    const auto r = run_with(three_year(), "深化国企改革，三年行动成效显著。");
    CHECK(r.require("三年行动").canonical == "国企改革三年行动");
  }
  SUBCASE("after a non-CJK character") {
    const auto r = run_with(three_year(), "深化国企改革，“三年行动”成效显著。");
    CHECK(r.require("三年行动").canonical == "国企改革三年行动");
  }
  SUBCASE("after a governing verb") {
    const auto r = run_with(three_year(), "深化国企改革，决战决胜三年行动。");
    CHECK(r.require("三年行动").canonical == "国企改革三年行动");
  }
  SUBCASE("after one of the listed function words") {
    for (const char* word : {"在", "的", "和", "与", "及", "把", "将", "对", "以", "为", "从", "是", "完成", "确保"}) {
      CAPTURE(word);
      const auto r = run_with(three_year(), std::string("深化国企改革，今年") + word + "三年行动成效显著。");
      CHECK(r.require("三年行动").canonical == "国企改革三年行动");
    }
  }
}

TEST_CASE("2.4 not_after=: the text after the match must not start with a term") {
  const auto r = run_with(three_year(), "深化国企改革，完成三年行动计划。");
  INFO(r.dump());
  CHECK(r.count_canonical("国企改革三年行动") == 0);
}

TEST_CASE("2.4 not_after= skips one quote mark") {
  const auto lexicon = tsv(
      "canonical\tneeds_context\tcontext\n"
      "两新\t两新\tsentence=设备更新,以旧换新,消费品,国债; not_after=组织\n");
  const auto r = run_with(lexicon, "国债资金支持“两新”组织建设。", floor_at(Confidence::kLow));
  INFO(r.dump());
  CHECK(r.count_canonical("两新") == 0);
}

TEST_CASE("2.4 not_before=: the text before the match (skipping one quote mark) must not end with a term") {
  const auto lexicon = tsv(
      "canonical\tneeds_context\tcontext\n"
      "稳定器\t*\tsentence=国有; not_before=横向\n");
  CHECK(run_with(lexicon, "国有企业是经济的稳定器。").require("稳定器").canonical == "稳定器");
  CHECK(run_with(lexicon, "国有车企更换横向稳定器。").mentions.empty());
  CHECK(run_with(lexicon, "国有车企更换横向“稳定器”。").count_canonical("稳定器") == 0);
}

TEST_CASE("2.4 sentence=: a term in the sentence of the match, not elsewhere") {
  const auto lexicon = tsv(
      "canonical\tneeds_context\tcontext\n"
      "两新\t两新\tsentence=设备更新,以旧换新,消费品,国债; not_after=组织\n");
  SUBCASE("the term is in another sentence") {
    const auto r = run_with(lexicon, "推动设备更新。加力推进两新工作。");
    INFO(r.dump());
    CHECK(r.count_canonical("两新") == 0);
  }
  SUBCASE("the term is in the same sentence") {
    const auto r = run_with(lexicon, "加力推进两新工作，支持设备更新。");
    const auto& m = r.require("两新");
    CHECK(has_flag(m, tifa::kMentionContext));
    CHECK(level(m) == "medium");
  }
}

TEST_CASE("2.4 not_sentence=: no term may occur in the sentence of the match") {
  const auto lexicon = tsv(
      "canonical\tvariants\tneeds_context\tcontext\n"
      "单项冠军\t制造业单项冠军\t*\tsentence=制造业,企业,专精特新,培育; not_sentence=比赛,锦标赛,运动会,金牌,决赛\n");
  CHECK(run_with(lexicon, "培育一批单项冠军企业。").require("单项冠军").canonical == "单项冠军");
  const auto r = run_with(lexicon, "本届运动会共决出42个单项冠军，企业代表队表现突出。");
  INFO(r.dump());
  CHECK(r.count_canonical("单项冠军") == 0);
}

TEST_CASE("2.4 quoted: the match is the whole content of a quote pair; level high") {
  const auto lexicon = tsv(
      "canonical\tvariants\tneeds_context\tcontext\n"
      "绿水青山就是金山银山\t两山\t两山\tfull; quoted; sentence=理念,理论,生态,转化; not_after=之间\n");
  SUBCASE("quoted") {
    const auto r = run_with(lexicon, "大家都认同“两山”。");
    const auto& m = r.require("两山");
    CHECK(m.canonical == "绿水青山就是金山银山");
    CHECK(level(m) == "high");
    CHECK(has_flag(m, tifa::kMentionContext));
  }
  SUBCASE("through a sentence term only: medium") {
    const auto r = run_with(lexicon, "坚持两山理念。");
    CHECK(level(r.require("两山")) == "medium");
  }
  SUBCASE("not_after=之间 fails even with a sentence term") {
    const auto r = run_with(lexicon, "村子坐落在两山之间，生态优美。");
    INFO(r.dump());
    CHECK(r.mentions.empty());
  }
  SUBCASE("no clause holds") {
    CHECK(run_with(lexicon, "他翻过两山回家。").mentions.empty());
  }
}

TEST_CASE("2.4: terms are compared with folding") {
  const auto r = run_with(three_year(), "深化國有企業改革。确保三年行動務期必成。");
  INFO(r.dump());
  CHECK(r.require("三年行動").canonical == "国企改革三年行动");
}

TEST_CASE("2.4: context-requiring forms never match inside 《…》, whatever the rule") {
  const auto r = run_with(three_year(), "决战决胜国企改革三年行动，印发《三年行动工作方案》。");
  INFO(r.dump());
  CHECK(r.count_canonical("国企改革三年行动") == 1);
  CHECK(r.count("三年行动") == 0);
}

TEST_CASE("2.4: a failed match is not reported at any level and discovery does not report the string") {
  SUBCASE("“小巨人” as a nickname") {
    const auto r = run_low("“小巨人”力挺中国制造");
    INFO(r.dump());
    CHECK_FALSE(r.overlaps("小巨人"));
  }
  SUBCASE("“压舱石” in farming") {
    const auto r = run_low("加工在整个荔枝产业链中发挥着“压舱石”作用");
    INFO(r.dump());
    CHECK_FALSE(r.overlaps("压舱石"));
  }
}

// ---------------------------------------------------------------------------------------------
// The rules the built-in lexicon MUST carry
// ---------------------------------------------------------------------------------------------

TEST_CASE("2.4: the built-in lexicon marks the listed forms as needing context") {
  struct Row {
    const char* form;
    const char* canonical;
  };
  const Row rows[] = {
      {"三年行动", "国企改革三年行动"}, {"两新", "两新"}, {"两重", "两重"},
      {"两山", "绿水青山就是金山银山"}, {"四史", "四史"}, {"五通", "五通"},
      {"单项冠军", "单项冠军"}, {"小巨人", "小巨人"}, {"稳定器", "稳定器"}, {"压舱石", "压舱石"},
      {"走出去", "走出去"}, {"两个途径", "两个途径"}, {"三个作用", "三个作用"},
      {"黑天鹅", "黑天鹅"}, {"灰犀牛", "灰犀牛"},
  };
  const auto& lexicon = tifa::Lexicon::builtin();
  for (const auto& row : rows) {
    CAPTURE(row.form);
    const tifa::LexiconEntry* entry = lexicon.find_form(row.form);
    REQUIRE(entry != nullptr);
    CHECK(entry->canonical == row.canonical);
    CHECK(entry->form_needs_context(row.form));
    CHECK_FALSE(entry->context.empty());
  }
  // `*`: every form of the entry needs context, the unambiguous-looking variants too.
  const tifa::LexiconEntry* champion = lexicon.find_form("单项冠军");
  REQUIRE(champion != nullptr);
  for (const auto& variant : champion->variants) {
    CAPTURE(variant);
    CHECK(champion->form_needs_context(variant));
  }
}

TEST_CASE("2.4: effects of the built-in rules: lexicon strings in another domain give no mention") {
  for (const char* text : {"加工在整个荔枝产业链中发挥着“压舱石”作用", "更换前悬架横向稳定器连杆",
                           "本届运动会共决出42个单项冠军", "“小巨人”力挺中国制造", "湖面上游弋着几只黑天鹅",
                           "直接经验和间接经验是获取知识的两个途径", "这味中药主要有三个作用"}) {
    CAPTURE(text);
    const auto r = run(text);
    INFO(r.dump());
    CHECK(r.mentions.empty());
  }
}

TEST_CASE("2.4: in a book title 三年行动 does not match, 高质量发展 does with flag in_book_title") {
  const auto r = run("《广东荔枝产业高质量发展三年行动计划（2021—2023年）》");
  INFO(r.dump());
  CHECK(r.count_canonical("国企改革三年行动") == 0);
  CHECK(r.count("三年行动") == 0);
  const auto& m = r.require("高质量发展");
  CHECK(has_flag(m, tifa::kMentionInBookTitle));
}

TEST_CASE("2.4: seed heading 高质量完成三年行动目标任务 in an article naming 国有企业改革三年行动") {
  const auto r = run("抓改革求突破，高质量完成三年行动目标任务\n2021年，我市国有企业改革三年行动走在了全省前列。");
  INFO(r.dump());
  const auto& m = r.require("三年行动");
  CHECK(m.canonical == "国企改革三年行动");
  CHECK(has_flag(m, tifa::kMentionContext));
  CHECK(m.in_lexicon);
  CHECK(r.require("国有企业改革三年行动").canonical == "国企改革三年行动");
}

TEST_CASE("2.4: positive cases of the built-in rules") {
  SUBCASE("两新 with a sentence term") {
    const auto r = run("加力扩围实施“两新”政策，支持设备更新和消费品以旧换新。");
    const auto& m = r.require("两新");
    CHECK(m.canonical == "两新");
    CHECK(has_flag(m, tifa::kMentionContext));
  }
  SUBCASE("两重 with a sentence term; not before 性 or 天") {
    CHECK(run("用好超长期特别国债支持“两重”建设。").require("两重").canonical == "两重");
    CHECK(run("这项国债项目具有两重性。").count_canonical("两重") == 0);
    CHECK(run("国债项目冰火两重天。").count_canonical("两重") == 0);
  }
  SUBCASE("两山 quoted: high") {
    const auto r = run("践行“两山”理念");
    const auto& m = r.require("两山");
    CHECK(m.canonical == "绿水青山就是金山银山");
    CHECK(level(m) == "high");
  }
  SUBCASE("两山之间 with a sentence term: none") {
    CHECK(run("村子坐落在两山之间，生态优美。").count_canonical("绿水青山就是金山银山") == 0);
  }
  SUBCASE("四史 with a sentence term") {
    CHECK(run("深入开展“四史”学习教育").require("四史").canonical == "四史");
  }
  SUBCASE("五通 with a sentence term; not before 桥") {
    CHECK(run("推动一带一路合作，实现五通。").require("五通").canonical == "五通");
    CHECK(run("乐山市五通桥区推动一带一路合作。").count_canonical("五通") == 0);
  }
  SUBCASE("单项冠军 in manufacturing: medium") {
    const auto r = run("培育制造业单项冠军企业。");
    INFO(r.dump());
    REQUIRE(r.mentions.size() == 1);
    CHECK(r.mentions[0].canonical == "单项冠军");
    CHECK(level(r.mentions[0]) == "medium");
    CHECK(has_flag(r.mentions[0], tifa::kMentionContext));
  }
  SUBCASE("小巨人 next to 专精特新") {
    const auto r = run("培育专精特新“小巨人”企业");
    CHECK(r.require("小巨人").canonical == "小巨人");
    CHECK(r.require("专精特新").canonical == "专精特新");
  }
  SUBCASE("稳定器 and 压舱石 for state firms (seed fragment): medium, context") {
    const auto r = run("各地国有企业充分发挥了“稳定器”“压舱石”的作用。");
    for (const char* s : {"稳定器", "压舱石"}) {
      CAPTURE(s);
      const auto& m = r.require(s);
      CHECK(m.canonical == s);
      CHECK(level(m) == "medium");
      CHECK(has_flag(m, tifa::kMentionContext));
      CHECK(m.quoted);
    }
  }
  SUBCASE("走出去 quoted or with a sentence term") {
    CHECK(level(run("支持“走出去”。").require("走出去")) == "high");
    CHECK(run("他走出去看了看。").count_canonical("走出去") == 0);
  }
  SUBCASE("两个途径 and 三个作用 quoted (seed fragments): high") {
    const auto r = run("要切实用好提高企业核心竞争力和增强核心功能“两个途径”。"
                       "要充分发挥科技创新、产业控制、安全支撑“三个作用”。");
    for (const char* s : {"两个途径", "三个作用"}) {
      CAPTURE(s);
      const auto& m = r.require(s);
      CHECK(level(m) == "high");
      CHECK(has_flag(m, tifa::kMentionContext));
    }
  }
  SUBCASE("黑天鹅 and 灰犀牛 quoted") {
    const auto r = run("既要防范“黑天鹅”，也要防范“灰犀牛”。");
    CHECK(r.require("黑天鹅").canonical == "黑天鹅");
    CHECK(r.require("灰犀牛").canonical == "灰犀牛");
  }
}
