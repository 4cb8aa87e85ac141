// Context rules of ambiguous short forms (spec/slogans.md §2.4), evaluated on hand-made rules.
#include <doctest/doctest.h>

#include <string>

#include "slogans/context.hpp"
#include "slogans/text_view.hpp"

namespace {

using tifa::ContextRule;
using tifa::slogans::ContextResult;
using tifa::slogans::FoldedDocument;
using tifa::slogans::TextView;

struct Fixture {
  std::string text;
  TextView view;
  FoldedDocument folded;

  explicit Fixture(std::string t) : text(std::move(t)), folded(text) {
    view.text = text;
    view.blocks = tifa::slogans::paragraphs_of(text);
    view.sentences = view.blocks;
    tifa::slogans::find_quotes_and_titles(view);
  }

  ContextResult check(const ContextRule& rule, std::string_view form, bool full = false) {
    const std::size_t at = text.find(form);
    REQUIRE(at != std::string::npos);
    return tifa::slogans::check_context(rule, {view, {at, at + form.size()}, full, folded});
  }
};

}  // namespace

TEST_CASE("sentence= holds through a term of the sentence, at medium strength") {
  ContextRule rule;
  rule.sentence = {"设备更新", "以旧换新"};
  Fixture fixture("推动“两新”政策落地，加快设备更新。");
  CHECK(fixture.check(rule, "两新") == ContextResult::kHeldThroughTerms);
  Fixture other("“两新”组织负责人参加培训。");
  CHECK(other.check(rule, "两新") == ContextResult::kFailed);
}

TEST_CASE("not_after looks past one closing quote mark") {
  ContextRule rule;
  rule.sentence = {"培训"};
  rule.not_after = {"组织"};
  Fixture fixture("全区“两新”组织负责人参加培训。");
  CHECK(fixture.check(rule, "两新") == ContextResult::kFailed);
}

TEST_CASE("not_before rejects a match preceded by a term") {
  ContextRule rule;
  rule.not_before = {"二十"};
  Fixture fixture("阅读二十四史。");
  CHECK(fixture.check(rule, "四史") == ContextResult::kFailed);
}

TEST_CASE("full holds when another form of the entry occurs in the document") {
  ContextRule rule;
  rule.full = true;
  Fixture fixture("高质量完成三年行动目标任务。");
  CHECK(fixture.check(rule, "三年行动", true) == ContextResult::kHeld);
  CHECK(fixture.check(rule, "三年行动", false) == ContextResult::kFailed);
}

TEST_CASE("quoted holds when the match fills a quote pair") {
  ContextRule rule;
  rule.quoted = true;
  Fixture quoted("践行“两山”理念。");
  CHECK(quoted.check(rule, "两山") == ContextResult::kHeld);
  Fixture bare("两山之间有一条河。");
  CHECK(bare.check(rule, "两山") == ContextResult::kFailed);
}

TEST_CASE("doc= holds through a term anywhere in the document, after folding") {
  ContextRule rule;
  rule.doc = {"国企"};
  Fixture fixture("推進國企改革。\n\n完成三年行动目标。");
  CHECK(fixture.check(rule, "三年行动") == ContextResult::kHeldThroughTerms);
}

TEST_CASE("not_sentence rejects a sport context") {
  ContextRule rule;
  rule.sentence = {"企业"};
  rule.not_sentence = {"运动会"};
  Fixture fixture("本届运动会共决出42个单项冠军，企业代表颁奖。");
  CHECK(fixture.check(rule, "单项冠军") == ContextResult::kFailed);
}

TEST_CASE("bounded_left: clause start, non-CJK, governing verb or function word") {
  CHECK(tifa::slogans::bounded_left("三年行动", 0));
  const std::string after_comma = "今年，三年行动";
  CHECK(tifa::slogans::bounded_left(after_comma, after_comma.find("三年")));
  const std::string after_verb = "高质量完成三年行动";
  CHECK(tifa::slogans::bounded_left(after_verb, after_verb.find("三年")));
  const std::string inside_name = "产业发展三年行动";
  CHECK_FALSE(tifa::slogans::bounded_left(inside_name, inside_name.find("三年")));
}

TEST_CASE("a rule without alternatives holds when its other clauses hold") {
  ContextRule rule;
  rule.bounded_left = true;
  Fixture fixture("坚持四史学习。");
  CHECK(fixture.check(rule, "四史") == ContextResult::kHeld);
}
