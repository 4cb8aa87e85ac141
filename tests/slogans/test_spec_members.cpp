// spec/slogans.md §5: member linking through the recogniser. Every row of the §5 table, then the
// rules. Expected members are written from the spec by hand (as substrings of the text).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "slogan_check.hpp"
#include "tifa/document.hpp"

using namespace slogan_test;

// ---------------------------------------------------------------------------------------------
// The table of §5
// ---------------------------------------------------------------------------------------------

TEST_CASE("5 table: 三去一降一补 after its five items") {
  const auto r = run("统筹推进去产能、去库存、去杠杆、降成本、补短板“三去一降一补”重点任务");
  const auto& m = r.require("三去一降一补");
  CHECK(r.members(m) == list({"去产能", "去库存", "去杠杆", "降成本", "补短板"}));
  CHECK_FALSE(m.members_partial);
}

TEST_CASE("5 table: 两个至上, 即 人民至上、生命至上") {
  const auto r = run("坚持“两个至上”，即人民至上、生命至上");
  const auto& m = r.require("两个至上");
  CHECK(r.members(m) == list({"人民至上", "生命至上"}));
  CHECK_FALSE(m.members_partial);
}

TEST_CASE("5 table: 六保 with two items and 等 is partial") {
  const auto r = run("把保居民就业、保基本民生等“六保”要求落到实处");
  const auto& m = r.require("六保");
  CHECK(r.members(m) == list({"保居民就业", "保基本民生"}));
  CHECK(m.members_partial);
}

TEST_CASE("5 table: 乡村振兴 with the five lexicon members") {
  const auto r = run("全面落实产业兴旺、生态宜居、乡风文明、治理有效、生活富裕的乡村振兴总要求");
  const auto& m = r.require("乡村振兴");
  CHECK(r.members(m) == list({"产业兴旺", "生态宜居", "乡风文明", "治理有效", "生活富裕"}));
}

TEST_CASE("5 table: 十六字方针 (D1) with four items of sixteen characters") {
  const auto r = run("“有法可依、有法必依、执法必严、违法必究”，这“十六字方针”");
  const auto& m = r.require("十六字方针");
  CHECK(m.rule == "D1");
  CHECK(r.members(m) == list({"有法可依", "有法必依", "执法必严", "违法必究"}));
  CHECK(level(m) == "high");  // §4.3 cue, §6: count-checked members raise a discovered mention
}

TEST_CASE("5 table: 双保 and 保民生、保稳定 are not adjacent and do not link") {
  const auto r = run("围绕“双保”工程，加大工作落实力度。围绕“保民生、保稳定”");
  INFO(r.dump());
  const auto& pair = r.require("双保");
  CHECK(pair.members.empty());
  // The quoted set is a mention of its own; its members, if any, are its own items (§5 rule 5).
  const auto& set = r.require("保民生、保稳定");
  CHECK(set.rule == "D6");
  for (const auto& s : set.members) CHECK(s.begin >= set.span.begin);
}

// ---------------------------------------------------------------------------------------------
// Rule 1: before the slogan
// ---------------------------------------------------------------------------------------------

TEST_CASE("5.1: the connectors allowed between the enumeration and the slogan") {
  for (const char* connector : {"", "的", "这", "这一", "这些", "，这"}) {
    const std::string text = std::string("坚持人民至上、生命至上") + connector + "“两个至上”。";
    CAPTURE(text);
    const auto r = run(text);
    CHECK(r.members(r.require("两个至上")) == list({"人民至上", "生命至上"}));
  }
}

TEST_CASE("5.1: the enumeration may be quoted item by item") {
  const auto r = run("充分发挥“科技创新”、“产业控制”、“安全支撑”“三个作用”。");
  INFO(r.dump());
  const auto& m = r.require("三个作用");
  CHECK(r.members(m) == list({"科技创新", "产业控制", "安全支撑"}));
  // S6: the enumeration is no mention, its quoted items neither.
  for (const char* item : {"科技创新", "产业控制", "安全支撑"}) CHECK(r.count(item) == 0);
}

TEST_CASE("5.1: without a start within 30 characters the first item takes the second's length") {
  const auto r = run("全体干部职工群众上下同心同德齐心协力共同守护百姓安康毫不动摇长久守望相助人民至上、生命至上“两个至上”。");
  INFO(r.dump());
  CHECK(r.members(r.require("两个至上")) == list({"人民至上", "生命至上"}));
}

// ---------------------------------------------------------------------------------------------
// Rule 2: after the slogan
// ---------------------------------------------------------------------------------------------

TEST_CASE("5.2: the markers allowed after the slogan") {
  for (const char* marker : {"即", "，即", "，也就是", "，就是", "是指", "：", ":"}) {
    const std::string text = std::string("坚持“两个至上”") + marker + "人民至上、生命至上。";
    CAPTURE(text);
    const auto r = run(text);
    CHECK(r.members(r.require("两个至上")) == list({"人民至上", "生命至上"}));
  }
  for (const char* text : {"坚持“两个至上”（人民至上、生命至上），推动工作。", "坚持“两个至上”(人民至上、生命至上)，推动工作。"}) {
    CAPTURE(text);
    const auto r = run(text);
    CHECK(r.members(r.require("两个至上")) == list({"人民至上", "生命至上"}));
  }
}

TEST_CASE("5.2: the items end at 。 or ；") {
  const auto r = run("坚持“两个至上”，即人民至上、生命至上；推动安全发展、绿色发展。");
  CHECK(r.members(r.require("两个至上")) == list({"人民至上", "生命至上"}));
}

// ---------------------------------------------------------------------------------------------
// Rule 3: the count check
// ---------------------------------------------------------------------------------------------

TEST_CASE("5.3: a compound counts the sum of its numerals or each single numeral of 2 or more") {
  SUBCASE("三去一降一补 with 3 items links") {
    const auto r = run("统筹推进去产能、去库存、去杠杆“三去一降一补”重点任务");
    CHECK(r.members(r.require("三去一降一补")) == list({"去产能", "去库存", "去杠杆"}));
  }
  SUBCASE("三去一降一补 with 4 items fits no value and links nothing") {
    const auto r = run("统筹推进去产能、去库存、去杠杆、降成本“三去一降一补”重点任务");
    CHECK(r.require("三去一降一补").members.empty());
  }
  SUBCASE("一岗双责 with 2 items links") {
    const auto r = run("严格落实业务工作、党风廉政建设“一岗双责”");
    CHECK(r.members(r.require("一岗双责")) == list({"业务工作", "党风廉政建设"}));
  }
}

TEST_CASE("5.3: a non-numeric lexicon slogan links when at least half the items are its members") {
  const auto r = run("全面落实产业发展、生态保护、文化繁荣的乡村振兴总要求");
  INFO(r.dump());
  CHECK(r.require("乡村振兴").members.empty());
}

TEST_CASE("5.3: a non-numeric discovered slogan links only after an explicit definition") {
  SUBCASE("after a definition") {
    const auto r = run("开展党员“亮牌示岗”，即亮身份、亮承诺、树形象。");
    INFO(r.dump());
    CHECK(r.members(r.require("亮牌示岗")) == list({"亮身份", "亮承诺", "树形象"}));
  }
  SUBCASE("not before it") {
    const auto r = run("深入开展亮身份、亮承诺、树形象的“亮牌示岗”活动。");
    INFO(r.dump());
    CHECK(r.require("亮牌示岗").members.empty());
  }
}

TEST_CASE("5.3: member versions: the version valid on the published date is compared") {
  const auto lexicon = tsv(
      "canonical\tmembers\tvalid_from\tvalid_to\n"
      "乡村振兴\t产业兴旺、生态宜居、乡风文明、治理有效、生活富裕\t2017\t2020\n"
      "乡村振兴\t产业振兴、人才振兴、文化振兴、生态振兴、组织振兴\t2021\t\n");
  const tifa::Recognizer recognizer(lexicon);
  auto make = [](const std::string& date) {
    tifa::Document doc;
    doc.text = "全面落实产业振兴、人才振兴、文化振兴的乡村振兴要求。";
    tifa::Block block;
    block.span = {0, doc.text.size()};
    doc.blocks.push_back(block);
    tifa::Sentence sentence;
    sentence.span = {0, doc.text.size()};
    doc.sentences.push_back(sentence);
    tifa::DateField published;
    published.local_date = date;
    published.iso = date + "T08:00:00+08:00";
    published.precision = "second";
    doc.meta.published_at = published;
    return doc;
  };
  tifa::Document recent = make("2022-06-01");
  recognizer.recognize(recent);
  tifa::Document old = make("2019-06-01");
  recognizer.recognize(old);
  auto mention_of = [](const tifa::Document& doc) -> const tifa::Mention* {
    for (const auto& m : doc.mentions) {
      if (m.canonical == "乡村振兴") return &m;
    }
    return nullptr;
  };
  const tifa::Mention* a = mention_of(recent);
  const tifa::Mention* b = mention_of(old);
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  CHECK(a->members.size() == 3);
  CHECK(b->members.empty());
  CHECK(a->canonical == b->canonical);  // mentions never change canonical with the date
}

// ---------------------------------------------------------------------------------------------
// Rule 4: items
// ---------------------------------------------------------------------------------------------

TEST_CASE("5.4: items lose a leading 和/及/与/以及 and the last may be joined by them") {
  for (const char* joiner : {"和", "及", "与", "以及"}) {
    const std::string text = std::string("充分发挥科技创新、产业控制") + joiner + "安全支撑“三个作用”。";
    CAPTURE(text);
    const auto r = run(text);
    CHECK(r.members(r.require("三个作用")) == list({"科技创新", "产业控制", "安全支撑"}));
  }
}

TEST_CASE("5.4: items lose a trailing 等/等等") {
  const auto r = run("把保居民就业、保基本民生等等“六保”要求落到实处");
  const auto& m = r.require("六保");
  CHECK(r.members(m) == list({"保居民就业", "保基本民生"}));
  CHECK(m.members_partial);
}

// ---------------------------------------------------------------------------------------------
// Rule 5: output
// ---------------------------------------------------------------------------------------------

TEST_CASE("5.5: when both directions match, before wins") {
  const auto r = run("坚持人民至上、生命至上“两个至上”：人民至上、生命至上。");
  const auto& m = r.require("两个至上");
  REQUIRE(m.members.size() == 2);
  CHECK(m.members[0].end <= m.span.begin);
  CHECK(m.members[1].end <= m.span.begin);
}

TEST_CASE("5.5: a discovered parallel set's members are its own items") {
  const auto r = run("力争项目早开工、早投产、早见效。");
  CHECK(r.members(r.require("早开工、早投产、早见效")) == list({"早开工", "早投产", "早见效"}));
}

TEST_CASE("5.5: a lexicon form is never split into members") {
  const auto r = run("聚焦学思想、强党性、重实践、建新功。");
  CHECK(r.require("学思想、强党性、重实践、建新功").members.empty());
}

TEST_CASE("5.5: with no stated members, members is empty") {
  const auto r = run("坚决做到“两个维护”。");
  const auto& m = r.require("两个维护");
  CHECK(m.members.empty());
  CHECK_FALSE(m.members_partial);
}
