#include "process_document.hpp"

#include <new>

#include <tifa/error.hpp>

#include "json_reader.hpp"
#include "process_command.hpp"

namespace tifa::cli {

namespace {

// A document the CLI itself rejects before the pipeline sees it (a JSONL line without text).
class DocumentError : public std::runtime_error {
 public:
  DocumentError(ErrorCode error_code, const std::string& message)
      : std::runtime_error(message), code(error_code) {}
  ErrorCode code;
};

Document run_pipeline(const Pipeline& pipeline, std::string_view bytes, const Input& input) {
  Document document = pipeline.process(bytes, input);
  // The id and path are the CLI's to give; keep them even if a stage left them out.
  if (document.source.id.empty()) document.source.id = input.id;
  if (document.source.path.empty()) document.source.path = input.path;
  return document;
}

// The id of a JSONL record: its id field when that is a non-empty string or a number.
void take_jsonl_id(const JsonValue& record, const JsonlFields& fields, std::string& id) {
  const JsonValue* value = record.find(fields.id);
  if (value == nullptr) return;
  if ((value->is_string() && !value->text.empty()) || value->is_number()) id = value->text;
}

Document process_json_line(const Pipeline& pipeline, const WorkItem& item,
                           const JsonlFields& fields, std::string& id) {
  const JsonValue record = parse_json(item.bytes);
  if (!record.is_object()) throw DocumentError(ErrorCode::kParse, "the line is not a JSON object");
  take_jsonl_id(record, fields, id);

  const JsonValue* text = record.find(fields.text);
  if (text == nullptr || !text->is_string()) {
    throw DocumentError(ErrorCode::kParse, "no string field \"" + fields.text + "\"");
  }
  Input input;
  input.id = id;
  input.path = item.path;
  // A date may be a string or a number (20220109); the pipeline parses either text (M2).
  if (const JsonValue* date = record.find(fields.date);
      date != nullptr && (date->is_string() || date->is_number())) {
    input.date = date->text;
  }
  return run_pipeline(pipeline, text->text, input);
}

Outcome failure(const WorkItem& item, const std::string& id, ErrorCode code,
                std::string_view message) {
  Outcome outcome;
  outcome.record = error_record(id, to_string(code), message);
  outcome.failure = item.where + ": " + std::string(message);
  return outcome;
}

}  // namespace

std::string error_record(const std::string& id, std::string_view code, std::string_view message) {
  std::string record = "{\"id\":";
  append_json_string(record, id);
  record += ",\"error\":{\"code\":";
  append_json_string(record, code);
  record += ",\"message\":";
  append_json_string(record, message);
  record += "}}";
  return record;
}

Outcome process_document(const Pipeline& pipeline, const WorkItem& item, const JsonlFields& fields,
                         const JsonOptions& json) {
  std::string id = item.id;
  try {
    switch (item.kind) {
      case WorkItem::Kind::kUnreadable:
        return failure(item, id, ErrorCode::kIo, item.bytes);
      case WorkItem::Kind::kTooLarge:
        return failure(item, id, ErrorCode::kLimit, item.bytes);
      case WorkItem::Kind::kJsonLine:
        return {to_json(process_json_line(pipeline, item, fields, id), json), {}};
      case WorkItem::Kind::kDocument: {
        Input input;
        input.id = id;
        input.path = item.path;
        return {to_json(run_pipeline(pipeline, item.bytes, input), json), {}};
      }
    }
    return failure(item, id, ErrorCode::kInternal, "unknown work item");
  } catch (const Error& error) {
    return failure(item, id, error.code(), error.what());
  } catch (const DocumentError& error) {
    return failure(item, id, error.code, error.what());
  } catch (const JsonSyntaxError& error) {
    return failure(item, id, ErrorCode::kParse, std::string("invalid JSON: ") + error.what());
  } catch (const std::bad_alloc&) {
    return failure(item, id, ErrorCode::kNoMemory, "out of memory");
  } catch (const std::exception& error) {
    return failure(item, id, ErrorCode::kInternal, error.what());
  }
}

}  // namespace tifa::cli
