// Quote pairs and book titles (spec/slogans.md §3.6).
#include <doctest/doctest.h>

#include <string>

#include "slogans/text_view.hpp"

namespace {

using tifa::slogans::TextView;

TextView view_of(std::string_view text) {
  TextView view;
  view.text = text;
  view.blocks = tifa::slogans::paragraphs_of(text);
  tifa::slogans::find_quotes_and_titles(view);
  return view;
}

std::string content(const TextView& view, std::size_t i) {
  const tifa::Span span = view.quotes.at(i).content;
  return std::string(view.text.substr(span.begin, span.size()));
}

}  // namespace

TEST_CASE("curly quotes pair, and the content excludes the marks") {
  const TextView view = view_of("做好“六稳”“六保”工作");
  REQUIRE(view.quotes.size() == 2);
  CHECK(content(view, 0) == "六稳");
  CHECK(content(view, 1) == "六保");
  CHECK(view.quotes[0].depth == 0);
}

TEST_CASE("nested pairs: the inner one has depth 1 and its own content") {
  const TextView view = view_of("他说：“要做到‘两个维护’。”");
  REQUIRE(view.quotes.size() == 2);
  CHECK(content(view, 0) == "要做到‘两个维护’。");
  CHECK(content(view, 1) == "两个维护");
  CHECK(view.quotes[1].depth == 1);
  const tifa::Span inner = view.quotes[1].content;
  REQUIRE(view.quote_around(inner) != nullptr);
  CHECK(view.quote_around(inner)->depth == 1);
  CHECK(view.quote_with_content(inner) == &view.quotes[1]);
}

TEST_CASE("ASCII double quotes pair left to right and an odd one out is ignored") {
  const TextView view = view_of("统筹做好\"六保\"工作，\"另一个");
  REQUIRE(view.quotes.size() == 1);
  CHECK(content(view, 0) == "六保");
}

TEST_CASE("an ASCII apostrophe pairs only inside another pair") {
  CHECK(view_of("it's 'x'").quotes.empty());
  const TextView view = view_of("“a 'b' c”");
  REQUIRE(view.quotes.size() == 2);
  CHECK(content(view, 1) == "b");
}

TEST_CASE("reversed and unclosed marks make no pair") {
  CHECK(view_of("”六稳“").quotes.empty());
  CHECK(view_of("“六稳").quotes.empty());
}

TEST_CASE("corner brackets are quotes; book titles are titles, not quotes") {
  const TextView view = view_of("堅持「四個全面」和《“十四五”商务发展规划》");
  REQUIRE(view.quotes.size() == 2);
  CHECK(content(view, 0) == "四個全面");
  CHECK(content(view, 1) == "十四五");
  REQUIRE(view.titles.size() == 1);
  CHECK(view.in_title(view.quotes[1].content));
  CHECK_FALSE(view.in_title(view.quotes[0].content));
}

TEST_CASE("ignorable units at the ends of a quote are not content") {
  const TextView view = view_of("“ 两学 一做 ”");
  REQUIRE(view.quotes.size() == 1);
  CHECK(content(view, 0) == "两学 一做");
}

TEST_CASE("quotes never pair across a blank line (blocks)") {
  const TextView view = view_of("“六稳\n\n六保”");
  CHECK(view.quotes.empty());
  CHECK(view.blocks.size() == 2);
}
