// The own HTML parser (lib/input/html_parser.cpp): the Dom it builds, its spans, and its
// equivalence with libxml2's HTML parser (parse_html_dom_libxml2) on every seed and corpus page.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "input/detect.hpp"
#include "input/html_dom.hpp"
#include "input/html_parser.hpp"
#include "input/html_reader.hpp"
#include "input/html_tags.hpp"
#include "input/markdown_inline.hpp"
#include "paths.hpp"
#include "tifa/reader.hpp"

namespace {

using tifa::Span;
using tifa::input::Dom;
using tifa::input::DomNode;
using tifa::input::kNoNode;

Dom parse(std::string_view html) { return tifa::input::parse_html(std::string(html), 0); }

// The tree as one line per node: "tag[begin,end)" for elements (implied ones marked '*'), the
// text of text nodes ("&...;" pieces shown as "{decoded}"), indented by depth.
std::string outline(const Dom& dom, std::string_view text) {
  std::string out;
  std::vector<int> depth(dom.nodes.size(), 0);
  for (std::size_t i = 1; i < dom.nodes.size(); ++i) {
    const DomNode& node = dom.nodes[i];
    depth[i] = depth[node.parent] + 1;
    out.append(static_cast<std::size_t>(depth[i] - 1) * 2, ' ');
    if (node.is_text) {
      if (!node.is_reference) out += '"' + std::string(dom.text_of(node, text)) + '"';
      else out += "{" + std::string(dom.text_of(node, text)) + "}";
    } else {
      out += std::string(node.tag) + (node.implied ? "*" : "") + "[" + std::to_string(node.source.begin) + "," +
             std::to_string(node.source.end) + ")";
      for (const auto& [key, value] : node.attrs) out += " " + std::string(key) + "=" + std::string(value);
    }
    out += '\n';
  }
  return out;
}

// The content of every text node in document order, joined.
std::string all_text(const Dom& dom, std::string_view text) {
  std::string out;
  for (const DomNode& node : dom.nodes) {
    if (!node.is_text) continue;
    out.append(dom.text_of(node, text));
  }
  return out;
}

// Checks the structural contract of any Dom: links, pre-order numbering, spans inside the input,
// verbatim pieces equal to their source, texts in order and equal to the text nodes.
void check_contract(const Dom& dom, std::size_t base, std::size_t size) {
  REQUIRE(!dom.nodes.empty());
  CHECK(dom.nodes[0].tag == "#document");
  CHECK(dom.nodes[0].source.begin == base);
  CHECK(dom.nodes[0].source.end == base + size);
  std::vector<Span> text_spans;
  for (std::uint32_t i = 0; i < dom.nodes.size(); ++i) {
    const DomNode& node = dom.nodes[i];
    if (i > 0) {
      REQUIRE(node.parent < i);  // pre-order: a parent comes before its children
      CHECK(!dom.nodes[node.parent].is_text);
    }
    CHECK(node.source.begin <= node.source.end);
    CHECK(node.source.begin >= base);
    CHECK(node.source.end <= base + size);
    std::uint32_t count = 0;
    std::uint32_t last = kNoNode;
    for (std::uint32_t c = node.first_child; c != kNoNode; c = dom.nodes[c].next_sibling) {
      REQUIRE(c < dom.nodes.size());
      CHECK(dom.nodes[c].parent == i);
      CHECK(c > i);
      if (last != kNoNode) CHECK(c > last);
      last = c;
      ++count;
    }
    CHECK(node.last_child == last);
    if (node.is_text) {
      CHECK(count == 0);
      CHECK(node.source.size() > 0);
      text_spans.push_back(node.source);
    } else if (i > 0 && !node.implied) {
      // An element's content lies inside it.
      for (std::uint32_t c = node.first_child; c != kNoNode; c = dom.nodes[c].next_sibling) {
        CHECK(dom.nodes[c].source.begin >= node.source.begin);
        if (!dom.nodes[c].implied) CHECK(dom.nodes[c].source.end <= node.source.end);
      }
    }
  }
  CHECK(text_spans.size() == dom.texts.size());
  for (std::size_t i = 0; i < std::min(text_spans.size(), dom.texts.size()); ++i) {
    CHECK(text_spans[i].begin == dom.texts[i].begin);
    CHECK(text_spans[i].end == dom.texts[i].end);
    if (i > 0) CHECK(dom.texts[i].begin >= dom.texts[i - 1].end);
  }
}

// ---- comparison with libxml2 ----

// The elements whose content libxml2 nests but this parser does not (they are void here).
bool void_only_here(std::string_view tag) {
  return tag == "embed" || tag == "source" || tag == "track" || tag == "wbr";
}

std::string path_of(const Dom& dom, std::uint32_t i) {
  std::vector<std::string_view> tags;
  for (std::uint32_t a = dom.nodes[i].parent; a != kNoNode && a != 0; a = dom.nodes[a].parent) {
    if (!void_only_here(dom.nodes[a].tag)) tags.push_back(dom.nodes[a].tag);
  }
  std::string path;
  for (auto it = tags.rbegin(); it != tags.rend(); ++it) path += "/" + std::string(*it);
  return path;
}

// The text pieces the reader takes from a Dom, one line each: "begin,end path content", where
// path is the element tags above the text (the block structure). Verbatim pieces are merged where
// a parser cut a run (libxml2 cuts at each '&' and every 1000 bytes). Two spots where the libxml2
// builder is wrong are put right first: it records the "&" of "&amp;" as a one-byte verbatim
// piece, and it drops an invalid numeric reference, which is U+FFFD here.
std::vector<std::string> pieces_of(const Dom& dom, std::string_view text) {
  struct Merged {
    std::size_t begin, end;
    bool verbatim;
    std::uint32_t parent, node;
    std::string content;
  };
  std::vector<Merged> merged;
  for (std::uint32_t i = 1; i < dom.nodes.size(); ++i) {
    const DomNode& node = dom.nodes[i];
    if (!node.is_text) continue;
    tifa::Piece piece = dom.piece_of(node);
    if (!piece.verbatim && piece.text == "\xEF\xBF\xBD") continue;
    if (piece.verbatim && piece.end == piece.begin + 1 && text.substr(piece.begin, 5) == "&amp;") {
      piece = tifa::Piece{piece.begin, piece.begin + 5, false, "&"};
    }
    if (piece.verbatim && !merged.empty() && merged.back().verbatim &&
        merged.back().end == piece.begin && merged.back().parent == node.parent) {
      merged.back().end = piece.end;
      continue;
    }
    merged.push_back(Merged{piece.begin, piece.end, piece.verbatim, node.parent, i, piece.text});
  }
  std::vector<std::string> lines;
  for (const Merged& m : merged) {
    std::string content = m.verbatim ? std::string(text.substr(m.begin, m.end - m.begin)) : "{" + m.content + "}";
    if (content.size() > 60) content = content.substr(0, 60) + "...";
    lines.push_back(std::to_string(m.begin) + "," + std::to_string(m.end) + " " + path_of(dom, m.node) +
                    " " + content);
  }
  return lines;
}

// The text of a Dom as runs: the decoded text of adjacent text nodes of one parent, joined, with
// the path of tags above them. Spans play no part, so the libxml2 builder's guesses do not either.
std::vector<std::string> runs_of(const Dom& dom, std::string_view text) {
  std::vector<std::string> runs;
  std::uint32_t previous = kNoNode;
  for (std::uint32_t i = 1; i < dom.nodes.size(); ++i) {
    const DomNode& node = dom.nodes[i];
    if (!node.is_text) {
      previous = kNoNode;
      continue;
    }
    std::string_view content = dom.text_of(node, text);
    if (previous != kNoNode && dom.nodes[previous].parent == node.parent) runs.back().append(content);
    else runs.push_back(path_of(dom, i) + " " + std::string(content));
    previous = i;
  }
  return runs;
}

std::vector<const DomNode*> elements_of(const Dom& dom) {
  std::vector<const DomNode*> out;
  for (std::size_t i = 1; i < dom.nodes.size(); ++i) {
    if (!dom.nodes[i].is_text) out.push_back(&dom.nodes[i]);
  }
  return out;
}

// Does the start tag at text[begin] hold a '<' in its attributes? The libxml2 builder looked for
// the last '<' before the read position, so it put such an element's start at that '<'.
bool start_tag_holds_lt(std::string_view text, std::size_t begin) {
  std::size_t gt = text.find('>', begin);
  std::size_t lt = text.find('<', begin + 1);
  return lt != std::string_view::npos && lt < gt;
}

// Is text[from, to) only markup the libxml2 builder does not see (end tags, processing
// instructions, DOCTYPEs, dropped <html>, <head> or <body> tags), perhaps followed by the '<' and
// name of a start tag or by text? The builder ends an element at the read position when it last saw
// content before such markup, or at its last content when the next "</" follows right after the
// element's own end tag (it takes that one for the current one).
bool builder_gap(std::string_view text, std::size_t from, std::size_t to) {
  while (from < to) {
    auto at = [&](std::string_view what) {
      if (from + what.size() > text.size()) return false;
      for (std::size_t k = 0; k < what.size(); ++k) {
        if (std::tolower(static_cast<unsigned char>(text[from + k])) != std::tolower(static_cast<unsigned char>(what[k])))
          return false;
      }
      return true;
    };
    if (!at("</") && !at("<?") && !at("<!DOCTYPE") && !at("<html") && !at("<head") && !at("<body")) {
      // Text: an element that text closes (by an implied <p>) ends at the read position in it.
      if (text[from] != '<') return text.substr(from, to - from).find('<') == std::string_view::npos;
      std::size_t i = from + 1;
      while (i < to && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == ':' || text[i] == '-')) ++i;
      return i == to && i > from + 1;
    }
    std::size_t gt = text.find('>', from);
    if (gt == std::string_view::npos || gt >= to) return false;
    from = gt + 1;
  }
  return true;
}

std::string element_line(const DomNode& node) {
  std::string line = std::string(node.tag) + (node.implied ? "*" : "") + " [" + std::to_string(node.source.begin) +
                     "," + std::to_string(node.source.end) + ")";
  for (const auto& [key, value] : node.attrs) line += " " + std::string(key) + "=" + std::string(value);
  return line;
}

// Compares the elements of the two trees, in document order: tag, attributes, start and end.
// Returns "" when they agree but for the libxml2 builder's two span mistakes above, and for the
// void elements of this parser that libxml2 lets run on.
std::string compare_elements(const Dom& own, const Dom& xml, std::string_view text, int& span_fixes,
                             bool compare_ends = true) {
  std::vector<const DomNode*> a = elements_of(own), b = elements_of(xml);
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    const DomNode& x = *a[i];
    const DomNode& y = *b[i];
    bool same = x.tag == y.tag && x.tag_id == y.tag_id && std::ranges::equal(x.attrs, y.attrs);
    // The builder may take an implied <p> for a "<p" at or after it (with an empty span) or for
    // a "<param" ("<p" and then the read position).
    auto real_p = [&text](const DomNode& n) {
      std::string_view at = text.substr(n.source.begin, 3);
      return !n.source.empty() && at.size() == 3 && at.substr(0, 2) == "<p" &&
             (at[2] == '>' || at[2] == ' ' || at[2] == '/' || at[2] == '\n' || at[2] == '\t');
    };
    bool both_implied = x.implied && (y.implied || (y.tag == "p" && !real_p(y)));
    if (same && !both_implied) {
      bool begin_ok = x.implied == y.implied && x.source.begin == y.source.begin;
      // libxml2 implies nothing but <p>: the builder marks an element it could not find in the
      // text (after an ignored end tag and a DOCTYPE, say) as implied.
      if (!begin_ok && !x.implied && (start_tag_holds_lt(text, x.source.begin) || y.implied)) {
        begin_ok = true;
        ++span_fixes;
      }
      std::size_t y_end = y.source.end;
      if (y_end > 0 && text.substr(y_end - 1, 5) == "&amp;") y_end += 4;  // the one-byte "&" again
      bool end_ok = !compare_ends || x.source.end == y_end;
      if (!end_ok && y_end < x.source.end && builder_gap(text, y_end, x.source.end)) end_ok = true;
      if (!end_ok && y_end > x.source.end && builder_gap(text, x.source.end, y_end)) end_ok = true;
      if (!end_ok && void_only_here(x.tag)) end_ok = true;
      if (!end_ok && y.implied) end_ok = true;  // the builder could not find it at all
      if (end_ok && x.source.end != y.source.end) ++span_fixes;
      same = begin_ok && end_ok;
    }
    if (!same) {
      return "at element " + std::to_string(i) + "\n  own:     " + element_line(x) +
             "\n  libxml2: " + element_line(y) + "\n";
    }
  }
  if (a.size() != b.size()) {
    return "element counts " + std::to_string(a.size()) + " and " + std::to_string(b.size()) + "\n";
  }
  return "";
}

std::vector<std::string> comments_of(const Dom& dom) {
  std::vector<std::string> lines;
  for (Span c : dom.comments) lines.push_back(std::to_string(c.begin) + "," + std::to_string(c.end));
  return lines;
}

// The first difference of two line lists, with a little context, or "" when they are equal.
std::string first_difference(const std::vector<std::string>& own, const std::vector<std::string>& xml) {
  std::size_t i = 0;
  while (i < own.size() && i < xml.size() && own[i] == xml[i]) ++i;
  if (i == own.size() && i == xml.size()) return "";
  std::string out = "at item " + std::to_string(i) + " of " + std::to_string(own.size()) + "/" +
                    std::to_string(xml.size()) + "\n";
  for (std::size_t k = i > 2 ? i - 2 : 0; k < i + 3; ++k) {
    out += "  own:     " + (k < own.size() ? own[k] : std::string("-")) + "\n";
    out += "  libxml2: " + (k < xml.size() ? xml[k] : std::string("-")) + "\n";
  }
  return out;
}

struct Body {
  std::string name;
  std::string text;
  Span body;
  std::string input;  // text[body], NULs blanked, as the reader hands it to the parser
};

// The HTML body of a document, found as tifa::read finds it.
bool html_body(const std::filesystem::path& path, Body& out) {
  tifa::DecodedInput decoded = tifa::decode(tifa::test::read_file(path));
  tifa::input::Layout layout = tifa::input::detect_layout(decoded.text, tifa::Format::kAuto, "<PAGE_DIV>");
  if (layout.body_kind != tifa::input::BodyKind::kHtmlPage &&
      layout.body_kind != tifa::input::BodyKind::kHtmlFragment)
    return false;
  out.name = path.filename().string();
  out.text = std::move(decoded.text);
  out.body = layout.body;
  out.input = out.text.substr(layout.body.begin, layout.body.size());
  std::replace(out.input.begin(), out.input.end(), '\0', ' ');
  return true;
}

// The seeds and the corpus; TIFA_HTML_PARSER_CORPUS=DIR adds every file of DIR (bench/corpus).
std::vector<std::filesystem::path> equivalence_files() {
  std::vector<std::filesystem::path> files = tifa::test::seed_files();
  for (const auto& f : tifa::test::corpus_files()) files.push_back(f);
  if (const char* dir = std::getenv("TIFA_HTML_PARSER_CORPUS")) {
    std::vector<std::filesystem::path> extra;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.is_regular_file()) extra.push_back(entry.path());
    }
    std::sort(extra.begin(), extra.end());
    files.insert(files.end(), extra.begin(), extra.end());
  }
  return files;
}

}  // namespace

// ---- behaviour ----

TEST_CASE("R3: mis-nested inline markup does not leak (seed 002)") {
  std::string html = "<p><strong>抓项目求突破</p>\n <p></strong>抓项目就是抓发展。</p>";
  Dom dom = parse(html);
  check_contract(dom, 0, html.size());
  CHECK(outline(dom, html) ==
        "p[0,33)\n"
        "  strong[3,33)\n"
        "    \"抓项目求突破\"\n"
        "\"\n \"\n"
        "p[35,78)\n"
        "  \"抓项目就是抓发展。\"\n");
}

TEST_CASE("R3: an entity is one text node whose span is the whole reference, decoded once") {
  std::string html = "<p>A&amp;B&#123;&#x4e2d;&nbsp;C&amp;lt;D&nbsp E&foo;&#0;&#xD800;&#;</p>";
  Dom dom = parse(html);
  check_contract(dom, 0, html.size());
  CHECK(outline(dom, html) ==
        "p[0,71)\n"
        "  \"A\"\n  {&}\n  \"B\"\n  {{}\n  {中}\n  {\xC2\xA0}\n  \"C\"\n  {&}\n"
        "  \"lt;D&nbsp E&foo;\"\n  {\xEF\xBF\xBD}\n  {\xEF\xBF\xBD}\n  \"&#;\"\n");
  CHECK(dom.nodes[3].source.begin == 4);  // "&amp;"
  CHECK(dom.nodes[3].source.end == 9);
  CHECK(all_text(dom, html) == "A&B{中\xC2\xA0" "C&lt;D&nbsp E&foo;\xEF\xBF\xBD\xEF\xBF\xBD&#;");
}

TEST_CASE("attributes: kept ones only, lower-cased names, decoded values, first wins, valueless") {
  std::string html =
      "<IMG SRC=\"a.png?x=1&amp;y=2\" alt Alt='z' width=300 onclick=\"f()\" data-x=1 class=c\n/>"
      "<meta name=\"description\" content=\"a\" b\"c\"=\"\"><a href=x/>t</a>";
  Dom dom = parse(html);
  check_contract(dom, 0, html.size());
  REQUIRE(dom.nodes.size() == 5);
  const DomNode& img = dom.nodes[1];
  CHECK(img.tag == "img");
  CHECK(img.attr("src") == "a.png?x=1&y=2");
  CHECK(img.has_attr("alt"));
  CHECK(img.attr("alt") == "");
  CHECK(img.attr("width") == "300");
  CHECK(img.attr("class") == "c");
  CHECK(img.attrs.size() == 4);
  CHECK(dom.nodes[2].attr("content") == "a");
  CHECK(dom.nodes[2].attrs.size() == 2);
  CHECK(dom.nodes[3].attr("href") == "x/");  // an unquoted value may hold '/'
  CHECK(dom.nodes[4].parent == 3);
}

TEST_CASE("attributes of a start tag that makes no element go nowhere: a second <body>, a flattened tag") {
  // The parser writes kept attributes straight into the Dom and takes them back for such a tag.
  std::string html = "<body class=a><body id=b class=c><p id=d>x</p>";
  Dom dom = parse(html);
  check_contract(dom, 0, html.size());
  int seen = 0;
  for (const DomNode& node : dom.nodes) {
    if (node.tag == "body") {
      ++seen;
      CHECK(node.css_class() == "a");
      CHECK(node.attrs.size() == 1);
    }
    if (node.tag == "p") {
      ++seen;
      CHECK(node.id() == "d");
      CHECK(node.attrs.size() == 1);
    }
  }
  CHECK(seen == 2);
  // Past depth 2, the third <div> is flattened; the <img> after it (void, so opened) keeps its own.
  const std::string deep = "<div id=1><div id=2><div id=3 class=y><img id=5 src=s>t</div></div></div>";
  Dom flat = tifa::input::parse_html(deep, 0, 2);
  check_contract(flat, 0, deep.size());
  CHECK(flat.flattened == 1);
  std::vector<std::string> ids;
  for (const DomNode& node : flat.nodes) {
    if (node.is_text || &node == &flat.nodes[0]) continue;  // (the root)
    ids.push_back(std::string(node.tag) + ":" + std::string(node.id()));
    if (node.tag == "img") {
      CHECK(node.attr("src") == "s");
      CHECK(node.attrs.size() == 2);
    }
  }
  CHECK(ids == std::vector<std::string>{"div:1", "div:2", "img:5"});
}

TEST_CASE("attributes: broken quoting never swallows the text after the tag") {
  std::string html = "<p>x<a class=\"foo>bar</a>baz</p>";
  Dom dom = parse(html);
  check_contract(dom, 0, html.size());
  CHECK(outline(dom, html) == "p[0,32)\n  \"x\"\n  a[4,25) class=foo\n    \"bar\"\n  \"baz\"\n");
}

TEST_CASE("void, self-closing and raw-text elements") {
  std::string html =
      "<div>a<br>b<img src=1>c<wbr>d<embed src=2>e<p/>f<script>if (a<b) x='</p>';</SCRIPT >"
      "<style>p{}</style><title>T&amp;<b>x</b></title><textarea>u<i>v</textarea></div>";
  Dom dom = parse(html);
  check_contract(dom, 0, html.size());
  CHECK(outline(dom, html) ==
        "div[0,163)\n  \"a\"\n  br[6,10)\n  \"b\"\n  img[11,22) src=1\n  \"c\"\n  wbr[23,28)\n  \"d\"\n"
        "  embed[29,42) src=2\n  \"e\"\n  p[43,47)\n  \"f\"\n  script[48,84)\n"
        "    \"if (a<b) x='</p>';\"\n  style[84,102)\n    \"p{}\"\n  title[102,131)\n    \"T\"\n"
        "    {&}\n    \"<b>x</b>\"\n  textarea[131,157)\n    \"u<i>v\"\n");
}

TEST_CASE("start tags close open elements as libxml2's table says; end tags respect priorities") {
  std::string html =
      "<p>a<div>b</div><ul><li>c<li>d</ul><table><tr><td>e<td>f<tr><td>g</table>"
      "<b><p>h</p></b><div><table><tr><td>i</div>j</td></tr></table></div><div><p>k</div>";
  Dom dom = parse(html);
  check_contract(dom, 0, html.size());
  CHECK(outline(dom, html) ==
        "p[0,4)\n  \"a\"\n"
        "div[4,16)\n  \"b\"\n"
        "ul[16,35)\n  li[20,25)\n    \"c\"\n  li[25,35)\n    \"d\"\n"
        "table[35,73)\n  tr[42,56)\n    td[46,51)\n      \"e\"\n    td[51,56)\n      \"f\"\n"
        "  tr[56,73)\n    td[60,73)\n      \"g\"\n"
        "b[73,76)\n"
        "p[76,84)\n  \"h\"\n"
        "div[88,140)\n  table[93,134)\n    tr[100,126)\n      td[104,121)\n        \"i\"\n        \"j\"\n"
        "div[140,155)\n  p[145,155)\n    \"k\"\n");
}

TEST_CASE("text at the top level or in <head> opens an implied <p>; blanks before a tag do not") {
  std::string html =
      "  <html> <head> <title>t</title> x <meta name=a></head> <body>y</body></html>\n";
  Dom dom = parse(html);
  check_contract(dom, 0, html.size());
  CHECK(outline(dom, html) ==
        "html[2,77)\n  \" \"\n  head[9,32)\n    \" \"\n    title[16,32)\n      \"t\"\n"
        "  p*[32,56)\n    \" x \"\n    meta[35,48) name=a\n    \" \"\n"
        "  body[56,70)\n    \"y\"\n\"\n\"\n");
  std::string fragment = "前言<p>正文</p>\n尾声&amp;<br>完";
  Dom f = parse(fragment);
  check_contract(f, 0, fragment.size());
  CHECK(outline(f, fragment) ==
        "p*[0,6)\n  \"前言\"\np[6,19)\n  \"正文\"\np*[19,38)\n  \"\n尾声\"\n  {&}\n  br[31,35)\n  \"完\"\n");
}

TEST_CASE("comments, doctype, processing instructions, CDATA and stray '<'") {
  std::string html =
      "<!DOCTYPE html>\n<!-- a -->\n<?xml x?><p>1 < 2 <中> <!x> </ p> <![CDATA[ c>d ]]>e<!-- b --></p>";
  Dom dom = parse(html);
  check_contract(dom, 0, html.size());
  REQUIRE(dom.comments.size() == 2);
  CHECK(dom.comments[0].begin == 16);
  CHECK(dom.comments[0].end == 26);
  CHECK(html.substr(dom.comments[1].begin, dom.comments[1].size()) == "<!-- b -->");
  CHECK(all_text(dom, html) == "1 < 2 <中> <!x>  p> e");
}

TEST_CASE("truncated and unterminated input never crashes nor loses the text before it") {
  for (std::string html : {"<p>a<", "<p>a</", "<p>a</p", "<p>a<img src=\"x", "<p>a<b c", "<p>a<!--",
                           "<p>a<!-- b", "<p>a<!DOCTYPE", "<p>a<?x", "<p>a<![CDATA[", "<p>a&", "<p>a&#",
                           "<p>a&#x", "<p>a&amp", "<script>a", "<title>a", "<p>a<script", "&", "<", ""}) {
    CAPTURE(html);
    Dom dom = parse(html);
    check_contract(dom, 0, html.size());
    if (html.rfind("<p>a", 0) == 0) CHECK(all_text(dom, html).rfind("a", 0) == 0);
  }
  std::string html = "<p>a<img src=\"x";
  Dom dom = parse(html);
  REQUIRE(dom.nodes.size() == 4);
  CHECK(dom.nodes[3].tag == "img");
  CHECK(dom.nodes[3].source.end == html.size());
}

TEST_CASE("spans are offsets of the whole text: base is added") {
  std::string html = "<p>a&amp;</p><!--c-->";
  Dom dom = tifa::input::parse_html(html, 1000);
  check_contract(dom, 1000, html.size());
  CHECK(dom.nodes[1].source.begin == 1000);
  CHECK(dom.nodes[1].source.end == 1013);
  CHECK(dom.nodes[3].source.begin == 1004);
  CHECK(dom.comments[0].begin == 1013);
  CHECK(dom.texts.size() == 2);
}

TEST_CASE("100,000 nested elements and many stray end tags: no recursion, linear time") {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div><span>";
  html += "deep";
  for (int i = 0; i < 100000; ++i) html += "</td></p>";
  for (int i = 0; i < 100000; ++i) html += "</span></div>";
  Dom dom = parse(html);
  REQUIRE(dom.nodes.size() == 200002);
  CHECK(dom.nodes.back().is_text);
  CHECK(dom.nodes[1].source.end == html.size());
  CHECK(dom.nodes[2].parent == 1);
}

// ---- equivalence with libxml2 ----

TEST_CASE("libxml2's quirks that the reader sees are kept") {
  // Each snippet gives the same text runs (with their element paths) and the same elements.
  for (std::string html : {
           "<p><strong>抓项目求突破</p>\n <p></strong>抓项目就是抓发展。</p>",  // seed 002
           "<ul><li>a<ol><li>b</ol>c</ul>",        // <ol> closes an open <ul> (and <ul> an <ol>)
           "<h1>a<h2>b</h2></h1>",                 // headings nest
           "<b>a<p>b</p>c</b>",                    // <p> closes <b>, <i>, <u>, <s>, <big>, ...
           "<strong>a<p>b</p>c</strong>",          // but not <strong> or <span>
           "<table><tr><td>a<div>b</td>c</tr></table>",  // </td> closes the <div> in it
           "<div><table><tr><td>a</div>b</td></tr></table></div>",  // </div> cannot close a <td>
           "<p>a<div>b</p>c</div>",                // </p> cannot close a <div>
           "<div/>a<p/>b<span/>c",                 // "/>" closes any element
           "<html><head><title>t</title>x<meta name=a></head><body>y</body></html>",
           "<head><title>t</title></head><p>x</p>",   // a <head> outside <html> is dropped
           "<div><body>a</body>b<body>c</body></div>",  // a second <body> is dropped
           "a<b>b</b><div>c</div>d &amp; e<br>f",   // text at the top level gets an implied <p>
           "<p>a</p>\n<!DOCTYPE html></p>b",      // after a misplaced DOCTYPE "</" is text
           "<div><script></div>x</script>y</div>",  // an end tag first in a script is a tag
           "<div><style><body>a</style>b</div>",   // <body> first in a style closes it
           "<p>x<script>a<b>c</p></SCRIPT >d",     // raw text up to "</script", any case
           "<p>a < b <中> </ c> <1></p>",           // '<' that starts no tag is text
           "<a href=\"x\" title=\"<b>\">l</a>",   // '<' in an attribute value
           "<img src=a alt><img alt=\"\" src=b><input value=x>",
           "<p class=\"a\" class=\"b\" ID=c>x</P>",  // the first of duplicates; case
       }) {
    CAPTURE(html);
    Span body{0, html.size()};
    Dom own = tifa::input::parse_html_dom(html, body, html);
    Dom xml = tifa::input::parse_html_dom_libxml2(html, body, html);
    int fixes = 0;
    CHECK(first_difference(runs_of(own, html), runs_of(xml, html)) == "");
    CHECK(compare_elements(own, xml, html, fixes) == "");
  }
}

TEST_CASE("the own parser gives libxml2's tree on every seed and corpus page") {
  std::vector<std::filesystem::path> files = equivalence_files();
  if (files.empty()) {
    MESSAGE("no seeds or corpus found; skipped");
    return;
  }
  int compared = 0, span_fixes = 0;
  for (const auto& path : files) {
    Body body;
    if (!html_body(path, body)) continue;
    CAPTURE(body.name);
    ++compared;
    Dom own = tifa::input::parse_html_dom(body.text, body.body, body.input);
    Dom xml = tifa::input::parse_html_dom_libxml2(body.text, body.body, body.input);
    check_contract(own, body.body.begin, body.body.size());
    std::string pieces = first_difference(pieces_of(own, body.text), pieces_of(xml, body.text));
    std::string elements = compare_elements(own, xml, body.text, span_fixes);
    std::string comments = first_difference(comments_of(own), comments_of(xml));
    CHECK_MESSAGE(pieces.empty(), "text pieces differ " << pieces);
    CHECK_MESSAGE(elements.empty(), "elements differ " << elements);
    CHECK_MESSAGE(comments.empty(), "comments differ " << comments);
  }
  MESSAGE(compared << " HTML bodies compared; " << span_fixes
                   << " element spans where the libxml2 builder was off");
  CHECK(compared > 0);
}

// Random tag soup over the tags libxml2's tables name, text, references, comments and stray
// markup, with none of the constructs where this parser differs on purpose.
TEST_CASE("the own parser gives libxml2's tree on random tag soup") {
  static constexpr std::string_view kTags[] = {
      "a", "b", "i", "u", "s", "tt", "big", "small", "strike", "strong", "em", "font", "span", "p",
      "div", "center", "blockquote", "pre", "xmp", "listing", "address", "ul", "ol", "li", "dl",
      "dt", "dd", "dir", "menu", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot",
      "tr", "td", "th", "form", "fieldset", "legend", "h1", "h2", "h3", "h6", "hr", "br", "img",
      "input", "meta", "link", "base", "param", "area", "html", "head", "body", "frameset",
      "script", "style", "noscript", "option", "optgroup", "select", "iframe", "map", "q", "sub",
      "section", "article", "o:p", "x-y", "nav"};
  static constexpr std::string_view kText[] = {
      "文字", "text", " ", "\n", "  \n ", "&amp;", "&lt;b&gt;", "&nbsp;", "&#20013;", "&#x4e2d;",
      "&#65", "&copy;", "& ", "&foo;", "&amp x", "a < b", "<中", "<1>", "</ x>", "<!-- c -->",
      "<!DOCTYPE html>", "<?pi x?>", "\xE3\x80\x80", "。"};
  // TIFA_HTML_PARSER_FUZZ=ROUNDS[,SEED] runs more (the default is 3000 rounds of seed 20240601).
  int rounds = 3000;
  unsigned seed = 20240601;
  if (const char* fuzz = std::getenv("TIFA_HTML_PARSER_FUZZ")) {
    rounds = std::atoi(fuzz);
    if (const char* comma = std::strchr(fuzz, ',')) seed = static_cast<unsigned>(std::atol(comma + 1));
  }
  std::mt19937 random(seed);
  auto pick = [&random](auto& list) -> std::string_view {
    return list[std::uniform_int_distribution<std::size_t>(0, std::size(list) - 1)(random)];
  };
  auto chance = [&random](int percent) { return std::uniform_int_distribution<int>(0, 99)(random) < percent; };
  int span_fixes = 0;
  for (int round = 0; round < rounds; ++round) {
    // Every other round is tidier: end tags only for tags opened before, no stray "</" nor
    // misplaced DOCTYPE. Element ends are compared there.
    bool tidy = round % 2 == 1;
    std::vector<std::string> opened;
    std::string html;
    int items = std::uniform_int_distribution<int>(1, 40)(random);
    for (int k = 0; k < items; ++k) {
      int what = std::uniform_int_distribution<int>(0, 9)(random);
      if (tidy && what >= 4 && what < 7) {
        if (!opened.empty()) html += "</" + std::string(pick(opened)) + ">";
        continue;
      }
      if (tidy && what >= 7) {
        std::string_view item = pick(kText);
        while (item == "</ x>" || item == "<!DOCTYPE html>") item = pick(kText);
        html += item;
        continue;
      }
      std::string_view name = pick(kTags);
      std::string tag(name);
      if (chance(10)) tag[0] = static_cast<char>(tag[0] - 'a' + 'A');
      if (what < 4) {
        html += "<" + tag;
        if (chance(30)) html += " class=\"c" + std::to_string(k) + "\"";
        if (chance(10)) html += " id=x" + std::to_string(k);
        if (chance(10)) html += " alt";
        if (chance(5)) html += " href='a&amp;b'";
        if (chance(5)) html += " b\"c\"=\"\"";
        // (A dropped "<body/>" ends the element on top, whose end the libxml2 builder guesses.)
        bool dropped = name == "html" || name == "head" || name == "body";
        html += !dropped && chance(8) ? "/>" : ">";
        opened.push_back(tag);
        // (Raw text right after <script> or <style> that starts with a tag closing them puts
        // libxml2 in a state where the rest of a page at the top level is raw text.)
        if (name == "script" || name == "style") html += chance(50) ? "x<y></p>" : "x";
      } else if (what < 7) {
        html += "</" + tag + (chance(10) ? " >" : ">");
      } else {
        html += pick(kText);
      }
    }
    CAPTURE(html);
    Span body{0, html.size()};
    Dom own = tifa::input::parse_html_dom(html, body, html);
    Dom xml = tifa::input::parse_html_dom_libxml2(html, body, html);
    check_contract(own, 0, html.size());
    std::string pieces = first_difference(runs_of(own, html), runs_of(xml, html));
    // Element ends are compared in the tidy rounds only: around end tags that close nothing the
    // builder's guesses from the read position go astray in too many ways.
    std::string elements = compare_elements(own, xml, html, span_fixes, tidy);
    std::string comments = first_difference(comments_of(own), comments_of(xml));
    REQUIRE_MESSAGE(pieces.empty(), "text pieces differ " << pieces << outline(own, html) << "--\n" << outline(xml, html));
    REQUIRE_MESSAGE(elements.empty(), "elements differ " << elements << outline(own, html) << "--\n" << outline(xml, html));
    REQUIRE_MESSAGE(comments.empty(), "comments differ " << comments);
  }
}

TEST_CASE("random bytes of markup never break the Dom's contract") {
  static constexpr std::string_view kAlphabet = "<<<>>//!!--??&&##;;\"\"''==  \n\tabpxAB01";
  static constexpr std::string_view kPieces[] = {"<p", "</p", "<script", "</script", "<style",
                                                 "<title", "</title", "<!--", "-->", "<!DOCTYPE",
                                                 "<![CDATA[", "]]>", "&amp;", "&#x", "文"};
  int rounds = 2000;
  if (const char* fuzz = std::getenv("TIFA_HTML_PARSER_FUZZ")) rounds = std::atoi(fuzz);
  std::mt19937 random(7);
  for (int round = 0; round < rounds; ++round) {
    std::string html;
    int length = std::uniform_int_distribution<int>(0, 80)(random);
    for (int k = 0; k < length; ++k) {
      if (std::uniform_int_distribution<int>(0, 4)(random) == 0) {
        html += kPieces[std::uniform_int_distribution<std::size_t>(0, std::size(kPieces) - 1)(random)];
      } else {
        html += kAlphabet[std::uniform_int_distribution<std::size_t>(0, kAlphabet.size() - 1)(random)];
      }
    }
    CAPTURE(html);
    Dom dom = tifa::input::parse_html(html, 3);
    check_contract(dom, 3, html.size());
    // Parsed in place (no copy, the reader's usual path), the tree is the same.
    Dom in_place = tifa::input::parse_html_in_place(html, 3);
    check_contract(in_place, 3, html.size());
    const std::string text = "   " + html;
    CHECK(outline(in_place, text) == outline(dom, text));
    CHECK(in_place.texts == dom.texts);
    CHECK(in_place.comments == dom.comments);
    // Given the comments the reader's pre-pass finds (each "<!--" past the last comment, to the
    // first "-->" after it, some inside attribute values or scripts where the parser reads no
    // comment), the parser reuses their ends and builds the same tree.
    std::vector<Span> known;
    for (std::size_t open = html.find("<!--"); open != std::string::npos; open = html.find("<!--", open)) {
      const std::size_t close = html.find("-->", open + 4);
      if (close == std::string::npos) break;
      known.push_back(Span{3 + open, 3 + close + 3});
      open = close + 3;
    }
    Dom with_known = tifa::input::parse_html_in_place(html, 3, static_cast<std::size_t>(-1), known);
    check_contract(with_known, 3, html.size());
    CHECK(outline(with_known, text) == outline(dom, text));
    CHECK(with_known.texts == dom.texts);
    CHECK(with_known.comments == dom.comments);
  }
}

// ---- the fast paths against plain ones ----

namespace {

std::uint32_t tag_by_search(std::string_view lower) {
  for (std::uint32_t id = 1; id < tifa::input::kKnownTags; ++id) {
    if (tifa::input::kTagNames[id] == lower) return id;
  }
  return tifa::input::kRootTag;
}

void check_tag_lookup(std::string_view lower) {
  CAPTURE(lower);
  const std::uint32_t expected = tag_by_search(lower);
  CHECK(tifa::input::known_tag(lower) == expected);
  if (!lower.empty() && lower.size() <= 8)
    CHECK(tifa::input::known_short_tag(tifa::input::tag_key(lower)) == expected);
}

}  // namespace

TEST_CASE("tag ids: the lookup by key agrees with a search of the names") {
  using tifa::input::kTagNames;
  for (std::uint32_t id = 1; id < tifa::input::kKnownTags; ++id) {
    const std::string name(kTagNames[id]);
    check_tag_lookup(name);
    for (std::size_t n = 1; n < name.size(); ++n) check_tag_lookup(name.substr(0, n));
    check_tag_lookup(name + "x");
    check_tag_lookup(name + "1");
  }
  // The first eight bytes of a longer name are no name of their own.
  check_tag_lookup("blockquo");
  check_tag_lookup("figcapti");
  check_tag_lookup("");
  check_tag_lookup("abcdefghijk");
  CHECK(tifa::input::dom_tag_id("blockquo") == tifa::input::kOtherTag);
  CHECK(tifa::input::dom_tag_id("blockquote") == tifa::input::t_blockquote);
}

TEST_CASE("tag ids in the Dom: case ignored, long and unlisted names") {
  Dom dom = parse("<BlockQuote>a</BLOCKQUOTE><blockquo>b</blockquo><Div class=X>c</div><my-tag>d</my-tag>");
  std::vector<std::pair<std::string, int>> seen;
  for (const DomNode& node : dom.nodes) {
    if (!node.is_text) seen.emplace_back(std::string(node.tag), node.tag_id);
  }
  using tifa::input::kOtherTag;
  const std::vector<std::pair<std::string, int>> expected = {
      {"#document", tifa::input::kRootTag}, {"blockquote", tifa::input::t_blockquote},
      {"blockquo", kOtherTag}, {"div", tifa::input::t_div}, {"my-tag", kOtherTag}};
  CHECK(seen == expected);
  CHECK(dom.nodes[5].attr("class") == "X");
}

TEST_CASE("attribute values are views that outlive the input and decode references") {
  std::string html = "<img src=\"a&amp;b\" alt='x' class=c><p id=\"q\">t</p>";
  Dom dom = parse(html);
  html.assign(html.size(), '#');  // the Dom keeps its own copy
  Dom moved = std::move(dom);
  REQUIRE(moved.nodes.size() >= 4);
  CHECK(moved.nodes[1].attr("src") == "a&b");
  CHECK(moved.nodes[1].attr("alt") == "x");
  CHECK(moved.nodes[1].attr("class") == "c");
  CHECK(moved.nodes[2].attr("id") == "q");
}

TEST_CASE("find_within agrees with string_view::find") {
  std::mt19937 random(11);
  const std::string_view kBytes = "<!-->PAGE_DIV";
  const std::string_view kNeedles[] = {"<!--", "-->", "<P", "<PAGE_DIV>", "--"};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    // Past 64 bytes: the 32-byte steps, the 16-byte steps and the byte-by-byte tail all run.
    const int length = std::uniform_int_distribution<int>(0, 160)(random);
    for (int k = 0; k < length; ++k)
      text += kBytes[std::uniform_int_distribution<std::size_t>(0, kBytes.size() - 1)(random)];
    const std::size_t end = std::uniform_int_distribution<std::size_t>(0, text.size())(random);
    const std::size_t from = std::uniform_int_distribution<std::size_t>(0, end)(random);
    for (std::string_view needle : kNeedles) {
      CAPTURE(text);
      CAPTURE(from);
      CAPTURE(end);
      CAPTURE(needle);
      CHECK(tifa::input::find_within(text, from, end, needle) ==
            std::string_view(text).substr(0, end).find(needle, from));
    }
  }
}

// Up to `max_pieces` pieces drawn from `pieces`: one draw in `one_in` from the first `hits` (the
// bytes a scan looks for), the others from the rest (filler).
template <std::size_t N>
std::string sparse_text(std::mt19937& random, const std::string_view (&pieces)[N], std::size_t hits, int max_pieces,
                        std::size_t one_in) {
  std::string text;
  const int length = std::uniform_int_distribution<int>(0, max_pieces)(random);
  for (int k = 0; k < length; ++k) {
    const std::size_t pick = std::uniform_int_distribution<std::size_t>(0, one_in - 1)(random) == 0
                                 ? std::uniform_int_distribution<std::size_t>(0, hits - 1)(random)
                                 : std::uniform_int_distribution<std::size_t>(hits, N - 1)(random);
    text += pieces[pick];
  }
  return text;
}

TEST_CASE("find_either_pair agrees with a byte-by-byte search") {
  std::mt19937 random(17);
  // Sparse hits (mostly filler), so that whole 16- and 32-byte blocks without one occur.
  const std::string_view kBytes[] = {"<", "!", "P", "-", "x", "xxxxxxxxxxxxxxxx", "\xE4\xB8\xAD", "\n"};
  for (int round = 0; round < 4000; ++round) {
    const std::string text = sparse_text(random, kBytes, 4, 60, 3);
    const std::size_t end = std::uniform_int_distribution<std::size_t>(0, text.size() + 2)(random);
    const std::size_t from = std::uniform_int_distribution<std::size_t>(0, end)(random);
    const char second = round % 3 == 0 ? '!' : 'P';
    std::size_t expected = std::string_view::npos;
    for (std::size_t p = from; p + 1 < std::min(end, text.size()); ++p) {
      if (text[p] == '<' && (text[p + 1] == '!' || text[p + 1] == second)) {
        expected = p;
        break;
      }
    }
    CAPTURE(text);
    CAPTURE(from);
    CAPTURE(end);
    CHECK(tifa::input::find_either_pair(text, from, end, '<', '!', second) == expected);
    CHECK(tifa::input::find_either_pair(text, from, end, '<', '!', second, /*allow_avx2=*/false) == expected);
  }
}

TEST_CASE("find_either_pair finds one pair at every place of a long filler") {
  // A single "<!" at each place of 200 bytes, from 0 and from just before it, so that it falls
  // in either half of the 64-byte steps, across their edges and in the 32- and 16-byte tails;
  // an `end` that cuts the pair finds nothing.
  for (std::size_t at = 0; at + 1 < 200; ++at) {
    std::string text(200, 'x');
    text[at] = '<';
    text[at + 1] = '!';
    CAPTURE(at);
    for (const std::size_t from : {std::size_t{0}, at}) {
      for (const bool avx2 : {true, false}) {
        CHECK(tifa::input::find_either_pair(text, from, text.size(), '<', '!', 'P', avx2) == at);
        CHECK(tifa::input::find_either_pair(text, from, at + 2, '<', '!', 'P', avx2) == at);
        CHECK(tifa::input::find_either_pair(text, from, at + 1, '<', '!', 'P', avx2) == std::string_view::npos);
      }
    }
  }
}

// The island scan byte by byte: where next_island_hint must stop, and the line it stops in.
bool reference_island_hint(std::string_view text, std::size_t end, tifa::input::IslandHint& hint) {
  for (std::size_t i = hint.at; i < end; ++i) {
    const char a = text[i], b = i + 1 < end ? text[i + 1] : '\0';
    if (a == '\n') hint.line_begin = i + 1;
    if (a == '#' || (a == ']' && b == '(') || (a == '<' && b == '>') || (a == ':' && b == '/')) {
      hint.at = i;
      return true;
    }
  }
  return false;
}

TEST_CASE("next_island_hint agrees with a byte-by-byte scan") {
  std::mt19937 random(19);
  const std::string_view kBytes[] = {"#", "]", "(", "<", ">", ":", "/", "\n", "a", "<p class=x>",
                                     "xxxxxxxxxxxxxxxx", "\xE6\x94\xBF\xE7\xAD\x96", "\n\n"};
  for (int round = 0; round < 4000; ++round) {
    // Mostly filler: long stretches without a hint take the 32-byte steps.
    const std::string text = sparse_text(random, kBytes, 8, 40, 4);
    const std::size_t end = std::uniform_int_distribution<std::size_t>(0, text.size())(random);
    const std::size_t begin = std::uniform_int_distribution<std::size_t>(0, end)(random);
    CAPTURE(text);
    CAPTURE(begin);
    CAPTURE(end);
    for (const bool allow_avx2 : {true, false}) {
      CAPTURE(allow_avx2);
      tifa::input::IslandHint fast{begin, begin}, slow{begin, begin};
      while (true) {
        const bool found = tifa::input::next_island_hint(text, end, fast, allow_avx2);
        REQUIRE(found == reference_island_hint(text, end, slow));
        if (!found) break;
        REQUIRE(fast.at == slow.at);
        REQUIRE(fast.line_begin == slow.line_begin);
        fast.at = slow.at = fast.at + 1;
      }
    }
  }
}

TEST_CASE("the island scan visits every line that may hold an island") {
  std::mt19937 random(13);
  const std::string_view kBytes[] = {"#", "]", "(", "<", ">", ":", "/", "\n", " ", "\t", "\r",
                                     "a", "\xE3\x80\x80", "://", "](", "<>", "# "};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int length = std::uniform_int_distribution<int>(0, 90)(random);
    for (int k = 0; k < length; ++k)
      text += kBytes[std::uniform_int_distribution<std::size_t>(0, std::size(kBytes) - 1)(random)];
    const std::size_t end = std::uniform_int_distribution<std::size_t>(0, text.size())(random);
    const std::size_t begin = std::uniform_int_distribution<std::size_t>(0, end)(random);
    const Span body{begin, end};
    std::vector<Span> all, visited;
    tifa::input::for_each_line(text, body, [&](Span line) { all.push_back(line); });
    // As find_islands walks the body.
    for (tifa::input::IslandHint hint{body.begin, body.begin}; tifa::input::next_island_hint(text, body.end, hint);) {
      const std::size_t nl = text.find('\n', hint.at);
      const Span line{hint.line_begin, std::min(nl, body.end)};
      visited.push_back(line);
      hint.at = hint.line_begin = line.end + 1;
    }
    CAPTURE(text);
    CAPTURE(begin);
    CAPTURE(end);
    for (Span line : visited) CHECK(std::find(all.begin(), all.end(), line) != all.end());
    for (Span line : all) {
      if (tifa::input::may_hold_island(text, line))
        CHECK(std::find(visited.begin(), visited.end(), line) != visited.end());
    }
  }
}

// find_islands reads again only the lines may_hold_island (or its form at a hint) accepts: a line
// it turns away must hold nothing the island readers take, no autolink ("<>" included), no link,
// no "#" line. Lines of long filler too, so that the 16-byte steps meet every pattern.
TEST_CASE("a line may_hold_island turns away holds no island") {
  std::mt19937 random(23);
  const std::string_view kBytes[] = {"<", ">", "://", ":/", "](", "[", "]", "(", ")", "http", "a+b.c-d", "\"",
                                     "#", "<>", " ", "\t", "\xE3\x80\x80", "src=\"", "<a href=\"", "<http://a>",
                                     "<x-y.z://b>", "[t](u)", "\xC2\xA0", "&#1;", "\r", "xxxxxxxxxxxxxxxx",
                                     "\xE6\x94\xBF\xE7\xAD\x96", "x"};
  for (int round = 0; round < 20000; ++round) {
    // Long lines full of patterns, and short ones with few, where a single hint decides.
    const std::string text = round % 2 == 0 ? sparse_text(random, kBytes, 26, 40, 2) : sparse_text(random, kBytes, 26, 6, 1);
    const std::size_t end = std::uniform_int_distribution<std::size_t>(0, text.size())(random);
    const std::size_t begin = std::uniform_int_distribution<std::size_t>(0, end)(random);
    const Span line{begin, end};
    if (tifa::input::may_hold_island(text, line)) continue;
    CAPTURE(text);
    CAPTURE(begin);
    CAPTURE(end);
    const std::string_view in_line = std::string_view(text).substr(0, end);
    for (std::size_t pos = begin; pos < end; ++pos) {
      CHECK_FALSE(tifa::input::match_autolink(in_line, pos).has_value());
      CHECK_FALSE(tifa::input::match_link(in_line, pos).has_value());
    }
    const Span trimmed = tifa::input::trim_line(text, line);
    CHECK((trimmed.size() == 0 || text[trimmed.begin] != '#'));
  }
}

// The end of a text run is found by a first 16-byte step, then (with AVX2) 64 and 32 bytes a step,
// then 16 and byte by byte near the end of the input: a '<' or '&' at every offset of runs of
// every length up to past two 64-byte steps, with the input ending at every distance after it.
TEST_CASE("text runs end at the first '<' or '&' whatever their length") {
  for (std::size_t length = 0; length <= 200; ++length) {
    for (const std::string_view stop : {"<i>", "&amp;", "</i>"}) {
      for (std::size_t after = 0; after <= 40; after += 13) {
        const std::string html = "<div>" + std::string(length, 'x') + std::string(stop) + std::string(after, 'y');
        CAPTURE(html);
        const Dom dom = parse(html);
        if (length > 0) {
          REQUIRE(!dom.texts.empty());
          CHECK(dom.texts[0].begin == 5);
          CHECK(dom.texts[0].end == 5 + length);
        }
        // The 'y's after the stop are a run of their own, the last.
        if (after > 0) {
          REQUIRE(!dom.texts.empty());
          CHECK(dom.texts.back().begin == html.size() - after);
          CHECK(dom.texts.back().end == html.size());
        }
      }
    }
  }
}

TEST_CASE("may_hold_island: a '#' line after any leading whitespace, an autolink, not a URL in a value") {
  const auto holds = [](std::string_view line) { return tifa::input::may_hold_island(line, Span{0, line.size()}); };
  for (std::string_view line : {"# a", "  # a", "\t# a", "\xE3\x80\x80# a", "\xC2\xA0# a", "\r\f\v# a",
                                "x <http://a.b> y", "<>", "x [a](b)", "<img src=\"x\"> <https://a>"})
    CHECK_MESSAGE(holds(line), line);
  for (std::string_view line : {"&#1; x", "color:#333", "x # a", "<img src=\"https://a\">", "a href=http://b",
                                "<p>://x</p>", "\xE6\x94\xBF# a"})
    CHECK_MESSAGE(!holds(line), line);
}

TEST_CASE("the class, id and cms-style a node keeps are the ones attr() finds, with either builder") {
  const std::string html =
      "<div CLASS=\"a b\" id=x class=\"second\"><p cms-style=\"strong-Bold\" ID='p1'>t</p>"
      "<span style=\"s\" width=3 class=\"\">u</span><img src=a.png alt=\"\" id=\"i\" cms-style=\"c\">"
      "<a href=\"h\">v</a><br/><font class=f&amp;g>w</font></div>";
  const tifa::Span body{0, html.size()};
  for (const bool libxml2 : {false, true}) {
    CAPTURE(libxml2);
    Dom dom = libxml2 ? tifa::input::parse_html_dom_libxml2(html, body, html)
                      : tifa::input::parse_html_dom(html, body, html);
    int with_attributes = 0;
    for (const tifa::input::DomNode& node : dom.nodes) {
      CAPTURE(node.tag);
      CHECK(node.css_class() == node.attr("class"));
      CHECK(node.id() == node.attr("id"));
      CHECK(node.cms_style() == node.attr("cms-style"));
      with_attributes += node.attrs.empty() ? 0 : 1;
    }
    CHECK(with_attributes == 6);
  }
}

// sort_removed sorts (start, place) pairs and moves each record once: it must give the order that
// std::sort on the records gives, also where records share a start (std::sort is not stable),
// in the small case and past the pairs' room on the stack.
TEST_CASE("sort_removed gives std::sort's order, ties included") {
  std::mt19937 random(7);
  for (std::size_t n : {0u, 1u, 2u, 5u, 16u, 17u, 40u, 128u, 129u, 300u}) {
    for (std::size_t spread : {3u, 50u, 100000u}) {
      std::vector<tifa::RawRemoved> records;
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t begin = random() % spread;
        // A long rule too, so that a record's string is not always in its own small buffer.
        records.push_back(tifa::RawRemoved{(i % 3 == 0 ? "rule-long-enough-to-allocate-" : "B") + std::to_string(i),
                                           tifa::Span{begin, begin + i}});
      }
      std::vector<tifa::RawRemoved> expected = records;
      std::sort(expected.begin(), expected.end(), [](const tifa::RawRemoved& a, const tifa::RawRemoved& b) {
        return a.source.begin < b.source.begin;
      });
      tifa::input::sort_removed(records);
      REQUIRE(records.size() == expected.size());
      for (std::size_t i = 0; i < n; ++i) {
        CAPTURE(n);
        CAPTURE(spread);
        CAPTURE(i);
        CHECK(records[i].rule == expected[i].rule);
        CHECK(records[i].source == expected[i].source);
      }
    }
  }
}

// Each element views its attributes in Dom::attributes from its start tag on; the array is
// reserved for one kept attribute a '<', and when more come it grows: the views made before
// must follow it to the new array.
TEST_CASE("attributes past the reserved room: earlier elements' views follow the array as it grows") {
  constexpr int kImages = 40;
  constexpr std::size_t kKept = 11;
  std::string html;
  for (int i = 0; i < kImages; ++i) {
    const std::string n = std::to_string(i);
    html += "<img id=i" + n + " class=c" + n + " src=s" + n + " alt=a" + n + " name=n" + n + " href=h" + n +
            " width=" + n + " height=" + n + " style=y" + n + " content=t" + n + " rel=r" + n + ">";
  }
  Dom dom = parse(html);
  check_contract(dom, 0, html.size());
  CHECK(dom.attributes.size() == kImages * kKept);  // several times the room reserved at first
  int images = 0;
  for (const DomNode& node : dom.nodes) {
    if (node.tag != "img") continue;
    const std::string n = std::to_string(images++);
    CAPTURE(n);
    REQUIRE(node.attrs.size() == kKept);
    CHECK(node.attrs.data() >= dom.attributes.data());
    CHECK(node.attrs.data() + kKept <= dom.attributes.data() + dom.attributes.size());
    CHECK(node.id() == "i" + n);
    CHECK(node.css_class() == "c" + n);
    CHECK(node.attr("src") == "s" + n);
    CHECK(node.attr("width") == n);
    CHECK(node.attr("rel") == "r" + n);
  }
  CHECK(images == kImages);
}

// Attribute names are lowered as they are read, as far as a kept name can run (10 bytes): a
// longer name that starts like a kept one is not kept, nor one of a kept name's first bytes.
TEST_CASE("attributes: kept names at the length limit, longer and shorter look-alikes") {
  const std::string html =
      "<meta HTTP-EQUIV=\"a\" http-equivX=\"b\" http-equivalent=c Cms-Style=d cms-styl=e I=f ID=g>";
  Dom dom = parse(html);
  check_contract(dom, 0, html.size());
  REQUIRE(dom.nodes.size() == 2);
  const DomNode& meta = dom.nodes[1];
  CHECK(meta.attrs.size() == 3);
  CHECK(meta.attr("http-equiv") == "a");
  CHECK(meta.attr("cms-style") == "d");
  CHECK(meta.id() == "g");
}
