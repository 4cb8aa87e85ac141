// The CLI's JSON reader (cli/json_reader.cpp), which the output tests rely on to read JSON back.
#include <doctest/doctest.h>

#include <string>

#include "json_reader.hpp"

using tifa::cli::JsonSyntaxError;
using tifa::cli::JsonValue;
using tifa::cli::parse_json;

TEST_CASE("json_reader: scalars") {
  CHECK(parse_json("null").is_null());
  CHECK(parse_json(" true ").boolean);
  CHECK(parse_json("false").kind == JsonValue::Kind::kBool);
  CHECK_FALSE(parse_json("false").boolean);
  CHECK(parse_json("0").number == 0.0);
  CHECK(parse_json("-12.5e2").number == -1250.0);
  CHECK(parse_json("-12.5e2").text == "-12.5e2");
  CHECK(parse_json("1E+3").number == 1000.0);
  CHECK(parse_json("\"abc\"").text == "abc");
}

TEST_CASE("json_reader: objects and arrays keep order; find gives the last duplicate") {
  const JsonValue value = parse_json(R"({"b": [1, "two", {"c": null}], "a": {}, "b": 3})");
  REQUIRE(value.is_object());
  REQUIRE(value.members.size() == 3);
  CHECK(value.members[0].first == "b");
  CHECK(value.members[0].second.items.size() == 3);
  CHECK(value.members[0].second.items[2].find("c")->is_null());
  CHECK(value.find("a")->is_object());
  CHECK(value.find("b")->number == 3.0);
  CHECK(value.find("missing") == nullptr);
  CHECK(parse_json("[]").items.empty());
  CHECK(parse_json("[1]").find("x") == nullptr);
}

TEST_CASE("json_reader: string escapes, surrogate pairs and lone surrogates") {
  CHECK(parse_json(R"("\"\\\/\b\f\n\r\t")").text == "\"\\/\b\f\n\r\t");
  CHECK(parse_json(R"("\u4e2d\u6587")").text == "中文");
  CHECK(parse_json(R"("\u00e9\u0041")").text == "éA");
  CHECK(parse_json(R"("\ud83d\ude00")").text == "😀");
  CHECK(parse_json(R"("\uD83D\uDE00!")").text == "😀!");
  CHECK(parse_json(R"("\u0000")").text == std::string(1, '\0'));
  // A surrogate that is not part of a pair cannot be UTF-8: it becomes U+FFFD.
  CHECK(parse_json(R"("\ud83d")").text == "\xEF\xBF\xBD");
  CHECK(parse_json(R"("\ude00x")").text == "\xEF\xBF\xBDx");
  CHECK(parse_json(R"("\ud83d\u0041")").text == "\xEF\xBF\xBD" "A");
  // Raw UTF-8 (and even invalid bytes) inside strings is kept as it is.
  CHECK(parse_json("\"两个维护\"").text == "两个维护");
}

TEST_CASE("json_reader: invalid JSON is refused with a position") {
  for (const char* bad :
       {"", " ", "nul", "tru", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[1 2]", "01",
        "1.", ".5", "-", "1e", "+1", "\"abc", "\"a\nb\"", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"",
        "'single'", "[1] [2]", "NaN", "{\"a\":1}}"}) {
    INFO("input: " << bad);
    CHECK_THROWS_AS(parse_json(bad), JsonSyntaxError);
  }
  try {
    parse_json("[1, 2, x]");
    FAIL("no exception");
  } catch (const JsonSyntaxError& error) {
    CHECK(error.offset() == 7);
  }
}

TEST_CASE("json_reader: deep nesting is refused, not a stack overflow") {
  const std::string deep(100000, '[');
  CHECK_THROWS_AS(parse_json(deep), JsonSyntaxError);
  const std::string fine = std::string(100, '[') + std::string(100, ']');
  CHECK(parse_json(fine).is_array());
}
