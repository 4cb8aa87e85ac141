// Tests of tifa::decode (spec/cleaning.md D1-D7) and of its offset map (§6 raw_offset).
#include <doctest/doctest.h>

#include <unicode/ucnv.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "input/decode_detail.hpp"
#include "paths.hpp"
#include "tifa/error.hpp"
#include "tifa/reader.hpp"

namespace {

using tifa::DecodedInput;
using tifa::Span;

const std::string kFffd = "\xEF\xBF\xBD";

struct ConverterCloser {
  void operator()(UConverter* c) const noexcept { ucnv_close(c); }
};

// `text` (UTF-8) encoded by ICU in `charset`.
std::string icu_encode(std::string_view text, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> utf8(ucnv_open("utf-8", &status));
  std::unique_ptr<UConverter, ConverterCloser> target(ucnv_open(charset, &status));
  REQUIRE(U_SUCCESS(status));
  std::string out(text.size() * 4 + 8, '\0');
  char* out_ptr = out.data();
  const char* in_ptr = text.data();
  ucnv_convertEx(target.get(), utf8.get(), &out_ptr, out.data() + out.size(), &in_ptr,
                 text.data() + text.size(), nullptr, nullptr, nullptr, nullptr, true, true,
                 &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(out_ptr - out.data()));
  return out;
}

// Length of the UTF-8 character that starts with `lead`.
std::size_t utf8_length(char lead) {
  const auto b = static_cast<unsigned char>(lead);
  if (b < 0x80) return 1;
  if (b < 0xE0) return 2;
  if (b < 0xF0) return 3;
  return 4;
}

// Start offsets of the characters of valid UTF-8 `text`, plus text.size().
std::vector<std::size_t> char_boundaries(const std::string& text) {
  std::vector<std::size_t> out;
  for (std::size_t pos = 0; pos < text.size(); pos += utf8_length(text[pos])) out.push_back(pos);
  out.push_back(text.size());
  return out;
}

// Properties every decode result has: valid UTF-8 text and a monotone map onto the whole input.
void check_well_formed(const DecodedInput& d, std::string_view bytes) {
  CHECK(tifa::input::find_invalid_utf8(d.text, 0) == d.text.size());
  CHECK(d.to_raw.target_size() == d.text.size());
  CHECK(d.to_raw.map(d.text.size()) == bytes.size());
  std::size_t previous = 0;
  for (std::size_t pos = 0; pos <= d.text.size(); ++pos) {
    const std::size_t raw = d.to_raw.map(pos);
    CHECK(raw >= previous);
    CHECK(raw <= bytes.size());
    previous = raw;
  }
}

// Every byte of decoded character i maps to expected_raw[i].
void check_char_sources(const DecodedInput& d, const std::vector<std::size_t>& expected_raw) {
  const std::vector<std::size_t> bounds = char_boundaries(d.text);
  REQUIRE(bounds.size() == expected_raw.size() + 1);
  for (std::size_t i = 0; i < expected_raw.size(); ++i) {
    for (std::size_t pos = bounds[i]; pos < bounds[i + 1]; ++pos) {
      CAPTURE(i);
      CAPTURE(pos);
      CHECK(d.to_raw.map(pos) == expected_raw[i]);
    }
  }
}

std::size_t count_code(const DecodedInput& d, std::string_view code) {
  std::size_t count = 0;
  for (const tifa::Warning& w : d.warnings) count += w.code == code ? 1 : 0;
  return count;
}

}  // namespace

TEST_SUITE_BEGIN("decode");

TEST_CASE("decode: valid UTF-8 is the text itself, with one copy run as map (D2)") {
  const std::string bytes = "第一段。\tTab, NUL \0 kept, é, 😀 end\n";
  const std::string with_nul(bytes.data(), bytes.size());
  const DecodedInput d = tifa::decode(with_nul);
  CHECK(d.encoding == "utf-8");
  CHECK(d.text == with_nul);
  CHECK(d.replacement_chars == 0);
  CHECK(d.warnings.empty());
  REQUIRE(d.to_raw.runs().size() == 1);
  CHECK(d.to_raw.runs()[0].kind == tifa::OffsetMap::RunKind::kCopy);
  for (std::size_t pos = 0; pos <= d.text.size(); ++pos) CHECK(d.to_raw.map(pos) == pos);
  check_well_formed(d, with_nul);
}

TEST_CASE("decode: NUL bytes are kept as they are (D6 leaves controls to P5)") {
  const std::string bytes("a\0b\x01\x7F", 5);
  const DecodedInput d = tifa::decode(bytes);
  CHECK(d.text == bytes);
  CHECK(d.encoding == "utf-8");
}

TEST_CASE("decode: a UTF-8 BOM is skipped and the offsets still count it (D1)") {
  const std::string bytes = "\xEF\xBB\xBF中文";
  const DecodedInput d = tifa::decode(bytes);
  CHECK(d.encoding == "utf-8");
  CHECK(d.text == "中文");
  CHECK(d.to_raw.map(0) == 3);
  CHECK(d.to_raw.map(3) == 6);
  CHECK(d.to_raw.map(d.text.size()) == bytes.size());
  CHECK(d.to_raw.runs().size() == 1);
  check_well_formed(d, bytes);
}

TEST_CASE("decode: a UTF-8 BOM decides UTF-8 even before invalid bytes (D1)") {
  const std::string bytes = "\xEF\xBB\xBF" "a\xD6\xD0";
  const DecodedInput d = tifa::decode(bytes);
  CHECK(d.encoding == "utf-8");
  CHECK(d.text == "a" + kFffd + kFffd);  // D6 and D0 are both leads without continuation
  CHECK(d.replacement_chars == 2);
  check_well_formed(d, bytes);
}

TEST_CASE("decode: CRLF and lone CR become LF mapped to the CR byte (D6)") {
  const std::string bytes = "a\r\nb\rc\n\r\n\r";
  const DecodedInput d = tifa::decode(bytes);
  CHECK(d.text == "a\nb\nc\n\n\n");
  check_char_sources(d, {0, 1, 3, 4, 5, 6, 7, 9});
  CHECK(d.to_raw.map(d.text.size()) == bytes.size());
  check_well_formed(d, bytes);
}

TEST_CASE("decode: a lone CR keeps the map a single copy run (D6)") {
  const DecodedInput d = tifa::decode("line one\rline two");
  CHECK(d.text == "line one\nline two");
  CHECK(d.to_raw.runs().size() == 1);
}

TEST_CASE("decode: each maximal subpart of invalid UTF-8 becomes one U+FFFD (D5)") {
  struct Case {
    const char* name;
    std::string bytes;
    std::string text;
    std::size_t replacements;
    std::vector<Span> warning_spans;
  };
  const std::vector<Case> cases = {
      {"lone continuation byte", "a\x80z", "a" + kFffd + "z", 1, {{1, 2}}},
      {"two lone continuation bytes", "a\x80\xBFz", "a" + kFffd + kFffd + "z", 2, {{1, 3}}},
      {"truncated 3-byte sequence at the end", "a\xE4\xB8", "a" + kFffd, 1, {{1, 3}}},
      {"truncated 4-byte sequence before ASCII", "\xF0\x9F\x98z", kFffd + "z", 1, {{0, 3}}},
      {"truncated sequence before a valid one", "\xE4\xB8中", kFffd + "中", 1, {{0, 2}}},
      {"overlong C0 80", "x\xC0\x80y", "x" + kFffd + kFffd + "y", 2, {{1, 3}}},
      {"overlong E0 80 80", "\xE0\x80\x80", kFffd + kFffd + kFffd, 3, {{0, 3}}},
      {"surrogate ED A0 80", "\xED\xA0\x80", kFffd + kFffd + kFffd, 3, {{0, 3}}},
      {"above U+10FFFF F4 90 80 80", "\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd, 4,
       {{0, 4}}},
      {"F5 lead byte", "\xF5z", kFffd + "z", 1, {{0, 1}}},
      {"two runs", "\xFF" "a\xFE", kFffd + "a" + kFffd, 2, {{0, 1}, {2, 3}}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const DecodedInput d = tifa::decode(c.bytes, "utf-8");
    CHECK(d.encoding == "utf-8");
    CHECK(d.text == c.text);
    CHECK(d.replacement_chars == c.replacements);
    REQUIRE(d.warnings.size() == c.warning_spans.size());
    for (std::size_t i = 0; i < d.warnings.size(); ++i) {
      CHECK(d.warnings[i].code == "replacement_char");
      CHECK(d.warnings[i].raw_span == c.warning_spans[i]);
      CHECK_FALSE(d.warnings[i].message.empty());
    }
    check_well_formed(d, c.bytes);
  }
}

TEST_CASE("decode: every byte of a U+FFFD maps to the first byte of its subpart (D5, §6)") {
  const std::string bytes = "a\xC0\x80\xE4\xB8z";
  const DecodedInput d = tifa::decode(bytes, "utf-8");
  CHECK(d.text == "a" + kFffd + kFffd + kFffd + "z");
  check_char_sources(d, {0, 1, 2, 3, 5});
}

TEST_CASE("decode: a U+FFFD encoded in the input is not a replacement (D5)") {
  SUBCASE("UTF-8") {
    const std::string bytes = "a" + kFffd + "b";
    const DecodedInput d = tifa::decode(bytes);
    CHECK(d.text == bytes);
    CHECK(d.replacement_chars == 0);
    CHECK(d.warnings.empty());
  }
  SUBCASE("UTF-8 beside an invalid byte") {
    const std::string bytes = kFffd + "\xFF";
    const DecodedInput d = tifa::decode(bytes, "utf-8");
    CHECK(d.text == kFffd + kFffd);
    CHECK(d.replacement_chars == 1);
    REQUIRE(d.warnings.size() == 1);
    CHECK(d.warnings[0].raw_span == Span{3, 4});
  }
  SUBCASE("GB18030 84 31 A4 37") {
    const std::string bytes = "\xD6\xD0\x84\x31\xA4\x37";
    const DecodedInput d = tifa::decode(bytes);
    CHECK(d.encoding == "gb18030");
    CHECK(d.text == "中" + kFffd);
    CHECK(d.replacement_chars == 0);
    CHECK(d.warnings.empty());
  }
}

TEST_CASE("decode: the hand-written GB18030 bytes agree with ICU") {
  CHECK(icu_encode("中", "gb18030") == "\xD6\xD0");
  CHECK(icu_encode("国", "gb18030") == "\xB9\xFA");
  CHECK(icu_encode("〇", "gb18030") == "\xA9\x96");
  CHECK(icu_encode("€", "gb18030") == "\xA2\xE3");
  CHECK(icu_encode("\u0080", "gb18030") == "\x81\x30\x81\x30");
  CHECK(icu_encode("😀", "gb18030") == "\x94\x39\xFC\x36");
  CHECK(icu_encode("·", "gb18030") == "\xA1\xA4");
}

TEST_CASE("decode: GB18030 2-byte and 4-byte characters with an exact map (D4)") {
  // A 中 国 〇 € U+0080 😀 · B
  const std::string bytes =
      "A\xD6\xD0\xB9\xFA\xA9\x96\xA2\xE3\x81\x30\x81\x30\x94\x39\xFC\x36\xA1\xA4" "B";
  const DecodedInput d = tifa::decode(bytes);
  CHECK(d.encoding == "gb18030");
  CHECK(d.text == "A中国〇€\u0080😀·B");
  CHECK(d.replacement_chars == 0);
  CHECK(d.warnings.empty());
  check_char_sources(d, {0, 1, 3, 5, 7, 9, 13, 17, 19});
  check_well_formed(d, bytes);
}

TEST_CASE("decode: consecutive 2-byte GB18030 characters make one scaled run") {
  const std::string bytes = "\xD6\xD0\xB9\xFA\xA9\x96\xA2\xE3\xD6\xD0\xB9\xFA";
  const DecodedInput d = tifa::decode(bytes);
  CHECK(d.text == "中国〇€中国");
  REQUIRE(d.to_raw.runs().size() == 1);
  const tifa::OffsetMap::Run& run = d.to_raw.runs()[0];
  CHECK(run.kind == tifa::OffsetMap::RunKind::kScaled);
  CHECK(run.target_unit == 3);
  CHECK(run.source_unit == 2);
  CHECK(run.length == 18);
  CHECK(run.source_length == 12);
}

TEST_CASE("decode: GB18030 text with ASCII keeps ASCII stretches as copy runs") {
  const std::string bytes = "ab\xD6\xD0\xB9\xFA" "cd\r\n\xD6\xD0";
  const DecodedInput d = tifa::decode(bytes);
  CHECK(d.text == "ab中国cd\n中");
  check_char_sources(d, {0, 1, 2, 4, 6, 7, 8, 10});
  CHECK(d.to_raw.runs().size() == 5);  // "ab", 中国, "cd", CRLF, 中
}

TEST_CASE("decode: invalid GB18030 bytes become one U+FFFD each, counted exactly (D5)") {
  // 81 before a space: the lead alone is invalid, the space is decoded again. 80 and FF are never
  // valid. A truncated 4-byte sequence at the end is one unit.
  const std::string bytes = "\xD6\xD0\x81 \xB9\xFA\x80\xFF\xD6\xD0\x81\x30\x81";
  const DecodedInput d = tifa::decode(bytes);
  CHECK(d.encoding == "gb18030");
  CHECK(d.text == "中" + kFffd + " 国" + kFffd + kFffd + "中" + kFffd);
  CHECK(d.replacement_chars == 4);
  REQUIRE(d.warnings.size() == 3);
  CHECK(d.warnings[0].raw_span == Span{2, 3});
  CHECK(d.warnings[1].raw_span == Span{6, 8});
  CHECK(d.warnings[2].raw_span == Span{10, 13});
  check_char_sources(d, {0, 2, 3, 4, 6, 7, 8, 10});
  check_well_formed(d, bytes);
}

TEST_CASE("decode: GB18030 beyond U+10FFFF (FE 39 FE 39) is a replacement") {
  const std::string bytes = "\xD6\xD0\xFE\x39\xFE\x39";
  const DecodedInput d = tifa::decode(bytes, "gb18030");
  CHECK(d.text == "中" + kFffd);
  CHECK(d.replacement_chars == 1);
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].raw_span == Span{2, 6});
}

TEST_CASE("decode: without a label, D4 picks the decoder with fewer U+FFFD (tie: UTF-8)") {
  SUBCASE("GB18030 makes none") {
    const DecodedInput d = tifa::decode("\xD6\xD0\xB9\xFA");
    CHECK(d.encoding == "gb18030");
  }
  SUBCASE("a tie goes to UTF-8") {
    const DecodedInput d = tifa::decode("a\x80z");  // one U+FFFD either way
    CHECK(d.encoding == "utf-8");
    CHECK(d.replacement_chars == 1);
  }
  SUBCASE("GB18030 makes more") {
    // UTF-8 "中1" then FF: GB18030 reads E4 B8 as one character, then AD 31 and FF are invalid.
    const DecodedInput d = tifa::decode("中1\xFF");
    CHECK(d.encoding == "utf-8");
    CHECK(d.text == "中1" + kFffd);
    CHECK(d.replacement_chars == 1);
  }
}

TEST_CASE("decode: a GBK page that declares charset=gbk is decoded as GB18030 (D3)") {
  // 新浪财经－国內: 內 (U+5167) is not in GB2312, only in GBK.
  const std::string body = icu_encode("新浪财经－国內", "gb18030");
  CHECK(body.find("\x83\xC8") != std::string::npos);
  SUBCASE("meta charset") {
    const std::string bytes = "<html><head><meta charset=\"GBK\"></head><body>" + body + "</body>";
    const DecodedInput d = tifa::decode(bytes);
    CHECK(d.encoding == "gb18030");
    CHECK(d.text.find("新浪财经－国內") != std::string::npos);
    CHECK(d.warnings.empty());
    check_well_formed(d, bytes);
  }
  SUBCASE("http-equiv content with gb2312") {
    const std::string bytes =
        "<HTML><HEAD><META http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
        "</HEAD>" + body;
    const DecodedInput d = tifa::decode(bytes);
    CHECK(d.encoding == "gb18030");
    CHECK(d.text.ends_with("新浪财经－国內"));
    CHECK(d.warnings.empty());
  }
}

TEST_CASE("decode: a declared non-UTF-8 label is used when the bytes are not UTF-8 (D3)") {
  const std::string bytes = "<meta charset='big5'>\xA4\xA4\xA4\xE5";  // 中文 in Big5
  const DecodedInput d = tifa::decode(bytes);
  CHECK(d.encoding == "big5");
  CHECK(d.text == "<meta charset='big5'>中文");
  check_char_sources(d, std::vector<std::size_t>{0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                                                 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23});
}

TEST_CASE("decode: a UTF-8 page declaring gb2312 stays UTF-8 with charset_mismatch (D2)") {
  const std::string bytes =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\" />"
      "</head><body><p>人民网</p></body></html>";
  const DecodedInput d = tifa::decode(bytes);
  CHECK(d.encoding == "utf-8");
  CHECK(d.text == bytes);
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].code == "charset_mismatch");
  const Span span = d.warnings[0].raw_span;
  CHECK(bytes.substr(span.begin, span.size()) == "GB2312");
  CHECK(d.to_raw.runs().size() == 1);
}

TEST_CASE("decode: a UTF-8 page declaring UTF-8 has no warning") {
  const DecodedInput d = tifa::decode("<meta charset=utf-8><p>中文</p>");
  CHECK(d.warnings.empty());
}

TEST_CASE("decode: an unknown declared label is ignored with unknown_charset (D3)") {
  SUBCASE("valid UTF-8") {
    const std::string bytes = "<meta charset=\"klingon-8\"><p>中文</p>";
    const DecodedInput d = tifa::decode(bytes);
    CHECK(d.encoding == "utf-8");
    REQUIRE(d.warnings.size() == 1);
    CHECK(d.warnings[0].code == "unknown_charset");
    CHECK(bytes.substr(d.warnings[0].raw_span.begin, d.warnings[0].raw_span.size()) ==
          "klingon-8");
  }
  SUBCASE("GB18030 bytes fall back to D4") {
    const std::string bytes = "<meta charset=\"klingon-8\">\xD6\xD0";
    const DecodedInput d = tifa::decode(bytes);
    CHECK(d.encoding == "gb18030");
    CHECK(d.text.ends_with("中"));
    CHECK(count_code(d, "unknown_charset") == 1);
  }
}

TEST_CASE("decode: a declaration after the first 4096 bytes is not read") {
  const std::string bytes = std::string(4100, ' ') + "<meta charset=gbk>" + "\xD6\xD0";
  CHECK_FALSE(tifa::input::find_declared_charset(bytes).has_value());
  const DecodedInput d = tifa::decode(bytes);
  CHECK(d.encoding == "gb18030");  // by D4
  CHECK(d.warnings.empty());
}

TEST_CASE("decode: find_declared_charset reads the meta forms") {
  using tifa::input::find_declared_charset;
  CHECK(find_declared_charset("<meta charset=\"UTF-8\">")->label == "utf-8");
  CHECK(find_declared_charset("<META CHARSET = 'gbk' />")->label == "gbk");
  CHECK(find_declared_charset("<meta content=\"text/html;charset=x-gbk\" http-equiv=x>")->label ==
        "x-gbk");
  CHECK_FALSE(find_declared_charset("<metadata charset=gbk>").has_value());
  CHECK_FALSE(find_declared_charset("<meta name=\"charset\" content=\"x\">").has_value());
  CHECK_FALSE(find_declared_charset("charset=gbk, no meta tag").has_value());
  const auto declared = find_declared_charset("xx<meta charset=gb2312>");
  REQUIRE(declared.has_value());
  CHECK(declared->raw_span == Span{16, 22});
}

TEST_CASE("decode: a forced unknown encoding throws kEncoding") {
  try {
    (void)tifa::decode("abc", "no-such-charset");
    FAIL("no exception");
  } catch (const tifa::Error& e) {
    CHECK(e.code() == tifa::ErrorCode::kEncoding);
  }
  CHECK_THROWS_AS((void)tifa::decode("", "no-such-charset"), tifa::Error);
}

TEST_CASE("decode: a forced encoding beats valid UTF-8 (D2)") {
  SUBCASE("gb18030") {
    // UTF-8 é (C3 A9) read as GB18030 is U+8305.
    const DecodedInput d = tifa::decode("\xC3\xA9", "gb18030");
    CHECK(d.encoding == "gb18030");
    CHECK(d.text == "\u8305");
    CHECK(d.warnings.empty());
  }
  SUBCASE("a GB label goes to the GB18030 decoder") {
    const DecodedInput d = tifa::decode("\xC3\xA9", " GBK ");
    CHECK(d.encoding == "gb18030");
  }
  SUBCASE("an ICU name") {
    const DecodedInput d = tifa::decode("caf\xE9", "ISO-8859-1");
    CHECK(d.encoding == "iso-8859-1");
    CHECK(d.text == "café");
  }
  SUBCASE("auto in any case is not a forced name") {
    CHECK(tifa::decode("\xD6\xD0", "AUTO").encoding == "gb18030");
  }
}

TEST_CASE("decode: UTF-16 is chosen by its BOM and the BOM is skipped (D1)") {
  SUBCASE("little endian") {
    const std::string bytes("\xFF\xFE" "A\x00\x2D\x4E\r\x00\n\x00\x3D\xD8\x00\xDE", 14);
    const DecodedInput d = tifa::decode(bytes);
    CHECK(d.encoding == "utf-16le");
    CHECK(d.text == "A中\n😀");
    check_char_sources(d, {2, 4, 6, 10});
    check_well_formed(d, bytes);
  }
  SUBCASE("big endian") {
    const std::string bytes("\xFE\xFF\x00" "A\x4E\x2D", 6);
    const DecodedInput d = tifa::decode(bytes);
    CHECK(d.encoding == "utf-16be");
    CHECK(d.text == "A中");
    check_char_sources(d, {2, 4});
  }
  SUBCASE("an unpaired surrogate and an odd last byte") {
    const std::string bytes("\xFF\xFE\x00\xD8" "A\x00" "B", 7);
    const DecodedInput d = tifa::decode(bytes);
    CHECK(d.text == kFffd + "A" + kFffd);
    CHECK(d.replacement_chars == 2);
    check_char_sources(d, {2, 4, 6});
  }
  SUBCASE("no BOM: UTF-16 is not guessed") {
    const std::string bytes("A\x00" "B\x00", 4);
    CHECK(tifa::decode(bytes).encoding == "utf-8");
  }
}

TEST_CASE("decode: empty input gives empty text and empty_input (D7)") {
  const DecodedInput d = tifa::decode("");
  CHECK(d.text.empty());
  CHECK(d.encoding == "utf-8");
  REQUIRE(d.warnings.size() == 1);
  CHECK(d.warnings[0].code == "empty_input");
  CHECK(d.warnings[0].raw_span == Span{0, 0});
  CHECK(d.to_raw.map(0) == 0);
  CHECK(tifa::decode("", "gb18030").warnings.size() == 1);
}

TEST_CASE("decode: replacement_char warnings stop at 100, then one summary (D5)") {
  std::string bytes;
  for (int i = 0; i < 150; ++i) bytes += "\xFF\xFE.";  // 150 runs of 2
  const DecodedInput d = tifa::decode(bytes, "utf-8");
  CHECK(d.replacement_chars == 300);
  REQUIRE(d.warnings.size() == 101);
  for (const tifa::Warning& w : d.warnings) CHECK(w.code == "replacement_char");
  CHECK(d.warnings[99].raw_span == Span{297, 299});
  CHECK(d.warnings[100].raw_span == Span{300, 449});
  CHECK(d.warnings[100].message.find("300") != std::string::npos);
}

TEST_CASE("decode: ICU chunk and slice boundaries do not change the result") {
  const std::string bytes =
      "A\xD6\xD0\x81 \x94\x39\xFC\x36\r\n\xFE\x39\xFE\x39"
      "\xB9\xFA\x81\x30\x81\x30\r\xD6\xD0\x81\x30";
  const auto reference = tifa::input::decode_with_icu(bytes, 0, "gb18030");
  REQUIRE(reference.has_value());
  CHECK(reference->text == "A中" + kFffd + " 😀\n" + kFffd + "国\u0080\n中" + kFffd);
  for (std::size_t chunk = 1; chunk <= 4; ++chunk) {
    for (std::size_t slice = 1; slice <= 6; ++slice) {
      CAPTURE(chunk);
      CAPTURE(slice);
      const auto d = tifa::input::decode_with_icu(bytes, 0, "gb18030", chunk, slice);
      REQUIRE(d.has_value());
      CHECK(d->text == reference->text);
      CHECK(d->replacement_chars == reference->replacement_chars);
      CHECK(d->warnings.size() == reference->warnings.size());
      for (std::size_t pos = 0; pos <= d->text.size(); ++pos) {
        CHECK(d->to_raw.map(pos) == reference->to_raw.map(pos));
      }
    }
  }
}

TEST_CASE("decode: arbitrary bytes never crash and always give a well-formed result") {
  std::uint32_t state = 12345;
  auto next_byte = [&state] {
    state = state * 1103515245u + 12345u;
    return static_cast<char>((state >> 16) & 0xFF);
  };
  for (int round = 0; round < 200; ++round) {
    std::string bytes;
    const int length = round % 40;
    for (int i = 0; i < length; ++i) bytes.push_back(next_byte());
    if (round % 7 == 0) bytes = "\xFF\xFE" + bytes;
    if (round % 11 == 0) bytes = "\xEF\xBB\xBF" + bytes;
    for (const char* encoding : {"auto", "utf-8", "gb18030", "utf-16le", "big5"}) {
      CAPTURE(round);
      CAPTURE(encoding);
      const DecodedInput d = tifa::decode(bytes, encoding);
      check_well_formed(d, bytes);
    }
  }
}

TEST_CASE("decode: the GB18030 corpus decodes exactly, byte for byte (D4, §6)") {
  std::vector<std::filesystem::path> files;
  for (const auto& path : tifa::test::corpus_files()) {
    if (path.parent_path().filename() == "text") files.push_back(path);
  }
  if (files.empty()) {
    MESSAGE("skipped: no corpus/text files (../shared/corpus is absent)");
    return;
  }
  for (const auto& path : files) {
    CAPTURE(path.filename().string());
    const std::string bytes = tifa::test::read_file(path);
    const DecodedInput d = tifa::decode(bytes);
    CHECK(d.encoding == "gb18030");
    CHECK(d.replacement_chars == 0);
    CHECK(d.to_raw.map(d.text.size()) == bytes.size());
    const std::vector<std::size_t> bounds = char_boundaries(d.text);
    bool exact = true;
    for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
      const std::string character = d.text.substr(bounds[i], bounds[i + 1] - bounds[i]);
      const std::size_t raw_begin = d.to_raw.map(bounds[i]);
      const std::size_t raw_end = d.to_raw.map(bounds[i + 1]);
      for (std::size_t pos = bounds[i]; pos < bounds[i + 1]; ++pos) {
        exact = exact && d.to_raw.map(pos) == raw_begin;
      }
      const std::string raw = bytes.substr(raw_begin, raw_end - raw_begin);
      // A CRLF decodes to one LF that owns both bytes.
      const bool same =
          raw == icu_encode(character, "gb18030") || (character == "\n" && raw == "\r\n");
      if (!same) {
        CAPTURE(bounds[i]);
        CHECK(raw == icu_encode(character, "gb18030"));
      }
      exact = exact && same;
    }
    CHECK(exact);
    // Grouped runs, never one per character.
    CHECK(d.to_raw.runs().size() < d.text.size() / 8 + 2);
  }
}

TEST_SUITE_END();

namespace {

// The first ill-formed byte by the Unicode table of well-formed sequences, one step at a time:
// the reference the fast paths of find_invalid_utf8 are held against.
std::size_t reference_first_invalid(std::string_view text, std::size_t from) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t pos = from;
  while (pos < text.size()) {
    const unsigned char c = s[pos];
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c < 0x80) length = 1;
    else if (c >= 0xC2 && c <= 0xDF) length = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return pos;
    }
    if (pos + length > text.size()) return pos;
    for (std::size_t k = 1; k < length; ++k) {
      const unsigned char next = s[pos + k];
      const unsigned char lo = k == 1 ? low : 0x80, hi = k == 1 ? high : 0xBF;
      if (next < lo || next > hi) return pos;
    }
    pos += length;
  }
  return text.size();
}

}  // namespace

TEST_CASE("decode: find_invalid_utf8 agrees with a byte-by-byte reference on CJK-heavy text") {
  // Mostly well-formed three-byte characters (the two-at-a-time path), with ASCII, other lengths
  // and one damaged byte at a random place, at every alignment.
  std::uint32_t state = 20261130;
  auto next = [&state](std::uint32_t bound) {
    state = state * 1103515245u + 12345u;
    return (state >> 8) % bound;
  };
  const std::vector<std::string> pieces = {"中", "国", "\xE3\x80\x82", "\xEF\xBC\x8C", "a", " ", "\xC3\xA9",
                                           "\xF0\x9F\x98\x80", "\xE0\xA4\x85", "\xED\x9F\xBF"};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::uint32_t count = 1 + next(40);
    for (std::uint32_t i = 0; i < count; ++i) text += pieces[next(static_cast<std::uint32_t>(pieces.size()))];
    if (round % 3 != 0 && !text.empty()) {
      const std::size_t at = next(static_cast<std::uint32_t>(text.size()));
      const char damage[] = {'\x80', '\xBF', '\xC0', '\xED', '\xE0', '\xF5', '\xFF', 'x', '\xE4'};
      text[at] = damage[next(sizeof damage)];
    }
    if (round % 5 == 0) text.resize(next(static_cast<std::uint32_t>(text.size()) + 1));  // cut mid-character
    const std::size_t from = text.empty() ? 0 : next(static_cast<std::uint32_t>(text.size()));
    CAPTURE(round);
    CHECK(tifa::input::find_invalid_utf8(text, from) == reference_first_invalid(text, from));
    CHECK(tifa::input::find_invalid_utf8_without_avx2(text, from) == reference_first_invalid(text, from));
  }
}

TEST_CASE("decode: find_invalid_utf8 agrees with the reference across 16- and 32-byte blocks") {
  // Long texts so that whole 16-byte blocks are taken at once: runs of three-byte characters and
  // ASCII, with two- and four-byte characters, E0/ED leads, and damage of every kind (stray
  // continuation bytes, overlong forms, surrogates, values above U+10FFFF, bytes that are never
  // UTF-8, a lead without its continuation bytes), at random places and at the very end.
  std::uint32_t state = 77;
  auto next = [&state](std::uint32_t bound) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % bound;
  };
  const std::vector<std::string> valid = {
      "中", "国", "政", "策", "\xE3\x80\x82", "\xEF\xBC\x8C", "\xE2\x80\x9C", "\xEE\x80\x80",
      "a", " ", "\n", "0123456789abcdef", "\xC3\xA9", "\xC2\xA0", "\xDF\xBF",
      "\xF0\x9F\x98\x80", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\xF3\xBF\xBF\xBF",
      "\xE0\xA4\x85", "\xE0\xBF\xBF", "\xED\x9F\xBF", "\xED\x80\x80", "\xEF\xBF\xBD"};
  const std::vector<std::string> damaged = {
      "\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x9F\xBF", "\xED\xA0\x80",
      "\xED\xBF\xBF", "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
      "\xF8", "\xFE", "\xFF", "\xE4\xB8", "\xE4", "\xC3", "\xF0\x9F\x98", "\xE4\xB8\x41", "\xE4\x41"};
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const bool mostly_han = round % 4 != 0;
    const std::uint32_t count = 1 + next(120);
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::uint32_t pick = next(100);
      if (mostly_han && pick < 80) text += valid[next(6)];
      else text += valid[next(static_cast<std::uint32_t>(valid.size()))];
    }
    const std::uint32_t kind = next(5);
    if (kind == 1 || kind == 2) {  // damage inserted somewhere, possibly inside a character
      const std::size_t at = next(static_cast<std::uint32_t>(text.size()) + 1);
      text.insert(at, damaged[next(static_cast<std::uint32_t>(damaged.size()))]);
    } else if (kind == 3) {  // a damaged sequence at the very end
      text += damaged[next(static_cast<std::uint32_t>(damaged.size()))];
    } else if (kind == 4) {  // cut anywhere, often mid-character
      text.resize(next(static_cast<std::uint32_t>(text.size()) + 1));
    }
    const std::size_t from = next(4) == 0 ? next(static_cast<std::uint32_t>(text.size()) + 1) : 0;
    CAPTURE(round);
    REQUIRE(tifa::input::find_invalid_utf8(text, from) == reference_first_invalid(text, from));
    REQUIRE(tifa::input::find_invalid_utf8_without_avx2(text, from) == reference_first_invalid(text, from));
  }
}

namespace {

// find_invalid_utf8 (and without AVX2) against the reference on `base` with each of its bytes set
// to each of the 256 values in turn.
void check_every_damaged_byte(const std::string& base) {
  for (std::size_t at = 0; at < base.size(); ++at) {
    for (int value = 0; value < 256; ++value) {
      std::string text = base;
      text[at] = static_cast<char>(value);
      CAPTURE(base.size());
      CAPTURE(at);
      CAPTURE(value);
      REQUIRE(tifa::input::find_invalid_utf8(text, 0) == reference_first_invalid(text, 0));
      REQUIRE(tifa::input::find_invalid_utf8_without_avx2(text, 0) == reference_first_invalid(text, 0));
    }
  }
}

}  // namespace

TEST_CASE("decode: find_invalid_utf8 on every single damaged byte of a long Chinese run") {
  // Every position of a 100-byte run of three-byte characters, every value of the byte.
  std::string base;
  while (base.size() < 99) base += "中";
  check_every_damaged_byte(base);
}

TEST_CASE("decode: find_invalid_utf8 on every damaged byte across 64-byte blocks") {
  // The AVX2 check takes 64 bytes a step and carries a character that straddles two steps:
  // every position of a 200-byte run (characters across the 64- and 128-byte marks at each of
  // the three offsets, shifted by a leading ASCII byte or two), every value of the byte.
  for (const std::string prefix : {"", "a", "ab"}) {
    CAPTURE(prefix);
    std::string base = prefix;
    while (base.size() < 200) base += "中";
    check_every_damaged_byte(base);
  }
}

TEST_CASE("decode: \"auto\" in any case and with blanks around, or nothing, is told without a copy") {
  for (const char* encoding : {"", " ", "auto", "AUTO", " Auto\t", "aUtO"}) {
    CAPTURE(encoding);
    CHECK(tifa::decode("\xD6\xD0", encoding).encoding == "gb18030");
  }
  CHECK(tifa::decode("abc", " UTF-8 ").encoding == "utf-8");  // a forced name, lower-cased
  CHECK_THROWS(tifa::decode("abc", "autox"));                 // not "auto": an unknown name
}
