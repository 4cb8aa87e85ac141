// Main-content extraction for whole HTML pages (spec/cleaning.md §2.2, H1-H6): the container,
// the header and trailer zones, the dropped widgets, and the fallback.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "input/html_dom.hpp"
#include "input/main_content.hpp"
#include "paths.hpp"
#include "tifa/reader.hpp"

namespace {

using tifa::Span;
using tifa::Zone;
using tifa::input::Dom;
using tifa::input::kNoNode;
using tifa::input::MainContent;

struct Extracted {
  std::string text;
  Dom dom;
  MainContent content;
};

// Builds the Dom as the reader does for a whole page, then finds the main content.
Extracted extract(std::string html) {
  Extracted page;
  page.text = std::move(html);
  page.dom = tifa::input::parse_html_dom(page.text, Span{0, page.text.size()}, page.text);
  page.content = tifa::input::find_main_content(page.dom, page.text);
  return page;
}

std::string_view text_of(const Extracted& page, std::uint32_t i) {
  return page.dom.text_of(page.dom.nodes[i], page.text);
}

bool inside_dropped(const Extracted& page, std::uint32_t i) {
  const auto& dropped = page.content.dropped;
  for (std::uint32_t a = i; a != kNoNode; a = page.dom.nodes[a].parent) {
    if (std::find(dropped.begin(), dropped.end(), a) != dropped.end()) return true;
  }
  return false;
}

std::string place_of(const Extracted& page, std::uint32_t i) {
  if (inside_dropped(page, i)) return "dropped";
  switch (page.content.zones[i]) {
    case Zone::kHeader: return "header";
    case Zone::kContainer: return "container";
    case Zone::kTrailer: return "trailer";
    case Zone::kOutside: return "outside";
    case Zone::kBody: return "body";
  }
  return "?";
}

// Text that a page never shows (scripts often repeat the article as JSON) is not looked at.
bool is_shown(const Extracted& page, std::uint32_t i) {
  static constexpr std::string_view kUnshown[] = {"head",     "title",    "script", "style",
                                                  "noscript", "template", "textarea"};
  for (std::uint32_t a = i; a != kNoNode; a = page.dom.nodes[a].parent) {
    const std::string_view tag = page.dom.nodes[a].tag;
    if (std::find(std::begin(kUnshown), std::end(kUnshown), tag) != std::end(kUnshown)) return false;
  }
  return true;
}

// Where each shown text node that holds `needle` lies: "header", "container", "trailer",
// "outside" or "dropped" (inside a dropped widget of a zone).
std::vector<std::string> places_of(const Extracted& page, std::string_view needle) {
  std::vector<std::string> places;
  for (std::uint32_t i = 0; i < page.dom.nodes.size(); ++i) {
    if (page.dom.nodes[i].is_text && text_of(page, i).find(needle) != std::string_view::npos &&
        is_shown(page, i))
      places.push_back(place_of(page, i));
  }
  return places;
}

// The text nodes holding `needle` exist and all lie in one of `allowed`.
void check_places(const Extracted& page, std::string_view needle,
                  const std::vector<std::string>& allowed) {
  std::vector<std::string> places = places_of(page, needle);
  INFO("text: " << needle);
  REQUIRE_FALSE(places.empty());
  for (const std::string& place : places) {
    INFO("lies in: " << place);
    CHECK(std::find(allowed.begin(), allowed.end(), place) != allowed.end());
  }
}

// Some text node holding `needle` lies in `place`.
void check_some_in(const Extracted& page, std::string_view needle, const std::string& place) {
  std::vector<std::string> places = places_of(page, needle);
  INFO("text: " << needle << ", wanted in: " << place);
  CHECK(std::find(places.begin(), places.end(), place) != places.end());
}

std::uint32_t element_with_id(const Extracted& page, std::string_view id) {
  for (std::uint32_t i = 0; i < page.dom.nodes.size(); ++i) {
    if (!page.dom.nodes[i].is_text && page.dom.nodes[i].attr("id") == id) return i;
  }
  return kNoNode;
}

std::string paragraph(std::string_view sentence, int copies) {
  std::string out = "<p>";
  for (int i = 0; i < copies; ++i) out += sentence;
  return out + "</p>";
}

// About 100 Han characters and punctuation per call.
std::string article_paragraphs(int count) {
  std::string out;
  for (int i = 0; i < count; ++i)
    out += paragraph("国务院国资委召开会议，研究部署国有企业改革深化提升行动有关工作。", 3);
  return out;
}

std::string page(std::string_view head, std::string_view body) {
  return "<!DOCTYPE html><html><head><title>" + std::string(head) +
         "</title></head><body>" + std::string(body) + "</body></html>";
}

}  // namespace

// ---- H1: the container ----

TEST_CASE("H1: the element around the paragraphs wins, not the page wrapper or the sidebar") {
  auto extracted = extract(page(
      "测试",
      "<div id=\"wrap\"><div class=\"nav\"><a href=\"/\">网易首页</a> <a href=\"/n\">新闻中心</a></div>"
      "<div id=\"main\">" + article_paragraphs(4) + "</div>"
      "<div id=\"aside\"><p>今日天气晴朗，适合出行。本市气象台预计，未来三天全市以多云天气为主，"
      "气温逐步回升，早晚温差较大，请市民注意适时增减衣物，出门前关注最新天气预报。</p></div></div>"));
  REQUIRE(extracted.content.found);
  CHECK(extracted.content.container == element_with_id(extracted, "main"));
  check_places(extracted, "网易首页", {"outside"});
  check_places(extracted, "今日天气晴朗", {"outside"});
}

TEST_CASE("H1: <br>-separated runs in a table cell count as paragraphs") {
  std::string runs;
  for (int i = 0; i < 8; ++i) runs += "各地区各部门认真贯彻落实党中央决策部署，推动经济社会持续健康发展。<br>";
  auto extracted = extract(page(
      "测试", "<table><tr><td id=\"menu\"><a href=\"/\">首页</a></td><td id=\"cell\">" + runs +
                  "</td></tr></table>"));
  REQUIRE(extracted.content.found);
  CHECK(extracted.content.container == element_with_id(extracted, "cell"));
}

TEST_CASE("H1: link text does not count for a container") {
  std::string links;
  for (int i = 0; i < 30; ++i) links += "<a href=\"/x\">国资委召开国有企业改革深化提升行动推进会议</a>";
  auto extracted = extract(page("测试", "<div id=\"links\">" + links + "</div><div id=\"article\">" +
                                            article_paragraphs(3) + "</div>"));
  REQUIRE(extracted.content.found);
  CHECK(extracted.content.container == element_with_id(extracted, "article"));
}

TEST_CASE("H1: class and id words boost and penalise") {
  SUBCASE("a comment box loses to the article even with twice the text") {
    auto extracted = extract(page(
        "测试", "<div id=\"a\">" + article_paragraphs(3) + "</div><div id=\"b\" class=\"comment-list\">" +
                    article_paragraphs(6) + "</div>"));
    CHECK(extracted.content.container == element_with_id(extracted, "a"));
  }
  SUBCASE("a content box beats a plain one with a little more text") {
    auto extracted = extract(page(
        "测试", "<div id=\"a\">" + article_paragraphs(4) + "</div><div id=\"b\" class=\"post_content\">" +
                    article_paragraphs(3) + "</div>"));
    CHECK(extracted.content.container == element_with_id(extracted, "b"));
  }
  SUBCASE("'ad' is a word of its own: class ad is penalised, head and shadow are not") {
    auto ad = extract(page("测试", "<div id=\"a\">" + article_paragraphs(3) + "</div><div id=\"b\" class=\"ad\">" +
                                       article_paragraphs(5) + "</div>"));
    CHECK(ad.content.container == element_with_id(ad, "a"));
    auto top_ad = extract(page("测试", "<div id=\"a\">" + article_paragraphs(3) +
                                           "</div><div id=\"b\" class=\"topAd2\">" + article_paragraphs(5) + "</div>"));
    CHECK(top_ad.content.container == element_with_id(top_ad, "a"));
    auto shadow = extract(page("测试", "<div id=\"a\">" + article_paragraphs(3) +
                                           "</div><div id=\"b\" class=\"shadow head-box\">" +
                                           article_paragraphs(5) + "</div>"));
    CHECK(shadow.content.container == element_with_id(shadow, "b"));
  }
  SUBCASE("'hot' must start a word: a photo box is not penalised") {
    auto extracted = extract(page("测试", "<div id=\"a\">" + article_paragraphs(3) +
                                              "</div><div id=\"b\" class=\"photo\">" + article_paragraphs(5) + "</div>"));
    CHECK(extracted.content.container == element_with_id(extracted, "b"));
  }
}

TEST_CASE("H1: hidden text (keyword stuffing in display:none) never wins") {
  std::string spam;
  for (int i = 0; i < 200; ++i) spam += "邓朴方潜逃 钓鱼岛屿事件 ";
  auto extracted = extract(page("测试", "<div id=\"spam\" style=\"display: none\">" + spam +
                                            "</div><div id=\"article\">" + article_paragraphs(3) + "</div>"));
  REQUIRE(extracted.content.found);
  CHECK(extracted.content.container == element_with_id(extracted, "article"));
  check_places(extracted, "邓朴方潜逃", {"outside"});
}

// ---- H2: widgets inside the zones ----

TEST_CASE("H2: share bars, link lists and recommendation blocks inside the container are dropped") {
  auto extracted = extract(page(
      "测试",
      "<div id=\"content\">" + article_paragraphs(2) +
          "<div class=\"bdshare\"><span>分享到：</span><a href=\"#\">微信</a><a href=\"#\">微博</a></div>"
          "<ul id=\"more\"><li><a href=\"/1\">国资委召开专题会议</a></li><li><a href=\"/2\">央企改革三年行动</a>"
          "</li><li><a href=\"/3\">国企混改新进展</a></li></ul>"
          "<div><h3>相关新闻</h3></div>" +
          article_paragraphs(2) + paragraph("这是文章的最后一段，内容完整。", 1) + "</div>"));
  REQUIRE(extracted.content.found);
  check_places(extracted, "分享到", {"dropped"});
  check_places(extracted, "央企改革三年行动", {"dropped"});
  check_places(extracted, "相关新闻", {"dropped"});
  check_places(extracted, "国务院国资委召开会议", {"container"});
  check_places(extracted, "这是文章的最后一段", {"container"});
  // Dropped roots are in document order and never nested.
  const auto& dropped = extracted.content.dropped;
  CHECK(std::is_sorted(dropped.begin(), dropped.end()));
  for (std::size_t k = 1; k < dropped.size(); ++k) CHECK_FALSE(inside_dropped(extracted, extracted.dom.nodes[dropped[k]].parent));
}

TEST_CASE("H2: display:none content inside the container is dropped") {
  auto extracted = extract(page(
      "测试", "<div id=\"content\">" + article_paragraphs(3) +
                  "<div class=\"box03\" style=\"display:none\"><span>人参与</span></div>" + article_paragraphs(1) +
                  "</div>"));
  check_places(extracted, "人参与", {"dropped"});
}

TEST_CASE("H2: a linked stock name inside a sentence stays") {
  auto extracted = extract(page(
      "测试", "<div id=\"content\">" + article_paragraphs(3) +
                  "<p>中国人民银行党委书记、<a class=\"keyword\" href=\"/s\">中国银行</a>保险监督管理委员会主席郭树清表示，"
                  "要坚定不移推进改革。</p></div>"));
  check_places(extracted, "保险监督管理委员会主席郭树清", {"container"});
  check_places(extracted, "中国银行", {"container"});
}

// ---- H3: the header zone ----

TEST_CASE("H3: the header runs from the <h1> to the container; its date line stays") {
  auto extracted = extract(page(
      "女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网",
      "<div class=\"nav\"><a href=\"/\">人民网首页</a> &gt; <a href=\"/c\">文化</a></div>"
      "<h1>女儿出嫁，郑板桥画了几笔兰花当嫁妆</h1>"
      "<div class=\"box01\"><div class=\"fl\">2019年06月15日08:18&nbsp;&nbsp;来源：<a href=\"/c\">人民网-文化频道</a></div>"
      "<div class=\"fr\"><div class=\"ops_shareLayer\"><span>分享到：</span><a href=\"#\">微博</a></div></div></div>"
      "<div id=\"rwb_zw\" class=\"box_con\">" + article_paragraphs(4) + "</div>"));
  REQUIRE(extracted.content.found);
  REQUIRE(extracted.content.headline != kNoNode);
  CHECK(extracted.dom.nodes[extracted.content.headline].tag == "h1");
  check_places(extracted, "女儿出嫁", {"header"});
  check_places(extracted, "2019年06月15日08:18", {"header"});
  check_places(extracted, "人民网-文化频道", {"header"});
  check_places(extracted, "分享到", {"dropped"});
  check_places(extracted, "人民网首页", {"outside"});
}

TEST_CASE("H3: the headline is the element that repeats the page title, not the site logo") {
  auto extracted = extract(page(
      "天宫一号与神舟九号载人交会对接任务第二场新闻发布会_中国载人航天官方网站",
      "<h1><a href=\"/\">中国载人航天</a></h1><div class=\"menu\"><a href=\"/\">首页</a></div>"
      "<div class=\"title\">天宫一号与神舟九号载人交会对接任务第二场新闻发布会</div>"
      "<div class=\"info\">发布日期: 2012-06-24</div>"
      "<div id=\"content\">" + article_paragraphs(3) + "</div>"));
  REQUIRE(extracted.content.headline != kNoNode);
  CHECK(extracted.dom.nodes[extracted.content.headline].attr("class") == "title");
  check_places(extracted, "发布日期: 2012-06-24", {"header"});
  check_places(extracted, "中国载人航天", {"outside"});
}

TEST_CASE("H3: no headline gives an empty header zone") {
  auto extracted = extract(page("测试", "<div>导航</div><div id=\"content\">" + article_paragraphs(3) + "</div>"));
  REQUIRE(extracted.content.found);
  CHECK(extracted.content.headline == kNoNode);
  CHECK(std::count(extracted.content.zones.begin(), extracted.content.zones.end(), Zone::kHeader) == 0);
  check_places(extracted, "导航", {"outside"});
}

TEST_CASE("H3: credit and original-title lines at the top of the container join the header") {
  auto extracted = extract(page(
      "测试", "<h1>标题</h1><div id=\"content\"><p>（原标题：单项奖金100万美元）</p><p>澎湃新闻记者 段彦超 廖艳</p>" +
                  article_paragraphs(3) + "</div>"));
  check_places(extracted, "原标题", {"header"});
  check_places(extracted, "段彦超", {"header"});
  check_places(extracted, "国务院国资委召开会议", {"container"});
}

// ---- H4: the trailer zone ----

TEST_CASE("H4: the trailer holds the editor lines after the container, up to the first widget") {
  auto extracted = extract(page(
      "测试",
      "<h1>标题</h1><div id=\"content\">" + article_paragraphs(3) + "</div>"
      "<p>(责编：汤诗瑶、丁涛)</p><div class=\"fix\">【纠错】</div>"
      "<div><h3>相关新闻</h3><ul><li><a href=\"/1\">新闻一</a></li></ul></div>"
      "<p>责任编辑：不是这里</p>"
      "<div class=\"footer\">人 民 网 版 权 所 有</div>"));
  check_places(extracted, "汤诗瑶", {"trailer"});
  check_places(extracted, "【纠错】", {"trailer"});
  check_places(extracted, "相关新闻", {"outside"});
  check_places(extracted, "不是这里", {"outside"});
  check_places(extracted, "人 民 网", {"outside"});
}

TEST_CASE("H4: editor and source lines at the bottom of the container join the trailer") {
  auto extracted = extract(page(
      "测试", "<h1>标题</h1><div id=\"endText\">" + article_paragraphs(3) +
                  "<p>这是最后一段。</p><div class=\"ep-source\"><span>本文来源：每日经济新闻</span>"
                  "<span>责任编辑：荀建国_NN7379</span></div></div><div class=\"post_btmshare\">分享到：</div>"));
  check_places(extracted, "荀建国_NN7379", {"trailer"});
  check_places(extracted, "这是最后一段", {"container"});
  check_places(extracted, "分享到", {"outside"});
}

TEST_CASE("H4: trailer lines at the top of the widget that ends the trailer still belong to it") {
  auto extracted = extract(page(
      "测试", "<h1>标题</h1><div id=\"main_content\">" + article_paragraphs(3) +
                  "</div><div class=\"box_share\"><p>[责任编辑：刘斌]</p><p>标签：<a href=\"/t\">长春</a></p></div>"));
  check_places(extracted, "[责任编辑：刘斌]", {"trailer"});
  check_places(extracted, "标签", {"outside"});
}

// ---- zones as a whole ----

TEST_CASE("zones: one per node; text takes the zone of where it stands; outside roots cover the rest") {
  auto extracted = extract(page(
      "测试", "<div id=\"top\"><a href=\"/\">首页</a></div><h1>标题</h1><div id=\"content\">" +
                  article_paragraphs(3) + "</div><p>责任编辑：刘斌</p><div class=\"footer\">版权所有</div>"));
  const MainContent& content = extracted.content;
  REQUIRE(content.zones.size() == extracted.dom.nodes.size());
  for (std::uint32_t i = 0; i < extracted.dom.nodes.size(); ++i) {
    const auto& node = extracted.dom.nodes[i];
    if (node.is_text && content.zones[node.parent] != Zone::kOutside)
      CHECK(content.zones[i] == content.zones[node.parent]);
  }
  // Every node outside the zones lies under exactly one outside root, and no zoned node does.
  for (std::uint32_t i = 0; i < extracted.dom.nodes.size(); ++i) {
    int roots_above = 0;
    for (std::uint32_t a = i; a != kNoNode; a = extracted.dom.nodes[a].parent) {
      roots_above += std::count(content.outside_roots.begin(), content.outside_roots.end(), a) > 0;
    }
    if (content.zones[i] != Zone::kOutside) CHECK(roots_above == 0);
    if (roots_above > 0) CHECK(content.zones[i] == Zone::kOutside);
    CHECK(roots_above <= 1);
  }
  check_places(extracted, "首页", {"outside"});
  check_places(extracted, "刘斌", {"trailer"});
}

// ---- H6: fallback ----

TEST_CASE("H6: a page with next to no text keeps its whole body") {
  auto extracted = extract(page("测试", "<div class=\"nav\"><a href=\"/\">首页</a></div><div><p>图片新闻</p>"
                                          "<p>今天天气很好。</p></div>"));
  const MainContent& content = extracted.content;
  CHECK_FALSE(content.found);
  CHECK(content.container == kNoNode);
  CHECK(content.dropped.empty());
  check_places(extracted, "首页", {"container"});
  check_places(extracted, "今天天气很好", {"container"});
  CHECK(extracted.content.zones[1] == Zone::kOutside);  // <html> and the head stay outside
}

TEST_CASE("H6: an empty document and a page without a body") {
  Dom empty;
  MainContent none = tifa::input::find_main_content(empty, "");
  CHECK_FALSE(none.found);
  CHECK(none.zones.empty());
  auto fragment = extract("<p>短文本。</p>");
  CHECK_FALSE(fragment.content.found);
  check_places(fragment, "短文本", {"container"});
}

// ---- robustness ----

TEST_CASE("a page 100,000 levels deep is handled without recursion, in linear time") {
  // Built by hand: libxml2 caps the depth it parses, the extractor must not rely on that.
  constexpr std::uint32_t kDepth = 100000;
  std::string text;
  for (int i = 0; i < 100; ++i) text += "国有企业改革，";  // 300 Han characters and 100 commas
  Dom dom;
  dom.nodes.resize(kDepth + 2);
  dom.nodes[0].tag = "#document";
  for (std::uint32_t i = 1; i <= kDepth; ++i) {
    auto& node = dom.nodes[i];
    node.tag = i % 2 == 0 ? "div" : "span";
    node.parent = i - 1;
    dom.nodes[i - 1].first_child = dom.nodes[i - 1].last_child = i;
  }
  auto& leaf = dom.nodes[kDepth + 1];
  leaf.is_text = true;
  leaf.source = tifa::Span{0, text.size()};
  leaf.parent = kDepth;
  dom.nodes[kDepth].first_child = dom.nodes[kDepth].last_child = kDepth + 1;
  auto start = std::chrono::steady_clock::now();
  MainContent content = tifa::input::find_main_content(dom, text);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(content.zones.size() == dom.nodes.size());
  CHECK(content.found);
  CHECK(content.zones[kDepth + 1] == Zone::kContainer);
  CHECK(seconds < 5.0);
}

// ---- the corpus ----

namespace {

// Hand-checked facts about each saved page of corpus/html-page: a piece of the article's first
// and of its last paragraph (both in the container), a piece of navigation or page furniture
// (outside the zones or dropped), and, where the page has one, a piece of the header and of the
// trailer.
struct PageFacts {
  std::string_view file;
  std::string_view first;
  std::string_view last;
  std::string_view navigation;
  std::string_view header;
  std::string_view trailer;
};

constexpr PageFacts kPages[] = {
    {"gne-163-1.html", "即将迎来赴港上市10周年", "经过三年狂奔的龙湖", "网易首页",
     "2019-09-07 13:43:45", "责任编辑：杨倩_NF4425"},
    {"gne-163-3.html", "今天(9月7日)下午，有着“中国诺贝尔奖”之称", "时至今日，王小云也为自己的选择而自豪",
     "网易首页", "2019-09-08 00:20:15", "荀建国_NN7379"},
    {"gne-cjddsb-1.html", "为持续推动金融消费者教育和金融知识普及工作", "本次活动主题是进一步贯彻落实党的十九大精神",
     "热门文章", "金融知识普及月", ""},
    {"gne-cmse-1.html", "很高兴又一次和大家见面", "上面介绍的是关于这次任务的有关情况", "友情链接", "2012-06-24",
     "系统管理员"},
    {"gne-csdn-1.html", "2014年8月22日，由北京知道创宇联合知乎网主办", "ZoomEye最核心的竞争力就是一支强干的团队",
     "相关文章", "2014-08-24 21:30", ""},
    {"gne-guancha-3.html", "据中新网9月9日报道，针对外媒", "记者通过电子邮件联系了富士康", "热门评论",
     "2019-09-09 19:32:27", ""},
    {"gne-gzggw-1.html", "全县固定资产投资完成246.79亿元", "总体全县投资结构趋稳趋优", "投资管理和项目推进",
     "发布日期：2016-11-22", ""},
    {"gne-hexun-1.html", "据财联社9月26日消息，今日从交通运输部行新闻发布会获悉", "形成相邻城市间基本实现",
     "热门新闻排行榜", "2019-09-26 10:56:28", "HN666"},
    {"gne-huanqiu-1.html", "西方世界的一些反华分子正试图串联起来", "刀哥想说，都9020年了", "环球微信公众号",
     "2020-06-05 20:35", "责编：薛艺磊"},
    {"gne-ifeng-1.html", "7岁小花（化名）“眼睛被塞纸”事件，仍有许多疑问", "禹州全市开展校园安全教育活",
     "为您推荐", "2019年11月25日 16:04:30", ""},
    {"gne-ifeng-2.html", "杭州市学军中学校长陈立群要退休了", "老师，您辛苦了。", "为您推荐",
     "2019年09月09日 18:13:22", ""},
    {"gne-ifeng-3.html", "2020年，因为疫情影响，各地政府的首要任务", "一座城市，有历史，有文化，有美食", "热点推荐",
     "2020年09月11日 18:05", "[责任编辑：刘斌]"},
    {"gne-njxfhn-1.html", "近日，广东江门警方接到一名72岁事主报警", "江门警方提示，接到自称是公安",
     "相关文章", "2019年09月11日", ""},
    {"gne-other-1.html", "听取了财政部部长金人庆代表国务院", "批准2007年末国债余额限额调整为53365.53亿元",
     "相关稿件", "", ""},
    {"gne-people-1.html", "父亲的教诲像一盏灯，为我们照亮前行的路", "东方朔为人洒脱不羁", "人民日报客户端下载", "2019年06月15日08:18",
     "(责编：汤诗瑶、丁涛)"},
    {"gne-shanxi-1.html", "跨越千山万水，行程近两万公里", "山西品牌丝路行主题为“走丝绸之路，促合作共赢”",
     "省政府常务会议", "2019-09-18 06:23", ""},
    {"gne-sxmu-1.html", "是为了推进全面依法治国，实现国家监察全面覆盖", "第六十九条　本法自公布之日起施行",
     "版权所有", "发布时间: 2018-05-17", ""},
    {"gne-thepaper-1.html", "以前花一两元就能充满电", "刘颖对共享充电宝行业的发展比较有信心", "热新闻",
     "2019-09-24 09:10", "责任编辑：张珺"},
    {"gne-thepaper-3.html", "2020年1月1日出版的《求是》杂志发表习近平总书记重要文章",
     "习近平要求，各级党委（党组）要按照党中央部署", "热新闻", "2020-01-03 18:13", "责任编辑：柴敏懿"},
    {"gne-toutiao-5.html", "最近，武汉一个顺丰小哥汪勇直升3级", "疫情过后如果我们都安好的话", "相关推荐",
     "2020-03-09 18:14:21", "来源：网络"},
    {"gne-vis-cmse-1.html", "元旦佳节，当千家万户团聚喜迎新年时", "有梦想就有目标，有希冀才会奋斗", "友情链接",
     "2021-01-05", "（责任编辑：周雁）"},
    {"gne-xds-1.html", "收盘播报", "据财政部消息财政部预算司近日发布了2019年8月地方政府债券发行情况",
     "【上一篇】", "2019年9月26日 15:10", ""},
    {"gne-xinhuanet-1.html", "新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国跨行业大罢工",
     "法国总统马克龙此前提出对全国退休制度进行改革", "热帖", "2019-12-10 07:57:40", "尹世杰"},
    {"gne-zsnews-1.html", "2019年2月27日下午，佛山顺德区大良街道党工委委员", "下一步，我区将在市委市政府的领导下",
     "现在位置", "来源于", "龙慧"},
    {"gne-zyyfy-1.html", "为深入推进党建与业务工作紧密结合", "此次的大赛成绩较去年有了显著的提升", "版权所有",
     "时间：2019年10月31日 23:00", ""},
};

const PageFacts* facts_for(std::string_view file) {
  for (const PageFacts& facts : kPages) {
    if (facts.file == file) return &facts;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("corpus: the container of every saved page holds its article") {
  std::vector<std::filesystem::path> pages;
  for (const auto& path : tifa::test::corpus_files()) {
    if (path.parent_path().filename() == "html-page" && path.extension() == ".html") pages.push_back(path);
  }
  if (pages.empty()) {
    MESSAGE("corpus/html-page not found: skipped");
    return;
  }
  CHECK(pages.size() == std::size(kPages));
  for (const auto& path : pages) {
    const std::string file = path.filename().string();
    INFO("page: " << file);
    const PageFacts* facts = facts_for(file);
    REQUIRE_MESSAGE(facts != nullptr, "no hand-checked facts for " << file);
    tifa::DecodedInput decoded = tifa::decode(tifa::test::read_file(path));
    Extracted extracted = extract(std::move(decoded.text));
    REQUIRE(extracted.content.found);
    // The article is in the container; a copy may stand in the header (a summary that repeats
    // the lead, as on CSDN) but never outside.
    check_some_in(extracted, facts->first, "container");
    check_some_in(extracted, facts->last, "container");
    check_places(extracted, facts->first, {"container", "header"});
    check_places(extracted, facts->last, {"container", "header"});
    check_places(extracted, facts->navigation, {"outside", "dropped"});
    if (!facts->header.empty()) check_some_in(extracted, facts->header, "header");
    if (!facts->trailer.empty()) check_some_in(extracted, facts->trailer, "trailer");
  }
}
