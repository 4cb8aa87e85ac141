// Helpers of the slogan acceptance tests (spec/slogans.md). Every expected value of the tests is
// written by hand from the spec; these helpers only run the recogniser, check the invariants that
// hold for every mention (S1, S4, §1.4, §6 floor) and give readable access to the results.
#pragma once

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tifa/document.hpp"
#include "tifa/lexicon.hpp"
#include "tifa/slogans.hpp"

namespace slogan_test {

using tifa::Confidence;
using tifa::Mention;

inline tifa::RecognizerOptions floor_at(Confidence level) {
  tifa::RecognizerOptions options;
  options.min_confidence = level;
  return options;
}

// The built-in lexicon with the default options (floor medium), and with the floor at low.
inline const tifa::Recognizer& builtin() {
  static const tifa::Recognizer recognizer;
  return recognizer;
}
inline const tifa::Recognizer& builtin_low() {
  static const tifa::Recognizer recognizer(tifa::Lexicon::builtin(), floor_at(Confidence::kLow));
  return recognizer;
}

inline tifa::Lexicon tsv(std::string_view text) { return tifa::Lexicon::from_tsv(text, "test.tsv"); }

inline std::string kind(const Mention& m) { return tifa::to_string(m.kind); }
inline std::string level(Confidence c) { return tifa::to_string(c); }
inline std::string level(const Mention& m) { return tifa::to_string(m.confidence); }
inline bool has_flag(const Mention& m, std::uint32_t flag) { return (m.flags & flag) != 0; }
inline bool at_least(Confidence c, Confidence floor) {
  return static_cast<int>(c) >= static_cast<int>(floor);
}

inline bool on_boundary(std::string_view text, std::size_t pos) {
  return pos == text.size() ||
         (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0u) != 0x80u);
}

struct Result {
  std::string text;
  std::vector<Mention> mentions;

  std::string surface(const Mention& m) const {
    if (m.span.end > text.size() || m.span.begin > m.span.end) return "<bad span>";
    return text.substr(m.span.begin, m.span.size());
  }
  std::string slice(const tifa::Span& s) const {
    if (s.end > text.size() || s.begin > s.end) return "<bad span>";
    return text.substr(s.begin, s.size());
  }

  std::vector<std::string> surfaces() const {
    std::vector<std::string> out;
    for (const auto& m : mentions) out.push_back(surface(m));
    return out;
  }

  // The first mention whose surface is `s`, or nullptr.
  const Mention* find(std::string_view s) const {
    for (const auto& m : mentions) {
      if (surface(m) == s) return &m;
    }
    return nullptr;
  }

  std::size_t count(std::string_view s) const {
    std::size_t n = 0;
    for (const auto& m : mentions) n += surface(m) == s ? 1 : 0;
    return n;
  }

  std::size_t count_canonical(std::string_view c) const {
    std::size_t n = 0;
    for (const auto& m : mentions) n += m.canonical == c ? 1 : 0;
    return n;
  }

  std::size_t count_rule(std::string_view rule) const {
    std::size_t n = 0;
    for (const auto& m : mentions) n += m.rule == rule ? 1 : 0;
    return n;
  }

  const Mention* with_canonical(std::string_view c) const {
    for (const auto& m : mentions) {
      if (m.canonical == c) return &m;
    }
    return nullptr;
  }

  std::vector<std::string> members(const Mention& m) const {
    std::vector<std::string> out;
    for (const auto& s : m.members) out.push_back(slice(s));
    return out;
  }

  // True when some mention overlaps an occurrence of `needle` in the text.
  bool overlaps(std::string_view needle) const {
    if (needle.empty()) return false;
    for (std::size_t at = text.find(needle); at != std::string::npos;
         at = text.find(needle, at + 1)) {
      for (const auto& m : mentions) {
        if (m.span.begin < at + needle.size() && at < m.span.end) return true;
      }
    }
    return false;
  }

  // The first mention whose surface is `s`; fails the test case when there is none.
  const Mention& require(std::string_view s) const {
    const Mention* m = find(s);
    REQUIRE_MESSAGE(m != nullptr, "no mention with surface \"" << std::string(s) << "\"; got: " << dump());
    return *m;
  }

  std::string dump() const {
    std::ostringstream out;
    out << mentions.size() << " mention(s) in \"" << text << "\"";
    for (const auto& m : mentions) {
      out << "\n  [" << surface(m) << "] canonical=" << m.canonical << " id=" << m.slogan_id
          << " kind=" << kind(m) << " rule=" << m.rule << " conf=" << level(m)
          << " in_lexicon=" << m.in_lexicon << " quoted=" << m.quoted << " flags=";
      for (const auto& f : tifa::mention_flag_names(m.flags)) out << f << ",";
      out << " members=";
      for (const auto& s : members(m)) out << s << "|";
      if (m.members_partial) out << "(partial)";
    }
    return out.str();
  }
};

// Invariants of every mention: S1 (code-point boundaries, surface = slice), S4 (no overlap, text
// order), §1.4 (ids and categories of discovered mentions, rules), §6 (nothing under the floor).
inline void check_invariants(const Result& r, Confidence floor) {
  INFO(r.dump());
  std::size_t last_end = 0;
  for (const auto& m : r.mentions) {
    CHECK(m.span.begin < m.span.end);
    CHECK(m.span.end <= r.text.size());
    CHECK(on_boundary(r.text, m.span.begin));
    CHECK(on_boundary(r.text, m.span.end));
    CHECK(m.span.begin >= last_end);
    last_end = m.span.end;
    CHECK(!m.canonical.empty());
    CHECK(at_least(m.confidence, floor));
    const bool rule_ok = m.rule == "L" || (m.rule.size() == 2 && m.rule[0] == 'D' &&
                                           m.rule[1] >= '1' && m.rule[1] <= '9');
    CHECK(rule_ok);
    if (m.rule == "L") CHECK(m.in_lexicon);
    if (!m.in_lexicon) {
      CHECK(m.slogan_id == "d:" + m.canonical);
      CHECK(m.category.empty());
    } else {
      CHECK(m.slogan_id.rfind("d:", 0) != 0);
    }
    std::size_t last_member = 0;
    for (const auto& s : m.members) {
      CHECK(s.begin < s.end);
      CHECK(s.end <= r.text.size());
      CHECK(on_boundary(r.text, s.begin));
      CHECK(on_boundary(r.text, s.end));
      CHECK(s.begin >= last_member);
      last_member = s.end;
    }
    if (m.members.empty()) CHECK_FALSE(m.members_partial);
  }
}

// The text alone, as a whole document.
inline Result run_alone(const tifa::Recognizer& recognizer, std::string text) {
  Result r;
  r.text = std::move(text);
  r.mentions = recognizer.find(r.text);
  check_invariants(r, recognizer.options().min_confidence);
  return r;
}

// The examples of the spec are fragments of policy articles (the seeds, corpus/). A document
// without any lexicon mention is a soft negative for discovery (§4.4), so each example is
// recognised as a fragment of a policy text: followed by a paragraph holding a lexicon slogan.
// Mentions in that paragraph are left out of the result.
inline constexpr std::string_view kPolicyParagraph = "\n\n推动高质量发展。";

inline Result run(const tifa::Recognizer& recognizer, std::string text) {
  Result r;
  r.text = std::move(text);
  for (auto& m : recognizer.find(r.text + std::string(kPolicyParagraph))) {
    if (m.span.end <= r.text.size()) r.mentions.push_back(std::move(m));
  }
  check_invariants(r, recognizer.options().min_confidence);
  return r;
}

// The built-in lexicon at the default floor (medium) / at the floor low.
inline Result run(std::string text) { return run(builtin(), std::move(text)); }
inline Result run_low(std::string text) { return run(builtin_low(), std::move(text)); }
inline Result run_alone_low(std::string text) { return run_alone(builtin_low(), std::move(text)); }

// A custom lexicon (and options).
inline Result run_with(const tifa::Lexicon& lexicon, std::string text,
                       tifa::RecognizerOptions options = {}) {
  const tifa::Recognizer recognizer(lexicon, std::move(options));
  return run(recognizer, std::move(text));
}

// The same as run() with the given options over the built-in lexicon.
inline Result run_opts(std::string text, tifa::RecognizerOptions options) {
  const tifa::Recognizer recognizer(tifa::Lexicon::builtin(), std::move(options));
  return run(recognizer, std::move(text));
}

inline std::vector<std::string> list(std::initializer_list<const char*> items) {
  std::vector<std::string> out;
  for (const char* s : items) out.emplace_back(s);
  return out;
}

}  // namespace slogan_test
