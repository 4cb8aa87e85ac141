// A small, strict JSON reader (RFC 8259) for JSONL corpora: one value from a string, as a tree.
//
// Strings come out as UTF-8 with every escape decoded (\uD83D\uDE00 pairs included; a lone
// surrogate becomes U+FFFD, as it cannot be UTF-8). Bytes of the input inside strings are kept as
// they are: the pipeline decodes and repairs text itself. Numbers keep their source text.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tifa::cli {

class JsonValue {
 public:
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  // A member is declared here and defined after the class: a std::pair holding the class itself
  // would need JsonValue complete inside its own definition (clang 14 rejects it, gcc accepts).
  struct Member;

  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0.0;
  std::string text;  // the string, or a number's source text ("1e3")
  std::vector<JsonValue> items;
  std::vector<Member> members;  // objects, in input order

  bool is_null() const noexcept { return kind == Kind::kNull; }
  bool is_string() const noexcept { return kind == Kind::kString; }
  bool is_number() const noexcept { return kind == Kind::kNumber; }
  bool is_object() const noexcept { return kind == Kind::kObject; }
  bool is_array() const noexcept { return kind == Kind::kArray; }

  // The member named `key` of an object (the last one when repeated, as most parsers do), or
  // nullptr when absent or when this is not an object.
  const JsonValue* find(std::string_view key) const noexcept;
};

struct JsonValue::Member {
  Member(std::string key, JsonValue value) : first(std::move(key)), second(std::move(value)) {}
  std::string first;
  JsonValue second;
};

class JsonSyntaxError : public std::runtime_error {
 public:
  JsonSyntaxError(const std::string& message, std::size_t offset);
  std::size_t offset() const noexcept { return offset_; }

 private:
  std::size_t offset_;
};

// Parses exactly one JSON value, with optional whitespace around it. Throws JsonSyntaxError with
// the byte offset of the problem. Nesting deeper than 512 levels is refused, so that hostile
// input cannot exhaust the stack.
JsonValue parse_json(std::string_view input);

}  // namespace tifa::cli
