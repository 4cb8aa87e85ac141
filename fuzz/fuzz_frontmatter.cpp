// Target 2: the front-matter reader (lib/input/frontmatter.hpp) on arbitrary YAML. The input is
// decoded first (the reader works on decoded text, valid UTF-8 with LF line ends) and wrapped in
// "---" lines as the hexo/jekyll readers give it; every span of the result must index the text,
// and the fast path for flat blocks must agree with libyaml wherever it answers.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "input/frontmatter.hpp"
#include "tifa/reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const tifa::DecodedInput decoded = tifa::decode(bytes);
  const std::string text = "---\n" + decoded.text + "\n---\nbody\n";
  const tifa::Span yaml{4, 4 + decoded.text.size() + 1};
  const tifa::FrontMatter front = tifa::input::parse_front_matter(text, yaml);
  for (const auto& entry : front.entries) {
    TIFA_FUZZ_CHECK(entry.key_span.begin <= entry.key_span.end);
    TIFA_FUZZ_CHECK(entry.key_span.end <= text.size());
    TIFA_FUZZ_CHECK(entry.values.size() == entry.value_spans.size());
    TIFA_FUZZ_CHECK(entry.is_list || entry.values.size() <= 1);
    for (const auto& span : entry.value_spans) {
      TIFA_FUZZ_CHECK(span.begin <= span.end);
      TIFA_FUZZ_CHECK(span.end <= text.size());
    }
  }
  // Where the libyaml-free fast path answers, libyaml must give the same entries and spans.
  std::vector<tifa::FrontMatterEntry> fast;
  if (tifa::input::read_simple_front_matter(text, yaml, fast)) {
    const tifa::FrontMatter slow = tifa::input::parse_front_matter_with_libyaml(text, yaml);
    TIFA_FUZZ_CHECK(!slow.yaml_error);
    TIFA_FUZZ_CHECK(fast.size() == slow.entries.size());
    for (std::size_t i = 0; i < fast.size(); ++i) {
      TIFA_FUZZ_CHECK(fast[i].key == slow.entries[i].key && fast[i].key_span == slow.entries[i].key_span);
      TIFA_FUZZ_CHECK(fast[i].is_list == slow.entries[i].is_list);
      TIFA_FUZZ_CHECK(fast[i].values == slow.entries[i].values);
      TIFA_FUZZ_CHECK(fast[i].value_spans == slow.entries[i].value_spans);
    }
  }
  return 0;
}
