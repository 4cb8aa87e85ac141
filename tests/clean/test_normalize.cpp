// Block normalisation (spec/cleaning.md §4: N1-N9, P1-P6; §6 edits; §7 I4, I5, I7, I11):
// lib/clean/normalize.cpp. Every expected text and edit is written by hand from the spec.
//
// Each case goes through `run`, which also checks what must hold for every block: the pieces
// spell the text, undoing the edits from last to first gives the input back (I4), every edit's
// `before` is the decoded text of its source range, letters and digits change only inside P3, P4
// and P6 edits (I5), and a second normalisation makes no edit (I7).
#include <doctest/doctest.h>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clean/assemble.hpp"
#include "clean/normalize.hpp"
#include "clean/unicode.hpp"
#include "paths.hpp"
#include "tifa/reader.hpp"
#include "util/utf8.hpp"

namespace {

using tifa::BlockType;
using tifa::CjkSpaceRepair;
using tifa::Options;
using tifa::Piece;
using tifa::Span;
using tifa::clean::DraftBlock;
using tifa::clean::NormalizeContext;
using tifa::clean::normalize_block;
using tifa::clean::normalize_meta_value;
using tifa::clean::pieces_text;
using tifa::clean::repair_title_wraps;

// Byte length of a literal: expected offsets are written as the text that precedes them.
std::size_t bytes(std::string_view text) { return text.size(); }

struct Setup {
  BlockType type = BlockType::kParagraph;
  bool pdf_layout = false;
  bool fullwidth_punct = true;
  CjkSpaceRepair cjk_space_repair = CjkSpaceRepair::kPdf;
  std::optional<Span> byline;
};

Setup pdf() {
  Setup setup;
  setup.pdf_layout = true;
  return setup;
}
Setup of_type(BlockType type) {
  Setup setup;
  setup.type = type;
  return setup;
}

struct ExpectedEdit {
  std::string rule;
  std::string before;
  std::size_t at = 0;
  std::size_t length = 0;
  std::size_t source_begin = 0;
  std::size_t source_end = 0;
};

NormalizeContext context_for(const Setup& setup, Options& options) {
  options.fullwidth_punct = setup.fullwidth_punct;
  options.cjk_space_repair = setup.cjk_space_repair;
  return NormalizeContext{&options, setup.pdf_layout};
}

std::string final_text(std::string_view decoded, const DraftBlock& block) {
  return pieces_text(decoded, block.pieces);
}

std::string without_tabs(std::string text) {
  std::erase(text, '\t');
  return text;
}

// Undoes the edits from last to first (spec §6).
std::string undo_edits(std::string text, const DraftBlock& block) {
  for (auto it = block.edits.rbegin(); it != block.edits.rend(); ++it) text.replace(it->span.begin, it->span.size(), it->before);
  return text;
}

// The letters and digits (\p{L}, \p{N}) of `text`, as code points.
std::u32string significant(std::string_view text) {
  std::u32string out;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 0;
    char32_t c = tifa::util::decode_at(text, pos, length);
    pos += length;
    std::int8_t type = u_charType(static_cast<UChar32>(c));
    bool letter_or_number = (type >= U_UPPERCASE_LETTER && type <= U_OTHER_LETTER) ||
                            (type >= U_DECIMAL_DIGIT_NUMBER && type <= U_OTHER_NUMBER);
    if (letter_or_number) out += c;
  }
  return out;
}

// I5: the significant characters are the same once P3, P4 and P6 edits are undone.
void check_letters_kept(std::string_view input, const std::string& text, const DraftBlock& block) {
  std::string partly_undone = text;
  for (auto it = block.edits.rbegin(); it != block.edits.rend(); ++it) {
    if (it->rule == "P3" || it->rule == "P4" || it->rule == "P6") partly_undone.replace(it->span.begin, it->span.size(), it->before);
  }
  CHECK(significant(partly_undone) == significant(input));
}

// What must hold after normalising any block built from one verbatim piece of `decoded`.
void check_block_invariants(std::string_view decoded, const std::string& original, const DraftBlock& block) {
  const std::string text = final_text(decoded, block);
  CHECK(undo_edits(text, block) == original);  // I4
  std::size_t last_at = 0;
  for (const auto& edit : block.edits) {
    INFO("edit ", edit.rule, " at ", edit.span.begin);
    CHECK(edit.span.begin >= last_at);
    last_at = edit.span.begin;
    CHECK(edit.span.end <= text.size());
    CHECK(decoded.substr(edit.raw_span.begin, edit.raw_span.size()) == edit.before);
  }
  std::size_t last_source = 0;
  for (const Piece& piece : block.pieces) {  // sources ascend: the offset map is monotone (I3)
    CHECK(piece.begin >= last_source);
    CHECK(piece.end >= piece.begin);
    last_source = piece.end;
  }
  check_letters_kept(original, text, block);
}

// I7: a second run makes no edit and changes nothing.
void check_idempotent(std::string_view decoded, const DraftBlock& block, const NormalizeContext& context) {
  DraftBlock again = block;
  normalize_block(decoded, again, context);
  CHECK(final_text(decoded, again) == final_text(decoded, block));
  REQUIRE(again.edits.size() == block.edits.size());
  for (std::size_t i = 0; i < block.edits.size(); ++i) {
    CHECK(again.edits[i].rule == block.edits[i].rule);
    CHECK(again.edits[i].span == block.edits[i].span);
    CHECK(again.edits[i].before == block.edits[i].before);
  }
  CHECK(again.byline == block.byline);
  CHECK(again.flags == block.flags);
  // The output text as a fresh block without edits (how the pipeline's I7 check calls the
  // normaliser): only the byline and the synthetic cell TABs (R8) are carried over.
  const std::string text = final_text(decoded, block);
  DraftBlock fresh;
  fresh.type = block.type;
  fresh.flags = block.flags;
  fresh.byline = block.byline;
  std::size_t offset = 0;
  for (const Piece& piece : block.pieces) {
    bool cell_tab = !piece.verbatim && piece.text == "\t" && piece.begin == piece.end;
    std::size_t size = piece.verbatim ? piece.end - piece.begin : piece.text.size();
    fresh.pieces.push_back(cell_tab ? Piece{offset, offset, false, "\t"} : Piece{offset, offset + size, true, {}});
    offset += size;
  }
  normalize_block(text, fresh, context);
  CHECK(fresh.edits.empty());
  CHECK(final_text(text, fresh) == text);
}

struct Run {
  std::string text;
  DraftBlock block;
};

// Normalises `input` as one block of one verbatim piece and checks the invariants.
Run run(std::string_view input, const Setup& setup = {}) {
  INFO("input: ", input);
  DraftBlock block;
  block.type = setup.type;
  block.pieces.push_back(Piece{0, input.size(), true, {}});
  block.byline = setup.byline;
  Options options;
  NormalizeContext context = context_for(setup, options);
  normalize_block(input, block, context);
  check_block_invariants(input, std::string(input), block);
  check_idempotent(input, block, context);
  return Run{final_text(input, block), block};
}

void check_edit(const tifa::Edit& edit, const ExpectedEdit& expected) {
  CHECK(edit.rule == expected.rule);
  CHECK(edit.before == expected.before);
  CHECK(edit.span.begin == expected.at);
  CHECK(edit.span.size() == expected.length);
  CHECK(edit.raw_span.begin == expected.source_begin);
  CHECK(edit.raw_span.end == expected.source_end);
}

void check_edits(const DraftBlock& block, const std::vector<ExpectedEdit>& expected) {
  REQUIRE(block.edits.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("edit #", i);
    check_edit(block.edits[i], expected[i]);
  }
}

// The text stays exactly as it is.
void check_unchanged(std::string_view input, const Setup& setup = {}) {
  Run result = run(input, setup);
  CHECK(result.text == input);
  CHECK(result.block.edits.empty());
}

std::size_t count_rule(const DraftBlock& block, std::string_view rule) {
  return static_cast<std::size_t>(std::count_if(block.edits.begin(), block.edits.end(),
                                                [&](const auto& edit) { return edit.rule == rule; }));
}

}  // namespace

// ---- N1 ----

TEST_CASE("N1: leading U+3000 indents are stripped") {
  const std::string input = "　　1月9日，国务院国资委以视频方式召开";
  Run r = run(input);
  CHECK(r.text == "1月9日，国务院国资委以视频方式召开");
  check_edits(r.block, {{"N1", "　　", 0, 0, 0, bytes("　　")}});
}

TEST_CASE("N1: a trailing space is stripped") {
  const std::string input = "责任编辑：冯体炜 ";
  Run r = run(input);
  CHECK(r.text == "责任编辑：冯体炜");
  check_edits(r.block, {{"N1", " ", bytes("责任编辑：冯体炜"), 0, bytes("责任编辑：冯体炜"), bytes(input)}});
}

TEST_CASE("N1: both ends, NBSP, TAB and a newline; a title keeps its inner space") {
  const std::string input = "\t\xC2\xA0抓项目求突破 坚持稳字当头\n";
  Run r = run(input, of_type(BlockType::kTitle));
  CHECK(r.text == "抓项目求突破 坚持稳字当头");
  check_edits(r.block, {{"N1", "\t\xC2\xA0", 0, 0, 0, 3},
                        {"N1", "\n", bytes("抓项目求突破 坚持稳字当头"), 0, bytes(input) - 1, bytes(input)}});
}

TEST_CASE("N1: every kind of trailing space is found from the end; look-alike endings are not spaces") {
  // The end run is read backwards byte pattern by byte pattern: each space, and runs of them.
  // (Not U+2000 or U+2001: P6 makes them U+2002 and U+2003 first.)
  const std::string kept = "抓项目求突破";
  for (const std::string spaces : {"\xC2\xA0", "\xE1\x9A\x80", "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x8A",
                                "\xE2\x80\xAF", "\xE2\x81\x9F", "　", "　　", "\xE2\x80\x83\xC2\xA0 \t　"}) {
    INFO("spaces: ", spaces);
    const std::string input = kept + spaces;
    Run r = run(input, of_type(BlockType::kTitle));
    CHECK(r.text == kept);
    check_edits(r.block, {{"N1", spaces, bytes(kept), 0, bytes(kept), bytes(input)}});
  }
  // Characters that end like a space's bytes but are none: 。 ‐ ‰ © ᚁ, and U+00A0's second byte
  // after another lead.
  for (const std::string end : {"。", "\xE2\x80\x90", "\xE2\x80\xB0", "\xC2\xA9", "\xE1\x9A\x81", "\xC3\xA0"}) {
    INFO("end: ", end);
    check_unchanged(kept + end, of_type(BlockType::kTitle));
  }
}

TEST_CASE("N1: a block of whitespace only becomes empty") {
  Run r = run("　 \t");
  CHECK(r.text.empty());
  check_edits(r.block, {{"N1", "　 \t", 0, 0, 0, 5}});
}

// ---- N2 ----

TEST_CASE("N2: a run of U+3000 becomes one space, then N3 removes it next to 。") {
  const std::string input = "游客选购免税商品。　　苏弼坤摄";
  SUBCASE("title: N2 only") {
    Run r = run(input, of_type(BlockType::kTitle));
    CHECK(r.text == "游客选购免税商品。 苏弼坤摄");
    check_edits(r.block, {{"N2", "　　", bytes("游客选购免税商品。"), 1, bytes("游客选购免税商品。"),
                           bytes("游客选购免税商品。　　")}});
  }
  SUBCASE("paragraph: the collapsed space goes too, in one edit") {
    Run r = run(input);
    CHECK(r.text == "游客选购免税商品。苏弼坤摄");
    check_edits(r.block, {{"N3", "　　", bytes("游客选购免税商品。"), 0, bytes("游客选购免税商品。"),
                           bytes("游客选购免税商品。　　")}});
  }
}

TEST_CASE("N2: ASCII spaces, NBSP and em space collapse between Latin words") {
  const std::string input = "Belt  and\xC2\xA0Road\xE2\x80\x83Initiative";
  Run r = run(input);
  CHECK(r.text == "Belt and Road Initiative");
  check_edits(r.block, {{"N2", "  ", 4, 1, 4, 6},
                        {"N2", "\xC2\xA0", 8, 1, 9, 11},
                        {"N2", "\xE2\x80\x83", 13, 1, 15, 18}});
}

TEST_CASE("N2: the TAB between table cells stays, the indents around it go") {
  // R8: cells are joined by a synthetic TAB piece; the cells are indented with U+3000.
  const std::string decoded = "利润总额　　　增长";
  DraftBlock block;
  block.flags = tifa::kTableRow;
  block.pieces.push_back(Piece{0, bytes("利润总额　　　"), true, {}});
  block.pieces.push_back(Piece{bytes("利润总额　　　"), bytes("利润总额　　　"), false, "\t"});
  block.pieces.push_back(Piece{bytes("利润总额　　　"), decoded.size(), true, {}});
  Options options;
  NormalizeContext context{&options, false};
  normalize_block(decoded, block, context);
  CHECK(final_text(decoded, block) == "利润总额\t增长");
  check_edits(block, {{"N2", "　　　", bytes("利润总额"), 0, bytes("利润总额"), bytes("利润总额　　　")}});
  check_idempotent(decoded, block, context);
}

TEST_CASE("N7: a reader's synthetic space (<br> in a row) is no pre-normalisation text") {
  // R4/R8: a <br> inside a table row gives a synthetic " " piece without source; swallowed by
  // an edit, it stays out of `before`, so undoing the edits gives the source text (I4).
  const std::string decoded = "版权所有<br>\n  地址";
  DraftBlock block;
  block.flags = tifa::kTableRow;
  block.pieces.push_back(Piece{0, bytes("版权所有"), true, {}});
  block.pieces.push_back(Piece{bytes("版权所有"), bytes("版权所有"), false, " "});
  block.pieces.push_back(Piece{bytes("版权所有<br>"), decoded.size(), true, {}});
  Options options;
  NormalizeContext context{&options, false};
  normalize_block(decoded, block, context);
  CHECK(final_text(decoded, block) == "版权所有地址");
  check_edits(block, {{"N7", "\n  ", bytes("版权所有"), 0, bytes("版权所有<br>"), bytes("版权所有<br>\n  ")}});
  check_idempotent(decoded, block, context);
}

// ---- N3 ----

TEST_CASE("N3: a single space next to CJK punctuation is deleted (spec examples)") {
  struct Example {
    std::string input, output, prefix;
  };
  const Example examples[] = {
      {"应邀参加。 驻国资委纪检监察组", "应邀参加。驻国资委纪检监察组", "应邀参加。"},
      {"力争项目早开工、 早投产", "力争项目早开工、早投产", "力争项目早开工、"},
      {"据了解， 深圳市", "据了解，深圳市", "据了解，"},
      {"“绿色、创新、合作” 成为", "“绿色、创新、合作”成为", "“绿色、创新、合作”"},
      {"做到 “小事不出村", "做到“小事不出村", "做到"},
  };
  for (const Example& example : examples) {
    Run r = run(example.input);
    CHECK(r.text == example.output);
    std::size_t at = bytes(example.prefix);
    check_edits(r.block, {{"N3", " ", at, 0, at, at + 1}});
  }
}

TEST_CASE("N3: also between CJK punctuation and Latin text, outside PDF text") {
  Run r = run("据新华社报道。 Xinhua said");
  CHECK(r.text == "据新华社报道。Xinhua said");
  check_edits(r.block, {{"N3", " ", bytes("据新华社报道。"), 0, bytes("据新华社报道。"), bytes("据新华社报道。 ")}});
}

TEST_CASE("N3: never in titles and headings") {
  check_unchanged("应邀参加。 驻国资委纪检监察组", of_type(BlockType::kTitle));
  check_unchanged("抓项目求突破。 坚持稳字当头", of_type(BlockType::kHeading));
}

// ---- N4 ----

TEST_CASE("N4: a space between two Han characters goes in PDF-derived text only") {
  Run r = run("推动制造业与互联网、大数据、人工 智能等技术融合", pdf());
  CHECK(r.text == "推动制造业与互联网、大数据、人工智能等技术融合");
  std::size_t at = bytes("推动制造业与互联网、大数据、人工");
  check_edits(r.block, {{"N4", " ", at, 0, at, at + 1}});
  check_unchanged("推动制造业与互联网、大数据、人工 智能等技术融合");
}

TEST_CASE("N4: with cjk_space_repair=all it applies outside PDF text too") {
  Setup setup;
  setup.cjk_space_repair = CjkSpaceRepair::kAll;
  Run r = run("国企改革 三年行动", setup);
  CHECK(r.text == "国企改革三年行动");
  check_edits(r.block, {{"N4", " ", bytes("国企改革"), 0, bytes("国企改革"), bytes("国企改革 ")}});
}

// ---- N5 ----

TEST_CASE("N5: spaces between Han and digits in PDF text (spec examples)") {
  Run r = run("7 月 13 日至 14 日", pdf());
  CHECK(r.text == "7月13日至14日");
  check_edits(r.block, {{"N5", " ", 1, 0, 1, 2},
                        {"N5", " ", bytes("7月"), 0, bytes("7 月"), bytes("7 月 ")},
                        {"N5", " ", bytes("7月13"), 0, bytes("7 月 13"), bytes("7 月 13 ")},
                        {"N5", " ", bytes("7月13日至"), 0, bytes("7 月 13 日至"), bytes("7 月 13 日至 ")},
                        {"N5", " ", bytes("7月13日至14"), 0, bytes("7 月 13 日至 14"), bytes("7 月 13 日至 14 ")}});
  Run r2 = run("中国中车集团等 6 家企业", pdf());
  CHECK(r2.text == "中国中车集团等6家企业");
  check_edits(r2.block, {{"N5", " ", bytes("中国中车集团等"), 0, bytes("中国中车集团等"), bytes("中国中车集团等 ")},
                         {"N5", " ", bytes("中国中车集团等6"), 0, bytes("中国中车集团等 6"), bytes("中国中车集团等 6 ")}});
  Run r3 = run("总结 2021 年国资央企工作", pdf());
  CHECK(r3.text == "总结2021年国资央企工作");
  check_edits(r3.block, {{"N5", " ", bytes("总结"), 0, bytes("总结"), bytes("总结 ")},
                         {"N5", " ", bytes("总结2021"), 0, bytes("总结 2021"), bytes("总结 2021 ")}});
}

TEST_CASE("N5: Latin letters and Han in PDF text; two spaces are N2 first") {
  Run r = run("发展 AI 产业", pdf());
  CHECK(r.text == "发展AI产业");
  CHECK(count_rule(r.block, "N5") == 2);
  Run r2 = run("共 5  家", pdf());
  CHECK(r2.text == "共5家");
  check_edits(r2.block, {{"N5", " ", bytes("共"), 0, bytes("共"), bytes("共 ")},
                         {"N5", "  ", bytes("共5"), 0, bytes("共 5"), bytes("共 5  ")}});
}

TEST_CASE("N5: cjk_space_repair=none turns N4 and N5 off even in PDF text") {
  Setup setup = pdf();
  setup.cjk_space_repair = CjkSpaceRepair::kNone;
  check_unchanged("7 月 13 日至 14 日", setup);
  check_unchanged("人工 智能", setup);
}

TEST_CASE("N5: never inside the byline span (B13)") {
  const std::string input = "本报讯（记者何琳娣 于小博）8 月 25 日，省委召开会议";
  Setup setup = pdf();
  setup.byline = Span{0, bytes("本报讯（记者何琳娣 于小博）")};
  Run r = run(input, setup);
  CHECK(r.text == "本报讯（记者何琳娣 于小博）8月25日，省委召开会议");
  CHECK(count_rule(r.block, "N5") == 3);
  CHECK(count_rule(r.block, "N4") == 0);
  REQUIRE(r.block.byline.has_value());
  CHECK(r.text.substr(r.block.byline->begin, r.block.byline->size()) == "本报讯（记者何琳娣 于小博）");
}

TEST_CASE("N5: the byline span follows its characters when text before it changes") {
  const std::string input = "　　本报讯(记者何琳娣 于小博)8 月 25 日";
  Setup setup = pdf();
  setup.byline = Span{bytes("　　"), bytes("　　本报讯(记者何琳娣 于小博)")};
  Run r = run(input, setup);
  CHECK(r.text == "本报讯（记者何琳娣 于小博）8月25日");
  REQUIRE(r.block.byline.has_value());
  CHECK(r.text.substr(r.block.byline->begin, r.block.byline->size()) == "本报讯（记者何琳娣 于小博）");
}

TEST_CASE("N5: a byline block keeps the spaces between names") {
  Setup setup = pdf();
  setup.type = BlockType::kByline;
  check_unchanged("记者 王悦 徐芸茜", setup);
}

// ---- N6 ----

TEST_CASE("N6: letter-spaced capitals are joined (spec example)") {
  const std::string input = "严防P P P、垫资建设";
  Run r = run(input);
  CHECK(r.text == "严防PPP、垫资建设");
  check_edits(r.block, {{"N6", " ", bytes("严防P"), 0, bytes("严防P"), bytes("严防P ")},
                        {"N6", " ", bytes("严防PP"), 0, bytes("严防P P"), bytes("严防P P ")}});
  CHECK((r.block.flags & tifa::kLettersJoined) != 0);
}

TEST_CASE("N6: not for two capitals, words, or capitals without CJK beside them") {
  check_unchanged("严防P P、垫资建设");
  check_unchanged("严防PP P P、垫资");
  check_unchanged("the U S A team");
  Run r = run("推进“A B C”分类");
  CHECK(r.text == "推进“ABC”分类");
  CHECK((r.block.flags & tifa::kLettersJoined) != 0);
}

TEST_CASE("N6: not in titles") { check_unchanged("严防P P P、垫资建设", of_type(BlockType::kTitle)); }

// ---- N7 ----

TEST_CASE("N7: a newline between two CJK characters is deleted (spec example)") {
  const std::string input = "推动制造业与互联网、大数据、人工\n智能等技术融合";
  Run r = run(input);
  CHECK(r.text == "推动制造业与互联网、大数据、人工智能等技术融合");
  std::size_t at = bytes("推动制造业与互联网、大数据、人工");
  check_edits(r.block, {{"N7", "\n", at, 0, at, at + 1}});
}

TEST_CASE("N7: between two ASCII letters or digits a newline becomes one space") {
  const std::string input = "the Belt and\nRoad";
  Run r = run(input);
  CHECK(r.text == "the Belt and Road");
  check_edits(r.block, {{"N7", "\n", bytes("the Belt and"), 1, bytes("the Belt and"), bytes("the Belt and\n")}});
}

TEST_CASE("N7: between C and A it is deleted in PDF text, a space elsewhere") {
  const std::string input = "总结\n2021年工作";
  Run in_pdf = run(input, pdf());
  CHECK(in_pdf.text == "总结2021年工作");
  check_edits(in_pdf.block, {{"N7", "\n", bytes("总结"), 0, bytes("总结"), bytes("总结\n")}});
  Run elsewhere = run(input);
  CHECK(elsewhere.text == "总结 2021年工作");
  check_edits(elsewhere.block, {{"N7", "\n", bytes("总结"), 1, bytes("总结"), bytes("总结\n")}});
}

TEST_CASE("N7: the spaces around a soft wrap go with it (R11 hard wrap, markdown)") {
  const std::string input = "处理人际关系、 \n  表达利益诉求";
  Run r = run(input);
  CHECK(r.text == "处理人际关系、表达利益诉求");
  check_edits(r.block, {{"N7", " \n  ", bytes("处理人际关系、"), 0, bytes("处理人际关系、"), bytes("处理人际关系、 \n  ")}});
  Run latin = run("Belt   \n and Road");
  CHECK(latin.text == "Belt and Road");
  check_edits(latin.block, {{"N7", "   \n ", 4, 1, 4, 9}});
}

TEST_CASE("N7: a TAB in the run goes with the newline; a cell TAB stops the run") {
  Run r = run("人工\t\n智能");
  CHECK(r.text == "人工智能");
  check_edits(r.block, {{"N7", "\t\n", bytes("人工"), 0, bytes("人工"), bytes("人工\t\n")}});
  const std::string decoded = "营业收入\n增长";
  DraftBlock row;
  row.flags = tifa::kTableRow;
  row.pieces.push_back(Piece{0, bytes("营业收入"), true, {}});
  row.pieces.push_back(Piece{bytes("营业收入"), bytes("营业收入"), false, "\t"});
  row.pieces.push_back(Piece{bytes("营业收入"), decoded.size(), true, {}});
  Options options;
  NormalizeContext context{&options, false};
  normalize_block(decoded, row, context);
  CHECK(final_text(decoded, row) == "营业收入\t增长");
  check_edits(row, {{"N2", "\n", bytes("营业收入\t"), 0, bytes("营业收入"), bytes("营业收入\n")}});
  check_idempotent(decoded, row, context);
}

TEST_CASE("N7: a space made from a newline next to 。 is deleted by N3 (one edit)") {
  Run r = run("见附件。\nGDP增长");
  CHECK(r.text == "见附件。GDP增长");
  // The later rule names the merged edit: the newline ends up deleted because of N3.
  check_edits(r.block, {{"N3", "\n", bytes("见附件。"), 0, bytes("见附件。"), bytes("见附件。\n")}});
}

TEST_CASE("N7: not in titles: there N2 makes the newline a space") {
  Run r = run("国资委召开会议\n部署工作", of_type(BlockType::kTitle));
  CHECK(r.text == "国资委召开会议 部署工作");
  check_edits(r.block, {{"N2", "\n", bytes("国资委召开会议"), 1, bytes("国资委召开会议"), bytes("国资委召开会议\n")}});
}

// ---- N8 ----

TEST_CASE("N8: a page join of two pieces gets N3-N5 at the seam") {
  // The caller joined "加快推进重大任务" and "攻关布局" across a page marker; N4 never needs to act
  // there, but a space the PDF put before the marker does get N4.
  const std::string decoded = "加快推进重大任务 <PAGE_DIV> \n\n攻关布局";
  DraftBlock block;
  block.flags = tifa::kPageJoin;
  block.pieces.push_back(Piece{0, bytes("加快推进重大任务 "), true, {}});
  block.pieces.push_back(Piece{bytes("加快推进重大任务 <PAGE_DIV> \n\n"), decoded.size(), true, {}});
  Options options;
  NormalizeContext context{&options, true};
  normalize_block(decoded, block, context);
  CHECK(final_text(decoded, block) == "加快推进重大任务攻关布局");
  check_edits(block, {{"N4", " ", bytes("加快推进重大任务"), 0, bytes("加快推进重大任务"), bytes("加快推进重大任务 ")}});
  check_idempotent(decoded, block, context);
}

TEST_CASE("N8: the spec's form: a page join without spaces needs no edit") {
  // `加快推进重大任务<PAGE_DIV> ` ⏎⏎ `攻关布局`: B11 took the marker and its space; the caller joined.
  const std::string decoded = "加快推进重大任务<PAGE_DIV> \n\n攻关布局";
  DraftBlock block;
  block.flags = tifa::kPageJoin;
  block.pieces.push_back(Piece{0, bytes("加快推进重大任务"), true, {}});
  block.pieces.push_back(Piece{bytes("加快推进重大任务<PAGE_DIV> \n\n"), decoded.size(), true, {}});
  Options options;
  NormalizeContext context{&options, true};
  normalize_block(decoded, block, context);
  CHECK(final_text(decoded, block) == "加快推进重大任务攻关布局");
  CHECK(block.edits.empty());
  CHECK(block.pieces.size() == 2);
  check_idempotent(decoded, block, context);
}

// ---- N9 ----

namespace {

// The title of a PDF markdown file: the "# " line, plus the merged short block after it (N9(a))
// when `merged_line` is given. Pieces point into `decoded`.
DraftBlock pdf_title(std::string_view decoded, std::string_view merged_line = {}) {
  DraftBlock title;
  title.type = BlockType::kTitle;
  std::size_t begin = decoded.find("# ") + 2;
  std::size_t end = decoded.find('\n', begin);
  title.pieces.push_back(Piece{begin, end, true, {}});
  if (!merged_line.empty()) {
    std::size_t merged = decoded.find(std::string("\n") + std::string(merged_line) + "\n", end) + 1;
    title.title_seam = end - begin;
    title.pieces.push_back(Piece{merged, merged + merged_line.size(), true, {}});
    title.flags |= tifa::kTitleWrapMerged;
  }
  return title;
}

std::string seed_text(std::string_view prefix) {
  for (const auto& path : tifa::test::seed_files()) {
    if (path.filename().string().rfind(prefix, 0) == 0) return tifa::test::read_file(path);
  }
  return {};
}

}  // namespace

TEST_CASE("N9: seed 001 title: lines of 26, 26 and 2 code points, one wrap space removed") {
  const std::string decoded = seed_text("001_");
  REQUIRE(!decoded.empty());
  DraftBlock title = pdf_title(decoded, "功能");
  const std::string before = final_text(decoded, title);
  CHECK(before == "国务院国资委举办中央企业负责人研讨班 以更大力度更实 举措做好国资央企工作 不断提高企业核心竞争力增强核心功能");

  SUBCASE("title_wrap_repair=true") {
    std::uint32_t flags = repair_title_wraps(decoded, title, true);
    CHECK(flags == tifa::kTitleWrapSpaceRemoved);
    const std::string text = final_text(decoded, title);
    CHECK(text == "国务院国资委举办中央企业负责人研讨班 以更大力度更实举措做好国资央企工作 不断提高企业核心竞争力增强核心功能");
    std::size_t at = bytes("国务院国资委举办中央企业负责人研讨班 以更大力度更实");
    std::size_t source = decoded.find("更实 举措") + bytes("更实");
    check_edits(title, {{"N9", " ", at, 0, source, source + 1}});
    CHECK(title.title_seam == bytes("国务院国资委举办中央企业负责人研讨班 以更大力度更实举措做好国资央企工作 不断提高企业核心竞争力增强核心"));
    CHECK(undo_edits(text, title) == before);
    // Then the normaliser: the title keeps its other spaces; a second run changes nothing.
    Options options;
    NormalizeContext context{&options, true};
    normalize_block(decoded, title, context);
    CHECK(final_text(decoded, title) == text);
    CHECK(title.edits.size() == 1);
    check_idempotent(decoded, title, context);
    // Called again, no layout is left (two lines): the remaining Han-Han spaces are ambiguous.
    CHECK(repair_title_wraps(decoded, title, true) == tifa::kTitleSpaceAmbiguous);
    CHECK(final_text(decoded, title) == text);
  }
  SUBCASE("title_wrap_repair=false: all spaces stay, flag title_space_ambiguous") {
    CHECK(repair_title_wraps(decoded, title, false) == tifa::kTitleSpaceAmbiguous);
    CHECK(final_text(decoded, title) == before);
    CHECK(title.edits.empty());
  }
}

TEST_CASE("N9: corpus excerpt title: lines of 24, 23 and 2 code points") {
  const auto shared = tifa::test::shared_dir();
  if (shared.empty()) {
    MESSAGE("skipped: ../shared is absent");
    return;
  }
  const std::string decoded = tifa::test::read_file(
      shared / "corpus/pdf-markdown/sasac-central-soe-heads-meeting-2021-12-EXCERPT.md");
  DraftBlock title = pdf_title(decoded);
  const std::string before = final_text(decoded, title);
  CHECK(before == "中央企业负责人会议在京召开 贯彻新发展理念 推进 高质量发展 为稳定宏观经济大盘作出国资央企更大 贡献");
  CHECK(repair_title_wraps(decoded, title, true) == tifa::kTitleWrapSpaceRemoved);
  const std::string text = final_text(decoded, title);
  CHECK(text == "中央企业负责人会议在京召开 贯彻新发展理念 推进高质量发展 为稳定宏观经济大盘作出国资央企更大贡献");
  std::size_t first = decoded.find("推进 高质量") + bytes("推进");
  std::size_t second = decoded.find("更大 贡献") + bytes("更大");
  check_edits(title, {{"N9", " ", bytes("中央企业负责人会议在京召开 贯彻新发展理念 推进"), 0, first, first + 1},
                      {"N9", " ", bytes("中央企业负责人会议在京召开 贯彻新发展理念 推进高质量发展 为稳定宏观经济大盘作出国资央企更大"),
                       0, second, second + 1}});
  CHECK(undo_edits(text, title) == before);
}

TEST_CASE("N9: no layout (two lines) leaves the spaces and flags the ambiguity") {
  const std::string decoded = "# 国企改革三年行动 取得重要阶段性成果\n";
  DraftBlock title = pdf_title(decoded);
  CHECK(repair_title_wraps(decoded, title, true) == tifa::kTitleSpaceAmbiguous);
  CHECK(final_text(decoded, title) == "国企改革三年行动 取得重要阶段性成果");
  CHECK(title.edits.empty());
}

TEST_CASE("N9: two layouts are ambiguous; a title without spaces between Han gets no flag") {
  // Segments of 14, 1, 13, 1 and 2 code points: lines (14+1+1, 13+1+1, 2) fit W = 16, and lines
  // (14, 1+1+13, 1+1+2) fit W = 15. Two layouts: every space stays.
  const std::string decoded = "# 一二三四五六七八九十一二三四 五 六七八九十一二三四五六七八 九 十一\n";
  DraftBlock title = pdf_title(decoded);
  std::uint32_t flags = repair_title_wraps(decoded, title, true);
  CHECK(flags == tifa::kTitleSpaceAmbiguous);
  CHECK(title.edits.empty());
  const std::string latin = "# Belt and Road Initiative forum opens in Beijing again\n";
  DraftBlock latin_title = pdf_title(latin);
  CHECK(repair_title_wraps(latin, latin_title, true) == 0);
  CHECK(repair_title_wraps(latin, latin_title, false) == 0);
}

// ---- P1 ----

TEST_CASE("P1: ASCII comma between Han becomes 全角 (spec examples)") {
  Run r = run("7月13日至14日,国务院国资委举办");
  CHECK(r.text == "7月13日至14日，国务院国资委举办");
  check_edits(r.block, {{"P1", ",", bytes("7月13日至14日"), bytes("，"), bytes("7月13日至14日"), bytes("7月13日至14日,")}});
}

TEST_CASE("P1: the single space after the comma is absorbed") {
  Run r = run("面临的问题, 统一思想认识");
  CHECK(r.text == "面临的问题，统一思想认识");
  check_edits(r.block, {{"P1", ", ", bytes("面临的问题"), bytes("，"), bytes("面临的问题"), bytes("面临的问题, ")}});
  Run quote = run("政策“特区”, 各企业");
  CHECK(quote.text == "政策“特区”，各企业");
  check_edits(quote.block, {{"P1", ", ", bytes("政策“特区”"), bytes("，"), bytes("政策“特区”"), bytes("政策“特区”, ")}});
}

TEST_CASE("P1: numbers with thousands separators stay") {
  check_unchanged("奖金共计11,910,000美元");
  check_unchanged("建筑面积511,348平方米");
  check_unchanged("China, Japan and Korea");
}

TEST_CASE("P1: own cases: before a digit, after 》, not after a space or before 。") {
  Run digit = run("全年,2022年");
  CHECK(digit.text == "全年，2022年");
  Run book = run("《意见》,提出");
  CHECK(book.text == "《意见》，提出");
  check_unchanged("全年 ,2022年");
  check_unchanged("全年,。");
}

TEST_CASE("P1: in a title the absorbed space goes, other spaces stay") {
  Run r = run("稳中求进, 以进促稳 推动高质量发展", of_type(BlockType::kTitle));
  CHECK(r.text == "稳中求进，以进促稳 推动高质量发展");
  check_edits(r.block, {{"P1", ", ", bytes("稳中求进"), bytes("，"), bytes("稳中求进"), bytes("稳中求进, ")}});
}

TEST_CASE("P1: fullwidth_punct=false keeps ASCII punctuation") {
  Setup setup;
  setup.fullwidth_punct = false;
  check_unchanged("面临的问题,统一思想认识(试点)啥来头?", setup);
}

TEST_CASE("P1, P2: marks are found at every offset of a long block") {
  // The scan for the marks reads sixteen bytes at a time: each mark sits at every offset once.
  for (std::size_t lead = 0; lead < 40; ++lead) {
    std::string han(lead % 3, 'a');
    for (std::size_t i = 0; i < lead; ++i) han += "文";
    INFO(lead);
    CHECK(run(han + "问题,思想:认识(试点)啥?好!对;").text == han + "问题，思想：认识（试点）啥？好！对；");
  }
}

// ---- P2 ----

TEST_CASE("P2: matched brackets around Han become 全角 (spec examples)") {
  Run r = run("本报讯(绵报融媒记者安达福)6月7日");
  CHECK(r.text == "本报讯（绵报融媒记者安达福）6月7日");
  check_edits(r.block, {{"P2", "(", bytes("本报讯"), bytes("（"), bytes("本报讯"), bytes("本报讯(")},
                        {"P2", ")", bytes("本报讯（绵报融媒记者安达福"), bytes("）"), bytes("本报讯(绵报融媒记者安达福"),
                         bytes("本报讯(绵报融媒记者安达福)")}});
  Run r2 = run("各县(市、区)、园区党(工)委");
  CHECK(r2.text == "各县（市、区）、园区党（工）委");
  check_edits(r2.block, {{"P2", "(", bytes("各县"), 3, bytes("各县"), bytes("各县(")},
                         {"P2", ")", bytes("各县（市、区"), 3, bytes("各县(市、区"), bytes("各县(市、区)")},
                         {"P2", "(", bytes("各县（市、区）、园区党"), 3, bytes("各县(市、区)、园区党"),
                          bytes("各县(市、区)、园区党(")},
                         {"P2", ")", bytes("各县（市、区）、园区党（工"), 3, bytes("各县(市、区)、园区党(工"),
                          bytes("各县(市、区)、园区党(工)")}});
  Run r3 = run("(央视新闻)");
  CHECK(r3.text == "（央视新闻）");
  check_edits(r3.block, {{"P2", "(", 0, 3, 0, 1}, {"P2", ")", bytes("（央视新闻"), 3, bytes("(央视新闻"), bytes("(央视新闻)")}});
}

TEST_CASE("P2: ? ! ; : after Han become 全角") {
  Run r = run("啥来头?");
  CHECK(r.text == "啥来头？");
  check_edits(r.block, {{"P2", "?", bytes("啥来头"), bytes("？"), bytes("啥来头"), bytes("啥来头?")}});
  Run colon = run("会议指出: 要坚持");
  CHECK(colon.text == "会议指出：要坚持");
  check_edits(colon.block, {{"P2", ": ", bytes("会议指出"), bytes("："), bytes("会议指出"), bytes("会议指出: ")}});
  Run after_quote = run("“十四五”!真好;对");
  CHECK(after_quote.text == "“十四五”！真好；对");
}

TEST_CASE("P2: brackets without Han, times and URLs stay") {
  check_unchanged("中国稀土(01548.HK)公告");
  check_unchanged("第一条(1)规定");
  check_unchanged("会议时间12:30开始");
  check_unchanged("详见http://www.gov.cn/a_(b)/c?d=1;e=2!");
  Run r = run("链接:http://www.sasac.gov.cn/n2588025/c8(1).html");
  CHECK(r.text == "链接：http://www.sasac.gov.cn/n2588025/c8(1).html");
}

TEST_CASE("P2: nested brackets; unmatched ones stay") {
  Run r = run("方案(含(附件)说明)");
  CHECK(r.text == "方案（含（附件）说明）");
  check_unchanged("方案(含附件说明");
  Run outer = run("(see (附件))");
  CHECK(outer.text == "（see（附件））");  // then N3: the space touches '（'

}

TEST_CASE("P2: brackets are found after any stretch that holds none, around pairs in every state") {
  // brackets_to_widen jumps from bracket to bracket while no open pair waits for its first H:
  // each pair below sits after stretches of every length (ASCII, Han, both), before, between
  // and after other pairs, with ')' before '(' and one inside a URL.
  for (std::size_t lead = 0; lead < 24; ++lead) {
    std::string stretch;
    for (std::size_t i = 0; i < lead; ++i) stretch += i % 3 == 0 ? "a" : "文";
    INFO(lead);
    CHECK(run(stretch + "(中)" + stretch + "(ab)" + stretch + "(x(国)y)" + stretch + ")(").text ==
          stretch + "（中）" + stretch + "(ab)" + stretch + "（x（国）y）" + stretch + ")(");
    // The '(' in the URL is passed over; the ')' after 中, past the URL's end, closes the first.
    CHECK(run(stretch + "见(http://a.cn/(中))" + stretch + "(1(2)" + stretch + "文)").text ==
          stretch + "见（http://a.cn/(中）)" + stretch + "（1(2)" + stretch + "文）");
  }
}

TEST_CASE("P2: a comma before a widened bracket is P1 in the same run (idempotence)") {
  Run r = run("国资委,(央视新闻)报道");
  CHECK(r.text == "国资委，（央视新闻）报道");
  Run after = run("(央视新闻),国资委");
  CHECK(after.text == "（央视新闻），国资委");
}

// ---- P3 ----

TEST_CASE("P3: full-width digits and letters become ASCII (spec examples)") {
  Run r = run("３月１４日");
  CHECK(r.text == "3月14日");
  check_edits(r.block, {{"P3", "３", 0, 1, 0, 3},
                        {"P3", "１", bytes("3月"), 1, bytes("３月"), bytes("３月１")},
                        {"P3", "４", bytes("3月1"), 1, bytes("３月１"), bytes("３月１４")}});
  Run year = run("２０１０年");
  CHECK(year.text == "2010年");
  check_edits(year.block, {{"P3", "２", 0, 1, 0, 3}, {"P3", "０", 1, 1, 3, 6}, {"P3", "１", 2, 1, 6, 9}, {"P3", "０", 3, 1, 9, 12}});
  Run dot = run("９３００．５元");
  CHECK(dot.text == "9300.5元");
  CHECK(count_rule(dot.block, "P3") == 6);
  check_edit(dot.block.edits[4], {"P3", "．", 4, 1, 12, 15});
  check_unchanged("1．地级市");
  CHECK(run("ＧＤＰ增长").text == "GDP增长");
  CHECK(run("ａｂｃ").text == "abc");
}

TEST_CASE("P3: other full-width forms stay (no NFKC)") {
  check_unchanged("新浪财经－国內｜要闻，；：？！（）～");
}

// ---- P4 ----

TEST_CASE("P4: Kangxi radicals become unified ideographs") {
  Run r = run("⼀带⼀路");
  CHECK(r.text == "一带一路");
  check_edits(r.block, {{"P4", "⼀", 0, 3, 0, 3}, {"P4", "⼀", bytes("一带"), 3, bytes("⼀带"), bytes("⼀带⼀")}});
  CHECK(run("⼈⺠").text == "人⺠");  // U+2E8C is a supplement radical: not P4
  CHECK(run("\u2FD5").text == "\u9FA0");
}

// ---- P5 ----

TEST_CASE("P5: invisible characters and controls are removed") {
  Run r = run("国企\u200B改革");
  CHECK(r.text == "国企改革");
  check_edits(r.block, {{"P5", "\u200B", bytes("国企"), 0, bytes("国企"), bytes("国企\u200B")}});
  Run run_of = run("国企\u200D\u2060\xC2\xAD\x01改革\uFEFF");
  CHECK(run_of.text == "国企改革");
  check_edits(run_of.block, {{"P5", "\u200D\u2060\xC2\xAD\x01", bytes("国企"), 0, bytes("国企"), bytes("国企\u200D\u2060\xC2\xAD\x01")},
                             {"P5", "\uFEFF", bytes("国企改革"), 0, bytes("国企\u200D\u2060\xC2\xAD\x01改革"),
                              bytes("国企\u200D\u2060\xC2\xAD\x01改革\uFEFF")}});
  check_unchanged("乱码\uFFFD保留");
  CHECK(tifa::clean::removes_control_char(run_of.block.edits[0]));
  CHECK(!tifa::clean::removes_control_char(run_of.block.edits[1]));
  CHECK(!tifa::clean::removes_control_char(r.block.edits[0]));
  Run nul = run(std::string("正文\0内容", 13));
  CHECK(nul.text == "正文内容");
  REQUIRE(nul.block.edits.size() == 1);
  CHECK(tifa::clean::removes_control_char(nul.block.edits[0]));
}

// ---- P6 ----

TEST_CASE("P6: decomposed sequences are recomposed (NFC)") {
  Run r = run("Pok\x65\xCC\x81mon 宝可梦");
  CHECK(r.text == "Pok\xC3\xA9mon 宝可梦");
  check_edits(r.block, {{"P6", "e\xCC\x81", 3, 2, 3, 6}});
  Run compat = run("\uF900");  // a CJK compatibility ideograph: canonical singleton
  CHECK(compat.text == "\u8C48");
  CHECK(compat.block.edits.size() == 1);
}

TEST_CASE("P6: a letter that P3 folds composes with a following combining mark") {
  Run r = run("Ｅ\xCC\x81");
  CHECK(r.text == "\xC3\x89");
}

TEST_CASE("P6: the fast NFC check agrees with ICU") {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  REQUIRE(U_SUCCESS(status));
  std::size_t wrong = 0;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    if (!tifa::clean::is_nfc_inert_fast(c)) continue;
    auto cp = static_cast<UChar32>(c);
    UErrorCode item = U_ZERO_ERROR;
    bool inert = nfc->getCombiningClass(cp) == 0 && nfc->quickCheck(icu::UnicodeString(cp), item) == UNORM_YES;
    if (!inert) ++wrong;
  }
  CHECK(wrong == 0);
}

// ---- §4.3 never applied ----

TEST_CASE("P6: never NFKC (§4.3): width forms, dashes, dots, numerals, quotes and case stay") {
  check_unchanged("，；：？！（）…－｜①㈠");
  check_unchanged("1—5月、1-4月份、——、～、〜");
  check_unchanged("．．．．．．、......、……");
  check_unchanged("二零二一年十一月十一日、二〇二三年");
  check_unchanged("”无废城市“与“十四五”");
  check_unchanged("GB20664Y2006标准");
  check_unchanged("新浪财经－国內");
}

TEST_CASE("N5: §4.3 Pangu-style spaces stay outside PDF text") {
  check_unchanged("AI 篮球裁判");
  check_unchanged("AP 哥");
  check_unchanged("@东方网 27日报道");
  Setup setup;
  setup.cjk_space_repair = CjkSpaceRepair::kPdf;
  setup.pdf_layout = false;
  check_unchanged("AI 篮球裁判", setup);
}

// ---- options, scope ----

TEST_CASE("N4: a title or heading keeps its spaces (seed 003) even with cjk_space_repair=all") {
  Setup setup = of_type(BlockType::kTitle);
  setup.pdf_layout = true;
  setup.cjk_space_repair = CjkSpaceRepair::kAll;
  check_unchanged("围绕重点持续攻坚 聚焦主业提质增效 努力干出绵阳国有企业发展新天地", setup);
  Setup heading = setup;
  heading.type = BlockType::kHeading;
  check_unchanged("第一时间 第一反应", heading);
}

TEST_CASE("P2: titles get P1-P6, N1 and N2") {
  Run r = run("国务院国资委:３月　举办(研讨班)\u200B", of_type(BlockType::kTitle));
  CHECK(r.text == "国务院国资委：3月 举办（研讨班）");
}

TEST_CASE("N3: a deletion that gives P1 or N6 a new neighbour is followed up (I7)") {
  Run comma = run("政策“特区” ,各企业");
  CHECK(comma.text == "政策“特区”，各企业");
  Run letters = run("严防。 P P P 中");
  CHECK(letters.text == "严防。PPP 中");
}

TEST_CASE("P1: a block with an entity piece keeps its offset map") {
  // "国企&amp;改革 ,央企" : the entity piece is one character "&" whose source is "&amp;".
  const std::string decoded = "国企&amp;改革,央企";
  DraftBlock block;
  block.pieces.push_back(Piece{0, bytes("国企"), true, {}});
  block.pieces.push_back(Piece{bytes("国企"), bytes("国企&amp;"), false, "&"});
  block.pieces.push_back(Piece{bytes("国企&amp;"), decoded.size(), true, {}});
  Options options;
  NormalizeContext context{&options, false};
  normalize_block(decoded, block, context);
  CHECK(final_text(decoded, block) == "国企&改革，央企");
  check_edits(block, {{"P1", ",", bytes("国企&改革"), bytes("，"), bytes("国企&amp;改革"), bytes("国企&amp;改革,")}});
  check_idempotent(decoded, block, context);
  // The entity piece survives as it was.
  REQUIRE(block.pieces.size() >= 3);
  CHECK(!block.pieces[1].verbatim);
  CHECK(block.pieces[1].text == "&");
}

TEST_CASE("N1: normalize_meta_value does N1, N2, P3, P5, P6 only") {
  CHECK(normalize_meta_value("　冯体炜 ") == "冯体炜");
  CHECK(normalize_meta_value("2023 年 7 月 17 日") == "2023 年 7 月 17 日");
  CHECK(normalize_meta_value("１９４９年\u200B　新中国") == "1949年 新中国");
  CHECK(normalize_meta_value("日照日报,新闻(要闻)") == "日照日报,新闻(要闻)");
  CHECK(normalize_meta_value("⼀") == "⼀");
  CHECK(normalize_meta_value("") == "");
}

// ---- seed 001 ----

namespace {

// Paragraph blocks of a PDF markdown seed: blank-line separated, without the "# " title, the
// wrapped title tail, the date line and the page markers. One verbatim piece per paragraph.
std::vector<DraftBlock> seed_paragraphs(const std::string& decoded) {
  std::vector<DraftBlock> blocks;
  std::size_t pos = 0;
  while (pos < decoded.size()) {
    std::size_t end = decoded.find("\n\n", pos);
    if (end == std::string::npos) end = decoded.size();
    std::string_view paragraph(decoded.data() + pos, end - pos);
    std::size_t length = paragraph.size();
    if (std::size_t marker = paragraph.find("<PAGE_DIV>"); marker != std::string_view::npos) length = marker;
    while (length > 0 && paragraph[length - 1] == '\n') --length;
    bool skip = paragraph.rfind("# ", 0) == 0 || paragraph.rfind("发布时间", 0) == 0 || paragraph == "功能" ||
                length == 0;
    if (!skip) {
      DraftBlock block;
      block.pieces.push_back(Piece{pos, pos + length, true, {}});
      blocks.push_back(std::move(block));
    }
    pos = end + 2;
  }
  return blocks;
}

}  // namespace

TEST_CASE("P1: seed 001 has 98 P1 edits (11 with a space), N5 and N3 as in spec §8") {
  const std::string decoded = seed_text("001_");
  REQUIRE(!decoded.empty());
  std::vector<DraftBlock> blocks = seed_paragraphs(decoded);
  REQUIRE(blocks.size() == 7);
  Options options;
  NormalizeContext context{&options, true};
  std::map<std::string, std::size_t> per_rule;
  std::size_t p1_with_space = 0;
  std::string all_text;
  for (DraftBlock& block : blocks) {
    const std::string before = final_text(decoded, block);
    normalize_block(decoded, block, context);
    const std::string text = final_text(decoded, block);
    CHECK(undo_edits(text, block) == before);
    check_idempotent(decoded, block, context);
    for (const auto& edit : block.edits) {
      ++per_rule[edit.rule];
      if (edit.rule == "P1" && edit.before == ", ") ++p1_with_space;
    }
    all_text += text;
    all_text += '\n';
  }
  CHECK(per_rule["P1"] == 98);
  CHECK(p1_with_space == 11);
  CHECK(per_rule["N5"] == 7);  // 7 月 13 日至 14 日 (5 spaces) and 等 6 家 (2)
  CHECK(per_rule["N3"] == 2);  // 应邀参加。 驻 and 早开工、 早投产
  CHECK(per_rule.size() == 3);
  CHECK(all_text.find(',') == std::string::npos);
  CHECK(all_text.rfind("7月13日至14日，国务院国资委举办中央企业负责人研讨班，进一步深入学习", 0) == 0);
  CHECK(all_text.find("等6家企业") != std::string::npos);
  CHECK(all_text.find("应邀参加。驻国资委") != std::string::npos);
  CHECK(all_text.find("早开工、早投产") != std::string::npos);
  std::size_t semicolons = 0;
  for (std::size_t p = all_text.find("；"); p != std::string::npos; p = all_text.find("；", p + 1)) ++semicolons;
  CHECK(semicolons == 9);
  CHECK(all_text.find("直属事业单位负责同志列席研讨班。\n") != std::string::npos);
}

TEST_CASE("I7: every line of every seed normalises reversibly and idempotently under all options") {
  for (const auto& path : tifa::test::seed_files()) {
    const std::string decoded = tifa::test::read_file(path);
    for (bool pdf_layout : {false, true}) {
      for (CjkSpaceRepair repair : {CjkSpaceRepair::kPdf, CjkSpaceRepair::kAll, CjkSpaceRepair::kNone}) {
        for (bool fullwidth : {true, false}) {
          for (BlockType type : {BlockType::kParagraph, BlockType::kTitle}) {
            Options options;
            options.cjk_space_repair = repair;
            options.fullwidth_punct = fullwidth;
            NormalizeContext context{&options, pdf_layout};
            // Whole lines as blocks: HTML and front matter included, which makes good stress text.
            std::size_t pos = 0;
            while (pos < decoded.size()) {
              std::size_t end = decoded.find('\n', pos);
              if (end == std::string::npos) end = decoded.size();
              DraftBlock block;
              block.type = type;
              block.pieces.push_back(Piece{pos, end, true, {}});
              const std::string before = final_text(decoded, block);
              normalize_block(decoded, block, context);
              INFO(path.filename().string(), " line at ", pos);
              check_block_invariants(decoded, before, block);
              check_idempotent(decoded, block, context);
              pos = end + 1;
            }
          }
        }
      }
    }
  }
}

// ---- corpus and random blocks: invariants and idempotence ----

TEST_CASE("I4: every line of every corpus document normalises reversibly and idempotently") {
  const auto files = tifa::test::corpus_files();
  if (files.empty()) {
    MESSAGE("skipped: ../shared/corpus is absent");
    return;
  }
  for (const auto& path : files) {
    const std::string decoded = tifa::decode(tifa::test::read_file(path)).text;  // GB18030 → UTF-8
    for (bool pdf_layout : {false, true}) {
      Options options;
      options.cjk_space_repair = CjkSpaceRepair::kAll;
      NormalizeContext context{&options, pdf_layout};
      std::size_t pos = 0;
      while (pos < decoded.size()) {
        std::size_t end = decoded.find('\n', pos);
        if (end == std::string::npos) end = decoded.size();
        DraftBlock block;
        block.pieces.push_back(Piece{pos, end, true, {}});
        normalize_block(decoded, block, context);
        INFO(path.filename().string(), " line at ", pos);
        check_block_invariants(decoded, decoded.substr(pos, end - pos), block);
        check_idempotent(decoded, block, context);
        pos = end + 1;
      }
    }
  }
}

#ifndef FUZZ_SEED
#define FUZZ_SEED 20240531
#define FUZZ_N 30000
#endif

namespace {

// A deterministic generator of blocks made of the characters the rules care about, cut into
// verbatim pieces, entity-like replacement pieces and synthetic cell TABs.
class RandomBlocks {
 public:
  explicit RandomBlocks(std::uint32_t seed) : state_(seed) {}

  struct Sample {
    std::string decoded;
    DraftBlock block;
  };

  Sample next() {
    static const char* const kAtoms[] = {
        "中", "国", "企", "〇", "々", "。", "，", "、", "“", "”", "（", "）", "《", "》", "—", "…", "·",
        "A", "B", "P", "x", "1", "2", "0", " ", " ", " ", "  ", "\n", " \n", "\t", "　", "\xC2\xA0",
        "\xE2\x80\x83", ",", ",", ";", ":", "?", "!", "(", ")", "(", ")", ".", "\xE2\x80\x8B",
        "\xC2\xAD", "\x01", "３", "Ａ", "ａ", "．", "⼀", "⼈", "e\xCC\x81", "\xCC\x81", "\uF900", "\uFFFD",
        "http://", "a.cn/", "12:30", "５", "–", "-", "】", "】"};
    Sample sample;
    std::size_t atoms = 1 + next_below(24);
    std::string text;
    for (std::size_t i = 0; i < atoms; ++i) text += kAtoms[next_below(sizeof(kAtoms) / sizeof(kAtoms[0]))];
    // Cut the text into pieces at code point boundaries; some become replacement pieces.
    static const BlockType kTypes[] = {BlockType::kParagraph, BlockType::kParagraph, BlockType::kParagraph,
                                       BlockType::kTitle,     BlockType::kHeading,   BlockType::kByline};
    sample.block.type = kTypes[next_below(6)];
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = pos;
      std::size_t chars = 1 + next_below(6);
      for (std::size_t c = 0; c < chars && end < text.size(); ++c) end = tifa::util::previous_start(text, end + 1) ==
                                                                          end ? end + code_point_length(text, end) : end + 1;
      std::size_t at = sample.decoded.size();
      if (next_below(6) == 0) {
        // An entity: "&#NN;" in the decoded text, its character in the piece.
        sample.decoded += "&#x;";
        sample.block.pieces.push_back(Piece{at, sample.decoded.size(), false, text.substr(pos, end - pos)});
      } else {
        if (next_below(4) == 0) {
          sample.decoded += "<b>";  // markup between pieces
          at = sample.decoded.size();
        }
        sample.decoded += text.substr(pos, end - pos);
        sample.block.pieces.push_back(Piece{at, sample.decoded.size(), true, {}});
      }
      if (next_below(10) == 0) {
        sample.block.flags |= tifa::kTableRow;
        sample.block.pieces.push_back(Piece{sample.decoded.size(), sample.decoded.size(), false, "\t"});
      }
      pos = end;
    }
    std::size_t size = pieces_text(sample.decoded, sample.block.pieces).size();
    if (next_below(4) == 0 && size > 0) {
      std::string current = pieces_text(sample.decoded, sample.block.pieces);
      std::size_t a = boundary(current, next_below(size + 1));
      std::size_t b = boundary(current, next_below(size + 1));
      sample.block.byline = Span{std::min(a, b), std::max(a, b)};
    }
    if (sample.block.type == BlockType::kTitle && size > 0 && next_below(2) == 0) {
      std::string current = pieces_text(sample.decoded, sample.block.pieces);
      sample.block.title_seam = boundary(current, next_below(size + 1));
    }
    return sample;
  }

 private:
  static std::size_t code_point_length(const std::string& text, std::size_t pos) {
    std::size_t length = 0;
    tifa::util::decode_at(text, pos, length);
    return length;
  }
  static std::size_t boundary(const std::string& text, std::size_t pos) {
    while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
    return pos;
  }
  std::size_t next_below(std::size_t n) {
    state_ = state_ * 1664525u + 1013904223u;
    return static_cast<std::size_t>((state_ >> 8) % n);
  }
  std::uint32_t state_;
};

}  // namespace

TEST_CASE("I7: random blocks: reversible (I4), letters kept (I5), idempotent (I7), well-formed (I11)") {
  RandomBlocks generator(FUZZ_SEED);
  for (int i = 0; i < FUZZ_N; ++i) {
    RandomBlocks::Sample sample = generator.next();
    const std::string original = pieces_text(sample.decoded, sample.block.pieces);
    Options options;
    options.cjk_space_repair = i % 3 == 0 ? CjkSpaceRepair::kAll : CjkSpaceRepair::kPdf;
    options.fullwidth_punct = i % 7 != 0;
    NormalizeContext context{&options, i % 2 == 0};
    DraftBlock block = sample.block;
    const bool had_byline = block.byline.has_value();
    std::string byline_text;
    if (had_byline) byline_text = original.substr(block.byline->begin, block.byline->size());
    std::uint32_t title_flags = 0;
    if (block.type == BlockType::kTitle) title_flags = repair_title_wraps(sample.decoded, block, i % 5 != 0);
    normalize_block(sample.decoded, block, context);
    const std::string text = final_text(sample.decoded, block);
    INFO("case ", i, " original: [", original, "] text: [", text, "]");
    CHECK((title_flags & ~(tifa::kTitleWrapSpaceRemoved | tifa::kTitleSpaceAmbiguous)) == 0);
    if (block.title_seam) CHECK(*block.title_seam <= text.size());
    // A synthetic cell TAB that an edit swallowed has no source and is not in `before`.
    if ((block.flags & tifa::kTableRow) != 0) {
      CHECK(without_tabs(undo_edits(text, block)) == without_tabs(original));
    } else {
      CHECK(undo_edits(text, block) == original);
    }
    check_letters_kept(original, text, block);
    check_idempotent(sample.decoded, block, context);
    // I11: no leading or trailing whitespace; no controls but TAB and LF; NFC.
    if (!text.empty()) {
      CHECK(tifa::util::is_space(tifa::util::code_point_at(text, 0)) == false);
      CHECK(tifa::util::is_space(tifa::util::code_point_before(text, text.size())) == false);
    }
    UErrorCode status = U_ZERO_ERROR;
    CHECK(icu::Normalizer2::getNFCInstance(status)->isNormalizedUTF8(text, status));
    CHECK(std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\t'; }));
    CHECK(had_byline == block.byline.has_value());
    std::size_t last_source = 0;
    for (const Piece& piece : block.pieces) {
      CHECK(piece.begin >= last_source);
      last_source = std::max(last_source, piece.end);
    }
    if (had_byline) {
      REQUIRE(block.byline->end <= text.size());
    }
  }
}

namespace {

// Blocks for the plain-block fast path of BlockNormalizer: whitespace at the ends, text that no
// rule but N1 touches in between (now and then a character that some rule does touch), cut into
// verbatim pieces with markup between some of them and now and then an entity piece.
struct PlainSample {
  std::string decoded;
  DraftBlock block;
};

// A linear congruential generator: below(n) is in [0, n).
struct Random {
  std::uint32_t& state;
  std::size_t below(std::size_t n) {
    state = state * 1664525u + 1013904223u;
    return static_cast<std::size_t>((state >> 8) % n);
  }
};

const char* const kSampleSpaces[] = {"　", " ", "\xC2\xA0", "\t", "\n", "\xE2\x80\x80", "\xE2\x80\x82", "　　"};
const char* const kSamplePlain[] = {"中", "国", "文", "，", "。", "“", "”", "、", "a", "Z", "1", "《", "》"};
const char* const kSampleTouched[] = {" ",     "　",    ",",   "(",   "３",  "\xE2\x80\x8B", "e\xCC\x81",
                                      "\n",    "A B C", " A ", "中 ", " 1", " 国",          "  ",
                                      // ASCII marks that P1/P2 widen or leave (the fast path tells)
                                      ":", ")", "12:30", "(1)", "?", "!", ";", "1,5", "a, b", "http://a.cn/?x=1",
                                      // '．' that P3 makes '.' between two digits, or leaves
                                      "．", "一．", "1．5", "１．2", "．1", "1 ．5", "9．"};

// Appends `times` atoms picked from `atoms` to `text`.
template <std::size_t N>
void add_atoms(Random& random, const char* const (&atoms)[N], std::size_t times, std::string& text) {
  for (std::size_t i = 0; i < times; ++i) text += atoms[random.below(N)];
}

// Spaces, then (mostly) plain text with now and then a touched atom, then spaces.
std::string sample_text(Random& random, std::size_t max_spaces, std::size_t max_plain) {
  std::string text;
  add_atoms(random, kSampleSpaces, random.below(max_spaces + 1), text);
  if (random.below(12) != 0) {
    add_atoms(random, kSamplePlain, 1 + random.below(max_plain), text);
    if (random.below(3) == 0) add_atoms(random, kSampleTouched, 1 + random.below(2), text);
    add_atoms(random, kSamplePlain, random.below(3) == 0 ? 1 : 0, text);
  }
  add_atoms(random, kSampleSpaces, random.below(max_spaces + 1), text);
  return text;
}

// Appends `text` to the sample as pieces of 1-5 characters.
void add_pieces(Random& random, const std::string& text, PlainSample& sample) {
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = pos + 1;
    for (std::size_t chars = 1 + random.below(5); end < text.size(); ++end) {
      if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80 && --chars == 0) break;
    }
    if (random.below(4) == 0) sample.decoded += "<i>";  // markup: the next piece does not follow on
    const std::size_t at = sample.decoded.size();
    if (random.below(15) == 0) {
      sample.decoded += "&#x;";
      sample.block.pieces.push_back(Piece{at, sample.decoded.size(), false, text.substr(pos, end - pos)});
    } else {
      sample.decoded += text.substr(pos, end - pos);
      sample.block.pieces.push_back(Piece{at, sample.decoded.size(), true, {}});
    }
    pos = end;
  }
}

BlockType sample_type(Random& random) {
  static const BlockType kTypes[] = {BlockType::kParagraph, BlockType::kParagraph, BlockType::kTitle,
                                     BlockType::kHeading, BlockType::kByline, BlockType::kCaption};
  return kTypes[random.below(std::size(kTypes))];
}

// Now and then with a byline (B13) somewhere in the text, its ends at character boundaries or not.
PlainSample plain_sample(std::uint32_t& state) {
  Random random{state};
  PlainSample sample;
  sample.block.type = sample_type(random);
  const std::string text = sample_text(random, 3, 12);
  add_pieces(random, text, sample);
  if (random.below(4) == 0) {
    const std::size_t begin = random.below(text.size() + 1);
    sample.block.byline = Span{begin, begin + random.below(text.size() + 1 - begin)};
  }
  return sample;
}

// A table row: cells (spaces, text, spaces) joined by cell TAB pieces, as a reader makes them;
// now and then a TAB at an end.
PlainSample row_sample(std::uint32_t& state) {
  Random random{state};
  PlainSample sample;
  sample.block.type = sample_type(random);
  sample.block.flags = tifa::kTableRow;
  const auto add_cell_tab = [&sample] {
    const std::size_t at = sample.decoded.size();
    sample.block.pieces.push_back(Piece{at, at, false, "\t"});
  };
  if (random.below(8) == 0) add_cell_tab();
  const std::size_t cells = 1 + random.below(5);
  for (std::size_t cell = 0; cell < cells; ++cell) {
    if (cell > 0) add_cell_tab();
    add_pieces(random, sample_text(random, 2, 5), sample);
  }
  if (random.below(8) == 0) add_cell_tab();
  return sample;
}

// Normalises the sample's block with and without the fast paths and requires the same result.
void require_fast_path_agrees(const PlainSample& sample, int i, bool html_newlines) {
  Options options;
  options.fullwidth_punct = i % 5 != 0;
  options.cjk_space_repair = i % 3 == 0 ? CjkSpaceRepair::kAll : CjkSpaceRepair::kPdf;
  NormalizeContext fast{&options, i % 2 == 0, html_newlines};
  NormalizeContext general = fast;
  general.plain_fast_path = false;
  DraftBlock by_fast = sample.block;
  DraftBlock by_general = sample.block;
  normalize_block(sample.decoded, by_fast, fast);
  normalize_block(sample.decoded, by_general, general);
  INFO("case ", i, " text: [", pieces_text(sample.decoded, sample.block.pieces), "]");
  REQUIRE(by_fast.pieces.size() == by_general.pieces.size());
  for (std::size_t k = 0; k < by_fast.pieces.size(); ++k) {
    const Piece& a = by_fast.pieces[k];
    const Piece& b = by_general.pieces[k];
    CHECK(a.begin == b.begin);
    CHECK(a.end == b.end);
    CHECK(a.verbatim == b.verbatim);
    CHECK(a.text == b.text);
    CHECK(a.reference_run == b.reference_run);
  }
  REQUIRE(by_fast.edits.size() == by_general.edits.size());
  for (std::size_t k = 0; k < by_fast.edits.size(); ++k) {
    const auto& a = by_fast.edits[k];
    const auto& b = by_general.edits[k];
    CHECK(a.rule == b.rule);
    CHECK(a.span == b.span);
    CHECK(a.raw_span == b.raw_span);
    CHECK(a.before == b.before);
  }
  CHECK(by_fast.flags == by_general.flags);
  CHECK(by_fast.byline == by_general.byline);
  CHECK(by_fast.title_seam == by_general.title_seam);
}

}  // namespace

TEST_CASE("normalize: the plain-block fast path agrees with the general path") {
  std::uint32_t state = 20251130;
  for (int i = 0; i < 20000; ++i) {
    const PlainSample sample = plain_sample(state);
    require_fast_path_agrees(sample, i, i % 7 == 0);
    // normalize_meta_value has the same shortcut: it must agree with a title block without P1/P2
    // (the samples hold no Kangxi radical, which only metadata values keep).
    const std::string text = pieces_text(sample.decoded, sample.block.pieces);
    DraftBlock title;
    title.type = BlockType::kTitle;
    title.pieces.push_back(Piece{0, text.size(), true, {}});
    Options no_punct;
    no_punct.fullwidth_punct = false;
    NormalizeContext title_context{&no_punct, false, false, false};
    normalize_block(text, title, title_context);
    CHECK(normalize_meta_value(text) == pieces_text(text, title.pieces));
  }
}

TEST_CASE("normalize: the plain-row fast path agrees with the general path") {
  std::uint32_t state = 20251201;
  for (int i = 0; i < 40000; ++i) require_fast_path_agrees(row_sample(state), i, i % 4 != 0);
}

TEST_CASE("normalize: a character a rule touches is found after runs of ideographs of any length") {
  // scan_features skips runs of ideographs several at a time: whatever the run's length, the
  // character after it must still be seen (here P3 folds a full-width digit, P1 widens a comma
  // between two ideographs).
  const char* const kIdeographs[] = {"中", "国", "一", "龟", "丁", "鿏", "䶵"};  // leads E4-E9
  std::uint32_t state = 7;
  Random random{state};
  for (std::size_t before = 1; before < 48; ++before) {
    for (const auto& [touched, expected] : {std::pair{"３", "3"}, std::pair{",", "，"}}) {
      std::string text;
      for (std::size_t i = 0; i < before; ++i) text += kIdeographs[random.below(std::size(kIdeographs))];
      text += touched;
      for (std::size_t i = 1 + random.below(20); i > 0; --i) text += kIdeographs[random.below(std::size(kIdeographs))];
      DraftBlock block;
      block.pieces.push_back(Piece{0, text.size(), true, {}});
      normalize_block(text, block, NormalizeContext{});
      const std::string result = pieces_text(text, block.pieces);
      INFO("ideographs before: ", before, " text: ", text);
      CHECK(result.find(touched) == std::string::npos);
      CHECK(result.find(expected) != std::string::npos);
    }
  }
}

TEST_CASE("code_points counts every byte but the continuation bytes, at every length") {
  const std::string pattern = std::string("中a\xE3\x80\x80") + "\xBF" + "文，" + "\xF0\x9F\x98\x80" + "\xE6";
  std::string text;
  for (std::size_t i = 0; text.size() < 600; ++i) {
    const std::size_t expected = static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
    INFO(text.size());
    CHECK(tifa::clean::code_points(text) == expected);
    text += pattern[i % pattern.size()];
  }
}

TEST_CASE("leading_space_bytes and trailing_space_bytes take the N1 spaces and nothing else") {
  using tifa::clean::leading_space_bytes;
  using tifa::clean::trailing_space_bytes;
  const std::string nbsp = "\xC2\xA0";
  const std::string ideographic = "\xE3\x80\x80";
  const std::string spaces = " \t\n" + nbsp + ideographic + " ";
  CHECK(leading_space_bytes(spaces + "中文") == spaces.size());
  CHECK(trailing_space_bytes("中文" + spaces) == spaces.size());
  CHECK(leading_space_bytes(spaces) == spaces.size());
  CHECK(trailing_space_bytes(spaces) == spaces.size());
  CHECK(leading_space_bytes("") == 0);
  CHECK(trailing_space_bytes("") == 0);
  // Look-alikes and halves: the mark 、 (E3 80 81), 〇 (E3 80 87), a lone A0 or 80, a cut U+3000.
  for (const std::string tail : {"\xE3\x80\x81", "\xE3\x80\x87", "\xA0", "a\x80", "\x80\x80", "\xE3\x80",
                                 "\xC2", "x\xA0", "中"}) {
    INFO(tail);
    CHECK(trailing_space_bytes("文" + tail) == 0);
    CHECK(trailing_space_bytes(" " + tail) == 0);
    CHECK(leading_space_bytes(tail + " ") == 0);
  }
  CHECK(trailing_space_bytes("\xE3\x80\x80\x80") == 0);     // 80 80 80 after E3 is no U+3000 at the end
  CHECK(trailing_space_bytes("\xA0\xC2\xA0") == 2);         // only the last pair
  CHECK(leading_space_bytes("\xE3\x80\x80\x80") == 3);
}
