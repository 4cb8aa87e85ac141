// spec/slogans.md §6 (confidence levels and the floor) and §7 (per-document aggregates). Expected
// values are written from the spec by hand; character counts and offsets of the §7 document were
// counted by hand (see the comments).
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "slogan_check.hpp"
#include "tifa/document.hpp"

using namespace slogan_test;

// ---------------------------------------------------------------------------------------------
// §6 Confidence: the table
// ---------------------------------------------------------------------------------------------

TEST_CASE("6: lexicon, high: an unambiguous form; a quote-split completion") {
  CHECK(level(run("推动高质量发展。").require("高质量发展")) == "high");
  CHECK(level(run("全区“两新”组织负责人参加培训").require("两新")) == "high");
}

TEST_CASE("6: lexicon, high through full or quoted; medium through doc or sentence terms") {
  CHECK(level(run("决战决胜国企改革三年行动。确保三年行动务期必成。").require("三年行动")) == "high");
  CHECK(level(run("践行“两山”理念").require("两山")) == "high");
  CHECK(level(run("深化国有企业改革。确保三年行动务期必成。").require("三年行动")) == "medium");
  CHECK(level(run("培育制造业单项冠军企业。").require("制造业单项冠军")) == "medium");
}

TEST_CASE("6: discovery, high") {
  SUBCASE("quoted D1 with a cue (governing verb before)") {
    CHECK(level(run("要求做到“四个更加”").require("四个更加")) == "high");
  }
  SUBCASE("quoted D6 with three or more items") {
    CHECK(level(run("围绕“保发展、保民生、保稳定”这一目标").require("保发展、保民生、保稳定")) == "high");
  }
  SUBCASE("D8 when every item + head is a lexicon form") {
    CHECK(level(run("加快建设教育、科技、人才强国").require("教育、科技、人才强国")) == "high");
  }
  SUBCASE("D9 pairs") {
    const auto r = run("深入推进“数字经济一号工程”（以下简称“一号工程”）。");
    CHECK(level(r.require("数字经济一号工程")) == "high");
    CHECK(level(r.require("一号工程")) == "high");
  }
}

TEST_CASE("6: discovery, medium") {
  SUBCASE("D5 with a cue") { CHECK(level(run("深度参与“绵品出川”行动").require("绵品出川")) == "medium"); }
  SUBCASE("quoted two-item D6") { CHECK(level(run("围绕“保民生、保稳定”").require("保民生、保稳定")) == "medium"); }
  SUBCASE("unquoted D6 with a strong share") {
    CHECK(level(run("早部署、早发力、早见效").require("早部署、早发力、早见效")) == "medium");
  }
  SUBCASE("D4 十X五 with a head") { CHECK(level(run("回顾十二五时期的成就。").require("十二五")) == "medium"); }
  SUBCASE("D7 after a governing verb") {
    CHECK(level(run("深入实施产业基础再造工程").require("产业基础再造工程")) == "medium");
  }
  SUBCASE("quoted D2 without a cue: at least medium") {
    // §4.3 lists quote marks around a short span as a cue, which would make every quoted
    // candidate "with a cue"; only "reported at the default floor" is certain here.
    CHECK(at_least(run("实现了“两降两升”的总目标").require("两降两升").confidence, Confidence::kMedium));
  }
}

TEST_CASE("6: discovery, low") {
  SUBCASE("D5 without a cue") {
    CHECK(level(run_low("推出更多“绵阳造”终端产品。").require("绵阳造")) == "low");
  }
  SUBCASE("unquoted D2 without a cue") {
    CHECK(level(run_low("受一城一策、因城施策影响").require("一城一策")) == "low");
  }
  SUBCASE("unquoted D6 with a weak share") {
    CHECK(level(run_low("提高监管的系统性、精准性、有效性。").require("系统性、精准性、有效性")) == "low");
  }
  SUBCASE("D7 without a governing verb") {
    CHECK(level(run_low("会议召开。产业基础再造工程进展顺利。").require("产业基础再造工程")) == "low");
  }
}

TEST_CASE("4.3: each cue lifts a quoted short term (D5) from low to medium") {
  // Every text also holds a lexicon mention, so the soft negative of §4.4 does not apply.
  const std::string policy = "推动高质量发展。";
  CHECK(level(run_low("大家说起“亮牌示岗”。" + policy).require("亮牌示岗")) == "low");
  for (const char* text : {"深入开展“亮牌示岗”。",             // governing verb right before
                           "大家说起“亮牌示岗”活动。",         // head noun right after
                           "大家说起“亮牌示岗”，即亮身份、亮承诺。",  // definition after it
                           "大家说起“亮牌示岗”。“亮牌示岗”成效好。"}) {  // repetition
    CAPTURE(text);
    const auto r = run(text + policy);
    CHECK(at_least(r.require("亮牌示岗").confidence, Confidence::kMedium));
  }
  // Campaign suffix inside the span.
  CHECK(at_least(run("大家说起“亮牌示岗行动”。" + policy).require("亮牌示岗行动").confidence, Confidence::kMedium));
}

TEST_CASE("6: count-checked members raise a discovered mention") {
  const auto with = run("“有法可依、有法必依、执法必严、违法必究”，这“十六字方针”");
  const auto without = run_low("会议重申“十六字方针”。");
  const Confidence raised = with.require("十六字方针").confidence;
  CHECK(level(raised) == "high");
  CHECK(at_least(raised, without.require("十六字方针").confidence));
}

// ---------------------------------------------------------------------------------------------
// §6 The floor
// ---------------------------------------------------------------------------------------------

TEST_CASE("6: the default floor is medium") {
  CHECK(tifa::RecognizerOptions{}.min_confidence == Confidence::kMedium);
  const std::string text = "提高监管的系统性、精准性、有效性。推动高质量发展。";
  CHECK(run(text).count("系统性、精准性、有效性") == 0);
  CHECK(run_low(text).count("系统性、精准性、有效性") == 1);
  const auto high = run_opts("深度参与“绵品出川”行动，推动高质量发展。", floor_at(Confidence::kHigh));
  CHECK(high.surfaces() == list({"高质量发展"}));
}

TEST_CASE("6: numbers: high 0.9, medium 0.6, low 0.3; the floor also accepts a number") {
  CHECK(tifa::confidence_value(Confidence::kHigh) == doctest::Approx(0.9));
  CHECK(tifa::confidence_value(Confidence::kMedium) == doctest::Approx(0.6));
  CHECK(tifa::confidence_value(Confidence::kLow) == doctest::Approx(0.3));
  CHECK(tifa::parse_confidence("low") == Confidence::kLow);
  CHECK(tifa::parse_confidence("medium") == Confidence::kMedium);
  CHECK(tifa::parse_confidence("high") == Confidence::kHigh);
  CHECK(tifa::parse_confidence("0.3") == Confidence::kLow);
  CHECK(tifa::parse_confidence("0.6") == Confidence::kMedium);
  CHECK(tifa::parse_confidence("0.9") == Confidence::kHigh);
  // include/tifa/document.hpp: the lowest level whose number reaches the floor.
  CHECK(tifa::parse_confidence("0.5") == Confidence::kMedium);
  CHECK(tifa::parse_confidence("0.7") == Confidence::kHigh);
  CHECK_FALSE(tifa::parse_confidence("certain").has_value());
}

// ---------------------------------------------------------------------------------------------
// §7 Per-document aggregates
// ---------------------------------------------------------------------------------------------

namespace {

// A document whose blocks are the lines of `text` and whose sentences end after each 。.
tifa::Document make_document(const std::string& text) {
  tifa::Document doc;
  doc.text = text;
  const std::string stop = "。";
  std::size_t line_begin = 0;
  while (line_begin <= text.size()) {
    std::size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string::npos) line_end = text.size();
    tifa::Block block;
    block.span = {line_begin, line_end};
    const std::size_t block_index = doc.blocks.size();
    doc.blocks.push_back(block);
    std::size_t begin = line_begin;
    while (begin < line_end) {
      std::size_t end = text.find(stop, begin);
      end = (end == std::string::npos || end >= line_end) ? line_end : end + stop.size();
      tifa::Sentence sentence;
      sentence.span = {begin, end};
      sentence.block = block_index;
      doc.sentences.push_back(sentence);
      begin = end;
    }
    if (line_end == text.size()) break;
    line_begin = line_end + 1;
  }
  return doc;
}

const tifa::SloganCount* row(const tifa::SloganStats& stats, const std::string& canonical) {
  for (const auto& r : stats.slogans) {
    if (r.canonical == canonical) return &r;
  }
  return nullptr;
}

// Sentences: 0 推动…。 1 深化…良好。 2 深度参与…行动。 3 坚决防止…病。
const char* const kStatsText =
    "推动高质量发展，坚持“稳中求进”。\n"
    "深化国企改革三年行动 成效明显，确保三年行动完成，高质量发展势头良好。深度参与“绵品出川”行动。坚决防止“大企业”病。";

const char* const kStatsLexicon =
    "canonical\tvariants\tcategory\tneeds_context\tcontext\n"
    "高质量发展\t\teconomy\t\t\n"
    "稳中求进\t\teconomy\t\t\n"
    "国企改革三年行动\t三年行动\tsoe-reform\t三年行动\tfull; bounded_left\n";

}  // namespace

TEST_CASE("7: the aggregates of a document at the default floor") {
  const tifa::Lexicon lexicon = tsv(kStatsLexicon);
  const tifa::Recognizer recognizer(lexicon);
  tifa::Document doc = make_document(kStatsText);
  REQUIRE(doc.sentences.size() == 4);
  recognizer.recognize(doc);
  const auto& stats = doc.slogan_stats;
  {
    Result r;
    r.text = doc.text;
    r.mentions = doc.mentions;
    INFO(r.dump());
    check_invariants(r, Confidence::kMedium);
  }

  // 77 code points, two of them White_Space (the line break and the space): 75.
  CHECK(stats.n_chars == 75);
  CHECK(stats.n_sentences == 4);
  // 高质量发展 ×2, 稳中求进, 国企改革三年行动 + 三年行动, 绵品出川; “大企业” is low and not stored.
  CHECK(stats.n_mentions == 6);
  CHECK(doc.mentions.size() == 6);
  CHECK(stats.lexicon_sha256 == lexicon.sha256());

  REQUIRE(stats.slogans.size() == 4);
  // Ordered by first_char: 高质量发展 at 2, 稳中求进 at 11, 国企改革三年行动 at 20, 绵品出川 at 58.
  CHECK(stats.slogans[0].canonical == "高质量发展");
  CHECK(stats.slogans[1].canonical == "稳中求进");
  CHECK(stats.slogans[2].canonical == "国企改革三年行动");
  CHECK(stats.slogans[3].canonical == "绵品出川");

  const tifa::SloganCount* quality = row(stats, "高质量发展");
  REQUIRE(quality != nullptr);
  CHECK(quality->slogan_id == "高质量发展");
  CHECK(quality->category == "economy");
  CHECK(quality->in_lexicon);
  CHECK(quality->count == 2);
  CHECK(quality->count_quoted == 0);
  CHECK(quality->n_sentences_with == 2);
  CHECK(quality->first_char == 2);
  CHECK(level(quality->confidence) == "high");
  CHECK(quality->per_10k_chars == doctest::Approx(2 * 10000.0 / 75));
  CHECK(quality->sentence_share == doctest::Approx(2.0 / 4));

  const tifa::SloganCount* steady = row(stats, "稳中求进");
  REQUIRE(steady != nullptr);
  CHECK(steady->count == 1);
  CHECK(steady->count_quoted == 1);
  CHECK(steady->n_sentences_with == 1);
  CHECK(steady->first_char == 11);
  CHECK(steady->sentence_share == doctest::Approx(1.0 / 4));

  // The variant 三年行动 counts under its entry.
  const tifa::SloganCount* three = row(stats, "国企改革三年行动");
  REQUIRE(three != nullptr);
  CHECK(three->category == "soe-reform");
  CHECK(three->count == 2);
  CHECK(three->n_sentences_with == 1);
  CHECK(three->first_char == 20);
  CHECK(level(three->confidence) == "high");
  CHECK(three->per_10k_chars == doctest::Approx(2 * 10000.0 / 75));

  const tifa::SloganCount* discovered = row(stats, "绵品出川");
  REQUIRE(discovered != nullptr);
  CHECK(discovered->slogan_id == "d:绵品出川");
  CHECK(discovered->category.empty());
  CHECK_FALSE(discovered->in_lexicon);
  CHECK(discovered->count == 1);
  CHECK(discovered->count_quoted == 1);
  CHECK(discovered->first_char == 58);
  CHECK(level(discovered->confidence) == "medium");

  // Categories by first appearance; discovered mentions under the empty category.
  REQUIRE(stats.categories.size() == 3);
  CHECK(stats.categories[0].category == "economy");
  CHECK(stats.categories[0].count == 3);
  CHECK(stats.categories[1].category == "soe-reform");
  CHECK(stats.categories[1].count == 2);
  CHECK(stats.categories[2].category.empty());
  CHECK(stats.categories[2].count == 1);

  // mentions_at_least filters further.
  for (const auto& m : doc.mentions_at_least(Confidence::kHigh)) CHECK(level(m) == "high");
  CHECK(doc.mentions_at_least(Confidence::kHigh).size() == 5);
  CHECK(doc.mentions_at_least(Confidence::kMedium).size() == 6);
}

TEST_CASE("7: mentions under the floor are neither stored nor counted; at the floor low they are") {
  const tifa::Recognizer recognizer(tsv(kStatsLexicon), floor_at(Confidence::kLow));
  tifa::Document doc = make_document(kStatsText);
  recognizer.recognize(doc);
  const tifa::SloganCount* scare = row(doc.slogan_stats, "大企业");
  REQUIRE(scare != nullptr);
  CHECK(level(scare->confidence) == "low");
  CHECK(scare->first_char == 71);
  CHECK(doc.slogan_stats.n_mentions == doc.mentions.size());
  CHECK(doc.mentions_at_least(Confidence::kMedium).size() == 6);
}

TEST_CASE("7: counts add up to n_mentions") {
  const tifa::Recognizer recognizer(tsv(kStatsLexicon));
  tifa::Document doc = make_document(kStatsText);
  recognizer.recognize(doc);
  std::size_t by_slogan = 0;
  for (const auto& r : doc.slogan_stats.slogans) by_slogan += r.count;
  std::size_t by_category = 0;
  for (const auto& c : doc.slogan_stats.categories) by_category += c.count;
  CHECK(by_slogan == doc.slogan_stats.n_mentions);
  CHECK(by_category == doc.slogan_stats.n_mentions);
}

TEST_CASE("7: members never count; a D8 mention counts under its own canonical") {
  tifa::Document doc = make_document("坚持“两个至上”，即人民至上、生命至上。加快建设教育、科技、人才强国。");
  builtin().recognize(doc);
  const auto& stats = doc.slogan_stats;
  REQUIRE(row(stats, "两个至上") != nullptr);
  CHECK(row(stats, "两个至上")->count == 1);
  // 人民至上 is a lexicon mention of its own (S6); 生命至上 is only a member.
  REQUIRE(row(stats, "人民至上") != nullptr);
  CHECK(row(stats, "人民至上")->count == 1);
  CHECK(row(stats, "生命至上") == nullptr);
  REQUIRE(row(stats, "教育科技人才强国") != nullptr);
  CHECK(row(stats, "教育科技人才强国")->count == 1);
  CHECK(row(stats, "人才强国") == nullptr);
}

TEST_CASE("7: an empty text has no characters, mentions or rows") {
  // (Rates are 0 when a denominator is 0; recognize() splits sentences itself when a document has
  // none, so only the empty text reaches a zero denominator.)
  tifa::Document doc;
  tifa::Recognizer(tsv(kStatsLexicon)).recognize(doc);
  CHECK(doc.slogan_stats.n_chars == 0);
  CHECK(doc.slogan_stats.n_mentions == 0);
  CHECK(doc.slogan_stats.slogans.empty());
  CHECK(doc.slogan_stats.categories.empty());
}

TEST_CASE("7: n_chars excludes every White_Space code point") {
  // 高质量发展 (5) + 推动 (2) + 。 (1) = 8 code points besides the spaces, tabs, U+3000 and line breaks.
  tifa::Document doc = make_document("推动 \t高质量\xe3\x80\x80发展。\n\n");
  tifa::Recognizer(tsv(kStatsLexicon)).recognize(doc);
  CHECK(doc.slogan_stats.n_chars == 8);
}
