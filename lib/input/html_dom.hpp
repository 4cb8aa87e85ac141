// A small element tree of an HTML body, with byte spans into the decoded text.
// Private to lib/input.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "input/html_tags.hpp"
#include "tifa/reader.hpp"

namespace tifa::input {

inline constexpr std::uint32_t kNoNode = 0xFFFFFFFFu;

// A kept attribute (html_tags.hpp, kept_attribute): the name is the static lower-case copy, the
// value, entities decoded, views Dom::strings.
struct DomAttribute {
  std::string_view name;
  std::string_view value;
  friend bool operator==(const DomAttribute&, const DomAttribute&) = default;
};

// kept == name. Kept names of one length nearly always differ in their first byte: that test
// spares the call to memcmp that the string comparison makes (attr runs several times an element).
inline bool same_attribute_name(std::string_view kept, std::string_view name) {
  return kept.size() == name.size() && (name.empty() || kept[0] == name[0]) && kept == name;
}

// The flags sit together: a million-element page holds a million nodes (tests/bad_input).
// Names and attributes are views (into static names and into the Dom), so that building a node
// allocates nothing.
struct DomNode {
  bool is_text = false;
  bool implied = false;                 // made up by the parser
  std::uint8_t tag_id = kOtherTag;      // html_tags.hpp; kOtherTag for other names and text
  std::string_view tag;                 // lower case; empty for text
  std::span<const DomAttribute> attrs;  // kept ones, in Dom::attributes
  Span source;                          // element: start tag to end tag
  Piece piece;                          // text nodes only
  std::uint32_t parent = kNoNode;
  std::uint32_t first_child = kNoNode;
  std::uint32_t last_child = kNoNode;
  std::uint32_t next_sibling = kNoNode;

  std::string_view attr(std::string_view name) const {
    for (const DomAttribute& a : attrs) {
      if (same_attribute_name(a.name, name)) return a.value;
    }
    return {};
  }
  bool has_attr(std::string_view name) const {
    for (const DomAttribute& a : attrs) {
      if (same_attribute_name(a.name, name)) return true;
    }
    return false;
  }
};

// Move-only: nodes view the strings and attributes the Dom owns (a std::deque never moves its
// elements, and moving the Dom moves no element), a copy would view the original's.
struct Dom {
  Dom() = default;
  Dom(Dom&&) = default;
  Dom& operator=(Dom&&) = default;
  Dom(const Dom&) = delete;
  Dom& operator=(const Dom&) = delete;

  std::vector<DomNode> nodes;             // nodes[0] is the document root
  std::vector<DomAttribute> attributes;   // what DomNode::attrs views
  std::deque<std::string> strings;        // what names and attribute values view
  std::vector<Span> comments;             // every comment, "<!--" to "-->"
  std::vector<Span> texts;                // every text run the parser reported, in order
  std::size_t flattened = 0;              // start tags not opened past the depth limit (html_parser.hpp)
  Span first_flattened;                   // the first of them
};

// Parses text[body] with the library's own HTML parser (html_parser.hpp), which builds the tree
// libxml2's HTML parser would (recover mode), with exact spans.
// `parser_input` is text[body] with protected ranges already blanked out; spans refer to `text`.
// The Dom keeps `parser_input` (attribute values view it).
// Elements deeper than `max_depth` are flattened into their ancestor at the limit.
Dom parse_html_dom(std::string_view text, Span body, std::string parser_input,
                   std::size_t max_depth = static_cast<std::size_t>(-1));

// The same with libxml2's HTML parser (recover mode, no network, encoding fixed to UTF-8) through
// its SAX interface, spans located from the parser's read position. Kept to check the own parser
// against (tests/input/test_html_parser.cpp).
Dom parse_html_dom_libxml2(std::string_view text, Span body, std::string_view parser_input);

}  // namespace tifa::input
