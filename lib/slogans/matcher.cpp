// The lexicon matcher (spec/slogans.md §3, §8).
//
// The exact trie, a double array (double_array.hpp) over an alphabet of folded code points
// (alphabet.hpp), is walked from one start at a time and decides there: the longest form from that
// start after folding, the guards G1 and G2 and the gap rules (§3.3-§3.5). Leftmost-longest: the
// first start, in text order, where the walk finds a form gives the match; the scan goes on right
// after it. What differs is which starts are walked.
//
// The prefilter's (pair_filter.hpp), normally. It tests each pair of adjacent characters against a
// 32 KiB bit table of the pairs that may begin a match (the first two characters of a form without
// its ignorable units, and a first character followed by an ignorable unit), keyed by their raw
// UTF-8 bytes so that nothing is decoded. A pair that passes is a whole form, or its first three
// and then four characters must pass a second table (a character that begins an ignorable unit
// passes: the walk decides gaps); a pair of a character and an ignorable unit is tested as the pair
// of the characters on either side of the units. Characters are found 64 bytes at a time, and every
// pair is hashed from one load of its bytes, whose length the starts of the next characters give;
// blocks of three-byte characters only (Han and CJK punctuation, half of Chinese text) are stepped
// through three bytes at a time with no bit scan. The filter has no false negatives, so a start it
// skips begins no match. (Three characters let a third more starts through to the walk with
// bench/'s 20,000 forms, whose beginnings are shared.) Where a walk reads kDeepWalk characters and
// finds nothing, the text runs along forms and the next starts may walk as far: the detector
// (below) reads on from there, each character once, until no match is in progress, and the filter
// takes over again.
//
// The detector's, when some form has a single code point (no pair to filter by), or for such a
// stretch: an Aho-Corasick automaton over the forms with their ignorable characters taken out
// reads the text once and tells where some form may end. It reads ignorable units (§3.5) as if they were not there, so it sees
// every match with gaps, and also some that the gap rules or the edge guards reject. When it
// reaches a state from which a form ends, every match in progress starts at or after the start of
// the state's string (as daachorse's LeftmostLongest), so the exact walk is tried from each start
// from there on; when none matches, those starts are known to match nothing and the detector reads
// on.
//
// Spec-invalid forms keep the matcher exact, only slower: a form of one code point switches the
// filter off; a form beginning with an ignorable character switches the detector off (every
// position is walked). When some form could match across the page marker's own characters
// (beginning with one of them, or holding its first), the filter does not look across a marker
// and the detector does not read through one: it has the exact walk try every start up to the
// marker's end there.
#include "slogans/matcher.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "slogans/alphabet.hpp"
#include "slogans/double_array.hpp"
#include "slogans/fold.hpp"
#include "slogans/ignorable.hpp"
#include "slogans/pair_filter.hpp"
#include "util/cpu_features.hpp"
#include "util/utf8.hpp"

namespace tifa::slogans {

namespace {

using Code = Alphabet::Code;
constexpr std::uint32_t kRoot = DoubleArray::kRoot;

constexpr unsigned kMaxGapRuns = 2;   // per match (§3.5)
constexpr std::size_t kPrefetchFirst = 4096;  // bytes of text asked for before the scan
constexpr std::size_t kPrefetchAhead = 1024;  // bytes of text asked for ahead of the scan
constexpr unsigned kMaxGapUnits = 3;  // per run
constexpr std::size_t kFilteredChars = 4;  // the prefilter's longest prefix
constexpr std::size_t kDeepWalk = 4;       // characters a fruitless walk reads before the detector takes over
constexpr std::size_t kMaxSpellings = 64;   // hashes of one form's prefix of one length

// sequence_length by lead byte, read where a branch on the byte would often mispredict.
constexpr std::array<std::uint8_t, 256> kSequenceLengths = [] {
  std::array<std::uint8_t, 256> lengths{};
  for (unsigned lead = 0; lead < 256; ++lead) {
    lengths[lead] = static_cast<std::uint8_t>(sequence_length(static_cast<unsigned char>(lead)));
  }
  return lengths;
}();

// The scan has a second build for x86-64-v3 CPUs (see next_candidate), chosen at run time.
#if TIFA_CPU_DISPATCH
#define TIFA_SLOGANS_ALWAYS_INLINE [[gnu::always_inline]]
#else
#define TIFA_SLOGANS_ALWAYS_INLINE
#endif

// Per-code facts about the folded character a code stands for.
enum CodeFlag : std::uint8_t {
  kGapNeighbour = 1,    // Han or ASCII digit: a gap may sit next to it (§3.5)
  kAsciiAlnum = 2,      // G1: a form beginning or ending with it is guarded
  kChineseNumeral = 4,  // G2: a form beginning with it is guarded
  kMayOpenUnit = 8,     // an ignorable unit may begin with this character
};

// Output bit of a state: the form ends with a digit or Latin letter (G1 on its right edge).
constexpr std::uint32_t kEndsAlnum = 0x80000000U;
constexpr std::uint32_t kPatternMask = 0x7FFFFFFFU;

// The characters an ignorable unit begins with (the page marker's aside): the units are these
// characters on their own, except \r, a unit only in \r\n.
constexpr char32_t kUnitOpeners[] = {U' ',      U'\t',     U'\n',     U'\r',     U'\u00A0', U'\u00AD',
                                     U'\u3000', U'\u200B', U'\u200C', U'\u200D', U'\u2060', U'\uFEFF'};

constexpr bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }

inline void prefetch(const char* address) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(address);
#else
  (void)address;
#endif
}

constexpr bool is_chinese_numeral(char32_t c) {
  return c == U'〇' || c == U'零' || c == U'一' || c == U'二' || c == U'三' || c == U'四' || c == U'五' ||
         c == U'六' || c == U'七' || c == U'八' || c == U'九' || c == U'十' || c == U'百' || c == U'千' ||
         c == U'万' || c == U'亿' || c == U'两';
}

// G1: the folded character next to a form that begins or ends with a digit or Latin letter must
// not be a digit, a Latin letter or a decimal point.
constexpr bool blocks_alnum_edge(char32_t folded) { return util::is_ascii_alnum(folded) || folded == '.'; }

// G2: the folded character before a form that begins with a Chinese numeral must not be a
// numeral, a digit or 第.
constexpr bool blocks_numeral_start(char32_t folded) {
  return is_chinese_numeral(folded) || is_ascii_digit(folded) || folded == U'第';
}

constexpr bool is_unit_opener(char32_t c) {
  return std::find(std::begin(kUnitOpeners), std::end(kUnitOpeners), c) != std::end(kUnitOpeners);
}

std::uint8_t flags_of(char32_t folded) {
  std::uint8_t flags = 0;
  if (util::is_han(folded) || is_ascii_digit(folded)) flags |= kGapNeighbour;
  if (util::is_ascii_alnum(folded)) flags |= kAsciiAlnum;
  if (is_chinese_numeral(folded)) flags |= kChineseNumeral;
  if (is_unit_opener(folded)) flags |= kMayOpenUnit;
  return flags;
}

std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> cps;
  for (std::size_t pos = 0, length = 0; pos < text.size(); pos += length) cps.push_back(util::decode_at(text, pos, length));
  return cps;
}

std::vector<char32_t> folded_code_points(std::string_view pattern) {
  std::vector<char32_t> folded = code_points(pattern);
  for (char32_t& cp : folded) cp = fold(cp);
  return folded;
}

// `folded` without its ignorable units: what the detector sees of a form. Folding maps no
// character to or from an ignorable one, so text and forms agree on what is ignorable.
std::vector<char32_t> without_ignorable_units(const std::vector<char32_t>& folded) {
  std::vector<char32_t> kept;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const bool crlf = folded[i] == U'\r' && i + 1 < folded.size() && folded[i + 1] == U'\n';
    if (folded[i] != U'\r' && is_unit_opener(folded[i])) continue;
    if (crlf) {
      ++i;
      continue;
    }
    kept.push_back(folded[i]);
  }
  return kept;
}

// Distinct code points of all patterns, most frequent first (ties by code point, so that the
// alphabet does not depend on hash order), then `extra` ones not yet listed.
std::vector<char32_t> by_frequency(const std::vector<std::vector<char32_t>>& patterns,
                                   const std::vector<char32_t>& extra) {
  std::unordered_map<char32_t, std::size_t> counts;
  for (const auto& pattern : patterns) {
    for (const char32_t cp : pattern) ++counts[cp];
  }
  std::vector<std::pair<char32_t, std::size_t>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<char32_t> folded;
  folded.reserve(sorted.size() + extra.size());
  for (const auto& entry : sorted) folded.push_back(entry.first);
  for (const char32_t cp : extra) {
    if (counts.count(cp) == 0) folded.push_back(cp);
  }
  return folded;
}

// The code point at text[pos] (pos < size) and its length: one- and three-byte sequences (ASCII,
// Han, CJK punctuation) inline, the others through util::decode_at.
inline char32_t decode_fast(std::string_view text, std::size_t pos, std::size_t& length) noexcept {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned lead = bytes[pos];
  if (lead < 0x80) {
    length = 1;
    return lead;
  }
  if ((lead & 0xF0) == 0xE0 && pos + 3 <= text.size()) {
    length = 3;
    return static_cast<char32_t>((lead & 0x0F) << 12 | (bytes[pos + 1] & 0x3FU) << 6 | (bytes[pos + 2] & 0x3FU));
  }
  return util::decode_at(text, pos, length);
}

// The best candidate found from one start so far.
struct Candidate {
  std::size_t end = 0;
  std::uint32_t pattern = DoubleArray::kNone;
  unsigned gap_runs = 0;
  std::size_t steps = 0;  // characters the walk read after the first (on every branch)

  bool found() const noexcept { return pattern != DoubleArray::kNone; }
  // Longest first; for the same end (only possible when a gap and a literal ignorable character
  // both lead there) fewer gap runs, then the lower pattern index.
  bool worse_than(std::size_t other_end, unsigned other_runs, std::uint32_t other_pattern) const noexcept {
    if (!found() || other_end != end) return !found() || other_end > end;
    return other_runs != gap_runs ? other_runs < gap_runs : other_pattern < pattern;
  }
};

// Where the exact walk from one start stands: the last state, the byte after the last consumed
// character, whether that character may border a gap, and the gap runs crossed so far.
struct Walk {
  std::uint32_t node = kRoot;
  std::size_t pos = 0;
  bool gap_neighbour = false;
  unsigned gap_runs = 0;
};

// The byte positions of the last characters the detector read, so that the start of its state's
// string is known: a ring of a power-of-two size above the deepest state. Lexicons with forms of
// up to 255 code points need no allocation.
class RecentPositions {
 public:
  explicit RecentPositions(std::size_t deepest) {
    const std::size_t capacity = std::bit_ceil(deepest + 1);
    if (capacity > inline_.size()) heap_.resize(capacity);
    data_ = heap_.empty() ? inline_.data() : heap_.data();
    mask_ = (heap_.empty() ? inline_.size() : capacity) - 1;
  }
  RecentPositions(const RecentPositions&) = delete;
  RecentPositions& operator=(const RecentPositions&) = delete;

  void push(std::size_t pos) noexcept { data_[count_++ & mask_] = pos; }
  // The position pushed `back` pushes ago (1: the last one); back <= the pushes so far.
  std::size_t back(std::size_t back) const noexcept { return data_[(count_ - back) & mask_]; }

 private:
  std::array<std::size_t, 256> inline_;
  std::vector<std::size_t> heap_;
  std::size_t* data_ = nullptr;
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
};

}  // namespace

struct Matcher::Impl {
  // How find() scans: see the top of this file.
  enum class Scan : std::uint8_t { kFiltered, kDetector, kEveryPosition };

  MatcherOptions options;
  Alphabet alphabet;
  std::vector<std::uint8_t> code_flags = std::vector<std::uint8_t>(1, 0);
  DoubleArray detector;
  DoubleArray exact;  // used only when exact_is_detector is false
  bool exact_is_detector = true;
  // The prefilter (hashes of character keys): the pairs that may begin a match, read at every
  // character; the first three and four characters of the longer forms; and the pairs and triples
  // that are a whole form (no longer prefix is tested).
  BitFilter<18> pairs;
  BitFilter<19> prefixes;
  BitFilter<16> whole;
  Scan scan = Scan::kFiltered;
  bool has_forms = false;
  std::array<bool, 256> opens_unit{};  // by byte: an ignorable unit may begin with it
  // The characters of more than one byte an ignorable unit may begin with, as a set of hashes of
  // their keys (opener_slot): their lead bytes also begin CJK and general punctuation (U+3000,
  // U+200B, U+FEFF beside 。“，), which should not all take the general way.
  std::array<std::uint64_t, 4> multibyte_opener_slots{};
  bool marker_in_forms = false;  // see the top of this file
  std::size_t deepest = 0;  // code points of the longest form the detector knows
  bool x86_64_v3_scan = false;  // next_candidate runs its x86-64-v3 build

  Impl() = default;
  Impl(const std::vector<std::string>& patterns, MatcherOptions matcher_options);

  void find(std::string_view text, std::vector<MatcherMatch>& out) const;
  bool find_at_start(std::string_view text, MatcherMatch& match) const {
    return has_forms && !text.empty() && match_at(text, 0, match);
  }
  std::size_t memory_bytes() const noexcept;

 private:
  const DoubleArray& trie() const noexcept { return exact_is_detector ? detector : exact; }
  void build_automata(const std::vector<std::vector<char32_t>>& folded,
                      const std::vector<std::vector<char32_t>>& visible);
  void build_filters(const std::vector<std::vector<char32_t>>& visible);

  void scan_filtered(std::string_view text, std::vector<MatcherMatch>& out) const;
  std::size_t detect_from(std::string_view text, std::size_t pos, std::size_t verified, bool until_fallback,
                          std::vector<MatcherMatch>& out) const;
  std::size_t next_candidate(std::string_view text, std::size_t pos) const noexcept;
  std::size_t next_candidate_portable(std::string_view text, std::size_t pos) const noexcept;
#if TIFA_CPU_DISPATCH
  std::size_t next_candidate_x86_64_v3(std::string_view text, std::size_t pos) const noexcept;
#endif
  template <bool kAvx2>
  TIFA_SLOGANS_ALWAYS_INLINE std::size_t find_candidate(std::string_view text, std::size_t pos) const noexcept;
  bool prefix_may_match(std::string_view text, std::uint64_t pair, std::size_t second_pos) const noexcept;
  bool prefix_may_match_general(std::string_view text, std::uint64_t pair, std::size_t second_pos) const noexcept;
  void add_prefixes(const std::vector<char32_t>& form, const std::vector<std::vector<std::uint32_t>>& spellings,
                    std::size_t length, std::uint64_t prefix, std::size_t combinations);
  bool pair_across_gap_may_match(std::string_view text, std::size_t gap_pos) const noexcept;
  // The key of the character at text[pos] (pos < size).
  static std::uint32_t key_at(std::string_view text, std::size_t pos) noexcept {
    if (pos + 4 <= text.size()) return character_key(reinterpret_cast<const unsigned char*>(text.data()) + pos);
    return character_key(text.substr(pos));
  }
  // Whether an ignorable unit may begin with the character at `at` (four bytes readable).
  bool may_open_unit(const unsigned char* at) const noexcept {
    if (!opens_unit[at[0]]) return false;
    if (at[0] < 0x80) return true;
    const unsigned slot = opener_slot(character_key(at));
    return (multibyte_opener_slots[slot / 64] >> (slot % 64) & 1) != 0;
  }
  static unsigned opener_slot(std::uint32_t key) noexcept { return (key * 0x9E3779B1U) >> 24; }
  // Whether an ignorable unit begins at text[pos] (pos < size).
  bool unit_at(std::string_view text, std::size_t pos) const noexcept {
    return opens_unit[static_cast<unsigned char>(text[pos])] && ignorable_unit_length(text, pos) != 0;
  }
  bool leftmost_match(std::string_view text, std::uint32_t node, std::size_t end, const RecentPositions& recent,
                      std::size_t verified, MatcherMatch& match) const;
  void scan_every_position(std::string_view text, std::vector<MatcherMatch>& out) const;

  bool match_at(std::string_view text, std::size_t begin, MatcherMatch& match, std::size_t* steps = nullptr) const;
  bool passes_start_guards(std::string_view text, std::size_t begin, Code first) const noexcept;
  void extend(std::string_view text, Walk walk, Candidate& best) const;
  std::optional<Walk> cross_gap(std::string_view text, const Walk& walk) const noexcept;
  void consider(std::string_view text, const Walk& walk, Candidate& best) const noexcept;
  std::size_t ignorable_unit_length(std::string_view text, std::size_t pos) const noexcept;
};

// ---- construction ----

Matcher::Impl::Impl(const std::vector<std::string>& patterns, MatcherOptions matcher_options)
    : options(std::move(matcher_options)) {
  std::vector<std::vector<char32_t>> folded;
  std::vector<std::vector<char32_t>> visible;  // what the detector sees of each form
  folded.reserve(patterns.size());
  for (const auto& pattern : patterns) {
    folded.push_back(folded_code_points(pattern));
    visible.push_back(without_ignorable_units(folded.back()));
  }

  // The ignorable units' first characters get codes too, so that the scan knows them by code.
  std::vector<char32_t> openers(std::begin(kUnitOpeners), std::end(kUnitOpeners));
  const char32_t marker_opener = options.page_marker.empty() ? 0 : util::code_point_at(options.page_marker, 0);
  if (marker_opener != 0) openers.push_back(marker_opener);
  alphabet = Alphabet(by_frequency(folded, openers));
  const std::vector<char32_t> marker = folded_code_points(options.page_marker);
  const auto could_cross_marker = [&](const std::vector<char32_t>& form) {
    return !marker.empty() && (std::find(form.begin(), form.end(), marker.front()) != form.end() ||
                               std::find(marker.begin(), marker.end(), form.front()) != marker.end());
  };
  code_flags.assign(alphabet.size(), 0);
  for (Code code = 1; code < alphabet.size(); ++code) code_flags[code] = flags_of(alphabet.folded(code));
  if (marker_opener != 0) code_flags[alphabet.code_of(marker_opener)] |= kMayOpenUnit;
  for (const char32_t cp : openers) {
    std::string utf8;
    util::append_utf8(utf8, cp);
    opens_unit[static_cast<unsigned char>(utf8[0])] = true;
    const unsigned slot = opener_slot(character_key(utf8));
    if (utf8.size() > 1) multibyte_opener_slots[slot / 64] |= std::uint64_t{1} << (slot % 64);
  }

  for (std::size_t index = 0; index < folded.size() && index <= kPatternMask; ++index) {
    if (folded[index].empty()) continue;
    has_forms = true;
    if (visible[index].empty() || visible[index].front() != folded[index].front()) scan = Scan::kEveryPosition;
    if (visible[index].size() == 1 && scan == Scan::kFiltered) scan = Scan::kDetector;
    marker_in_forms = marker_in_forms || could_cross_marker(folded[index]);
    deepest = std::max(deepest, visible[index].size());
  }
  build_automata(folded, visible);
  if (scan == Scan::kFiltered) build_filters(visible);
  x86_64_v3_scan = options.cpu_specific_scan && util::cpu_is_x86_64_v3();
}

// The exact trie of the folded forms and the detector of their visible parts, one automaton when
// they are the same. Keys go in pattern order, so that of patterns folding alike the lowest index
// is kept.
void Matcher::Impl::build_automata(const std::vector<std::vector<char32_t>>& folded,
                                   const std::vector<std::vector<char32_t>>& visible) {
  const auto keys_of = [&](const std::vector<std::vector<char32_t>>& forms, std::vector<std::vector<Code>>& codes) {
    std::vector<DoubleArray::Key> keys;
    codes.assign(forms.size(), {});
    for (std::size_t index = 0; index < forms.size() && index <= kPatternMask; ++index) {
      if (forms[index].empty()) continue;
      for (const char32_t cp : forms[index]) codes[index].push_back(alphabet.code_of(cp));
      std::uint32_t output = static_cast<std::uint32_t>(index);
      if (code_flags[alphabet.code_of(folded[index].back())] & kAsciiAlnum) output |= kEndsAlnum;
      keys.push_back({codes[index], output});
    }
    return keys;
  };
  exact_is_detector = folded == visible;
  std::vector<std::vector<Code>> visible_codes;
  detector = DoubleArray(keys_of(visible, visible_codes), alphabet.size(), /*failure_links=*/true);
  if (!exact_is_detector) {
    std::vector<std::vector<Code>> exact_codes;
    exact = DoubleArray(keys_of(folded, exact_codes), alphabet.size());
  }
}

// The keys of every spelling of each visible form's first four characters (§3.2 folding); and,
// after every first character, the keys of the characters an ignorable unit begins with, since
// the detector reads through those. An ignorable unit in third or fourth place bypasses the
// longer prefixes (see prefix_may_match).
void Matcher::Impl::build_filters(const std::vector<std::vector<char32_t>>& visible) {
  std::vector<std::vector<std::uint32_t>> spellings(alphabet.size());
  alphabet.for_each_member([&](char32_t cp, Code code) {
    std::string utf8;
    util::append_utf8(utf8, cp);
    spellings[code].push_back(character_key(utf8));
  });
  std::vector<std::uint32_t> unit_openers;
  for (const char32_t cp : kUnitOpeners) {
    std::string utf8;
    util::append_utf8(utf8, cp);
    unit_openers.push_back(character_key(utf8));
  }
  if (!options.page_marker.empty()) unit_openers.push_back(character_key(options.page_marker));

  const auto spellings_at = [&](const std::vector<char32_t>& form, std::size_t i) -> const std::vector<std::uint32_t>& {
    return spellings[alphabet.code_of(form[i])];
  };
  for (const auto& form : visible) {
    if (form.size() < 2) continue;
    for (const std::uint32_t a : spellings_at(form, 0)) {
      for (const std::uint32_t u : unit_openers) pairs.add(pair_hash(a, u));
      for (const std::uint32_t b : spellings_at(form, 1)) {
        const std::uint64_t pair = pair_hash(a, b);
        pairs.add(pair);
        add_prefixes(form, spellings, 2, pair, spellings_at(form, 0).size() * spellings_at(form, 1).size());
      }
    }
  }
}

// Enters the prefixes of `form` longer than `length` characters, up to kFilteredChars, given the
// hash of its first `length` (one spelling of them): every spelling of the rest, unless that
// would make more than kMaxSpellings hashes, where the prefix ends the filter (a whole one).
void Matcher::Impl::add_prefixes(const std::vector<char32_t>& form, const std::vector<std::vector<std::uint32_t>>& spellings,
                                 std::size_t length, std::uint64_t prefix, std::size_t combinations) {
  const std::vector<std::uint32_t>* next = length < form.size() ? &spellings[alphabet.code_of(form[length])] : nullptr;
  if (length == kFilteredChars) return;  // the test ends here anyway
  if (next == nullptr || combinations * next->size() > kMaxSpellings) {
    whole.add(prefix);
    return;
  }
  for (const std::uint32_t c : *next) {
    const std::uint64_t longer = extend_hash(prefix, c);
    prefixes.add(longer);
    add_prefixes(form, spellings, length + 1, longer, combinations * next->size());
  }
}

std::size_t Matcher::Impl::memory_bytes() const noexcept {
  return sizeof(Impl) + options.page_marker.capacity() + alphabet.memory_bytes() + code_flags.capacity() +
         detector.memory_bytes() + (exact_is_detector ? 0 : exact.memory_bytes()) + pairs.memory_bytes() +
         prefixes.memory_bytes() + whole.memory_bytes();
}

// ---- the scan ----

void Matcher::Impl::find(std::string_view text, std::vector<MatcherMatch>& out) const {
  if (!has_forms) return;
  // A document's text often lies where the caches have not been: ask for its first lines all at
  // once rather than waiting for each (the scan then asks ahead as it goes).
  for (std::size_t pos = 0; pos < std::min(text.size(), kPrefetchFirst); pos += 64) prefetch(text.data() + pos);
  switch (scan) {
    case Scan::kFiltered: return scan_filtered(text, out);
    case Scan::kDetector: detect_from(text, 0, 0, /*until_fallback=*/false, out); return;
    case Scan::kEveryPosition: return scan_every_position(text, out);
  }
}

// The prefilter skips to the next start where a match may begin and the exact walk decides
// there. No start before it can begin a match (the filter has no false negatives), so the first
// start that matches is the leftmost, and the walk's match the longest from there.
void Matcher::Impl::scan_filtered(std::string_view text, std::vector<MatcherMatch>& out) const {
  for (std::size_t pos = next_candidate(text, 0); pos < text.size(); pos = next_candidate(text, pos)) {
    MatcherMatch match;
    std::size_t steps = 0;
    if (match_at(text, pos, match, &steps)) {
      out.push_back(match);
      pos = match.end;
      continue;
    }
    const std::size_t next = pos + sequence_length(static_cast<unsigned char>(text[pos]));
    // A walk that read far and found nothing: the text runs along forms here, where the next
    // starts may go as deep, and the detector reads each character once.
    pos = steps < kDeepWalk ? next : detect_from(text, pos, next, /*until_fallback=*/true, out);
  }
}

// The detector reads the text from `pos` (see the top of this file). `verified`: starts before it
// match nothing or lie inside a reported match. With `until_fallback` (the filtered scan hands
// over a stretch where walks go deep) it stops as soon as no match is in progress, and returns
// where the filter takes over again; else it reads to the end.
std::size_t Matcher::Impl::detect_from(std::string_view text, std::size_t pos, std::size_t verified,
                                       bool until_fallback, std::vector<MatcherMatch>& out) const {
  RecentPositions recent(deepest);
  std::uint32_t node = kRoot;
  for (bool started = false; pos < text.size(); started = true) {
    if (until_fallback && started && node == kRoot) return pos;
    std::size_t length = 0;
    const Code code = alphabet.code_of(decode_fast(text, pos, length));
    if (node != kRoot && (code_flags[code] & kMayOpenUnit) != 0) {
      if (const std::size_t unit = ignorable_unit_length(text, pos); unit != 0) {
        const bool marker = marker_in_forms && text.substr(pos, unit) == options.page_marker;
        pos += unit;  // invisible to the detector
        if (!marker) continue;
        // A match may start inside the marker or read it literally: settle everything up to here.
        MatcherMatch match;
        if (leftmost_match(text, node, pos, recent, verified, match)) {
          out.push_back(match);
          pos = match.end;
        }
        node = kRoot;
        verified = pos;
        continue;
      }
    }
    node = detector.next(node, code);
    if (node != kRoot) recent.push(pos);
    pos += length;
    if (!detector.reaches_output(node)) continue;
    MatcherMatch match;
    if (leftmost_match(text, node, pos, recent, verified, match)) {
      out.push_back(match);
      pos = match.end;
      node = kRoot;
    }
    verified = pos;
  }
  return pos;
}

// The first character at or after `pos` that begins a pair passing the filter (and
// prefix_may_match), or the end of the text: find_candidate, in the build for this CPU.
std::size_t Matcher::Impl::next_candidate(std::string_view text, std::size_t pos) const noexcept {
#if TIFA_CPU_DISPATCH
  if (x86_64_v3_scan) return next_candidate_x86_64_v3(text, pos);
#endif
  return next_candidate_portable(text, pos);
}

std::size_t Matcher::Impl::next_candidate_portable(std::string_view text, std::size_t pos) const noexcept {
  return find_candidate</*kAvx2=*/false>(text, pos);
}

#if TIFA_CPU_DISPATCH
// The same code for x86-64-v3 CPUs (2015 on), whose rotations (rorx) and shifts by a register
// leave their operand intact and whose bit scans and clears (tzcnt, blsr) take one instruction: as
// the scan is mostly shifts and bit tests, this saves about a tenth of the matcher's instructions
// with bench/'s built-in and 20k forms.
TIFA_TARGET_X86_64_V3 std::size_t Matcher::Impl::next_candidate_x86_64_v3(
    std::string_view text, std::size_t pos) const noexcept {
  return find_candidate</*kAvx2=*/true>(text, pos);
}
#endif

// next_candidate's scan, by blocks: a block finds the characters of 64 bytes at once (a bit mask
// of the bytes that are no continuation bytes) and tests the pairs whose first character starts in
// its first 48 bytes; the next block begins 48 bytes on. So the characters of a tested pair and the
// one after it (whose start gives the pair's length) are always in the mask: no step waits for the
// length of the one before, and a pair costs one load, whatever its characters.
//
// kAvx2: the character starts of a block are found with AVX2 (the x86-64-v3 build).
template <bool kAvx2>
TIFA_SLOGANS_ALWAYS_INLINE inline std::size_t Matcher::Impl::find_candidate(std::string_view text,
                                                                              std::size_t pos) const noexcept {
  constexpr std::size_t kWindow = 64;  // bytes whose character starts a block knows
  constexpr std::size_t kStep = 48;    // bytes where the first characters of a block's pairs start
  constexpr std::size_t kReadable = kWindow + 8;  // bytes a block reads from its start
  // Bits 0, 3, 6, ... 63: the character starts of a run of three-byte characters.
  constexpr std::uint64_t kEveryThirdByte = 0x9249249249249249ULL;
  // The starts a block of three-byte characters must show: up to the one after the second character
  // of its last pair (at most 2 + 45 + 6).
  constexpr std::uint64_t kRunSpan = (std::uint64_t{1} << (kStep + 6)) - 1;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  alignas(16) unsigned char tail[kReadable];  // the end of the text, zero-padded for the loads
  const std::uint64_t* pair_words = pairs.words();
  const auto pair_may_match = [&](std::uint64_t pair) { return decltype(pairs)::may_contain(pair_words, pair); };

  if (pos >= size) return size;  // a walk from a sequence cut short by the end steps past it
  for (std::size_t at = pos;; at += kStep) {
    const unsigned char* block = bytes + at;
    std::size_t owned = kStep;  // the block tests the pairs whose first character starts before this
    std::uint64_t starts = 0;
    if (size - at >= kReadable) {
      if (at + kPrefetchAhead < size) prefetch(text.data() + at + kPrefetchAhead);
#if TIFA_CPU_DISPATCH
      if constexpr (kAvx2) {
        starts = character_starts64_avx2(block);  // not in a lambda, which would not be built for AVX2
      } else {
        starts = character_starts64(block);
      }
#else
      starts = character_starts64(block);
#endif
      const auto first = static_cast<unsigned>(std::countr_zero(starts));
      if (first <= 2 && ((starts ^ kEveryThirdByte << first) & kRunSpan) == 0) {
        // Only three-byte characters (Han, CJK punctuation): more than half the text of Chinese
        // news. Each pair is one load at a constant offset, sixteen of them unrolled, so that the
        // block costs no loop branch.
        const unsigned char* run = block + first;
#pragma GCC unroll 16
        for (std::size_t k = 0; k < kStep / 3; ++k) {
          const std::uint64_t pair = window_pair_hash(run + 3 * k);
          if (pair_may_match(pair) && prefix_may_match(text, pair, at + first + 3 * k + 3)) [[unlikely]] {
            return at + first + 3 * k;
          }
        }
        continue;
      }
    } else {
      std::memset(tail, 0, sizeof tail);
      std::memcpy(tail, block, size - at);  // < kReadable bytes
      block = tail;
      starts = character_starts64(block);
      if (size - at <= kWindow) {
        // The last block: its starts end with the text, and its last character pairs with none.
        if (size - at < kWindow) starts &= (std::uint64_t{1} << (size - at)) - 1;
        if (starts == 0) return size;
        owned = static_cast<std::size_t>(63 - std::countl_zero(starts));
      }
    }
    // Any characters: the starts of each pair's first character, its second and the one after
    // give the pair's bytes. When none is left, 64 stands for the one after (only in invalid UTF-8
    // or after the text's last character, where the tail is zero): 0 < after - first <= 64.
    const auto passes = [&](std::size_t first, std::size_t second, std::size_t after) {
      const std::uint64_t pair = pair_word_hash(load_le64(block + first) & kLowBytes[after - first]);
      return pair_may_match(pair) && prefix_may_match(text, pair, at + second);
    };
    // Two pairs a round: fewer characters' starts are copied from register to register.
    std::size_t first = static_cast<unsigned>(std::countr_zero(starts));
    starts &= starts - 1;
    std::size_t second = static_cast<unsigned>(std::countr_zero(starts));
    starts &= starts - 1;
    while (first < owned) {
      const std::size_t after = static_cast<unsigned>(std::countr_zero(starts));
      starts &= starts - 1;
      if (passes(first, second, after)) [[unlikely]] return at + first;
      if (second >= owned) break;
      const std::size_t after_that = static_cast<unsigned>(std::countr_zero(starts));
      starts &= starts - 1;
      if (passes(second, after, after_that)) [[unlikely]] return at + second;
      first = after;
      second = after_that;
    }
    if (size - at <= kWindow) return size;
  }
}

// The test of a pair that passed the pair filter: true when the pair is a whole form; else when
// its first three characters pass the prefix filter and are a whole form or are followed by an
// ignorable unit (a gap: the exact walk decides) or their first four characters pass the prefix
// filter too. When the second character begins an ignorable unit, the test is of the first
// character and the one after the units.
//
// The usual case first, where no ignorable unit may begin at the second, third or fourth
// character and they are whole in the text: a leaf function (the general case is a call at its
// end), so that a pair that passed costs no saving of registers.
bool Matcher::Impl::prefix_may_match(std::string_view text, std::uint64_t pair, std::size_t second_pos) const noexcept {
  static_assert(kFilteredChars == 4, "the usual case reads a third and a fourth character only");
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t third = second_pos + kSequenceLengths[bytes[second_pos]];
  if (third + 4 > text.size() || may_open_unit(bytes + second_pos) || may_open_unit(bytes + third)) [[unlikely]] {
    return prefix_may_match_general(text, pair, second_pos);
  }
  if (whole.may_contain(pair)) return true;
  const std::uint64_t prefix3 = extend_hash(pair, character_key(bytes + third));
  if (!prefixes.may_contain(prefix3)) return false;
  if (whole.may_contain(prefix3)) return true;
  const std::size_t fourth = third + kSequenceLengths[bytes[third]];
  if (fourth + 4 > text.size() || may_open_unit(bytes + fourth)) [[unlikely]] {
    if (fourth >= text.size()) return false;
    return unit_at(text, fourth) || prefixes.may_contain(extend_hash(prefix3, key_at(text, fourth)));
  }
  return prefixes.may_contain(extend_hash(prefix3, character_key(bytes + fourth)));
}

bool Matcher::Impl::prefix_may_match_general(std::string_view text, std::uint64_t pair,
                                             std::size_t second_pos) const noexcept {
  if (unit_at(text, second_pos)) return pair_across_gap_may_match(text, second_pos);
  std::uint64_t prefix = pair;
  std::size_t last = second_pos;  // the prefix's last character
  for (std::size_t length = 2;; ++length) {
    if (length == kFilteredChars || whole.may_contain(prefix)) return true;
    const std::size_t next = last + sequence_length(static_cast<unsigned char>(text[last]));
    if (next >= text.size()) return false;
    if (unit_at(text, next)) return true;
    prefix = extend_hash(prefix, key_at(text, next));
    if (!prefixes.may_contain(prefix)) return false;
    last = next;
  }
}

// prefix_may_match for a first character followed by ignorable units at `gap_pos`: the pair of
// the first character and the one after the units (at most kMaxGapUnits of them; more are only
// read literally, so the exact walk decides there).
bool Matcher::Impl::pair_across_gap_may_match(std::string_view text, std::size_t gap_pos) const noexcept {
  if (marker_in_forms) return true;  // a form may hold the marker's characters: no pair is known
  std::size_t pos = gap_pos;
  for (unsigned units = 0; pos < text.size() && unit_at(text, pos); ++units) {
    if (units == kMaxGapUnits) return true;
    pos += ignorable_unit_length(text, pos);
  }
  if (pos >= text.size()) return false;
  const std::uint64_t pair = pair_hash(key_at(text, util::previous_start(text, gap_pos)), key_at(text, pos));
  return pairs.may_contain(pair) && prefix_may_match(text, pair, pos);
}

// The detector at `node` has read up to `end`, and some form is a suffix of what it read: every
// match in progress starts at or after the start of node's string. The leftmost match is the
// first start from there (and from `verified`) where the exact walk finds one.
bool Matcher::Impl::leftmost_match(std::string_view text, std::uint32_t node, std::size_t end,
                                   const RecentPositions& recent, std::size_t verified, MatcherMatch& match) const {
  std::size_t depth = 0;
  for (std::uint32_t state = node; state != kRoot; state = detector.parent(state)) ++depth;
  for (std::size_t pos = std::max(recent.back(depth), verified); pos < end;) {
    if (match_at(text, pos, match)) return true;
    std::size_t length = 0;
    decode_fast(text, pos, length);
    pos += length;
  }
  return false;
}

// Without the detector: the exact walk from every code point.
void Matcher::Impl::scan_every_position(std::string_view text, std::vector<MatcherMatch>& out) const {
  std::size_t pos = 0;
  while (pos < text.size()) {
    MatcherMatch match;
    if (match_at(text, pos, match)) {
      out.push_back(match);
      pos = match.end;
    } else {
      std::size_t length = 0;
      decode_fast(text, pos, length);
      pos += length;
    }
  }
}

// ---- the exact walk from one start ----

// The longest form that matches at `begin` and passes the edge guards, if any.
bool Matcher::Impl::match_at(std::string_view text, std::size_t begin, MatcherMatch& match, std::size_t* steps) const {
  std::size_t length = 0;
  const Code first = alphabet.code_of(decode_fast(text, begin, length));
  Walk walk;
  walk.node = trie().child(kRoot, first);
  if (walk.node == 0) return false;
  walk.pos = begin + length;
  walk.gap_neighbour = (code_flags[first] & kGapNeighbour) != 0;
  Candidate best;
  if (trie().accepts(walk.node)) consider(text, walk, best);
  extend(text, walk, best);
  if (steps != nullptr) *steps = best.steps;
  if (!best.found() || !passes_start_guards(text, begin, first)) return false;
  match.begin = begin;
  match.end = best.end;
  match.pattern = best.pattern;
  match.gap_runs = static_cast<std::uint8_t>(best.gap_runs);
  return true;
}

// G1 and G2 on the left edge: they depend only on the first character, so they are checked once
// per start, and only when a candidate was found.
bool Matcher::Impl::passes_start_guards(std::string_view text, std::size_t begin, Code first) const noexcept {
  const std::uint8_t flags = code_flags[first];
  if ((flags & (kAsciiAlnum | kChineseNumeral)) == 0 || begin == 0) return true;
  const char32_t before = fold(util::code_point_before(text, begin));
  if ((flags & kAsciiAlnum) != 0 && blocks_alnum_edge(before)) return false;
  return (flags & kChineseNumeral) == 0 || !blocks_numeral_start(before);
}

// Follows the exact trie from `walk` as far as the text allows, recording candidates in `best`.
// Recursion happens only where a literal ignorable character and a gap both continue, and each
// level crosses one more gap run, so it is at most kMaxGapRuns deep.
void Matcher::Impl::extend(std::string_view text, Walk walk, Candidate& best) const {
  const DoubleArray& automaton = trie();
  while (walk.pos < text.size()) {
    ++best.steps;
    std::size_t length = 0;
    const Code code = alphabet.code_of(decode_fast(text, walk.pos, length));
    const std::uint32_t child = automaton.child(walk.node, code);
    const std::uint8_t flags = code_flags[code];
    // Unit openers are rare: their test comes first.
    const bool gap_allowed = (flags & kMayOpenUnit) != 0 && options.gap_tolerance && walk.gap_neighbour &&
                             walk.gap_runs < kMaxGapRuns;
    if (child == 0) {
      if (!gap_allowed) return;
      const std::optional<Walk> across = cross_gap(text, walk);
      if (!across) return;
      walk = *across;
    } else {
      if (gap_allowed) [[unlikely]] {
        if (const std::optional<Walk> across = cross_gap(text, walk)) {
          if (automaton.accepts(across->node)) consider(text, *across, best);
          extend(text, *across, best);
        }
      }
      walk.node = child;
      walk.pos += length;
      walk.gap_neighbour = (flags & kGapNeighbour) != 0;
    }
    if (automaton.accepts(walk.node)) consider(text, walk, best);
  }
}

// The walk past a run of ignorable units at walk.pos and the form character after it: at most
// three units, at most one line break, and a Han character or digit after the run (the one before
// it was checked by the caller). Nothing when that is not possible. (A value, not a change to the
// caller's walk, so that the caller's walk can stay in registers.)
std::optional<Walk> Matcher::Impl::cross_gap(std::string_view text, const Walk& walk) const noexcept {
  std::size_t pos = walk.pos;
  unsigned units = 0;
  unsigned line_breaks = 0;
  for (std::size_t unit = ignorable_unit_length(text, pos); unit != 0; unit = ignorable_unit_length(text, pos)) {
    if (++units > kMaxGapUnits) return std::nullopt;
    if (text[pos] == '\n' || text[pos] == '\r') {
      if (++line_breaks > 1) return std::nullopt;  // a blank line ends any match
    }
    pos += unit;
  }
  if (units == 0 || pos >= text.size()) return std::nullopt;
  std::size_t length = 0;
  const Code code = alphabet.code_of(decode_fast(text, pos, length));
  if ((code_flags[code] & kGapNeighbour) == 0) return std::nullopt;
  const std::uint32_t child = trie().child(walk.node, code);
  if (child == 0) return std::nullopt;
  return Walk{child, pos + length, true, walk.gap_runs + 1};
}

// Records the form ending at walk.node (an accepting state) when it passes G1 on its right edge.
void Matcher::Impl::consider(std::string_view text, const Walk& walk, Candidate& best) const noexcept {
  const std::uint32_t output = trie().output(walk.node);
  if ((output & kEndsAlnum) != 0 && walk.pos < text.size() &&
      blocks_alnum_edge(fold(util::code_point_at(text, walk.pos)))) {
    return;
  }
  const std::uint32_t pattern = output & kPatternMask;
  if (best.worse_than(walk.pos, walk.gap_runs, pattern)) best = {walk.pos, pattern, walk.gap_runs};
}

// Bytes of the ignorable unit at text[pos] (§3.5), or 0.
std::size_t Matcher::Impl::ignorable_unit_length(std::string_view text, std::size_t pos) const noexcept {
  return ignorable_length(text, pos, options.page_marker);
}

// ---- Matcher ----

Matcher::Matcher() : impl_(std::make_shared<const Impl>()) {}

Matcher::Matcher(const std::vector<std::string>& patterns, MatcherOptions options)
    : impl_(std::make_shared<const Impl>(patterns, std::move(options))) {}

void Matcher::find(std::string_view text, std::vector<MatcherMatch>& out) const { impl_->find(text, out); }

// Each scan reports a match at the first start where the exact walk finds one (the filter and the
// detector never skip a start that matches), so a match at 0 is the walk from 0.
bool Matcher::find_at_start(std::string_view text, MatcherMatch& match) const {
  return impl_->find_at_start(text, match);
}

std::size_t Matcher::memory_bytes() const noexcept { return impl_->memory_bytes(); }

}  // namespace tifa::slogans
