// The HTML reader: blocks with exact spans, R2-R5, R8, R12, B1-B3, B22, H5.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "input/html_tags.hpp"
#include "tifa/reader.hpp"

namespace {

tifa::RawDocument read_html(const std::string& html) {
  tifa::Input input;
  input.format = tifa::Format::kHtml;
  return tifa::read(html, input, tifa::Options{});
}

std::vector<std::string> texts(const tifa::RawDocument& doc) {
  std::vector<std::string> out;
  for (const auto& block : doc.blocks) out.push_back(tifa::block_text(doc, block));
  return out;
}

// Every verbatim piece is the input bytes at its span.
void check_pieces_exact(const tifa::RawDocument& doc) {
  for (const auto& block : doc.blocks) {
    for (const auto& piece : block.pieces) {
      CHECK(piece.begin <= piece.end);
      CHECK(piece.end <= doc.decoded.text.size());
    }
  }
}

bool removed_has(const tifa::RawDocument& doc, const std::string& rule, const std::string& text) {
  for (const auto& r : doc.removed) {
    std::string_view s = std::string_view(doc.decoded.text).substr(r.source.begin, r.source.size());
    if (r.rule == rule && s.find(text) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("R4: block elements make blocks, inline elements never split text") {
  auto doc = read_html("<p>奖金共计<font><font>1050万元</font></font></p>"
                       "<p>深圳市<span><a href=\"x\">凯中精密</a></span>技术股份有限公司</p>");
  CHECK(texts(doc) == std::vector<std::string>{"奖金共计1050万元", "深圳市凯中精密技术股份有限公司"});
  check_pieces_exact(doc);
}

TEST_CASE("R4: <br> ends a block and text directly in a container is its own block") {
  auto doc = read_html("<div>第一段。<br>第二段。<div class=\"img_wrapper\">近日，上海。<img src=\"a.jpg\"></div></div>");
  CHECK(texts(doc) == std::vector<std::string>{"第一段。", "第二段。", "近日，上海。"});
  REQUIRE(doc.images.size() == 1);
  CHECK(doc.images[0].src == "a.jpg");
}

TEST_CASE("R3: an entity is one character whose span is the whole reference") {
  std::string html = "<p>A&amp;B&#123;&nbsp;C&amp;lt;</p>";
  auto doc = read_html(html);
  REQUIRE(doc.blocks.size() == 1);
  CHECK(tifa::block_text(doc, doc.blocks[0]) == "A&B{\xC2\xA0" "C&lt;");
  bool saw_entity = false;
  for (const auto& piece : doc.blocks[0].pieces) {
    if (!piece.verbatim && piece.text == "{") {
      CHECK(html.substr(piece.begin, piece.end - piece.begin) == "&#123;");
      saw_entity = true;
    }
  }
  CHECK(saw_entity);
}

TEST_CASE("R3: mis-nested strong gives a bold paragraph and a plain one") {
  auto doc = read_html("<p><strong>抓项目求突破，坚持稳字当头</p>\n <p></strong>抓项目就是抓发展。</p>");
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[0].all_bold);
  CHECK_FALSE(doc.blocks[1].all_bold);
  CHECK(tifa::block_text(doc, doc.blocks[1]) == "抓项目就是抓发展。");
}

TEST_CASE("R2: autolinks, link lines and page markers survive the HTML parser") {
  std::string html =
      "<p>正文。</p>\n\n<http://finews.zning.xyz/a.html?infoCode=NW1>\n\n"
      "[返回日照日报新闻](//finews.withounder.com/c.html)｜[返回首页](//finews.withounder.com/)\n";
  auto doc = read_html(html);
  REQUIRE(doc.blocks.size() == 3);
  CHECK(doc.blocks[1].kind == tifa::RawKind::kAutolink);
  CHECK(doc.blocks[1].url == "http://finews.zning.xyz/a.html?infoCode=NW1");
  CHECK(doc.blocks[2].kind == tifa::RawKind::kLinkLine);
  CHECK(doc.blocks[2].links.size() == 2);
}

TEST_CASE("R2: an inline autolink keeps its URL text without the brackets") {
  auto doc = read_html("<p>详见<http://a.cn/x>。</p>");
  CHECK(texts(doc) == std::vector<std::string>{"详见http://a.cn/x。"});
}

TEST_CASE("R2: an inline autolink or link is found at every offset of its line") {
  // A line with a pattern is searched for '<' and '[' 16 bytes a step, then byte by byte: put an
  // autolink, and a link, after runs of text of every length across two steps, with a tag (and
  // a bracket) that start no island before them.
  for (std::size_t pad = 0; pad < 40; ++pad) {
    const std::string text(pad, 'a');
    CAPTURE(pad);
    auto doc = read_html("<p><b>x</b>[" + text + "<http://a.cn/x>。</p>");
    CHECK(texts(doc) == std::vector<std::string>{"x[" + text + "http://a.cn/x。"});
    doc = read_html("<p><b>x</b>" + text + "[文本](http://a.cn/y)。</p>");
    CHECK(texts(doc) == std::vector<std::string>{"x" + text + "文本。"});
  }
}

TEST_CASE("B1: comments are dropped with records; an unterminated one ends at its line end") {
  auto doc = read_html("<p>参加会议。</p><!-- news_keyword_pub,stock, -->\n"
                       "<!--article_adlist[<p cms-style=\"font-M\">-->\n<p>后文。</p>\n"
                       "<p>尾段。</p><!-- never closed\n<p>保留。</p>");
  CHECK(texts(doc) == std::vector<std::string>{"参加会议。", "后文。", "尾段。", "保留。"});
  CHECK(removed_has(doc, "B1", "news_keyword_pub"));
  CHECK(removed_has(doc, "B1", "never closed"));
  REQUIRE(doc.warnings.size() == 1);
  CHECK(doc.warnings[0].code == "unterminated_comment");
}

TEST_CASE("B1: a comment ends at the first \"-->\" after its \"<!--\", whatever '>' comes before") {
  // The end is found from the '>' bytes: a '>' without "--" before it, the "--" of the opening
  // itself ("<!-->") and a "--" split by a blank do not end the comment.
  const std::string kComments[] = {"<!---->", "<!-- a > b -- > c - > d -->", "<!-->x-->",
                                   "<!--->-->", "<!--<p>不是正文。</p>-->", "<!-- -- >-->"};
  for (const std::string& comment : kComments) {
    CAPTURE(comment);
    const std::string html = "<p>前文。</p>" + comment + "<p>后文。</p>";
    auto doc = read_html(html);
    CHECK(texts(doc) == std::vector<std::string>{"前文。", "后文。"});
    REQUIRE(doc.removed.size() == 1);
    CHECK(doc.removed[0].rule == "B1");
    const std::size_t open = html.find("<!--");
    CHECK(doc.removed[0].source.begin == open);
    CHECK(doc.removed[0].source.end == open + comment.size());
  }
  // "-->" as the last bytes of the input, and a comment cut off right after its "<!--" or "<!---".
  auto last = read_html("<p>正文。</p><!-- end -->");
  REQUIRE(last.removed.size() == 1);
  CHECK(last.removed[0].source.end == std::string("<p>正文。</p><!-- end -->").size());
  for (const std::string& cut : {std::string("<p>正文。</p><!--"), std::string("<p>正文。</p><!---"),
                                 std::string("<p>正文。</p><!--->")}) {
    CAPTURE(cut);
    auto doc = read_html(cut);
    CHECK(texts(doc) == std::vector<std::string>{"正文。"});
    REQUIRE(doc.warnings.size() == 1);
    CHECK(doc.warnings[0].code == "unterminated_comment");
  }
}

TEST_CASE("R12: blank runs between blocks start none; inside an open block they are its text") {
  // Short runs of ASCII whitespace are passed at once when no block is open; long ones, and
  // ideographic spaces, the long way; neither starts a block.
  const std::string long_blank(40, ' ');
  auto doc = read_html("<div>\n  <p>一</p>\n\t<p>二</p>\f\v\r\n<p>三</p>" + long_blank + "\u3000\n<p>四<b>五</b>\n \n<i>六</i></p>\n</div>\n");
  CHECK(texts(doc) == std::vector<std::string>{"一", "二", "三", "四五\n \n六"});
  check_pieces_exact(doc);
}

TEST_CASE("B2 B3: style, script and QR widgets are dropped, their images are boilerplate") {
  auto doc = read_html(
      "<p>正文。</p><style>.a&#123;border:1px&#125;</style><script>var x=1;</script>"
      "<div class=\"clearfix appendQr_wrap\"><img src=\"qr.png\"><div>尽在新浪财经APP</div></div>");
  CHECK(texts(doc) == std::vector<std::string>{"正文。"});
  CHECK(removed_has(doc, "B2", "border"));
  CHECK(removed_has(doc, "B2", "var x"));
  CHECK(removed_has(doc, "B3", "尽在新浪财经APP"));
  REQUIRE(doc.images.size() == 1);
  CHECK(doc.images[0].boilerplate);
}

TEST_CASE("B3: a widget word anywhere in the class or id, ASCII case ignored") {
  const std::string kWidgets[] = {"class=\"x-ShareBar\"", "id=\"APPDOWN\"", "class=\"a app-down\"",
                                  "class=\"KaiHu-QR\"", "id=\"erweima1\"", "class=\"qrcode\"",
                                  "class=\"appendqr\""};
  for (const std::string& attribute : kWidgets) {
    CAPTURE(attribute);
    auto doc = read_html("<p>正文。</p><div " + attribute + "><p>广告。</p></div>");
    CHECK(texts(doc) == std::vector<std::string>{"正文。"});
    CHECK(removed_has(doc, "B3", "广告。"));
  }
  // Near misses are no widgets.
  const std::string kKept[] = {"class=\"shar\"", "id=\"app-dow\"", "class=\"qr-code erwei\"", "class=\"kaihu qr\""};
  for (const std::string& attribute : kKept) {
    CAPTURE(attribute);
    auto doc = read_html("<p>正文。</p><div " + attribute + "><p>广告。</p></div>");
    CHECK(texts(doc) == std::vector<std::string>{"正文。", "广告。"});
  }
}

TEST_CASE("B22: injected stock quotes go, the linked company name stays inline") {
  auto doc = read_html("<p>党委书记、<span id=\"stock_sh601988\"><a class=\"keyword\">中国银行</a></span>"
                       "<span id=\"quote_sh601988\">3.12 +0.5%</span>保险监督管理委员会主席</p>");
  CHECK(texts(doc) == std::vector<std::string>{"党委书记、中国银行保险监督管理委员会主席"});
  CHECK(removed_has(doc, "B22", "3.12"));
}

TEST_CASE("R8: a table row is one block with cells joined by TAB") {
  auto doc = read_html("<table><tr><td>行业</td><td>利润</td></tr><tr><td>制造业</td><td>38.0</td></tr></table>");
  CHECK(texts(doc) == std::vector<std::string>{"行业\t利润", "制造业\t38.0"});
  CHECK((doc.blocks[0].flags & tifa::kTableRow) != 0);
}

TEST_CASE("R8 R5: list items are flagged; img_descr is a caption of the image before it") {
  auto doc = read_html("<ul><li>一是</li></ul><div class=\"img_wrapper\"><img src=\"a.jpg\" alt>"
                       "<span class=\"img_descr\">图为会场</span></div>");
  REQUIRE(doc.blocks.size() == 2);
  CHECK((doc.blocks[0].flags & tifa::kListItem) != 0);
  CHECK(doc.blocks[1].kind == tifa::RawKind::kCaption);
  REQUIRE(doc.images.size() == 1);
  CHECK(doc.images[0].has_alt);
  CHECK(doc.images[0].alt.empty());
  CHECK(doc.images[0].caption == "图为会场");
}

TEST_CASE("R12: whitespace-only elements give no block") {
  auto doc = read_html("<p>　</p><p></p><font></font><p>\xC2\xA0</p><p>文</p>");
  CHECK(texts(doc) == std::vector<std::string>{"文"});
}

TEST_CASE("H5: the head is never text; its metadata is collected") {
  auto doc = read_html(
      "<!DOCTYPE html><html><head><title>标题_新闻网</title>"
      "<meta property=\"og:url\" content=\"http://a.cn/1\"><link rel=\"canonical\" href=\"http://a.cn/c\">"
      "<meta name=\"PubDate\" content=\"2016-11-22 09:53\"></head><body><p>正文。</p></body></html>");
  CHECK(doc.html_page);
  CHECK(texts(doc) == std::vector<std::string>{"正文。"});
  std::vector<std::string> names;
  for (const auto& meta : doc.head) names.push_back(meta.name);
  CHECK(names == std::vector<std::string>{"title", "og:url", "canonical", "pubdate"});
  CHECK(doc.head[0].value == "标题_新闻网");
}

TEST_CASE("HTML reader: NUL bytes and a declared charset do not stop or switch the parser") {
  std::string html = std::string("<meta charset=\"gb2312\"><p>前文") + '\0' + "后文</p><p>第二段</p>";
  auto doc = read_html(html);
  REQUIRE(doc.blocks.size() == 2);
  CHECK(tifa::block_text(doc, doc.blocks[1]) == "第二段");
}

TEST_CASE("visible: text runs and comments, less masked island markup, whether or not there is any") {
  // Without islands the runs and comments are merged at once; with some, each run is cut.
  const std::string plain = "<div><p>ab<!--c-->d</p>\n<p>e <!--x--></p></div>";
  auto doc = read_html(plain);
  auto at = [](const std::string& s, const std::string& what) { return s.find(what); };
  CHECK(doc.visible == std::vector<tifa::Span>{{at(plain, "ab"), at(plain, "</p>")},
                                               {at(plain, "\n"), at(plain, "\n") + 1},
                                               {at(plain, "e "), at(plain, "<!--x-->") + 8}});
  const std::string masked = "<p>see <http://a.cn/x> now<!--c--></p>";
  auto with_link = read_html(masked);
  CHECK(with_link.visible == std::vector<tifa::Span>{{at(masked, "see"), at(masked, "<http")},
                                                     {at(masked, "http"), at(masked, "> now")},
                                                     {at(masked, " now"), at(masked, "</p>")}});
}

TEST_CASE("B1 B11: only \"<!--\" opens a comment and only the whole marker is one, whatever shares a pair") {
  // "<!" and "<P" are where the pre-pass looks closer: near misses of both sit beside real ones,
  // and a marker ends the input.
  const std::string html = "<p>一<PAGE_DIV>二<PAGE_DIX>三<!-x-><!--c-->四</p><PAGE_DI<PAGE_DIV>";
  auto doc = read_html(html);
  int comments = 0, markers = 0;
  for (const auto& r : doc.removed) {
    const std::string_view s = std::string_view(doc.decoded.text).substr(r.source.begin, r.source.size());
    if (r.rule == "B1") {
      ++comments;
      CHECK(s == "<!--c-->");
    }
    if (r.rule == "B11") {
      ++markers;
      CHECK(s == "<PAGE_DIV>");
    }
  }
  CHECK(comments == 1);
  CHECK(markers == 2);
  CHECK(doc.pages == 3);
}

TEST_CASE("R4: the blocks past the first few thousand of a page are read alike (less room reserved)") {
  // Each block holds several pieces (text, a reference, a row's cells), so the pieces of the
  // later blocks, reserved for one, grow.
  std::string html;
  for (int i = 0; i < 5000; ++i) {
    html += "<p>段" + std::to_string(i) + "&amp;<b>粗</b>尾</p>";
    if (i % 1000 == 0) html += "<table><tr><td>甲</td><td>乙</td><td>丙</td></tr></table>";
  }
  auto doc = read_html(html);
  check_pieces_exact(doc);
  REQUIRE(doc.blocks.size() == 5005);
  const auto all = texts(doc);
  CHECK(all[0] == "段0&粗尾");
  CHECK(all[1] == "甲\t乙\t丙");
  CHECK(all[4005] == "甲\t乙\t丙");  // the row after <p>段4000, past the first 4096 blocks
  CHECK(all.back() == "段4999&粗尾");
  CHECK(all[5000] == "段4995&粗尾");
}

TEST_CASE("R8: a wide row (room reserved for two pieces a cell) joins all its cells") {
  std::string html = "<table><tr>";
  std::string expected;
  for (int i = 0; i < 12; ++i) {
    html += "<td>格<b>" + std::to_string(i) + "</b></td>";
    expected += (i > 0 ? "\t格" : "格") + std::to_string(i);
  }
  html += "</tr></table>";
  auto doc = read_html(html);
  CHECK(texts(doc) == std::vector<std::string>{expected});
}

// An element without class or id takes its role from a table by tag, also with another kept
// attribute (name, which no rule reads); one with a class that names nothing goes through the
// rules: all must read every tag alike, in a table row and outside one.
TEST_CASE("roles by tag alone agree with the rules, for every known tag") {
  const auto summary = [](const tifa::RawDocument& doc) {
    std::string out;
    for (const auto& block : doc.blocks) {
      out += std::to_string(static_cast<int>(block.kind)) + ":" + block.tag + ":" + tifa::block_text(doc, block) + "|";
    }
    for (const auto& removed : doc.removed) out += removed.rule + "@" + std::to_string(removed.source.begin) + "|";
    out += std::to_string(doc.images.size()) + "/" + std::to_string(doc.head.size());
    return out;
  };
  for (std::uint32_t id = 1; id < tifa::input::kKnownTags; ++id) {
    const std::string tag(tifa::input::kTagNames[id]);
    CAPTURE(tag);
    for (const bool in_row : {false, true}) {
      CAPTURE(in_row);
      const auto page = [&](const std::string& attribute) {
        const std::string element = "<" + tag + attribute + ">甲乙</" + tag + ">";
        const std::string inner = in_row ? "<table><tr><td>前</td>" + element + "</tr></table>" : "<p>前</p>" + element;
        return "<div>" + inner + "<p>后</p></div>";
      };
      // Same length, so that the spans of all are alike.
      const std::string by_tag = summary(read_html(page("          ")));
      CHECK(by_tag == summary(read_html(page(" name=\"zq\""))));
      CHECK(by_tag == summary(read_html(page(" class=zq "))));
      CHECK(by_tag == summary(read_html(page(" id=\"zq\"  "))));
    }
  }
}
