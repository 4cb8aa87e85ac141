#include "input/markdown_inline.hpp"

#include <algorithm>
#include <functional>

#include "input/text_scan.hpp"

namespace tifa::input {

namespace {

bool is_scheme_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '-' || c == '.';
}

// Separators allowed between the links of a navigation line.
std::size_t link_separator_length(std::string_view text, std::size_t pos) {
  if (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '|') return 1;
  if (text.substr(pos, 3) == "｜" || text.substr(pos, 3) == "丨" || text.substr(pos, 3) == "　")
    return 3;
  return 0;
}

}  // namespace

std::optional<Span> match_autolink(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || text[pos] != '<') return std::nullopt;
  if (pos + 1 < text.size() && text[pos + 1] == '>') return Span{pos, pos + 2};
  std::size_t i = pos + 1;
  while (i < text.size() && is_scheme_char(text[i])) ++i;
  if (i == pos + 1 || text.substr(i, 3) != "://") return std::nullopt;
  for (i += 3; i < text.size(); ++i) {
    char c = text[i];
    if (c == '>') return Span{pos, i + 1};
    if (c == '<' || c == ' ' || c == '\n' || c == '\t' || c == '"') return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Link> match_link(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || text[pos] != '[') return std::nullopt;
  std::size_t close = pos + 1;
  while (close < text.size() && text[close] != ']') {
    char c = text[close];
    if (c == '[' || c == '\n') return std::nullopt;
    ++close;
  }
  if (close + 1 >= text.size() || text[close + 1] != '(') return std::nullopt;
  std::size_t url_begin = close + 2;
  std::size_t end = url_begin;
  while (end < text.size() && text[end] != ')') {
    char c = text[end];
    if (c == ' ' || c == '\n' || c == '\t' || c == '(') return std::nullopt;
    ++end;
  }
  if (end >= text.size() || end == url_begin) return std::nullopt;
  return Link{Span{pos + 1, close}, Span{url_begin, end}, Span{pos, end + 1}};
}

std::vector<Link> find_links(std::string_view text, Span range) {
  std::vector<Link> links;
  std::size_t pos = range.begin;
  const std::string_view limited = text.substr(0, range.end);  // never search past the range
  while (pos < range.end) {
    std::size_t open = limited.find('[', pos);
    if (open == std::string_view::npos) break;
    auto link = match_link(text.substr(0, range.end), open);
    if (link) {
      links.push_back(*link);
      pos = link->whole.end;
    } else {
      pos = open + 1;
    }
  }
  return links;
}

bool is_link_line(std::string_view text, Span range, std::vector<Link>& links) {
  Span line = trim_line(text, range);
  links.clear();
  std::size_t pos = line.begin;
  while (pos < line.end) {
    if (std::size_t sep = link_separator_length(text, pos); sep > 0) {
      pos += sep;
      continue;
    }
    auto link = match_link(text.substr(0, line.end), pos);
    if (!link) return false;
    links.push_back(*link);
    pos = link->whole.end;
  }
  return !links.empty();
}

Span trim_line(std::string_view text, Span range) {
  Span out = range;
  while (out.begin < out.end) {
    std::size_t n = whitespace_length_at(text, out.begin, out.end);
    if (n == 0) break;
    out.begin += n;
  }
  while (out.begin < out.end) {
    std::size_t n = whitespace_length_before(text, out.begin, out.end);
    if (n == 0) break;
    out.end -= n;
  }
  return out;
}

std::vector<std::size_t> find_markers(std::string_view text, Span range, std::string_view marker) {
  std::vector<std::size_t> out;
  if (marker.empty() || range.size() < marker.size()) return out;
  // HTML is full of '<', the usual first byte of a marker: a skip-table search avoids a compare
  // at every tag.
  const std::boyer_moore_horspool_searcher searcher(marker.begin(), marker.end());
  auto begin = text.begin() + static_cast<std::ptrdiff_t>(range.begin);
  auto end = text.begin() + static_cast<std::ptrdiff_t>(range.end);
  for (auto it = std::search(begin, end, searcher); it != end;
       it = std::search(it + static_cast<std::ptrdiff_t>(marker.size()), end, searcher)) {
    out.push_back(static_cast<std::size_t>(it - text.begin()));
  }
  return out;
}

}  // namespace tifa::input
