// One work item through the pipeline: a JSON record for the output, or an error record and a
// message. Called from worker threads; it never throws.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <tifa/json.hpp>
#include <tifa/pipeline.hpp>
#include <tifa/sentences.hpp>
#include <tifa/span.hpp>

#include "inputs.hpp"

namespace tifa::cli {

struct JsonlFields;

struct Outcome {
  std::string record;   // the output line, without '\n'
  std::string failure;  // "WHERE: message" when the document failed, else empty
  bool failed() const noexcept { return !failure.empty(); }
};

Outcome process_document(const Pipeline& pipeline, const WorkItem& item, const JsonlFields& fields,
                         const JsonOptions& json);

// Runs the pipeline on one work item and returns {use(document), ""}; a failure (unreadable item,
// bad JSONL line, pipeline error, or an exception from `use`) gives the error record and message
// instead, without calling `use` (or with its result dropped). For commands that aggregate
// documents (tifa counts, kwic, discover): `use` keeps what it needs and may return "".
Outcome document_outcome(const Pipeline& pipeline, const WorkItem& item, const JsonlFields& fields,
                         const std::function<std::string(Document&&)>& use);

// `tifa sentences`: {"id": ..., "sentences": [...]} for one work item. Without `raw` the pipeline
// runs and the sentences index the document's clean text. With `raw` (--no-clean) the input is
// only decoded (with `encoding`; JSONL: the text field as given) and `raw` splits that text.
Outcome sentences_document(const Pipeline& pipeline, const SentenceSplitter* raw,
                           const WorkItem& item, const JsonlFields& fields,
                           std::string_view encoding);

struct SloganOutput {
  bool no_clean = false;     // recognise in the decoded input as given
  bool per_mention = false;  // one line per mention (joined with '\n'; empty without mentions)
  std::size_t window = 20;   // KWIC context of --per-mention, in code points
};

// `tifa slogans`: {"id", "mentions", "counts"} for one work item, or its mention lines.
Outcome slogans_document(const Pipeline& pipeline, const SloganOutput& output, const WorkItem& item,
                         const JsonlFields& fields, std::string_view encoding);

// {"id": ID, "sentences": [{"start","end","char_start","char_end","text"}, ...]}: byte offsets of
// `text`, code point offsets, and the sentence text. `spans` are in text order.
std::string sentences_record(std::string_view id, std::string_view text,
                             const std::vector<Span>& spans);

// {"id": ID, "error": {"code": CODE, "message": MESSAGE}}
std::string error_record(const std::string& id, std::string_view code, std::string_view message);

}  // namespace tifa::cli
