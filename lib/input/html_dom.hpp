// A small element tree of an HTML body, with byte spans into the decoded text.
// Private to lib/input.
#pragma once

#include <cstdint>
#include <forward_list>
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
// Names, attributes and the characters of references are views or offsets (into static names
// and into the Dom), so that a node is small, building one allocates nothing and dropping the
// Dom destroys no node.
struct DomNode {
  // User-provided, so that a node made with emplace_back() is not zeroed before the member
  // initialisers below run (the parser makes one per tag and per text run).
  DomNode() noexcept {}

  bool is_text = false;
  bool implied = false;                 // made up by the parser
  // Text nodes: characters that references stand for, Dom::references[characters_begin, +size)
  // (see Dom::text_of); else the text is the input's own, text[source].
  bool is_reference = false;
  bool reference_run = false;           // a run of adjacent references (Piece::reference_run)
  std::uint8_t tag_id = kOtherTag;      // html_tags.hpp; kOtherTag for other names and text
  // Where the class, the id and the cms-style are in `attrs` (kAbsent: not there), set with
  // them by set_attributes: the block reader asks for these on nearly every element, and a
  // search by name cost a string comparison each.
  static constexpr std::uint8_t kAbsent = 0xFF;
  std::uint8_t class_at = kAbsent;
  std::uint8_t id_at = kAbsent;
  std::uint8_t cms_style_at = kAbsent;
  std::string_view tag;                 // lower case; empty for text
  std::span<const DomAttribute> attrs;  // kept ones, in Dom::attributes (set_attributes)
  Span source;                          // element: start tag to end tag; text: its bytes
  std::uint32_t parent = kNoNode;
  std::uint32_t first_child = kNoNode;
  std::uint32_t last_child = kNoNode;
  std::uint32_t next_sibling = kNoNode;
  std::size_t characters_begin = 0;     // references only
  std::size_t characters_size = 0;

  // Sets `attrs` (distinct names, as the builders keep them) and where the class, id and
  // cms-style are among them.
  void set_attributes(std::span<const DomAttribute> kept) {
    attrs = kept;
    for (std::size_t i = 0; i < kept.size() && i < kAbsent; ++i) {
      const std::string_view name = kept[i].name;
      const auto at = static_cast<std::uint8_t>(i);
      if (name == "class") class_at = at;
      else if (name == "id") id_at = at;
      else if (name == "cms-style") cms_style_at = at;
    }
  }
  std::string_view css_class() const { return value_at(class_at); }
  std::string_view id() const { return value_at(id_at); }
  std::string_view cms_style() const { return value_at(cms_style_at); }

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

 private:
  std::string_view value_at(std::uint8_t at) const { return at == kAbsent ? std::string_view() : attrs[at].value; }
};

// Move-only: nodes view the strings and attributes the Dom owns (a list never moves its
// elements, and moving the Dom moves no element), a copy would view the original's. A list, not a
// deque: a std::deque allocates two blocks when made and again when moved from, for the few
// strings most pages have (none).
struct Dom {
  Dom() = default;
  Dom(Dom&&) = default;
  Dom& operator=(Dom&&) = default;
  Dom(const Dom&) = delete;
  Dom& operator=(const Dom&) = delete;

  std::vector<DomNode> nodes;             // nodes[0] is the document root
  std::vector<DomAttribute> attributes;   // what DomNode::attrs views
  std::forward_list<std::string> strings;  // what names and attribute values view
  std::string references;                 // the characters of reference nodes, one after another
  std::vector<Span> comments;             // every comment, "<!--" to "-->"
  std::vector<Span> texts;                // every text run the parser reported, in order
  std::size_t flattened = 0;              // start tags not opened past the depth limit (html_parser.hpp)
  Span first_flattened;                   // the first of them
  std::size_t img_elements = 0;           // <img> elements: room for the images read from them

  // The text of a text node: its own bytes of `text` (the decoded document, which the spans
  // refer to), or the characters its references stand for.
  std::string_view text_of(const DomNode& node, std::string_view text) const {
    if (node.is_reference) return std::string_view(references).substr(node.characters_begin, node.characters_size);
    return text.substr(node.source.begin, node.source.size());
  }
  // The block piece of a text node.
  Piece piece_of(const DomNode& node) const {
    if (!node.is_reference) return Piece{node.source.begin, node.source.end, true, {}};
    return Piece{node.source.begin, node.source.end, false, std::string(text_of(node, {})), node.reference_run};
  }
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
