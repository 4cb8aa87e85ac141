// The first two stages, decode and read, on their own (experimental API: may change in any
// release). Most users want tifa::Pipeline; these are for callers that inspect what the readers
// saw before cleaning, and for the cleaning stage itself.
//
// Coordinates: every Span in this header indexes DecodedInput::text (decoded UTF-8), except
// Warning::raw_span, which indexes the original input bytes. DecodedInput::to_raw converts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tifa/document.hpp"
#include "tifa/offset_map.hpp"
#include "tifa/options.hpp"
#include "tifa/span.hpp"

namespace tifa {

// ---- decode (spec/cleaning.md D1-D7) ----

struct DecodedInput {
  std::string text;                   // valid UTF-8; BOM skipped; CRLF and CR became LF
  OffsetMap to_raw;                   // offsets of `text` -> offsets of the input bytes
  std::string encoding;               // "utf-8", "gb18030", "utf-16le", "utf-16be" or an ICU name
  std::size_t replacement_chars = 0;  // U+FFFD made for invalid bytes
  std::vector<Warning> warnings;      // raw spans index the input
};

// Decodes `bytes`. `encoding` is "auto" (or empty) or a forced encoding name. Throws tifa::Error
// (kEncoding) only for a forced name that ICU does not know.
DecodedInput decode(std::string_view bytes, std::string_view encoding = "auto");

// ---- read (spec/cleaning.md F1-F4, R1-R12) ----

// A run of block text and the decoded bytes it comes from. A verbatim piece is exactly
// decoded[begin, end); otherwise `text` replaces that range (an entity, "&amp;" -> "&").
struct Piece {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool verbatim = true;
  std::string text;  // used when !verbatim
  // A long run of adjacent character references (an entity bomb) is one piece: each character
  // of `text` comes from one reference, and the references are the stretches of
  // decoded[begin, end) that start at its '&' bytes, so every character still maps to its own.
  bool reference_run = false;
};

enum class RawKind : std::uint8_t {
  kParagraph,
  kHeading,    // h1-h6, markdown "##" lines, or an R6 heading
  kTitleLine,  // markdown "# " line (the title candidate)
  kCaption,    // figcaption, caption, span.img_descr
  kListItem,   // li
  kTableRow,   // tr; cells joined by TAB pieces
  kAutolink,   // a line that is only "<scheme://...>" or "<>"
  kLinkLine,   // a line made only of markdown links and separators
};

// Where a block of a whole HTML page lies relative to the article container (H1-H4).
enum class Zone : std::uint8_t { kBody, kHeader, kContainer, kTrailer, kOutside };

struct Link {
  Span text;        // the link text
  Span url;         // the target
  Span whole;       // "[text](url)"
};

struct RawBlock {
  RawKind kind = RawKind::kParagraph;
  int heading_level = 0;
  std::vector<Piece> pieces;        // in source order
  std::uint32_t flags = 0;          // BlockFlag bits set by readers (kListItem, kLineJoin, ...)
  bool all_bold = false;            // every non-space character inside strong/b/bold style
  int page = 0;                     // page number (1-based) when the input has page markers
  bool after_page_marker = false;   // a page marker stood right before this block
  std::string tag;                  // HTML element that made the block ("p", "div", ...)
  std::string css_class;            // its class attribute
  std::string id;                   // its id attribute
  Zone zone = Zone::kBody;
  std::vector<Link> links;          // markdown links inside the block
  std::string url;                  // kAutolink: the URL ("" for "<>")
  Span source;                      // decoded range covering the block's pieces
};

struct RawImage {
  std::string src;
  bool has_alt = false;
  std::string alt;
  std::string caption;              // from span.img_descr / figcaption, "" if none
  std::size_t before_block = 0;     // index of the first RawBlock after the image
  bool boilerplate = false;         // inside B1-B3 content, a data: URI or a tracking pixel
  int width = -1;                   // from attributes, -1 if absent
  int height = -1;
  Span source;                      // the <img> tag
};

struct FrontMatterEntry {
  std::string key;
  bool is_list = false;
  std::vector<std::string> values;  // unescaped strings; one for a scalar
  std::vector<Span> value_spans;    // one per value
  Span key_span;
};

struct FrontMatter {
  bool present = false;
  Span span;                        // from the opening "---" to the end of the closing line
  bool yaml_error = false;          // read line by line after a YAML error (R1)
  std::vector<FrontMatterEntry> entries;
  const FrontMatterEntry* find(std::string_view key) const;
};

// <head> metadata of an HTML page (H5): "title", "og:title", "og:url", "og:site_name",
// "canonical", "article:published_time", "pubdate", "publishdate", "keywords", "description".
struct HeadMeta {
  std::string name;
  std::string value;
  Span source;
};

// What was dropped while reading, before any cleaning rule: comments (B1), non-text elements
// (B2), page markers (B11), markup that is visible source. Spans index the decoded text.
struct RawRemoved {
  std::string rule;
  Span source;
};

struct RawDocument {
  DecodedInput decoded;
  Format format = Format::kAuto;
  bool pdf_layout = false;
  bool html_page = false;
  FrontMatter front_matter;
  std::vector<HeadMeta> head;
  std::vector<RawBlock> blocks;
  std::vector<RawImage> images;
  std::vector<RawRemoved> removed;
  std::vector<Warning> warnings;    // raw spans index the input (like DecodedInput::warnings)
  int pages = 0;                    // number of pages (markers + 1) when markers were seen
  // The visible source (spec/cleaning.md §7): every decoded range that holds text rather than
  // markup — text runs (also inside comments, scripts and dropped elements), front-matter
  // values, markdown text without its syntax, page markers. Sorted, non-overlapping.
  std::vector<Span> visible;
};

// Decodes and reads `bytes`. Throws tifa::Error as Pipeline::process does.
RawDocument read(std::string_view bytes, const Input& input, const Options& options);

// The text of a block: its pieces concatenated.
std::string block_text(const RawDocument& doc, const RawBlock& block);

}  // namespace tifa
