// Format detection, spec/cleaning.md F1-F4.
#include <doctest/doctest.h>

#include "input/detect.hpp"

using tifa::Format;
using tifa::input::BodyKind;
using tifa::input::detect_layout;

namespace {
constexpr std::string_view kMarker = "<PAGE_DIV>";
}

TEST_CASE("F1 F2: front matter after blank lines without layout is hexo") {
  std::string text = "\n\n---\ntitle: 'a'\ndate: x\n---\n<p>正文</p>\n";
  auto layout = detect_layout(text, Format::kAuto, kMarker);
  CHECK(layout.format == Format::kHexo);
  CHECK(layout.has_front_matter);
  CHECK(text.substr(layout.yaml.begin, layout.yaml.size()) == "title: 'a'\ndate: x\n");
  CHECK(text.substr(layout.body.begin) == "<p>正文</p>\n");
  CHECK(layout.body_kind == BodyKind::kHtmlFragment);
}

TEST_CASE("F2: a layout key makes jekyll; '...' also closes the front matter") {
  std::string text = "---\nlayout: post\ntitle: t\n...\n正文第一段。\n\n<http://x.cn/a>\n";
  auto layout = detect_layout(text, Format::kAuto, kMarker);
  CHECK(layout.format == Format::kJekyll);
  CHECK(layout.body_kind == BodyKind::kMarkdown);
}

// The layout key is looked for on the walk that finds the closing line: only the lines between
// the two delimiters count, the last one included.
TEST_CASE("F2: a layout key counts only inside the front matter") {
  CHECK(detect_layout("---\ntitle: t\nlayout: post\n---\n<p>a</p>\n", Format::kAuto, kMarker).format ==
        Format::kJekyll);
  CHECK(detect_layout("---\ntitle: t\n---\nlayout: post\n", Format::kAuto, kMarker).format == Format::kHexo);
  CHECK(detect_layout("layout: post\n---\ntitle: t\n---\n", Format::kAuto, kMarker).format != Format::kJekyll);
  CHECK(detect_layout("---\n layout: post\n---\n", Format::kAuto, kMarker).format == Format::kHexo);
  // Unclosed: no front matter, so no layout either.
  CHECK(detect_layout("---\nlayout: post\n", Format::kAuto, kMarker).format != Format::kJekyll);
}

TEST_CASE("F2: a front matter without closing line is no front matter") {
  std::string text = "---\ntitle: t\n正文\n";
  auto layout = detect_layout(text, Format::kAuto, kMarker);
  CHECK_FALSE(layout.has_front_matter);
  CHECK(layout.front_matter_unclosed);
  CHECK(layout.format == Format::kText);
}

TEST_CASE("F3: doctype, html and head before text make an HTML page") {
  for (std::string text : {"  <!DOCTYPE html><html><body>x</body></html>", "<HTML><body>x",
                           "<meta charset=utf-8>\n<head><title>t</title></head>"}) {
    CAPTURE(text);
    auto layout = detect_layout(text, Format::kAuto, kMarker);
    CHECK(layout.body_kind == BodyKind::kHtmlPage);
    CHECK(layout.format == Format::kHtml);
  }
}

TEST_CASE("F3: an autolink or the page marker is not a tag") {
  CHECK(detect_layout("<http://a.cn/x>\n", Format::kAuto, kMarker).body_kind == BodyKind::kMarkdown);
  CHECK(detect_layout("正文。<PAGE_DIV> \n\n下页", Format::kAuto, kMarker).body_kind ==
        BodyKind::kMarkdown);
  CHECK(detect_layout("<>\n", Format::kAuto, kMarker).body_kind != BodyKind::kHtmlFragment);
}

TEST_CASE("F3 F4: a '# ' line without front matter is markdown; plain lines are text") {
  CHECK(detect_layout("# 标题\n\n正文。\n", Format::kAuto, kMarker).format == Format::kMarkdown);
  CHECK(detect_layout("标题\n正文。\n", Format::kAuto, kMarker).format == Format::kText);
  CHECK(detect_layout("<p>正文</p>", Format::kAuto, kMarker).format == Format::kHtml);
}

TEST_CASE("F4: a caller hint overrides detection") {
  auto layout = detect_layout("<p>正文</p>", Format::kText, kMarker);
  CHECK(layout.format == Format::kText);
  CHECK(layout.body_kind == BodyKind::kText);
  CHECK(detect_layout("# 标题", Format::kHtml, kMarker).body_kind == BodyKind::kHtmlFragment);
}
