// spec/cleaning.md §8: the expected results for the five seeds, item by item. Every expected
// value below is copied from the spec (or counted by hand in the seed file where the spec gives a
// count), never from the program's output.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "paths.hpp"
#include "tifa/pipeline.hpp"

namespace {

tifa::Document seed(const std::string& prefix, tifa::Options options = {}) {
  for (const auto& path : tifa::test::seed_files()) {
    if (path.filename().string().rfind(prefix, 0) == 0)
      return tifa::Pipeline(options).process(tifa::test::read_file(path));
  }
  FAIL("seed not found: " << prefix);
  return {};
}

std::string text_of(const tifa::Document& doc, const tifa::Block& block) {
  return doc.text.substr(block.span.begin, block.span.size());
}

std::vector<const tifa::Block*> of_type(const tifa::Document& doc, tifa::BlockType type) {
  std::vector<const tifa::Block*> out;
  for (const auto& block : doc.blocks) {
    if (block.type == type) out.push_back(&block);
  }
  return out;
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

const tifa::ExtraValue* extra(const tifa::Document& doc, const std::string& key) {
  for (const auto& value : doc.meta.extra) {
    if (value.key == key) return &value;
  }
  return nullptr;
}

bool removed(const tifa::Document& doc, const std::string& rule, const std::string& text,
             bool label = false) {
  return std::any_of(doc.removed.begin(), doc.removed.end(), [&](const tifa::Removed& r) {
    return r.rule == rule && r.text.find(text) != std::string::npos && (!label || r.label);
  });
}

std::size_t count_edits(const tifa::Document& doc, const std::string& rule) {
  std::size_t n = 0;
  for (const auto& block : doc.blocks) {
    n += static_cast<std::size_t>(std::count_if(block.edits.begin(), block.edits.end(),
                                                [&](const tifa::Edit& e) { return e.rule == rule; }));
  }
  return n;
}

bool has_edit(const tifa::Document& doc, const std::string& rule, const std::string& before) {
  for (const auto& block : doc.blocks) {
    for (const auto& edit : block.edits) {
      if (edit.rule == rule && edit.before == before) return true;
    }
  }
  return false;
}

void check_absent(const tifa::Document& doc, std::initializer_list<const char*> strings) {
  for (const char* s : strings) {
    CAPTURE(s);
    CHECK(doc.text.find(s) == std::string::npos);
  }
}

std::vector<std::string> names(const std::vector<tifa::Person>& people) {
  std::vector<std::string> out;
  for (const auto& p : people) out.push_back(p.name);
  return out;
}

}  // namespace

TEST_CASE("seed 000: title, GMT date, publisher vs outlet, editor, 5 paragraphs, 4 images") {
  tifa::Document doc = seed("000_");
  CHECK(doc.source.format == tifa::Format::kHexo);
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value == "国务院国资委召开地方国资委负责人会议暨地方国有企业改革领导小组办公室主任会议");
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->raw == "Sun, 09 Jan 2022 13:39:16 GMT");
  CHECK(doc.meta.published_at->iso == "2022-01-09T13:39:16+00:00");
  CHECK(doc.meta.published_at->precision == "second");
  CHECK(doc.meta.published_at->tz_explicit);
  CHECK(doc.meta.published_at->local_date == "2022-01-09");
  REQUIRE(doc.meta.publisher);
  CHECK(doc.meta.publisher->value == "新浪财经");
  REQUIRE(doc.meta.source_outlet);
  CHECK(doc.meta.source_outlet->value == "国资小新");
  REQUIRE(doc.meta.editor);
  CHECK(doc.meta.editor->value == "冯体炜");
  CHECK_FALSE(doc.meta.editor_code);
  CHECK(doc.meta.reporters.empty());
  CHECK(doc.meta.categories == std::vector<std::string>{"金融", "新浪财经", "新浪财经－国內"});
  REQUIRE(extra(doc, "headimg"));
  REQUIRE(extra(doc, "thumbnail"));
  CHECK(extra(doc, "thumbnail")->items.front().find("w550h70") != std::string::npos);
  REQUIRE(extra(doc, "comments"));
  CHECK(extra(doc, "comments")->items.front() == "false");

  REQUIRE(doc.blocks.size() == 6);
  CHECK(doc.blocks[0].type == tifa::BlockType::kTitle);
  auto paragraphs = of_type(doc, tifa::BlockType::kParagraph);
  REQUIRE(paragraphs.size() == 5);
  CHECK(starts_with(text_of(doc, *paragraphs[0]), "1月9日，国务院国资委以视频方式召开"));
  CHECK(text_of(doc, *paragraphs[4]) ==
        "国务院国资委总会计师、副秘书长，驻国务院国资委纪检监察组、国务院国资委各厅局负责同志在主会场，"
        "各省、自治区、直辖市及计划单列市和新疆生产建设兵团国资委领导班子成员、国有企业改革领导小组办公室"
        "主任在各地分会场参加会议。");
  // N1 removed the indents: the file has 12 U+3000, all gone.
  CHECK(doc.text.find("　") == std::string::npos);

  REQUIRE(doc.images.size() == 4);
  CHECK(doc.images[0].src.find("/w550h70/") != std::string::npos);
  CHECK(doc.images[0].src.find("9efe-8cf7") != std::string::npos);
  CHECK(doc.images[0].decorative);
  CHECK(doc.images[1].src.find("/w550h230/") != std::string::npos);
  CHECK(doc.images[2].src.find("/w550h367/") != std::string::npos);
  CHECK(doc.images[3].src.find("/w550h310/") != std::string::npos);
  // before paragraphs 1, 2, 3 and 5: block indices 1, 2, 3 and 5 (block 0 is the title)
  CHECK(doc.images[0].before_block == 1);
  CHECK(doc.images[1].before_block == 2);
  CHECK(doc.images[2].before_block == 3);
  CHECK(doc.images[3].before_block == 5);
  for (const auto& image : doc.images) {
    REQUIRE(image.alt);
    CHECK(image.alt->empty());
    CHECK_FALSE(image.caption);
  }

  CHECK(removed(doc, "B5", "来源：", true));
  CHECK(removed(doc, "B4", "责任编辑：", true));
  for (const char* comment : {"news_keyword_pub", "正文下iframe", "总声明", "文末二维码 start", "编辑姓名及工作代码"})
    CHECK(removed(doc, "B1", comment));
  CHECK(removed(doc, "B2", "appendQr_wrap"));
  CHECK(removed(doc, "B3", "尽在新浪财经APP"));
  check_absent(doc, {"来源", "责任编辑", "冯体炜", "海量资讯", "343233024", "appendQr", "{", "&#", "　"});
  // 1月9日 is not a date of the document.
  CHECK(doc.meta.published_at->rule == "R1");
}

TEST_CASE("seed 001: PDF title repair, spaced CJK date, 7 paragraphs on 2 pages, edits") {
  tifa::Document doc = seed("001_");
  CHECK(doc.source.format == tifa::Format::kMarkdown);
  CHECK(doc.source.pdf_layout);
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value ==
        "国务院国资委举办中央企业负责人研讨班 以更大力度更实举措做好国资央企工作 不断提高企业核心竞争力增强核心功能");
  REQUIRE(!doc.blocks.empty());
  CHECK((doc.blocks[0].flags & tifa::kTitleWrapMerged) != 0);
  CHECK((doc.blocks[0].flags & tifa::kTitleWrapSpaceRemoved) != 0);

  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->raw == "2023 年 7 月 17 日");
  CHECK(doc.meta.published_at->iso == "2023-07-17");
  CHECK(doc.meta.published_at->precision == "day");
  CHECK_FALSE(doc.meta.published_at->tz_explicit);
  CHECK(doc.meta.published_at->utc == "2023-07-16T16:00:00Z");
  CHECK(removed(doc, "B15", "发布时间：", true));

  CHECK_FALSE(doc.meta.source_outlet);
  CHECK_FALSE(doc.meta.publisher);
  CHECK(doc.meta.reporters.empty());
  CHECK_FALSE(doc.meta.editor);
  CHECK_FALSE(doc.meta.url);
  CHECK(doc.images.empty());
  CHECK(doc.meta.categories.empty());

  auto paragraphs = of_type(doc, tifa::BlockType::kParagraph);
  REQUIRE(doc.blocks.size() == 8);
  REQUIRE(paragraphs.size() == 7);
  CHECK(doc.blocks[0].page == 1);
  for (int i = 0; i < 3; ++i) CHECK(paragraphs[i]->page == 1);
  for (int i = 3; i < 7; ++i) CHECK(paragraphs[i]->page == 2);
  CHECK(std::count_if(doc.removed.begin(), doc.removed.end(),
                      [](const tifa::Removed& r) { return r.rule == "B11"; }) == 2);
  for (const auto& block : doc.blocks) CHECK((block.flags & tifa::kPageJoin) == 0);
  CHECK(starts_with(text_of(doc, *paragraphs[0]), "7月13日至14日，国务院国资委举办中央企业负责人研讨班，进一步深入学习"));
  CHECK(ends_with(text_of(doc, *paragraphs[6]), "直属事业单位负责同志列席研讨班。"));

  CHECK(count_edits(doc, "P1") == 98);
  std::size_t p1_with_space = 0;
  for (const auto& block : doc.blocks) {
    for (const auto& edit : block.edits) p1_with_space += edit.rule == "P1" && edit.before == ", ";
  }
  CHECK(p1_with_space == 11);
  CHECK(count_edits(doc, "N5") > 0);
  CHECK(count_edits(doc, "N3") >= 2);
  std::size_t semicolons = 0;
  for (std::size_t pos = doc.text.find("；"); pos != std::string::npos; pos = doc.text.find("；", pos + 1)) ++semicolons;
  CHECK(semicolons == 9);
  for (const auto& block : doc.blocks) {
    for (const auto& edit : block.edits) CHECK(edit.before.find("；") == std::string::npos);
  }
  check_absent(doc, {"<PAGE_DIV>", "发布时间", ",", "2023 年", "等 6 家"});
  for (const auto& block : doc.blocks) CHECK(text_of(doc, block) != "功能");
}

TEST_CASE("seed 001 without title_wrap_repair keeps the ambiguous space and flags it") {
  tifa::Options options;
  options.title_wrap_repair = false;
  tifa::Document doc = seed("001_", options);
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value.find("以更大力度更实 举措") != std::string::npos);
  REQUIRE(!doc.blocks.empty());
  CHECK((doc.blocks[0].flags & tifa::kTitleSpaceAmbiguous) != 0);
}

TEST_CASE("seed 002: jekyll, reporters and unsplit correspondents, URL, 5 headings + 13 paragraphs") {
  tifa::Document doc = seed("002_");
  CHECK(doc.source.format == tifa::Format::kJekyll);
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value == "我市国资国企奋战虎年开门红");
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->iso == "2022-02-14T08:47:41+08:00");
  CHECK(doc.meta.published_at->precision == "second");
  CHECK(doc.meta.published_at->tz_explicit);
  CHECK(doc.meta.categories == std::vector<std::string>{"rizhaoribao"});
  CHECK(doc.meta.tags == std::vector<std::string>{"日照日报新闻"});
  REQUIRE(extra(doc, "layout"));
  CHECK(extra(doc, "layout")->items.front() == "post");
  REQUIRE(doc.meta.source_outlet);
  CHECK(doc.meta.source_outlet->value == "日照日报");
  CHECK(names(doc.meta.reporters) == std::vector<std::string>{"王大鹏"});
  REQUIRE(!doc.meta.reporters.empty());
  CHECK(doc.meta.reporters[0].role == "全媒体记者");
  CHECK(names(doc.meta.correspondents) == std::vector<std::string>{"许祥波唐娜"});
  REQUIRE(!doc.meta.correspondents.empty());
  CHECK((doc.meta.correspondents[0].flags & tifa::kFieldNamesUnsplit) != 0);
  CHECK_FALSE(doc.meta.publisher);
  CHECK_FALSE(doc.meta.editor);
  REQUIRE(doc.meta.url);
  CHECK(doc.meta.url->value == "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202202142275117111");

  REQUIRE(doc.blocks.size() == 19);
  std::vector<std::string> expected_headings = {
      "抓项目求突破，坚持稳字当头抓好经济运行", "抓改革求突破，高质量完成三年行动目标任务",
      "抓创新求突破，全面提升国资国企发展质效", "抓安全求突破，牢牢守住不发生重大风险的底线",
      "抓监管求突破，切实增强国有资产监管效能"};
  std::vector<std::string> headings;
  for (const auto* block : of_type(doc, tifa::BlockType::kHeading)) headings.push_back(text_of(doc, *block));
  CHECK(headings == expected_headings);
  CHECK(of_type(doc, tifa::BlockType::kParagraph).size() == 13);
  // order: title, 3 paragraphs, then 5 × (heading, 2 paragraphs)
  for (std::size_t i = 0; i < 5; ++i) {
    REQUIRE(4 + 3 * i + 2 < doc.blocks.size());
    CHECK(doc.blocks[4 + 3 * i].type == tifa::BlockType::kHeading);
    CHECK(doc.blocks[5 + 3 * i].type == tifa::BlockType::kParagraph);
    CHECK(doc.blocks[6 + 3 * i].type == tifa::BlockType::kParagraph);
  }
  CHECK(starts_with(text_of(doc, doc.blocks[5]), "抓项目就是抓发展。"));
  CHECK(doc.text.find("严防PPP、垫资建设") != std::string::npos);
  // N6 joined the letter-spaced capitals: the two spaces of "P P P" are its edits.
  CHECK(count_edits(doc, "N6") == 2);
  CHECK(has_edit(doc, "N6", " "));
  check_absent(doc, {"全媒体记者", "通讯员", "文章来源", "返回", "首页", "finews.", "http", "<", ">", "]("});
  CHECK(doc.text.find("陈凯告诉记者") != std::string::npos);
  CHECK(doc.text.find("工作人员告诉记者") != std::string::npos);
}

TEST_CASE("seed 003: all paragraphs on one line give 9 paragraphs; P2 brackets") {
  tifa::Document doc = seed("003_");
  CHECK(doc.source.format == tifa::Format::kJekyll);
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value == "围绕重点持续攻坚 聚焦主业提质增效 努力干出绵阳国有企业发展新天地");
  CHECK((doc.blocks[0].flags & (tifa::kTitleWrapMerged | tifa::kTitleWrapSpaceRemoved | tifa::kTitleSpaceAmbiguous)) == 0);
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->iso == "2022-06-08T07:26:22+08:00");
  CHECK(doc.meta.published_at->precision == "second");
  CHECK(doc.meta.published_at->tz_explicit);
  CHECK(doc.meta.categories == std::vector<std::string>{"mianyangribao"});
  CHECK(doc.meta.tags == std::vector<std::string>{"绵阳日报新闻"});
  REQUIRE(doc.meta.source_outlet);
  CHECK(doc.meta.source_outlet->value == "绵阳日报");
  REQUIRE(doc.meta.reporters.size() == 1);
  CHECK(doc.meta.reporters[0].name == "安达福");
  CHECK(doc.meta.reporters[0].affiliation == "绵报融媒");
  CHECK((doc.meta.reporters[0].flags & tifa::kFieldCopy) != 0);
  REQUIRE(doc.meta.url);
  CHECK(doc.meta.url->value == "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202206082404519285");

  REQUIRE(doc.blocks.size() == 10);
  auto paragraphs = of_type(doc, tifa::BlockType::kParagraph);
  REQUIRE(paragraphs.size() == 9);
  CHECK(starts_with(text_of(doc, *paragraphs[0]), "本报讯（绵报融媒记者安达福）6月7日，全市重点工作推进会召开，"));
  CHECK(text_of(doc, *paragraphs[8]) ==
        "市四套班子有关领导，市中级人民法院院长，各县（市、区）、园区党（工）委和市直有关部门负责同志等参加。");
  CHECK(doc.text.find("1—5月") != std::string::npos);
  check_absent(doc, {"文章来源", "返回", "http", "(", ")"});
}

TEST_CASE("seed 004: original title, inferred subtitle, outlet, reporters from the dateline, no images") {
  tifa::Document doc = seed("004_");
  CHECK(doc.source.format == tifa::Format::kHexo);
  REQUIRE(doc.meta.title);
  CHECK(doc.meta.title->value ==
        "吉林省长主持召开国企改革工作会议：广泛推介混改项目 引进产业链上下游具有协同效应的社会资本");
  REQUIRE(doc.meta.published_at);
  CHECK(doc.meta.published_at->raw == "Fri, 27 Aug 2021 08:00:13 GMT");
  CHECK(doc.meta.published_at->iso == "2021-08-27T08:00:13+00:00");
  CHECK(doc.meta.published_at->precision == "second");
  CHECK(doc.meta.published_at->tz_explicit);
  CHECK(doc.meta.published_at->local_date == "2021-08-27");
  REQUIRE(doc.meta.original_title);
  CHECK(doc.meta.original_title->value == "韩俊主持召开研究国资国企改革有关工作专题会议");
  REQUIRE(doc.meta.subtitle);
  CHECK(doc.meta.subtitle->value == "进一步深化国资国企改革 切实提升国企市场竞争力");
  CHECK((doc.meta.subtitle->flags & tifa::kFieldSubtitleInferred) != 0);
  REQUIRE(doc.meta.source_outlet);
  CHECK(doc.meta.source_outlet->value == "吉林日报");
  CHECK(names(doc.meta.reporters) == std::vector<std::string>{"何琳娣", "于小博"});
  for (const auto& reporter : doc.meta.reporters) CHECK((reporter.flags & tifa::kFieldCopy) != 0);
  REQUIRE(doc.meta.editor);
  CHECK(doc.meta.editor->value == "王珊珊");
  REQUIRE(doc.meta.publisher);
  CHECK(doc.meta.publisher->value == "新浪财经");
  CHECK(doc.meta.categories == std::vector<std::string>{"金融", "新浪财经", "新浪财经－国內"});

  CHECK(doc.images.empty());
  for (const char* key : {"headimg", "thumbnail"}) {
    REQUIRE(extra(doc, key));
    CHECK(extra(doc, key)->items.front().find("343233024.png") != std::string::npos);
    CHECK((extra(doc, key)->flags & tifa::kFieldBoilerplate) != 0);
  }

  REQUIRE(doc.blocks.size() == 4);
  auto paragraphs = of_type(doc, tifa::BlockType::kParagraph);
  REQUIRE(paragraphs.size() == 3);
  CHECK(starts_with(text_of(doc, *paragraphs[0]), "本报讯（记者何琳娣 于小博）8月25日，省委副书记、省长韩俊主持召开"));
  CHECK(text_of(doc, *paragraphs[2]) == "吴靖平、蔡东、李伟、安桂武参加会议。");
  check_absent(doc, {"原标题", "进一步深化国资国企改革 切实", "来源", "责任编辑", "王珊珊", "海量资讯", "343233024"});
}
