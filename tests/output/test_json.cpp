// tifa::to_json and tifa::append_json_string on hand-built Documents. Every output is parsed back
// with the CLI's strict JSON reader, so each test also proves the output is valid JSON.
#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "json_reader.hpp"
#include "output/json_number.hpp"
#include "output/json_string_scan.hpp"
#include "output/utf8_step.hpp"
#include "tifa/json.hpp"

using tifa::cli::JsonValue;
using tifa::cli::parse_json;

namespace {

const std::string kReplacement = "\xEF\xBF\xBD";

std::string quoted(std::string_view value) {
  std::string out;
  tifa::append_json_string(out, value);
  return out;
}

// Code points of valid UTF-8, counted independently of the library: every byte that is not a
// continuation byte starts one.
std::size_t code_points(std::string_view utf8) {
  std::size_t count = 0;
  for (char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

// The UTF-8 of code points [begin, end) of valid UTF-8 `utf8`, as Python would slice a str.
std::string slice_code_points(std::string_view utf8, std::size_t begin, std::size_t end) {
  std::size_t index = 0;
  std::size_t byte_begin = utf8.size();
  std::size_t byte_end = utf8.size();
  for (std::size_t i = 0; i <= utf8.size(); ++i) {
    const bool starts = i == utf8.size() || (static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80;
    if (!starts) continue;
    if (index == begin) byte_begin = i;
    if (index == end) {
      byte_end = i;
      break;
    }
    ++index;
  }
  return std::string(utf8.substr(byte_begin, byte_end - byte_begin));
}

std::size_t as_size(const JsonValue* value) {
  REQUIRE(value != nullptr);
  REQUIRE(value->is_number());
  return static_cast<std::size_t>(value->number);
}

const JsonValue& at(const JsonValue& object, std::string_view key) {
  const JsonValue* value = object.find(key);
  INFO("key: " << key);
  REQUIRE(value != nullptr);
  return *value;
}

std::vector<std::string> keys_of(const JsonValue& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.members) keys.push_back(key);
  return keys;
}

std::vector<std::string> strings_of(const JsonValue& array) {
  REQUIRE(array.is_array());
  std::vector<std::string> out;
  for (const auto& item : array.items) {
    REQUIRE(item.is_string());
    out.push_back(item.text);
  }
  return out;
}

// Parses `json`, failing the test with the reader's message when it is not valid JSON.
JsonValue parsed(const std::string& json) {
  try {
    return parse_json(json);
  } catch (const tifa::cli::JsonSyntaxError& error) {
    FAIL("invalid JSON: " << error.what() << "\n" << json);
  }
  return {};
}

tifa::Field field(std::string value, std::string raw, tifa::Span raw_span, std::string rule,
                  std::uint32_t flags = 0) {
  tifa::Field out;
  out.value = std::move(value);
  out.raw = std::move(raw);
  out.raw_spans = {raw_span};
  out.rule = std::move(rule);
  out.flags = flags;
  return out;
}

// Title "标题😀", then a paragraph of mixed ASCII, Chinese and an emoji.
tifa::Document mixed_document() {
  tifa::Document doc;
  doc.text = "标题😀\nab中文😀x。两个维护！";
  //          0     9  10 12     18   22 23   26          38
  doc.source.id = "doc-1";
  doc.source.path = "dir/doc-1.md";
  doc.source.format = tifa::Format::kMarkdown;
  doc.source.encoding = "utf-8";
  doc.source.bytes = 120;

  tifa::Block title;
  title.type = tifa::BlockType::kTitle;
  title.span = {0, 10};
  title.raw_spans = {{4, 14}};
  title.page = 1;
  tifa::Block paragraph;
  paragraph.span = {11, doc.text.size()};
  paragraph.raw_spans = {{20, 40}, {41, 60}};
  paragraph.flags = tifa::kPageJoin | tifa::kListItem;
  doc.blocks = {title, paragraph};

  const std::size_t sentence_two = doc.text.find("两");
  doc.sentences = {{{0, 10}, 0, tifa::kSentenceUnterminated},
                   {{11, sentence_two}, 1, 0},
                   {{sentence_two, doc.text.size()}, 1, tifa::kSentenceForcedCut |
                                                            tifa::kSentenceHasPageMarker}};

  tifa::Mention mention;
  mention.span = {sentence_two, sentence_two + 12};  // 两个维护
  mention.canonical = "两个维护";
  mention.slogan_id = "S0002";
  mention.category = "party-building";
  mention.kind = tifa::MentionKind::kNumeric;
  mention.quoted = true;
  mention.confidence = tifa::Confidence::kHigh;
  mention.flags = tifa::kMentionGap | tifa::kMentionInBookTitle;
  mention.rule = "L";
  mention.members = {{sentence_two + 6, sentence_two + 12}};
  mention.sentence = 2;
  doc.mentions = {mention};
  doc.slogan_stats.n_chars = 40;
  doc.slogan_stats.n_sentences = 3;
  doc.slogan_stats.n_mentions = 1;
  doc.slogan_stats.lexicon_sha256 = "ab12";
  tifa::SloganCount row;
  row.slogan_id = "S0002";
  row.canonical = "两个维护";
  row.category = "party-building";
  row.count = 1;
  row.count_quoted = 1;
  row.n_sentences_with = 1;
  row.confidence = tifa::Confidence::kHigh;
  row.per_10k_chars = 250.0;
  row.sentence_share = 1.0 / 3.0;
  doc.slogan_stats.slogans = {row};
  doc.slogan_stats.categories = {{"party-building", 1}};
  return doc;
}

}  // namespace

TEST_CASE("append_json_string escapes quotes, backslashes and control characters") {
  CHECK(quoted("") == "\"\"");
  CHECK(quoted("plain") == "\"plain\"");
  CHECK(quoted("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(quoted("\n\t\r\b\f") == "\"\\n\\t\\r\\b\\f\"");
  CHECK(quoted(std::string_view("\0\x01\x1f", 3)) == "\"\\u0000\\u0001\\u001f\"");
  CHECK(quoted("\x7f") == "\"\x7f\"");  // DEL is allowed unescaped in JSON
  CHECK(quoted("/") == "\"/\"");
}

TEST_CASE("append_json_string keeps non-ASCII as UTF-8") {
  CHECK(quoted("两个维护") == "\"两个维护\"");
  CHECK(quoted("😀 emoji") == "\"😀 emoji\"");
  CHECK(quoted("\xE2\x80\xA8") == "\"\xE2\x80\xA8\"");  // U+2028 is valid in JSON strings
}

TEST_CASE("append_json_string appends to what is already there") {
  std::string out = "{\"k\":";
  tifa::append_json_string(out, "v");
  CHECK(out == "{\"k\":\"v\"");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD, one per maximal invalid subpart") {
  const std::string r = kReplacement;
  CHECK(quoted("a\x80" "b") == "\"a" + r + "b\"");          // stray continuation byte
  CHECK(quoted("\xFF") == "\"" + r + "\"");                 // never valid in UTF-8
  CHECK(quoted("\xC0\xAF") == "\"" + r + r + "\"");         // overlong '/'
  CHECK(quoted("\xED\xA0\x80") == "\"" + r + r + r + "\""); // a UTF-16 surrogate
  CHECK(quoted("\xE4\xB8") == "\"" + r + "\"");             // truncated at the end
  CHECK(quoted("\xE4\xB8" "a") == "\"" + r + "a\"");        // truncated before ASCII
  CHECK(quoted("\xF0\x9F\x98") == "\"" + r + "\"");         // truncated emoji
  CHECK(quoted("\xF4\x90\x80\x80") == "\"" + r + r + r + r + "\"");  // above U+10FFFF
  CHECK(quoted("中\xFF文") == "\"中" + r + "文\"");
}

TEST_CASE("every byte string gives a JSON string that reads back") {
  std::mt19937 random(20240601);  // fixed seed: the same cases on every run
  std::uniform_int_distribution<int> length(0, 40);
  // Bytes weighted towards the interesting ones: controls, quotes, lead and continuation bytes.
  const std::string alphabet = std::string("\"\\\n\x01\x7f" "a\x80\xBF\xC2\xE4\xB8\xAD\xED\xF0\x9F\xF4\xFF", 18);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes;
    const int n = length(random);
    for (int k = 0; k < n; ++k) bytes += alphabet[pick(random)];
    const std::string json = quoted(bytes);
    const JsonValue value = parsed(json);
    REQUIRE(value.is_string());
    // What comes back is valid UTF-8: quoting it again changes nothing.
    CHECK(quoted(value.text) == json);
  }
}

TEST_CASE("valid strings round-trip exactly, all control characters included") {
  std::string all_controls;
  for (int c = 0; c < 0x20; ++c) all_controls += static_cast<char>(c);
  for (const std::string& text : {all_controls, std::string("标题 \"quoted\" \\ 😀\t end"),
                                  std::string("\xF4\x8F\xBF\xBF")}) {
    const JsonValue value = parsed(quoted(text));
    CHECK(value.text == text);
  }
}

TEST_CASE("an empty document: unknown values are null, lists are []") {
  const tifa::Document doc;
  const std::string json = tifa::to_json(doc);
  CHECK(json.find('\n') == std::string::npos);
  const JsonValue root = parsed(json);

  CHECK(keys_of(root) == std::vector<std::string>{"id", "source", "meta", "text", "blocks",
                                                  "images", "sentences", "mentions", "counts",
                                                  "removed", "warnings"});
  CHECK(at(root, "id").is_null());
  const JsonValue& source = at(root, "source");
  CHECK(at(source, "id").is_null());
  CHECK(at(source, "path").is_null());
  CHECK(at(source, "format").text == "auto");
  CHECK(at(source, "encoding").is_null());
  CHECK(as_size(&at(source, "bytes")) == 0);
  CHECK(at(source, "flags").items.empty());

  const JsonValue& meta = at(root, "meta");
  for (const char* key : {"title", "original_title", "subtitle", "published_at", "published_utc",
                          "published_date_local", "published_precision", "published_tz",
                          "issued_date", "url", "publisher", "source_outlet", "editor",
                          "editor_code"}) {
    INFO(key);
    CHECK(at(meta, key).is_null());
  }
  for (const char* key : {"reporters", "correspondents", "people", "credits", "categories",
                          "tags"}) {
    INFO(key);
    CHECK(at(meta, key).is_array());
    CHECK(at(meta, key).items.empty());
  }
  CHECK(at(meta, "extra").is_object());
  CHECK(at(meta, "extra").members.empty());
  CHECK(at(meta, "provenance").members.empty());

  CHECK(at(root, "text").text.empty());
  for (const char* key : {"blocks", "images", "sentences", "mentions", "removed", "warnings"}) {
    CHECK(at(root, key).items.empty());
  }
  CHECK(at(root, "counts").is_null());  // no recogniser ran
}

TEST_CASE("the meta object keeps the keys of the spec in order, additions after them") {
  const JsonValue meta = at(parsed(tifa::to_json(tifa::Document{})), "meta");
  CHECK(keys_of(meta) == std::vector<std::string>{
                             "title", "original_title", "subtitle", "published_at",
                             "published_utc", "published_date_local", "published_precision",
                             "published_tz", "issued_date", "url", "publisher", "source_outlet",
                             "reporters", "correspondents", "people", "credits", "editor",
                             "editor_code", "print_edition", "categories", "tags", "extra", "provenance"});
}

TEST_CASE("char offsets count code points over mixed ASCII, Chinese and 4-byte emoji") {
  const tifa::Document doc = mixed_document();
  const JsonValue root = parsed(tifa::to_json(doc));
  const std::string& text = at(root, "text").text;
  REQUIRE(text == doc.text);

  auto check_span = [&](const JsonValue& record) {
    const std::size_t start = as_size(&at(record, "start"));
    const std::size_t end = as_size(&at(record, "end"));
    const std::size_t char_start = as_size(&at(record, "char_start"));
    const std::size_t char_end = as_size(&at(record, "char_end"));
    CHECK(char_start == code_points(std::string_view(doc.text).substr(0, start)));
    CHECK(char_end == code_points(std::string_view(doc.text).substr(0, end)));
    // Slicing by code points, as Python does, gives the bytes of the byte span.
    CHECK(slice_code_points(text, char_start, char_end) == doc.text.substr(start, end - start));
  };
  for (const auto& block : at(root, "blocks").items) check_span(block);
  for (const auto& sentence : at(root, "sentences").items) check_span(sentence);
  for (const auto& mention : at(root, "mentions").items) {
    check_span(mention);
    for (const auto& member : at(mention, "members").items) check_span(member);
  }

  const auto& title = at(root, "blocks").items.at(0);
  CHECK(as_size(&at(title, "char_start")) == 0);
  CHECK(as_size(&at(title, "char_end")) == 3);  // 标, 题, 😀
  const auto& paragraph = at(root, "blocks").items.at(1);
  CHECK(as_size(&at(paragraph, "char_start")) == 4);
}

TEST_CASE("blocks, sentences and mentions carry their fields and flags") {
  const JsonValue root = parsed(tifa::to_json(mixed_document()));

  const auto& blocks = at(root, "blocks").items;
  REQUIRE(blocks.size() == 2);
  CHECK(keys_of(blocks[0]) == std::vector<std::string>{"type", "start", "end", "char_start",
                                                       "char_end", "page", "flags", "raw_spans",
                                                       "byline"});
  CHECK(at(blocks[0], "type").text == "title");
  CHECK(as_size(&at(blocks[0], "page")) == 1);
  CHECK(at(blocks[0], "flags").items.empty());
  CHECK(at(blocks[0], "byline").is_null());
  CHECK(at(blocks[1], "type").text == "paragraph");
  CHECK(at(blocks[1], "page").is_null());
  CHECK(strings_of(at(blocks[1], "flags")) == std::vector<std::string>{"page_join", "list_item"});
  const auto& raw_spans = at(blocks[1], "raw_spans").items;
  REQUIRE(raw_spans.size() == 2);
  CHECK(as_size(&raw_spans[1].items.at(0)) == 41);
  CHECK(as_size(&raw_spans[1].items.at(1)) == 60);
  CHECK(blocks[1].find("edits") == nullptr);  // only with JsonOptions::edits

  const auto& sentences = at(root, "sentences").items;
  REQUIRE(sentences.size() == 3);
  CHECK(strings_of(at(sentences[0], "flags")) == std::vector<std::string>{"unterminated"});
  CHECK(at(sentences[1], "flags").items.empty());
  CHECK(strings_of(at(sentences[2], "flags")) ==
        std::vector<std::string>{"forced_cut", "has_page_marker"});
  CHECK(as_size(&at(sentences[2], "block")) == 1);

  const auto& mentions = at(root, "mentions").items;
  REQUIRE(mentions.size() == 1);
  const JsonValue& mention = mentions[0];
  CHECK(at(mention, "surface").text == "两个维护");
  CHECK(at(mention, "canonical").text == "两个维护");
  CHECK(at(mention, "slogan_id").text == "S0002");
  CHECK(at(mention, "category").text == "party-building");
  CHECK(at(mention, "kind").text == "numeric");
  CHECK(at(mention, "origin").text == "lexicon");
  CHECK(at(mention, "quoted").boolean);
  CHECK(at(mention, "confidence").text == "0.9");
  REQUIRE(at(mention, "flags").items.size() == 2);
  CHECK(at(mention, "flags").items[0].text == "gap");
  CHECK(at(mention, "flags").items[1].text == "in_book_title");
  CHECK(as_size(&at(mention, "sentence")) == 2);
  CHECK(at(mention, "rule").text == "L");
  CHECK_FALSE(at(mention, "members_partial").boolean);
  const auto& members = at(mention, "members").items;
  REQUIRE(members.size() == 1);
  CHECK(keys_of(members[0]) ==
        std::vector<std::string>{"start", "end", "char_start", "char_end", "text"});
  CHECK(at(members[0], "text").text == "维护");

  const JsonValue& counts = at(root, "counts");
  CHECK(as_size(&at(counts, "n_sentences")) == 3);
  CHECK(as_size(&at(counts, "n_chars")) == 40);
  CHECK(at(counts, "lexicon_sha256").text == "ab12");
  CHECK(as_size(&at(at(counts, "slogans"), "两个维护")) == 1);
  const JsonValue& row = at(counts, "rows").items.at(0);
  CHECK(at(row, "slogan_id").text == "S0002");
  CHECK(at(row, "origin").text == "lexicon");
  CHECK(as_size(&at(row, "count_quoted")) == 1);
  CHECK(at(row, "per_10k_chars").text == "250.0");
  CHECK(at(row, "sentence_share").text == "0.3333");
  CHECK(as_size(&at(at(counts, "categories"), "party-building")) == 1);
}

TEST_CASE("a discovered mention has origin discovered and null for unknown ids") {
  tifa::Document doc;
  doc.text = "坚持“五个必须”";
  tifa::Mention mention;
  mention.span = {6, doc.text.size()};
  mention.canonical = "五个必须";
  mention.kind = tifa::MentionKind::kQuoted;
  mention.in_lexicon = false;
  mention.confidence = tifa::Confidence::kLow;
  mention.members_partial = true;
  doc.mentions = {mention};
  const JsonValue json = at(parsed(tifa::to_json(doc)), "mentions").items.at(0);
  CHECK(at(json, "origin").text == "discovered");
  CHECK(at(json, "slogan_id").is_null());
  CHECK(at(json, "category").is_null());
  CHECK(at(json, "rule").is_null());
  CHECK(at(json, "confidence").text == "0.3");
  CHECK(at(json, "kind").text == "quoted");
  CHECK(at(json, "members_partial").boolean);
  CHECK(at(json, "members").items.empty());
}

TEST_CASE("confidence levels are written as 0.3, 0.6 and 0.9") {
  tifa::Document doc;
  doc.text = "abc";
  auto confidence_json = [&](tifa::Confidence level) {
    doc.mentions.assign(1, tifa::Mention{});
    doc.mentions[0].span = {0, 3};
    doc.mentions[0].confidence = level;
    return at(at(parsed(tifa::to_json(doc)), "mentions").items.at(0), "confidence").text;
  };
  CHECK(confidence_json(tifa::Confidence::kLow) == "0.3");
  CHECK(confidence_json(tifa::Confidence::kMedium) == "0.6");
  CHECK(confidence_json(tifa::Confidence::kHigh) == "0.9");
}

TEST_CASE("slogan counts keep the order of the stats rows") {
  tifa::Document doc;
  doc.text = "甲乙甲丙";
  doc.slogan_stats.lexicon_sha256 = "00";
  for (const char* canonical : {"甲", "乙", "丙"}) {
    tifa::SloganCount row;
    row.canonical = canonical;
    row.count = std::string_view(canonical) == "甲" ? 2 : 1;
    doc.slogan_stats.slogans.push_back(row);
  }
  const JsonValue slogans = at(at(parsed(tifa::to_json(doc)), "counts"), "slogans");
  CHECK(keys_of(slogans) == std::vector<std::string>{"甲", "乙", "丙"});
  CHECK(as_size(&at(slogans, "甲")) == 2);
  CHECK(as_size(&at(slogans, "丙")) == 1);
}

TEST_CASE("meta: values, dates, people, extra and provenance") {
  tifa::Document doc;
  tifa::Meta& meta = doc.meta;
  meta.title = field("会议召开", "会议召开", {10, 22}, "R1");
  meta.subtitle = field("副标题", "副标题", {30, 39}, "B5", tifa::kFieldSubtitleInferred);
  tifa::DateField date;
  date.iso = "2022-01-09T13:39:16+00:00";
  date.utc = "2022-01-09T13:39:16Z";
  date.local_date = "2022-01-09";
  date.precision = "second";
  date.tz_explicit = true;
  date.raw = "Sun, 09 Jan 2022 13:39:16 GMT";
  date.raw_spans = {{50, 79}};
  date.rule = "R1";
  meta.published_at = date;
  tifa::DateField issued;
  issued.iso = "2022-01-08";
  issued.precision = "day";
  issued.raw = "2022年1月8日";
  issued.raw_spans = {{90, 104}};
  issued.rule = "B6";
  meta.issued_date = issued;
  meta.url = field("https://example.cn/a", "https://example.cn/a", {110, 130}, "R1");
  meta.editor = field("王五", "责任编辑：王五", {200, 221}, "B4", tifa::kFieldFromTrailingCredit);

  tifa::Person reporter{"张三", "记者", "新华社", {140, 152}, 0};
  tifa::Person correspondent{"李四", "通讯员", "", {153, 165}, tifa::kFieldFromDateline};
  tifa::Person credit{"赵六", "摄影", "", {170, 180}, 0};
  meta.reporters = {reporter};
  meta.correspondents = {correspondent};
  meta.credits = {credit};
  meta.categories = {"金融", "新浪财经"};
  meta.tags = {"国资"};
  meta.extra = {
      {"headimg", false, {"https://n.sinaimg.cn/x.png"}, {{300, 326}}, tifa::kFieldBoilerplate},
      {"keywords", true, {"国资", "改革"}, {{330, 336}, {340, 346}}, 0},
      {"headimg", false, {"second value"}, {{400, 412}}, 0},
      {"key \"with\" quotes\n", false, {"v"}, {{420, 421}}, 0},
  };

  const JsonValue json = at(parsed(tifa::to_json(doc)), "meta");
  CHECK(at(json, "title").text == "会议召开");
  CHECK(at(json, "original_title").is_null());
  CHECK(at(json, "subtitle").text == "副标题");
  CHECK(at(json, "published_at").text == "2022-01-09T13:39:16+00:00");
  CHECK(at(json, "published_utc").text == "2022-01-09T13:39:16Z");
  CHECK(at(json, "published_date_local").text == "2022-01-09");
  CHECK(at(json, "published_precision").text == "second");
  CHECK(at(json, "published_tz").text == "explicit");
  CHECK(at(json, "issued_date").text == "2022-01-08");
  CHECK(at(json, "url").text == "https://example.cn/a");
  CHECK(at(json, "publisher").is_null());
  CHECK(at(json, "editor").text == "王五");
  CHECK(at(json, "editor_code").is_null());
  CHECK(strings_of(at(json, "reporters")) == std::vector<std::string>{"张三"});
  CHECK(strings_of(at(json, "correspondents")) == std::vector<std::string>{"李四"});
  CHECK(strings_of(at(json, "categories")) == std::vector<std::string>{"金融", "新浪财经"});
  CHECK(strings_of(at(json, "tags")) == std::vector<std::string>{"国资"});

  const auto& people = at(json, "people").items;
  REQUIRE(people.size() == 2);
  CHECK(keys_of(people[0]) == std::vector<std::string>{"kind", "name", "role", "affiliation",
                                                       "raw_start", "raw_end", "flags"});
  CHECK(at(people[0], "kind").text == "reporter");
  CHECK(at(people[0], "affiliation").text == "新华社");
  CHECK(as_size(&at(people[0], "raw_start")) == 140);
  CHECK(at(people[1], "kind").text == "correspondent");
  CHECK(at(people[1], "affiliation").is_null());
  CHECK(strings_of(at(people[1], "flags")) == std::vector<std::string>{"from_dateline"});
  const auto& credits = at(json, "credits").items;
  REQUIRE(credits.size() == 1);
  CHECK(at(credits[0], "role").text == "摄影");
  CHECK(credits[0].find("kind") == nullptr);

  const JsonValue& extra = at(json, "extra");
  CHECK(keys_of(extra) ==
        std::vector<std::string>{"headimg", "keywords", "key \"with\" quotes\n"});
  CHECK(at(extra, "headimg").text == "https://n.sinaimg.cn/x.png");  // the first one wins
  CHECK(strings_of(at(extra, "keywords")) == std::vector<std::string>{"国资", "改革"});

  const JsonValue& provenance = at(json, "provenance");
  CHECK(keys_of(provenance) == std::vector<std::string>{"title", "subtitle", "published_at",
                                                        "issued_date", "url", "editor", "extra"});
  const JsonValue& editor = at(provenance, "editor");
  CHECK(at(editor, "raw").text == "责任编辑：王五");
  CHECK(at(editor, "rule").text == "B4");
  CHECK(strings_of(at(editor, "flags")) == std::vector<std::string>{"from_trailing_credit"});
  REQUIRE(at(editor, "raw_spans").items.size() == 1);
  CHECK(as_size(&at(editor, "raw_spans").items[0].items.at(0)) == 200);
  CHECK(as_size(&at(editor, "raw_spans").items[0].items.at(1)) == 221);
  CHECK(at(at(provenance, "published_at"), "raw").text == "Sun, 09 Jan 2022 13:39:16 GMT");
  CHECK(strings_of(at(at(provenance, "subtitle"), "flags")) ==
        std::vector<std::string>{"subtitle_inferred"});
  const JsonValue& headimg = at(at(provenance, "extra"), "headimg");
  CHECK(strings_of(at(headimg, "flags")) == std::vector<std::string>{"boilerplate"});
  CHECK(at(at(at(provenance, "extra"), "keywords"), "raw_spans").items.size() == 2);
}

TEST_CASE("an assumed zone and a date without a known precision") {
  tifa::Document doc;
  tifa::DateField date;
  date.iso = "2022-01-09T08:00:00+08:00";
  date.raw = "2022-01-09 08:00";
  date.raw_spans = {{0, 16}};
  doc.meta.published_at = date;
  const JsonValue meta = at(parsed(tifa::to_json(doc)), "meta");
  CHECK(at(meta, "published_tz").text == "assumed");
  CHECK(at(meta, "published_precision").is_null());
  CHECK(at(meta, "published_utc").is_null());
  CHECK(at(at(at(meta, "provenance"), "published_at"), "rule").is_null());
}

TEST_CASE("source, images, removed and warnings") {
  tifa::Document doc;
  doc.text = "正文";
  doc.source.format = tifa::Format::kHtml;
  doc.source.replacement_chars = 2;
  doc.source.pdf_layout = true;
  doc.source.html_page = true;
  doc.source.poster_layout = true;

  tifa::Image with_caption{"a.png", std::string("图一"), std::string("说明"), 1, false, {5, 30}};
  tifa::Image empty_alt{"b.png", std::string(""), std::nullopt, 2, true, {40, 60}};
  tifa::Image no_alt{"c.png", std::nullopt, std::nullopt, 0, false, {70, 80}};
  doc.images = {with_caption, empty_alt, no_alt};

  doc.removed = {{"B4", {100, 115}, "责任编辑：", true, false},
                 {"B1", {0, 2000}, "<!-- long comment", false, true}};
  doc.warnings = {{"replacement_char", "2 invalid bytes", {7, 8}}};

  const JsonValue root = parsed(tifa::to_json(doc));
  const JsonValue& source = at(root, "source");
  CHECK(keys_of(source) == std::vector<std::string>{"id", "path", "format", "encoding", "bytes",
                                                    "replacement_chars", "pdf_layout",
                                                    "html_page", "flags"});
  CHECK(at(source, "format").text == "html");
  CHECK(as_size(&at(source, "replacement_chars")) == 2);
  CHECK(at(source, "pdf_layout").boolean);
  CHECK(at(source, "html_page").boolean);
  CHECK(strings_of(at(source, "flags")) == std::vector<std::string>{"poster_layout"});

  const auto& images = at(root, "images").items;
  REQUIRE(images.size() == 3);
  CHECK(keys_of(images[0]) == std::vector<std::string>{"src", "alt", "caption", "before_block",
                                                       "flags", "raw_start", "raw_end"});
  CHECK(at(images[0], "alt").text == "图一");
  CHECK(at(images[0], "caption").text == "说明");
  CHECK(at(images[0], "flags").items.empty());
  CHECK(at(images[1], "alt").is_string());
  CHECK(at(images[1], "alt").text.empty());
  CHECK(at(images[1], "caption").is_null());
  CHECK(strings_of(at(images[1], "flags")) == std::vector<std::string>{"decorative"});
  CHECK(at(images[2], "alt").is_null());
  CHECK(as_size(&at(images[2], "raw_end")) == 80);

  const auto& removed = at(root, "removed").items;
  REQUIRE(removed.size() == 2);
  CHECK(at(removed[0], "rule").text == "B4");
  CHECK(at(removed[0], "part").text == "label");
  CHECK(at(removed[0], "text").text == "责任编辑：");
  CHECK(at(removed[0], "flags").items.empty());
  CHECK(removed[1].find("part") == nullptr);
  CHECK(strings_of(at(removed[1], "flags")) == std::vector<std::string>{"truncated"});
  CHECK(as_size(&at(removed[1], "raw_end")) == 2000);

  const auto& warnings = at(root, "warnings").items;
  REQUIRE(warnings.size() == 1);
  CHECK(keys_of(warnings[0]) ==
        std::vector<std::string>{"code", "message", "raw_start", "raw_end"});
  CHECK(at(warnings[0], "code").text == "replacement_char");
}

TEST_CASE("edits are written only when asked for") {
  tifa::Document doc;
  doc.text = "，好";
  tifa::Block block;
  block.span = {0, doc.text.size()};
  block.edits = {{"P1", {0, 3}, {0, 1}, ","}};
  block.byline_span = tifa::Span{3, 6};
  doc.blocks = {block};

  const JsonValue without = at(parsed(tifa::to_json(doc)), "blocks").items.at(0);
  CHECK(without.find("edits") == nullptr);
  const JsonValue byline = at(without, "byline");
  CHECK(as_size(&at(byline, "char_start")) == 1);
  CHECK(as_size(&at(byline, "char_end")) == 2);

  tifa::JsonOptions options;
  options.edits = true;
  const JsonValue with = at(parsed(tifa::to_json(doc, options)), "blocks").items.at(0);
  const auto& edits = at(with, "edits").items;
  REQUIRE(edits.size() == 1);
  CHECK(keys_of(edits[0]) ==
        std::vector<std::string>{"rule", "start", "end", "raw_start", "raw_end", "before"});
  CHECK(at(edits[0], "rule").text == "P1");
  CHECK(at(edits[0], "before").text == ",");
}

TEST_CASE("invalid UTF-8 in text: still valid JSON, offsets count each U+FFFD once") {
  tifa::Document doc;
  doc.text = "a\xFF\xFE" "中b";  // two invalid bytes, each its own U+FFFD
  tifa::Sentence sentence;
  sentence.span = {3, doc.text.size()};  // 中b
  doc.sentences = {sentence};
  tifa::Mention mention;
  mention.span = {1, 6};  // a span over invalid bytes: its surface gets U+FFFD too
  mention.canonical = "x";
  doc.mentions = {mention};
  doc.meta.title = field("bad \xC3", "bad \xC3", {0, 5}, "R1");

  const JsonValue root = parsed(tifa::to_json(doc));
  const std::string& text = at(root, "text").text;
  CHECK(text == "a" + kReplacement + kReplacement + "中b");
  const JsonValue& sentence_json = at(root, "sentences").items.at(0);
  CHECK(as_size(&at(sentence_json, "char_start")) == 3);
  CHECK(as_size(&at(sentence_json, "char_end")) == 5);
  CHECK(slice_code_points(text, 3, 5) == "中b");
  CHECK(at(at(root, "mentions").items.at(0), "surface").text == kReplacement + kReplacement + "中");
  CHECK(at(at(root, "meta"), "title").text == "bad " + kReplacement);
}

TEST_CASE("a span inside a character or past the end does not break the output") {
  tifa::Document doc;
  doc.text = "中文";
  tifa::Mention mention;
  mention.span = {1, 100};  // inside 中, and past the end
  mention.members = {{5, 2}};  // reversed
  doc.mentions = {mention};
  const JsonValue json = at(parsed(tifa::to_json(doc)), "mentions").items.at(0);
  CHECK(as_size(&at(json, "char_start")) == 1);  // 中 started before byte 1
  CHECK(as_size(&at(json, "char_end")) == 2);
  CHECK(at(json, "surface").text == kReplacement + kReplacement + "文");
  CHECK(at(at(json, "members").items.at(0), "text").text.empty());
}

TEST_CASE("to_json is deterministic and one line") {
  const tifa::Document doc = mixed_document();
  const std::string first = tifa::to_json(doc);
  CHECK(first == tifa::to_json(doc));
  CHECK(first.find('\n') == std::string::npos);
  CHECK(first.front() == '{');
  CHECK(first.back() == '}');
}

TEST_CASE("a large document: char offsets of many spans stay right") {
  tifa::Document doc;
  const std::string unit = "ab中😀。";  // 1+1+3+4+3 bytes, 5 code points
  for (int i = 0; i < 5000; ++i) doc.text += unit;
  for (std::size_t i = 0; i < 5000; ++i) {
    tifa::Sentence sentence;
    sentence.span = {i * unit.size(), (i + 1) * unit.size()};
    doc.sentences.push_back(sentence);
  }
  const JsonValue root = parsed(tifa::to_json(doc));
  const auto& sentences = at(root, "sentences").items;
  REQUIRE(sentences.size() == 5000);
  for (std::size_t i = 0; i < sentences.size(); i += 997) {
    CHECK(as_size(&at(sentences[i], "char_start")) == i * 5);
    CHECK(as_size(&at(sentences[i], "char_end")) == (i + 1) * 5);
  }
}

// The fast paths of the UTF-8 walks (lib/output/utf8_step.hpp) held against utf8_step one step at a
// time, over byte strings weighted towards lead, continuation and escaped bytes.
namespace {

std::string random_bytes(std::mt19937& random, std::size_t max_length) {
  const std::string alphabet =
      std::string("\"\\\n\x01" "ab\x80\xBF\xC2\xE0\xA0\xE4\xB8\xAD\xED\x9F\xEF\xF0\x9F\xF4\xFF", 22);
  std::uniform_int_distribution<std::size_t> length(0, max_length);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string bytes;
  const std::size_t n = length(random);
  for (std::size_t k = 0; k < n; ++k) bytes += alphabet[pick(random)];
  return bytes;
}

// Valid UTF-8 of 1- to 4-byte characters, many of them three-byte ones as in Chinese text.
std::string random_text(std::mt19937& random, std::size_t max_chars) {
  const std::vector<std::string> characters = {"a", "\n", "\xC2\xA0", "\xE0\xA0\x80", "中",
                                               "\xED\x9F\xBF", "\xEF\xBF\xBD", "😀", "文"};
  std::uniform_int_distribution<std::size_t> length(0, max_chars);
  std::uniform_int_distribution<std::size_t> pick(0, characters.size() - 1);
  std::string text;
  const std::size_t n = length(random);
  for (std::size_t k = 0; k < n; ++k) text += characters[pick(random)];
  return text;
}

// well_formed_run_end the slow way: one utf8_step at a time.
std::size_t run_end_by_steps(std::string_view s, std::size_t i, bool stop_at_quote) {
  while (i < s.size()) {
    if (stop_at_quote && s[i] == '"') return i;
    const auto step = tifa::output::utf8_step(s, i);
    if (!step.valid) return i;
    i += step.length;
  }
  return s.size();
}

// Code points before each byte offset, the slow way (each invalid subpart is one U+FFFD).
std::size_t chars_before_by_steps(std::string_view s, std::size_t byte) {
  std::size_t pos = 0;
  std::size_t chars = 0;
  while (pos < byte && pos < s.size()) {
    pos += tifa::output::utf8_step(s, pos).length;
    ++chars;
  }
  return chars;
}

}  // namespace

TEST_CASE("well_formed_run_end agrees with utf8_step one step at a time") {
  std::mt19937 random(20261130);
  const auto at_quote = [](unsigned char c) { return c == '"'; };
  const auto never = [](unsigned char) { return false; };
  for (int round = 0; round < 3000; ++round) {
    const std::string bytes = round % 2 == 0 ? random_bytes(random, 40) : random_text(random, 30);
    for (std::size_t i = 0; i <= bytes.size(); ++i) {
      CHECK(tifa::output::well_formed_run_end(bytes, i, at_quote) == run_end_by_steps(bytes, i, true));
      CHECK(tifa::output::well_formed_run_end(bytes, i, never) == run_end_by_steps(bytes, i, false));
    }
    CHECK(tifa::output::is_well_formed(bytes) == (run_end_by_steps(bytes, 0, false) == bytes.size()));
  }
}

// Text as the writer mostly sees it, long enough for many 16-byte blocks: common characters
// (ASCII, a two-byte ·, Chinese), now and then a rare one (an escaped byte, the leads E0, ED and
// F0, invalid bytes, a character cut short) wherever it falls in a block.
namespace {

std::string mostly_common_text(std::mt19937& random, std::size_t max_chars) {
  const std::vector<std::string> common = {"a", " ", "\xC2\xB7", "中", "文", "、"};
  const std::vector<std::string> rare = {"\"", "\\", "\n", "\x01", "\x7F", "\xE0\xA0\x80", "\xED\x9F\xBF",
                                         "\xED\xA0\x80", "😀", "\x80", "\xFF", "\xE4\xB8", "\xC0\xAF", "\xC2"};
  std::uniform_int_distribution<std::size_t> length(0, max_chars);
  std::uniform_int_distribution<std::size_t> pick_common(0, common.size() - 1);
  std::uniform_int_distribution<std::size_t> pick_rare(0, rare.size() - 1);
  std::uniform_int_distribution<int> per_mille(0, 999);
  const int rare_per_mille = per_mille(random) / 10;  // 0-9 % of the characters, by string
  std::string text;
  const std::size_t n = length(random);
  for (std::size_t k = 0; k < n; ++k) {
    text += per_mille(random) < rare_per_mille ? rare[pick_rare(random)] : common[pick_common(random)];
  }
  return text;
}

}  // namespace

TEST_CASE("copyable_run_end (16-byte blocks) agrees with the character walk from every position") {
  std::mt19937 random(20261130);
  for (int round = 0; round < 3000; ++round) {
    const std::string bytes = round % 3 == 0   ? random_bytes(random, 80)
                              : round % 3 == 1 ? random_text(random, 60)
                                               : mostly_common_text(random, 120);
    for (std::size_t i = 0; i <= bytes.size(); ++i) {
      CHECK(tifa::output::copyable_run_end(bytes, i) == tifa::output::copyable_run_end_by_characters(bytes, i));
    }
  }
}

TEST_CASE("count_lead_bytes counts the code points of any range of valid UTF-8") {
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    const std::string text = random_text(random, 40);
    for (std::size_t begin = 0; begin <= text.size(); ++begin) {
      for (std::size_t end = begin; end <= text.size(); ++end) {
        CHECK(tifa::output::count_lead_bytes(text, begin, end) ==
              code_points(std::string_view(text).substr(begin, end - begin)));
      }
    }
  }
}

TEST_CASE("char offsets agree with a step-by-step count, text valid or not") {
  // The writer counts by lead bytes when the text it has just written was well-formed, and walks
  // it otherwise; both must give what one utf8_step at a time gives, at every byte offset.
  std::mt19937 random(11);
  for (int round = 0; round < 400; ++round) {
    tifa::Document doc;
    doc.text = round % 2 == 0 ? random_text(random, 60) : random_bytes(random, 80);
    for (std::size_t begin = 0; begin <= doc.text.size(); ++begin) {
      tifa::Sentence sentence;
      sentence.span = {begin, std::min(doc.text.size(), begin + 5)};
      doc.sentences.push_back(sentence);
    }
    const JsonValue root = parsed(tifa::to_json(doc));
    const auto& sentences = at(root, "sentences").items;
    REQUIRE(sentences.size() == doc.sentences.size());
    for (std::size_t k = 0; k < sentences.size(); ++k) {
      const tifa::Span span = doc.sentences[k].span;
      CHECK(as_size(&at(sentences[k], "char_start")) == chars_before_by_steps(doc.text, span.begin));
      CHECK(as_size(&at(sentences[k], "char_end")) == chars_before_by_steps(doc.text, span.end));
    }
  }
}

TEST_CASE("fixed4 writes what to_chars with four decimals writes, trimmed") {
  // The integer rounding must agree with to_chars everywhere, including the near-halves it leaves
  // to to_chars, exact halves such as 1.03125, negatives, and numbers too large for it.
  auto agrees = [](double value) {
    char fast[tifa::output::kFixed4Capacity];
    char reference[tifa::output::kFixed4Capacity];
    const std::string_view expected = tifa::output::fixed4_by_to_chars(value, reference);
    const std::string_view got = tifa::output::fixed4(value, fast);
    CHECK_MESSAGE(got == expected, value);
  };
  for (double value : {0.0, -0.0, 0.9, 0.6, 0.3, 1.0, 250.0, 0.95, 1.03125, 2.00005, 0.00005, -0.00005,
                       -0.00004, 0.00015, 1.00015, 0.123449999, 0.12345, 999999.99995, 999999.99994,
                       1e6, 1e6 + 0.5, 123456789.123456, 1e300, -1e300, 5e-324,
                       std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::max()}) {
    agrees(value);
    agrees(-value);
  }
  // Every multiple of 1/2^k near ten-thousandths: the exact halves of the rounding.
  for (int numerator = 0; numerator < 20000; ++numerator) {
    agrees(numerator / 32768.0);
    agrees(numerator / 20000.0);
    agrees(-numerator / 1024.0);
  }
  std::mt19937_64 random(41);
  std::uniform_real_distribution<double> share(0.0, 1.0);
  std::uniform_real_distribution<double> rate(0.0, 20000.0);
  std::uniform_real_distribution<double> wide(-2e6, 2e6);
  for (int round = 0; round < 200000; ++round) {
    agrees(share(random));
    agrees(rate(random));
    agrees(wide(random));
    // Counts per 10k characters, as the slogan rows compute them.
    const double count = static_cast<double>(random() % 50 + 1);
    const double chars = static_cast<double>(random() % 100000 + 1);
    agrees(count * 10000.0 / chars);
    agrees(count / chars);
  }
}

TEST_CASE("short and long strings are quoted as one character step at a time quotes them") {
  // Strings up to 64 bytes that need nothing go out in one piece after a padded 16-byte check;
  // all others take the general walk. Both must give what the character-by-character rule gives.
  auto by_steps = [](std::string_view value) {
    std::string out = "\"";
    for (std::size_t i = 0; i < value.size();) {
      const auto c = static_cast<unsigned char>(value[i]);
      if (c < 0x80) {
        if (tifa::output::needs_json_escape(c)) {
          std::string escaped;
          switch (c) {
            case '"': escaped = "\\\""; break;
            case '\\': escaped = "\\\\"; break;
            case '\n': escaped = "\\n"; break;
            case '\t': escaped = "\\t"; break;
            case '\r': escaped = "\\r"; break;
            case '\b': escaped = "\\b"; break;
            case '\f': escaped = "\\f"; break;
            default: {
              const char hex[] = "0123456789abcdef";
              escaped = std::string("\\u00") + hex[c >> 4] + hex[c & 0xF];
            }
          }
          out += escaped;
        } else {
          out += static_cast<char>(c);
        }
        ++i;
        continue;
      }
      const tifa::output::Utf8Step step = tifa::output::utf8_step(value, i);
      out += step.valid ? std::string(value.substr(i, step.length)) : kReplacement;
      i += step.length;
    }
    return out + "\"";
  };
  std::mt19937 random(64);
  for (int round = 0; round < 20000; ++round) {
    const std::string value = round % 3 == 0   ? random_bytes(random, 30)
                              : round % 3 == 1 ? random_text(random, 30)
                                               : mostly_common_text(random, 40);
    CHECK(quoted(value) == by_steps(value));
    if (round % 10 == 0) {
      // The writer's own paths: a member (key and value in one piece) and an array element.
      tifa::Document doc;
      doc.warnings.push_back({value, value, {}});
      doc.meta.tags = {value, value};
      const std::string json = tifa::to_json(doc);
      CHECK(json.find(",\"message\":" + by_steps(value) + ",") != std::string::npos);
      CHECK(json.find("\"tags\":[" + by_steps(value) + "," + by_steps(value) + "]") != std::string::npos);
    }
    // The same value cut at every length, so that each length from 0 to past 64 bytes is met.
    for (std::size_t length = 0; length <= value.size(); length += 7) {
      const std::string_view prefix = std::string_view(value).substr(0, length);
      CHECK(quoted(prefix) == by_steps(prefix));
    }
  }
}

TEST_CASE("repeated extra keys: the first one wins, with few keys and with many") {
  // Up to 16 keys are compared with the earlier ones, more go into a hash set: both must keep the
  // first value of each key, in input order, in meta.extra and in provenance.extra.
  for (std::size_t distinct : {3u, 16u, 40u}) {
    tifa::Document doc;
    for (std::size_t round = 0; round < 2; ++round) {
      for (std::size_t k = 0; k < distinct; ++k) {
        tifa::ExtraValue value;
        value.key = "key" + std::to_string(k);
        value.items = {"value" + std::to_string(round)};
        value.raw_spans = {{round, round + 1}};
        doc.meta.extra.push_back(value);
      }
    }
    const JsonValue root = parsed(tifa::to_json(doc));
    const JsonValue& extra = at(at(root, "meta"), "extra");
    const JsonValue& provenance = at(at(at(root, "meta"), "provenance"), "extra");
    std::vector<std::string> expected_keys;
    for (std::size_t k = 0; k < distinct; ++k) expected_keys.push_back("key" + std::to_string(k));
    CHECK(keys_of(extra) == expected_keys);
    CHECK(keys_of(provenance) == expected_keys);
    for (const std::string& key : expected_keys) {
      CHECK(at(extra, key).text == "value0");
      CHECK(as_size(&at(at(provenance, key), "raw_spans").items.at(0).items.at(0)) == 0);
    }
  }
}

TEST_CASE("copyable_run_end on long text: one rare byte sequence at every offset") {
  // Long runs take 32-byte blocks where the CPU has AVX2, 16-byte blocks elsewhere: a rare or
  // escaped sequence at each offset (inside characters too) must stop both where the walk stops.
  std::string base;
  for (int k = 0; k < 60; ++k) base += k % 7 == 0 ? "a " : "中文、";
  const std::vector<std::string> rare = {"\"", "\\", "\n", "\x01", "\xE0\xA0\x80", "\xED\x9F\xBF",
                                         "\xED\xA0\x80", "😀", "\x80", "\xFF", "\xE4\xB8", "\xC2"};
  for (const std::string& item : rare) {
    for (std::size_t at = 0; at <= base.size(); ++at) {
      const std::string text = base.substr(0, at) + item + base.substr(at);
      for (std::size_t start : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
        CHECK(tifa::output::copyable_run_end(text, start) ==
              tifa::output::copyable_run_end_by_characters(text, start));
      }
    }
  }
}

TEST_CASE("write_decimal writes what std::to_chars writes") {
  auto agrees = [](std::uint64_t value) {
    char fast[tifa::output::kMaxDecimalDigits];
    char reference[tifa::output::kMaxDecimalDigits];
    const char* fast_end = tifa::output::write_decimal(fast, value);
    const char* reference_end = std::to_chars(reference, reference + sizeof reference, value).ptr;
    CHECK_MESSAGE(std::string_view(fast, static_cast<std::size_t>(fast_end - fast)) ==
                      std::string_view(reference, static_cast<std::size_t>(reference_end - reference)),
                  value);
  };
  for (std::uint64_t value = 0; value < 1000000; ++value) agrees(value);
  std::uint64_t power = 1;
  for (int digits = 0; digits < 20; ++digits) {
    agrees(power - 1);
    agrees(power);
    agrees(power + 1);
    if (digits < 19) power *= 10;
  }
  agrees(std::numeric_limits<std::uint64_t>::max());
  std::mt19937_64 random(20);
  for (int round = 0; round < 100000; ++round) {
    const std::uint64_t value = random();
    agrees(value);
    agrees(value >> (random() % 64));
  }
}

TEST_CASE("real members: NaN and infinities are null, others rounded to four decimals") {
  tifa::Document doc = mixed_document();
  doc.slogan_stats.slogans[0].per_10k_chars = std::numeric_limits<double>::quiet_NaN();
  doc.slogan_stats.slogans[0].sentence_share = std::numeric_limits<double>::infinity();
  const std::string json = tifa::to_json(doc);
  CHECK(json.find("\"per_10k_chars\":null,\"sentence_share\":null}") != std::string::npos);
  const JsonValue row = at(at(parsed(json), "counts"), "rows").items.at(0);
  CHECK(at(row, "confidence").text == "0.9");
  doc.slogan_stats.slogans[0].per_10k_chars = -std::numeric_limits<double>::infinity();
  doc.slogan_stats.slogans[0].sentence_share = 2.5e6 + 0.25;  // beyond the integer rounding
  const JsonValue large = at(at(parsed(tifa::to_json(doc)), "counts"), "rows").items.at(0);
  CHECK(at(large, "per_10k_chars").is_null());
  CHECK(at(large, "sentence_share").text == "2500000.25");
}

TEST_CASE("slogan and category counts keep keys that need escapes or are long") {
  // A short plain key goes out with its count in one piece; others take escaped_key.
  tifa::Document doc = mixed_document();
  const std::string long_key(30, 'x');
  const std::string chinese_key = "两个维护两个维护两个维护两个维护两个维护两个维护";  // 72 bytes
  for (const std::string& key : {std::string("say \"no\""), std::string("a\\b\n"), long_key + long_key + long_key,
                                 chinese_key, std::string("ok")}) {
    doc.slogan_stats.slogans[0].canonical = key;
    doc.slogan_stats.categories[0].category = key;
    const JsonValue counts = at(parsed(tifa::to_json(doc)), "counts");
    CHECK(keys_of(at(counts, "slogans")) == std::vector<std::string>{key});
    CHECK(as_size(&at(at(counts, "slogans"), key)) == 1);
    CHECK(as_size(&at(at(counts, "categories"), key)) == 1);
  }
}

TEST_CASE("pieces of every size go out whole, wherever the writer's stage fills up") {
  // The writer stages small pieces in a 2 KB buffer, copied by two overlapping fixed-size copies
  // up to 64 bytes, and longer ones otherwise: warnings whose code and message take each length
  // from 0 to 200 meet every copy size at many offsets of the stage.
  tifa::Document doc;
  std::string expected = "\"warnings\":[";
  for (std::size_t length = 0; length <= 200; ++length) {
    const std::string code(length % 70, static_cast<char>('A' + length % 26));
    const std::string message(length, static_cast<char>('a' + length % 26));
    doc.warnings.push_back({code, message, {length, length * 1000 + 7}});
    if (length > 0) expected += ",";
    expected += "{\"code\":\"" + code + "\",\"message\":\"" + message +
                "\",\"raw_start\":" + std::to_string(length) + ",\"raw_end\":" +
                std::to_string(length * 1000 + 7) + "}";
  }
  expected += "]}";
  const std::string json = tifa::to_json(doc);
  REQUIRE(json.size() >= expected.size());
  CHECK(json.substr(json.size() - expected.size()) == expected);
  CHECK(json.front() == '{');
}
