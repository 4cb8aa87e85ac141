// Member linking, spec/slogans.md §5: every row of the §5 table, then one case per rule. Queries
// are built by hand as the recogniser would: the mention's span found in the string, its quote
// marks as `outer`, count values from member_count_values() of the canonical. Expected items are
// written from the spec, never copied from program output.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "slogans/member_text.hpp"
#include "slogans/members.hpp"
#include "slogans/numerals.hpp"

using tifa::Span;
using tifa::slogans::counts_characters;
using tifa::slogans::link_members;
using tifa::slogans::member_count_values;
using tifa::slogans::MemberLink;
using tifa::slogans::MemberQuery;

namespace {

using Items = std::vector<std::string>;

constexpr std::string_view kOpeningQuote = "“";
constexpr std::string_view kClosingQuote = "”";

// The query for the first occurrence of `mention` in `text` at or after `from`, as a numeric
// slogan with canonical `canonical` (pass "" for a non-numeric one); the whole text is the block.
MemberQuery query_for(const std::string& text, std::string_view mention, std::string_view canonical,
                      std::size_t from = 0) {
  const std::size_t begin = text.find(mention, from);
  REQUIRE(begin != std::string::npos);
  MemberQuery query;
  query.text = text;
  query.block = Span{0, text.size()};
  query.mention = Span{begin, begin + mention.size()};
  query.outer = query.mention;
  const std::string_view view(text);
  if (view.substr(0, begin).ends_with(kOpeningQuote) && view.substr(query.mention.end).starts_with(kClosingQuote)) {
    query.outer = Span{begin - kOpeningQuote.size(), query.mention.end + kClosingQuote.size()};
  }
  query.count_values = member_count_values(canonical);
  query.count_characters = counts_characters(canonical);
  return query;
}

Items items_of(const MemberQuery& query, const MemberLink& link) {
  Items items;
  for (const Span item : link.items) items.emplace_back(query.text.substr(item.begin, item.size()));
  return items;
}

std::string enumeration_of(const MemberQuery& query, const MemberLink& link) {
  return std::string(query.text.substr(link.enumeration.begin, link.enumeration.size()));
}

}  // namespace

// ----------------------------------------------------------------------- the §5 table

TEST_CASE("§5 table: five items before 三去一降一补 (a count of 5)") {
  const std::string text = "统筹推进去产能、去库存、去杠杆、降成本、补短板“三去一降一补”重点任务";
  const MemberQuery query = query_for(text, "三去一降一补", "三去一降一补");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"去产能", "去库存", "去杠杆", "降成本", "补短板"});
  CHECK(link->before);
  CHECK_FALSE(link->partial);
  CHECK(link->count_checked);
  CHECK(enumeration_of(query, *link) == "去产能、去库存、去杠杆、降成本、补短板");
}

TEST_CASE("§5 table: 两个至上 defined after it with ，即") {
  const std::string text = "坚持“两个至上”，即人民至上、生命至上";
  const MemberQuery query = query_for(text, "两个至上", "两个至上");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"人民至上", "生命至上"});
  CHECK_FALSE(link->before);
  CHECK_FALSE(link->partial);
  CHECK(link->count_checked);
}

TEST_CASE("§5 table: two items and 等 before 六保 link as partial") {
  const std::string text = "把保居民就业、保基本民生等“六保”要求落到实处";
  const MemberQuery query = query_for(text, "六保", "六保");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"保居民就业", "保基本民生"});
  CHECK(link->partial);
  CHECK_FALSE(link->count_checked);
}

TEST_CASE("§5 table: a non-numeric lexicon slogan links when its lexicon members are listed") {
  const std::string text = "全面落实产业兴旺、生态宜居、乡风文明、治理有效、生活富裕的乡村振兴总要求";
  MemberQuery query = query_for(text, "乡村振兴", "乡村振兴");
  REQUIRE(query.count_values.empty());
  const std::vector<std::string> members = {"产业兴旺", "生态宜居", "乡风文明", "治理有效", "生活富裕"};
  query.lexicon_members = members;
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"产业兴旺", "生态宜居", "乡风文明", "治理有效", "生活富裕"});
  CHECK_FALSE(link->partial);
  CHECK_FALSE(link->count_checked);
}

TEST_CASE("§5 table: a quoted list and ，这 before 十六字方针 counts 16 characters in 4 items") {
  const std::string text = "“有法可依、有法必依、执法必严、违法必究”，这“十六字方针”";
  const MemberQuery query = query_for(text, "十六字方针", "十六字方针");
  REQUIRE(query.count_characters);
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"有法可依", "有法必依", "执法必严", "违法必究"});
  CHECK(link->count_checked);
  CHECK(enumeration_of(query, *link) == "“有法可依、有法必依、执法必严、违法必究”");
}

TEST_CASE("§5 table: 双保 and 保民生、保稳定 in different sentences link nothing") {
  const std::string text = "围绕“双保”工程，加大工作落实力度。围绕“保民生、保稳定”";
  CHECK_FALSE(link_members(query_for(text, "双保", "双保")));
  MemberQuery set = query_for(text, "保民生、保稳定", "");
  set.definition_only = true;  // a discovered parallel set
  CHECK_FALSE(link_members(set));
}

TEST_CASE("rule 3: a list ending in 等 that names all N items is complete, not partial") {
  const std::string text =
      "保居民就业、保基本民生、保市场主体、保粮食能源安全、保产业链供应链稳定、保基层运转等“六保”任务";
  const MemberQuery query = query_for(text, "六保", "六保");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(link->items.size() == 6);
  CHECK_FALSE(link->partial);
  CHECK(link->count_checked);
}

// ---------------------------------------------------------------------- rule 1: before

TEST_CASE("rule 3: an adjacent enumeration whose count fits no value links nothing") {
  const std::string text = "坚持人民至上、生命至上、安全至上“两个至上”";
  CHECK_FALSE(link_members(query_for(text, "两个至上", "两个至上")));
}

TEST_CASE("rule 1: items quoted one by one are trimmed of their quote marks") {
  const std::string text = "坚持“人民至上”、“生命至上”的“两个至上”";
  const MemberQuery query = query_for(text, "两个至上", "两个至上");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"人民至上", "生命至上"});
  CHECK(enumeration_of(query, *link) == "“人民至上”、“生命至上”");
}

TEST_CASE("rule 1: with quoted items and no verb, the first item is the quote before the first 、") {
  const std::string text = "健全“能上能下”、“能进能出”、“能增能减”的“三能”机制";
  const MemberQuery query = query_for(text, "三能", "三能");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"能上能下", "能进能出", "能增能减"});
}

TEST_CASE("rule 1: with no start within 30 characters, the first item takes the second's length") {
  // 32 characters from the block start to the first 、, no punctuation, verb or 在 对 把 将 由 按照.
  const std::string text =
      "今年以来全市上下齐心协力攻坚克难稳扎稳打多措并举久久为功粮食安全、能源安全、产业链安全“三个安全”";
  const MemberQuery query = query_for(text, "三个安全", "三个安全");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"粮食安全", "能源安全", "产业链安全"});
}

TEST_CASE("rule 1: within 30 characters, the first item starts at the clause punctuation") {
  const std::string text = "经过努力，今年粮食安全、能源安全、产业链安全“三个安全”";
  const MemberQuery query = query_for(text, "三个安全", "三个安全");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"今年粮食安全", "能源安全", "产业链安全"});
}

TEST_CASE("rule 1: two items joined by 和 are an enumeration") {
  const std::string text = "坚持人民至上和生命至上的“两个至上”";
  const MemberQuery query = query_for(text, "两个至上", "两个至上");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"人民至上", "生命至上"});
}

TEST_CASE("rule 1: a clause is cut only where it holds a 、 or a join word, 與 (folded 与) included") {
  // Without either, nothing is cut: the clause is not searched for items at all.
  const std::string plain = "坚持人民至上生命至上的“两个至上”";
  CHECK_FALSE(link_members(query_for(plain, "两个至上", "两个至上")));
  // The traditional 與 is a join word after folding, and so is the one separator of its clause.
  const std::string traditional = "堅持人民至上與生命至上的“两个至上”";
  const MemberQuery query = query_for(traditional, "两个至上", "两个至上");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"人民至上", "生命至上"});
  CHECK(link->count_checked);
}

TEST_CASE("rule 1: a slogan joined to the list by 和 is its last item, not what it counts") {
  const std::string text = "坚持人民至上、生命至上和“两个至上”";
  CHECK_FALSE(link_members(query_for(text, "两个至上", "两个至上")));
}

TEST_CASE("rule 1: a governing verb right before the slogan governs it; no list ends there") {
  const std::string text = "贯彻落实讲话精神、积极推进“两个至上”";
  CHECK_FALSE(link_members(query_for(text, "两个至上", "两个至上")));
}

TEST_CASE("rule 1: at most one connector between the enumeration and the slogan") {
  const std::string text = "坚持人民至上、生命至上的这“两个至上”";
  CHECK_FALSE(link_members(query_for(text, "两个至上", "两个至上")));
}

TEST_CASE("rule 1: 平等 ends an item; its 等 is no 等 connector") {
  const std::string text = "坚持公平、平等“两个原则”";
  const MemberQuery query = query_for(text, "两个原则", "两个原则");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"公平", "平等"});
  CHECK_FALSE(link->partial);
}

TEST_CASE("rule 1: a slogan that is itself an item of a list links nothing") {
  const std::string text = "推进去产能、去库存、“两新”、补短板";
  CHECK_FALSE(link_members(query_for(text, "两新", "两新")));
}

// ----------------------------------------------------------------------- rule 2: after

TEST_CASE("rule 2: a definition in brackets after the slogan, up to the closing bracket") {
  const std::string text =
      "落实“两个毫不动摇”（毫不动摇巩固和发展公有制经济、毫不动摇鼓励支持引导非公有制经济发展）要求";
  const MemberQuery query = query_for(text, "两个毫不动摇", "两个毫不动摇");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"毫不动摇巩固和发展公有制经济", "毫不动摇鼓励支持引导非公有制经济发展"});
  CHECK_FALSE(link->before);
  CHECK(link->count_checked);
}

TEST_CASE("rule 2: the last item joined by 以及, the list ending at 。") {
  const std::string text = "“三去一降一补”，即去产能、去库存、去杠杆、降成本以及补短板。下一步";
  const MemberQuery query = query_for(text, "三去一降一补", "三去一降一补");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"去产能", "去库存", "去杠杆", "降成本", "补短板"});
}

TEST_CASE("rule 2: a definition ending in 等 links as partial") {
  const std::string text = "“六保”，即保居民就业、保基本民生等。";
  const MemberQuery query = query_for(text, "六保", "六保");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"保居民就业", "保基本民生"});
  CHECK(link->partial);
}

TEST_CASE("rule 2: 即将 after a slogan is no definition") {
  const std::string text = "“两个至上”即将人民至上、生命至上写入文件";
  CHECK_FALSE(link_members(query_for(text, "两个至上", "两个至上")));
}

TEST_CASE("rule 2: 是指 and ： introduce definitions") {
  const std::string text = "“两个至上”是指人民至上、生命至上。";
  const MemberQuery query = query_for(text, "两个至上", "两个至上");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"人民至上", "生命至上"});

  const std::string colon = "“两个至上”：人民至上、生命至上；";
  const MemberQuery colon_query = query_for(colon, "两个至上", "两个至上");
  const auto colon_link = link_members(colon_query);
  REQUIRE(colon_link);
  CHECK(items_of(colon_query, *colon_link) == Items{"人民至上", "生命至上"});
}

TEST_CASE("rule 3: a discovered non-numeric slogan links only after a definition") {
  const std::string after = "推行“亮牌示岗”，即亮身份、亮职责、亮承诺。";
  MemberQuery query = query_for(after, "亮牌示岗", "");
  query.definition_only = true;
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"亮身份", "亮职责", "亮承诺"});
  CHECK_FALSE(link->count_checked);

  const std::string before = "坚持亮身份、亮职责、亮承诺的“亮牌示岗”";
  MemberQuery before_query = query_for(before, "亮牌示岗", "");
  before_query.definition_only = true;
  CHECK_FALSE(link_members(before_query));
}

TEST_CASE("rule 3: a lexicon slogan needs at least half of the items among its members") {
  const std::string text = "全面落实产业兴旺、生态宜居、乡风文明、治理有效、生活富裕的乡村振兴总要求";
  MemberQuery query = query_for(text, "乡村振兴", "");
  const std::vector<std::string> two_of_five = {"产业兴旺", "生态宜居", "组织振兴", "人才振兴", "文化振兴"};
  query.lexicon_members = two_of_five;
  CHECK_FALSE(link_members(query));  // 2 of 5
  const std::vector<std::string> three_of_five = {"产业兴旺", "生态宜居", "乡风文明", "人才振兴", "文化振兴"};
  query.lexicon_members = three_of_five;
  CHECK(link_members(query));  // 3 of 5
}

TEST_CASE("rule 3: a slogan with neither count, members nor definition_only links nothing") {
  const std::string text = "坚持“两个至上”，即人民至上、生命至上";
  CHECK_FALSE(link_members(query_for(text, "两个至上", "")));
}

// ----------------------------------------------------------------------- rules 4 and 5

TEST_CASE("rule 4: items are trimmed of ignorable units, and an item has at most 30 characters") {
  const std::string text = "坚持 人民至上<PAGE_DIV>、\u3000生命至上 的“两个至上”";
  const MemberQuery query = query_for(text, "两个至上", "两个至上");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"人民至上", "生命至上"});

  const std::string long_item = "“两个至上”，即人民至上、一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一。";
  CHECK_FALSE(link_members(query_for(long_item, "两个至上", "两个至上")));
}

TEST_CASE("rule 5: when both directions match, the enumeration before the slogan wins") {
  const std::string text = "坚持人民至上、生命至上的“两个至上”，即甲、乙";
  const MemberQuery query = query_for(text, "两个至上", "两个至上");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(link->before);
  CHECK(items_of(query, *link) == Items{"人民至上", "生命至上"});
}

TEST_CASE("block: a link never leaves the mention's block") {
  const std::string before = "人民至上、生命至上“两个至上”";
  MemberQuery query = query_for(before, "两个至上", "两个至上");
  CHECK(link_members(query));  // the whole text is one block
  query.block = Span{query.outer.begin, before.size()};
  CHECK_FALSE(link_members(query));

  const std::string after = "坚持“两个至上”即人民至上、生命至上";
  MemberQuery after_query = query_for(after, "两个至上", "两个至上");
  CHECK(link_members(after_query));
  after_query.block = Span{0, after_query.outer.end};
  CHECK_FALSE(link_members(after_query));
}

TEST_CASE("traditional script: connectors and verbs match after folding") {
  const std::string text = "堅持人民至上、生命至上這“兩個至上”";
  const MemberQuery query = query_for(text, "兩個至上", "两个至上");
  const auto link = link_members(query);
  REQUIRE(link);
  CHECK(items_of(query, *link) == Items{"人民至上", "生命至上"});
}

TEST_CASE("robustness: spans that do not nest and arbitrary bytes never crash") {
  const std::string text = "坚持“两个至上”，即人民至上、生命至上";
  MemberQuery query = query_for(text, "两个至上", "两个至上");
  query.block = Span{0, text.size() + 10};
  CHECK_FALSE(link_members(query));
  query.block = Span{5, 2};
  CHECK_FALSE(link_members(query));
  query.block = Span{0, text.size()};
  query.outer = Span{text.size(), text.size() + 3};
  CHECK_FALSE(link_members(query));

  std::string noise;
  for (int i = 0; i < 600; ++i) noise += static_cast<char>((i * 37 + 11) % 256);
  noise += "、“两个至上”、\xE3\x80";
  MemberQuery noisy;
  noisy.text = noise;
  noisy.block = Span{0, noise.size()};
  const std::size_t at = noise.find("两个至上");
  noisy.mention = Span{at, at + std::string_view("两个至上").size()};
  noisy.count_values = {2};
  const std::vector<std::string> members = {"x"};
  noisy.lexicon_members = members;
  CHECK_NOTHROW((void)link_members(noisy));
  for (std::size_t begin = 0; begin < noise.size(); begin += 7) {
    noisy.mention = Span{begin, std::min(noise.size(), begin + 5)};
    CHECK_NOTHROW((void)link_members(noisy));
  }
}

TEST_CASE("traditional script: a join word or a governing verb right before the slogan ends no list") {
  // 與 folds to 与 and 堅持 to 坚持: as in simplified script, the slogan is then the last item of
  // the list (A、B与X) or governed by the verb, and the list before it states no members.
  const std::string joined = "人民至上、生命至上與“兩個至上”";
  CHECK_FALSE(link_members(query_for(joined, "兩個至上", "两个至上")));
  const std::string governed = "人民至上、生命至上堅持“兩個至上”";
  CHECK_FALSE(link_members(query_for(governed, "兩個至上", "两个至上")));
  const std::string plain = "人民至上、生命至上這“兩個至上”";
  CHECK(link_members(query_for(plain, "兩個至上", "两个至上")));
}

TEST_CASE("rule 4: every ignorable unit is skipped forwards and backwards; characters sharing its bytes are not") {
  // Window tells most characters from the ignorable units by the byte they begin (end) with
  // before decoding them: every unit must still be skipped after the slogan (forwards, before
  // ，即) and after an item (backwards, before 、), and characters whose first or last byte is
  // one of theirs (、 。 “ ” ‐ are E3 80 .., E2 80 ..; 〠 ends with A0) must still stop the skip.
  const std::string units[] = {" ", "\t", "\n", "\r\n", "\u00A0", "\u00AD", "\u3000", "\u200B",
                               "\u200C", "\u200D", "\u2060", "\uFEFF", "<PAGE_DIV>"};
  for (const std::string& unit : units) {
    CAPTURE(unit);
    const std::string after = "坚持“两个至上”" + unit + unit + "，即人民至上" + unit + "、生命至上";
    const auto forwards = link_members(query_for(after, "两个至上", "两个至上"));
    REQUIRE(forwards);
    CHECK(items_of(query_for(after, "两个至上", "两个至上"), *forwards) == Items{"人民至上", "生命至上"});
    const std::string before = "统筹推进去产能" + unit + "、去库存、去杠杆、降成本、补短板" + unit + unit + "“三去一降一补”";
    const MemberQuery query = query_for(before, "三去一降一补", "三去一降一补");
    const auto backwards = link_members(query);
    REQUIRE(backwards);
    CHECK(items_of(query, *backwards) == Items{"去产能", "去库存", "去杠杆", "降成本", "补短板"});
  }
  for (const std::string other : {"\u3001", "\u3002", "\u201C", "\u2010", "\u3020", "\u00A1"}) {
    CAPTURE(other);
    // Not ignorable: between the slogan and ，即 it hides the definition marker.
    const std::string after = "坚持“两个至上”" + other + "，即人民至上、生命至上";
    CHECK_FALSE(link_members(query_for(after, "两个至上", "两个至上")));
  }
}

TEST_CASE("a word list's character filters never rule out its own words, traditional forms folded") {
  // Window's searches skip a character that no word begins (ends) with by the list's filters; they
  // must pass each word's own folded first and last characters.
  constexpr std::string_view words[] = {"推进", "與", "以及", "實施", "a", ""};
  const tifa::slogans::member_text::FoldedWords folded(words);
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (folded[i].empty()) continue;
    CHECK(folded.may_begin_with(folded.first(i)));
    CHECK(folded.may_end_with(folded.last(i)));
  }
  const std::string text = "要推进和实施以及与";
  const auto window = tifa::slogans::member_text::Window::around(text, {0, text.size()}, {0, 0});
  REQUIRE(window);
  CHECK(window->find_words({0, text.size()}, folded).size() == 4);  // 推进 实施 以及 与
  CHECK(window->word_at({3, text.size()}, folded).has_value());    // 推进
  CHECK(window->word_before(text.size(), folded, {}).has_value());  // 与
  CHECK_FALSE(window->word_at({0, text.size()}, folded).has_value());  // 要
}

TEST_CASE("inside_word compares the words folded once, in either script, at every place they hold the function word") {
  constexpr std::string_view words[] = {"和平", "人和", "共和國", "總和"};
  const tifa::slogans::member_text::WordsWithin within(words);
  const std::string text = "維護和平，天時地利人和；中华人民共和国；總和為十";
  const auto window = tifa::slogans::member_text::Window::around(text, {0, text.size()}, {0, 0});
  REQUIRE(window);
  std::vector<tifa::Span> inside;
  std::vector<tifa::Span> outside;
  for (std::size_t at = text.find("和"); at != std::string::npos; at = text.find("和", at + 1)) {
    (window->inside_word({at, at + 3}, "和", within) ? inside : outside).push_back({at, at + 3});
  }
  CHECK(inside.size() == 4);  // 和平 (和 first), 人和 (last), 共和国 (folded, middle), 總和
  CHECK(outside.empty());
  const std::string plain = "和衷共济，政通人和";
  const auto plain_window = tifa::slogans::member_text::Window::around(plain, {0, plain.size()}, {0, 0});
  REQUIRE(plain_window);
  CHECK_FALSE(plain_window->inside_word({0, 3}, "和", within));  // 和衷 is none of the words
  CHECK(plain_window->inside_word({plain.size() - 3, plain.size()}, "和", within));  // 人和
  CHECK_FALSE(plain_window->inside_word({0, 3}, "和", {}));
}
