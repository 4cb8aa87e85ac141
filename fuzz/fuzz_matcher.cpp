// Target 5: the slogan matcher (lib/slogans/matcher.hpp) with a lexicon built from the input.
// Layout: byte 0 picks the options; the rest is split at '\n' into up to 16 forms and the text
// (the last line). Forms and text are made valid UTF-8 (the API requires it); forms shorter than
// two code points are dropped. Matches must be in text order, non-overlapping, on character
// boundaries, and name a pattern that was given.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "slogans/matcher.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned choice = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<std::string> lines;
  while (true) {
    const std::size_t nl = rest.find('\n');
    if (nl == std::string_view::npos || lines.size() == 16) {
      lines.emplace_back(rest);
      break;
    }
    lines.emplace_back(rest.substr(0, nl));
    rest.remove_prefix(nl + 1);
  }
  const std::string text = tifa_fuzz::repair_utf8(lines.back());
  lines.pop_back();
  std::vector<std::string> patterns;
  for (const auto& line : lines) {
    std::string form = tifa_fuzz::repair_utf8(line);
    if (tifa_fuzz::code_points(form) >= 2) patterns.push_back(std::move(form));
  }
  tifa::slogans::MatcherOptions options;
  options.gap_tolerance = (choice & 1) == 0;
  if (choice & 2) options.page_marker = "";
  if (choice & 4) options.page_marker = "###";
  const tifa::slogans::Matcher matcher(patterns, options);
  std::vector<tifa::slogans::MatcherMatch> out;
  matcher.find(text, out);
  std::size_t previous_end = 0;
  for (const auto& match : out) {
    TIFA_FUZZ_CHECK(match.begin < match.end);
    TIFA_FUZZ_CHECK(match.end <= text.size());
    TIFA_FUZZ_CHECK(match.begin >= previous_end);
    TIFA_FUZZ_CHECK(tifa_fuzz::is_boundary(text, match.begin));
    TIFA_FUZZ_CHECK(tifa_fuzz::is_boundary(text, match.end));
    TIFA_FUZZ_CHECK(match.pattern < patterns.size());
    TIFA_FUZZ_CHECK(match.gap_runs <= 2);
    previous_end = match.end;
  }
  (void)matcher.memory_bytes();
  return 0;
}
