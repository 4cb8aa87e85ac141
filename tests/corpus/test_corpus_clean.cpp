// Boilerplate that must be gone from every cleaned corpus document (spec/cleaning.md §3 B3-B5,
// B8, B9; H2 and M1 for whole pages) and the publication date that every dated document must get
// (M2). Runs on the seeds and on ../shared/corpus (the corpus part is skipped when it is absent).
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "paths.hpp"
#include "tifa/pipeline.hpp"

namespace {

namespace fs = std::filesystem;

using tifa::Block;
using tifa::BlockType;
using tifa::Document;

// Documents whose source has no publication date anywhere (checked by reading each decoded file:
// no front matter, no head, no date line, no print-edition line, no dateline with a year). M2
// then gives null and the warning no_date. Month-day dates without a year and years inside body
// sentences are never publication dates (M2).
const std::map<std::string, std::string>& undated() {
  static const std::map<std::string, std::string> files = {
      {"om-gbk-cadres-three-awareness.txt", "plain text, no date or year anywhere"},
      {"om-gbk-central-soe-party-building-tasks.txt", "plain text, no date or year anywhere"},
      {"om-gbk-city-soe-party-building-meeting.txt", "plain text, only 近日; no date anywhere"},
      {"om-gbk-election-vs-excellence-campaign.txt", "plain text, no date or year anywhere"},
      {"om-gbk-grassroots-party-org-social-mgmt.txt", "plain text, no date or year anywhere"},
      {"om-gbk-hu-jintao-party-self-building.txt", "plain text, no date or year anywhere"},
      {"om-gbk-legal-system-history-1949.txt", "plain text; years (1949年…) only inside body sentences"},
      {"om-gbk-local-tax-bureau-work-points.txt", "plain text, no date or year anywhere"},
      {"om-gbk-soe-ideological-work-people-forum.txt", "plain text forum post, no date or year anywhere"},
      {"om-gbk-soe-workforce-ideology-challenges.txt", "plain text, no date or year anywhere"},
      {"om-gbk-township-party-committee-harmony.txt", "plain text, only 今年以来; no date anywhere"},
      {"om-gbk-two-sessions-livelihood.txt", "plain text, only 今年; no date anywhere"},
      {"om-gbk-xinhua-org-dept-video-conference.txt",
       "dateline 新华网北京３月１日电 has no year; 3月1日 again only in the body"},
      {"om-gbk-yingjiang-earthquake-report.txt",
       "the file starts mid-date (月１０日１２时５８分); 3月10日/3月11日 only in the body, no year"},
      {"om-gbk-yongping-village-policy-benefits.txt", "plain text; 2010年 only inside body sentences"},
  };
  return files;
}

// Documents whose last paragraph is a body sentence that cites a URL: the URL is article text
// (B9 takes only a block that is nothing but an autolink; M6: URLs inside the text stay).
const std::map<std::string, std::string>& url_in_last_sentence() {
  static const std::map<std::string, std::string> files = {
      {"sina-nbs-industrial-profits-jan-nov-2021.md",
       "last paragraph 执行国民经济行业分类标准（GB/T4754-2017），具体请参见http://www.stats.gov.cn/…。"},
  };
  return files;
}

struct Item {
  fs::path path;
  Document doc;
};

std::string folder_of(const fs::path& path) { return path.parent_path().filename().string(); }

// The seeds and the corpus documents of the given folders, processed with default options.
std::vector<Item> documents(const std::vector<std::string>& folders, bool with_seeds) {
  std::vector<Item> out;
  tifa::Pipeline pipeline;
  if (with_seeds) {
    for (const auto& path : tifa::test::seed_files())
      out.push_back(Item{path, pipeline.process(tifa::test::read_file(path))});
  }
  for (const auto& path : tifa::test::corpus_files()) {
    if (std::find(folders.begin(), folders.end(), folder_of(path)) == folders.end()) continue;
    out.push_back(Item{path, pipeline.process(tifa::test::read_file(path))});
  }
  return out;
}

std::vector<Item> article_documents() { return documents({"hexo-sina", "jekyll-finews", "text"}, true); }

bool corpus_present() {
  if (!tifa::test::corpus_files().empty()) return true;
  MESSAGE("corpus part skipped: ../shared/corpus is absent");
  return false;
}

std::string text_of(const Document& doc, const Block& block) {
  return doc.text.substr(block.span.begin, block.span.size());
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

std::string_view skip_spaces(std::string_view text) {
  for (;;) {
    if (starts_with(text, " ")) text.remove_prefix(1);
    else if (starts_with(text, "　")) text.remove_prefix(3);
    else return text;
  }
}

// A B5 source line: [open](文章来源|本文来源|稿件来源|来源|转自)[sep]OUTLET[close], short.
bool is_source_line(std::string_view text) {
  if (code_points(text) > 40) return false;
  for (std::string_view open : {"（", "(", "【", "["}) {
    if (starts_with(text, open)) {
      text.remove_prefix(open.size());
      break;
    }
  }
  text = skip_spaces(text);
  bool keyword = false;
  for (std::string_view word : {"文章来源", "本文来源", "稿件来源", "来源", "转自"}) {
    if (starts_with(text, word)) {
      text.remove_prefix(word.size());
      keyword = true;
      break;
    }
  }
  if (!keyword) return false;
  text = skip_spaces(text);
  for (std::string_view sep : {"：", ":", "丨", "|", "｜", "/"}) {
    if (starts_with(text, sep)) return !skip_spaces(text.substr(sep.size())).empty();
  }
  return false;
}

// The body blocks (all blocks after the title).
std::vector<const Block*> body(const Document& doc) {
  std::vector<const Block*> out;
  for (const auto& block : doc.blocks) {
    if (block.type != BlockType::kTitle) out.push_back(&block);
  }
  return out;
}

}  // namespace

TEST_CASE("corpus articles: no editor line (责任编辑, 责编) remains in the body") {
  if (!corpus_present()) return;
  for (const auto& [path, doc] : article_documents()) {
    // A copy: clang 14 cannot capture a structured binding in CAPTURE's lambda.
    const std::string file = path.filename().string();
    CAPTURE(file);
    for (const Block* block : body(doc)) {
      std::string text = text_of(doc, *block);
      CAPTURE(text);
      CHECK(text.find("责任编辑") == std::string::npos);
      CHECK(text.find("责编") == std::string::npos);
    }
  }
}

TEST_CASE("corpus articles: no B5 source line remains in the header or trailer zone") {
  if (!corpus_present()) return;
  for (const auto& [path, doc] : article_documents()) {
    // A copy: clang 14 cannot capture a structured binding in CAPTURE's lambda.
    const std::string file = path.filename().string();
    CAPTURE(file);
    std::vector<const Block*> blocks = body(doc);
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      if (i >= 5 && i + 4 < blocks.size()) continue;  // §3: header zone 5, trailer zone 4 blocks
      std::string text = text_of(doc, *blocks[i]);
      CAPTURE(text);
      CHECK_FALSE(is_source_line(text));
    }
  }
}

TEST_CASE("corpus articles: no QR or app promotion remains (B3)") {
  if (!corpus_present()) return;
  for (const auto& [path, doc] : article_documents()) {
    // A copy: clang 14 cannot capture a structured binding in CAPTURE's lambda.
    const std::string file = path.filename().string();
    CAPTURE(file);
    for (std::string phrase : {"扫描二维码", "尽在新浪财经APP", "扫二维码"}) {
      CAPTURE(phrase);
      CHECK(doc.text.find(phrase) == std::string::npos);
    }
  }
}

TEST_CASE("corpus articles: no navigation link remains (B8)") {
  if (!corpus_present()) return;
  for (const auto& [path, doc] : article_documents()) {
    // A copy: clang 14 cannot capture a structured binding in CAPTURE's lambda.
    const std::string file = path.filename().string();
    CAPTURE(file);
    for (std::string phrase : {"返回首页", "[返回"}) {
      CAPTURE(phrase);
      CHECK(doc.text.find(phrase) == std::string::npos);
    }
  }
}

TEST_CASE("corpus articles: the last block is no URL line (B9)") {
  if (!corpus_present()) return;
  for (const auto& [path, doc] : article_documents()) {
    // A copy: clang 14 cannot capture a structured binding in CAPTURE's lambda.
    const std::string file = path.filename().string();
    CAPTURE(file);
    REQUIRE_FALSE(doc.blocks.empty());
    std::string last = text_of(doc, doc.blocks.back());
    CAPTURE(last);
    CHECK_FALSE(starts_with(last, "http"));
    CHECK_FALSE(starts_with(last, "www."));
    CHECK_FALSE(starts_with(last, "<"));
    if (auto it = url_in_last_sentence().find(path.filename().string()); it != url_in_last_sentence().end()) {
      CAPTURE(it->second);
      CHECK(last.size() >= 3);
      CHECK(last.compare(last.size() - 3, 3, "。") == 0);  // a sentence that cites a URL
      continue;
    }
    CHECK(last.find("http") == std::string::npos);
  }
}

TEST_CASE("corpus articles: published_at is set with an ISO date, except the undated sources") {
  if (!corpus_present()) return;
  std::size_t listed = 0;
  for (const auto& [path, doc] : article_documents()) {
    std::string name = path.filename().string();
    CAPTURE(name);
    if (auto it = undated().find(name); it != undated().end()) {
      ++listed;
      CAPTURE(it->second);
      CHECK_FALSE(doc.meta.published_at);
      CHECK(std::any_of(doc.warnings.begin(), doc.warnings.end(),
                        [](const tifa::Warning& w) { return w.code == "no_date"; }));
      continue;
    }
    CHECK(doc.meta.published_at);
    if (doc.meta.published_at) CHECK_FALSE(doc.meta.published_at->iso.empty());
  }
  CHECK(listed == undated().size());  // every listed file is still in the corpus
}

TEST_CASE("corpus html pages: the first block is the title and no block is a navigation word") {
  if (!corpus_present()) return;
  for (const auto& [path, doc] : documents({"html-page"}, false)) {
    // A copy: clang 14 cannot capture a structured binding in CAPTURE's lambda.
    const std::string file = path.filename().string();
    CAPTURE(file);
    REQUIRE_FALSE(doc.blocks.empty());
    CHECK(doc.blocks.front().type == BlockType::kTitle);
    for (const auto& block : doc.blocks) {
      std::string text = text_of(doc, block);
      CAPTURE(text);
      for (std::string_view word : {"网易首页", "首页", "登录"}) CHECK(text != word);
    }
  }
}

TEST_CASE("the source-line detector of these tests accepts the B5 forms and rejects body text") {
  for (std::string line : {"来源：国资小新", "（文章来源：日照日报）", "来源|九派新闻、新华每日电讯", "本文来源：证券市场红周刊",
                           "来源: 每日经济新闻", "转自：人民网"}) {
    CAPTURE(line);
    CHECK(is_source_line(line));
  }
  for (std::string line : {"图片来源：视觉中国，这是一张图片的说明文字", "来源于基层的创新做法值得推广。", "资金来源主要包括三个方面",
                           "来源：某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某"}) {
    CAPTURE(line);
    CHECK_FALSE(is_source_line(line));
  }
}
