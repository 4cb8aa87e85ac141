// Helpers of the sentence tests: render spans, check the output contract (spec §3 C1-C3).
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tifa/sentences.hpp"

namespace sentence_test {

// Independent of the library: length of the valid UTF-8 sequence at p, or 0.
inline unsigned utf8_len(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return cont(1) ? 2 : 0;
  if (b >= 0xE0 && b <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b == 0xE0 && b1 < 0xA0) return 0;
    if (b == 0xED && b1 > 0x9F) return 0;
    return 3;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b == 0xF0 && b1 < 0x90) return 0;
    if (b == 0xF4 && b1 > 0x8F) return 0;
    return 4;
  }
  return 0;
}

inline std::uint32_t utf8_cp(std::string_view s, std::size_t i, unsigned len) {
  const auto b = static_cast<unsigned char>(s[i]);
  auto c = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
  switch (len) {
    case 1: return b;
    case 2: return (static_cast<std::uint32_t>(b & 0x1F) << 6) | c(1);
    case 3: return (static_cast<std::uint32_t>(b & 0x0F) << 12) | (c(1) << 6) | c(2);
    default: return (static_cast<std::uint32_t>(b & 0x07) << 18) | (c(1) << 12) | (c(2) << 6) | c(3);
  }
}

// Unicode White_Space (spec §4).
inline bool is_white_space(std::uint32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

// Character boundaries (valid sequences whole, invalid bytes one by one) and gap bytes.
struct Layout {
  std::vector<char> boundary;  // size n+1
  std::vector<char> gap;       // size n
};

inline Layout layout(std::string_view s, std::string_view marker) {
  Layout l;
  l.boundary.assign(s.size() + 1, 0);
  l.gap.assign(s.size(), 0);
  std::size_t i = 0;
  while (i < s.size()) {
    l.boundary[i] = 1;
    if (!marker.empty() && s.substr(i, marker.size()) == marker) {
      for (std::size_t k = 0; k < marker.size(); ++k) l.gap[i + k] = 1;
      // the marker is valid UTF-8: its inner character boundaries are boundaries too
      std::size_t j = i;
      while (j < i + marker.size()) {
        l.boundary[j] = 1;
        j += utf8_len(s, j);
      }
      i += marker.size();
      continue;
    }
    const unsigned len = utf8_len(s, i);
    if (len == 0) {
      ++i;
      continue;
    }
    if (is_white_space(utf8_cp(s, i, len)))
      for (unsigned k = 0; k < len; ++k) l.gap[i + k] = 1;
    i += len;
  }
  l.boundary[s.size()] = 1;
  return l;
}

// C1 (order, cover), C2 (trimmed), C3 (byte exact): returns "" or the first violation.
inline std::string contract_violation(std::string_view s, const std::vector<tifa::SentenceSpan>& v,
                                      std::string_view marker = "<PAGE_DIV>") {
  const Layout l = layout(s, marker);
  std::vector<char> covered(s.size(), 0);
  std::size_t prev_end = 0;
  for (std::size_t k = 0; k < v.size(); ++k) {
    const auto& sp = v[k];
    const std::string at = " (span " + std::to_string(k) + " [" + std::to_string(sp.begin) + "," +
                           std::to_string(sp.end) + "))";
    if (sp.begin >= sp.end) return "empty span" + at;
    if (sp.end > s.size()) return "span past the end" + at;
    if (k > 0 && sp.begin < prev_end) return "spans overlap or are out of order" + at;
    if (!l.boundary[sp.begin] || !l.boundary[sp.end]) return "offset inside a UTF-8 sequence" + at;
    if (l.gap[sp.begin] || l.gap[sp.end - 1]) return "span starts or ends with gap" + at;
    for (std::size_t i = sp.begin; i < sp.end; ++i) covered[i] = 1;
    prev_end = sp.end;
  }
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!l.gap[i] && !covered[i]) return "non-gap byte " + std::to_string(i) + " in no span";
  return "";
}

inline std::vector<std::string> texts(std::string_view s, const std::vector<tifa::SentenceSpan>& v) {
  std::vector<std::string> r;
  for (const auto& sp : v) r.emplace_back(s.substr(sp.begin, sp.end - sp.begin));
  return r;
}

inline std::string join(const std::vector<std::string>& parts) {
  std::string r;
  for (const auto& p : parts) {
    if (!r.empty()) r += " | ";
    r += p;
  }
  return r;
}

// Splits, checks the contract, and renders the sentences as "a | b | c".
inline std::string split(std::string_view s, const tifa::SentenceOptions& o = {}) {
  const auto v = tifa::split_sentences(s, o);
  const std::string bad = contract_violation(s, v, o.page_marker);
  CHECK_MESSAGE(bad.empty(), bad);
  return join(texts(s, v));
}

inline std::vector<tifa::SentenceSpan> spans(std::string_view s, const tifa::SentenceOptions& o = {}) {
  const auto v = tifa::split_sentences(s, o);
  const std::string bad = contract_violation(s, v, o.page_marker);
  CHECK_MESSAGE(bad.empty(), bad);
  return v;
}

inline tifa::SentenceOptions semicolon() {
  tifa::SentenceOptions o;
  o.split_on_semicolon = true;
  return o;
}
inline tifa::SentenceOptions inside_quotes() {
  tifa::SentenceOptions o;
  o.split_inside_quotes = true;
  return o;
}
inline tifa::SentenceOptions mode(tifa::NewlineMode m) {
  tifa::SentenceOptions o;
  o.newline_mode = m;
  return o;
}

}  // namespace sentence_test
