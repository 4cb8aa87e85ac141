// A small element tree built from libxml2's SAX events, with byte spans into the decoded text.
// Private to lib/input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tifa/reader.hpp"

namespace tifa::input {

inline constexpr std::uint32_t kNoNode = 0xFFFFFFFFu;

struct DomNode {
  bool is_text = false;
  std::string tag;                                         // lower case; empty for text
  std::vector<std::pair<std::string, std::string>> attrs;  // as libxml2 gave them
  Span source;                                             // element: start tag to end tag
  bool implied = false;                                    // made up by the parser
  Piece piece;                                             // text nodes only
  std::uint32_t parent = kNoNode;
  std::uint32_t first_child = kNoNode;
  std::uint32_t last_child = kNoNode;
  std::uint32_t next_sibling = kNoNode;

  std::string_view attr(std::string_view name) const {
    for (const auto& [key, value] : attrs) {
      if (key == name) return value;
    }
    return {};
  }
  bool has_attr(std::string_view name) const {
    for (const auto& kv : attrs) {
      if (kv.first == name) return true;
    }
    return false;
  }
};

struct Dom {
  std::vector<DomNode> nodes;  // nodes[0] is the document root
  std::vector<Span> comments;  // every comment, "<!--" to "-->"
  std::vector<Span> texts;     // every text run the parser reported, in order
};

// Parses text[body] with libxml2 (recover mode, no network, encoding fixed to UTF-8).
// `parser_input` is text[body] with protected ranges already blanked out; spans refer to `text`.
Dom parse_html_dom(std::string_view text, Span body, std::string_view parser_input);

}  // namespace tifa::input
