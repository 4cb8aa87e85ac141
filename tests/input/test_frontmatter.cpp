// Front-matter reader (spec/cleaning.md R1, M8): lib/input/frontmatter.cpp.
#include <doctest/doctest.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/frontmatter.hpp"
#include "paths.hpp"
#include "tifa/reader.hpp"

namespace {

using tifa::FrontMatter;
using tifa::FrontMatterEntry;
using tifa::Span;
using tifa::input::parse_front_matter;
using Strings = std::vector<std::string>;

std::string_view text_at(std::string_view text, Span span) {
  return text.substr(span.begin, span.size());
}

bool is_delimiter_line(std::string_view line, std::string_view marker) {
  if (line.substr(0, marker.size()) != marker) return false;
  return line.find_first_not_of(' ', marker.size()) == std::string_view::npos;
}

// The YAML between the "---" lines (F1, F2), found independently of the library's detector.
std::optional<Span> yaml_block(std::string_view text) {
  std::size_t pos = 0;
  bool opened = false;
  std::size_t yaml_begin = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    if (!opened) {
      if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
        if (!is_delimiter_line(line, "---")) return std::nullopt;
        opened = true;
        yaml_begin = end + 1;
      }
    } else if (is_delimiter_line(line, "---") || is_delimiter_line(line, "...")) {
      return Span{yaml_begin, pos};
    }
    pos = end + 1;
  }
  return std::nullopt;
}

FrontMatter parse_all(std::string_view yaml) { return parse_front_matter(yaml, {0, yaml.size()}); }

std::string read_seed(std::string_view prefix) {
  for (const auto& path : tifa::test::seed_files()) {
    if (path.filename().string().rfind(prefix, 0) == 0) return tifa::test::read_file(path);
  }
  FAIL("seed " << prefix << " not found");
  return {};
}

FrontMatter parse_file_text(const std::string& text) {
  const std::optional<Span> yaml = yaml_block(text);
  REQUIRE(yaml.has_value());
  return parse_front_matter(text, *yaml);
}

void check_scalar(const FrontMatter& fm, std::size_t index, std::string_view key,
                  std::string_view value) {
  REQUIRE(index < fm.entries.size());
  const FrontMatterEntry& entry = fm.entries[index];
  CHECK(entry.key == key);
  CHECK_FALSE(entry.is_list);
  REQUIRE(entry.values.size() == 1);
  CHECK(entry.values[0] == value);
  CHECK(entry.value_spans.size() == 1);
}

void check_list(const FrontMatter& fm, std::size_t index, std::string_view key,
                const Strings& values) {
  REQUIRE(index < fm.entries.size());
  const FrontMatterEntry& entry = fm.entries[index];
  CHECK(entry.key == key);
  CHECK(entry.is_list);
  CHECK(entry.values == values);
  CHECK(entry.value_spans.size() == values.size());
}

// Every key span reads as its key, and every value span reads as its value (the text has no
// escapes, or the reader is the line reader, which does not unescape).
void check_spans_verbatim(std::string_view text, const FrontMatter& fm) {
  for (const FrontMatterEntry& entry : fm.entries) {
    CHECK(text_at(text, entry.key_span) == entry.key);
    REQUIRE(entry.value_spans.size() == entry.values.size());
    for (std::size_t i = 0; i < entry.values.size(); ++i) {
      CHECK(text_at(text, entry.value_spans[i]) == entry.values[i]);
    }
  }
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

// Whether a value agrees with the source text of its span under the YAML quoting rules: plain
// text is equal, single-quoted text equals after '' -> ', double-quoted text without escapes is
// equal (with escapes the unescaped value can only be shorter).
bool consistent_with_source(std::string_view text, Span span, std::string_view value) {
  const std::string_view raw = text_at(text, span);
  const char before = span.begin > 0 ? text[span.begin - 1] : '\0';
  const char after = span.end < text.size() ? text[span.end] : '\0';
  if (before == '\'' && after == '\'') return replace_all(std::string(raw), "''", "'") == value;
  if (before == '"' && after == '"' && raw.find('\\') != std::string_view::npos) {
    return value.size() <= raw.size();
  }
  return raw == value;
}

// Every key span reads as its key, and every value span agrees with its value under the YAML
// quoting rules.
void check_spans_consistent(std::string_view text, const FrontMatter& fm) {
  for (const FrontMatterEntry& entry : fm.entries) {
    CHECK(text_at(text, entry.key_span) == entry.key);
    REQUIRE(entry.value_spans.size() == entry.values.size());
    for (std::size_t i = 0; i < entry.values.size(); ++i) {
      CAPTURE(entry.values[i]);
      CHECK(consistent_with_source(text, entry.value_spans[i], entry.values[i]));
    }
  }
}

}  // namespace

TEST_SUITE("front matter") {

TEST_CASE("front matter: seed 000 (hexo) gives exactly its keys and values") {
  const std::string text = read_seed("000");
  const FrontMatter fm = parse_file_text(text);
  CHECK_FALSE(fm.yaml_error);
  REQUIRE(fm.entries.size() == 7);
  const std::string image =
      "https://n.sinaimg.cn/finance/crawl/620/w550h70/20220109/"
      "9efe-8cf72507c2aeecbf54a3002e071c94b7.png";
  check_scalar(fm, 0, "title", "国务院国资委召开地方国资委负责人会议暨地方国有企业改革领导小组办公室主任会议");
  // U+FF0D (－) and the traditional U+5167 (內) are kept.
  check_list(fm, 1, "categories", {"金融", "新浪财经", "新浪财经\xEF\xBC\x8D国\xE5\x85\xA7"});
  check_scalar(fm, 2, "headimg", image);
  check_scalar(fm, 3, "author", "新浪财经");
  check_scalar(fm, 4, "comments", "false");
  check_scalar(fm, 5, "date", "Sun, 09 Jan 2022 13:39:16 GMT");
  check_scalar(fm, 6, "thumbnail", image);
  check_spans_verbatim(text, fm);
  CHECK(text_at(text, fm.entries[0].value_spans[0]).front() != '\'');
}

TEST_CASE("front matter: seed 002 (jekyll) gives exactly its keys and values") {
  const std::string text = read_seed("002");
  const FrontMatter fm = parse_file_text(text);
  CHECK_FALSE(fm.yaml_error);
  REQUIRE(fm.entries.size() == 5);
  check_scalar(fm, 0, "layout", "post");
  check_scalar(fm, 1, "title", "我市国资国企奋战虎年开门红");
  check_scalar(fm, 2, "date", "2022-02-14 08:47:41 +0800");
  check_scalar(fm, 3, "categories", "rizhaoribao");
  check_scalar(fm, 4, "tags", "日照日报新闻");
  check_spans_verbatim(text, fm);
}

TEST_CASE("front matter: seeds 003 and 004 parse without error") {
  for (const char* seed : {"003", "004"}) {
    CAPTURE(seed);
    const std::string text = read_seed(seed);
    const FrontMatter fm = parse_file_text(text);
    CHECK_FALSE(fm.yaml_error);
    REQUIRE(fm.find("title") != nullptr);
    CHECK_FALSE(fm.find("title")->values.at(0).empty());
    REQUIRE(fm.find("date") != nullptr);
    check_spans_verbatim(text, fm);
  }
  const FrontMatter fm004 = parse_file_text(read_seed("004"));
  REQUIRE(fm004.find("headimg") != nullptr);
  CHECK(fm004.find("headimg")->values ==
        Strings{"https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png"});
  CHECK(fm004.find("categories")->is_list);
}

TEST_CASE("front matter: find returns the first entry of a key or nullptr") {
  const FrontMatter fm = parse_all("a: 1\nb: 2\na: 3\n");
  REQUIRE(fm.find("a") != nullptr);
  CHECK(fm.find("a") == &fm.entries[0]);
  CHECK(fm.find("b")->values == Strings{"2"});
  CHECK(fm.find("c") == nullptr);
  CHECK(fm.find("") == nullptr);
}

TEST_CASE("front matter: duplicate keys are all kept in input order") {
  const FrontMatter fm = parse_all("tags: a\ntitle: t\ntags: b\n");
  CHECK_FALSE(fm.yaml_error);
  REQUIRE(fm.entries.size() == 3);
  check_scalar(fm, 0, "tags", "a");
  check_scalar(fm, 1, "title", "t");
  check_scalar(fm, 2, "tags", "b");
}

TEST_CASE("front matter: double-quoted escapes are unescaped") {
  const std::string text = R"(title: "a\"b\\c\n\t\u4e2d\x41 \/ end")" "\n";
  const FrontMatter fm = parse_all(text);
  CHECK_FALSE(fm.yaml_error);
  check_scalar(fm, 0, "title", "a\"b\\c\n\t中A / end");
  // The span covers the source text between the quotes.
  CHECK(text_at(text, fm.entries[0].value_spans[0]) == R"(a\"b\\c\n\t\u4e2d\x41 \/ end)");
}

TEST_CASE("front matter: single-quoted '' is unescaped") {
  const std::string text = "title: '国资委''s 会议'\n";
  const FrontMatter fm = parse_all(text);
  CHECK_FALSE(fm.yaml_error);
  check_scalar(fm, 0, "title", "国资委's 会议");
  CHECK(text_at(text, fm.entries[0].value_spans[0]) == "国资委''s 会议");
}

TEST_CASE("front matter: ASCII double quotes inside a single-quoted title stay") {
  const std::string text =
      "title: '\"十四五\"商务发展施工图发布 涉及资本市场对外开放'\nauthor: 新浪财经\n";
  const FrontMatter fm = parse_all(text);
  CHECK_FALSE(fm.yaml_error);
  check_scalar(fm, 0, "title", "\"十四五\"商务发展施工图发布 涉及资本市场对外开放");
  check_spans_verbatim(text, fm);
}

TEST_CASE("front matter: spans are exact byte offsets into the decoded text") {
  // A prefix before the YAML and multibyte characters before every value: libyaml counts
  // characters, the spans must count bytes.
  const std::string text =
      "\n---\n"
      "标题: 金融x\n"
      "b: '金''融'\n"
      "c: \"金\\\"融\"\n"
      "'引号键': 值\n"
      "list:\n  - 新浪\n  - '财经'\n  - \"国內\"\n"
      "---\n";
  const std::optional<Span> yaml = yaml_block(text);
  REQUIRE(yaml.has_value());
  const FrontMatter fm = parse_front_matter(text, *yaml);
  CHECK_FALSE(fm.yaml_error);
  REQUIRE(fm.entries.size() == 5);
  CHECK(text_at(text, fm.entries[0].key_span) == "标题");
  CHECK(text_at(text, fm.entries[0].value_spans[0]) == "金融x");
  CHECK(text_at(text, fm.entries[1].value_spans[0]) == "金''融");
  CHECK(fm.entries[1].values[0] == "金'融");
  CHECK(text_at(text, fm.entries[2].value_spans[0]) == "金\\\"融");
  CHECK(fm.entries[2].values[0] == "金\"融");
  CHECK(fm.entries[3].key == "引号键");
  CHECK(text_at(text, fm.entries[3].key_span) == "引号键");
  CHECK(text_at(text, fm.entries[3].value_spans[0]) == "值");
  check_list(fm, 4, "list", {"新浪", "财经", "国內"});
  check_spans_consistent(text, fm);
}

TEST_CASE("front matter: values that look like numbers, booleans or dates stay strings") {
  const std::string text =
      "year: 2022\nflag: false\nyes: yes\nday: 2022-06-08\nfloat: 1.5e3\nnull: ~\n"
      "octal: 0o17\nhex: 0x1F\ntime: 2022-02-14 08:47:41 +0800\n";
  const FrontMatter fm = parse_all(text);
  CHECK_FALSE(fm.yaml_error);
  REQUIRE(fm.entries.size() == 9);
  check_scalar(fm, 0, "year", "2022");
  check_scalar(fm, 1, "flag", "false");
  check_scalar(fm, 2, "yes", "yes");
  check_scalar(fm, 3, "day", "2022-06-08");
  check_scalar(fm, 4, "float", "1.5e3");
  check_scalar(fm, 5, "null", "~");
  check_scalar(fm, 6, "octal", "0o17");
  check_scalar(fm, 7, "hex", "0x1F");
  check_scalar(fm, 8, "time", "2022-02-14 08:47:41 +0800");
  check_spans_verbatim(text, fm);
}

TEST_CASE("front matter: an empty value is an empty scalar unless a sequence follows") {
  const std::string text = "categories: \ntitle: t\ncategories: \n - 金融\n - 新浪\nlast:";
  const FrontMatter fm = parse_all(text);
  CHECK_FALSE(fm.yaml_error);
  REQUIRE(fm.entries.size() == 4);
  check_scalar(fm, 0, "categories", "");
  check_list(fm, 2, "categories", {"金融", "新浪"});
  check_scalar(fm, 3, "last", "");
  // An empty value sits right after its colon.
  CHECK(fm.entries[0].value_spans[0] == Span{11, 11});
  CHECK(fm.entries[3].value_spans[0] == Span{text.size(), text.size()});
  check_spans_verbatim(text, fm);
}

TEST_CASE("front matter: nested collections are flattened into the list") {
  const std::string text =
      "tags:\n  - a\n  - [b, c]\n  - {k: v}\n  - - d\nauthor:\n  name: 王\n  url: [u]\n"
      "flow: [x, \"y\"]\nempty: []\nafter: z\n";
  const FrontMatter fm = parse_all(text);
  CHECK_FALSE(fm.yaml_error);
  REQUIRE(fm.entries.size() == 5);
  check_list(fm, 0, "tags", {"a", "b", "c", "k", "v", "d"});
  check_list(fm, 1, "author", {"name", "王", "url", "u"});
  check_list(fm, 2, "flow", {"x", "y"});
  check_list(fm, 3, "empty", {});
  check_scalar(fm, 4, "after", "z");
  check_spans_verbatim(text, fm);
}

TEST_CASE("front matter: anchors are skipped, aliases give their own text") {
  const std::string text = "a: &x 金融\nb: *x\nc: !!str 2022\nd: &l [p, q]\n";
  const FrontMatter fm = parse_all(text);
  CHECK_FALSE(fm.yaml_error);
  REQUIRE(fm.entries.size() == 4);
  check_scalar(fm, 0, "a", "金融");
  check_scalar(fm, 1, "b", "*x");
  check_scalar(fm, 2, "c", "2022");
  check_list(fm, 3, "d", {"p", "q"});
  check_spans_verbatim(text, fm);
}

TEST_CASE("front matter: block scalars and non-string keys") {
  const std::string text = "body: |\n  line1\n  line2\n\n? [k1, k2]\n: dropped\nnext: 好\n";
  const FrontMatter fm = parse_all(text);
  CHECK_FALSE(fm.yaml_error);
  REQUIRE(fm.entries.size() == 2);
  check_scalar(fm, 0, "body", "line1\nline2\n");
  CHECK(text_at(text, fm.entries[0].value_spans[0]) == "line1\n  line2");
  check_scalar(fm, 1, "next", "好");
}

TEST_CASE("front matter: empty input gives no entries and no error") {
  for (const std::string_view text : {"", "\n", "   \n\n", "# only a comment\n"}) {
    CAPTURE(text);
    const FrontMatter fm = parse_all(text);
    CHECK_FALSE(fm.yaml_error);
    CHECK(fm.entries.empty());
  }
  const FrontMatter fm = parse_front_matter("", {0, 0});
  CHECK(fm.entries.empty());
  CHECK_FALSE(fm.present);
}

TEST_CASE("front matter: a YAML error falls back to the line reader") {
  const std::string text = "title: a: b: [\ndate: 2022-06-08\n";
  const FrontMatter fm = parse_all(text);
  CHECK(fm.yaml_error);
  REQUIRE(fm.entries.size() == 2);
  check_scalar(fm, 0, "title", "a: b: [");
  check_scalar(fm, 1, "date", "2022-06-08");
  check_spans_verbatim(text, fm);
}

TEST_CASE("front matter: the line reader reads a tab-indented mess with lists") {
  const std::string text =
      "\n---\n"
      "title: '标题'\n"
      "categories:\n"
      "\t- 金融\n"
      "  - \"新浪\"\n"
      "author: 新浪财经\n"
      "\t- dropped, author has a value\n"
      "this line has no colon\n"
      "# a comment: skipped\n"
      "url:https://not-a-key\n"
      "quote: 'unterminated\n"
      "  indented : spaced key\n"
      ": no key\n"
      "---\n";
  const std::optional<Span> yaml = yaml_block(text);
  REQUIRE(yaml.has_value());
  const FrontMatter fm = parse_front_matter(text, *yaml);
  CHECK(fm.yaml_error);
  REQUIRE(fm.entries.size() == 5);
  check_scalar(fm, 0, "title", "标题");
  check_list(fm, 1, "categories", {"金融", "新浪"});
  check_scalar(fm, 2, "author", "新浪财经");
  check_scalar(fm, 3, "quote", "'unterminated");
  check_scalar(fm, 4, "indented", "spaced key");
  check_spans_verbatim(text, fm);
}

TEST_CASE("front matter: a document that is not a mapping is a YAML error") {
  const FrontMatter list = parse_all("- a\n- b\n");
  CHECK(list.yaml_error);
  CHECK(list.entries.empty());
  const FrontMatter scalar = parse_all("just a sentence\n");
  CHECK(scalar.yaml_error);
  CHECK(scalar.entries.empty());
}

TEST_CASE("front matter: hostile input never throws") {
  using namespace std::string_literals;
  const std::vector<std::string> inputs = {
      "{", "}", ": :", "[", "\"", "'", "a: \"unterminated\nb: c\n", "a: 'x\n", "&a", "*a",
      "a: *missing\n", "a: &\n", "- - - -", "\t\t: \t", "key: value\n\tbad: tab\n", "%YAML 9.9\n",
      "!!", "? ", "a: b\n--- \nc: d\n", "a: b\n...\n", "\xEF\xBB\xBFtitle: bom\n",
      "a: \x01\x02\n"s, "a\0b: c\n"s, "a: \xFF\xFE invalid utf-8\n", "title: 中\xE6\n",
      std::string(5000, '['), std::string(5000, '-') + " x", std::string(3000, ' ') + "a: b",
  };
  for (const std::string& text : inputs) {
    CAPTURE(text.substr(0, 40));
    FrontMatter fm;
    CHECK_NOTHROW(fm = parse_all(text));
    for (const FrontMatterEntry& entry : fm.entries) {
      CHECK(entry.key_span.end <= text.size());
      REQUIRE(entry.values.size() == entry.value_spans.size());
      for (const Span& span : entry.value_spans) {
        CHECK(span.begin <= span.end);
        CHECK(span.end <= text.size());
      }
    }
  }
  // A span beyond the text is clamped, not trusted.
  CHECK_NOTHROW(parse_front_matter("a: b", {2, 100}));
  CHECK_NOTHROW(parse_front_matter("a: b", {100, 2}));
}

TEST_CASE("front matter: every hexo and jekyll corpus document parses cleanly") {
  std::size_t files = 0;
  for (const std::filesystem::path& path : tifa::test::corpus_files()) {
    const std::string dir = path.parent_path().filename().string();
    if (dir != "hexo-sina" && dir != "jekyll-finews") continue;
    ++files;
    CAPTURE(path.filename().string());
    const std::string text = tifa::test::read_file(path);
    const std::optional<Span> yaml = yaml_block(text);
    REQUIRE(yaml.has_value());
    const FrontMatter fm = parse_front_matter(text, *yaml);
    CHECK_FALSE(fm.yaml_error);
    for (const char* key : {"title", "date"}) {
      CAPTURE(key);
      const FrontMatterEntry* entry = fm.find(key);
      REQUIRE(entry != nullptr);
      REQUIRE_FALSE(entry->values.empty());
      CHECK_FALSE(entry->values[0].empty());
    }
    check_spans_consistent(text, fm);
  }
  if (files == 0) {
    MESSAGE("no hexo-sina or jekyll-finews corpus found; set TIFA_SHARED_DIR");
    return;
  }
  MESSAGE(files << " corpus documents checked");
}

// ---- the fast path (read_simple_front_matter) against libyaml ----

void check_same_entries(const std::vector<FrontMatterEntry>& fast, const FrontMatter& slow) {
  CHECK_FALSE(slow.yaml_error);
  REQUIRE(fast.size() == slow.entries.size());
  for (std::size_t i = 0; i < fast.size(); ++i) {
    CAPTURE(i);
    CHECK(fast[i].key == slow.entries[i].key);
    CHECK(fast[i].key_span == slow.entries[i].key_span);
    CHECK(fast[i].is_list == slow.entries[i].is_list);
    CHECK(fast[i].values == slow.entries[i].values);
    CHECK(fast[i].value_spans == slow.entries[i].value_spans);
  }
}

// When the fast path answers, libyaml must give the same; `expect_fast` says whether it should.
void check_fast_path(std::string_view text, Span yaml, bool expect_fast) {
  std::vector<FrontMatterEntry> fast;
  const bool answered = tifa::input::read_simple_front_matter(text, yaml, fast);
  CHECK(answered == expect_fast);
  // Refused, it leaves no entry behind (entries are made in place, the last half made then).
  if (!answered) CHECK(fast.empty());
  if (answered) check_same_entries(fast, tifa::input::parse_front_matter_with_libyaml(text, yaml));
}

TEST_CASE("front matter fast path: flat blocks read without libyaml agree with libyaml") {
  const char* const cases[] = {
      "title: '国务院国资委召开会议'\ncategories: \n - 金融\n - 新浪财经\nauthor: 新浪财经\n"
      "comments: false\ndate: Sun, 09 Jan 2022 13:39:16 GMT\n",
      "layout: post\ntitle: \"我市国资国企奋战虎年开门红\"\ndate: 2022-02-14 08:47:41 +0800\n"
      "categories: rizhaoribao\ntags: 日照日报新闻\n",
      "title: 'it''s ''quoted'''\n",                          // '' inside single quotes
      "title: '\"中国拍《长津湖》是威胁世界\"？封！'\n",          // double quotes inside single
      "url: https://example.com/a:b?x=1#frag\n",                // ':' and '#' without a blank
      "tags:\n- a\n- 'b c'\n-   d  \nnext: e\n",                 // indentless list, extra blanks
      "k:    spaced value   \n\n   \nk2: v\n",                  // blank lines, trailing blanks
      "last-modified_2: x [y] {z}, w\n",                        // brackets inside a plain scalar
      "a: b",                                                   // no final newline
  };
  for (const char* c : cases) {
    CAPTURE(c);
    const std::string_view text(c);
    check_fast_path(text, {0, text.size()}, true);
  }
  // Offsets are absolute: the block inside a whole document.
  const std::string doc = "---\ntitle: 'x'\ntags:\n  - a\n---\nbody\n";
  check_fast_path(doc, {4, 26}, true);
}

TEST_CASE("front matter fast path: anything outside the flat subset goes to libyaml") {
  const char* const cases[] = {
      "title: \"a\\tb\"\n",            // an escape
      "# comment\ntitle: x\n",         // a comment line
      "title: x # comment\n",          // a trailing comment
      "tags: [a, b]\n",                // a flow sequence
      "text: |\n  block\n",            // a block scalar
      "a: &x v\nb: *x\n",              // anchor and alias
      "title: long\n  continued\n",    // a continuation line
      "empty:\nnext: v\n",             // an empty scalar
      "nested:\n  key: v\n",           // a nested mapping
      "list:\n - a\n  - b\n",          // items at two indentations
      "t:\tv\n",                       // a tab
      "t: a\xc2\x85" "b\n",            // NEL, a YAML line break
      "t: \xef\xbb\xbfv\n",            // a BOM inside
      "t: \xff\n",                     // invalid UTF-8
      "t: a: b\n",                     // ": " inside a plain scalar
      "og:title: x\n",                 // a key with a colon
      "? complex\n: v\n",              // an explicit key
      "",                              // nothing
  };
  for (const char* c : cases) {
    CAPTURE(c);
    const std::string_view text(c);
    check_fast_path(text, {0, text.size()}, false);
  }
}

TEST_CASE("front matter fast path: fuzz finding, brackets deeper than libyaml may see stay a YAML error") {
  // fuzz_frontmatter: a quoted title holding 65 '{' was read by the fast path while the libyaml
  // path (too_deep) made it a YAML error; both paths now refuse it the same way.
  const std::string text = "title: \"a" + std::string(65, '{') + "\"\n";
  std::vector<FrontMatterEntry> entries;
  CHECK_FALSE(tifa::input::read_simple_front_matter(text, {0, text.size()}, entries));
  CHECK(parse_all(text).yaml_error);
}

TEST_CASE("front matter fast path: an unmodelled character is found at every offset of a block") {
  // The block is scanned 16 bytes at a time, then byte by byte: put each character YAML treats
  // as a break or as non-printable at every offset (first, middle and last bytes of a block, the
  // tail), and beside it characters that share its lead byte but are plain text.
  const std::string han = "国务院国资委召开地方国资委负责人会议";
  const char* const unmodelled[] = {"\x01", "\x7f", "\xc2\x85", "\xc2\x9f", "\xe2\x80\xa8",
                                    "\xe2\x80\xa9", "\xef\xbb\xbf", "\xef\xbf\xbe", "\xef\xbf\xbf",
                                    "\r", "\xc0\x80", "\xc1\xbf"};
  const char* const modelled[] = {"\xc2\xa0", "\xe2\x80\x9c", "\xe2\x80\xa7", "\xef\xbc\x8c",
                                  "\xef\xbf\xbd", "\xef\xbb\xbe", "\xc3\xa9"};
  for (std::size_t at = 0; at <= han.size(); at += 3) {
    for (const char* bad : unmodelled) {
      const std::string text = "title: " + han.substr(0, at) + bad + han.substr(at) + "\n";
      CAPTURE(text);
      check_fast_path(text, {0, text.size()}, false);
    }
    for (const char* good : modelled) {
      const std::string text = "title: " + han.substr(0, at) + good + han.substr(at) + "\n";
      CAPTURE(text);
      check_fast_path(text, {0, text.size()}, true);
    }
  }
}

TEST_CASE("front matter fast path: \": \" or \" #\" in a plain scalar is found at every offset") {
  // A plain scalar is searched for the two pairs 16 bytes at a time, the last pairs by a step
  // that overlaps the one before, a short one byte by byte: put each pair at every offset of
  // values of several lengths (pairs across block edges too), and beside it look-alikes that
  // stay plain text.
  for (std::size_t length : {2u, 15u, 16u, 17u, 18u, 31u, 32u, 33u, 40u, 47u, 48u, 49u}) {
    for (std::size_t at = 1; at + 1 < length; ++at) {
      for (const char* stop : {": ", " #"}) {
        std::string value(length, 'x');
        value.replace(at, 2, stop);
        const std::string text = "title: " + value + "\n";
        CAPTURE(text);
        check_fast_path(text, {0, text.size()}, false);
      }
      for (const char* plain : {":x", "#x", "x#", " x", "x:", "::"}) {
        std::string value(length, 'x');
        value.replace(at, 2, plain);
        const std::string text = "title: " + value + "\n";
        CAPTURE(text);
        check_fast_path(text, {0, text.size()}, value.back() != ':');  // a final ':' is a key
      }
    }
  }
}

TEST_CASE("front matter fast path: 64 opening brackets are read, 65 are a YAML error") {
  for (std::size_t square = 0; square <= 65; square += 13) {
    for (std::size_t total : {std::size_t{64}, std::size_t{65}}) {
      const std::size_t curly = total - std::min(square, total);
      // Not nested: the count alone decides nothing; closed brackets keep the depth at one.
      std::string flat = "title: 'x";
      for (std::size_t i = 0; i < std::min(square, total); ++i) flat += "[]";
      for (std::size_t i = 0; i < curly; ++i) flat += "{}";
      flat += "'\n";
      CAPTURE(flat);
      check_fast_path(flat, {0, flat.size()}, true);
      // Nested: as deep as the count.
      const std::string nested = "title: '" + std::string(std::min(square, total), '[') +
                                 std::string(curly, '{') + "'\n";
      CAPTURE(nested);
      check_fast_path(nested, {0, nested.size()}, total <= 64);
    }
  }
}

TEST_CASE("front matter fast path: seeds and corpus documents give libyaml's entries") {
  std::vector<std::filesystem::path> paths = tifa::test::seed_files();
  for (const auto& path : tifa::test::corpus_files()) paths.push_back(path);
  std::size_t blocks = 0, fast = 0;
  for (const auto& path : paths) {
    const std::string text = tifa::test::read_file(path);
    const std::optional<Span> yaml = yaml_block(text);
    if (!yaml) continue;
    CAPTURE(path.filename().string());
    ++blocks;
    std::vector<FrontMatterEntry> entries;
    if (!tifa::input::read_simple_front_matter(text, *yaml, entries)) continue;
    ++fast;
    check_same_entries(entries, tifa::input::parse_front_matter_with_libyaml(text, *yaml));
  }
  CHECK(fast > 0);
  MESSAGE(blocks << " front-matter blocks, " << fast << " read by the fast path");
}

}  // TEST_SUITE("front matter")

TEST_CASE("front matter fast path: told the text is valid UTF-8, it answers as when it checks") {
  // tifa::read passes decoded text (valid UTF-8) and skips the check; the answer and the entries
  // must not change for such text, accepted or refused.
  const char* const cases[] = {
      "title: '国务院国资委召开会议'\ncategories: \n - 金融\n - 新浪财经\n",
      "title: x # comment\n",
      ("t: a\xc2\x85" "b\n"),
      "t: \xef\xbb\xbfv\n",
      "date: 2022-02-14 08:47:41 +0800\ntags: 日照日报新闻\n",
  };
  for (const char* c : cases) {
    CAPTURE(c);
    const std::string_view text(c);
    std::vector<FrontMatterEntry> checked, trusted;
    const bool a = tifa::input::read_simple_front_matter(text, {0, text.size()}, checked);
    const bool b = tifa::input::read_simple_front_matter(text, {0, text.size()}, trusted, true);
    CHECK(a == b);
    REQUIRE(checked.size() == trusted.size());
    for (std::size_t i = 0; i < checked.size(); ++i) {
      CHECK(checked[i].key == trusted[i].key);
      CHECK(checked[i].values == trusted[i].values);
      CHECK(checked[i].value_spans == trusted[i].value_spans);
    }
  }
}
