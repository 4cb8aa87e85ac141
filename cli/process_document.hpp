// One work item through the pipeline: a JSON record for the output, or an error record and a
// message. Called from worker threads; it never throws.
#pragma once

#include <string>

#include <tifa/json.hpp>
#include <tifa/pipeline.hpp>

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

// {"id": ID, "error": {"code": CODE, "message": MESSAGE}}
std::string error_record(const std::string& id, std::string_view code, std::string_view message);

}  // namespace tifa::cli
