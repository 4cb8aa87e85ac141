// Data files compiled into the library (data/*.tsv, data/*.txt), so nothing is read at run time.
#pragma once

#include <string_view>
#include <vector>

namespace tifa::slogans {

// data/slogans.tsv, the built-in lexicon.
std::string_view builtin_lexicon_tsv() noexcept;

// The terms of a word list of data/ ("numeral_words", "governing_verbs", ...): one term per line,
// `#` comments and blank lines removed, surrounding spaces trimmed. An unknown name gives an
// empty list.
const std::vector<std::string_view>& builtin_word_list(std::string_view name);

}  // namespace tifa::slogans
