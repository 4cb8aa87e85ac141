// spec/slogans.md §2 (the lexicon), except the context rules of §2.4 (test_spec_context.cpp):
// the native TSV format, tolerance, member versions, validation diagnostics, importers, the
// reference list and the built-in lexicon, merging. Expected values are written from the spec.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "paths.hpp"
#include "slogan_check.hpp"
#include "tifa/error.hpp"
#include "tifa/lexicon.hpp"

using namespace slogan_test;
using tifa::Lexicon;
using tifa::LexiconDiagnostic;
using tifa::LexiconFormat;

namespace {

std::vector<LexiconDiagnostic> diagnose(std::string_view text, LexiconFormat format = LexiconFormat::kTsv) {
  return Lexicon::check_buffer(text, format, "slogans.tsv");
}

std::string dump(const std::vector<LexiconDiagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += "\n  " + d.to_string();
  return out;
}

// The diagnostic with `code` (on `line` when line != 0), or nullptr.
const LexiconDiagnostic* find_code(const std::vector<LexiconDiagnostic>& diagnostics, std::string_view code,
                                   std::size_t line = 0) {
  for (const auto& d : diagnostics) {
    if (d.code == code && (line == 0 || d.line == line)) return &d;
  }
  return nullptr;
}

bool has_error(const std::vector<LexiconDiagnostic>& diagnostics, std::size_t line = 0) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [&](const LexiconDiagnostic& d) { return d.error && (line == 0 || d.line == line); });
}

// Checks that `text` gives the error `code` on `line`, and that loading it throws.
void expect_error(std::string_view text, std::string_view code, std::size_t line,
                  LexiconFormat format = LexiconFormat::kTsv) {
  const auto diagnostics = diagnose(text, format);
  INFO("diagnostics:" << dump(diagnostics));
  const LexiconDiagnostic* d = find_code(diagnostics, code, line);
  REQUIRE(d != nullptr);
  CHECK(d->error);
  CHECK(d->source == "slogans.tsv");
  CHECK_THROWS_AS((void)Lexicon::from_buffer(text, format, "slogans.tsv"), tifa::LexiconError);
}

// Checks that `text` loads with the warning `code`.
void expect_warning(std::string_view text, std::string_view code, LexiconFormat format = LexiconFormat::kTsv) {
  const auto diagnostics = diagnose(text, format);
  INFO("diagnostics:" << dump(diagnostics));
  const LexiconDiagnostic* d = find_code(diagnostics, code);
  REQUIRE(d != nullptr);
  CHECK_FALSE(d->error);
  CHECK_FALSE(has_error(diagnostics));
  const Lexicon lexicon = Lexicon::from_buffer(text, format, "slogans.tsv");
  CHECK(find_code(lexicon.warnings(), code) != nullptr);
}

std::vector<std::string> strings(std::initializer_list<const char*> items) { return list(items); }

bool lowercase_hex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// §2.1 Native format
// ---------------------------------------------------------------------------------------------

TEST_CASE("2.1: the header names the columns in any order, case-insensitive and trimmed") {
  const Lexicon lexicon = tsv(" Category \t CANONICAL\tVariants \neconomy\t稳中求进\t稳中求进工作总基调\n");
  REQUIRE(lexicon.size() == 1);
  const auto& e = lexicon.entries()[0];
  CHECK(e.canonical == "稳中求进");
  CHECK(e.category == "economy");
  CHECK(e.variants == strings({"稳中求进工作总基调"}));
}

TEST_CASE("2.1: only canonical is required; without an id the id is the canonical") {
  const Lexicon lexicon = tsv("canonical\n高质量发展\n");
  REQUIRE(lexicon.size() == 1);
  CHECK(lexicon.entries()[0].id == "高质量发展");
  CHECK(lexicon.find("高质量发展") == &lexicon.entries()[0]);
  CHECK(lexicon.find_form("高质量发展") == &lexicon.entries()[0]);
}

TEST_CASE("2.1: variants are separated by ASCII commas; a full-width comma belongs to the form") {
  const Lexicon lexicon = tsv("canonical\tvariants\n不忘初心、牢记使命\t不忘初心，牢记使命,不忘初心牢记使命\n");
  REQUIRE(lexicon.size() == 1);
  const auto& e = lexicon.entries()[0];
  CHECK(e.variants == strings({"不忘初心，牢记使命", "不忘初心牢记使命"}));
  CHECK(lexicon.find_form("不忘初心，牢记使命") == &e);
}

TEST_CASE("2.1: members, english, first_year, id and extra columns") {
  const Lexicon lexicon = tsv(
      "canonical\tmembers\tenglish\tfirst_year\tid\tsource_note\n"
      "两个至上\t人民至上、生命至上\tTwo Supremes\t2020\tlivelihood.two-supremes\tcovid speech\n");
  REQUIRE(lexicon.size() == 1);
  const auto& e = lexicon.entries()[0];
  CHECK(e.id == "livelihood.two-supremes");
  CHECK(e.english == "Two Supremes");
  CHECK(e.first_year == 2020);
  REQUIRE(e.versions.size() == 1);
  CHECK(e.versions[0].members == strings({"人民至上", "生命至上"}));
  CHECK(lexicon.members("livelihood.two-supremes") == strings({"人民至上", "生命至上"}));
  const std::string* note = e.extra_field("source_note");
  REQUIRE(note != nullptr);
  CHECK(*note == "covid speech");
  CHECK(e.extra_field("nothing") == nullptr);
  CHECK(lexicon.find("livelihood.two-supremes") == &e);
}

TEST_CASE("2.1: an id must match [A-Za-z0-9._:-]{1,64} and must not start with d:") {
  CHECK(has_error(diagnose("canonical\tid\n六稳\td:six\n"), 2));
  CHECK(has_error(diagnose("canonical\tid\n六稳\tsix stabilities\n"), 2));
  CHECK(has_error(diagnose("canonical\tid\n六稳\t" + std::string(65, 'a') + "\n"), 2));
  CHECK_FALSE(has_error(diagnose("canonical\tid\n六稳\teconomy.six-stable:v1_0\n")));
}

TEST_CASE("2.1: forms have two code points or more, no control character, no edge quote mark") {
  expect_error("canonical\tvariants\n六稳\t稳\n", "E_FORM", 2);
  expect_error("canonical\tvariants\n六稳\t“六稳”\n", "E_FORM", 2);
  expect_error("canonical\tvariants\n六稳\t六\x01稳\n", "E_FORM", 2);
  expect_error("canonical\n稳\n", "E_FORM", 2);
}

TEST_CASE("2.1: forms may contain spaces, digits, Latin letters, +, ×, full-width brackets, 、 and ，") {
  const auto diagnostics = diagnose(
      "canonical\tvariants\n"
      "首台（套）\t首台套\n"
      "数据要素×\t数据要素X\n"
      "1+N政策体系\t1+N\n"
      "中国制造2025\tMade in China 2025\n"
      "不忘初心、牢记使命\t不忘初心，牢记使命\n");
  INFO(dump(diagnostics));
  CHECK_FALSE(has_error(diagnostics));
}

// ---------------------------------------------------------------------------------------------
// §2.2 Tolerance
// ---------------------------------------------------------------------------------------------

TEST_CASE("2.2: BOM, line ends, comments, blank lines, missing trailing fields, spaces around fields") {
  const char* const variants[] = {
      "\xef\xbb\xbf" "canonical\tcategory\n六稳\teconomy\n高质量发展\teconomy\n",
      "canonical\tcategory\r\n六稳\teconomy\r\n高质量发展\teconomy\r\n",
      "canonical\tcategory\r六稳\teconomy\r高质量发展\teconomy\r",
      "# a comment before the header\n   # another one\ncanonical\tcategory\n# inside\n六稳\teconomy\n高质量发展\teconomy\n",
      "\n\ncanonical\tcategory\n\n六稳\teconomy\n\n   \n高质量发展\teconomy\n\n",
      "canonical\tcategory\tenglish\tfirst_year\n六稳\teconomy\n高质量发展\teconomy\n",
      "canonical\tcategory\n  六稳 \t\xe3\x80\x80" "economy\xe3\x80\x80\n高质量发展\t economy\n",
  };
  for (const char* text : variants) {
    CAPTURE(text);
    const Lexicon lexicon = tsv(text);
    REQUIRE(lexicon.size() == 2);
    for (const char* canonical : {"六稳", "高质量发展"}) {
      CAPTURE(canonical);
      const tifa::LexiconEntry* e = lexicon.find_form(canonical);
      REQUIRE(e != nullptr);
      CHECK(e->canonical == canonical);
      CHECK(e->category == "economy");
    }
  }
}

TEST_CASE("2.2: fields are NFC-normalised and there is no CSV quoting") {
  const Lexicon lexicon = tsv("canonical\tenglish\n六稳\t\"Cafe\xcc\x81\" stabilities\n");
  REQUIRE(lexicon.size() == 1);
  CHECK(lexicon.entries()[0].english == "\"Caf\xc3\xa9\" stabilities");
}

TEST_CASE("2.2: non-UTF-8 input is rejected with the byte offset and a GB18030 hint") {
  // 高质量 in GB18030.
  const std::string text = "canonical\n\xb8\xdf\xd6\xca\xc1\xbf\n";
  const auto diagnostics = diagnose(text);
  INFO(dump(diagnostics));
  const LexiconDiagnostic* d = find_code(diagnostics, "E_ENCODING", 2);
  REQUIRE(d != nullptr);
  CHECK(d->error);
  CHECK(d->column == 1);
  CHECK(lower(d->message).find("gb18030") != std::string::npos);
  try {
    (void)tsv(text);
    FAIL("no exception for GB18030 input");
  } catch (const tifa::LexiconError& e) {
    CHECK(e.code() == tifa::ErrorCode::kLexicon);
    CHECK(find_code(e.diagnostics(), "E_ENCODING") != nullptr);
  }
}

// ---------------------------------------------------------------------------------------------
// §2.3 Member versions
// ---------------------------------------------------------------------------------------------

namespace {

const char* const kOneProfitFiveRates =
    "canonical\tmembers\tvalid_from\tvalid_to\n"
    "一利五率\t利润总额、净资产收益率、营业现金比率、资产负债率、研发经费投入强度、全员劳动生产率\t2023\t2024\n"
    "一利五率\t利润总额、净资产收益率、营业收现率、资产负债率、研发经费投入强度、全员劳动生产率\t2025\n";

}  // namespace

TEST_CASE("2.3: the version valid on the date gives the members; a year means the whole year") {
  const Lexicon lexicon = tsv(kOneProfitFiveRates);
  REQUIRE(lexicon.size() == 1);
  CHECK(lexicon.entries()[0].versions.size() == 2);
  const auto v2023 = strings({"利润总额", "净资产收益率", "营业现金比率", "资产负债率", "研发经费投入强度", "全员劳动生产率"});
  const auto v2025 = strings({"利润总额", "净资产收益率", "营业收现率", "资产负债率", "研发经费投入强度", "全员劳动生产率"});
  CHECK(lexicon.members("一利五率", "2023-01-01") == v2023);
  CHECK(lexicon.members("一利五率", "2024-12-31") == v2023);
  CHECK(lexicon.members("一利五率", "2025-01-01") == v2025);
  CHECK(lexicon.members("一利五率", "2030-06-15") == v2025);
  // Without a date: the open-ended version.
  CHECK(lexicon.members("一利五率") == v2025);
  CHECK(lexicon.members("no such id").empty());
}

TEST_CASE("2.3: without an open-ended version and without a date, the latest valid_from wins") {
  const Lexicon lexicon = tsv(
      "canonical\tmembers\tvalid_from\tvalid_to\n"
      "把方向、管大局、保落实\t把方向、管大局、保落实\t2016\t2018\n"
      "把方向、管大局、保落实\t把方向、管大局、促落实\t2019\t2020\n");
  CHECK(lexicon.members("把方向、管大局、保落实") == strings({"把方向", "管大局", "促落实"}));
  CHECK(lexicon.members("把方向、管大局、保落实", "2017-05-01") == strings({"把方向", "管大局", "保落实"}));
}

TEST_CASE("2.3: version rows define only members; versions must not overlap") {
  expect_error(
      "canonical\tcategory\tmembers\tvalid_from\tvalid_to\n"
      "一利五率\tsoe-reform\t利润总额、净资产收益率\t2023\t2024\n"
      "一利五率\teconomy\t利润总额、营业收现率\t2025\t\n",
      "E_DUP_ENTRY", 3);
  expect_error(
      "canonical\tmembers\tvalid_from\tvalid_to\n"
      "一利五率\t利润总额、净资产收益率\t2023\t2024\n"
      "一利五率\t利润总额、营业收现率\t2024\t\n",
      "E_DATE", 3);
  // english may be repeated.
  CHECK_FALSE(has_error(diagnose(
      "canonical\tmembers\tenglish\tvalid_from\tvalid_to\n"
      "一利五率\t利润总额、净资产收益率\tOne Profit\t2023\t2024\n"
      "一利五率\t利润总额、营业收现率\tOne Profit\t2025\t\n")));
}

// ---------------------------------------------------------------------------------------------
// §2.5 Validation
// ---------------------------------------------------------------------------------------------

TEST_CASE("2.5: E_FORM_CONFLICT names source, line, column, code and the first owner") {
  const auto diagnostics = diagnose(
      "canonical\tvariants\n"
      "国企改革三年行动\t三年行动\n"
      "国有企业三年行动\t三年行动\n");
  INFO(dump(diagnostics));
  const LexiconDiagnostic* d = find_code(diagnostics, "E_FORM_CONFLICT", 3);
  REQUIRE(d != nullptr);
  CHECK(d->error);
  CHECK(d->column >= 1);
  const std::string text = d->to_string();
  CHECK(text.rfind("slogans.tsv:3:", 0) == 0);
  CHECK(text.find(": error[E_FORM_CONFLICT]: ") != std::string::npos);
  CHECK(text.find("\"三年行动\"") != std::string::npos);
  CHECK(text.find("\"国企改革三年行动\"") != std::string::npos);
  CHECK(text.find("line 2") != std::string::npos);
}

TEST_CASE("2.5: a form conflict is found after folding") {
  const auto diagnostics = diagnose("canonical\n国企改革三年行动\n國企改革三年行動\n");
  INFO(dump(diagnostics));
  CHECK(find_code(diagnostics, "E_FORM_CONFLICT", 3) != nullptr);
}

TEST_CASE("2.5: one error diagnostic per condition, with its line") {
  SUBCASE("E_NO_HEADER") { expect_error("# comment\n高质量发展\t稳增长\n", "E_NO_HEADER", 2); }
  SUBCASE("E_DUP_COLUMN") { expect_error("canonical\tvariants\tVariants\n六稳\t\t\n", "E_DUP_COLUMN", 1); }
  SUBCASE("E_FIELDS") { expect_error("canonical\tcategory\n六稳\teconomy\textra\n", "E_FIELDS", 2); }
  SUBCASE("E_CANONICAL") { expect_error("canonical\tcategory\n\teconomy\n", "E_CANONICAL", 2); }
  SUBCASE("E_DUP_ENTRY: a canonical repeats") { expect_error("canonical\n六稳\n六保\n六稳\n", "E_DUP_ENTRY", 4); }
  SUBCASE("E_DUP_ENTRY: an id repeats") {
    expect_error("canonical\tid\n六稳\teconomy.six\n六保\teconomy.six\n", "E_DUP_ENTRY", 3);
  }
  SUBCASE("E_FORM") { expect_error("canonical\tvariants\n六稳\t稳\n", "E_FORM", 2); }
  SUBCASE("E_YEAR") { expect_error("canonical\tfirst_year\n六稳\t20\n", "E_YEAR", 2); }
  SUBCASE("E_DATE: malformed") {
    expect_error("canonical\tmembers\tvalid_from\n两个至上\t人民至上、生命至上\t2020-13\n", "E_DATE", 2);
  }
  SUBCASE("E_DATE: from after to") {
    expect_error("canonical\tmembers\tvalid_from\tvalid_to\n两个至上\t人民至上、生命至上\t2025\t2024\n", "E_DATE", 2);
  }
  SUBCASE("E_CONTEXT: bad syntax") {
    expect_error("canonical\tvariants\tneeds_context\tcontext\n国企改革三年行动\t三年行动\t三年行动\tful; sentense=国企\n",
                 "E_CONTEXT", 2);
  }
  SUBCASE("E_CONTEXT: needs_context names a string that is no form of the row") {
    expect_error("canonical\tvariants\tneeds_context\tcontext\n国企改革三年行动\t三年行动\t两年行动\tfull\n",
                 "E_CONTEXT", 2);
  }
}

TEST_CASE("2.5: E_YAML for syntax errors and glob values") {
  const auto syntax = diagnose("economy: [稳中求进\n", LexiconFormat::kQuantedaYaml);
  INFO(dump(syntax));
  CHECK(find_code(syntax, "E_YAML") != nullptr);
  const auto glob = diagnose("economy:\n  - 稳*\n", LexiconFormat::kQuantedaYaml);
  INFO(dump(glob));
  CHECK(find_code(glob, "E_YAML") != nullptr);
  CHECK_THROWS_AS((void)Lexicon::from_buffer("economy:\n  - 稳?增长\n", LexiconFormat::kQuantedaYaml),
                  tifa::LexiconError);
}

TEST_CASE("2.5: warnings load the lexicon and are kept") {
  SUBCASE("W_EMPTY_VARIANT") {
    expect_warning("canonical\tvariants\n六稳\t六穩,,稳就业等六稳\n", "W_EMPTY_VARIANT");
    expect_warning("canonical\tvariants\n六稳\t六穩,\n", "W_EMPTY_VARIANT");
  }
  SUBCASE("W_DUP_FORM") { expect_warning("canonical\tvariants\n六稳\t六穩,六穩\n", "W_DUP_FORM"); }
  SUBCASE("W_CATEGORY") { expect_warning("canonical\tcategory\n六稳\teconomics\n", "W_CATEGORY"); }
  SUBCASE("W_CANONICAL_TRAD") { expect_warning("canonical\n六穩\n", "W_CANONICAL_TRAD"); }
  SUBCASE("W_MEMBERS_COUNT") {
    expect_warning("canonical\tmembers\n两个至上\t人民至上、生命至上、安全至上\n", "W_MEMBERS_COUNT");
  }
  SUBCASE("W_JIEBA_LIKE") { expect_warning("高质量发展 3 n\n稳增长 5 v\n", "W_JIEBA_LIKE", LexiconFormat::kWordList); }
}

TEST_CASE("2.5: the recommended categories give no warning") {
  for (const char* category : {"party-building", "ideology", "economy", "soe-reform", "governance",
                               "tech-innovation", "people-livelihood", "risk-security", "green",
                               "regional", "foreign"}) {
    CAPTURE(category);
    CHECK(find_code(diagnose(std::string("canonical\tcategory\n六稳\t") + category + "\n"), "W_CATEGORY") ==
          nullptr);
  }
}

TEST_CASE("2.5: loading throws LexiconError carrying every diagnostic, warnings included") {
  const std::string text =
      "canonical\tcategory\n"
      "稳\teconomy\n"       // line 2: E_FORM
      "六稳\teconomics\n"   // line 3: W_CATEGORY
      "\teconomy\n";        // line 4: E_CANONICAL
  try {
    (void)tsv(text);
    FAIL("no exception");
  } catch (const tifa::LexiconError& e) {
    CHECK(e.code() == tifa::ErrorCode::kLexicon);
    INFO(dump(e.diagnostics()));
    CHECK(find_code(e.diagnostics(), "E_FORM", 2) != nullptr);
    CHECK(find_code(e.diagnostics(), "W_CATEGORY", 3) != nullptr);
    CHECK(find_code(e.diagnostics(), "E_CANONICAL", 4) != nullptr);
  }
}

TEST_CASE("2.5: at most 100 diagnostics are collected") {
  std::string text = "canonical\n";
  for (int i = 0; i < 150; ++i) text += "稳\n";
  const auto diagnostics = diagnose(text);
  CHECK(diagnostics.size() > 1);
  CHECK(diagnostics.size() <= 100);
}

TEST_CASE("2.5: an unreadable file gives E_IO from check() and kIo from from_file()") {
  const std::string path = "/nonexistent-tifa-dir/slogans.tsv";
  const auto diagnostics = Lexicon::check(path);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "E_IO");
  try {
    (void)Lexicon::from_file(path);
    FAIL("no exception");
  } catch (const tifa::LexiconError& e) {
    CHECK(e.code() == tifa::ErrorCode::kIo);
  }
}

// ---------------------------------------------------------------------------------------------
// §2.6 Importers
// ---------------------------------------------------------------------------------------------

TEST_CASE("2.6: a word list: one form per line, its own canonical, no category; folded duplicates collapse") {
  const Lexicon lexicon = Lexicon::from_buffer("# policy words\n高质量发展\n  稳增长  \n\n高質量發展\n",
                                               LexiconFormat::kWordList, "words.txt");
  REQUIRE(lexicon.size() == 2);
  const tifa::LexiconEntry* e = lexicon.find_form("高质量发展");
  REQUIRE(e != nullptr);
  CHECK(e->canonical == "高质量发展");
  CHECK(e->category.empty());
  REQUIRE(lexicon.find_form("稳增长") != nullptr);
  CHECK(lexicon.find_form("稳增长")->canonical == "稳增长");
  CHECK(lexicon.find_form("高質量發展") == e);
  CHECK(find_code(lexicon.warnings(), "W_DUP_FORM") != nullptr);
}

TEST_CASE("2.6: a jieba-style dictionary: only the first field is used") {
  const Lexicon lexicon =
      Lexicon::from_buffer("高质量发展 3 n\n稳增长\t5\tv\n新质生产力\n", LexiconFormat::kJieba, "user.dict");
  REQUIRE(lexicon.size() == 3);
  for (const char* canonical : {"高质量发展", "稳增长", "新质生产力"}) {
    CAPTURE(canonical);
    REQUIRE(lexicon.find_form(canonical) != nullptr);
    CHECK(lexicon.find_form(canonical)->canonical == canonical);
  }
}

TEST_CASE("2.6: a quanteda YAML dictionary: leaves become entries, the key path their category") {
  const Lexicon lexicon = Lexicon::from_buffer(
      "economy:\n"
      "  stability:\n"
      "    - 稳中求进\n"
      "    - 稳 增长\n"
      "  growth:\n"
      "    - 高质量发展\n",
      LexiconFormat::kQuantedaYaml, "dict.yml");
  REQUIRE(lexicon.size() == 3);
  REQUIRE(lexicon.find_form("稳中求进") != nullptr);
  CHECK(lexicon.find_form("稳中求进")->category == "economy/stability");
  const tifa::LexiconEntry* growth = lexicon.find_form("稳增长");  // spaces between CJK removed
  REQUIRE(growth != nullptr);
  CHECK(growth->canonical == "稳增长");
  CHECK(growth->category == "economy/stability");
  REQUIRE(lexicon.find_form("高质量发展") != nullptr);
  CHECK(lexicon.find_form("高质量发展")->category == "economy/growth");
}

TEST_CASE("2.6: YAML duplicate keys are errors") {
  const auto diagnostics = diagnose("economy:\n  - 六稳\neconomy:\n  - 六保\n", LexiconFormat::kQuantedaYaml);
  INFO(dump(diagnostics));
  CHECK(has_error(diagnostics));
}

TEST_CASE("2.6: Auto picks TSV for a header with canonical, else a word list, never jieba") {
  const Lexicon table = Lexicon::from_buffer("# c\ncanonical\tcategory\n六稳\teconomy\n");
  REQUIRE(table.size() == 1);
  CHECK(table.entries()[0].category == "economy");
  const Lexicon words = Lexicon::from_buffer("六稳\n六保\n");
  CHECK(words.size() == 2);
  const Lexicon jiebaish = Lexicon::from_buffer("高质量发展 3 n\n");
  REQUIRE(jiebaish.size() == 1);
  CHECK(jiebaish.entries()[0].canonical != "高质量发展");
  CHECK(find_code(jiebaish.warnings(), "W_JIEBA_LIKE") != nullptr);
}

TEST_CASE("2.6: Auto picks the format of a file from its name and first line") {
  namespace fs = std::filesystem;
  const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  const fs::path dir = fs::temp_directory_path() / ("tifa-spec-lexicon-" + std::to_string(stamp));
  fs::create_directories(dir);
  auto write = [&](const char* name, const char* text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  };
  const std::string yaml = write("dict.yaml", "economy:\n  - 六稳\n");
  const std::string yml = write("dict.yml", "economy:\n  - 六保\n");
  const std::string table = write("list.tsv", "canonical\tcategory\n六稳\teconomy\n");
  const std::string table_txt = write("table.txt", "canonical\tcategory\n六稳\teconomy\n");
  const std::string words = write("words.txt", "六稳\n六保\n");

  auto category_of = [](const std::string& path, const char* form) -> std::string {
    const Lexicon lexicon = Lexicon::from_file(path);
    const tifa::LexiconEntry* e = lexicon.find_form(form);
    return e == nullptr ? "<no entry>" : e->category;
  };
  CHECK(category_of(yaml, "六稳") == "economy");
  CHECK(category_of(yml, "六保") == "economy");
  CHECK(category_of(table, "六稳") == "economy");
  CHECK(category_of(table_txt, "六稳") == "economy");
  CHECK(Lexicon::from_file(words).size() == 2);

  std::error_code ec;
  fs::remove_all(dir, ec);
}

// ---------------------------------------------------------------------------------------------
// §2.7 The reference list and the built-in lexicon
// ---------------------------------------------------------------------------------------------

TEST_CASE("2.7: reference/slogan_lexicon.tsv loads without error and lists 355 slogans") {
  const auto shared = tifa::test::shared_dir();
  if (shared.empty()) {
    MESSAGE("../shared is absent: skipped");
    return;
  }
  const std::string path = (shared / "reference" / "slogan_lexicon.tsv").string();
  const auto diagnostics = Lexicon::check(path);
  INFO(dump(diagnostics));
  CHECK_FALSE(has_error(diagnostics));
  CHECK(Lexicon::from_file(path).size() == 355);
}

TEST_CASE("2.7: data/slogans.tsv loads without error and is the built-in lexicon") {
  const std::string path = (tifa::test::source_dir() / "data" / "slogans.tsv").string();
  const auto diagnostics = Lexicon::check(path);
  INFO(dump(diagnostics));
  CHECK_FALSE(has_error(diagnostics));
  const Lexicon& builtin_lexicon = Lexicon::builtin();
  CHECK(builtin_lexicon.size() == Lexicon::from_file(path).size());
  CHECK(builtin_lexicon.sha256() == Lexicon::from_file(path).sha256());
}

TEST_CASE("2.7: Lexicon::builtin() is parsed once per process, thread-safely") {
  std::vector<const Lexicon*> seen(4, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&seen, i] { seen[i] = &Lexicon::builtin(); });
  }
  for (auto& t : threads) t.join();
  for (const Lexicon* p : seen) CHECK(p == &Lexicon::builtin());
  CHECK(Lexicon::builtin().size() > 0);
}

// ---------------------------------------------------------------------------------------------
// §2.8 Merging user lexicons
// ---------------------------------------------------------------------------------------------

TEST_CASE("2.8: an overlay replaces fields, adds and removes variants, disables and adds entries") {
  const Lexicon base = tsv(
      "canonical\tvariants\tcategory\tmembers\n"
      "国企改革三年行动\t三年行动,国有企业改革三年行动\tsoe-reform\t\n"
      "两个至上\t\tpeople-livelihood\t人民至上、生命至上\n"
      "六稳\t六穩\teconomy\t\n"
      "六保\t\teconomy\t\n");
  const Lexicon overlay = tsv(
      "canonical\tvariants\tcategory\tmembers\tdisabled\n"
      "国企改革三年行动\t-三年行动,国企改革三年行动方案\t\t\t\n"
      "两个至上\t\tgovernance\t人民至上、健康至上\t\n"
      "六保\t\t\t\t1\n"
      "新质生产力\t\ttech-innovation\t\t\n");
  const Lexicon merged = Lexicon::merged(base, overlay);

  const tifa::LexiconEntry* three = merged.find("国企改革三年行动");
  REQUIRE(three != nullptr);
  CHECK(three->category == "soe-reform");  // empty overlay fields keep the base
  CHECK(merged.find_form("三年行动") == nullptr);
  CHECK(merged.find_form("国企改革三年行动方案") == three);
  CHECK(merged.find_form("国有企业改革三年行动") == three);

  const tifa::LexiconEntry* supremes = merged.find("两个至上");
  REQUIRE(supremes != nullptr);
  CHECK(supremes->category == "governance");
  CHECK(merged.members("两个至上") == strings({"人民至上", "健康至上"}));

  CHECK(merged.find("六保") == nullptr);
  CHECK(merged.find_form("六保") == nullptr);
  REQUIRE(merged.find("六稳") != nullptr);
  CHECK(merged.find_form("六穩") == merged.find("六稳"));
  REQUIRE(merged.find("新质生产力") != nullptr);
  CHECK(merged.find("新质生产力")->category == "tech-innovation");
  CHECK(merged.size() == 4);

  // The recogniser sees the merged forms.
  const auto r = run_with(merged, "深化国企改革，确保三年行动完成。对标国企改革三年行动方案。");
  INFO(r.dump());
  CHECK(r.count("三年行动") == 0);
  CHECK(r.require("国企改革三年行动方案").canonical == "国企改革三年行动");
}

TEST_CASE("2.8: disabled=true removes an entry") {
  const Lexicon merged =
      Lexicon::merged(tsv("canonical\n六稳\n六保\n"), tsv("canonical\tdisabled\n六保\ttrue\n"));
  CHECK(merged.size() == 1);
  CHECK(merged.find("六保") == nullptr);
}

TEST_CASE("2.8: entries are matched by id") {
  const Lexicon base = tsv("canonical\tid\tcategory\n稳中求进\teconomy.steady\teconomy\n");
  const Lexicon overlay = tsv("canonical\tid\tenglish\n稳中求进\teconomy.steady\tSeek progress in stability\n");
  const Lexicon merged = Lexicon::merged(base, overlay);
  REQUIRE(merged.size() == 1);
  const tifa::LexiconEntry* e = merged.find("economy.steady");
  REQUIRE(e != nullptr);
  CHECK(e->category == "economy");
  CHECK(e->english == "Seek progress in stability");
}

TEST_CASE("2.8: overlay member versions replace all base versions") {
  const Lexicon merged = Lexicon::merged(
      tsv(kOneProfitFiveRates),
      tsv("canonical\tmembers\n一利五率\t利润总额、净资产收益率、营业收现率、资产负债率、研发经费投入强度、全员劳动生产率\n"));
  const auto expected = strings({"利润总额", "净资产收益率", "营业收现率", "资产负债率", "研发经费投入强度", "全员劳动生产率"});
  CHECK(merged.members("一利五率", "2023-06-01") == expected);
  CHECK(merged.members("一利五率") == expected);
  REQUIRE(merged.find("一利五率") != nullptr);
  CHECK(merged.find("一利五率")->versions.size() == 1);
}

TEST_CASE("2.8: a form moved to another entry by an overlay gives W_FORM_MOVED") {
  const Lexicon base = tsv("canonical\tvariants\n国企改革三年行动\t国有企业改革三年行动\n");
  const Lexicon overlay = tsv("canonical\tvariants\n国企改革行动\t国有企业改革三年行动\n");
  const Lexicon merged = Lexicon::merged(base, overlay);
  INFO(dump(merged.warnings()));
  CHECK(find_code(merged.warnings(), "W_FORM_MOVED") != nullptr);
  REQUIRE(merged.find_form("国有企业改革三年行动") != nullptr);
  CHECK(merged.find_form("国有企业改革三年行动")->canonical == "国企改革行动");
}

TEST_CASE("2.8: the SHA-256 is over a canonical serialisation, stable across load, serialise, load") {
  const Lexicon a = tsv("canonical\tcategory\n六稳\teconomy\n六保\teconomy\n");
  const Lexicon b = tsv("category\tcanonical\neconomy\t六保\neconomy\t六稳\n");
  CHECK(lowercase_hex64(a.sha256()));
  CHECK(a.sha256() == b.sha256());  // entries sorted by id, fields in fixed order
  CHECK(tsv(a.serialize()).sha256() == a.sha256());
  CHECK(tsv("canonical\tcategory\n六稳\teconomy\n").sha256() != a.sha256());
  const Lexicon merged = Lexicon::merged(a, tsv("canonical\n新质生产力\n"));
  CHECK(merged.sha256() != a.sha256());
  CHECK(tsv(merged.serialize()).sha256() == merged.sha256());
  CHECK(lowercase_hex64(Lexicon::builtin().sha256()));
  CHECK(tsv(Lexicon::builtin().serialize()).sha256() == Lexicon::builtin().sha256());
}
