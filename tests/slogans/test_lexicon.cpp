// Tests of the lexicon (spec/slogans.md §2): the native TSV loader and its diagnostics, member
// versions, context rules, importers, merging, serialisation and its SHA-256, the built-in
// lexicon.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "paths.hpp"
#include "slogans/lexicon_context.hpp"
#include "slogans/lexicon_versions.hpp"
#include "slogans/lexicon_text.hpp"
#include "slogans/sha256.hpp"
#include "tifa/lexicon.hpp"

// Lists of strings print in failure messages.
namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& items) {
    std::string out = "{";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i > 0 ? ", \"" : "\"") + items[i] + "\"";
    return String((out + "}").c_str());
  }
};
}  // namespace doctest

namespace {

using tifa::ContextRule;
using tifa::Lexicon;
using tifa::LexiconDiagnostic;
using tifa::LexiconEntry;
using tifa::LexiconError;
using tifa::LexiconFormat;

std::vector<LexiconDiagnostic> check_tsv(std::string_view text) {
  return Lexicon::check_buffer(text, LexiconFormat::kTsv, "t.tsv");
}

// "LINE:COLUMN CODE" of every diagnostic, in order: the compact form most tests compare.
std::vector<std::string> positions(const std::vector<LexiconDiagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const LexiconDiagnostic& d : diagnostics) {
    out.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.code);
  }
  return out;
}

std::vector<std::string> positions_of(std::string_view tsv) { return positions(check_tsv(tsv)); }

std::vector<std::string> rendered(const std::vector<LexiconDiagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const LexiconDiagnostic& d : diagnostics) out.push_back(d.to_string());
  return out;
}

using Strings = std::vector<std::string>;

// A file in a fresh temporary directory, removed with it.
class TempFile {
 public:
  TempFile(const std::string& name, std::string_view bytes) {
    dir_ = std::filesystem::temp_directory_path() /
           ("tifa-lexicon-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / name).string();
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::filesystem::path dir_;
  std::string path_;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// SHA-256 (FIPS 180-4 known answers)

TEST_CASE("sha256: known answers of FIPS 180-4 and the NIST examples") {
  using tifa::slogans::sha256_hex;
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: padding edges at 55, 56, 63 and 64 bytes and incremental updates agree") {
  using tifa::slogans::Sha256;
  using tifa::slogans::sha256_hex;
  // Known digests of "a" repeated n times.
  CHECK(sha256_hex(std::string(55, 'a')) ==
        "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(sha256_hex(std::string(56, 'a')) ==
        "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(sha256_hex(std::string(64, 'a')) ==
        "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  const std::string text(200, 'x');
  for (const std::size_t split : {0u, 1u, 55u, 63u, 64u, 65u, 128u, 200u}) {
    Sha256 hash;
    hash.update(std::string_view(text).substr(0, split));
    hash.update(std::string_view(text).substr(split));
    std::string hex;
    for (const auto byte : hash.finish()) {
      constexpr char kHex[] = "0123456789abcdef";
      hex += kHex[byte >> 4];
      hex += kHex[byte & 15];
    }
    CHECK(hex == sha256_hex(text));
  }
}

// ---------------------------------------------------------------------------------------------
// The native TSV format (§2.1, §2.2)

TEST_CASE("tsv: a lexicon with only the canonical column") {
  const Lexicon lexicon = Lexicon::from_tsv("canonical\n两个维护\n四个意识\n");
  REQUIRE(lexicon.size() == 2);
  CHECK(lexicon.entries()[0].canonical == "两个维护");
  CHECK(lexicon.entries()[0].id == "两个维护");  // no id column: the id is the canonical
  CHECK(lexicon.entries()[1].canonical == "四个意识");
  CHECK(lexicon.warnings().empty());
}

TEST_CASE("tsv: header names in any order, any case, with spaces around them") {
  const Lexicon lexicon = Lexicon::from_tsv(
      " English \tCATEGORY\tVariants\tcanonical\tFirst_Year\tid\n"
      "Two Upholds\tparty-building\t兩個維護,两个坚决维护\t两个维护\t2018\tS0001\n");
  const LexiconEntry* entry = lexicon.find("S0001");
  REQUIRE(entry != nullptr);
  CHECK(entry->canonical == "两个维护");
  CHECK(entry->variants == Strings{"兩個維護", "两个坚决维护"});
  CHECK(entry->category == "party-building");
  CHECK(entry->english == "Two Upholds");
  CHECK(entry->first_year == 2018);
}

TEST_CASE("tsv: BOM, CRLF and CR line ends, comments before the header, blank lines") {
  for (const std::string eol : {"\n", "\r\n", "\r"}) {
    const std::string text = "\xEF\xBB\xBF# comment before the header" + eol + "  # indented" +
                             eol + eol + "canonical\tcategory" + eol + "# a comment row" + eol +
                             "\t  " + eol + eol + "六稳\teconomy" + eol + "六保\teconomy";
    const Lexicon lexicon = Lexicon::from_tsv(text);
    REQUIRE(lexicon.size() == 2);
    CHECK(lexicon.entries()[0].canonical == "六稳");
    CHECK(lexicon.entries()[0].category == "economy");  // no '\r' left in the last field
    CHECK(lexicon.entries()[1].category == "economy");
    CHECK(lexicon.entries()[1].line == 9);
  }
}

TEST_CASE("tsv: short rows, trimmed ASCII and U+3000 spaces, NFC fields, extra columns") {
  const Lexicon lexicon = Lexicon::from_tsv(
      "canonical\tvariants\tcategory\tnote\n"
      "\u3000六稳 \t 六穩 , 六稳工作\u3000\n"
      "六保\n"
      "\u8c48\u4e00\tX\u0301Y\tgreen\tmy note\n");  // 豈一 with a combining accent variant
  REQUIRE(lexicon.size() == 3);
  CHECK(lexicon.entries()[0].canonical == "六稳");
  CHECK(lexicon.entries()[0].variants == Strings{"六穩", "六稳工作"});
  CHECK(lexicon.entries()[1].category.empty());
  CHECK(lexicon.entries()[2].variants == Strings{"X\u0301Y"});  // NFC keeps X + U+0301
  REQUIRE(lexicon.entries()[2].extra_field("NOTE") != nullptr);
  CHECK(*lexicon.entries()[2].extra_field("note") == "my note");
  CHECK(lexicon.entries()[1].extra_field("note") == nullptr);
  // A compatibility ideograph (U+F900) is normalised to its unified character (U+8C48).
  const Lexicon compat = Lexicon::from_tsv("canonical\n\uF900\u4e00\n");
  CHECK(compat.entries()[0].canonical == "\u8c48\u4e00");
  CHECK(tifa::slogans::to_nfc("e\u0301") == "\u00e9");
}

TEST_CASE("tsv: an empty or comment-only source is an empty lexicon") {
  CHECK(Lexicon::from_tsv("").size() == 0);
  CHECK(Lexicon::from_tsv("# nothing\n\n").size() == 0);
  CHECK(Lexicon::from_tsv("canonical\n").size() == 0);
}

// The acceptance example: BOM, CRLF, comments, one surface form given to two canonicals, a row
// without its canonical, a short row, an extra field and a category outside the recommended set.
TEST_CASE("tsv: exact per-line diagnostics of a file with BOM, CRLF, comments and errors") {
  const std::string text =
      "\xEF\xBB\xBF# Test lexicon\r\n"                                   // 1
      "canonical\tvariants\tcategory\tmembers\r\n"                       // 2
      "# a comment between rows\r\n"                                     // 3
      "国企改革三年行动\t三年行动,國企改革三年行動\tsoe-reform\r\n"      // 4
      "\r\n"                                                             // 5
      "三年行动计划\t三年行动\tsoe-reform\r\n"                           // 6
      "两个维护\t兩個維護\tparty-building\t维护核心、维护权威\r\n"       // 7
      "六稳\r\n"                                                         // 8 (short row)
      "\t六保\teconomy\r\n"                                              // 9 (no canonical)
      "双碳\t\tclimate\r\n"                                              // 10
      "十四五\t十四五规划\teconomy\t\tx\r\n";                            // 11 (5 fields)
  const Strings expected = {
      "test.tsv:6:8: error[E_FORM_CONFLICT]: form \"三年行动\" already belongs to "
      "\"国企改革三年行动\" (line 4)",
      "test.tsv:9:1: error[E_CANONICAL]: the canonical form is empty",
      "test.tsv:10:5: warning[W_CATEGORY]: category \"climate\" is not one of the recommended "
      "categories (party-building, ideology, economy, soe-reform, governance, tech-innovation, "
      "people-livelihood, risk-security, green, regional, foreign)",
      "test.tsv:11:20: error[E_FIELDS]: the line has more fields than the header (line 2) names: "
      "4 columns",
  };
  CHECK(rendered(Lexicon::check_buffer(text, LexiconFormat::kTsv, "test.tsv")) == expected);
  try {
    (void)Lexicon::from_buffer(text, LexiconFormat::kTsv, "test.tsv");
    FAIL("a lexicon with errors must throw");
  } catch (const LexiconError& error) {
    CHECK(error.code() == tifa::ErrorCode::kLexicon);
    CHECK(rendered(error.diagnostics()) == expected);
    CHECK(std::string(error.what()).find(expected[0]) != std::string::npos);
  }
}

TEST_CASE("tsv: a file with only warnings loads and keeps them") {
  const Lexicon lexicon =
      Lexicon::from_tsv("canonical\tcategory\n双碳\tclimate\n", "w.tsv");
  REQUIRE(lexicon.warnings().size() == 1);
  CHECK(lexicon.warnings()[0].code == "W_CATEGORY");
  CHECK_FALSE(lexicon.warnings()[0].error);
  CHECK(lexicon.warnings()[0].source == "w.tsv");
}

// ---------------------------------------------------------------------------------------------
// Each diagnostic of §2.5 with its line and column

TEST_CASE("E_ENCODING: invalid UTF-8 gives the line, the byte column and a GB18030 hint") {
  // 国企 in GB18030 is B9 FA C6 F3.
  const auto diagnostics = check_tsv("canonical\n两个\xB9\xFA\xC6\xF3\n");
  CHECK(positions(diagnostics) == Strings{"2:7 E_ENCODING"});
  CHECK(diagnostics[0].message.find("GB18030") != std::string::npos);
  CHECK(positions_of("\xEF\xBB\xBF" "canonical\r\n\xC0\x80\n") == Strings{"2:1 E_ENCODING"});
  CHECK(positions_of("canonical\n\xED\xA0\x80\n") == Strings{"2:1 E_ENCODING"});  // surrogate
  CHECK(positions_of("canonical\n两\xE4\xB8") == Strings{"2:4 E_ENCODING"});        // truncated
  CHECK(positions(Lexicon::check_buffer("两个\n\xFF\n", LexiconFormat::kWordList)) ==
        Strings{"2:1 E_ENCODING"});
}

TEST_CASE("E_NO_HEADER: the first non-comment line has no canonical column") {
  const auto diagnostics = check_tsv("# a word list\n两个维护\n四个意识\n");
  CHECK(positions(diagnostics) == Strings{"2:1 E_NO_HEADER"});
  CHECK(diagnostics[0].message.find("word-list") != std::string::npos);
  CHECK(positions_of("term\tcategory\n六稳\teconomy\n") == Strings{"1:1 E_NO_HEADER"});
}

TEST_CASE("E_DUP_COLUMN: a header names a column twice") {
  CHECK(positions_of("canonical\tvariants\tVariants\n六稳\n") == Strings{"1:20 E_DUP_COLUMN"});
  CHECK(positions_of("canonical\tnote\tnote\n六稳\n") == Strings{"1:16 E_DUP_COLUMN"});
}

TEST_CASE("E_FIELDS: more fields than the header; empty trailing fields are tolerated") {
  CHECK(positions_of("canonical\tcategory\n六稳\teconomy\tx\n") == Strings{"2:12 E_FIELDS"});
  CHECK(positions_of("canonical\tcategory\n六稳\teconomy\t\t \n").empty());
  // A value under a column the header leaves unnamed.
  CHECK(positions_of("canonical\t\tcategory\n六稳\tx\teconomy\n") == Strings{"2:4 E_FIELDS"});
}

TEST_CASE("E_CANONICAL: an empty canonical") {
  CHECK(positions_of("canonical\tvariants\n\t六穩\n") == Strings{"2:1 E_CANONICAL"});
  CHECK(positions_of("variants\tcanonical\n六穩\n") == Strings{"2:3 E_CANONICAL"});  // absent
  CHECK(positions_of("variants\tcanonical\n六穩\t \u3000\n") == Strings{"2:4 E_CANONICAL"});
}

TEST_CASE("E_DUP_ENTRY: a repeated canonical or id, or a version row that changes a field") {
  CHECK(positions_of("canonical\n六稳\n六稳\n") == Strings{"3:1 E_DUP_ENTRY"});
  CHECK(positions_of("id\tcanonical\nS1\t六稳\nS1\t六保\n") == Strings{"3:1 E_DUP_ENTRY"});
  CHECK(positions_of("id\tcanonical\nS1\t六稳\nS2\t六稳\n") == Strings{"3:4 E_DUP_ENTRY"});
  // Only one of the rows carries dates.
  CHECK(positions_of("canonical\tvalid_from\n一利五率\t\n一利五率\t2025\n") ==
        Strings{"3:1 E_DUP_ENTRY"});
  // A version row may change members and english only.
  CHECK(positions_of("canonical\tcategory\tvalid_from\tvalid_to\n"
                     "一利五率\tsoe-reform\t2023\t2024\n"
                     "一利五率\teconomy\t2025\t\n") == Strings{"3:6 E_DUP_ENTRY"});
  CHECK(positions_of("canonical\tcategory\tvalid_from\tvalid_to\n"
                     "一利五率\tsoe-reform\t2023\t2024\n"
                     "一利五率\tsoe-reform\t2025\t\n")
            .empty());
}

TEST_CASE("E_FORM_CONFLICT: a form, after folding, belongs to two entries") {
  const auto diagnostics = check_tsv(
      "canonical\tvariants\n国企改革三年行动\t三年行动\n三年行动计划\t三年行動\n");
  CHECK(positions(diagnostics) == Strings{"3:8 E_FORM_CONFLICT"});
  CHECK(diagnostics[0].message ==
        "form \"三年行動\" already belongs to \"国企改革三年行动\" (line 2)");
  // Full-width ASCII folds too; a canonical can conflict with another entry's variant.
  CHECK(positions_of("canonical\tvariants\n1+N政策体系\t1+N\n１＋Ｎ\n") ==
        Strings{"3:1 E_FORM_CONFLICT"});
  // Spellings of one entry that fold alike are no conflict.
  CHECK(positions_of("canonical\tvariants\n两个维护\t兩個維護\n").empty());
}

TEST_CASE("E_FORM: forms too short, with control characters, edge whitespace or quotes") {
  CHECK(positions_of("canonical\n稳\n") == Strings{"2:1 E_FORM"});
  CHECK(positions_of("canonical\tvariants\n六稳\t六,穩\n") ==
        Strings{"2:4 E_FORM", "2:6 E_FORM"});  // both pieces have one character
  CHECK(positions_of("canonical\n六\x01稳\n") == Strings{"2:1 E_FORM"});
  CHECK(positions_of("canonical\tvariants\n六稳\t“六稳”\n") == Strings{"2:4 E_FORM"});
  CHECK(positions_of("canonical\tvariants\n六稳\t六稳\u00a0\n") == Strings{"2:4 E_FORM"});
  CHECK(positions_of("canonical\n六\u200b稳\n") == Strings{"2:1 E_FORM"});
  // Inside a form, spaces, digits, Latin letters, + × and 、，are allowed.
  CHECK(positions_of("canonical\tvariants\n数据要素×\t数据要素x\n互联网+\t互联网＋\n"
                     "不忘初心、牢记使命\t不忘初心，牢记使命\n两学一做\t两学 一做\n1+N政策体系\t1+N\n")
            .empty());
}

TEST_CASE("E_YEAR: first_year must be four digits") {
  CHECK(positions_of("canonical\tfirst_year\n六稳\t18\n六保\t2020\n双碳\t2020年\n") ==
        Strings{"2:4 E_YEAR", "4:4 E_YEAR"});
}

TEST_CASE("E_DATE: malformed dates, from after to, overlapping versions") {
  CHECK(positions_of("canonical\tvalid_from\tvalid_to\n六稳\t2024-13\t\n") ==
        Strings{"2:4 E_DATE"});
  CHECK(positions_of("canonical\tvalid_from\tvalid_to\n六稳\t\t2023-02-29\n") ==
        Strings{"2:5 E_DATE"});
  CHECK(positions_of("canonical\tvalid_from\tvalid_to\n六稳\t2024-02-29\t24\n") ==
        Strings{"2:15 E_DATE"});
  CHECK(positions_of("canonical\tvalid_from\tvalid_to\n六稳\t2025\t2024\n") ==
        Strings{"2:4 E_DATE"});
  // A year means the whole year: 2024 overlaps 2024-06.
  CHECK(positions_of("canonical\tvalid_from\tvalid_to\n一利五率\t2023\t2024\n一利五率\t2024-06\t\n") ==
        Strings{"3:6 E_DATE"});
  // Two open-ended versions overlap.
  CHECK(positions_of("canonical\tvalid_from\tvalid_to\n一利五率\t2023\t\n一利五率\t2025\t\n") ==
        Strings{"3:6 E_DATE"});
  CHECK(positions_of("canonical\tvalid_from\tvalid_to\n一利五率\t2023\t2024\n一利五率\t2025\t\n")
            .empty());
}

TEST_CASE("E_CONTEXT: bad syntax, or needs_context naming a string that is not a form") {
  const std::string header = "canonical\tvariants\tneeds_context\tcontext\n";
  CHECK(positions_of(header + "国企改革三年行动\t三年行动\t三年行动\tfull; nearby=国企\n") ==
        Strings{"2:26 E_CONTEXT"});
  CHECK(positions_of(header + "国企改革三年行动\t三年行动\t三年行动\tfull=1\n") ==
        Strings{"2:20 E_CONTEXT"});
  CHECK(positions_of(header + "国企改革三年行动\t三年行动\t三年行动\tdoc\n") ==
        Strings{"2:20 E_CONTEXT"});
  CHECK(positions_of(header + "国企改革三年行动\t三年行动\t三年行动\tdoc=国企,,国资\n") ==
        Strings{"2:20 E_CONTEXT"});
  CHECK(positions_of(header + "国企改革三年行动\t三年行动\t三年行动\tfull;;quoted\n") ==
        Strings{"2:25 E_CONTEXT"});
  CHECK(positions_of(header + "国企改革三年行动\t三年行动\t三年计划\tfull\n") ==
        Strings{"2:15 E_CONTEXT"});
  CHECK(positions_of(header + "国企改革三年行动\t三年行动\t三年行动,*\tfull\n") ==
        Strings{"2:20 E_CONTEXT"});
  CHECK(positions_of(header + "国企改革三年行动\t三年行动\t三年行动\t\n") ==
        Strings{"2:15 E_CONTEXT"});
  CHECK(positions_of(header + "国企改革三年行动\t三年行动\t\tfull\n") ==
        Strings{"2:16 E_CONTEXT"});
  CHECK(positions_of(header + "国企改革三年行动\t三年行动\t三年行动\tfull; doc=国企\n").empty());
}

TEST_CASE("E_VALUE: a malformed id or disabled value") {
  CHECK(positions_of("id\tcanonical\nS 1\t六稳\nd:x\t六保\nS-1.a_b:c\t双碳\n") ==
        Strings{"2:1 E_VALUE", "3:1 E_VALUE"});
  CHECK(positions_of("id\tcanonical\n" + std::string(65, 'a') + "\t六稳\n") ==
        Strings{"2:1 E_VALUE"});
  CHECK(positions_of("canonical\tdisabled\n六稳\tmaybe\n六保\tTRUE\n双碳\t0\n") ==
        Strings{"2:4 E_VALUE"});
}

TEST_CASE("W_EMPTY_VARIANT: ,, or a comma at an end of variants") {
  CHECK(positions_of("canonical\tvariants\n六稳\t六穩,,六稳工作,\n") ==
        Strings{"2:7 W_EMPTY_VARIANT", "2:13 W_EMPTY_VARIANT"});
  CHECK(positions_of("canonical\tvariants\n六稳\t,六穩\n") == Strings{"2:4 W_EMPTY_VARIANT"});
}

TEST_CASE("W_DUP_FORM: the same form twice in one entry") {
  CHECK(positions_of("canonical\tvariants\n六稳\t六穩,六穩\n") == Strings{"2:7 W_DUP_FORM"});
  CHECK(positions_of("canonical\tvariants\n六稳\t六稳\n") == Strings{"2:4 W_DUP_FORM"});
  const Lexicon lexicon = Lexicon::from_tsv("canonical\tvariants\n六稳\t六穩,六穩\n");
  CHECK(lexicon.entries()[0].variants == Strings{"六穩"});
}

TEST_CASE("W_CATEGORY: a category outside the recommended set") {
  CHECK(positions_of("canonical\tcategory\n六稳\tEconomy\n六保\teconomy\n") ==
        Strings{"2:4 W_CATEGORY"});
}

TEST_CASE("W_CANONICAL_TRAD: a canonical that folding changes") {
  CHECK(positions_of("canonical\n兩個維護\n") == Strings{"2:1 W_CANONICAL_TRAD"});
  CHECK(positions_of("canonical\n首台（套）\n") == Strings{"2:1 W_CANONICAL_TRAD"});
  CHECK(positions_of("canonical\n两个维护\n").empty());
}

TEST_CASE("W_MEMBERS_COUNT: a numeric canonical whose member count fits none of its values") {
  CHECK(positions_of("canonical\tmembers\n两个维护\t甲、乙、丙\n") ==
        Strings{"2:6 W_MEMBERS_COUNT"});
  CHECK(positions_of("canonical\tmembers\n两个维护\t甲、乙\n三去一降一补\t去产能、去库存、去杠杆、"
                     "降成本、补短板\n乡村振兴\t产业兴旺、生态宜居\n")
            .empty());
}

TEST_CASE("diagnostics: at most 100 are kept, and errors beyond them still fail the load") {
  std::string text = "canonical\tcategory\n";
  for (int i = 0; i < 150; ++i) text += "稳\tnope\n";  // E_FORM and W_CATEGORY on every row
  const auto diagnostics = check_tsv(text);
  CHECK(diagnostics.size() == 100);
  std::string warnings_then_error = "canonical\tcategory\n";
  for (int i = 0; i < 120; ++i) warnings_then_error += "词" + std::to_string(i) + "\tnope\n";
  warnings_then_error += "稳\n";
  CHECK(check_tsv(warnings_then_error).size() == 100);
  CHECK_THROWS_AS((void)Lexicon::from_tsv(warnings_then_error), LexiconError);
}

TEST_CASE("diagnostics: to_string leaves out an unknown line or column") {
  LexiconDiagnostic d{"x.tsv", 3, 0, "W_FORM_MOVED", false, "moved"};
  CHECK(d.to_string() == "x.tsv:3: warning[W_FORM_MOVED]: moved");
  d.line = 0;
  CHECK(d.to_string() == "x.tsv: warning[W_FORM_MOVED]: moved");
  d = {"x.tsv", 2, 5, "E_FORM", true, "bad"};
  CHECK(d.to_string() == "x.tsv:2:5: error[E_FORM]: bad");
}

// ---------------------------------------------------------------------------------------------
// Context rules (§2.4)

namespace {

ContextRule parse_rule(std::string_view text) {
  ContextRule rule;
  tifa::slogans::ContextSyntaxError error;
  const bool ok = tifa::slogans::parse_context_rule(text, rule, error);
  INFO(text << ": " << error.message);
  CHECK(ok);
  return rule;
}

}  // namespace

TEST_CASE("context: each clause kind parses into its field") {
  CHECK(parse_rule("full").full);
  CHECK(parse_rule("quoted").quoted);
  CHECK(parse_rule("bounded_left").bounded_left);
  CHECK(parse_rule("doc=国企,国有企业,国资").doc == Strings{"国企", "国有企业", "国资"});
  CHECK(parse_rule("sentence=设备更新").sentence == Strings{"设备更新"});
  CHECK(parse_rule("not_sentence=比赛,金牌").not_sentence == Strings{"比赛", "金牌"});
  CHECK(parse_rule("not_before=第").not_before == Strings{"第"});
  CHECK(parse_rule("not_after=性,天").not_after == Strings{"性", "天"});
  const ContextRule rule = parse_rule(" full ; doc = 国企 , 国资 ;bounded_left; not_after=计划");
  CHECK(rule.full);
  CHECK(rule.bounded_left);
  CHECK_FALSE(rule.quoted);
  CHECK(rule.doc == Strings{"国企", "国资"});
  CHECK(rule.not_after == Strings{"计划"});
  CHECK_FALSE(rule.empty());
  CHECK(ContextRule{}.empty());
  // A clause given twice adds its terms.
  CHECK(parse_rule("sentence=甲; sentence=乙").sentence == Strings{"甲", "乙"});
}

TEST_CASE("context: bad syntax is reported with the offset of the faulty clause") {
  for (const auto& [text, offset] : std::vector<std::pair<std::string, std::size_t>>{
           {"", 0}, {"full;", 5}, {"fully", 0}, {"full; quoted=x", 6}, {"doc", 0},
           {"doc=", 0}, {"doc=a,", 0}, {"full; ;quoted", 6}, {"bounded_left;x=y", 13}}) {
    ContextRule rule;
    tifa::slogans::ContextSyntaxError error;
    const std::string& clause = text;  // clang 14 cannot capture a binding in INFO's lambda
    INFO(clause);
    CHECK_FALSE(tifa::slogans::parse_context_rule(text, rule, error));
    CHECK(error.offset == offset);
    CHECK_FALSE(error.message.empty());
  }
}

TEST_CASE("context: format_context_rule writes clauses in a fixed order and parses back") {
  const ContextRule rule = parse_rule("not_after=计划; doc=国企,国资; bounded_left; full");
  const std::string text = tifa::slogans::format_context_rule(rule);
  CHECK(text == "full; bounded_left; doc=国企,国资; not_after=计划");
  const ContextRule again = parse_rule(text);
  CHECK(tifa::slogans::format_context_rule(again) == text);
  CHECK(tifa::slogans::format_context_rule(ContextRule{}).empty());
}

TEST_CASE("context: needs_context covers every spelling of a named form; * covers all forms") {
  const Lexicon lexicon = Lexicon::from_tsv(
      "canonical\tvariants\tneeds_context\tcontext\n"
      "国企改革三年行动\t三年行动,三年行動,国有企业改革三年行动\t三年行动\tfull; bounded_left\n"
      "黑天鹅\t黑天鵝\t*\tquoted; sentence=风险\n");
  const LexiconEntry& reform = lexicon.entries()[0];
  CHECK(reform.needs_context == Strings{"三年行动", "三年行動"});
  CHECK(reform.form_needs_context("三年行動"));
  CHECK_FALSE(reform.form_needs_context("国企改革三年行动"));
  CHECK(reform.context.full);
  CHECK(reform.context.bounded_left);
  const LexiconEntry& swan = lexicon.entries()[1];
  CHECK(swan.needs_context == Strings{"黑天鹅", "黑天鵝"});
  CHECK(swan.context.quoted);
  CHECK(swan.context.sentence == Strings{"风险"});
}

// ---------------------------------------------------------------------------------------------
// Member versions (§2.3)

TEST_CASE("members: the version valid on a date; without a date the open-ended one") {
  const Lexicon lexicon = Lexicon::from_tsv(
      "id\tcanonical\tmembers\tvalid_from\tvalid_to\n"
      "S1\t一利五率\t利润总额、营业现金比率\t2023\t2024\n"
      "S1\t一利五率\t利润总额、营业收现率\t2025\t\n"
      "S2\t两个至上\t人民至上、生命至上\t\t\n"
      "S3\t四个全面\t全面建设社会主义现代化国家\t2020-10-29\t\n"
      "S3\t四个全面\t全面建成小康社会\t\t2020-10-28\n");
  const Strings v2023 = {"利润总额", "营业现金比率"};
  const Strings v2025 = {"利润总额", "营业收现率"};
  CHECK(lexicon.members("S1", "2023-01-01") == v2023);
  CHECK(lexicon.members("S1", "2024-12-31") == v2023);  // a year means the whole year
  CHECK(lexicon.members("S1", "2025-01-01") == v2025);
  CHECK(lexicon.members("S1", "2025-03-01T08:00:00+08:00") == v2025);
  CHECK(lexicon.members("S1", "2024") == v2023);
  CHECK(lexicon.members("S1", "") == v2025);
  CHECK(lexicon.members("S1", "not a date") == v2025);
  CHECK(lexicon.members("S1", "2022-06-30").empty());  // before the first version
  CHECK(lexicon.members("S2", "1999-01-01") == Strings{"人民至上", "生命至上"});
  CHECK(lexicon.members("S2") == Strings{"人民至上", "生命至上"});
  CHECK(lexicon.members("S3", "2020-10-28") == Strings{"全面建成小康社会"});
  CHECK(lexicon.members("S3", "2020-10-29") == Strings{"全面建设社会主义现代化国家"});
  CHECK(lexicon.members("S3", "2020-10") == Strings{"全面建设社会主义现代化国家"});  // latest
  CHECK(lexicon.members("no such id").empty());
  // Versions are kept sorted by valid_from.
  const LexiconEntry* entry = lexicon.find("S3");
  REQUIRE(entry != nullptr);
  REQUIRE(entry->versions.size() == 2);
  CHECK(entry->versions[0].valid_to == "2020-10-28");
}

TEST_CASE("members: without versions the latest valid_from wins when none is open-ended") {
  const Lexicon lexicon = Lexicon::from_tsv(
      "canonical\tmembers\tvalid_from\tvalid_to\tenglish\n"
      "五通\t甲、乙\t2013\t2014\told gloss\n"
      "五通\t丙、丁\t2015\t2016\tnew gloss\n");
  CHECK(lexicon.members("五通") == Strings{"丙", "丁"});
  const LexiconEntry& entry = lexicon.entries()[0];
  CHECK(entry.english == "old gloss");
  CHECK(entry.versions[1].english == "new gloss");
}

// ---------------------------------------------------------------------------------------------
// Lookup

TEST_CASE("lookup: find by id, find_form folds the query") {
  const Lexicon lexicon = Lexicon::from_tsv(
      "id\tcanonical\tvariants\nS1\t国企改革三年行动\t三年行动\nS2\t1+N政策体系\t1+N\n");
  CHECK(lexicon.find("S1")->canonical == "国企改革三年行动");
  CHECK(lexicon.find("国企改革三年行动") == nullptr);  // ids, not canonicals
  CHECK(lexicon.find_form("國企改革三年行動")->id == "S1");
  CHECK(lexicon.find_form("三年行動")->id == "S1");
  CHECK(lexicon.find_form("１＋Ｎ")->id == "S2");
  CHECK(lexicon.find_form("三年") == nullptr);
  CHECK(lexicon.find_form("\xFF") == nullptr);
}

// ---------------------------------------------------------------------------------------------
// Importers (§2.6)

TEST_CASE("word list: one form per line, folded canonical, duplicates collapse") {
  const Lexicon lexicon = Lexicon::from_buffer(
      "# my terms\n两个维护\n  兩個維護  \n\n國企改革\r\n四个意识\n", LexiconFormat::kWordList,
      "terms.txt");
  REQUIRE(lexicon.size() == 3);
  CHECK(lexicon.entries()[0].canonical == "两个维护");
  CHECK(lexicon.entries()[0].category.empty());
  CHECK(lexicon.entries()[1].canonical == "国企改革");
  CHECK(lexicon.entries()[1].variants == Strings{"國企改革"});
  CHECK(positions(lexicon.warnings()) == Strings{"3:3 W_DUP_FORM"});
  CHECK(positions(Lexicon::check_buffer("稳\n", LexiconFormat::kWordList)) ==
        Strings{"1:1 E_FORM"});
}

TEST_CASE("W_JIEBA_LIKE: a word list whose lines look like word freq tag") {
  const auto diagnostics = Lexicon::check_buffer("两个维护\n四个意识 3 n\n六稳 10\n",
                                                 LexiconFormat::kWordList, "dict.txt");
  CHECK(positions(diagnostics) == Strings{"2:1 W_JIEBA_LIKE"});
  CHECK(diagnostics[0].message.find("2 lines") != std::string::npos);
}

TEST_CASE("jieba: only the first field of each line is used") {
  const Lexicon lexicon = Lexicon::from_buffer("两个维护 3 n\n四个意识\t5\tnz\n六稳\n# c\n",
                                               LexiconFormat::kJieba, "user.dict");
  REQUIRE(lexicon.size() == 3);
  CHECK(lexicon.entries()[0].canonical == "两个维护");
  CHECK(lexicon.entries()[1].canonical == "四个意识");
  CHECK(lexicon.entries()[2].canonical == "六稳");
  CHECK(lexicon.warnings().empty());
}

TEST_CASE("yaml: key paths become categories, CJK spaces go, traditional folds") {
  const Lexicon lexicon = Lexicon::from_buffer(
      "economy:\n"
      "  stability:\n"
      "    - 六稳\n"
      "    - \"六保\"\n"
      "  growth: [高质量 发展, 'new 发展格局']\n"
      "party:\n"
      "  - 兩個維護\n"
      "single: 双碳\n",
      LexiconFormat::kQuantedaYaml, "dict.yml");
  REQUIRE(lexicon.size() == 6);
  const auto category_of = [&](std::string_view form) {
    const LexiconEntry* entry = lexicon.find_form(form);
    return entry == nullptr ? std::string("?") : entry->category;
  };
  CHECK(category_of("六稳") == "economy/stability");
  CHECK(category_of("六保") == "economy/stability");
  CHECK(category_of("高质量发展") == "economy/growth");
  CHECK(lexicon.find_form("高质量发展")->canonical == "高质量发展");
  CHECK(category_of("new 发展格局") == "economy/growth");  // the space is not between two CJK
  CHECK(lexicon.find_form("两个维护")->canonical == "两个维护");
  CHECK(lexicon.find_form("两个维护")->variants == Strings{"兩個維護"});
  CHECK(category_of("两个维护") == "party");
  CHECK(category_of("双碳") == "single");
}

TEST_CASE("yaml: anchors and aliases are resolved") {
  const auto same_key = Lexicon::check_buffer("economy:\n  - &x 六稳\n  - *x\n",
                                              LexiconFormat::kQuantedaYaml, "d.yml");
  CHECK(positions(same_key) == Strings{"3:5 W_DUP_FORM"});
  const auto other_key = Lexicon::check_buffer("a: &list [六稳, 六保]\nb: *list\n",
                                               LexiconFormat::kQuantedaYaml, "d.yml");
  CHECK(positions(other_key) == Strings{"2:4 E_FORM_CONFLICT", "2:4 E_FORM_CONFLICT"});
  const Lexicon aliased = Lexicon::from_buffer("a: &m {x: [六稳]}\n", LexiconFormat::kQuantedaYaml);
  CHECK(aliased.find_form("六稳")->category == "a/x");
}

TEST_CASE("E_YAML: syntax errors, non-string scalars, globs, duplicate keys, bad shapes") {
  const auto yaml = [](std::string_view text) {
    return positions(Lexicon::check_buffer(text, LexiconFormat::kQuantedaYaml, "d.yml"));
  };
  CHECK(yaml("a: [六稳\nb: x\n").front().ends_with("E_YAML"));
  CHECK(yaml("a:\n  - 六稳\n - 六保\n") == Strings{"3:2 E_YAML"});
  CHECK(yaml("a:\n  - 2025\n  - true\n  - \"2025\"\n  - null\n  - ~\n") ==
        Strings{"2:5 E_YAML", "3:5 E_YAML", "5:5 E_YAML", "6:5 E_YAML"});
  CHECK(yaml("a:\n  - !!int 12\n  - !!str 12\n") == Strings{"2:5 E_YAML"});
  CHECK(yaml("a:\n  - 国企*\n  - 六?\n") == Strings{"2:5 E_YAML", "3:5 E_YAML"});
  CHECK(yaml("a: [六稳]\nb: [六保]\na: [双碳]\n") == Strings{"3:1 E_YAML"});
  CHECK(yaml("- 六稳\n- 六保\n") == Strings{"1:1 E_YAML"});
  CHECK(yaml("a:\n  - [六稳]\n") == Strings{"2:5 E_YAML"});
  CHECK(yaml("a: *nowhere\n") == Strings{"1:4 E_YAML"});
  CHECK(yaml("a: [六稳]\n---\nb: [六保]\n") == Strings{"2:1 E_YAML"});
  CHECK(yaml("").empty());
  // Deep nesting and alias bombs are bounded.
  CHECK_FALSE(yaml(std::string(200, '[') + std::string(200, ']')).empty());
  std::string bomb = "a: &a [六稳]\n";
  for (char c = 'b'; c <= 'z'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [*" + static_cast<char>(c - 1) + ", *" +
            static_cast<char>(c - 1) + "]\n";
  }
  CHECK_FALSE(yaml(bomb).empty());
}

TEST_CASE("auto: .yml/.yaml is YAML, .tsv is TSV, other files are sniffed") {
  const TempFile yaml("dict.YAML", "a: [六稳]\n");
  CHECK(Lexicon::from_file(yaml.path()).find_form("六稳")->category == "a");
  const TempFile tsv("lex.tsv", "两个维护\n");  // .tsv without a header: E_NO_HEADER
  CHECK(positions(Lexicon::check(tsv.path())) == Strings{"1:1 E_NO_HEADER"});
  const TempFile with_header("lex.txt", "# c\ncanonical\tcategory\n六稳\teconomy\n");
  CHECK(Lexicon::from_file(with_header.path()).entries()[0].category == "economy");
  const TempFile words("terms.txt", "canonicalize\n六稳\n");
  CHECK(Lexicon::from_file(words.path()).size() == 2);
  CHECK(Lexicon::from_buffer("canonical\n六稳\n").size() == 1);
  CHECK(Lexicon::from_buffer("六稳\n六保\n").size() == 2);
  CHECK(Lexicon::from_file(yaml.path(), LexiconFormat::kWordList).size() == 1);  // "a: [六稳]"
}

TEST_CASE("from_file: a missing file throws kIo; check reports E_IO") {
  try {
    (void)Lexicon::from_file("/nonexistent/lexicon.tsv");
    FAIL("expected LexiconError");
  } catch (const LexiconError& error) {
    CHECK(error.code() == tifa::ErrorCode::kIo);
    REQUIRE(error.diagnostics().size() == 1);
    CHECK(error.diagnostics()[0].code == "E_IO");
  }
  CHECK(positions(Lexicon::check("/nonexistent/lexicon.tsv")) == Strings{"0:0 E_IO"});
}

// ---------------------------------------------------------------------------------------------
// Merging (§2.8)

namespace {

const char* const kBase =
    "id\tcanonical\tvariants\tcategory\tmembers\tvalid_from\tvalid_to\tneeds_context\tcontext\n"
    "S1\t国企改革三年行动\t国有企业改革三年行动,三年行动\tsoe-reform\t\t\t\t三年行动\tfull\n"
    "S2\t全面从严治党\t从严治党\tparty-building\n"
    "S3\t一利五率\t\tsoe-reform\t利润总额、营业现金比率\t2023\t2024\n"
    "S3\t一利五率\t\t\t利润总额、营业收现率\t2025\n"
    "S4\t六稳\t\teconomy\n";

std::vector<LexiconDiagnostic> moved_warnings(const Lexicon& lexicon) {
  std::vector<LexiconDiagnostic> out;
  for (const LexiconDiagnostic& d : lexicon.warnings()) {
    if (d.code == "W_FORM_MOVED") out.push_back(d);
  }
  return out;
}

}  // namespace

TEST_CASE("merge: overlay fields replace, variants add, -form removes, versions replace") {
  const Lexicon base = Lexicon::from_tsv(kBase, "base.tsv");
  const Lexicon overlay = Lexicon::from_tsv(
      "id\tcanonical\tvariants\tcategory\tmembers\tnote\n"
      "S1\t国企改革三年行动\t-三年行动,国企改革三年行动方案\tgovernance\t\tmine\n"
      "S3\t一利五率\t\t\t甲、乙\n",
      "overlay.tsv");
  const Lexicon merged = Lexicon::merged(base, overlay);
  const LexiconEntry* reform = merged.find("S1");
  REQUIRE(reform != nullptr);
  CHECK(reform->variants == Strings{"国有企业改革三年行动", "国企改革三年行动方案"});
  CHECK(reform->category == "governance");
  CHECK(reform->needs_context.empty());  // its only context form was removed
  CHECK(*reform->extra_field("note") == "mine");
  CHECK(merged.find_form("三年行动") == nullptr);
  CHECK(merged.members("S3", "2023-05-01") == Strings{"甲", "乙"});  // versions replaced
  CHECK(merged.find("S3")->versions.size() == 1);
  CHECK(merged.find("S4")->category == "economy");  // untouched
  CHECK(merged.size() == base.size());
  CHECK(moved_warnings(merged).empty());
  CHECK(merged.sha256() != base.sha256());
}

TEST_CASE("merge: disabled removes an entry; unmatched overlay entries are added") {
  const Lexicon base = Lexicon::from_tsv(kBase, "base.tsv");
  const Lexicon overlay = Lexicon::from_tsv(
      "id\tcanonical\tdisabled\tcategory\n"
      "S4\t\t1\t\n"
      "\t一带一路\t\tforeign\n",
      "overlay.tsv");
  CHECK(overlay.size() == 1);  // a disabled row is no entry of its own
  const Lexicon merged = Lexicon::merged(base, overlay);
  CHECK(merged.find("S4") == nullptr);
  CHECK(merged.find_form("六稳") == nullptr);
  CHECK(merged.find("一带一路")->category == "foreign");
  CHECK(merged.size() == base.size());
}

TEST_CASE("W_FORM_MOVED: an overlay form that belongs to another base entry moves") {
  const Lexicon base = Lexicon::from_tsv(kBase, "base.tsv");
  const Lexicon overlay =
      Lexicon::from_tsv("canonical\tcategory\n从严治党\tparty-building\n", "overlay.tsv");
  const Lexicon merged = Lexicon::merged(base, overlay);
  CHECK(merged.find_form("从严治党")->canonical == "从严治党");
  CHECK(merged.find("S2")->variants.empty());
  REQUIRE(moved_warnings(merged).size() == 1);
  CHECK(moved_warnings(merged)[0].to_string() ==
        "overlay.tsv:2: warning[W_FORM_MOVED]: form \"从严治党\" moved from \"全面从严治党\" "
        "(id \"S2\") to \"从严治党\"");
  // A moved canonical takes its entry with it.
  const Lexicon takeover = Lexicon::merged(
      base, Lexicon::from_tsv("canonical\tvariants\n六稳工作\t六稳\n", "o.tsv"));
  CHECK(takeover.find("S4") == nullptr);
  CHECK(takeover.find_form("六稳")->canonical == "六稳工作");
  CHECK(positions(moved_warnings(takeover)) == Strings{"2:0 W_FORM_MOVED"});
}

TEST_CASE("merge: layers apply in order, the later on top") {
  const Lexicon base = Lexicon::from_tsv(kBase, "base.tsv");
  const Lexicon first = Lexicon::from_tsv("id\tcanonical\tcategory\nS4\t六稳\tgreen\n", "1.tsv");
  const Lexicon second =
      Lexicon::from_tsv("id\tcanonical\tcategory\nS4\t六稳\tregional\n", "2.tsv");
  CHECK(Lexicon::merged(Lexicon::merged(base, first), second).find("S4")->category ==
        "regional");
  CHECK(Lexicon::merged(Lexicon::merged(base, second), first).find("S4")->category == "green");
  CHECK(Lexicon::merged(Lexicon(), base).sha256() == base.sha256());
  CHECK(Lexicon::merged(base, Lexicon()).sha256() == base.sha256());
}

TEST_CASE("merge: added variants of an entry whose forms all need context need it too") {
  const Lexicon base = Lexicon::from_tsv(
      "canonical\tneeds_context\tcontext\n黑天鹅\t*\tquoted\n", "base.tsv");
  const Lexicon overlay = Lexicon::from_tsv("canonical\tvariants\n黑天鹅\t黑天鹅事件\n", "o.tsv");
  const Lexicon merged = Lexicon::merged(base, overlay);
  const LexiconEntry& entry = merged.entries()[0];
  CHECK(entry.form_needs_context("黑天鹅事件"));
  CHECK(entry.context.quoted);
}

// ---------------------------------------------------------------------------------------------
// Serialisation and hash (§2.8)

TEST_CASE("serialize: entries sorted by id, fixed columns, extras after them") {
  const Lexicon lexicon = Lexicon::from_tsv(
      "note\tcanonical\tid\tcategory\n"
      "b\t六稳\tS2\teconomy\n"
      "\t六保\tS1\teconomy\n"
      "\t双碳\t\tgreen\n");
  CHECK(lexicon.serialize() ==
        "id\tcanonical\tvariants\tcategory\tmembers\tenglish\tfirst_year\tvalid_from\tvalid_to\t"
        "needs_context\tcontext\tnote\n"
        "S1\t六保\t\teconomy\t\t\t\t\t\t\t\t\n"
        "S2\t六稳\t\teconomy\t\t\t\t\t\t\t\tb\n"
        "\t双碳\t\tgreen\t\t\t\t\t\t\t\t\n");
  CHECK(lexicon.sha256() == tifa::slogans::sha256_hex(lexicon.serialize()));
  CHECK(lexicon.sha256().size() == 64);
}

TEST_CASE("serialize: load, serialise, load gives the same hash") {
  const Lexicon base = Lexicon::from_tsv(kBase, "base.tsv");
  const Lexicon again = Lexicon::from_tsv(base.serialize());
  CHECK(again.sha256() == base.sha256());
  CHECK(again.serialize() == base.serialize());
  CHECK(again.members("S3", "2025-06-01") == base.members("S3", "2025-06-01"));
  CHECK(again.find("S1")->needs_context == base.find("S1")->needs_context);
  // Source order, comments, spacing and column order do not change the hash.
  const Lexicon reordered = Lexicon::from_tsv(
      "# comment\ncanonical\tid\n六保\tS2\n\n 六稳 \tS1\n");
  const Lexicon plain = Lexicon::from_tsv("id\tcanonical\nS1\t六稳\nS2\t六保\n");
  CHECK(reordered.sha256() == plain.sha256());
  const Lexicon merged = Lexicon::merged(
      base, Lexicon::from_tsv("canonical\tvariants\n从严治党\t從嚴治黨\n", "o.tsv"));
  CHECK(Lexicon::from_tsv(merged.serialize()).sha256() == merged.sha256());
}

TEST_CASE("serialize: the built-in lexicon round-trips with the same hash") {
  const Lexicon& builtin = Lexicon::builtin();
  const Lexicon again = Lexicon::from_tsv(builtin.serialize(), "serialized.tsv");
  CHECK(again.sha256() == builtin.sha256());
  CHECK(again.size() == builtin.size());
  CHECK(again.warnings().empty());
}

// ---------------------------------------------------------------------------------------------
// The reference list and the built-in lexicon (§2.7)

TEST_CASE("data/slogans.tsv and the reference list load without error") {
  const auto data = tifa::test::source_dir() / "data" / "slogans.tsv";
  const auto data_diagnostics = Lexicon::check(data.string());
  for (const auto& d : data_diagnostics) INFO(d.to_string());
  CHECK(std::none_of(data_diagnostics.begin(), data_diagnostics.end(),
                     [](const auto& d) { return d.error; }));
  const std::filesystem::path shared = tifa::test::shared_dir();
  const auto reference = shared / "reference" / "slogan_lexicon.tsv";
  if (shared.empty() || !std::filesystem::exists(reference)) {
    MESSAGE("skipped: ../shared/reference/slogan_lexicon.tsv is absent");
    return;
  }
  const Lexicon lexicon = Lexicon::from_file(reference.string());
  CHECK(lexicon.size() == 355);
}

TEST_CASE("builtin: parsed once, no warnings, ids S0001 onwards") {
  const Lexicon& builtin = Lexicon::builtin();
  CHECK(&builtin == &Lexicon::builtin());
  for (const auto& w : builtin.warnings()) INFO(w.to_string());
  CHECK(builtin.warnings().empty());
  CHECK(builtin.size() >= 357);
  CHECK(builtin.find("S0001")->canonical == "两个维护");
  for (const LexiconEntry& entry : builtin.entries()) {
    INFO(entry.canonical);
    CHECK(entry.id.size() == 5);
    CHECK(entry.id[0] == 'S');
    CHECK_FALSE(entry.category.empty());
    CHECK_FALSE(entry.english.empty());
  }
}

TEST_CASE("builtin: the spec's examples resolve to the stated canonical") {
  const Lexicon& builtin = Lexicon::builtin();
  const std::vector<std::pair<std::string, std::string>> examples = {
      {"稳中求进", "稳中求进"},
      {"稳中求进工作总基调", "稳中求进"},
      {"中央八项规定精神", "中央八项规定"},
      {"新时代枫桥经验", "枫桥经验"},
      {"全面从严治党", "全面从严治党"},
      {"从严治党", "全面从严治党"},
      {"一企一策", "一企一策"},
      {"一企一策一专班", "一企一策一专班"},
      {"两新组织", "两新组织"},
      {"两新", "两新"},
      {"黄河流域生态保护和高质量发展", "黄河流域生态保护和高质量发展"},
      {"高质量发展", "高质量发展"},
      {"学习贯彻习近平新时代中国特色社会主义思想主题教育",
       "学习贯彻习近平新时代中国特色社会主义思想主题教育"},
      {"习近平新时代中国特色社会主义思想", "习近平新时代中国特色社会主义思想"},
      {"新发展格局", "新发展格局"},
      {"健康中国", "健康中国"},
      {"美丽中国", "美丽中国"},
      {"瘦身健体", "瘦身健体"},
      {"制造强国", "制造强国"},
      {"质量强国", "质量强国"},
      {"网络强国", "网络强国"},
      {"教育强国", "教育强国"},
      {"科技强国", "科技强国"},
      {"人才强国", "人才强国"},
      {"三去一降一补", "三去一降一补"},
      {"两个至上", "两个至上"},
      {"六稳", "六稳"},
      {"六保", "六保"},
      {"十四五", "十四五"},
      {"一带一路", "一带一路"},
      {"四个全面", "四个全面"},
      {"四個全面", "四个全面"},
      {"双碳", "双碳"},
      {"雙碳", "双碳"},
      {"两学一做", "两学一做"},
      {"三严三实", "三严三实"},
      {"两个维护", "两个维护"},
      {"两个确立", "两个确立"},
      {"四个意识", "四个意识"},
      {"能上能下", "能上能下"},
      {"能进能出", "能进能出"},
      {"能增能减", "能增能减"},
      {"科学发展观", "科学发展观"},
      {"创先争优", "创先争优"},
      {"中国制造2025", "中国制造2025"},
      {"1+N", "1+N政策体系"},
      {"3060", "双碳"},
      {"国企改革三年行动", "国企改革三年行动"},
      {"国有企业改革三年行动", "国企改革三年行动"},
      {"三年行动", "国企改革三年行动"},
      {"绿水青山就是金山银山", "绿水青山就是金山银山"},
      {"两山", "绿水青山就是金山银山"},
      {"把方向、管大局、促落实", "把方向、管大局、保落实"},
      {"一利五率", "一利五率"},
      {"混改", "混合所有制改革"},
      {"新基建", "新型基础设施建设"},
      {"千万头肉牛", ""},    // discovered, not in the lexicon
      {"健康中国行动", ""},  // a quoted discovery that contains 健康中国
      {"两会", ""},          // a trap
  };
  for (const auto& [form, canonical] : examples) {
    const std::string& surface = form;  // clang 14 cannot capture a binding in INFO's lambda
    INFO(surface);
    const LexiconEntry* entry = builtin.find_form(form);
    if (canonical.empty()) {
      CHECK(entry == nullptr);
    } else {
      REQUIRE(entry != nullptr);
      CHECK(entry->canonical == canonical);
    }
  }
}

TEST_CASE("builtin: the context rules of spec §2.4 (and the one for 两金)") {
  const Lexicon& builtin = Lexicon::builtin();
  const std::vector<std::tuple<std::string, Strings, std::string>> rules = {
      {"国企改革三年行动", {"三年行动"}, "full; bounded_left; doc=国企,国有企业,国资; not_after=计划"},
      {"两新", {"两新"}, "sentence=设备更新,以旧换新,消费品,国债; not_after=组织"},
      {"两重", {"两重"}, "sentence=重大战略,安全能力,国债,项目; not_after=性,天"},
      {"绿水青山就是金山银山", {"两山"}, "full; quoted; sentence=理念,理论,生态,转化; not_after=之间"},
      {"四史", {"四史"}, "bounded_left; sentence=党史,新中国史,改革开放史,学习教育"},
      {"五通", {"五通"}, "sentence=一带一路,互联互通,合作; not_after=桥"},
      {"单项冠军", {"*"}, "sentence=制造业,企业,专精特新,培育; not_sentence=比赛,锦标赛,运动会,金牌,决赛"},
      {"小巨人", {"小巨人"}, "sentence=专精特新,企业"},
      {"稳定器", {"*"}, "sentence=国有,国企,央企,国资,宏观经济,经济大盘"},
      {"压舱石", {"*"}, "sentence=国有,国企,央企,国资,宏观经济,经济大盘"},
      {"走出去", {"*"}, "quoted; sentence=企业,国际,海外,对外,开放,战略"},
      {"两个途径", {"*"}, "quoted; sentence=核心竞争力,核心功能"},
      {"三个作用", {"*"}, "quoted; sentence=科技创新,产业控制,安全支撑"},
      {"黑天鹅", {"*"}, "quoted; sentence=风险,防范,金融,经济"},
      {"灰犀牛", {"*"}, "quoted; sentence=风险,防范,金融,经济"},
      // Beyond the spec's table: 两金 also reads "two golds" (两金一银) and 万万两金银.
      {"两金压控", {"两金"}, "full; sentence=压控,应收账款,存货,国企,国资,央企"},
  };
  std::size_t with_rules = 0;
  for (const LexiconEntry& entry : builtin.entries()) {
    with_rules += entry.needs_context.empty() ? 0 : 1;
  }
  CHECK(with_rules == rules.size());
  for (const auto& [canonical, forms, context] : rules) {
    const std::string& slogan = canonical;  // clang 14 cannot capture a binding in INFO's lambda
    INFO(slogan);
    const LexiconEntry* entry = builtin.find_form(canonical);
    REQUIRE(entry != nullptr);
    CHECK(tifa::slogans::format_context_rule(entry->context) == context);
    for (const std::string& form : forms) {
      if (form == "*") {
        CHECK(entry->needs_context.size() == entry->variants.size() + 1);
      } else {
        CHECK(entry->form_needs_context(form));
        CHECK(entry->form_needs_context(entry->canonical) == (form == entry->canonical));
      }
    }
  }
}

TEST_CASE("builtin: member versions of spec §2.3") {
  const Lexicon& builtin = Lexicon::builtin();
  const auto id_of = [&](std::string_view form) { return builtin.find_form(form)->id; };
  CHECK(builtin.members(id_of("一利五率"), "2024-06-30")[2] == "营业现金比率");
  CHECK(builtin.members(id_of("一利五率"), "2025-01-01")[2] == "营业收现率");
  CHECK(builtin.members(id_of("一利五率"))[2] == "营业收现率");
  CHECK(builtin.members(id_of("四个全面"), "2016-01-01")[0] == "全面建成小康社会");
  CHECK(builtin.members(id_of("四个全面"), "2021-01-01")[0] == "全面建设社会主义现代化国家");
  CHECK(builtin.members(id_of("四个全面"))[0] == "全面建设社会主义现代化国家");
  CHECK(builtin.members(id_of("五通"), "2014-01-01")[1] == "道路联通");
  CHECK(builtin.members(id_of("五通"), "2016-01-01")[1] == "设施联通");
  CHECK(builtin.members(id_of("把方向、管大局、保落实"), "2017-01-01")[2] == "保落实");
  CHECK(builtin.members(id_of("把方向、管大局、保落实"), "2020-01-01")[2] == "促落实");
  CHECK(builtin.members(id_of("乡村振兴")) ==
        Strings{"产业兴旺", "生态宜居", "乡风文明", "治理有效", "生活富裕"});
  CHECK(builtin.members(id_of("三去一降一补")) ==
        Strings{"去产能", "去库存", "去杠杆", "降成本", "补短板"});
  CHECK(builtin.members(id_of("两个至上")) == Strings{"人民至上", "生命至上"});
}

// ---------------------------------------------------------------------------------------------
// Robustness: arbitrary bytes never crash a loader

TEST_CASE("robustness: arbitrary bytes give diagnostics or a lexicon, never a crash") {
  std::uint32_t state = 12345;
  const auto next = [&] {
    state = state * 1103515245u + 12345u;
    return state >> 16;
  };
  const std::string alphabet[] = {"\t", "\n", "\r", ",", "、", ";", "=", "#", " ", "\u3000",
                                  "canonical", "variants", "needs_context", "context", "valid_from",
                                  "2024", "六", "稳", "國", "“", "-", "*", "full", "doc=", "\xFF",
                                  ":", "[", "]", "&a", "*a", "- ", "\"", "{", "}", "!!int"};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const std::size_t pieces = next() % 60;
    for (std::size_t i = 0; i < pieces; ++i) text += alphabet[next() % std::size(alphabet)];
    for (const LexiconFormat format : {LexiconFormat::kAuto, LexiconFormat::kTsv,
                                       LexiconFormat::kWordList, LexiconFormat::kJieba,
                                       LexiconFormat::kQuantedaYaml}) {
      INFO(text);
      try {
        const Lexicon lexicon = Lexicon::from_buffer(text, format);
        CHECK(Lexicon::from_tsv(lexicon.serialize()).sha256() == lexicon.sha256());
      } catch (const LexiconError& error) {
        CHECK_FALSE(error.diagnostics().empty());
      }
    }
  }
}

TEST_CASE("select_version with the document's days worked out once agrees with select_version of the date") {
  // The recogniser works the document's date out once (date_days) for all its mentions.
  std::vector<tifa::MemberVersion> versions(4);
  versions[0].valid_to = "2019";
  versions[1].valid_from = "2020-01";
  versions[1].valid_to = "2023-02-28";
  versions[2].valid_from = "2023-03-01";
  versions[3].valid_from = "2024-02-29";
  const std::vector<tifa::MemberVersion> closed(versions.begin(), versions.begin() + 2);
  for (const std::string_view date : {"", "2018", "2019-12-31", "2020", "2023-02", "2023-03-01T08:00:00+08:00",
                                      "2024-02-29 10:00", "2024-02-30", "2025-13", "soon", "2026"}) {
    CAPTURE(date);
    const tifa::slogans::DateDays days = tifa::slogans::date_days(date);
    CHECK(days.first.has_value() == days.last.has_value());
    const std::vector<tifa::MemberVersion>* lists[] = {&versions, &closed};
    for (const auto* list : lists) {
      CHECK(tifa::slogans::select_version(*list, days) == tifa::slogans::select_version(*list, date));
    }
  }
  using tifa::slogans::date_days;
  using tifa::slogans::select_version;
  CHECK(select_version(versions, date_days("2018")) == &versions[0]);
  CHECK(select_version(versions, date_days("2020")) == &versions[1]);
  CHECK(select_version(versions, date_days("2023-03-01T08:00:00+08:00")) == &versions[2]);
  CHECK(select_version(versions, date_days("2024-02-29 10:00")) == &versions[3]);  // the latest valid_from
  CHECK(select_version(versions, date_days("2024-02-30")) == &versions[2]);        // no date: open-ended
  CHECK(select_version(closed, date_days("")) == &closed[1]);                       // none open: latest
  CHECK(tifa::slogans::date_days("2024-02").first == 20240201);
  CHECK(tifa::slogans::date_days("2024-02").last == 20240229);
}
