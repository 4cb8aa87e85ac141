// Numerals of spec/slogans.md §4.1 and the member counts of §5 rule 3. Expected values are the
// spec's readings, written by hand.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "slogans/numerals.hpp"
#include "util/utf8.hpp"

using tifa::slogans::counts_characters;
using tifa::slogans::is_numeral;
using tifa::slogans::member_count_values;
using tifa::slogans::numeral_value;

namespace {

using Values = std::vector<int>;

}  // namespace

TEST_CASE("§4.1: Chinese numerals, ASCII and full-width digits are numerals") {
  for (char32_t cp : std::u32string(U"〇零一二三四五六七八九十百千万亿两")) {
    CAPTURE(static_cast<unsigned>(cp));
    CHECK(is_numeral(cp));
  }
  for (char32_t cp : std::u32string(U"0123456789０１２３４５６７８９")) {
    CAPTURE(static_cast<unsigned>(cp));
    CHECK(is_numeral(cp));
  }
}

TEST_CASE("§4.1: financial numerals, 廿 卅, circled and Roman numbers, 几 数 多 半 are no numerals") {
  for (char32_t cp : std::u32string(U"壹贰叁肆伍廿卅①②⑩ⅠⅡⅻ几数多半")) {
    CAPTURE(static_cast<unsigned>(cp));
    CHECK_FALSE(is_numeral(cp));
  }
}

TEST_CASE("§4.1: exactly the 37 numerals above are numerals, among every code point") {
  std::size_t count = 0;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) count += is_numeral(cp);
  CHECK(count == 17 + 10 + 10);
  CHECK_FALSE(is_numeral(U'\0'));
}

TEST_CASE("§4.1: 双 is a numeral only where a segment begins, so is_numeral leaves it to callers") {
  CHECK_FALSE(is_numeral(U'双'));
  CHECK(numeral_value("双") == 2);
}

TEST_CASE("§4.1: values follow the usual reading") {
  CHECK(numeral_value("十四") == 14);
  CHECK(numeral_value("二十") == 20);
  CHECK(numeral_value("一百零八") == 108);
  CHECK(numeral_value("两") == 2);
  CHECK(numeral_value("十") == 10);
  CHECK(numeral_value("十六") == 16);
  CHECK(numeral_value("二十四") == 24);
  CHECK(numeral_value("三千") == 3000);
  CHECK(numeral_value("千万") == 10'000'000);
  CHECK(numeral_value("万") == 10'000);
  CHECK(numeral_value("一万五千") == 15'000);
  CHECK(numeral_value("一亿二千万") == 120'000'000);
  CHECK(numeral_value("两千") == 2000);
}

TEST_CASE("§4.1: digits, full-width digits, digits with Chinese units, years digit by digit") {
  CHECK(numeral_value("18") == 18);
  CHECK(numeral_value("１７") == 17);
  CHECK(numeral_value("2025") == 2025);
  CHECK(numeral_value("18亿") == 1'800'000'000);
  CHECK(numeral_value("二〇二一") == 2021);
}

TEST_CASE("§4.1: empty, malformed, non-numeral and too large numerals have no value") {
  CHECK_FALSE(numeral_value(""));
  CHECK_FALSE(numeral_value("十四五"));  // a plan period, not one number
  CHECK_FALSE(numeral_value("十百"));
  CHECK_FALSE(numeral_value("壹"));
  CHECK_FALSE(numeral_value("三个"));
  CHECK_FALSE(numeral_value("1八"));
  CHECK_FALSE(numeral_value("双双"));
  CHECK_FALSE(numeral_value("一万亿亿"));
  CHECK_FALSE(numeral_value("99999999999999"));  // above 10^12
  CHECK_FALSE(numeral_value("\xFF\xFE"));
}

TEST_CASE("numeral_value of code points reads as numeral_value of UTF-8") {
  for (const std::u32string numeral :
       {U"", U"双", U"十四", U"一百零八", U"两", U"一亿二千万", U"１７", U"2025", U"18亿", U"二〇二一", U"十四五",
        U"十百", U"壹", U"三个", U"1八", U"双双", U"一万亿亿", U"99999999999999", U"双一"}) {
    std::string utf8;
    for (const char32_t c : numeral) tifa::util::append_utf8(utf8, c);
    CAPTURE(utf8);
    CHECK(numeral_value(std::u32string_view(numeral)) == numeral_value(std::string_view(utf8)));
  }
}

TEST_CASE("§5 rule 3: numeral + classifier counts N") {
  CHECK(member_count_values("两个维护") == Values{2});
  CHECK(member_count_values("两个至上") == Values{2});
  CHECK(member_count_values("三项制度改革") == Values{3});
  CHECK(member_count_values("五大发展理念") == Values{5});
  CHECK(member_count_values("五篇大文章") == Values{5});
  CHECK(member_count_values("四个全面") == Values{4});
  CHECK(member_count_values("两个毫不动摇") == Values{2});
}

TEST_CASE("§5 rule 3: compounds count the sum of their numerals and each single numeral >= 2") {
  CHECK(member_count_values("三去一降一补") == Values{3, 5});
  CHECK(member_count_values("一岗双责") == Values{2, 3});
  CHECK(member_count_values("一利五率") == Values{5, 6});
  CHECK(member_count_values("两学一做") == Values{2, 3});
  CHECK(member_count_values("三严三实") == Values{3, 6});
  CHECK(member_count_values("两不愁三保障") == Values{2, 3, 5});
  CHECK(member_count_values("三重一大") == Values{3, 4});  // a compound before 三重 + classifier
  CHECK(member_count_values("一带一路") == Values{2});
  // Segments of one formula separated by 、 still add up.
  CHECK(member_count_values("双随机、一公开") == Values{2, 3});
  CHECK(member_count_values("5个严禁、17个不准") == Values{5, 17, 22});
}

TEST_CASE("§5 rule 3: numeral + one character counts N, 两/双 + one character 2") {
  CHECK(member_count_values("双碳") == Values{2});
  CHECK(member_count_values("两新") == Values{2});
  CHECK(member_count_values("六保") == Values{6});
  CHECK(member_count_values("六稳") == Values{6});
  CHECK(member_count_values("双保") == Values{2});
}

TEST_CASE("§5 rule 3: N字 counts characters") {
  CHECK(member_count_values("十六字方针") == Values{16});
  CHECK(counts_characters("十六字方针"));
  CHECK(member_count_values("二十四字") == Values{24});
  CHECK(counts_characters("二十四字"));
  CHECK_FALSE(counts_characters("两个维护"));
  CHECK_FALSE(counts_characters("乡村振兴"));
}

TEST_CASE("§5 rule 3: no leading numeral morpheme, no count") {
  CHECK(member_count_values("乡村振兴").empty());
  CHECK(member_count_values("中国制造2025").empty());
  CHECK(member_count_values("十四五").empty());  // numerals only
  CHECK(member_count_values("1+N").empty());
  CHECK(member_count_values("").empty());
  CHECK(member_count_values("两").empty());
  // Numerals inside ordinary words (data/numeral_words.txt) lead no segment (§1.3).
  CHECK(member_count_values("一流企业").empty());
  CHECK(member_count_values("一体化发展").empty());
}

TEST_CASE("§5 rule 3: a numeral word inside a compound is no segment of it") {
  // 五位一体: 一体 is an ordinary word, so the canonical is 五 + 位一体 and counts five.
  CHECK(member_count_values("五位一体") == Values{5});
}
