// spec/cleaning.md: one pipeline-level before/after example per rule id (acceptance item "each rule
// id has at least one unit test with a before/after example"), and each option of §9 flipped once.
//
// Every input below is written by hand for the test, in the shape of the formats of §1.1 (a hexo
// front matter + Sina HTML fragment, a jekyll post, markdown, PDF-derived markdown, a whole HTML
// page, plain text). Every expected value comes from the spec text and from that input, never from
// the program's output. Test names start with the rule id.
#include <doctest/doctest.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "tifa/clean.hpp"
#include "tifa/error.hpp"
#include "tifa/pipeline.hpp"
#include "tifa/reader.hpp"

namespace {

using tifa::Block;
using tifa::BlockType;
using tifa::Document;
using tifa::Options;

// ---- running the pipeline ----

// Processes `input`. The invariants always run (spec §1.2 step 8: tests run them on every input),
// so a broken document shows up as an invariant_failed warning.
Document run(std::string_view input, Options options = {}, const tifa::Input& hint = {}) {
  options.verify = true;
  Document doc = tifa::Pipeline(options).process(input, hint);
  for (const auto& warning : doc.warnings) {
    CAPTURE(warning.code);
    CAPTURE(warning.message);
    CHECK(warning.code.rfind("invariant_failed", 0) == std::string::npos);
  }
  return doc;
}

// ---- inputs ----

// Long body paragraphs: they end in 。, so no heading rule (R6), poster layout (R7) or title rule
// (M1) applies to them.
const std::string kP1 =
    "国务院国资委召开会议，总结2021年国资国企工作，明确2022年重点任务，要求各地扎实推进国企改革三年行动。";
const std::string kP2 =
    "会议强调，要突出抓好稳增长，进一步压实企业国有资产保值增值和风险防控主体责任，努力保持全年经济平稳运行。";
const std::string kP3 =
    "会议指出，做好今年国资国企工作，要以决战决胜国企改革三年行动为契机、为抓手，加快推进高质量发展。";
const std::string kP4 =
    "各省、自治区、直辖市国资委负责同志在各地分会场参加会议，并结合本地实际作了交流发言。";
const std::string kP5 =
    "会议要求，要以更大力度推动科技创新，深入推进人才强企战略，不断提升国有企业技术创新能力。";
const std::string kP6 =
    "会议认为，各地国有企业在疫情防控、抗灾救灾、能源保供等关键时刻挺身而出，充分发挥了稳定器作用。";

std::string p(const std::string& text) { return "<p>　　" + text + "</p>\n"; }

// A hexo post (spec §1.1): front matter, then a Sina HTML fragment inside <div>.
std::string hexo(const std::string& body, const std::string& title = "国务院国资委召开地方国资委负责人会议",
                 const std::string& more_front_matter = "") {
  return "\n---\ntitle: '" + title +
         "'\ncategories: \n - 金融\n - 新浪财经\nauthor: 新浪财经\ncomments: false\n"
         "date: Sun, 09 Jan 2022 13:39:16 GMT\n" +
         more_front_matter + "---\n\n<div>   \n" + body + "</div>\n";
}

// A jekyll post (spec §1.1): front matter with layout, HTML paragraphs, a markdown tail.
std::string jekyll(const std::string& body, const std::string& tail = "",
                   const std::string& date = "2022-02-14 08:47:41 +0800",
                   const std::string& more_front_matter = "") {
  return "---\nlayout: post\ntitle: \"我市国资国企奋战虎年开门红\"\ndate: " + date +
         "\ncategories: rizhaoribao\ntags: 日照日报新闻\n" + more_front_matter + "---\n" + body + "\n" +
         tail;
}

// A whole HTML page (F3): doctype, head, navigation, article container, related list, footer.
std::string page(const std::string& head, const std::string& header, const std::string& body) {
  return "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n" + head +
         "</head>\n<body>\n"
         "<div class=\"nav\"><a href=\"https://www.163.com/\">网易首页</a> &gt; "
         "<a href=\"https://news.163.com/\">新闻中心</a> &gt; "
         "<a href=\"https://news.163.com/domestic/\">国内新闻</a> &gt; 正文</div>\n"
         "<div class=\"login\"><a href=\"https://reg.163.com/login\">登录</a> "
         "<a href=\"https://reg.163.com/reg\">注册</a></div>\n"
         "<div class=\"post_main\">\n" +
         header + "<div class=\"post_body\">\n" + body +
         "</div>\n</div>\n"
         "<div class=\"related\"><h3>相关新闻</h3><ul>"
         "<li><a href=\"https://news.163.com/a1.html\">多地出台政策稳定经济增长</a></li>"
         "<li><a href=\"https://news.163.com/a2.html\">国资委部署下半年重点工作</a></li>"
         "<li><a href=\"https://news.163.com/a3.html\">国企改革三年行动收官在即</a></li>"
         "</ul></div>\n"
         "<div class=\"footer\">网易公司版权所有 <a href=\"https://corp.163.com/\">关于网易</a></div>\n"
         "</body>\n</html>\n";
}

// The article body of the pages: six paragraphs, well over 200 Han characters (H1, H6).
std::string page_body() { return p(kP1) + p(kP2) + p(kP3) + p(kP4) + p(kP5) + p(kP6); }

// ---- reading the Document ----

std::string text_of(const Document& doc, const Block& block) {
  return doc.text.substr(block.span.begin, block.span.size());
}

std::vector<std::string> texts(const Document& doc, BlockType type) {
  std::vector<std::string> out;
  for (const auto& block : doc.blocks) {
    if (block.type == type) out.push_back(text_of(doc, block));
  }
  return out;
}

std::vector<std::string> all_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const auto& block : doc.blocks) out.push_back(text_of(doc, block));
  return out;
}

const Block* find_block(const Document& doc, const std::string& text) {
  for (const auto& block : doc.blocks) {
    if (text_of(doc, block) == text) return &block;
  }
  return nullptr;
}

const Block* block_containing(const Document& doc, const std::string& part) {
  for (const auto& block : doc.blocks) {
    if (text_of(doc, block).find(part) != std::string::npos) return &block;
  }
  return nullptr;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}
bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool has_removed(const Document& doc, const std::string& rule, const std::string& part) {
  return std::any_of(doc.removed.begin(), doc.removed.end(), [&](const tifa::Removed& r) {
    return r.rule == rule && contains(r.text, part);
  });
}

bool has_label(const Document& doc, const std::string& rule, const std::string& part) {
  return std::any_of(doc.removed.begin(), doc.removed.end(), [&](const tifa::Removed& r) {
    return r.rule == rule && r.label && contains(r.text, part);
  });
}

std::size_t count_removed(const Document& doc, const std::string& rule) {
  return static_cast<std::size_t>(std::count_if(
      doc.removed.begin(), doc.removed.end(), [&](const tifa::Removed& r) { return r.rule == rule; }));
}

bool has_warning(const Document& doc, const std::string& code) {
  return std::any_of(doc.warnings.begin(), doc.warnings.end(),
                     [&](const tifa::Warning& w) { return w.code == code; });
}

const tifa::ExtraValue* extra(const Document& doc, const std::string& key) {
  for (const auto& value : doc.meta.extra) {
    if (value.key == key) return &value;
  }
  return nullptr;
}

std::vector<std::string> names(const std::vector<tifa::Person>& people) {
  std::vector<std::string> out;
  for (const auto& person : people) out.push_back(person.name);
  return out;
}

const tifa::Person* person(const std::vector<tifa::Person>& people, const std::string& name) {
  for (const auto& one : people) {
    if (one.name == name) return &one;
  }
  return nullptr;
}

void check_absent(const Document& doc, std::initializer_list<const char*> strings) {
  for (const char* s : strings) {
    std::string absent = s;
    CAPTURE(absent);
    CHECK_FALSE(contains(doc.text, absent));
  }
}

bool has_edit(const Document& doc, const std::string& rule) {
  for (const auto& block : doc.blocks) {
    for (const auto& edit : block.edits) {
      if (edit.rule == rule) return true;
    }
  }
  return false;
}

}  // namespace

// =====================================================================================
// R: readers
// =====================================================================================

TEST_CASE("R5: each <img> is an image with verbatim src, alt and caption; alt never enters text") {
  std::string body =
      "<div class=\"img_wrapper\"><img src=\"//n.sinaimg.cn/finance/crawl/117/w640h427/20220109/a1b2.jpg\" "
      "alt=\"会场全景图\"><span class=\"img_descr\">会议现场的主会场</span></div>\n" +
      p(kP1) +
      "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/finance/crawl/780/w550h367/20220109/c3d4.jpg\" "
      "alt><span class=\"img_descr\"></span></div>\n" +
      p(kP2) + "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/finance/w640h480/e5f6.jpg\"></div>\n" +
      p(kP3) + p(kP4);
  Document doc = run(hexo(body));

  REQUIRE(doc.images.size() == 3);
  CHECK(doc.images[0].src == "//n.sinaimg.cn/finance/crawl/117/w640h427/20220109/a1b2.jpg");  // protocol-relative kept
  REQUIRE(doc.images[0].alt);
  CHECK(*doc.images[0].alt == "会场全景图");
  REQUIRE(doc.images[0].caption);
  CHECK(*doc.images[0].caption == "会议现场的主会场");
  REQUIRE(doc.images[1].alt);
  CHECK(doc.images[1].alt->empty());      // a valueless alt is ""
  CHECK_FALSE(doc.images[1].caption);     // an empty caption slot gives no caption
  CHECK_FALSE(doc.images[2].alt);         // no alt attribute
  CHECK_FALSE(doc.images[2].caption);     // never a file name

  check_absent(doc, {"会场全景图", "e5f6", "img_descr"});
  // The img_descr caption is a caption block; the empty slot gives none.
  CHECK(texts(doc, BlockType::kCaption) == std::vector<std::string>{"会议现场的主会场"});
  // Blocks: title, caption, P1..P4. The second image comes before P2, the third before P3.
  REQUIRE(doc.blocks.size() == 6);
  CHECK(text_of(doc, doc.blocks[doc.images[1].before_block]) == kP2);
  CHECK(text_of(doc, doc.blocks[doc.images[2].before_block]) == kP3);
  CHECK(doc.images[0].before_block <= 2);
}

TEST_CASE("R6: h2 and a short all-bold paragraph become headings; a bold sentence stays a paragraph") {
  std::string body = p(kP1) + "<h2>坚持稳字当头抓好经济运行</h2>\n" + p(kP2) +
                     "<p><strong>抓改革求突破，高质量完成三年行动目标任务</strong></p>\n" + p(kP3) +
                     "<p><strong>这是全部加粗但以句号结尾的一句话。</strong></p>\n" +
                     "<p><b>加粗</b>和不加粗的文字混在同一个段落里</p>\n" + p(kP4) + p(kP5);
  Document doc = run(hexo(body));
  CHECK_FALSE(doc.source.poster_layout);
  CHECK(texts(doc, BlockType::kHeading) ==
        std::vector<std::string>{"坚持稳字当头抓好经济运行", "抓改革求突破，高质量完成三年行动目标任务"});
  const Block* sentence = find_block(doc, "这是全部加粗但以句号结尾的一句话。");
  REQUIRE(sentence);
  CHECK(sentence->type == BlockType::kParagraph);
  const Block* mixed = find_block(doc, "加粗和不加粗的文字混在同一个段落里");
  REQUIRE(mixed);
  CHECK(mixed->type == BlockType::kParagraph);
}

TEST_CASE("R6: a bold paragraph of more than 40 code points is not a heading") {
  // 41 code points, all bold, no final punctuation.
  std::string long_bold = "坚持稳中求进工作总基调完整准确全面贯彻新发展理念服务构建新发展格局推动高质量发展突出抓好稳增长";
  std::string body = p(kP1) + "<p><strong>" + long_bold + "</strong></p>\n" + p(kP2) + p(kP3) + p(kP4);
  Document doc = run(hexo(body));
  const Block* block = find_block(doc, long_bold);
  REQUIRE(block);
  CHECK(block->type == BlockType::kParagraph);
}

TEST_CASE("R6: a cms-style strong-Bold paragraph and adjacent centred bold subheads are separate headings") {
  std::string body = p(kP1) +
                     "<p cms-style=\"font-L strong-Bold align-Center\">第一部分</p>\n"
                     "<p style=\"text-align:center\"><strong>百年奋斗的经济历程</strong></p>\n" +
                     p(kP2) + p(kP3) + p(kP4) + p(kP5);
  Document doc = run(hexo(body));
  CHECK(texts(doc, BlockType::kHeading) == std::vector<std::string>{"第一部分", "百年奋斗的经济历程"});
}

TEST_CASE("R6: markdown ## lines are headings") {
  std::string input = "---\nlayout: post\ntitle: \"标题\"\ndate: 2022-02-14 08:47:41 +0800\n---\n" + kP1 +
                      "\n\n## 抓项目求突破\n\n" + kP2 + "\n\n" + kP3 + "\n";
  Document doc = run(input);
  CHECK(texts(doc, BlockType::kHeading) == std::vector<std::string>{"抓项目求突破"});
  check_absent(doc, {"##"});
}

TEST_CASE("R6: in plain text a short line without 。，；：！？ between paragraphs is a heading") {
  std::string input = "发挥党建作用 唱响和谐乐章\n" + kP1 + "\n第一时间第一反应\n" + kP2 + "\n" + kP3 + "\n";
  Document doc = run(input);
  const Block* heading = find_block(doc, "第一时间第一反应");
  REQUIRE(heading);
  CHECK(heading->type == BlockType::kHeading);
  const Block* paragraph = find_block(doc, kP2);
  REQUIRE(paragraph);
  CHECK(paragraph->type == BlockType::kParagraph);
}

TEST_CASE("R7: mostly short unpunctuated paragraphs give poster_layout; bold phrases stay paragraphs") {
  std::string body =
      "<p style=\"text-align:center\"><strong>火药大王捐赠</strong></p>\n"
      "<p style=\"text-align:center\">一生只做一件事</p>\n"
      "<p style=\"text-align:center\"><strong>捐出毕生积蓄</strong></p>\n"
      "<p style=\"text-align:center\">助力家乡教育</p>\n"
      "<p style=\"text-align:center\">温暖一座城</p>\n" +
      p(kP1);
  Document doc = run(hexo(body));
  CHECK(doc.source.poster_layout);
  CHECK(texts(doc, BlockType::kHeading).empty());  // R6's bold rule is off
  for (const char* phrase : {"火药大王捐赠", "一生只做一件事", "捐出毕生积蓄", "助力家乡教育", "温暖一座城"}) {
    std::string text = phrase;
    CAPTURE(text);
    const Block* block = find_block(doc, text);
    REQUIRE(block);  // kept as they are, one block each
    CHECK(block->type == BlockType::kParagraph);
  }
}

TEST_CASE("R7: a document of long punctuated paragraphs has no poster_layout") {
  Document doc = run(hexo(p(kP1) + p(kP2) + p(kP3) + p(kP4)));
  CHECK_FALSE(doc.source.poster_layout);
}

TEST_CASE("R7: poster_layout needs 5 paragraphs and 60 % phrases, wherever the long paragraphs stand") {
  // The scan stops once too many paragraphs were no phrase: the verdict must not depend on order.
  const std::string phrases = "<p>一生只做一件事</p>\n<p>助力家乡教育</p>\n<p>温暖一座城</p>\n";
  const std::string two_phrases = "<p>一生只做一件事</p>\n<p>助力家乡教育</p>\n";
  CHECK(run(hexo(p(kP1) + p(kP2) + phrases)).source.poster_layout);  // 3 of 5
  CHECK(run(hexo(phrases + p(kP1) + p(kP2))).source.poster_layout);
  CHECK(run(hexo(p(kP1) + phrases + p(kP2))).source.poster_layout);
  CHECK_FALSE(run(hexo(p(kP1) + p(kP2) + p(kP3) + two_phrases)).source.poster_layout);  // 2 of 5
  CHECK_FALSE(run(hexo(two_phrases + p(kP1) + p(kP2) + p(kP3))).source.poster_layout);
  CHECK_FALSE(run(hexo(two_phrases + "<p>温暖一座城</p>\n")).source.poster_layout);  // 3 of 3: too few
}

TEST_CASE("R8: li gives list_item paragraphs, tr gives TAB-joined table_row paragraphs, caption a caption") {
  std::string body = p(kP1) +
                     "<ul><li>推动国有资本布局优化。</li><li>深化三项制度改革。</li></ul>\n" + p(kP2) +
                     "<table><caption>2021年各地区工业利润</caption>"
                     "<tr><td>地区</td><td>利润总额</td><td>同比增长</td></tr>"
                     "<tr><td>　　　东部地区</td><td>52000</td><td>31.2%</td></tr></table>\n" +
                     p(kP3) + p(kP4);
  Document doc = run(hexo(body));
  const Block* item = find_block(doc, "推动国有资本布局优化。");
  REQUIRE(item);
  CHECK(item->type == BlockType::kParagraph);
  CHECK((item->flags & tifa::kListItem) != 0);
  const Block* item2 = find_block(doc, "深化三项制度改革。");
  REQUIRE(item2);
  CHECK((item2->flags & tifa::kListItem) != 0);

  const Block* header = find_block(doc, "地区\t利润总额\t同比增长");
  REQUIRE(header);
  CHECK(header->type == BlockType::kParagraph);
  CHECK((header->flags & tifa::kTableRow) != 0);
  const Block* row = find_block(doc, "东部地区\t52000\t31.2%");  // indent of the cell is N1/N2 whitespace
  REQUIRE(row);
  CHECK((row->flags & tifa::kTableRow) != 0);
  const Block* caption = find_block(doc, "2021年各地区工业利润");
  REQUIRE(caption);
  CHECK(caption->type == BlockType::kCaption);
  CHECK_FALSE(contains(doc.text, "地区利润总额"));  // never one fused string
}

TEST_CASE("R9: a paragraph after an image matching 图为/摄$/截图$ becomes an inferred caption, unchanged") {
  std::string body = p(kP1) +
                     "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/a.jpg\" alt></div>\n"
                     "<p>图为会议现场。</p>\n" +
                     p(kP2) +
                     "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/b.jpg\" alt></div>\n"
                     "<p>游客在免税店选购商品 王洪胜摄（人民视觉）</p>\n" +
                     p(kP3) +
                     "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/c.jpg\" alt></div>\n" +
                     p(kP4) + "<p>图为另一处场景，但前面没有图片。</p>\n" + p(kP5);
  Document doc = run(hexo(body));
  const Block* first = find_block(doc, "图为会议现场。");
  REQUIRE(first);
  CHECK(first->type == BlockType::kCaption);
  CHECK((first->flags & tifa::kCaptionInferred) != 0);
  const Block* second = find_block(doc, "游客在免税店选购商品 王洪胜摄（人民视觉）");
  REQUIRE(second);
  CHECK(second->type == BlockType::kCaption);
  CHECK((second->flags & tifa::kCaptionInferred) != 0);
  // A paragraph after an image that matches no pattern stays a paragraph.
  const Block* plain = find_block(doc, kP4);
  REQUIRE(plain);
  CHECK(plain->type == BlockType::kParagraph);
  // Not directly after an image: no caption.
  const Block* not_after = find_block(doc, "图为另一处场景，但前面没有图片。");
  REQUIRE(not_after);
  CHECK(not_after->type == BlockType::kParagraph);
  REQUIRE(doc.images.size() == 3);
  CHECK(doc.meta.reporters.empty());  // names inside captions are never people (M3)
}

TEST_CASE("R9: the paragraphs after images are found the same when the reader's image list is out of order") {
  // classify_blocks walks an in-order image list with a cursor and searches a list out of order
  // whole: both must infer the same captions.
  std::string body = p(kP1) +
                     "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/a.jpg\" alt></div>\n"
                     "<p>图为会议现场。</p>\n" +
                     p(kP2) +
                     "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/b.jpg\" alt></div>\n"
                     "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/c.jpg\" alt></div>\n"
                     "<p>游客在免税店选购商品 王洪胜摄（人民视觉）</p>\n" +
                     p(kP3) + "<p>图为另一处场景，但前面没有图片。</p>\n" + p(kP4);
  const std::string input = hexo(body);
  const Options options;
  const tifa::RawDocument raw = tifa::read(input, tifa::Input{}, options);
  REQUIRE(raw.images.size() == 3);
  const Document in_order = tifa::clean_document(raw, tifa::Input{}, options);
  tifa::RawDocument reversed = raw;
  std::reverse(reversed.images.begin(), reversed.images.end());
  const Document out_of_order = tifa::clean_document(std::move(reversed), tifa::Input{}, options);
  REQUIRE(in_order.blocks.size() == out_of_order.blocks.size());
  std::size_t captions = 0;
  for (std::size_t i = 0; i < in_order.blocks.size(); ++i) {
    CAPTURE(i);
    CHECK(in_order.blocks[i].type == out_of_order.blocks[i].type);
    CHECK(in_order.blocks[i].flags == out_of_order.blocks[i].flags);
    if ((in_order.blocks[i].flags & tifa::kCaptionInferred) != 0) ++captions;
  }
  CHECK(captions == 2);
}

TEST_CASE("removed: the reader's removals join the clean stage's in source order, empty ranges dropped") {
  // finish_removed reads the reader's removals where they are, after the clean stage's, and sorts
  // the two lists together when they are not in order.
  const std::string input = hexo(p(kP1) + "<p>责任编辑：张三</p>\n" + p(kP2));
  const Options options;
  const tifa::RawDocument raw = tifa::read(input, tifa::Input{}, options);
  const Document plain = tifa::clean_document(raw, tifa::Input{}, options);
  REQUIRE_FALSE(plain.removed.empty());  // T2 then comes out of order
  tifa::RawDocument extended = raw;
  extended.removed.push_back(tifa::RawRemoved{"T1", tifa::Span{4, 4}});  // empty: dropped
  extended.removed.push_back(tifa::RawRemoved{"T2", tifa::Span{4, 7}});  // before every other removal
  const Document doc = tifa::clean_document(std::move(extended), tifa::Input{}, options);
  REQUIRE(doc.removed.size() == plain.removed.size() + 1);
  std::size_t t2 = 0;
  for (std::size_t i = 0; i < doc.removed.size(); ++i) {
    CAPTURE(i);
    CHECK(doc.removed[i].rule != "T1");
    if (doc.removed[i].rule == "T2") ++t2;
    if (i > 0) CHECK(doc.removed[i - 1].raw_span.begin <= doc.removed[i].raw_span.begin);
  }
  CHECK(t2 == 1);
  // The others keep their order.
  std::size_t j = 0;
  for (const tifa::Removed& removed : doc.removed) {
    if (removed.rule == "T2") continue;
    REQUIRE(j < plain.removed.size());
    CHECK(removed.rule == plain.removed[j].rule);
    CHECK(removed.raw_span.begin == plain.removed[j].raw_span.begin);
    CHECK(removed.text == plain.removed[j].text);
    ++j;
  }
}

TEST_CASE("removed: more removals out of order than finish_removed sorts on the stack") {
  const std::string input = hexo(p(kP1) + "<p>责任编辑：张三</p>\n" + p(kP2));
  const Options options;
  tifa::RawDocument raw = tifa::read(input, tifa::Input{}, options);
  const std::size_t before = tifa::clean_document(raw, tifa::Input{}, options).removed.size();
  for (std::size_t i = 0; i < 40; ++i)  // one byte each, last first
    raw.removed.push_back(tifa::RawRemoved{"T3", tifa::Span{43 - i, 44 - i}});
  const Document doc = tifa::clean_document(std::move(raw), tifa::Input{}, options);
  REQUIRE(doc.removed.size() == before + 40);
  std::size_t t3 = 0;
  for (std::size_t i = 0; i < doc.removed.size(); ++i) {
    CAPTURE(i);
    if (doc.removed[i].rule == "T3") ++t3;
    if (i > 0) CHECK(doc.removed[i - 1].raw_span.begin <= doc.removed[i].raw_span.begin);
  }
  CHECK(t3 == 40);
}

TEST_CASE("R9: an inferred caption block is also the caption of its image (R5)") {
  std::string body = p(kP1) +
                     "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/a.jpg\" alt></div>\n"
                     "<p>图为会议现场。</p>\n" +
                     p(kP2) +
                     "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/b.jpg\" alt></div>\n"
                     "<p>游客在免税店选购商品 王洪胜摄（人民视觉）</p>\n" +
                     p(kP3) +
                     "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/c.jpg\" alt></div>\n" +
                     p(kP4) + p(kP5);
  Document doc = run(hexo(body));
  REQUIRE(doc.images.size() == 3);
  REQUIRE(doc.images[0].caption);
  CHECK(*doc.images[0].caption == "图为会议现场。");
  REQUIRE(doc.images[1].caption);
  CHECK(*doc.images[1].caption == "游客在免税店选购商品 王洪胜摄（人民视觉）");
  CHECK_FALSE(doc.images[2].caption);
}

TEST_CASE("R10: markdown paragraphs, soft wraps joined by N7, # title and headings, link text kept") {
  std::string input =
      "# 推动国有企业高质量发展的实践与思考\n\n"
      "推动制造业与互联网、大数据、人工\n智能等技术融合，提升企业核心竞争力。\n\n"
      "## 深化改革\n\n"
      "要用好 AI\nmodel 等新技术，详见[国务院国资委](http://www.sasac.gov.cn/n2588025/index.html)网站发布的通知。\n\n" +
      kP3 + "\n";
  Document doc = run(input);
  CHECK(doc.source.format == tifa::Format::kMarkdown);
  CHECK_FALSE(doc.source.pdf_layout);
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value == "推动国有企业高质量发展的实践与思考");
  REQUIRE_FALSE(doc.blocks.empty());
  CHECK(doc.blocks[0].type == BlockType::kTitle);
  CHECK(texts(doc, BlockType::kHeading) == std::vector<std::string>{"深化改革"});
  CHECK(find_block(doc, "推动制造业与互联网、大数据、人工智能等技术融合，提升企业核心竞争力。"));
  CHECK(find_block(doc, "要用好 AI model 等新技术，详见国务院国资委网站发布的通知。"));
  check_absent(doc, {"](", "http", "sasac", "#", "\n智能"});
  CHECK_FALSE(doc.meta.url);  // never from URLs inside the text (M6)
}

TEST_CASE("R11: plain text splits a mid-line U+3000 run (indent_split) and joins a hard wrap (line_join)") {
  // Line 2 has 67 code points and ends in a Han character; line 3 continues it.
  std::string wrapped1 =
      "　　近年来，我们坚持以党建工作为统领，围绕企业改革发展稳定大局，积极探索新形势下国有企业党建工作的新思路和新方法，"
      "特别是在一些地方和企业不同";
  std::string wrapped2 = "程度地存在着思想政治工作弱化的问题，必须引起高度重视。";
  std::string input = "发挥党建作用 唱响和谐乐章\n"
                      "这是一个破除坚冰的年代——　　１９４９年新中国诞生，中国人民从此站起来了，开始了建设新国家的伟大征程。\n" +
                      wrapped1 + "\n" + wrapped2 + "\n" + kP3 + "\n";
  Document doc = run(input);
  CHECK(doc.source.format == tifa::Format::kText);
  CHECK(find_block(doc, "这是一个破除坚冰的年代——"));
  const Block* split = find_block(doc, "1949年新中国诞生，中国人民从此站起来了，开始了建设新国家的伟大征程。");
  REQUIRE(split);
  CHECK((split->flags & tifa::kIndentSplit) != 0);
  const Block* joined = find_block(
      doc,
      "近年来，我们坚持以党建工作为统领，围绕企业改革发展稳定大局，积极探索新形势下国有企业党建工作的新思路和新方法，"
      "特别是在一些地方和企业不同程度地存在着思想政治工作弱化的问题，必须引起高度重视。");
  REQUIRE(joined);
  CHECK((joined->flags & tifa::kLineJoin) != 0);
  CHECK(find_block(doc, kP3));
}

TEST_CASE("R11: a short line that ends in a Han character is not a hard wrap") {
  std::string input = "发挥党建作用 唱响和谐乐章\n" + kP1 + "\n短行不算折行\n" + kP2 + "\n";
  Document doc = run(input);
  CHECK(find_block(doc, "短行不算折行"));
  CHECK(find_block(doc, kP2));
}

TEST_CASE("R12: whitespace-only <p>, empty <p>, empty <font> and a U+3000-only line give no block") {
  std::string body = p(kP1) + "<p cms-style=\"font-L\">　</p>\n<p></p>\n<p><font></font></p>\n" + p(kP2);
  Document doc = run(hexo(body));
  REQUIRE(doc.blocks.size() == 3);  // title, P1, P2
  CHECK(text_of(doc, doc.blocks[1]) == kP1);
  CHECK(text_of(doc, doc.blocks[2]) == kP2);

  Document text = run("发挥党建作用 唱响和谐乐章\n" + kP1 + "\n　　　\n" + kP2 + "\n");
  REQUIRE(text.blocks.size() == 3);
  CHECK(text_of(text, text.blocks[2]) == kP2);
}

// =====================================================================================
// B: boilerplate and metadata lines
// =====================================================================================

TEST_CASE("B1: HTML comments are dropped with records; a paragraph on the same line stays") {
  std::string body = p(kP1) + p(kP2) + p(kP3) + "<p>　　" + kP4 +
                     "</p><!-- news_keyword_pub,stock, -->\n<!-- 正文下iframe -->\n<!-- 编辑姓名及工作代码 -->\n";
  Document doc = run(hexo(body));
  CHECK(find_block(doc, kP4));
  CHECK(has_removed(doc, "B1", "news_keyword_pub"));
  CHECK(has_removed(doc, "B1", "正文下iframe"));
  CHECK(has_removed(doc, "B1", "编辑姓名及工作代码"));
  check_absent(doc, {"news_keyword_pub", "iframe", "<!--", "-->"});
}

TEST_CASE("B1: an unterminated comment ends at the end of its line; the rest of the article survives") {
  std::string body = p(kP1) + "<!-- 广告位 开始\n" + p(kP2) + p(kP3);
  Document doc = run(hexo(body));
  CHECK(has_warning(doc, "unterminated_comment"));
  CHECK(has_removed(doc, "B1", "广告位"));
  CHECK(find_block(doc, kP2));
  CHECK(find_block(doc, kP3));
  check_absent(doc, {"广告位"});
}

TEST_CASE("B1: meta_from_comments copies the source of an article_adlist comment (copy, from_comment)") {
  std::string body = p(kP1) + p(kP2) + p(kP3) +
                     "<!--article_adlist[<p>(本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP)</p>]article_adlist-->\n" +
                     "<!--article_adlist[<p>来源：中国新闻网</p>]article_adlist-->\n";
  Document doc = run(hexo(body));
  REQUIRE(doc.meta.source_outlet);
  CHECK(doc.meta.source_outlet->value == "澎湃新闻");
  CHECK((doc.meta.source_outlet->flags & tifa::kFieldFromComment) != 0);
  CHECK((doc.meta.source_outlet->flags & tifa::kFieldCopy) != 0);
  CHECK(has_removed(doc, "B1", "article_adlist"));
  check_absent(doc, {"澎湃新闻", "中国新闻网", "article_adlist"});
}

TEST_CASE("B1: a visible editor line beats the editor of an article_adlist comment") {
  std::string body = p(kP1) + p(kP2) + p(kP3) +
                     "<!--article_adlist[<p>责任编辑：张三丰</p>]article_adlist-->\n"
                     "<p class=\"article-editor\">责任编辑：李四海 </p>\n";
  Document doc = run(hexo(body));
  REQUIRE(doc.meta.editor);
  CHECK(doc.meta.editor->value == "李四海");
  CHECK((doc.meta.editor->flags & tifa::kFieldFromComment) == 0);
  check_absent(doc, {"张三丰", "李四海", "责任编辑"});
}

TEST_CASE("B1: a comment editor fills an empty editor field, flagged from_comment") {
  std::string body = p(kP1) + p(kP2) + p(kP3) + "<!--article_adlist[<p>责任编辑：张三丰</p>]article_adlist-->\n";
  Document doc = run(hexo(body));
  REQUIRE(doc.meta.editor);
  CHECK(doc.meta.editor->value == "张三丰");
  CHECK((doc.meta.editor->flags & tifa::kFieldFromComment) != 0);
  CHECK((doc.meta.editor->flags & tifa::kFieldCopy) != 0);
}

TEST_CASE("B2: style, script, iframe, noscript and empty video placeholders are dropped with records") {
  std::string body = p(kP1) +
                     "<style> .appendQr_wrap&#123;border:1px solid #E6E6E6;&#125;</style>\n"
                     "<script>var tracking = \"统计代码\";</script>\n"
                     "<noscript>请启用脚本</noscript>\n"
                     "<iframe src=\"https://example.com/frame.html\">内嵌框架</iframe>\n"
                     "<div class=\"video-2017\"></div>\n" +
                     p(kP2) + p(kP3);
  Document doc = run(hexo(body));
  CHECK(has_removed(doc, "B2", "appendQr_wrap"));
  CHECK(has_removed(doc, "B2", "统计代码"));
  CHECK(has_removed(doc, "B2", "请启用脚本"));
  check_absent(doc, {"appendQr", "{", "&#", "tracking", "统计代码", "请启用脚本", "内嵌框架"});
  REQUIRE(doc.blocks.size() == 4);  // title + 3 paragraphs
}

TEST_CASE("B3: QR widgets (by class and by phrase) are dropped; their images are boilerplate") {
  std::string body = p(kP1) + p(kP2) + p(kP3) +
                     "<div class=\"clearfix appendQr_wrap\">\n"
                     "<div class=\"appendQr_normal\"><img src=\"https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png\"></div>\n"
                     "<div class=\"appendQr_normal_txt\">海量资讯、精准解读，尽在新浪财经APP</div>\n"
                     "</div>\n"
                     "<p>扫描二维码，关注国资小新公众号</p>\n"
                     "<p>分享到：微信 微博</p>\n";
  Document doc = run(hexo(body));
  CHECK(has_removed(doc, "B3", "海量资讯"));
  CHECK(has_removed(doc, "B3", "扫描二维码"));
  CHECK(has_removed(doc, "B3", "分享到"));
  check_absent(doc, {"海量资讯", "尽在新浪财经APP", "扫描二维码", "分享到", "343233024"});
  CHECK(doc.images.empty());
  REQUIRE(doc.blocks.size() == 4);
}

TEST_CASE("B3: a widget phrase outside the zones is dropped wherever its trigger character falls") {
  // Five paragraphs before and four after keep the line out of the header and trailer zones, where
  // only B3 applies; the padding moves each phrase's first character through every byte offset of
  // a sixteen-byte step and into the last bytes of the line.
  const std::string before = p(kP1) + p(kP2) + p(kP3) + p(kP4) + p(kP5) + p(kP6);
  const std::string after = p(kP2) + p(kP3) + p(kP4) + p(kP5) + p(kP1);
  for (const std::string phrase : {"扫描二维码", "下载新华社客户端", "关注国资小新公众号", "【纠错】", "分享到",
                                   "尽在新浪财经APP", "尽在新浪财经app"}) {
    for (std::size_t lead = 0; lead <= 20; ++lead) {
      for (const std::string ascii : {"", "x", "xy"}) {
        std::string padding = ascii;
        for (std::size_t i = 0; i < lead; ++i) padding += "国";
        const std::string line = padding + phrase;
        CAPTURE(line);
        Document doc = run(hexo(before + "<p>" + line + "</p>\n" + after));
        CHECK(has_removed(doc, "B3", phrase));
        CHECK_FALSE(contains(doc.text, phrase));
      }
    }
  }
}

TEST_CASE("B4: a trailing editor line moves to editor and editor_code; its label goes to removed") {
  Document doc = run(hexo(p(kP1) + p(kP2) + p(kP3) + "<p>责任编辑：梁斌 SF055</p>\n"));
  REQUIRE(doc.meta.editor);
  CHECK(doc.meta.editor->value == "梁斌");
  CHECK(doc.meta.editor->rule == "B4");
  CHECK_FALSE(doc.meta.editor->raw_spans.empty());
  REQUIRE(doc.meta.editor_code);
  CHECK(doc.meta.editor_code->value == "SF055");
  CHECK(has_label(doc, "B4", "责任编辑"));
  check_absent(doc, {"责任编辑", "梁斌", "SF055"});
  REQUIRE(doc.blocks.size() == 4);
}

TEST_CASE("B4: bracketed editor lines, a 、 list and an underscore code") {
  SUBCASE("(责编：汤诗瑶、丁涛)") {
    Document doc = run(hexo(p(kP1) + p(kP2) + p(kP3) + "<p>(责编：汤诗瑶、丁涛)</p>\n"));
    REQUIRE(doc.meta.editor);
    CHECK(doc.meta.editor->value == "汤诗瑶、丁涛");
    CHECK_FALSE(doc.meta.editor_code);
    check_absent(doc, {"责编", "汤诗瑶", "丁涛", "("});
  }
  SUBCASE("[责任编辑：刘斌]") {
    Document doc = run(hexo(p(kP1) + p(kP2) + p(kP3) + "<p>[责任编辑：刘斌]</p>\n"));
    REQUIRE(doc.meta.editor);
    CHECK(doc.meta.editor->value == "刘斌");
    check_absent(doc, {"责任编辑", "刘斌", "[", "]"});
  }
  SUBCASE("责任编辑：荀建国_NN7379") {
    Document doc = run(hexo(p(kP1) + p(kP2) + p(kP3) + "<p>责任编辑：荀建国_NN7379</p>\n"));
    REQUIRE(doc.meta.editor);
    CHECK(doc.meta.editor->value == "荀建国");
    REQUIRE(doc.meta.editor_code);
    CHECK(doc.meta.editor_code->value == "NN7379");
    check_absent(doc, {"荀建国", "NN7379"});
  }
}

TEST_CASE("B5: a header source line moves to source_outlet; the label goes to removed") {
  std::string body = "<p>　　<span style=\"font-family: KaiTi_GB2312, KaiTi;\">来源：国资小新</span></p>\n" + p(kP1) +
                     p(kP2) + p(kP3);
  Document doc = run(hexo(body));
  REQUIRE(doc.meta.source_outlet);
  CHECK(doc.meta.source_outlet->value == "国资小新");
  CHECK(doc.meta.source_outlet->rule == "B5");
  CHECK_FALSE(doc.meta.source_outlet->raw_spans.empty());
  CHECK(has_label(doc, "B5", "来源"));
  check_absent(doc, {"来源", "国资小新"});
  REQUIRE(doc.blocks.size() == 4);
}

TEST_CASE("B5: bracketed, piped and font-split source lines; （ID：…） stays in raw only") {
  SUBCASE("（文章来源：日照日报） glued to the previous </p>") {
    Document doc = run(jekyll("<p>" + kP1 + "</p>\n<p>" + kP2 + "</p><p class=\"em_media\">（文章来源：日照日报）</p>"));
    REQUIRE(doc.meta.source_outlet);
    CHECK(doc.meta.source_outlet->value == "日照日报");
    check_absent(doc, {"文章来源", "日照日报"});
  }
  SUBCASE("来源|九派新闻、新华每日电讯 is kept as written") {
    Document doc = run(hexo("<p>来源|九派新闻、新华每日电讯</p>\n" + p(kP1) + p(kP2) + p(kP3)));
    REQUIRE(doc.meta.source_outlet);
    CHECK(doc.meta.source_outlet->value == "九派新闻、新华每日电讯");
    check_absent(doc, {"九派新闻"});
  }
  SUBCASE("<font>来源</font><font>丨经济日报（ID：jjrbwx）</font>") {
    Document doc = run(hexo("<p><font>来源</font><font>丨经济日报（ID：jjrbwx）</font></p>\n" + p(kP1) + p(kP2) + p(kP3)));
    REQUIRE(doc.meta.source_outlet);
    CHECK(doc.meta.source_outlet->value == "经济日报");
    CHECK(contains(doc.meta.source_outlet->raw, "（ID：jjrbwx）"));
    check_absent(doc, {"经济日报", "jjrbwx"});
  }
  SUBCASE("本文来自OUTLET，…") {
    Document doc = run(hexo(p(kP1) + p(kP2) + p(kP3) + "<p>本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP</p>\n"));
    REQUIRE(doc.meta.source_outlet);
    CHECK(doc.meta.source_outlet->value == "澎湃新闻");
    check_absent(doc, {"本文来自"});
  }
}

TEST_CASE("B5: 图片来源 is a caption, not a source; a source line in the middle of a long article stays") {
  std::string body = p(kP1) +
                     "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/a.jpg\" alt></div>\n"
                     "<p>图片来源：视觉中国</p>\n" +
                     p(kP2) + p(kP3) + p(kP4) + p(kP5) + p(kP6) + "<p>来源：某市人民政府办公室</p>\n" + p(kP1) + p(kP2) +
                     p(kP3) + p(kP4) + p(kP5) + p(kP6);
  Document doc = run(hexo(body));
  const Block* caption = find_block(doc, "图片来源：视觉中国");
  REQUIRE(caption);
  CHECK(caption->type == BlockType::kCaption);
  // The quoted document's source line is block 9 of 14 body blocks: outside both zones.
  CHECK(find_block(doc, "来源：某市人民政府办公室"));
  CHECK_FALSE(doc.meta.source_outlet);
}

TEST_CASE("B6: original title, inferred subtitle and the following source line (seed 004 shape)") {
  std::string body = "<p>　　原标题：韩俊主持召开研究国资国企改革有关工作专题会议</p>\n"
                     "<p>　　进一步深化国资国企改革 切实提升国企市场竞争力</p>\n"
                     "<p>　　来源：吉林日报</p>\n"
                     "<p>　　本报讯（记者何琳娣 于小博）8月25日，省委副书记、省长韩俊主持召开研究国资国企改革有关工作专题会议。</p>\n" +
                     p(kP2) + p(kP3);
  Document doc = run(hexo(body));
  REQUIRE(doc.meta.original_title);
  CHECK(doc.meta.original_title->value == "韩俊主持召开研究国资国企改革有关工作专题会议");
  CHECK(doc.meta.original_title->rule == "B6");
  REQUIRE(doc.meta.subtitle);
  CHECK(doc.meta.subtitle->value == "进一步深化国资国企改革 切实提升国企市场竞争力");
  CHECK((doc.meta.subtitle->flags & tifa::kFieldSubtitleInferred) != 0);
  REQUIRE(doc.meta.source_outlet);
  CHECK(doc.meta.source_outlet->value == "吉林日报");
  CHECK(has_label(doc, "B6", "原标题"));
  check_absent(doc, {"原标题", "进一步深化国资国企改革 切实", "来源"});
  REQUIRE(doc.blocks.size() == 4);
  CHECK(starts_with(text_of(doc, doc.blocks[1]), "本报讯（记者何琳娣 于小博）8月25日，"));
}

TEST_CASE("B6: a one-line 原标题：… 来源：… is split; the tail goes to B5") {
  Document doc = run(hexo("<p>　　原标题：全国首个省域5G网络实现全覆盖 来源：央视新闻客户端</p>\n" + p(kP1) + p(kP2) + p(kP3)));
  REQUIRE(doc.meta.original_title);
  CHECK(doc.meta.original_title->value == "全国首个省域5G网络实现全覆盖");
  REQUIRE(doc.meta.source_outlet);
  CHECK(doc.meta.source_outlet->value == "央视新闻客户端");
  CHECK_FALSE(doc.meta.subtitle);
  check_absent(doc, {"原标题", "央视新闻客户端", "全覆盖"});
}

TEST_CASE("B6: a bracketed （原标题：…） loses its brackets in the value") {
  Document doc = run(hexo("<p>（原标题：单项奖金100万美元，中国科学家获奖）</p>\n" + p(kP1) + p(kP2) + p(kP3)));
  REQUIRE(doc.meta.original_title);
  CHECK(doc.meta.original_title->value == "单项奖金100万美元，中国科学家获奖");
  check_absent(doc, {"原标题", "单项奖金"});
}

TEST_CASE("B7: standalone reporter and correspondent lines move to reporters/correspondents") {
  SUBCASE("seed 002 shape: 全媒体记者 and an unsplit 通讯员 run") {
    Document doc = run(jekyll("<p>全媒体记者王大鹏</p>\n <p>通讯员许祥波唐娜</p>\n <p>" + kP1 + "</p>\n <p>" + kP2 +
                              "</p>\n <p>" + kP3 + "</p>"));
    REQUIRE(doc.meta.reporters.size() == 1);
    CHECK(doc.meta.reporters[0].name == "王大鹏");
    CHECK(doc.meta.reporters[0].role == "全媒体记者");
    REQUIRE(doc.meta.correspondents.size() == 1);
    CHECK(doc.meta.correspondents[0].name == "许祥波唐娜");
    CHECK((doc.meta.correspondents[0].flags & tifa::kFieldNamesUnsplit) != 0);
    CHECK((doc.meta.reporters[0].flags & tifa::kFieldCopy) == 0);
    check_absent(doc, {"全媒体记者", "通讯员", "王大鹏", "许祥波"});
  }
  SUBCASE("证券时报记者 江聃: affiliation 证券时报, never the outlet") {
    Document doc = run(hexo("<p>证券时报记者 江聃</p>\n" + p(kP1) + p(kP2) + p(kP3)));
    REQUIRE(doc.meta.reporters.size() == 1);
    CHECK(doc.meta.reporters[0].name == "江聃");
    CHECK(doc.meta.reporters[0].role == "记者");
    CHECK(doc.meta.reporters[0].affiliation == "证券时报");
    CHECK_FALSE(doc.meta.source_outlet);
    check_absent(doc, {"江聃", "证券时报"});
  }
  SUBCASE("（深圳商报驻京记者 宋华）") {
    Document doc = run(hexo("<p>（深圳商报驻京记者 宋华）</p>\n" + p(kP1) + p(kP2) + p(kP3)));
    REQUIRE(doc.meta.reporters.size() == 1);
    CHECK(doc.meta.reporters[0].name == "宋华");
    CHECK(doc.meta.reporters[0].role == "驻京记者");
    CHECK(doc.meta.reporters[0].affiliation == "深圳商报");
  }
  SUBCASE("（总台央视记者 徐宁宁 杨毅）: two names split at the space") {
    Document doc = run(hexo("<p>（总台央视记者 徐宁宁 杨毅）</p>\n" + p(kP1) + p(kP2) + p(kP3)));
    CHECK(names(doc.meta.reporters) == std::vector<std::string>{"徐宁宁", "杨毅"});
    for (const auto& one : doc.meta.reporters) CHECK(one.affiliation == "总台央视");
    check_absent(doc, {"徐宁宁", "杨毅"});
  }
  SUBCASE("华夏时报（www…）记者 王悦 徐芸茜 北京报道") {
    Document doc = run(hexo("<p>华夏时报（www.chinatimes.net.cn）记者 王悦 徐芸茜 北京报道</p>\n" + p(kP1) + p(kP2) + p(kP3)));
    CHECK(names(doc.meta.reporters) == std::vector<std::string>{"王悦", "徐芸茜"});
    REQUIRE_FALSE(doc.meta.reporters.empty());
    CHECK(starts_with(doc.meta.reporters[0].affiliation, "华夏时报"));
    check_absent(doc, {"王悦", "chinatimes"});
  }
  SUBCASE("►文 观察者网 陶梦: role 文, affiliation 观察者网") {
    Document doc = run(hexo("<p>►文 观察者网 陶梦</p>\n" + p(kP1) + p(kP2) + p(kP3)));
    REQUIRE(doc.meta.reporters.size() == 1);
    CHECK(doc.meta.reporters[0].name == "陶梦");
    CHECK(doc.meta.reporters[0].role == "文");
    CHECK(doc.meta.reporters[0].affiliation == "观察者网");
    CHECK_FALSE(doc.meta.source_outlet);
  }
  SUBCASE("作者：余源（e-mail）: role 作者") {
    Document doc = run(hexo("<p>作者：余源（andyy1988@126.com）</p>\n" + p(kP1) + p(kP2) + p(kP3)));
    REQUIRE(doc.meta.reporters.size() == 1);
    CHECK(doc.meta.reporters[0].name == "余源");
    CHECK(doc.meta.reporters[0].role == "作者");
    check_absent(doc, {"余源", "andyy1988"});
  }
  SUBCASE("记者 in running text is not a byline") {
    Document doc = run(hexo(p(kP1) + "<p>　　“确保全市国资国企工作虎年开门稳、开门红。”市国资委党委书记、主任陈凯告诉记者。</p>\n" + p(kP2)));
    CHECK(doc.meta.reporters.empty());
    CHECK(contains(doc.text, "陈凯告诉记者。"));
  }
}

TEST_CASE("B7: bylines=block keeps the credit line as a byline block and fills meta as well") {
  Options options;
  options.bylines = tifa::BylineMode::kBlock;
  Document doc = run(jekyll("<p>全媒体记者王大鹏</p>\n <p>" + kP1 + "</p>\n <p>" + kP2 + "</p>\n <p>" + kP3 + "</p>"),
                     options);
  const Block* byline = find_block(doc, "全媒体记者王大鹏");
  REQUIRE(byline);
  CHECK(byline->type == BlockType::kByline);
  REQUIRE(doc.meta.reporters.size() == 1);
  CHECK(doc.meta.reporters[0].name == "王大鹏");
  CHECK(doc.meta.reporters[0].role == "全媒体记者");
  // I10: the paragraph texts do not change with the option.
  Document meta_mode = run(jekyll("<p>全媒体记者王大鹏</p>\n <p>" + kP1 + "</p>\n <p>" + kP2 + "</p>\n <p>" + kP3 + "</p>"));
  CHECK(texts(doc, BlockType::kParagraph) == texts(meta_mode, BlockType::kParagraph));
}

TEST_CASE("B8: navigation links before the first or after the last body block are dropped") {
  std::string tail = "<http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202202142275117111>\n\n"
                     "[返回日照日报新闻](//finews.withounder.com/category/rizhaoribao.html)｜[返回首页](//finews.withounder.com/)\n";
  Document doc = run(jekyll("<p>" + kP1 + "</p>\n <p>" + kP2 + "</p>", tail));
  CHECK(has_removed(doc, "B8", "返回首页"));
  check_absent(doc, {"返回", "首页", "withounder", "](", "["});
  REQUIRE(doc.meta.url);
  CHECK_FALSE(contains(doc.meta.url->value, "withounder"));  // never from navigation links (M6)

  SUBCASE("on consecutive lines with ../ URLs") {
    Document two = run(jekyll("<p>" + kP1 + "</p>\n <p>" + kP2 + "</p>", "[返回东财滚动新闻](../emnews/)\n[返回首页](../)\n"));
    CHECK(has_removed(two, "B8", "返回东财滚动新闻"));
    check_absent(two, {"返回", "首页", "emnews", "../"});
    CHECK_FALSE(two.meta.url);
    REQUIRE(two.blocks.size() == 3);
  }
}

TEST_CASE("B9: a trailing autolink moves to url; <> is dropped with no URL; an inline autolink keeps its URL") {
  Document doc = run(jekyll("<p>" + kP1 + "</p>\n <p>" + kP2 + "</p>",
                            "<http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202206082404519285>\n"));
  REQUIRE(doc.meta.url);
  CHECK(doc.meta.url->value == "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202206082404519285");
  CHECK(doc.meta.url->rule == "B9");
  check_absent(doc, {"http", "finews.", "<", ">"});

  Document empty = run(jekyll("<p>" + kP1 + "</p>\n <p>" + kP2 + "</p>", "<>\n\n[返回首页](../)\n"));
  CHECK_FALSE(empty.meta.url);
  check_absent(empty, {"<", ">"});
  REQUIRE(empty.blocks.size() == 3);

  Document in_text = run("# 推动国有企业高质量发展的实践与思考\n\n" + kP1 +
                         "\n\n详情请见<http://www.sasac.gov.cn/n2588025/index.html>发布的通知全文。\n\n" + kP2 + "\n");
  CHECK(find_block(in_text, "详情请见http://www.sasac.gov.cn/n2588025/index.html发布的通知全文。"));
  CHECK_FALSE(in_text.meta.url);  // never from URLs inside the text (M6)
}

TEST_CASE("B9: an inline autolink in a jekyll markdown paragraph keeps its URL without brackets") {
  std::string input = "---\nlayout: post\ntitle: \"标题\"\ndate: 2022-02-14 08:47:41 +0800\n---\n" + kP1 +
                      "\n\n详情请见<http://www.sasac.gov.cn/n2588025/index.html>发布的通知全文。\n\n" + kP2 + "\n";
  Document doc = run(input);
  CHECK(find_block(doc, "详情请见http://www.sasac.gov.cn/n2588025/index.html发布的通知全文。"));
  check_absent(doc, {"<", ">"});
  CHECK_FALSE(doc.meta.url);
}

TEST_CASE("B10: an empty img_descr slot and whitespace-only elements give no block and no record") {
  std::string body =
      "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/a.jpg\" alt><span class=\"img_descr\"></span></div>\n" +
      p(kP1) + "<p cms-style=\"font-L\">　</p>\n" + p(kP2);
  Document doc = run(hexo(body));
  REQUIRE(doc.blocks.size() == 3);
  CHECK(texts(doc, BlockType::kCaption).empty());
  CHECK(count_removed(doc, "B10") == 0);
}

TEST_CASE("B11: page markers are dropped, pages counted, and a marker after 。 is a paragraph boundary") {
  std::string input = "# 国务院国资委召开中央企业负责人会议部署重点工作\n\n"
                      "发布时间：2021 年 12 月 19 日\n\n" +
                      kP1 + "<PAGE_DIV> \n\n" + kP2 +
                      "各中央企业要加快推进重大任务<PAGE_DIV> \n\n攻关布局，着力打造原创技术策源地。\n";
  Document doc = run(input);
  CHECK(doc.source.pdf_layout);
  CHECK(count_removed(doc, "B11") == 2);
  check_absent(doc, {"<PAGE_DIV>", "PAGE_DIV"});
  const Block* first = find_block(doc, kP1);
  REQUIRE(first);
  CHECK(first->page == 1);
  CHECK((first->flags & tifa::kPageJoin) == 0);
  const Block* joined = find_block(doc, kP2 + "各中央企业要加快推进重大任务攻关布局，着力打造原创技术策源地。");
  REQUIRE(joined);
  CHECK(joined->page == 2);
  CHECK((joined->flags & tifa::kPageJoin) != 0);
  REQUIRE_FALSE(doc.blocks.empty());
  CHECK(doc.blocks[0].page == 1);  // the title is on page 1
}

TEST_CASE("B12: data: URIs, tracking pixels and /w2h2/ images are dropped; a QR headimg is boilerplate") {
  std::string qr = "https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png";
  std::string body = "<div class=\"img_wrapper\"><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt></div>\n" +
                     p(kP1) + "<img src=\"https://beacon.example.com/pixel.gif\" width=\"1\" height=\"1\">\n" + p(kP2) +
                     "<img src=\"https://n.sinaimg.cn/finance/crawl/1/w2h2/20220109/ab12.gif\">\n" + p(kP3) +
                     "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/finance/crawl/117/w640h427/20220109/real.jpg\" alt></div>\n" +
                     p(kP4) + "<div class=\"clearfix appendQr_wrap\"><div class=\"appendQr_normal\"><img src=\"" + qr +
                     "\"></div><div class=\"appendQr_normal_txt\">海量资讯、精准解读，尽在新浪财经APP</div></div>\n";
  Document doc = run(hexo(body, "国务院国资委召开地方国资委负责人会议",
                          "headimg: '" + qr + "'\nthumbnail: '" + qr + "'\n"));
  REQUIRE(doc.images.size() == 1);
  CHECK(doc.images[0].src == "https://n.sinaimg.cn/finance/crawl/117/w640h427/20220109/real.jpg");
  const tifa::ExtraValue* headimg = extra(doc, "headimg");
  REQUIRE(headimg);
  CHECK(headimg->items == std::vector<std::string>{qr});
  CHECK((headimg->flags & tifa::kFieldBoilerplate) != 0);
  const tifa::ExtraValue* thumbnail = extra(doc, "thumbnail");
  REQUIRE(thumbnail);
  CHECK((thumbnail->flags & tifa::kFieldBoilerplate) != 0);
}

TEST_CASE("B13: a prefix byline is copied to reporters (flag copy); the text stays") {
  std::string body = "<p>　　来源：吉林日报</p>\n"
                     "<p>　　本报讯（记者何琳娣 于小博）8月25日，省委副书记、省长韩俊主持召开研究国资国企改革有关工作专题会议。</p>\n" +
                     p(kP2) + p(kP3);
  Document doc = run(hexo(body));
  CHECK(names(doc.meta.reporters) == std::vector<std::string>{"何琳娣", "于小博"});
  for (const auto& one : doc.meta.reporters) CHECK((one.flags & tifa::kFieldCopy) != 0);
  REQUIRE(doc.meta.source_outlet);
  CHECK(doc.meta.source_outlet->value == "吉林日报");  // B5 found it: no dateline outlet
  CHECK(block_containing(doc, "本报讯（记者何琳娣 于小博）8月25日，"));
}

TEST_CASE("B13: the inline byline is marked on its block as byline_span") {
  std::string body = "<p>　　来源：吉林日报</p>\n"
                     "<p>　　本报讯（记者何琳娣 于小博）8月25日，省委副书记、省长韩俊主持召开研究国资国企改革有关工作专题会议。</p>\n" +
                     p(kP2) + p(kP3);
  Document doc = run(hexo(body));
  const Block* block = block_containing(doc, "本报讯（记者何琳娣 于小博）8月25日，");
  REQUIRE(block);
  REQUIRE(block->byline_span);
  std::string byline = doc.text.substr(block->byline_span->begin, block->byline_span->size());
  CHECK(contains(byline, "何琳娣 于小博"));
}

TEST_CASE("B13: a dateline outlet fills an empty source_outlet, flagged from_dateline") {
  SUBCASE("武汉晚报讯（记者李玉莹）") {
    Document doc = run(hexo("<p>　　武汉晚报讯（记者李玉莹）" + kP1 + "</p>\n" + p(kP2) + p(kP3)));
    CHECK(names(doc.meta.reporters) == std::vector<std::string>{"李玉莹"});
    REQUIRE(doc.meta.source_outlet);
    CHECK(doc.meta.source_outlet->value == "武汉晚报");
    CHECK((doc.meta.source_outlet->flags & tifa::kFieldFromDateline) != 0);
    CHECK(contains(doc.text, "武汉晚报讯（记者李玉莹）"));
  }
  SUBCASE("中新网广州6月22日电 （唐贵江 关悦）") {
    Document doc = run(hexo("<p>　　中新网广州6月22日电 （唐贵江 关悦）" + kP1 + "</p>\n" + p(kP2) + p(kP3)));
    CHECK(names(doc.meta.reporters) == std::vector<std::string>{"唐贵江", "关悦"});
    REQUIRE(doc.meta.source_outlet);
    CHECK(doc.meta.source_outlet->value == "中新网");
    CHECK((doc.meta.source_outlet->flags & tifa::kFieldFromDateline) != 0);
    CHECK(contains(doc.text, "唐贵江 关悦"));
  }
  SUBCASE("【深圳商报讯】（首席记者 王海荣）") {
    Document doc = run(hexo("<p>　　【深圳商报讯】（首席记者 王海荣）" + kP1 + "</p>\n" + p(kP2) + p(kP3)));
    REQUIRE(doc.meta.reporters.size() == 1);
    CHECK(doc.meta.reporters[0].name == "王海荣");
    CHECK(doc.meta.reporters[0].role == "首席记者");
    REQUIRE(doc.meta.source_outlet);
    CHECK(doc.meta.source_outlet->value == "深圳商报");
    CHECK(contains(doc.text, "【深圳商报讯】"));
  }
  SUBCASE("南方财经全媒体见习记者程浩 东莞报道") {
    Document doc = run(hexo("<p>　　南方财经全媒体见习记者程浩 东莞报道 " + kP1 + "</p>\n" + p(kP2) + p(kP3)));
    REQUIRE(doc.meta.reporters.size() == 1);
    CHECK(doc.meta.reporters[0].name == "程浩");
    CHECK(doc.meta.reporters[0].role == "见习记者");
    CHECK(doc.meta.reporters[0].affiliation == "南方财经全媒体");
    CHECK(contains(doc.text, "见习记者程浩"));
  }
}

TEST_CASE("B13: trailing credits: （记者安蓓） is copied; （财联社） fills an empty outlet (from_trailing_credit)") {
  Document doc = run(hexo(p(kP1) + p(kP2) + "<p>　　" + kP3 + "（记者安蓓）</p>\n" + "<p>　　" + kP4 + "（财联社）</p>\n"));
  CHECK(names(doc.meta.reporters) == std::vector<std::string>{"安蓓"});
  CHECK((doc.meta.reporters[0].flags & tifa::kFieldCopy) != 0);
  REQUIRE(doc.meta.source_outlet);
  CHECK(doc.meta.source_outlet->value == "财联社");
  CHECK((doc.meta.source_outlet->flags & tifa::kFieldFromTrailingCredit) != 0);
  CHECK(contains(doc.text, kP3 + "（记者安蓓）"));
  CHECK(contains(doc.text, kP4 + "（财联社）"));

  SUBCASE("（综编） and a bare name are not outlets") {
    Document plain = run(hexo(p(kP1) + p(kP2) + "<p>　　" + kP3 + "（张树超）</p>\n" + "<p>　　" + kP4 + "（综编）</p>\n"));
    CHECK_FALSE(plain.meta.source_outlet);
    CHECK(contains(plain.text, "（综编）"));
    CHECK(contains(plain.text, "（张树超）"));
  }
  SUBCASE("a B5 outlet is not replaced by a trailing one") {
    Document both = run(hexo("<p>来源：国资小新</p>\n" + p(kP1) + p(kP2) + "<p>　　" + kP4 + "(央视新闻)</p>\n"));
    REQUIRE(both.meta.source_outlet);
    CHECK(both.meta.source_outlet->value == "国资小新");
    CHECK(contains(both.text, kP4 + "（央视新闻）"));  // P2 converts the pair
  }
}

TEST_CASE("B14: photo and chart credit lines move to credits with role, names and affiliation") {
  Document doc = run(hexo(p(kP1) + p(kP2) + p(kP3) + "<p>图表：张海彤</p>\n<p>头图摄影丨新华社 刘颖</p>\n"));
  const tifa::Person* chart = person(doc.meta.credits, "张海彤");
  REQUIRE(chart);
  CHECK(chart->role == "chart");
  const tifa::Person* photo = person(doc.meta.credits, "刘颖");
  REQUIRE(photo);
  CHECK(photo->role == "photo");
  CHECK(photo->affiliation == "新华社");
  check_absent(doc, {"图表", "张海彤", "摄影", "刘颖"});
  CHECK(doc.meta.reporters.empty());
  REQUIRE(doc.blocks.size() == 4);
}

TEST_CASE("B15: a header 发布时间 line moves to published_at; its label goes to removed") {
  std::string input = "# 国务院国资委召开中央企业负责人会议部署重点工作\n\n发布时间：2021 年 12 月 19 日\n\n" + kP1 +
                      "\n\n" + kP2 + "\n";
  Document doc = run(input);
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->iso == "2021-12-19");
  CHECK(doc.meta.published_at->precision == "day");
  CHECK_FALSE(doc.meta.published_at->tz_explicit);
  CHECK(doc.meta.published_at->utc == "2021-12-18T16:00:00Z");
  CHECK(doc.meta.published_at->local_date == "2021-12-19");
  CHECK(doc.meta.published_at->raw == "2021 年 12 月 19 日");
  CHECK(has_label(doc, "B15", "发布时间"));
  check_absent(doc, {"发布时间", "2021 年"});
}

TEST_CASE("B16: a print-edition line moves to print_edition (outlet, date, page)") {
  std::string input = "领导干部须强化三种意识\n" + kP1 + "\n" + kP2 + "\n" + kP3 +
                      "\n《 人民日报海外版 》（ 2021年09月20日   第 03 版）\n";
  Document doc = run(input);
  REQUIRE(doc.meta.print_edition);
  CHECK(doc.meta.print_edition->outlet.value == "人民日报海外版");
  REQUIRE(doc.meta.print_edition->date);
  CHECK(doc.meta.print_edition->date->iso == "2021-09-20");
  CHECK(doc.meta.print_edition->date->precision == "day");
  CHECK(doc.meta.print_edition->page == "03");
  check_absent(doc, {"人民日报海外版", "版）"});
  // M2 and M4 fallbacks: the print-edition date and outlet, when nothing better exists.
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->iso == "2021-09-20");
  REQUIRE(doc.meta.source_outlet);
  CHECK(doc.meta.source_outlet->value == "人民日报海外版");
}

TEST_CASE("B17: a first body block equal to the title (whitespace and quotes folded) is dropped") {
  SUBCASE("plain repeat") {
    Document doc = run(hexo("<p>　　浙江出台 招商引资新政策</p>\n" + p(kP1) + p(kP2) + p(kP3), "浙江出台招商引资新政策"));
    CHECK(has_removed(doc, "B17", "浙江出台"));
    REQUIRE(doc.blocks.size() == 4);
    CHECK(text_of(doc, doc.blocks[1]) == kP1);
  }
  SUBCASE("bold repeat with curly quotes against ASCII quotes in the front matter") {
    Document doc = run(hexo("<p><strong>平度市委书记就“强拆”事件道歉</strong></p>\n" + p(kP1) + p(kP2) + p(kP3),
                            "平度市委书记就\"强拆\"事件道歉"));
    CHECK(has_removed(doc, "B17", "道歉"));
    REQUIRE(doc.blocks.size() == 4);
    CHECK(texts(doc, BlockType::kHeading).empty());
  }
  SUBCASE("spaces and curly quotes in the title, none in the block") {
    Document doc = run(hexo("<p>浙江出台\"招商引资\"新政策</p>\n" + p(kP1) + p(kP2) + p(kP3),
                            " 浙江出台 “招商引资”　新政策"));
    CHECK(has_removed(doc, "B17", "浙江出台"));
    REQUIRE(doc.blocks.size() == 4);
  }
  SUBCASE("ASCII, a four-byte character and spaces of every width in the block") {
    Document doc = run(hexo("<p>A股 迎来\xC2\xA0‘😀’新政策\t（2022）</p>\n" + p(kP1) + p(kP2) + p(kP3),
                            "A股迎来'😀'新政策（2022）"));
    CHECK(has_removed(doc, "B17", "新政策"));
    REQUIRE(doc.blocks.size() == 4);
  }
  SUBCASE("a title that opens with a curly quote, a block that opens with spaces and an ASCII quote") {
    Document doc = run(hexo("<p>　 \"强拆\"事件道歉</p>\n" + p(kP1) + p(kP2) + p(kP3), "“强拆”事件道歉"));
    CHECK(has_removed(doc, "B17", "道歉"));
    REQUIRE(doc.blocks.size() == 4);
  }
  SUBCASE("a block whose first character differs from the title's stays") {
    Document doc = run(hexo("<p>　　新浙江出台招商引资新政策</p>\n" + p(kP1) + p(kP2) + p(kP3), "浙江出台招商引资新政策"));
    CHECK_FALSE(has_removed(doc, "B17", "浙江出台"));
    CHECK(find_block(doc, "新浙江出台招商引资新政策"));
  }
  SUBCASE("a block that only begins with the title stays") {
    Document doc = run(hexo("<p>浙江出台招商引资新政策了</p>\n" + p(kP1) + p(kP2) + p(kP3), "浙江出台 招商引资新政策"));
    CHECK_FALSE(has_removed(doc, "B17", "浙江出台"));
    CHECK(find_block(doc, "浙江出台招商引资新政策了"));
  }
}

TEST_CASE("B13: only the first two and the last two non-empty blocks are looked at, in a long body") {
  // The first paragraph is only a hashtag lead: B18 empties it, so the next two are the first two.
  // The bylines of the middle paragraphs stay unread; the second to last one's credit is read.
  Document doc = run(hexo("<p>【#话题#】</p>\n"
                          "<p>　　本报讯（记者何琳娣）" + kP1 + "</p>\n" +
                          "<p>　　武汉晚报讯（记者李玉莹）" + kP2 + "</p>\n" +
                          "<p>　　新华社北京电（记者唐霁）" + kP3 + "</p>\n" +
                          "<p>　　" + kP4 + "（记者王悦）</p>\n" +
                          "<p>　　" + kP1 + "（记者安蓓）</p>\n" + p(kP2)));
  CHECK(has_removed(doc, "B18", "#话题#"));
  CHECK(names(doc.meta.reporters) == std::vector<std::string>{"何琳娣", "李玉莹", "安蓓"});
}

TEST_CASE("B18: a hashtag lead 【#…#】 at the start of the first paragraph is dropped; the rest stays") {
  Document doc = run(hexo("<p>　　【#100万吨国家钾肥储备投放保春耕#】记者21日了解到，国家钾肥储备投放工作已经启动。</p>\n" +
                          p(kP2) + p(kP3)));
  CHECK(has_removed(doc, "B18", "#100万吨国家钾肥储备投放保春耕#"));
  CHECK(find_block(doc, "记者21日了解到，国家钾肥储备投放工作已经启动。"));
  check_absent(doc, {"#", "【"});
  CHECK(doc.meta.reporters.empty());
}

TEST_CASE("B19: end markers （完） and （全文完） are dropped at the end of the last paragraph or as a block") {
  Document doc = run(hexo(p(kP1) + p(kP2) + "<p>　　" + kP3 + "（完）</p>\n"));
  CHECK(has_removed(doc, "B19", "（完）"));
  CHECK(find_block(doc, kP3));
  check_absent(doc, {"（完）"});

  Document block = run(hexo(p(kP1) + p(kP2) + p(kP3) + "<p>（全文完）</p>\n"));
  CHECK(has_removed(block, "B19", "全文完"));
  REQUIRE(block.blocks.size() == 4);
  check_absent(block, {"全文完"});
}

TEST_CASE("B20: a short line with a domain that occurs twice is a watermark; every copy is dropped") {
  std::string watermark = "人民网强国社区(http://bbs.people.com.cn)";
  std::string input = "领导干部须强化三种意识\n" + kP1 + "\n" + watermark + "\n" + kP2 + "\n" + kP3 + "\n" + watermark +
                      "\n" + kP4 + "\n";
  Document doc = run(input);
  CHECK(count_removed(doc, "B20") == 2);
  check_absent(doc, {"强国社区", "bbs.people"});
  CHECK_FALSE(doc.meta.url);  // never from watermark lines (M6)
  CHECK(find_block(doc, kP4));
}

TEST_CASE("B21: a <caption> equal to the block just before the table is dropped") {
  std::string body = p(kP1) +
                     "<p>表1 2021年1—11月份规模以上工业企业主要财务指标</p>"
                     "<table><caption>表1 2021年1—11月份规模以上工业企业主要财务指标</caption>"
                     "<tr><td>行业</td><td>营业收入</td></tr><tr><td>采矿业</td><td>46000</td></tr></table>\n" +
                     p(kP2) + p(kP3);
  Document doc = run(hexo(body));
  CHECK(has_removed(doc, "B21", "表1 2021年1—11月份"));
  std::size_t copies = 0;
  for (const auto& text : all_texts(doc)) {
    if (text == "表1 2021年1—11月份规模以上工业企业主要财务指标") ++copies;
  }
  CHECK(copies == 1);
  CHECK(find_block(doc, "行业\t营业收入"));
}

TEST_CASE("B22: stock-quote injections are dropped; the linked stock name stays inline") {
  std::string body = p(kP1) +
                     "<p>　　中国人民银行党委书记、<span id=\"stock_sh601988\"><a class=\"keyword\" "
                     "href=\"https://finance.sina.com.cn/realstock/company/sh601988/nc.shtml\">中国银行</a></span>"
                     "<span id=\"quote_sh601988\">（3.05，+0.33%）</span>保险监督管理委员会主席郭树清出席会议并讲话。</p>\n" +
                     p(kP2) + p(kP3);
  Document doc = run(hexo(body));
  CHECK(find_block(doc, "中国人民银行党委书记、中国银行保险监督管理委员会主席郭树清出席会议并讲话。"));
  CHECK(has_removed(doc, "B22", "3.05"));
  check_absent(doc, {"3.05", "+0.33%"});
}

// =====================================================================================
// M: metadata
// =====================================================================================

TEST_CASE("M1: hexo/jekyll titles come from the front matter verbatim; _ between Han gets title_underscore") {
  Document doc = run(hexo(p(kP1) + p(kP2), "100个_无废城市_要来了"));
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value == "100个_无废城市_要来了");
  REQUIRE_FALSE(doc.blocks.empty());
  CHECK(doc.blocks[0].type == BlockType::kTitle);
  CHECK(text_of(doc, doc.blocks[0]) == "100个_无废城市_要来了");
  CHECK((doc.blocks[0].flags & tifa::kTitleUnderscore) != 0);

  Document quotes = run(hexo(p(kP1) + p(kP2), "\"十四五\"商务发展施工图发布"));
  REQUIRE(quotes.meta.title);
  CHECK(quotes.meta.title->value == "\"十四五\"商务发展施工图发布");
  CHECK((quotes.blocks[0].flags & tifa::kTitleUnderscore) == 0);

  Document post = run(jekyll("<p>" + kP1 + "</p>"));
  REQUIRE(post.meta.title);
  CHECK(post.meta.title->value == "我市国资国企奋战虎年开门红");
}

TEST_CASE("M1: a caller title hint beats the front matter") {
  tifa::Input hint;
  hint.title = "调用方给出的标题";
  Document doc = run(hexo(p(kP1) + p(kP2)), {}, hint);
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value == "调用方给出的标题");
}

TEST_CASE("M1: markdown takes the first # line as title") {
  Document doc = run("# 国企改革三年行动取得重要阶段性成果\n\n" + kP1 + "\n\n" + kP2 + "\n");
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value == "国企改革三年行动取得重要阶段性成果");
  REQUIRE_FALSE(doc.blocks.empty());
  CHECK(text_of(doc, doc.blocks[0]) == "国企改革三年行动取得重要阶段性成果");
  check_absent(doc, {"# "});
}

TEST_CASE("M1: an html page takes its <h1>; the <title> goes to extra.html_title") {
  std::string html_title = "国资委部署下半年重点工作_网易新闻";
  Document doc = run(page("<title>" + html_title + "</title>\n", "<h1>国资委部署下半年重点工作</h1>\n", page_body()));
  CHECK(doc.source.html_page);
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value == "国资委部署下半年重点工作");
  REQUIRE_FALSE(doc.blocks.empty());
  CHECK(doc.blocks[0].type == BlockType::kTitle);
  const tifa::ExtraValue* kept = extra(doc, "html_title");
  REQUIRE(kept);
  CHECK(kept->items == std::vector<std::string>{html_title});
}

TEST_CASE("M1: without <h1> an html page takes og:title") {
  Document doc = run(page("<title>国资委部署重点工作_网易新闻</title>\n<meta property=\"og:title\" content=\"国资委部署下半年重点工作\">\n",
                          "", page_body()));
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value == "国资委部署下半年重点工作");
}

TEST_CASE("M1: a truncated og:title falls back to <title> minus the site suffix") {
  Document doc = run(page("<title>某地项目接连停工 扩张的某某集团\"隐忧\"显现？_网易财经</title>\n"
                          "<meta property=\"og:title\" content=\"某地项目接连停工 扩张的某某集团\" 隐忧\"显现？\"=\"\">\n",
                          "", page_body()));
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value == "某地项目接连停工 扩张的某某集团\"隐忧\"显现？");
}

TEST_CASE("M1: the site suffix starts at the left-most separator with a short site-word remainder") {
  Document decision = run(page("<title>全国人民代表大会常务委员会关于批准国务院机构改革方案的决议__2007年第23号国务院公报_中国政府网</title>\n",
                               "", page_body()));
  REQUIRE(decision.meta.title);
  CHECK(decision.meta.title->value == "全国人民代表大会常务委员会关于批准国务院机构改革方案的决议");

  Document deqing = run(page("<title>1-10月德清县固定资产投资结构趋稳趋优</title>\n", "", page_body()));
  REQUIRE(deqing.meta.title);
  CHECK(deqing.meta.title->value == "1-10月德清县固定资产投资结构趋稳趋优");
}

TEST_CASE("M1: plain text takes a short first line followed by a non-blank line") {
  Document doc = run("发挥党建作用 唱响和谐乐章\n" + kP1 + "\n" + kP2 + "\n");
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value == "发挥党建作用 唱响和谐乐章");  // title spaces are kept
  REQUIRE_FALSE(doc.blocks.empty());
  CHECK(doc.blocks[0].type == BlockType::kTitle);
  CHECK_FALSE(has_warning(doc, "no_title"));
}

TEST_CASE("M1: plain text without a title line gives no title and warning no_title") {
  SUBCASE("the first line ends in 。") {
    Document doc = run("领导干部须强化三种意识。\n" + kP1 + "\n");
    CHECK_FALSE(doc.meta.title);
    CHECK(has_warning(doc, "no_title"));
    REQUIRE_FALSE(doc.blocks.empty());
    CHECK(doc.blocks[0].type != BlockType::kTitle);
    CHECK(starts_with(doc.text, "领导干部须强化三种意识。"));
  }
  SUBCASE("the first line has more than 40 code points") {
    Document doc = run(kP1.substr(0, kP1.size() - 3) + "\n" + kP2 + "\n");  // P1 without its 。: 50 code points
    CHECK_FALSE(doc.meta.title);
    CHECK(has_warning(doc, "no_title"));
  }
  SUBCASE("the first line is followed by a blank line") {
    Document doc = run("领导干部须强化三种意识\n\n" + kP1 + "\n" + kP2 + "\n");
    CHECK_FALSE(doc.meta.title);
    CHECK(has_warning(doc, "no_title"));
  }
  SUBCASE("the first line is a B-rule line") {
    Document doc = run("来源：人民网\n" + kP1 + "\n" + kP2 + "\n");
    CHECK_FALSE(doc.meta.title);
    CHECK(has_warning(doc, "no_title"));
  }
}

TEST_CASE("M2: a caller date (tifa::Input::date) beats the front-matter date") {
  tifa::Input hint;
  hint.date = "2022-03-01T10:00:00+08:00";
  Document doc = run(jekyll("<p>" + kP1 + "</p>"), {}, hint);
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->iso == "2022-03-01T10:00:00+08:00");
  CHECK(doc.meta.published_at->tz_explicit);
}

TEST_CASE("M2: a caller date and a front-matter date more than a day apart give date_conflict") {
  tifa::Input hint;
  hint.date = "2022-03-01T10:00:00+08:00";
  Document doc = run(jekyll("<p>" + kP1 + "</p>"), {}, hint);
  CHECK(has_warning(doc, "date_conflict"));
}

TEST_CASE("M2: the front-matter date beats a header date line; within one day there is no conflict") {
  Document conflict = run(jekyll("<p>发布时间：2022-03-20</p>\n<p>" + kP1 + "</p>\n<p>" + kP2 + "</p>"));
  REQUIRE(conflict.meta.published_at);
  CHECK(conflict.meta.published_at->iso == "2022-02-14T08:47:41+08:00");
  CHECK(conflict.meta.published_at->precision == "second");
  CHECK(conflict.meta.published_at->tz_explicit);
  CHECK(has_warning(conflict, "date_conflict"));

  Document close = run(jekyll("<p>发布时间：2022年2月14日</p>\n<p>" + kP1 + "</p>\n<p>" + kP2 + "</p>"));
  REQUIRE(close.meta.published_at);
  CHECK(close.meta.published_at->iso == "2022-02-14T08:47:41+08:00");
  CHECK_FALSE(has_warning(close, "date_conflict"));
}

TEST_CASE("M2: the front-matter date beats a print-edition date; more than a day apart gives date_conflict") {
  Document doc = run(hexo(p(kP1) + p(kP2) + p(kP3) + "<p>《 人民日报 》（ 2011年03月21日 01 版）</p>\n"));
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->iso == "2022-01-09T13:39:16+00:00");
  REQUIRE(doc.meta.print_edition);
  REQUIRE(doc.meta.print_edition->date);
  CHECK(doc.meta.print_edition->date->iso == "2011-03-21");
  CHECK(doc.meta.print_edition->page == "01");
  CHECK(has_warning(doc, "date_conflict"));
}

TEST_CASE("M2: RFC 1123 GMT dates: offset +00:00, explicit, local date in Beijing") {
  std::string input = "\n---\ntitle: '标题'\nauthor: 新浪财经\ndate: Wed, 31 Aug 2022 23:55:09 GMT\n---\n\n<div>\n" + p(kP1) +
                      "</div>\n";
  Document doc = run(input);
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->iso == "2022-08-31T23:55:09+00:00");
  CHECK(doc.meta.published_at->utc == "2022-08-31T23:55:09Z");
  CHECK(doc.meta.published_at->local_date == "2022-09-01");
  CHECK(doc.meta.published_at->tz_explicit);
  CHECK_FALSE(has_warning(doc, "weekday_mismatch"));
}

TEST_CASE("M2: a front-matter date that does not parse keeps its raw form with a null value") {
  Document bad = run(jekyll(p(kP1) + p(kP2), "", "下周一"));
  REQUIRE(bad.meta.published_at);
  CHECK(bad.meta.published_at->iso.empty());
  CHECK(bad.meta.published_at->raw == "下周一");
  CHECK(bad.meta.published_at->rule == "R1");
  CHECK(has_warning(bad, "date_unparsable"));
  CHECK_FALSE(has_warning(bad, "no_date"));
}

TEST_CASE("M2: a front-matter date that does not parse gives way to a date line and stays in extra") {
  // run() checks I1: the unparsable date's characters need a home once the date line wins.
  Document doc = run(jekyll("<p>发布时间：2022-02-14 08:47</p>\n" + p(kP1) + p(kP2), "", "下周一"));
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->rule == "B15");
  CHECK(doc.meta.published_at->iso == "2022-02-14T08:47+08:00");
  const tifa::ExtraValue* kept = extra(doc, "date");
  REQUIRE(kept != nullptr);
  CHECK(kept->items == std::vector<std::string>{"下周一"});
  REQUIRE(kept->raw_spans.size() == 1);
  CHECK(kept->raw_spans.front().size() == std::string_view("下周一").size());
  CHECK(has_warning(doc, "date_unparsable"));
}

TEST_CASE("M2: a second front-matter date that does not parse stays in extra") {
  Document doc = run(jekyll(p(kP1) + p(kP2), "", "下周一", "date: 下周二\n"));
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->raw == "下周一");
  CHECK(doc.meta.published_at->iso.empty());
  const tifa::ExtraValue* kept = extra(doc, "date");
  REQUIRE(kept != nullptr);
  CHECK(kept->items == std::vector<std::string>{"下周二"});
}

TEST_CASE("M2: html head meta beats the header date line; PubDate is minute precision, assumed") {
  std::string header = "<h1>国资委部署下半年重点工作</h1>\n<div class=\"post_info\">2016-11-22 18:30:00　来源: 每日经济新闻</div>\n";
  Document doc = run(page("<title>国资委部署下半年重点工作_网易新闻</title>\n<meta name=\"PubDate\" content=\"2016-11-22 09:53\">\n",
                          header, page_body()));
  REQUIRE(doc.meta.published_at);
  CHECK(starts_with(doc.meta.published_at->iso, "2016-11-22T09:53"));
  CHECK(doc.meta.published_at->utc == "2016-11-22T01:53:00Z");
  CHECK(doc.meta.published_at->precision == "minute");
  CHECK_FALSE(doc.meta.published_at->tz_explicit);
  CHECK_FALSE(has_warning(doc, "date_conflict"));
  REQUIRE(doc.meta.source_outlet);
  CHECK(doc.meta.source_outlet->value == "每日经济新闻");
  check_absent(doc, {"2016-11-22", "来源"});
}

TEST_CASE("M2: an html header date line without head meta gives the date (H3)") {
  std::string header = "<h1>国资委部署下半年重点工作</h1>\n<div class=\"post_info\">2019年06月15日08:18  来源：人民网-文化频道</div>\n";
  Document doc = run(page("<title>国资委部署下半年重点工作--文化--人民网</title>\n", header, page_body()));
  REQUIRE(doc.meta.published_at);
  CHECK(starts_with(doc.meta.published_at->iso, "2019-06-15T08:18"));
  CHECK(doc.meta.published_at->precision == "minute");
  CHECK_FALSE(doc.meta.published_at->tz_explicit);
  REQUIRE(doc.meta.source_outlet);
  CHECK(doc.meta.source_outlet->value == "人民网-文化频道");
}

TEST_CASE("M2: no date anywhere gives null and warning no_date; a month-day without year is no date") {
  Document doc = run("领导干部须强化三种意识\n1月9日，" + kP1 + "\n" + kP2 + "\n");
  CHECK_FALSE(doc.meta.published_at);
  CHECK(has_warning(doc, "no_date"));
}

TEST_CASE("M2: a dateline with a full year is the last fallback, flagged from_dateline") {
  Document doc = run("领导干部须强化三种意识\n2021年12月8日讯 " + kP1 + "\n" + kP2 + "\n");
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->iso == "2021-12-08");
  CHECK(doc.meta.published_at->precision == "day");
  CHECK((doc.meta.published_at->flags & tifa::kFieldFromDateline) != 0);
  CHECK(contains(doc.text, "2021年12月8日讯"));
}

TEST_CASE("M3: people in order of first appearance, never twice; editor and correspondents kept apart") {
  std::string body = "<p>（本报记者 何琳娣）</p>\n<p>通讯员 王晓明</p>\n"
                     "<p>　　本报讯（记者何琳娣 于小博）8月25日，省委副书记、省长韩俊主持召开专题会议。</p>\n" +
                     p(kP2) + p(kP3) + "<p>责任编辑：王珊珊</p>\n";
  Document doc = run(hexo(body));
  CHECK(names(doc.meta.reporters) == std::vector<std::string>{"何琳娣", "于小博"});
  CHECK(names(doc.meta.correspondents) == std::vector<std::string>{"王晓明"});
  REQUIRE(doc.meta.editor);
  CHECK(doc.meta.editor->value == "王珊珊");
  CHECK_FALSE(person(doc.meta.reporters, "王珊珊"));
}

TEST_CASE("M4: publisher is the republishing platform; source_outlet the original outlet") {
  Document doc = run(hexo("<p>来源：吉林日报</p>\n" + p(kP1) + p(kP2)));
  REQUIRE(doc.meta.publisher);
  CHECK(doc.meta.publisher->value == "新浪财经");
  REQUIRE(doc.meta.source_outlet);
  CHECK(doc.meta.source_outlet->value == "吉林日报");

  // Jekyll finews posts have no publisher; categories and tags are never outlets.
  Document post = run(jekyll("<p>" + kP1 + "</p>\n<p>" + kP2 + "</p>"));
  CHECK_FALSE(post.meta.publisher);
  CHECK_FALSE(post.meta.source_outlet);

  // HTML pages: og:site_name, else the <title> site suffix.
  Document site = run(page("<title>国资委部署下半年重点工作_网易新闻</title>\n<meta property=\"og:site_name\" content=\"网易\">\n",
                           "<h1>国资委部署下半年重点工作</h1>\n", page_body()));
  REQUIRE(site.meta.publisher);
  CHECK(site.meta.publisher->value == "网易");
  Document suffix = run(page("<title>国资委部署下半年重点工作_网易新闻</title>\n", "<h1>国资委部署下半年重点工作</h1>\n", page_body()));
  REQUIRE(suffix.meta.publisher);
  CHECK(suffix.meta.publisher->value == "网易新闻");
}

TEST_CASE("M5: original_title is trimmed, keeps internal spaces and column tags") {
  Document doc = run(hexo("<p>　　原标题：1-7月西安市经济 延续稳定恢复态势（锐财经）　</p>\n" + p(kP1) + p(kP2) + p(kP3)));
  REQUIRE(doc.meta.original_title);
  CHECK(doc.meta.original_title->value == "1-7月西安市经济 延续稳定恢复态势（锐财经）");
  CHECK_FALSE(doc.meta.subtitle);
}

TEST_CASE("M6: URL precedence: autolink, else canonical, else og:url; never navigation or image URLs") {
  Document autolink = run(jekyll("<p>" + kP1 + "</p>\n<p>" + kP2 + "</p>",
                                 "<http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW1>\n\n[返回首页](//finews.withounder.com/)\n"));
  REQUIRE(autolink.meta.url);
  CHECK(autolink.meta.url->value == "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW1");

  Document canonical = run(page("<title>国资委部署工作_网易新闻</title>\n"
                                "<link rel=\"canonical\" href=\"https://www.163.com/news/article/H1.html\">\n"
                                "<meta property=\"og:url\" content=\"https://www.163.com/news/article/OG.html\">\n",
                                "<h1>国资委部署工作</h1>\n", page_body()));
  REQUIRE(canonical.meta.url);
  CHECK(canonical.meta.url->value == "https://www.163.com/news/article/H1.html");

  Document og = run(page("<title>国资委部署工作_网易新闻</title>\n"
                         "<meta property=\"og:url\" content=\"https://www.163.com/news/article/OG.html?a=%E5%9B%BD\">\n",
                         "<h1>国资委部署工作</h1>\n", page_body()));
  REQUIRE(og.meta.url);
  CHECK(og.meta.url->value == "https://www.163.com/news/article/OG.html?a=%E5%9B%BD");  // no percent-decoding

  Document none = run(jekyll("<p><img src=\"https://n.sinaimg.cn/w640h427/a.jpg\"></p>\n<p>" + kP1 + "</p>\n<p>" + kP2 + "</p>",
                             "[返回东财滚动新闻](../emnews/)\n[返回首页](../)\n"));
  CHECK_FALSE(none.meta.url);
}

TEST_CASE("M7: a Sina /w550h70/ banner is kept but flagged decorative; a photo is not") {
  std::string body =
      "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/finance/crawl/620/w550h70/20220109/9efe.png\" alt></div>\n" +
      p(kP1) + "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/finance/crawl/117/w550h367/20220109/ddd2.jpg\" alt></div>\n" +
      p(kP2) + "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/finance/crawl/117/w600h110/20220109/wide.jpg\" alt></div>\n" +
      p(kP3);
  Document doc = run(hexo(body));
  REQUIRE(doc.images.size() == 3);
  CHECK(doc.images[0].decorative);       // h < 100
  CHECK_FALSE(doc.images[1].decorative);
  CHECK(doc.images[2].decorative);       // 600/110 >= 5
  CHECK(doc.images[0].before_block == 1);
}

TEST_CASE("M7: a size of more digits than any number holds is read without overflow") {
  // Found by the C API fuzz target: twenty digits of width overflowed a long (undefined behaviour,
  // which the sanitizer build of this test reports). Sizes past a billion pixels count as a billion.
  std::string body =
      "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/a/w99999999999999999999h70/b.png\" alt></div>\n" +
      p(kP1) + "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/a/w600h99999999999999999999/c.png\" alt></div>\n" +
      p(kP2) + "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/a/w99999999999999999999h200/d.png\" alt></div>\n" +
      p(kP3);
  Document doc = run(hexo(body));
  REQUIRE(doc.images.size() == 3);
  CHECK(doc.images[0].decorative);        // h 70 < 100
  CHECK_FALSE(doc.images[1].decorative);  // a tall image: 600 / 10^9 < 5
  CHECK(doc.images[2].decorative);        // 10^9 / 200 >= 5
}

TEST_CASE("M7: a front-matter headimg adds no image; the body <img> with the same URL is listed once") {
  std::string url = "https://n.sinaimg.cn/finance/crawl/117/w550h367/20220109/ddd2.jpg";
  Document doc = run(hexo("<div class=\"img_wrapper\"><img src=\"" + url + "\" alt></div>\n" + p(kP1) + p(kP2),
                          "国务院国资委召开地方国资委负责人会议", "headimg: '" + url + "'\n"));
  REQUIRE(doc.images.size() == 1);
  CHECK(doc.images[0].src == url);
  REQUIRE(extra(doc, "headimg"));
  CHECK((extra(doc, "headimg")->flags & tifa::kFieldBoilerplate) == 0);
}

TEST_CASE("M8: categories and tags verbatim, a scalar as a one-item list; other keys in extra") {
  Document doc = run(hexo(p(kP1), "标题", "tags: 国资国企\nheadimg: 'https://n.sinaimg.cn/a.jpg'\n"));
  CHECK(doc.meta.categories == std::vector<std::string>{"金融", "新浪财经"});
  CHECK(doc.meta.tags == std::vector<std::string>{"国资国企"});
  REQUIRE(extra(doc, "comments"));
  CHECK(extra(doc, "comments")->items == std::vector<std::string>{"false"});
  REQUIRE(extra(doc, "headimg"));
  CHECK(extra(doc, "headimg")->items == std::vector<std::string>{"https://n.sinaimg.cn/a.jpg"});
  CHECK_FALSE(extra(doc, "categories"));
  CHECK_FALSE(extra(doc, "title"));

  Document folded = run("---\ntitle: 标题\ncategories:\n - 新浪财经－国內\ndate: 2022-02-14 08:47:41 +0800\n---\n<p>" + kP1 + "</p>\n");
  CHECK(folded.meta.categories == std::vector<std::string>{"新浪财经－国內"});  // U+FF0D and U+5167 kept

  Document post = run(jekyll("<p>" + kP1 + "</p>"));
  CHECK(post.meta.categories == std::vector<std::string>{"rizhaoribao"});
  CHECK(post.meta.tags == std::vector<std::string>{"日照日报新闻"});
  REQUIRE(extra(post, "layout"));
  CHECK(extra(post, "layout")->items == std::vector<std::string>{"post"});

  Document html = run(page("<title>国资委部署工作_网易新闻</title>\n<meta name=\"keywords\" content=\"国资委,国企改革\">\n"
                           "<meta name=\"description\" content=\"国资委部署下半年重点工作。\">\n",
                           "<h1>国资委部署工作</h1>\n", page_body()));
  REQUIRE(extra(html, "keywords"));
  CHECK(extra(html, "keywords")->items == std::vector<std::string>{"国资委,国企改革"});
  REQUIRE(extra(html, "description"));
  CHECK(extra(html, "description")->items == std::vector<std::string>{"国资委部署下半年重点工作。"});
}

// =====================================================================================
// D: decoding
// =====================================================================================

TEST_CASE("D6: CRLF and lone CR become LF; a NUL is dropped with warning control_char") {
  std::string input = "发挥党建作用 唱响和谐乐章\r\n" + kP1 + "\r\n" + kP2 + "\r" + kP3 + "\r\n";
  Document doc = run(input);
  CHECK_FALSE(contains(doc.text, "\r"));
  CHECK(all_texts(doc) == std::vector<std::string>{"发挥党建作用 唱响和谐乐章", kP1, kP2, kP3});

  std::string bytes = "发挥党建作用 唱响和谐乐章\n国企";
  bytes.push_back('\0');
  bytes += "改革" + kP1 + "\n";
  Document nul = run(bytes);
  CHECK(has_warning(nul, "control_char"));
  CHECK(find_block(nul, "国企改革" + kP1));
  CHECK(nul.text.find('\0') == std::string::npos);
}

TEST_CASE("D7: empty input gives an empty Document and warning empty_input") {
  Document doc = run("");
  CHECK(doc.text.empty());
  CHECK(doc.blocks.empty());
  CHECK(has_warning(doc, "empty_input"));
}

TEST_CASE("D7: input over max_input_bytes is a tifa::Error with code kLimit") {
  Options options;
  options.max_input_bytes = 16;
  std::string input = "发挥党建作用 唱响和谐乐章\n" + kP1;
  bool thrown = false;
  try {
    (void)tifa::Pipeline(options).process(input);
  } catch (const tifa::Error& error) {
    thrown = true;
    CHECK(error.code() == tifa::ErrorCode::kLimit);
  }
  CHECK(thrown);
  // Exactly at the limit is fine.
  options.max_input_bytes = input.size();
  CHECK_NOTHROW((void)tifa::Pipeline(options).process(input));
}

// =====================================================================================
// §9 options, each flipped once
// =====================================================================================

TEST_CASE("option fullwidth_punct: P1/P2 convert ASCII , ( ) by default and not when false") {
  std::string body = "<p>本报讯(绵报融媒记者安达福)6月7日,全市重点工作推进会召开,各县(市、区)负责同志参加会议。</p>\n" + p(kP2) + p(kP3);
  Document on = run(hexo(body));
  CHECK(find_block(on, "本报讯（绵报融媒记者安达福）6月7日，全市重点工作推进会召开，各县（市、区）负责同志参加会议。"));
  Options options;
  options.fullwidth_punct = false;
  Document off = run(hexo(body), options);
  CHECK(find_block(off, "本报讯(绵报融媒记者安达福)6月7日,全市重点工作推进会召开,各县(市、区)负责同志参加会议。"));
  CHECK_FALSE(has_edit(off, "P1"));
  CHECK_FALSE(has_edit(off, "P2"));
}

TEST_CASE("option cjk_space_repair: N4/N5 only in PDF text by default, everywhere with all, nowhere with none") {
  std::string body = "<p>　　会议总结 2021 年工作，推动人工 智能等技术融合发展。</p>\n" + p(kP2) + p(kP3);
  Document pdf = run(hexo(body));  // not PDF-derived: spaces stay
  CHECK(find_block(pdf, "会议总结 2021 年工作，推动人工 智能等技术融合发展。"));
  Options all;
  all.cjk_space_repair = tifa::CjkSpaceRepair::kAll;
  Document everywhere = run(hexo(body), all);
  CHECK(find_block(everywhere, "会议总结2021年工作，推动人工智能等技术融合发展。"));

  std::string pdf_input = "# 国务院国资委召开中央企业负责人会议部署重点工作\n\n发布时间：2023 年 7 月 17 日\n\n"
                          "7 月 13 日至 14 日，国务院国资委举办研讨班，等 6 家企业作了交流发言。\n\n" + kP2 + "\n";
  Document repaired = run(pdf_input);
  CHECK(find_block(repaired, "7月13日至14日，国务院国资委举办研讨班，等6家企业作了交流发言。"));
  Options none;
  none.cjk_space_repair = tifa::CjkSpaceRepair::kNone;
  Document kept = run(pdf_input, none);
  CHECK(find_block(kept, "7 月 13 日至 14 日，国务院国资委举办研讨班，等 6 家企业作了交流发言。"));
}

TEST_CASE("option title_wrap_repair: N9(b) removes wrap spaces by default; false keeps them, title_space_ambiguous") {
  // The title of seed 001 (spec §8): lines of 26, 26 and 2 code points.
  std::string input = "# 国务院国资委举办中央企业负责人研讨班 以更大力度更实 举措做好国资央企工作 不断提高企业核心竞争力增强核心\n\n"
                      "功能\n\n发布时间：2023 年 7 月 17 日\n\n" + kP1 + "\n\n" + kP2 + "\n";
  Document repaired = run(input);
  REQUIRE(repaired.meta.title);
  CHECK(repaired.meta.title->value ==
        "国务院国资委举办中央企业负责人研讨班 以更大力度更实举措做好国资央企工作 不断提高企业核心竞争力增强核心功能");
  REQUIRE_FALSE(repaired.blocks.empty());
  CHECK((repaired.blocks[0].flags & tifa::kTitleWrapMerged) != 0);
  CHECK((repaired.blocks[0].flags & tifa::kTitleWrapSpaceRemoved) != 0);
  CHECK_FALSE(find_block(repaired, "功能"));

  Options options;
  options.title_wrap_repair = false;
  Document kept = run(input, options);
  REQUIRE(kept.meta.title);
  CHECK(kept.meta.title->value ==
        "国务院国资委举办中央企业负责人研讨班 以更大力度更实 举措做好国资央企工作 不断提高企业核心竞争力增强核心功能");
  REQUIRE_FALSE(kept.blocks.empty());
  CHECK((kept.blocks[0].flags & tifa::kTitleSpaceAmbiguous) != 0);
  CHECK((kept.blocks[0].flags & tifa::kTitleWrapMerged) != 0);  // N9(a) always runs
}

TEST_CASE("option page_marker: a custom marker is a page break; \"\" turns markers off") {
  std::string input = "# 国务院国资委召开中央企业负责人会议部署重点工作\n\n" + kP1 + "[[PAGE]]\n\n" + kP2 + "\n";
  Options custom;
  custom.page_marker = "[[PAGE]]";
  Document doc = run(input, custom);
  CHECK(count_removed(doc, "B11") == 1);
  check_absent(doc, {"[[PAGE]]"});
  const Block* second = find_block(doc, kP2);
  REQUIRE(second);
  CHECK(second->page == 2);

  // With the default marker, "[[PAGE]]" is ordinary text.
  Document default_marker = run(input);
  CHECK(count_removed(default_marker, "B11") == 0);
  CHECK(contains(default_marker.text, "[[PAGE]]"));

  Options off;
  off.page_marker = "";
  Document no_pages = run("# 国务院国资委召开中央企业负责人会议部署重点工作\n\n" + kP1 + "<PAGE_DIV>\n\n" + kP2 + "\n", off);
  CHECK(count_removed(no_pages, "B11") == 0);
  for (const auto& block : no_pages.blocks) {
    CHECK((block.flags & tifa::kPageJoin) == 0);
    CHECK(block.page <= 1);
  }
}

TEST_CASE("option bylines: meta drops the credit line from text, block keeps it as a byline block") {
  std::string input = jekyll("<p>通讯员许祥波唐娜</p>\n <p>" + kP1 + "</p>\n <p>" + kP2 + "</p>");
  Document meta_mode = run(input);
  check_absent(meta_mode, {"通讯员"});
  Options options;
  options.bylines = tifa::BylineMode::kBlock;
  Document block_mode = run(input, options);
  const Block* byline = find_block(block_mode, "通讯员许祥波唐娜");
  REQUIRE(byline);
  CHECK(byline->type == BlockType::kByline);
  REQUIRE(block_mode.meta.correspondents.size() == 1);
  CHECK(block_mode.meta.correspondents[0].name == "许祥波唐娜");
}

TEST_CASE("option meta_from_comments: false copies nothing from article_adlist comments") {
  std::string input = hexo(p(kP1) + p(kP2) + "<!--article_adlist[<p>来源：中国新闻网</p>]article_adlist-->\n");
  Document on = run(input);
  REQUIRE(on.meta.source_outlet);
  CHECK(on.meta.source_outlet->value == "中国新闻网");
  CHECK((on.meta.source_outlet->flags & tifa::kFieldFromComment) != 0);
  Options options;
  options.meta_from_comments = false;
  Document off = run(input, options);
  CHECK_FALSE(off.meta.source_outlet);
  CHECK(has_removed(off, "B1", "中国新闻网"));  // the comment is still dropped
}

TEST_CASE("option main_content: auto drops navigation, related lists and footers; off keeps every visible block") {
  std::string input = page("<title>国资委部署下半年重点工作_网易新闻</title>\n", "<h1>国资委部署下半年重点工作</h1>\n", page_body());
  Document doc = run(input);
  CHECK(doc.source.html_page);
  REQUIRE_FALSE(doc.blocks.empty());
  CHECK(text_of(doc, doc.blocks[0]) == "国资委部署下半年重点工作");
  check_absent(doc, {"网易首页", "新闻中心", "登录", "相关新闻", "版权所有", "多地出台政策"});
  CHECK(find_block(doc, kP1));
  CHECK(find_block(doc, kP6));
  CHECK(count_removed(doc, "H2") >= 1);

  Options options;
  options.main_content = false;
  Document off = run(input, options);
  CHECK(contains(off.text, "网易首页"));
  CHECK(contains(off.text, "相关新闻"));
  CHECK(find_block(off, kP1));
  CHECK(find_block(off, kP6));
}

TEST_CASE("option images: false collects no images and changes no text") {
  std::string body = "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/a.jpg\" alt></div>\n" + p(kP1) + p(kP2);
  Document on = run(hexo(body));
  CHECK(on.images.size() == 1);
  Options options;
  options.images = false;
  Document off = run(hexo(body), options);
  CHECK(off.images.empty());
  CHECK(off.text == on.text);
}

TEST_CASE("option captions: false moves caption text to removed (R5/R9) and keeps images[].caption") {
  std::string body = "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/a.jpg\" alt>"
                     "<span class=\"img_descr\">会议现场的主会场</span></div>\n" +
                     p(kP1) + "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/b.jpg\" alt></div>\n"
                     "<p>图为会议现场。</p>\n" + p(kP2) + p(kP3);
  Options options;
  options.captions = false;
  Document doc = run(hexo(body), options);
  check_absent(doc, {"会议现场的主会场", "图为会议现场"});
  CHECK(texts(doc, BlockType::kCaption).empty());
  CHECK(has_removed(doc, "R5", "会议现场的主会场"));
  CHECK(has_removed(doc, "R9", "图为会议现场。"));
  REQUIRE(doc.images.size() == 2);
  REQUIRE(doc.images[0].caption);
  CHECK(*doc.images[0].caption == "会议现场的主会场");
  Document on = run(hexo(body));
  CHECK(texts(on, BlockType::kParagraph) == texts(doc, BlockType::kParagraph));  // I10
}

TEST_CASE("option captions: false keeps an inferred caption in images[].caption") {
  std::string body = p(kP1) + "<div class=\"img_wrapper\"><img src=\"https://n.sinaimg.cn/w640h427/b.jpg\" alt></div>\n"
                     "<p>图为会议现场。</p>\n" + p(kP2) + p(kP3);
  Options options;
  options.captions = false;
  Document doc = run(hexo(body), options);
  CHECK(has_removed(doc, "R9", "图为会议现场。"));
  REQUIRE(doc.images.size() == 1);
  REQUIRE(doc.images[0].caption);
  CHECK(*doc.images[0].caption == "图为会议现场。");
}

TEST_CASE("option tables: drop removes table rows with rule R8 records") {
  std::string body = p(kP1) + "<table><tr><td>地区</td><td>利润总额</td></tr><tr><td>东部地区</td><td>52000</td></tr></table>\n" + p(kP2);
  Options options;
  options.tables = tifa::TableMode::kDrop;
  Document doc = run(hexo(body), options);
  check_absent(doc, {"利润总额", "东部地区", "\t"});
  CHECK(has_removed(doc, "R8", "利润总额"));
  CHECK(has_removed(doc, "R8", "东部地区"));
  CHECK(all_texts(doc) == std::vector<std::string>{"国务院国资委召开地方国资委负责人会议", kP1, kP2});
}

TEST_CASE("option assume_offset: a date without a zone takes the given offset, tz assumed") {
  std::string input = jekyll("<p>" + kP1 + "</p>", "", "2021-12-08 10:39:01");
  Document doc = run(input);
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->iso == "2021-12-08T10:39:01+08:00");
  CHECK(doc.meta.published_at->utc == "2021-12-08T02:39:01Z");
  CHECK_FALSE(doc.meta.published_at->tz_explicit);
  Options options;
  options.assume_offset = "+09:00";
  Document tokyo = run(input, options);
  REQUIRE(tokyo.meta.published_at);
  CHECK(tokyo.meta.published_at->iso == "2021-12-08T10:39:01+09:00");
  CHECK(tokyo.meta.published_at->utc == "2021-12-08T01:39:01Z");
  CHECK_FALSE(tokyo.meta.published_at->tz_explicit);
}

TEST_CASE("option verify: a correct document gets no invariant_failed warning") {
  Options options;
  options.verify = true;
  Document doc = tifa::Pipeline(options).process(
      hexo("<p>来源：国资小新</p>\n" + p(kP1) + p(kP2) + "<p class=\"article-editor\">责任编辑：冯体炜 </p>\n"));
  for (const auto& warning : doc.warnings) {
    CAPTURE(warning.message);
    CHECK(warning.code.rfind("invariant_failed", 0) == std::string::npos);
  }
  CHECK_FALSE(doc.blocks.empty());
}

TEST_CASE("N2: a newline inside an HTML paragraph is source layout and becomes one space") {
  Options options;
  options.format = tifa::Format::kHtml;
  Document doc = run("<p>本文来源：证券市场红周刊\n      责任编辑：杨倩</p>", options);
  const Block* block = find_block(doc, "本文来源：证券市场红周刊 责任编辑：杨倩");
  REQUIRE(block != nullptr);
  bool n2 = false;
  for (const auto& edit : block->edits) n2 = n2 || (edit.rule == "N2" && edit.before == "\n      ");
  CHECK(n2);
}

TEST_CASE("N7: a newline inside a markdown paragraph between Han characters is a soft wrap") {
  Options options;
  options.format = tifa::Format::kMarkdown;
  Document doc = run("推动制造业与互联网、大数据、人工\n智能等技术融合。\n", options);
  CHECK(find_block(doc, "推动制造业与互联网、大数据、人工智能等技术融合。") != nullptr);
}

TEST_CASE("B15/H3: a short line of a whole page that starts with a date is the page's date line") {
  std::string article;
  for (int i = 0; i < 12; ++i) article += "国有企业改革深化提升行动扎实推进，各项任务落实落地。";
  std::string page = "<!DOCTYPE html><html><head><title>标题</title></head><body>"
                     "<div class=\"nav\"><a href=\"/\">首页</a></div>"
                     "<h1>国企改革取得新进展</h1><div class=\"info\"><span>2019-09-24 09:10</span></div>"
                     "<div class=\"article-content\"><p>2019年2月27日，" + article + "</p><p>" + article +
                     "</p></div></body></html>";
  Document doc = run(page);
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->raw == "2019-09-24 09:10");
  CHECK(doc.meta.published_at->utc == "2019-09-24T01:10:00Z");
  CHECK_FALSE(doc.meta.published_at->tz_explicit);
  CHECK(doc.text.find("2019-09-24") == std::string::npos);
  // A sentence that starts with a date is body text, never the date line.
  CHECK(doc.text.find("2019年2月27日，国有企业改革") != std::string::npos);
}
