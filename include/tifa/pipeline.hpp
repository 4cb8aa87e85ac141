// tifa::Pipeline: bytes of one article in, a Document out.
//
// Thread safety: a Pipeline is immutable after construction; one instance may be shared by any
// number of threads calling process() at once.
#pragma once

#include <string_view>

#include "tifa/document.hpp"
#include "tifa/lexicon.hpp"
#include "tifa/options.hpp"
#include "tifa/sentences.hpp"
#include "tifa/slogans.hpp"

namespace tifa {

class Pipeline {
 public:
  // Throws tifa::Error (kInvalidArgument) for options that cannot be used (a page marker that is
  // not 1-64 bytes of UTF-8 without spaces, max_input_bytes 0). Slogans are recognised with
  // `lexicon` (the built-in one by default); the pipeline keeps a copy (lexicons share their data).
  explicit Pipeline(Options options = {}, Lexicon lexicon = Lexicon::builtin());

  // Decodes, reads, cleans, splits and recognises slogans in one document. Throws tifa::Error only for input that cannot
  // be read at all (kLimit: longer than max_input_bytes; kEncoding: an unknown encoding name was
  // forced). Everything else, however broken, gives a Document with warnings.
  Document process(std::string_view bytes, const Input& input = {}) const;

  const Options& options() const noexcept { return options_; }
  const Lexicon& lexicon() const noexcept { return recognizer_.lexicon(); }
  // The recogniser the pipeline runs (for text that needs no cleaning).
  const Recognizer& recognizer() const noexcept { return recognizer_; }

 private:
  Options options_;
  SentenceSplitter splitter_;
  Recognizer recognizer_;
};

}  // namespace tifa
