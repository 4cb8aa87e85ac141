// The corpus aggregation of include/tifa/corpus.hpp on hand-made summaries and documents.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include <tifa/corpus.hpp>
#include <tifa/pipeline.hpp>
#include <tifa/slogans.hpp>

namespace {

tifa::SloganTally tally(const std::string& id, std::size_t count, bool in_lexicon = true) {
  return {id, "c" + id, in_lexicon ? "economy" : "", in_lexicon, count, 0, count};
}

tifa::DocumentSummary summary(std::string date, std::string outlet, std::size_t n_chars,
                              std::vector<tifa::SloganTally> slogans) {
  tifa::DocumentSummary out;
  out.id = "doc";
  out.local_date = std::move(date);
  out.outlet = std::move(outlet);
  out.n_chars = n_chars;
  out.slogans = std::move(slogans);
  return out;
}

}  // namespace

TEST_CASE("period labels on the calendar date") {
  using tifa::Period;
  CHECK(tifa::period_label("2022-01-09", Period::kDay) == "2022-01-09");
  CHECK(tifa::period_label("2022-01-09", Period::kWeek) == "2022-W01");
  CHECK(tifa::period_label("2022-01-09", Period::kMonth) == "2022-01");
  CHECK(tifa::period_label("2022-01-09", Period::kQuarter) == "2022-Q1");
  CHECK(tifa::period_label("2022-11-30", Period::kQuarter) == "2022-Q4");
  CHECK(tifa::period_label("2022-01-09", Period::kYear) == "2022");
  CHECK(tifa::period_label("2022-01-09", Period::kAll) == "all");
  CHECK(tifa::period_label("2022-01-09T13:39:16+08:00", Period::kDay) == "2022-01-09");
}

TEST_CASE("ISO weeks around New Year") {
  using tifa::Period;
  CHECK(tifa::period_label("2021-01-03", Period::kWeek) == "2020-W53");  // a Sunday
  CHECK(tifa::period_label("2021-01-04", Period::kWeek) == "2021-W01");  // the Monday after
  CHECK(tifa::period_label("2020-12-31", Period::kWeek) == "2020-W53");
  CHECK(tifa::period_label("2019-12-30", Period::kWeek) == "2020-W01");  // Monday of 2020-W01
  CHECK(tifa::period_label("2022-01-02", Period::kWeek) == "2021-W52");
  CHECK(tifa::period_label("2024-12-30", Period::kWeek) == "2025-W01");
  CHECK(tifa::period_label("2026-12-31", Period::kWeek) == "2026-W53");
}

TEST_CASE("undated and invalid dates") {
  for (const char* date : {"", "2022-13-01", "2022-02-29", "2022/01/09", "yesterday", "2022-01"}) {
    CAPTURE(date);
    CHECK(tifa::period_label(date, tifa::Period::kMonth) == "undated");
    CHECK(tifa::period_label(date, tifa::Period::kAll) == "undated");
  }
  CHECK(tifa::period_label("2024-02-29", tifa::Period::kDay) == "2024-02-29");
}

TEST_CASE("period names") {
  CHECK(tifa::parse_period("quarter") == tifa::Period::kQuarter);
  CHECK_FALSE(tifa::parse_period("fortnight").has_value());
  CHECK(std::string(tifa::to_string(tifa::Period::kWeek)) == "week");
}

TEST_CASE("counts: rows, denominators, undated rows and totals") {
  tifa::CorpusCounts counts({tifa::Period::kMonth, true, true});
  counts.add(summary("2022-01-09", "人民日报", 1000, {tally("S1", 2), tally("S2", 1)}));
  counts.add(summary("2022-01-20", "人民日报", 3000, {tally("S1", 1)}));
  counts.add(summary("2022-01-20", "", 500, {}));   // no outlet, no slogan
  counts.add(summary("", "人民日报", 200, {tally("S1", 4)}));  // undated: its own row

  const auto rows = counts.rows();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].period == "2022-01");
  CHECK(rows[0].outlet == "人民日报");
  CHECK(rows[0].slogan_id == "S1");
  CHECK(rows[0].n_mentions == 3);
  CHECK(rows[0].n_docs_with == 2);
  CHECK(rows[0].n_docs == 2);
  CHECK(rows[0].n_chars == 4000);
  CHECK(rows[0].per_10k_chars == doctest::Approx(7.5));
  CHECK(rows[1].slogan_id == "S2");
  CHECK(rows[1].n_docs_with == 1);
  CHECK(rows[1].doc_share == doctest::Approx(0.5));
  CHECK(rows[2].period == "undated");
  CHECK(rows[2].n_mentions == 4);
  CHECK(rows[2].per_10k_chars == doctest::Approx(200.0));

  const auto totals = counts.totals();
  REQUIRE(totals.size() == 3);
  CHECK(totals[0].outlet == "unknown");  // byte order: "unknown" < "人民日报"
  CHECK(totals[0].n_docs == 1);
  CHECK(totals[0].n_chars == 500);
  CHECK(totals[0].n_mentions == 0);
  CHECK(totals[1].n_mentions == 4);
  CHECK(totals[2].period == "undated");
  CHECK(counts.n_documents() == 4);
}

TEST_CASE("counts: lexicon only, not by outlet, merge") {
  tifa::CorpusCounts a({tifa::Period::kYear, false, false});
  a.add(summary("2022-01-09", "X", 100, {tally("S1", 1), tally("d:x", 2, false)}));
  tifa::CorpusCounts b({tifa::Period::kYear, false, false});
  b.add(summary("2022-05-09", "Y", 100, {tally("S1", 1)}));
  a.merge(b);
  const auto rows = a.rows();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].outlet == "all");
  CHECK(rows[0].period == "2022");
  CHECK(rows[0].n_mentions == 2);
  CHECK(rows[0].n_docs == 2);
  CHECK_THROWS_AS(a.merge(tifa::CorpusCounts({tifa::Period::kDay, false, false})), tifa::Error);
}

TEST_CASE("co-occurrence on a hand-made example") {
  // Four documents: {A, B}, {A, B}, {A}, {C}. N = 4, n_A = 3, n_B = 2, n_AB = 2.
  tifa::Cooccurrence docs(tifa::CooccurrenceLevel::kDocument);
  docs.add(summary("", "", 1, {tally("A", 1), tally("B", 3)}));
  docs.add(summary("", "", 1, {tally("B", 1), tally("A", 1)}));
  docs.add(summary("", "", 1, {tally("A", 2)}));
  docs.add(summary("", "", 1, {tally("C", 1)}));
  const auto pairs = docs.pairs();
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].a_id == "A");
  CHECK(pairs[0].b_id == "B");
  CHECK(pairs[0].n_both == 2);
  CHECK(pairs[0].n_a == 3);
  CHECK(pairs[0].n_b == 2);
  CHECK(pairs[0].n_units == 4);
  CHECK(pairs[0].jaccard == doctest::Approx(2.0 / 3.0));
  CHECK(pairs[0].pmi == doctest::Approx(std::log2(2.0 * 4.0 / 6.0)));
  CHECK(docs.n_units_with("C") == 1);

  // Sentences: one document of 5 sentences; sentence 0 holds A and B, sentence 2 holds A.
  tifa::Cooccurrence sentences(tifa::CooccurrenceLevel::kSentence);
  tifa::DocumentSummary doc = summary("", "", 1, {tally("A", 2), tally("B", 1)});
  doc.n_sentences = 5;
  doc.sentence_slogans = {{0, 1}, {0}};
  sentences.add(doc);
  const auto sentence_pairs = sentences.pairs();
  REQUIRE(sentence_pairs.size() == 1);
  CHECK(sentence_pairs[0].n_both == 1);
  CHECK(sentence_pairs[0].n_a == 2);
  CHECK(sentence_pairs[0].n_b == 1);
  CHECK(sentence_pairs[0].n_units == 5);
  CHECK(sentence_pairs[0].pmi == doctest::Approx(std::log2(5.0 / 2.0)));
  CHECK(sentences.pairs(2).empty());
}

TEST_CASE("discovery ranking") {
  const auto discovered = [](std::string canonical, std::string sentence) {
    tifa::DiscoveredMention m;
    m.slogan_id = "d:" + canonical;
    m.canonical = canonical;
    m.surface = canonical;
    m.sentence = std::move(sentence);
    m.rule = "D5";
    return m;
  };
  tifa::DiscoveryRanking ranking;
  tifa::DocumentSummary one = summary("2022-01-09", "", 1, {});
  one.discovered = {discovered("甲乙", "s1"), discovered("甲乙", "s2"), discovered("丙丁", "s3")};
  tifa::DocumentSummary two = summary("2022-03-01", "", 1, {});
  two.discovered = {discovered("甲乙", "s4"), discovered("甲乙", "s5")};
  tifa::DocumentSummary three = summary("", "", 1, {});
  three.discovered = {discovered("戊己", "s6"), discovered("戊己", "s7"), discovered("戊己", "s8")};
  ranking.add(one);
  ranking.add(two);
  ranking.add(three);
  const auto ranked = ranking.ranked();
  REQUIRE(ranked.size() == 3);
  CHECK(ranked[0].canonical == "甲乙");
  CHECK(ranked[0].n_docs == 2);
  CHECK(ranked[0].n_mentions == 4);
  CHECK(ranked[0].n_months == 2);
  CHECK(ranked[0].first_date == "2022-01-09");
  CHECK(ranked[0].last_date == "2022-03-01");
  CHECK(ranked[0].examples == std::vector<std::string>{"s1", "s2", "s4"});
  CHECK(ranked[1].canonical == "丙丁");  // one document, one month beats one undated document
  CHECK(ranked[2].canonical == "戊己");
  CHECK(ranked[2].first_date.empty());
  CHECK(ranking.ranked(2).size() == 1);
}

TEST_CASE("kwic: window, sentence clipping, offsets") {
  tifa::Document doc;
  doc.source.id = "x";
  doc.text = "前面一句话。我们要推进高质量发展工作不停。后面";
  tifa::Recognizer recognizer;
  recognizer.recognize(doc);
  const auto clipped = tifa::kwic(doc, "高质量发展", 10, true);
  REQUIRE(clipped.size() == 1);
  CHECK(clipped[0].match == "高质量发展");
  CHECK(clipped[0].left == "我们要推进");
  CHECK(clipped[0].right == "工作不停。");
  CHECK(clipped[0].char_start == 11);
  CHECK(clipped[0].char_end == 16);
  CHECK(doc.text.substr(clipped[0].span.begin, clipped[0].span.size()) == "高质量发展");

  const auto wide = tifa::kwic(doc, "高质量发展", 10, false);
  CHECK(wide[0].left == "面一句话。我们要推进");  // 10 code points
  CHECK(wide[0].left.size() > clipped[0].left.size());
  CHECK(wide[0].right == "工作不停。后面");
  const auto narrow = tifa::kwic(doc, "高质量发展", 2, false);
  CHECK(narrow[0].left == "推进");
  CHECK(narrow[0].right == "工作");
  CHECK(tifa::kwic(doc, clipped[0].slogan_id, 0, true).size() == 1);  // by id
  CHECK(tifa::kwic(doc, "双碳", 5, true).empty());
}

TEST_CASE("kwic sample: reproducible, bounded, in stream order") {
  const auto draw = [](std::uint64_t seed) {
    tifa::KwicSample sample(3, seed);
    for (std::size_t i = 0; i < 100; ++i) {
      tifa::KwicLine line;
      line.char_start = i;
      sample.add(line);
    }
    std::vector<std::size_t> starts;
    for (const auto& line : sample.lines()) starts.push_back(line.char_start);
    return starts;
  };
  const auto first = draw(7);
  CHECK(first.size() == 3);
  CHECK(first == draw(7));
  CHECK(std::is_sorted(first.begin(), first.end()));
  tifa::KwicSample small(5, 1);
  small.add({});
  CHECK(small.lines().size() == 1);
}

TEST_CASE("summarize and the corpus summary on a processed document") {
  const tifa::Pipeline pipeline;
  const std::string input =
      "---\ntitle: 测试\ndate: 2022-01-09 21:39:16\nsource: 国资小新\n---\n"
      "坚决做到“两个维护”，推动高质量发展。高质量发展和两个维护都要落实。\n";
  tifa::Input hint;
  hint.id = "t1";
  const tifa::Document doc = pipeline.process(input, hint);
  const tifa::DocumentSummary s = tifa::summarize(doc);
  CHECK(s.id == "t1");
  CHECK(s.local_date == doc.meta.published_at->local_date);
  CHECK(s.n_chars == doc.slogan_stats.n_chars);
  CHECK(s.n_mentions == doc.mentions.size());
  std::size_t mentions = 0;
  for (const auto& t : s.slogans) mentions += t.count;
  CHECK(mentions == s.n_mentions);
  for (const auto& sentence : s.sentence_slogans) {
    CHECK(std::is_sorted(sentence.begin(), sentence.end()));
    for (std::size_t index : sentence) CHECK(index < s.slogans.size());
  }

  tifa::CorpusSummary corpus;
  corpus.add(s);
  tifa::DocumentSummary undated = s;
  undated.local_date.clear();
  undated.outlet = s.outlet + "另一家";
  corpus.add(undated);
  corpus.add_failure("bad", "unreadable");
  CHECK(corpus.n_documents() == 2);
  CHECK(corpus.n_dated() == 1);
  CHECK(corpus.n_undated() == 1);
  CHECK(corpus.n_failed() == 1);
  CHECK(corpus.first_date() == s.local_date);
  CHECK(corpus.outlets().size() == 2);
  CHECK(corpus.n_mentions() == 2 * s.n_mentions);
}
