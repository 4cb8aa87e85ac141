// Properties of the splitter (spec §3 C1-C6) on the seeds, on every document of corpus/, and on
// adversarial and random input.
#include <doctest/doctest.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cstdlib>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "paths.hpp"
#include "sentence_check.hpp"
#include "sentences/portable.hpp"
#include "tifa/sentences.hpp"

using namespace sentence_test;
using tifa::NewlineMode;
using tifa::SentenceOptions;
using tifa::SentenceSpan;

namespace {

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const unsigned l = utf8_len(s, i);
    if (l == 0) return false;
    i += l;
  }
  return true;
}

// A corpus document as UTF-8: raw bytes, or GB18030 decoded with ICU when not valid UTF-8.
std::string load_document(const std::filesystem::path& path) {
  std::string raw = tifa::test::read_file(path);
  if (valid_utf8(raw)) return raw;
  UErrorCode st = U_ZERO_ERROR;
  std::string out(raw.size() * 2 + 16, '\0');
  const int32_t n = ucnv_convert("UTF-8", "gb18030", out.data(), static_cast<int32_t>(out.size()),
                                 raw.data(), static_cast<int32_t>(raw.size()), &st);
  REQUIRE_MESSAGE(U_SUCCESS(st), "cannot decode " << path.string());
  out.resize(static_cast<std::size_t>(n));
  return out;
}

struct Doc {
  std::string name;
  std::string text;
};

std::vector<Doc> seed_and_corpus_documents() {
  std::vector<Doc> docs;
  for (const auto& p : tifa::test::seed_files()) docs.push_back({p.filename().string(), load_document(p)});
  int gb18030 = 0;
  for (const auto& p : tifa::test::corpus_files()) {
    const std::string dir = p.parent_path().filename().string();
    if (dir == "text" && !valid_utf8(tifa::test::read_file(p))) ++gb18030;
    docs.push_back({dir + "/" + p.filename().string(), load_document(p)});
  }
  MESSAGE(docs.size() << " documents; " << gb18030 << " GB18030 files of corpus/text decoded with ICU");
  return docs;
}

const std::vector<Doc>& documents() {
  static const std::vector<Doc> docs = seed_and_corpus_documents();
  return docs;
}

// Independent of the library: the maximal gap runs and where pieces are cut for C6.
// Paragraph cut: after the last line break character of a gap run that has no marker and two or
// more line breaks (CRLF = 1) or an FF / PS. Line cut (Hard mode): after the last line break of
// any gap run without a marker that has a line break.
std::vector<std::size_t> cut_points(std::string_view s, std::string_view marker, bool lines) {
  std::vector<std::size_t> cuts;
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned l0 = utf8_len(s, i);
    const bool starts_gap = (!marker.empty() && s.substr(i, marker.size()) == marker) ||
                            (l0 != 0 && is_white_space(utf8_cp(s, i, l0)));
    if (!starts_gap) {
      i += l0 == 0 ? 1 : l0;
      continue;
    }
    int breaks = 0;
    bool para = false, has_marker = false;
    std::size_t last_break_end = 0;
    while (i < s.size()) {
      if (!marker.empty() && s.substr(i, marker.size()) == marker) {
        has_marker = true;
        i += marker.size();
        continue;
      }
      const unsigned l = utf8_len(s, i);
      if (l == 0) break;
      const std::uint32_t cp = utf8_cp(s, i, l);
      if (!is_white_space(cp)) break;
      if (cp == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
        ++breaks;
        i += 2;
        last_break_end = i;
        continue;
      }
      if (cp == '\n' || cp == 0x0B || cp == '\r' || cp == 0x85 || cp == 0x2028) {
        ++breaks;
        last_break_end = i + l;
      } else if (cp == 0x0C || cp == 0x2029) {
        para = true;
        last_break_end = i + l;
      }
      i += l;
    }
    if (has_marker) continue;
    if (para || breaks >= 2 || (lines && breaks >= 1)) cuts.push_back(last_break_end);
  }
  return cuts;
}

std::vector<SentenceSpan> split_in_pieces(std::string_view s, const tifa::SentenceSplitter& sp,
                                          const std::vector<std::size_t>& cuts) {
  std::vector<SentenceSpan> all, part;
  std::size_t begin = 0;
  auto piece = [&](std::size_t end) {
    sp.split(s.substr(begin, end - begin), part);
    for (SentenceSpan x : part) all.push_back({x.begin + begin, x.end + begin, x.flags});
    begin = end;
  };
  for (std::size_t c : cuts) piece(c);
  piece(s.size());
  return all;
}

bool same(const std::vector<SentenceSpan>& a, const std::vector<SentenceSpan>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].begin != b[i].begin || a[i].end != b[i].end || a[i].flags != b[i].flags) return false;
  return true;
}

std::string first_difference(std::string_view s, const std::vector<SentenceSpan>& a,
                             const std::vector<SentenceSpan>& b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i)
    if (a[i].begin != b[i].begin || a[i].end != b[i].end || a[i].flags != b[i].flags)
      return "#" + std::to_string(i) + ": [" + std::string(s.substr(a[i].begin, a[i].end - a[i].begin)) +
             "]/" + std::to_string(a[i].flags) + " vs [" +
             std::string(s.substr(b[i].begin, b[i].end - b[i].begin)) + "]/" + std::to_string(b[i].flags);
  return "counts " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
}

std::vector<SentenceOptions> option_sets() {
  std::vector<SentenceOptions> v(8);
  v[1].split_on_semicolon = true;
  v[2].split_inside_quotes = true;
  v[3].newline_mode = NewlineMode::Hard;
  v[4].newline_mode = NewlineMode::Blank;
  v[5].max_sentence_bytes = 40;
  v[6].page_marker = "";
  v[7].split_on_semicolon = true;
  v[7].split_inside_quotes = true;
  v[7].max_sentence_bytes = 16;
  v[7].extra_abbreviations = {"Gov"};
  return v;
}

// A closing quote or bracket that cannot be an opener (ASCII quotes are ambiguous).
bool starts_with_closer(std::string_view s) {
  static const char* const kClosers[] = {"”", "’", "」", "』", "﹄", "》", "〉", "）", ")", "】",
                                         "〕", "］", "]", "〗", "｝", "}"};
  for (const char* c : kClosers)
    if (s.substr(0, std::char_traits<char>::length(c)) == c) return true;
  return false;
}

// Whether the sentence starting at `begin` is the first of its paragraph (only gap since the
// start or since a paragraph break): a closer there cannot be attached backwards (C6).
bool starts_paragraph(std::string_view s, std::size_t begin, const std::vector<std::size_t>& para_cuts) {
  std::size_t start = 0;
  for (std::size_t c : para_cuts)
    if (c <= begin) start = c;
  const Layout l = layout(s.substr(start, begin - start), "<PAGE_DIV>");
  return std::all_of(l.gap.begin(), l.gap.end(), [](char g) { return g != 0; });
}

}  // namespace

TEST_CASE("C1-C3: every seed and corpus document, every option set") {
  const auto& docs = documents();
  REQUIRE_FALSE(tifa::test::seed_files().empty());
  if (tifa::test::corpus_files().empty()) MESSAGE("corpus/ not found: only the seeds are checked");
  for (const SentenceOptions& o : option_sets()) {
    const tifa::SentenceSplitter sp(o);
    std::vector<SentenceSpan> out;
    for (const Doc& d : docs) {
      sp.split(d.text, out);
      const std::string bad = contract_violation(d.text, out, o.page_marker);
      CHECK_MESSAGE(bad.empty(), d.name << ": " << bad);
      for (const SentenceSpan& x : out) {
        if (o.max_sentence_bytes != 0) CHECK(x.end - x.begin <= o.max_sentence_bytes);
      }
    }
  }
}

TEST_CASE("corpus: no empty sentence, no sentence of only a page marker, no leading closer") {
  const tifa::SentenceSplitter sp;
  std::vector<SentenceSpan> out;
  std::size_t sentences = 0, para_initial_closers = 0;
  for (const Doc& d : documents()) {
    sp.split(d.text, out);
    sentences += out.size();
    const auto para_cuts = cut_points(d.text, "<PAGE_DIV>", false);
    for (const SentenceSpan& x : out) {
      const std::string_view t(d.text.data() + x.begin, x.end - x.begin);
      const Layout l = layout(t, "<PAGE_DIV>");
      CHECK_MESSAGE(std::any_of(l.gap.begin(), l.gap.end(), [](char g) { return g == 0; }),
                    d.name << ": gap-only sentence");
      CHECK_MESSAGE(t != "<PAGE_DIV>", d.name << ": page marker as a sentence");
      const bool marker_flag_ok = t.find("<PAGE_DIV>") == std::string_view::npos ||
                                  (x.flags & tifa::kSentenceHasPageMarker) != 0;
      CHECK_MESSAGE(marker_flag_ok, d.name << ": marker without has_page_marker");
      if (starts_with_closer(t)) {
        // Only possible at the start of a paragraph, where nothing precedes it (C6).
        const bool para_initial = starts_paragraph(d.text, x.begin, para_cuts);
        CHECK_MESSAGE(para_initial, d.name << ": sentence starts with a closer: " << t.substr(0, 60));
        if (std::getenv("TIFA_SHOW_CLOSERS") != nullptr) MESSAGE(d.name << ": " << t.substr(0, 40));
        para_initial_closers += para_initial ? 1 : 0;
      }
    }
  }
  MESSAGE(documents().size() << " documents, " << sentences << " sentences, "
                             << para_initial_closers << " paragraph-initial closers");
}

TEST_CASE("C6: chunking invariance at paragraph breaks on every seed and corpus document") {
  for (const SentenceOptions& o : option_sets()) {
    const tifa::SentenceSplitter sp(o);
    std::vector<SentenceSpan> whole;
    for (const Doc& d : documents()) {
      sp.split(d.text, whole);
      const auto pieces = split_in_pieces(d.text, sp, cut_points(d.text, o.page_marker, false));
      CHECK_MESSAGE(same(whole, pieces), d.name << ": " << first_difference(d.text, whole, pieces));
      if (o.newline_mode == NewlineMode::Hard) {
        const auto lines = split_in_pieces(d.text, sp, cut_points(d.text, o.page_marker, true));
        CHECK_MESSAGE(same(whole, lines), d.name << " (lines): " << first_difference(d.text, whole, lines));
      }
    }
  }
}

TEST_CASE("C5: deterministic, and one splitter shared by threads") {
  const tifa::SentenceSplitter sp;
  std::vector<std::vector<SentenceSpan>> expected;
  for (const Doc& d : documents()) expected.push_back(tifa::split_sentences(d.text));
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::vector<SentenceSpan> out;
      bool all = true;
      for (int rep = 0; rep < 3; ++rep)
        for (std::size_t i = 0; i < documents().size(); ++i) {
          sp.split(documents()[i].text, out);
          all = all && same(out, expected[i]);
        }
      ok[static_cast<std::size_t>(t)] = all ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  for (int v : ok) CHECK(v == 1);
  // a copy shares the state and gives the same answer
  const tifa::SentenceSplitter copy = sp;
  std::vector<SentenceSpan> out;
  for (std::size_t i = 0; i < documents().size(); ++i) {
    copy.split(documents()[i].text, out);
    CHECK(same(out, expected[i]));
  }
}

// ------------------------------------------------------------------------------------ C4
TEST_CASE("C4: adversarial inputs give valid spans") {
  SUBCASE("invalid and truncated UTF-8, NUL bytes") {
    std::string s;
    for (int b = 0; b < 256; ++b) {
      s += static_cast<char>(b);
      s += "。";
    }
    s += "\xE4\xBD\xE3\x80\xF0\x9F\x98\xED\xA0\x80\xC0\xAF\xE0\x80\x80\xF4\x90\x80\x80";
    for (const SentenceOptions& o : option_sets()) spans(s, o);
    const auto v = spans(std::string(1000, '\0'));
    CHECK(v.size() == 1);
  }
  SUBCASE("10 MB without punctuation") {
    std::string s;
    s.reserve(10u << 20);
    while (s.size() < (10u << 20)) s += "全市国有企业持续深化改革 ";
    const auto v = spans(s);
    CHECK(v.size() == 1);
    SentenceOptions o;
    o.max_sentence_bytes = 1000;
    const auto w = spans(s, o);
    CHECK(w.size() > 10000);
  }
  SUBCASE("10,000 nested brackets and quotes") {
    for (const char* pair : {"（）", "“”", "《》", "()"}) {
      const std::string p(pair);
      const std::string open = p.substr(0, p.size() / 2), close = p.substr(p.size() / 2);
      std::string s;
      for (int i = 0; i < 10000; ++i) s += open;
      s += "内容。";
      for (int i = 0; i < 10000; ++i) s += close;
      s += "后续。";
      for (const SentenceOptions& o : option_sets()) spans(s, o);
      std::string t;
      for (int i = 0; i < 10000; ++i) t += open + "文。";
      for (const SentenceOptions& o : option_sets()) spans(t, o);
    }
  }
  SUBCASE("only quotes, only markers, only terminators, only line breaks") {
    for (const SentenceOptions& o : option_sets()) {
      spans(std::string(100000, '"'), o);
      spans(std::string(100000, '\''), o);
      std::string q, m, t, n, e;
      for (int i = 0; i < 20000; ++i) {
        q += "“”‘’「」";
        m += "<PAGE_DIV>";
        t += "。！？";
        n += "\n\r\n \u2028";
        e += "……....";
      }
      spans(q, o);
      CHECK(spans(m, o).size() == (o.page_marker.empty() ? 1u : 0u));
      if (o.max_sentence_bytes == 0) CHECK(spans(t, o).size() == 1);
      CHECK(spans(n, o).empty());
      spans(e, o);
    }
  }
  SUBCASE("long URL-like and enumerator-like runs") {
    std::string u = "http://";
    u += std::string(200000, ')');
    u += "。";
    spans(u);
    std::string w;
    for (int i = 0; i < 50000; ++i) w += "www.a.b.c.";
    spans(w);
    std::string a;
    for (int i = 0; i < 50000; ++i) a += "a@b.c.d@";
    spans(a);
  }
}

TEST_CASE("C1-C4, C6: random input") {
  static const char* const kTokens[] = {
      "。", "！", "？", "?", "!", ".", "．", "…", "......", "，", "、", "；", ";", "：", ":", "“",
      "”", "‘", "’", "「", "」", "《", "》", "（", "）", "(", ")", "【", "】", "\"", "'", " ",
      "\u3000", "\n", "\n\n", "\r\n", "\f", "\u2029", "<PAGE_DIV>", "国", "企", "改革", "说", "是",
      "a", "B", "Inc", "U.K.", "1", "2.5", "http://", "www.", "@", "\xFF", "\xE4\xBD", "\0", "Ⅱ",
      "①", "第一", "一、", "——", "%", "x"};
  std::mt19937 rng(12345);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kTokens) - 1);
  const auto opts = option_sets();
  for (int round = 0; round < 600; ++round) {
    std::string s;
    const int len = 1 + static_cast<int>(rng() % 300);
    for (int k = 0; k < len; ++k) {
      const char* t = kTokens[pick(rng)];
      s += (t[0] == '\0') ? std::string(1, '\0') : std::string(t);
    }
    const SentenceOptions& o = opts[static_cast<std::size_t>(round) % opts.size()];
    const tifa::SentenceSplitter sp(o);
    std::vector<SentenceSpan> whole;
    sp.split(s, whole);
    const std::string bad = contract_violation(s, whole, o.page_marker);
    REQUIRE_MESSAGE(bad.empty(), "round " << round << ": " << bad);
    const auto pieces = split_in_pieces(s, sp, cut_points(s, o.page_marker, false));
    REQUIRE_MESSAGE(same(whole, pieces), "round " << round << ": " << first_difference(s, whole, pieces));
    if (o.newline_mode == NewlineMode::Hard) {
      const auto lines = split_in_pieces(s, sp, cut_points(s, o.page_marker, true));
      REQUIRE_MESSAGE(same(whole, lines), "round " << round << " (lines)");
    }
    std::vector<SentenceSpan> again;
    sp.split(s, again);
    REQUIRE(same(whole, again));
  }
}

namespace {

bool is_internal_cp(std::uint32_t cp) {
  switch (cp) {
    case 0xFF0C: case 0x3001: case 0xFF1B: case 0xFF1A: case ',': case ';': case ':':
    case 0xFE50: case 0xFE51: case 0xFE54: case 0xFE55: case 0xFF64:
      return true;
    default: return false;
  }
}

// Reference model of M1 (spec §5): the unlimited sentences, each cut at the last p <= start +
// limit after an internal mark, else after White_Space, else at any character boundary outside a
// marker; pieces trimmed; all but the last flagged forced_cut.
std::vector<SentenceSpan> reference_m1(std::string_view s, const std::vector<SentenceSpan>& whole,
                                       std::size_t max, std::string_view marker) {
  const Layout l = layout(s, marker);
  std::vector<SentenceSpan> out;
  auto push = [&](std::size_t b, std::size_t e, std::uint32_t flags) {
    while (e > b && l.gap[e - 1]) --e;
    flags &= ~static_cast<std::uint32_t>(tifa::kSentenceHasPageMarker);
    if (!marker.empty() && s.substr(b, e - b).find(marker) != std::string_view::npos)
      flags |= tifa::kSentenceHasPageMarker;
    out.push_back({b, e, flags});
  };
  for (const SentenceSpan& sp : whole) {
    std::size_t b = sp.begin;
    const std::size_t e = sp.end;
    while (e - b > max) {
      const std::size_t lim = b + max;
      std::size_t q = b, best_int = 0, best_ws = 0, best_any = 0;
      while (q < e) {
        std::size_t u;
        bool internal = false, ws = false;
        if (!marker.empty() && s.substr(q, marker.size()) == marker) {
          u = marker.size();
        } else {
          const unsigned len = utf8_len(s, q);
          u = len == 0 ? 1 : len;
          if (len != 0) {
            const std::uint32_t cp = utf8_cp(s, q, len);
            internal = is_internal_cp(cp);
            ws = is_white_space(cp);
          }
        }
        if (q + u > lim) break;
        q += u;
        if (internal) best_int = q;
        if (ws) best_ws = q;
        best_any = q;
      }
      const std::size_t p = best_int > b ? best_int : best_ws > b ? best_ws : best_any;
      push(b, p, (sp.flags & ~static_cast<std::uint32_t>(tifa::kSentenceUnterminated)) |
                     tifa::kSentenceForcedCut);
      b = p;
      while (b < e && l.gap[b]) ++b;
    }
    push(b, e, sp.flags);
  }
  return out;
}

}  // namespace

TEST_CASE("M1: max_sentence_bytes agrees with a reference model") {
  static const char* const kTokens[] = {"。", "，", "、", "：", ";", " ", "\u3000", "国", "企", "a",
                                        "<PAGE_DIV>", "\xFF", "“", "”", "\n", "改革", "ab cd", "①"};
  std::mt19937 rng(777);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kTokens) - 1);
  std::vector<std::string> inputs;
  for (int round = 0; round < 400; ++round) {
    std::string s;
    const int len = 1 + static_cast<int>(rng() % 400);
    for (int k = 0; k < len; ++k) s += kTokens[pick(rng)];
    inputs.push_back(s);
  }
  for (const Doc& d : documents()) inputs.push_back(d.text);
  for (std::size_t max : {16u, 17u, 40u, 100u, 300u}) {
    SentenceOptions o;
    o.max_sentence_bytes = max;
    const tifa::SentenceSplitter limited(o);
    std::vector<SentenceSpan> got;
    for (const std::string& s : inputs) {
      limited.split(s, got);
      const auto want = reference_m1(s, tifa::split_sentences(s), max, "<PAGE_DIV>");
      REQUIRE_MESSAGE(same(got, want), "max " << max << ": " << first_difference(s, got, want));
    }
  }
}

TEST_CASE("C4: time stays linear on pathological input") {
  // Doubling the input must not much more than double the work: compare span counts of inputs
  // whose naive handling would be quadratic (a rescan per unmatched opener, a backward search per
  // cut), and make sure they finish; the real timing is in the benchmark.
  std::string s;
  for (int i = 0; i < 200000; ++i) s += "“（。";
  spans(s);
  SentenceOptions o;
  o.max_sentence_bytes = 1 << 20;
  std::string t = "，" + std::string(3u << 20, 'x');
  spans(t, o);
}

// ------------------------------------------------------------------------------------ §8
// The SIMD fast paths (SSE2 where the build has it, plus 32-byte AVX2 windows on CPUs that have
// it) must give the same spans as the portable path and as SSE2 alone. Vector code works on 16-
// or 32-byte windows and decides from single bytes, so the inputs put every kind of character,
// invalid sequence and page marker at every offset of a window.
TEST_CASE("§8: the SIMD path gives the same spans as the portable path") {
  auto check = [](std::string_view text, const SentenceOptions& o, const char* what) {
    // A buffer of exactly the text's size (no terminating NUL), so that a sanitizer build
    // catches any read past the end.
    const std::unique_ptr<char[]> buf(new char[text.size() + (text.empty() ? 1 : 0)]);
    std::copy(text.begin(), text.end(), buf.get());
    const std::string_view s(buf.get(), text.size());
    const tifa::SentenceSplitter sp(o);
    std::vector<SentenceSpan> fast, portable, sse2;
    sp.split(s, fast);
    tifa::sentences::split_portable(o, s, portable);
    REQUIRE_MESSAGE(same(fast, portable), what << ": " << first_difference(s, fast, portable));
    tifa::sentences::split_sse2(o, s, sse2);
    REQUIRE_MESSAGE(same(fast, sse2), what << " (SSE2 only): " << first_difference(s, fast, sse2));
  };
  auto opts = option_sets();
  for (const char* marker : {"x", "1", "国", "，", "、", "。", "\u00e9", "【PAGE】", "\xF0\x9F\x93\x84"}) {
    SentenceOptions o;
    o.page_marker = marker;
    opts.push_back(o);
  }
  SUBCASE("seed and corpus documents") {
    for (const SentenceOptions& o : opts)
      for (const Doc& d : documents()) check(d.text, o, d.name.c_str());
  }
  SUBCASE("every token at every window offset") {
    static const char* const kTokens[] = {
        "。", "！", "？", "?", "!", ".", "．", "…", "，", "、", "；", ";", "：", ":", "“", "”", "「", "」",
        "《", "》", "（", "）", "(", ")", "\"", "'", " ", "\t", "\u3000", "\u00a0", "\u0085", "\u1680",
        "\u2028", "\u2029", "\u202f", "\u205f", "\u2000", "\u200a", "\u200b", "\n", "\r\n", "\f", "\v",
        "<PAGE_DIV>", "x", "1", "%", "-", "\0", "é", "—", "①", "Ⅱ", "\u2047", "\U0001F4C4", "\xFF",
        "\xC0\xAF", "\xE0\x80\x80", "\xED\xA0\x80", "\xE4\xBD", "\xEF\xBC", "\xE3\x80", "\x80",
        "\xBF\xBF", "\xF4\x90\x80\x80", "\xF0\x9F\x98"};
    const std::string filler = "国有企业改革深化提升行动";  // 36 bytes of ideographs
    for (const char* tok : kTokens) {
      const std::string t = tok[0] == '\0' ? std::string(1, '\0') : std::string(tok);
      for (std::size_t off = 0; off < 40; ++off) {
        std::string s = std::string(off % 3, 'a') + filler.substr(0, off / 3 * 3) + t + filler + t +
                        "，" + filler + "。";
        for (std::size_t k = 0; k < opts.size(); k += 3) check(s, opts[k], tok);
        check(s, opts.back(), tok);
        // The token last, after a window that may end inside a character (a truncated sequence
        // at the very end once made the vector path hand back a position before its start).
        const std::string e = std::string(off % 3, 'a') + filler.substr(0, off / 3 * 3) + "。" + filler + t;
        check(e, opts[0], tok);
        check(e.substr(0, e.size() - 1), opts[0], tok);
      }
    }
  }
  SUBCASE("every token in the last window of a short text") {
    // The vector scan ends with a window over the text's last 18 bytes, overlapping bytes already
    // scanned: put each token at every distance (0-21 bytes) from the end of texts of up to 100 bytes.
    static const char* const kTokens[] = {"。", "，", "、", "!", ".", "“", "”", " ", "\n", "%",
                                          "<PAGE_DIV>", "\xFF", "\xE4\xBD", "\x80", "\u3000", "x"};
    const std::string filler = "国有企业改革深化提升行动国有企业";  // 48 bytes of ideographs
    for (const char* tok : kTokens) {
      for (std::size_t head = 0; head < 40; ++head) {
        for (std::size_t tail = 0; tail < 20; ++tail) {
          const std::string s = std::string(head % 3, 'a') + filler.substr(0, head / 3 * 3) + tok +
                                filler.substr(0, tail) + std::string(tail % 3, 'b');
          for (std::size_t k = 0; k < opts.size(); k += 4) check(s, opts[k], tok);
          check(s, opts.back(), tok);
        }
      }
    }
  }
  SUBCASE("every token at every offset of a 32-byte window after long quiet runs") {
    // The AVX2 scan starts its windows wherever the last stop was and only while 34 bytes are
    // left: put each token at every offset (0-69) after a stop, before quiet runs of every length
    // around those 34 bytes, so that windows of 32 and 16 bytes and the last window all meet it.
    static const char* const kTokens[] = {"。", "，", "、", "!", ".", "“", "”", " ", "\n", "%",
                                          "<PAGE_DIV>", "\xFF", "\xE4\xBD", "\x80", "\u3000",
                                          "x", "\xEF\xBC", "\xE3\x80", "——", "\u2028"};
    std::string quiet;  // ideographs, digits, letters, ， and 、: no stop in the vector scans
    while (quiet.size() < 160) quiet += "国有企业，改革2024深化、提升Action行动";
    static const std::size_t kTails[] = {0, 1, 2, 15, 16, 17, 18, 31, 32, 33, 34, 35, 50, 66, 67, 100};
    for (const char* tok : kTokens) {
      for (std::size_t head = 0; head < 70; ++head) {
        for (const std::size_t tail : kTails) {
          const std::string s = "。" + quiet.substr(0, head) + tok + quiet.substr(0, tail);
          check(s, opts[0], tok);
          if (head % 5 == 0) check(s, opts.back(), tok);
        }
      }
    }
  }
  SUBCASE("random input") {
    static const char* const kPieces[] = {
        "。", "，", "、", "“", "”", "\n", " ", "\u3000", "<PAGE_DIV>", "国", "企业", "a", "1", ".",
        "\xFF", "\xE4\xBD", "\x80", "\xE2\x80\x9C", "\xE2\x80\xA8", "\xE3\x80\x80", "x", "%", "？”",
        "\xEF\xBC\x8C", "\xEF\xBC", "——", "\r\n\r\n", "(", ")", "《", "》", "说", "：", "1.", "www."};
    std::mt19937 rng(4242);
    std::uniform_int_distribution<std::size_t> pick(0, std::size(kPieces) - 1);
    for (int round = 0; round < 1500; ++round) {
      std::string s;
      const int len = 1 + static_cast<int>(rng() % 200);
      for (int k = 0; k < len; ++k) s += kPieces[pick(rng)];
      check(s, opts[static_cast<std::size_t>(round) % opts.size()], "random");
    }
  }
}
