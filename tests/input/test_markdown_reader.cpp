// Markdown (R10, B11) and plain-text (R11) readers.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "input/markdown_inline.hpp"
#include "tifa/reader.hpp"

namespace {

tifa::RawDocument read_as(const std::string& text, tifa::Format format) {
  tifa::Input input;
  input.format = format;
  return tifa::read(text, input, tifa::Options{});
}

std::vector<std::string> texts(const tifa::RawDocument& doc) {
  std::vector<std::string> out;
  for (const auto& block : doc.blocks) out.push_back(tifa::block_text(doc, block));
  return out;
}

}  // namespace

TEST_CASE("R10: blank lines separate paragraphs; '# ' is the title line, '##' a heading") {
  auto doc = read_as("# 标题\n\n## 小标题\n\n第一段第一行\n第一段第二行\n\n第二段。\n", tifa::Format::kMarkdown);
  REQUIRE(doc.blocks.size() == 4);
  CHECK(doc.blocks[0].kind == tifa::RawKind::kTitleLine);
  CHECK(doc.blocks[1].kind == tifa::RawKind::kHeading);
  CHECK(texts(doc) == std::vector<std::string>{"标题", "小标题", "第一段第一行\n第一段第二行", "第二段。"});
}

TEST_CASE("R10: link syntax is markup, the link text stays") {
  auto doc = read_as("见[通知全文](http://a.cn/x)和<http://b.cn/y>。\n", tifa::Format::kMarkdown);
  CHECK(texts(doc) == std::vector<std::string>{"见通知全文和http://b.cn/y。"});
}

TEST_CASE("B11: page markers are dropped with their spaces and count pages; PDF layout") {
  std::string text = "# 标题\n\n第一页。<PAGE_DIV> \n\n第二页，<PAGE_DIV> \n\n续。\n";
  auto doc = read_as(text, tifa::Format::kMarkdown);
  CHECK(doc.pdf_layout);
  CHECK(texts(doc) == std::vector<std::string>{"标题", "第一页。", "第二页，", "续。"});
  CHECK(doc.blocks[1].page == 1);
  CHECK(doc.blocks[2].page == 2);
  CHECK(doc.blocks[2].after_page_marker);
  CHECK(doc.blocks[3].page == 3);
  REQUIRE(doc.removed.size() == 2);
  CHECK(text.substr(doc.removed[0].source.begin, doc.removed[0].source.size()) == "<PAGE_DIV> ");
}

TEST_CASE("PDF layout: a '# ' title followed by a 发布时间 line, without markers") {
  auto doc = read_as("# 标题\n\n功能\n\n发布时间：2023 年 7 月 17 日\n\n正文。\n", tifa::Format::kMarkdown);
  CHECK(doc.pdf_layout);
  auto plain = read_as("# 标题\n\n正文。\n", tifa::Format::kMarkdown);
  CHECK_FALSE(plain.pdf_layout);
}

TEST_CASE("R11: every non-blank line of plain text is a block") {
  auto doc = read_as("标题\n\n第一段。\n第二段。\n", tifa::Format::kText);
  CHECK(texts(doc) == std::vector<std::string>{"标题", "第一段。", "第二段。"});
}

TEST_CASE("R11: two or more U+3000 in mid-line split a lost paragraph break") {
  auto doc = read_as("这是一个破除坚冰的年代——　　１９４９年新中国诞生。\n", tifa::Format::kText);
  REQUIRE(doc.blocks.size() == 2);
  CHECK((doc.blocks[1].flags & tifa::kIndentSplit) != 0);
  CHECK(tifa::block_text(doc, doc.blocks[0]) == "这是一个破除坚冰的年代——");
}

TEST_CASE("R11: a long line ending in H or '，' is joined with the next (line_join)") {
  std::string long_line(20, 'x');
  long_line.clear();
  for (int i = 0; i < 30; ++i) long_line += "国企";  // 60 code points
  auto doc = read_as(long_line + "不同\n程度地存在着问题。\n短行\n下一行。\n", tifa::Format::kText);
  REQUIRE(doc.blocks.size() == 3);
  CHECK((doc.blocks[0].flags & tifa::kLineJoin) != 0);
  CHECK(tifa::block_text(doc, doc.blocks[0]) == long_line + "不同\n程度地存在着问题。");
}

// ---- find_markers (lib/input/markdown_inline.hpp): the B11 page-marker search ----

namespace {

// Non-overlapping occurrences left to right, the plain way.
std::vector<std::size_t> naive_markers(std::string_view text, tifa::Span range, std::string_view marker) {
  std::vector<std::size_t> out;
  if (marker.empty()) return out;
  for (std::size_t pos = range.begin; pos + marker.size() <= range.end;) {
    if (text.compare(pos, marker.size(), marker) == 0) {
      out.push_back(pos);
      pos += marker.size();
    } else {
      ++pos;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("find_markers: every non-overlapping marker in the range, at every offset and length") {
  std::uint32_t state = 7;
  auto next = [&state](std::uint32_t bound) {
    state = state * 1103515245u + 12345u;
    return (state >> 8) % bound;
  };
  const std::vector<std::string> markers = {"<PAGE_DIV>", "<P", "##", "x", "【PAGE】"};
  const std::vector<std::string> pieces = {"<p>", "<", "P", "<PAGE_DIV>", "<PAGE_", "国", "##", "#", "x", "【PAGE】", " "};
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const std::uint32_t count = next(30);
    for (std::uint32_t i = 0; i < count; ++i) text += pieces[next(static_cast<std::uint32_t>(pieces.size()))];
    const std::string& marker = markers[next(static_cast<std::uint32_t>(markers.size()))];
    const std::size_t begin = text.empty() ? 0 : next(static_cast<std::uint32_t>(text.size()));
    const std::size_t end = begin + next(static_cast<std::uint32_t>(text.size() - begin + 1));
    CAPTURE(text);
    CAPTURE(marker);
    CHECK(tifa::input::find_markers(text, {begin, end}, marker) == naive_markers(text, {begin, end}, marker));
  }
  CHECK(tifa::input::find_markers("<PAGE_DIV><PAGE_DIV>", {0, 20}, "<PAGE_DIV>") == std::vector<std::size_t>{0, 10});
  CHECK(tifa::input::find_markers("aaaa", {0, 4}, "aa") == std::vector<std::size_t>{0, 2});
}

TEST_CASE("R10: links and autolinks are found at every offset of a long paragraph") {
  // The paragraph is searched for '[' and '<' 16 bytes at a time: put a link, an autolink and a
  // bracket that opens no link at every offset, before and after block boundaries and at the end.
  const std::string filler = "政策文件abcdefghij全文如下所述";
  for (std::size_t at = 0; at <= filler.size(); ++at) {
    if (at < filler.size() && (static_cast<unsigned char>(filler[at]) & 0xC0) == 0x80) continue;
    const std::string before = filler.substr(0, at), after = filler.substr(at);
    CAPTURE(at);
    auto link = read_as("起" + before + "[通知](http://a.cn/x)" + after + "\n", tifa::Format::kMarkdown);
    CHECK(texts(link) == std::vector<std::string>{"起" + before + "通知" + after});
    auto autolink = read_as("起" + before + "<http://b.cn/y>" + after + "\n", tifa::Format::kMarkdown);
    CHECK(texts(autolink) == std::vector<std::string>{"起" + before + "http://b.cn/y" + after});
    auto neither = read_as("起" + before + "[a] <b" + after + "\n", tifa::Format::kMarkdown);
    CHECK(texts(neither) == std::vector<std::string>{"起" + before + "[a] <b" + after});
  }
}

TEST_CASE("R10: a paragraph that is only markup (empty link text, \"<>\") makes no block") {
  // The paragraph's block is made in place and dropped again: the blocks around it stay as they
  // are, and the next block still follows the page marker before the dropped one.
  auto doc = read_as("第一段。<PAGE_DIV>\n\n[](http://a.cn/x)<> \n\n第二段。\n", tifa::Format::kMarkdown);
  CHECK(texts(doc) == std::vector<std::string>{"第一段。", "第二段。"});
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[1].after_page_marker);
  CHECK(doc.blocks[1].tag == "#markdown");
}
