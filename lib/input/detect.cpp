#include "input/detect.hpp"

#include <array>

#include "input/markdown_inline.hpp"
#include "input/text_scan.hpp"

namespace tifa::input {

namespace {

// Tags that make a first line an HTML fragment (F3).
constexpr std::array<std::string_view, 33> kFragmentTags = {
    "p",  "div", "span",    "font",  "strong", "b",     "i",  "u",      "em",  "table", "h1",
    "h2", "h3",  "h4",      "h5",    "h6",     "img",   "br", "section", "article", "ul",  "ol",
    "center", "blockquote", "figure", "a",     "li",    "tr", "td",     "pre", "small", "sup",
    "header"};

bool is_line_blank(std::string_view text, Span line) { return is_blank(text, line.begin, line.end); }

// Is `line` a front-matter delimiter: "---" (or "..." when closing) with trailing spaces only?
bool is_delimiter(std::string_view text, Span line, bool closing) {
  // Nearly every line asked about is a front-matter entry: told by its first byte.
  if (line.begin >= line.end || (text[line.begin] != '-' && (!closing || text[line.begin] != '.')))
    return false;
  std::string_view s = text.substr(line.begin, line.end - line.begin);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s == "---" || (closing && s == "...");
}

// Does the line start with '<' followed by a known tag name and a delimiter?
bool starts_with_fragment_tag(std::string_view line) {
  if (line.size() < 2 || line[0] != '<') return false;
  std::size_t i = 1;
  while (i < line.size() && ((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z') ||
                             (line[i] >= '0' && line[i] <= '9')))
    ++i;
  if (i == 1 || (i < line.size() && line[i] != '>' && line[i] != ' ' && line[i] != '/' &&
                 line[i] != '\t'))
    return false;
  std::string name(line.substr(1, i - 1));
  for (char& c : name) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (std::string_view tag : kFragmentTags) {
    if (name == tag) return true;
  }
  return false;
}

bool is_html_page(std::string_view text, Span body) {
  std::size_t pos = body.begin;
  while (pos < body.end) {
    std::size_t n = whitespace_length_at(text, pos, body.end);
    if (n == 0) break;
    pos += n;
  }
  std::string_view rest = text.substr(pos, body.end - pos);
  if (starts_with_nocase(rest, "<!doctype") || starts_with_nocase(rest, "<html")) return true;
  // "<head" before any text: walk over leading tags and whitespace only, so that a body without
  // a head is turned away at its first text instead of searched to the end.
  std::size_t i = 0;
  while (i < rest.size()) {
    if (rest[i] == '<') {
      if (rest.compare(i, 5, "<head") == 0 || rest.compare(i, 5, "<HEAD") == 0) return true;
      std::size_t close = rest.find('>', i + 1);
      if (close == std::string_view::npos) return false;
      i = close + 1;
      continue;
    }
    std::size_t n = whitespace_length_at(rest, i, rest.size());
    if (n == 0) return false;
    i += n;
  }
  return false;
}

// F3: an autolink anywhere in the line ("详情请见<http://…>发布的…").
bool has_autolink(std::string_view text, Span line) {
  std::string_view hay = text.substr(0, line.end);
  for (std::size_t pos = hay.find('<', line.begin); pos != std::string_view::npos; pos = hay.find('<', pos + 1)) {
    if (auto autolink = match_autolink(hay, pos); autolink && autolink->size() > 2) return true;
  }
  return false;
}

bool looks_like_markdown(std::string_view text, Span body, std::string_view page_marker) {
  bool markdown = false;
  for_each_line_while(text, body, [&](Span line) {
    std::string_view s = text.substr(line.begin, line.end - line.begin);
    if (s.substr(0, 2) == "# " || s.substr(0, 3) == "## ") markdown = true;
    else if (has_autolink(text, line)) markdown = true;
    else if (!find_links(text, line).empty()) markdown = true;
    else if (!page_marker.empty() && s.find(page_marker) != std::string_view::npos)
      markdown = true;
    return !markdown;
  });
  return markdown;
}

}  // namespace

BodyKind detect_body_kind(std::string_view text, Span body, std::string_view page_marker) {
  if (is_html_page(text, body)) return BodyKind::kHtmlPage;
  std::optional<Span> first;
  for_each_line_while(text, body, [&](Span line) {
    if (!is_line_blank(text, line)) first = trim_line(text, line);
    return !first;
  });
  if (first && starts_with_fragment_tag(text.substr(first->begin, first->end - first->begin)))
    return BodyKind::kHtmlFragment;
  if (looks_like_markdown(text, body, page_marker)) return BodyKind::kMarkdown;
  return BodyKind::kText;
}

Layout detect_layout(std::string_view text, Format hint, std::string_view page_marker) {
  Layout layout;
  layout.body = Span{0, text.size()};
  // F1: skip blank lines; F2: the first non-blank line is "---" and a later line closes it.
  std::optional<Span> open;
  std::optional<Span> close;
  bool searching_open = true;
  // Jekyll's "layout:" key, looked for in the front matter's lines on this walk: a walk of its
  // own found each line's end again.
  bool layout_key = false;
  for_each_line_while(text, Span{0, text.size()}, [&](Span line) {
    if (searching_open) {
      if (is_line_blank(text, line)) return true;
      searching_open = false;
      if (is_delimiter(text, line, false)) open = line;
      return open.has_value();
    }
    if (is_delimiter(text, line, true)) {
      close = line;
      return false;
    }
    if (text.substr(line.begin, 7) == "layout:") layout_key = true;
    return true;
  });
  if (open && close) {
    std::size_t after = close->end < text.size() ? close->end + 1 : close->end;
    layout.has_front_matter = true;
    layout.front_matter = Span{open->begin, after};
    layout.yaml = Span{std::min(open->end + 1, close->begin), close->begin};
    layout.body = Span{after, text.size()};
  } else if (open) {
    layout.front_matter_unclosed = true;
  }
  layout.body_kind = detect_body_kind(text, layout.body, page_marker);
  if (layout.has_front_matter) {
    layout.format = layout_key ? Format::kJekyll : Format::kHexo;
  } else {
    layout.format = layout.body_kind == BodyKind::kMarkdown ? Format::kMarkdown
                    : layout.body_kind == BodyKind::kText   ? Format::kText
                                                            : Format::kHtml;
  }
  if (hint == Format::kAuto) return layout;
  layout.format = hint;
  if (hint == Format::kHtml && layout.body_kind != BodyKind::kHtmlPage)
    layout.body_kind = BodyKind::kHtmlFragment;
  if (hint == Format::kMarkdown) layout.body_kind = BodyKind::kMarkdown;
  if (hint == Format::kText) layout.body_kind = BodyKind::kText;
  return layout;
}

}  // namespace tifa::input
