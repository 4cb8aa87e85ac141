// Character classes of slogan recognition.
#pragma once

namespace tifa::slogans {

// Quote marks of §3.6 (both sides), ASCII included.
constexpr bool is_quote_mark(char32_t c) {
  return c == U'“' || c == U'”' || c == U'‘' || c == U'’' || c == U'「' || c == U'」' || c == U'『' ||
         c == U'』' || c == U'"' || c == U'\'';
}

constexpr bool is_title_mark(char32_t c) { return c == U'《' || c == U'》' || c == U'〈' || c == U'〉'; }

// Sentence-final punctuation (G4).
constexpr bool is_sentence_final(char32_t c) {
  return c == U'。' || c == U'！' || c == U'？' || c == U'!' || c == U'?' || c == U'；' || c == U'…';
}

// Punctuation that ends a clause: sentence-final marks, commas, colons, enumeration comma,
// brackets and line breaks.
constexpr bool is_clause_punctuation(char32_t c) {
  return is_sentence_final(c) || c == U'，' || c == U',' || c == U'、' || c == U'：' || c == U':' ||
         c == U';' || c == U'（' || c == U'）' || c == U'(' || c == U')' || c == U'\n' || c == U'—' ||
         c == U'【' || c == U'】' || c == U'《' || c == U'》';
}

}  // namespace tifa::slogans
