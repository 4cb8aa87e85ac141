// The five seeds, read: format, front matter verbatim in meta, paragraphs as clean separate
// blocks. Expected values are taken by hand from the seed files and spec/cleaning.md §8.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "paths.hpp"
#include "tifa/pipeline.hpp"

namespace {

tifa::Document process_seed(const std::string& prefix) {
  for (const auto& path : tifa::test::seed_files()) {
    if (path.filename().string().rfind(prefix, 0) == 0) {
      return tifa::Pipeline().process(tifa::test::read_file(path));
    }
  }
  FAIL("seed not found: " << prefix);
  return {};
}

std::vector<std::string> block_texts(const tifa::Document& doc) {
  std::vector<std::string> out;
  for (const auto& block : doc.blocks) out.push_back(doc.text.substr(block.span.begin, block.span.size()));
  return out;
}

const tifa::ExtraValue* extra(const tifa::Document& doc, const std::string& key) {
  for (const auto& value : doc.meta.extra) {
    if (value.key == key) return &value;
  }
  return nullptr;
}

bool has_block_starting(const tifa::Document& doc, const std::string& prefix) {
  auto texts = block_texts(doc);
  return std::any_of(texts.begin(), texts.end(),
                     [&](const std::string& t) { return t.rfind(prefix, 0) == 0; });
}

// No block is empty or holds markup, CSS or comment text.
void check_blocks_clean(const tifa::Document& doc) {
  for (const std::string& text : block_texts(doc)) {
    CAPTURE(text);
    CHECK(!text.empty());
    for (const char* bad : {"<p", "</", "<!--", "-->", "{border", "&#", "&nbsp;", "<PAGE_DIV>",
                            "appendQr", "news_keyword_pub", "<div", "<span", "<img"}) {
      CHECK(text.find(bad) == std::string::npos);
    }
  }
}

}  // namespace

TEST_CASE("seed 000 is hexo with its front matter verbatim in meta") {
  tifa::Document doc = process_seed("000_");
  CHECK(doc.source.format == tifa::Format::kHexo);
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value ==
        "国务院国资委召开地方国资委负责人会议暨地方国有企业改革领导小组办公室主任会议");
  CHECK(doc.meta.categories == std::vector<std::string>{"金融", "新浪财经", "新浪财经－国內"});
  REQUIRE(doc.meta.publisher);
  CHECK(doc.meta.publisher->value == "新浪财经");
  REQUIRE(extra(doc, "headimg"));
  CHECK(extra(doc, "headimg")->items.front() ==
        "https://n.sinaimg.cn/finance/crawl/620/w550h70/20220109/"
        "9efe-8cf72507c2aeecbf54a3002e071c94b7.png");
  REQUIRE(extra(doc, "comments"));
  CHECK(extra(doc, "comments")->items.front() == "false");
  REQUIRE(extra(doc, "thumbnail"));
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->raw == "Sun, 09 Jan 2022 13:39:16 GMT");
  check_blocks_clean(doc);
  CHECK(has_block_starting(doc, "1月9日，国务院国资委以视频方式召开"));
  CHECK(has_block_starting(doc, "国务院国资委总会计师、副秘书长，"));
  CHECK(doc.text.find("海量资讯") == std::string::npos);
  CHECK(doc.text.find("　") == std::string::npos);  // the U+3000 indents are stripped
}

TEST_CASE("seed 001 is PDF-derived markdown with two pages") {
  tifa::Document doc = process_seed("001_");
  CHECK(doc.source.format == tifa::Format::kMarkdown);
  CHECK(doc.source.pdf_layout);
  check_blocks_clean(doc);
  CHECK(has_block_starting(doc, "7月13日至14日，国务院国资委举办中央企业负责人研讨班"));
  int last_page = 0;
  for (const auto& block : doc.blocks) {
    CHECK(block.page >= last_page);
    last_page = block.page;
  }
  CHECK(last_page == 2);
  std::size_t markers = std::count_if(doc.removed.begin(), doc.removed.end(),
                                      [](const tifa::Removed& r) { return r.rule == "B11"; });
  CHECK(markers == 2);
}

TEST_CASE("seed 002 is jekyll; the markdown tail gives the URL and no block") {
  tifa::Document doc = process_seed("002_");
  CHECK(doc.source.format == tifa::Format::kJekyll);
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value == "我市国资国企奋战虎年开门红");
  CHECK(doc.meta.categories == std::vector<std::string>{"rizhaoribao"});
  CHECK(doc.meta.tags == std::vector<std::string>{"日照日报新闻"});
  REQUIRE(extra(doc, "layout"));
  CHECK(extra(doc, "layout")->items.front() == "post");
  REQUIRE(doc.meta.url);
  CHECK(doc.meta.url->value ==
        "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202202142275117111");
  check_blocks_clean(doc);
  // The mis-nested <strong> gives a heading line and a separate plain paragraph (R3).
  auto texts = block_texts(doc);
  auto heading = std::find(texts.begin(), texts.end(), "抓项目求突破，坚持稳字当头抓好经济运行");
  REQUIRE(heading != texts.end());
  REQUIRE(heading + 1 != texts.end());
  CHECK((heading + 1)->rfind("抓项目就是抓发展。", 0) == 0);
  for (const char* bad : {"](", "finews.", "返回"}) CHECK(doc.text.find(bad) == std::string::npos);
}

TEST_CASE("seed 003 is jekyll with all paragraphs on one line, read as separate blocks") {
  tifa::Document doc = process_seed("003_");
  CHECK(doc.source.format == tifa::Format::kJekyll);
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value == "围绕重点持续攻坚 聚焦主业提质增效 努力干出绵阳国有企业发展新天地");
  CHECK(doc.meta.categories == std::vector<std::string>{"mianyangribao"});
  CHECK(doc.meta.tags == std::vector<std::string>{"绵阳日报新闻"});
  check_blocks_clean(doc);
  auto texts = block_texts(doc);
  CHECK(std::find(texts.begin(), texts.end(), "市委副书记王华蓉出席。") != texts.end());
  bool ascii = has_block_starting(doc, "本报讯(绵报融媒记者安达福)6月7日，全市重点工作推进会召开，");
  bool fullwidth = has_block_starting(doc, "本报讯（绵报融媒记者安达福）6月7日，全市重点工作推进会召开，");
  CHECK((ascii || fullwidth));
  CHECK(doc.text.find("1—5月") != std::string::npos);
}

TEST_CASE("seed 004 is hexo; the QR headimg is kept in extra, not as an image") {
  tifa::Document doc = process_seed("004_");
  CHECK(doc.source.format == tifa::Format::kHexo);
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value ==
        "吉林省长主持召开国企改革工作会议：广泛推介混改项目 引进产业链上下游具有协同效应的社会资本");
  REQUIRE(extra(doc, "headimg"));
  CHECK(extra(doc, "headimg")->items.front() ==
        "https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png");
  CHECK(doc.images.empty());
  check_blocks_clean(doc);
  CHECK(has_block_starting(doc, "本报讯（记者何琳娣 于小博）8月25日，"));
  CHECK(has_block_starting(doc, "吴靖平、蔡东、李伟、安桂武参加会议。"));
}
