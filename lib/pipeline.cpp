// tifa::Pipeline: the stages wired together (DESIGN.md §1).
#include "tifa/pipeline.hpp"

#include "clean/invariants.hpp"
#include "tifa/clean.hpp"
#include "tifa/error.hpp"
#include "tifa/reader.hpp"

namespace tifa {

namespace {

void validate(const Options& options) {
  if (options.page_marker.size() > 64)
    throw Error(ErrorCode::kInvalidArgument, "page_marker is longer than 64 bytes");
  if (options.max_input_bytes == 0)
    throw Error(ErrorCode::kInvalidArgument, "max_input_bytes must be positive");
}

}  // namespace

Pipeline::Pipeline(Options options) : options_(std::move(options)) { validate(options_); }

Document Pipeline::process(std::string_view bytes, const Input& input) const {
  RawDocument raw = read(bytes, input, options_);
  if (!options_.verify) return clean_document(std::move(raw), input, options_);
  // The invariants compare the document with what the readers saw, so keep a copy of it.
  RawDocument seen = raw;
  Document doc = clean_document(std::move(raw), input, options_);
  for (const clean::InvariantFailure& failure :
       clean::check_invariants(bytes, seen, doc, options_.page_marker)) {
    doc.warnings.push_back(Warning{"invariant_failed:" + failure.id, failure.message, failure.raw_span});
  }
  return doc;
}

}  // namespace tifa
