#include "json_reader.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace tifa::cli {

namespace {

constexpr int kMaxDepth = 512;

bool is_json_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

constexpr std::uint32_t kReplacement = 0xFFFD;

class Parser {
 public:
  explicit Parser(std::string_view input) : in_(input) {}

  JsonValue parse_document() {
    skip_whitespace();
    JsonValue value = parse_value(0);
    skip_whitespace();
    if (pos_ != in_.size()) fail("unexpected data after the JSON value");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const { throw JsonSyntaxError(what, pos_); }

  bool at_end() const { return pos_ >= in_.size(); }
  char peek() const { return at_end() ? '\0' : in_[pos_]; }

  void skip_whitespace() {
    while (!at_end() && is_json_whitespace(in_[pos_])) ++pos_;
  }

  void expect_word(std::string_view word) {
    if (in_.substr(pos_, word.size()) != word) fail("invalid literal");
    pos_ += word.size();
  }

  JsonValue parse_value(int depth) {
    if (depth > kMaxDepth) fail("nesting too deep");
    if (at_end()) fail("unexpected end of input");
    JsonValue value;
    switch (peek()) {
      case '{': parse_object(value, depth); break;
      case '[': parse_array(value, depth); break;
      case '"':
        value.kind = JsonValue::Kind::kString;
        value.text = parse_string();
        break;
      case 't':
        expect_word("true");
        value.kind = JsonValue::Kind::kBool;
        value.boolean = true;
        break;
      case 'f':
        expect_word("false");
        value.kind = JsonValue::Kind::kBool;
        break;
      case 'n':
        expect_word("null");
        break;
      default:
        if (peek() == '-' || is_digit(peek())) {
          parse_number(value);
        } else {
          fail("unexpected character");
        }
    }
    return value;
  }

  void parse_object(JsonValue& value, int depth) {
    value.kind = JsonValue::Kind::kObject;
    ++pos_;  // '{'
    skip_whitespace();
    if (peek() == '}') {
      ++pos_;
      return;
    }
    while (true) {
      skip_whitespace();
      if (peek() != '"') fail("expected a string key");
      std::string key = parse_string();
      skip_whitespace();
      if (peek() != ':') fail("expected ':'");
      ++pos_;
      skip_whitespace();
      JsonValue member = parse_value(depth + 1);
      value.members.emplace_back(std::move(key), std::move(member));
      skip_whitespace();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return;
      }
      fail("expected ',' or '}'");
    }
  }

  void parse_array(JsonValue& value, int depth) {
    value.kind = JsonValue::Kind::kArray;
    ++pos_;  // '['
    skip_whitespace();
    if (peek() == ']') {
      ++pos_;
      return;
    }
    while (true) {
      skip_whitespace();
      value.items.push_back(parse_value(depth + 1));
      skip_whitespace();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return;
      }
      fail("expected ',' or ']'");
    }
  }

  // -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  void parse_number(JsonValue& value) {
    const std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (is_digit(peek())) {
      while (is_digit(peek())) ++pos_;
    } else {
      fail("invalid number");
    }
    if (peek() == '.') {
      ++pos_;
      if (!is_digit(peek())) fail("invalid number: digits expected after '.'");
      while (is_digit(peek())) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!is_digit(peek())) fail("invalid number: digits expected in the exponent");
      while (is_digit(peek())) ++pos_;
    }
    value.kind = JsonValue::Kind::kNumber;
    value.text.assign(in_.substr(start, pos_ - start));
    // strtod follows the C locale's decimal point only in the "C" locale, which the CLI never
    // changes; out-of-range values become ±HUGE_VAL, which is fine for ids and dates.
    value.number = std::strtod(value.text.c_str(), nullptr);
  }

  std::uint32_t parse_hex4() {
    if (in_.size() - pos_ < 4) fail("truncated \\u escape");
    std::uint32_t code = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = in_[pos_++];
      code <<= 4;
      if (c >= '0' && c <= '9') {
        code |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        code |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        code |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        --pos_;
        fail("invalid hex digit in \\u escape");
      }
    }
    return code;
  }

  // After "\u" of a UTF-16 unit: one code point, joining a surrogate pair when one follows.
  std::uint32_t parse_unicode_escape() {
    const std::uint32_t unit = parse_hex4();
    if (unit >= 0xDC00 && unit <= 0xDFFF) return kReplacement;  // a lone low surrogate
    if (unit < 0xD800 || unit > 0xDBFF) return unit;
    // A high surrogate: a low one must follow as another \u escape.
    if (in_.substr(pos_, 2) != "\\u") return kReplacement;
    const std::size_t saved = pos_;
    pos_ += 2;
    const std::uint32_t low = parse_hex4();
    if (low < 0xDC00 || low > 0xDFFF) {
      pos_ = saved;  // not a pair: the next escape is read on its own
      return kReplacement;
    }
    return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
  }

  std::string parse_string() {
    ++pos_;  // opening quote
    std::string out;
    std::size_t run_start = pos_;
    while (true) {
      if (at_end()) fail("unterminated string");
      const auto c = static_cast<unsigned char>(in_[pos_]);
      if (c == '"') {
        out.append(in_, run_start, pos_ - run_start);
        ++pos_;
        return out;
      }
      if (c < 0x20) fail("control character in a string");
      if (c != '\\') {
        ++pos_;
        continue;
      }
      out.append(in_, run_start, pos_ - run_start);
      ++pos_;
      if (at_end()) fail("unterminated escape");
      const char escape = in_[pos_++];
      switch (escape) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': append_utf8(out, parse_unicode_escape()); break;
        default:
          --pos_;
          fail("invalid escape");
      }
      run_start = pos_;
    }
  }

  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const noexcept {
  if (kind != Kind::kObject) return nullptr;
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    if (it->first == key) return &it->second;
  }
  return nullptr;
}

JsonSyntaxError::JsonSyntaxError(const std::string& message, std::size_t offset)
    : std::runtime_error(message + " at byte " + std::to_string(offset)), offset_(offset) {}

JsonValue parse_json(std::string_view input) { return Parser(input).parse_document(); }

}  // namespace tifa::cli
