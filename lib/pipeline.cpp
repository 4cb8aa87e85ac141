// tifa::Pipeline: the stages wired together (DESIGN.md §1).
#include "tifa/pipeline.hpp"

#include "clean/invariants.hpp"
#include "tifa/clean.hpp"

#include <optional>
#include <vector>
#include "tifa/error.hpp"
#include "tifa/reader.hpp"

namespace tifa {

namespace {

void validate(const Options& options) {
  if (options.page_marker.size() > 64)
    throw Error(ErrorCode::kInvalidArgument, "page_marker is longer than 64 bytes");
  if (options.max_input_bytes == 0)
    throw Error(ErrorCode::kInvalidArgument, "max_input_bytes must be positive");
  if (options.max_html_depth == 0)
    throw Error(ErrorCode::kInvalidArgument, "max_html_depth must be positive");
  if (options.max_blocks == 0)
    throw Error(ErrorCode::kInvalidArgument, "max_blocks must be positive");
}

// The splitter follows the cleaning options: the same page marker (spec/sentences.md P1).
SentenceOptions sentence_options(const Options& options) {
  SentenceOptions out;
  out.split_on_semicolon = options.split_on_semicolon;
  out.page_marker = options.page_marker;
  return out;
}

// Sentences block by block: the clean text joins blocks with a single '\n', which is not a
// paragraph break, so each block is split on its own (spec/sentences.md C6).
void add_sentences(const SentenceSplitter& splitter, Document& doc) {
  // Room for the usual count up front (a sentence per block plus one per ~100 bytes of text),
  // so the vectors are allocated once or twice per document, not once per doubling.
  doc.sentences.reserve(doc.sentences.size() + doc.blocks.size() + doc.text.size() / 100);
  std::vector<SentenceSpan> spans;
  spans.reserve(16);
  for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
    const Span block = doc.blocks[b].span;
    splitter.split(std::string_view(doc.text).substr(block.begin, block.size()), spans);
    for (const SentenceSpan& span : spans) {
      doc.sentences.push_back(Sentence{Span{block.begin + span.begin, block.begin + span.end}, b, span.flags});
    }
  }
}

RecognizerOptions recognizer_options(const Options& options) {
  RecognizerOptions out;
  out.min_confidence = options.min_confidence;
  out.discovery = options.discovery;
  out.gap_tolerance = options.gap_tolerance;
  out.page_marker = options.page_marker;
  return out;
}

}  // namespace

Pipeline::Pipeline(Options options, Lexicon lexicon)
    : options_((validate(options), std::move(options))),
      splitter_(sentence_options(options_)),
      recognizer_(std::move(lexicon), recognizer_options(options_)) {}

Document Pipeline::process(std::string_view bytes, const Input& input) const {
  RawDocument raw = read(bytes, input, options_);
  // The invariants compare the document with what the readers saw, so keep a copy of it.
  std::optional<RawDocument> seen;
  if (options_.verify) seen = raw;
  Document doc = clean_document(std::move(raw), input, options_);
  if (options_.sentences) add_sentences(splitter_, doc);
  if (options_.slogans) recognizer_.recognize(doc);
  if (seen) {
    for (const clean::InvariantFailure& failure :
         clean::check_invariants(bytes, *seen, doc, options_.page_marker)) {
      doc.warnings.push_back(Warning{"invariant_failed:" + failure.id, failure.message, failure.raw_span});
    }
  }
  return doc;
}

}  // namespace tifa
