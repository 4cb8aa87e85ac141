#include "process_document.hpp"

#include <new>
#include <vector>

#include <fmt/core.h>

#include <tifa/error.hpp>
#include <tifa/reader.hpp>

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

// The text and hints of a JSONL record; `id` becomes the record's id when it has one.
struct JsonlDocument {
  std::string text;
  Input input;
};

JsonlDocument read_json_line(const WorkItem& item, const JsonlFields& fields, std::string& id) {
  const JsonValue record = parse_json(item.bytes);
  if (!record.is_object()) throw DocumentError(ErrorCode::kParse, "the line is not a JSON object");
  take_jsonl_id(record, fields, id);

  const JsonValue* text = record.find(fields.text);
  if (text == nullptr || !text->is_string()) {
    throw DocumentError(ErrorCode::kParse, "no string field \"" + fields.text + "\"");
  }
  JsonlDocument out;
  out.text = text->text;
  out.input.id = id;
  out.input.path = item.path;
  // A date may be a string or a number (20220109); the pipeline parses either text (M2).
  if (const JsonValue* date = record.find(fields.date);
      date != nullptr && (date->is_string() || date->is_number())) {
    out.input.date = date->text;
  }
  return out;
}

// The document of a work item through the pipeline (kDocument or kJsonLine items only).
Document run_item(const Pipeline& pipeline, const WorkItem& item, const JsonlFields& fields,
                  std::string& id) {
  if (item.kind == WorkItem::Kind::kJsonLine) {
    const JsonlDocument line = read_json_line(item, fields, id);
    return run_pipeline(pipeline, line.text, line.input);
  }
  Input input;
  input.id = id;
  input.path = item.path;
  return run_pipeline(pipeline, item.bytes, input);
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

namespace {

// Runs `make_record(id) -> std::string` for a readable work item and turns every failure into an
// error record; `id` starts as the item's id and may be replaced by a JSONL id field.
template <typename MakeRecord>
Outcome guarded(const WorkItem& item, MakeRecord make_record) {
  std::string id = item.id;
  try {
    switch (item.kind) {
      case WorkItem::Kind::kUnreadable:
        return failure(item, id, ErrorCode::kIo, item.bytes);
      case WorkItem::Kind::kTooLarge:
        return failure(item, id, ErrorCode::kLimit, item.bytes);
      case WorkItem::Kind::kJsonLine:
      case WorkItem::Kind::kDocument:
        return {make_record(id), {}};
      case WorkItem::Kind::kFile:
        break;  // DocumentReader::load was not called: a bug, reported as such
    }
    return failure(item, id, ErrorCode::kInternal, "work item not read");
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

}  // namespace

Outcome process_document(const Pipeline& pipeline, const WorkItem& item, const JsonlFields& fields,
                         const JsonOptions& json) {
  return guarded(item, [&](std::string& id) {
    return to_json(run_item(pipeline, item, fields, id), json);
  });
}

Outcome document_outcome(const Pipeline& pipeline, const WorkItem& item, const JsonlFields& fields,
                         const std::function<std::string(Document&&)>& use) {
  return guarded(item, [&](std::string& id) { return use(run_item(pipeline, item, fields, id)); });
}

Outcome sentences_document(const Pipeline& pipeline, const SentenceSplitter* raw,
                           const WorkItem& item, const JsonlFields& fields,
                           std::string_view encoding) {
  return guarded(item, [&](std::string& id) {
    if (raw == nullptr) {
      const Document document = run_item(pipeline, item, fields, id);
      std::vector<Span> spans;
      spans.reserve(document.sentences.size());
      for (const Sentence& sentence : document.sentences) spans.push_back(sentence.span);
      return sentences_record(document.source.id, document.text, spans);
    }
    // --no-clean: the text as given (decoded for files, the text field for JSONL).
    const std::string text = item.kind == WorkItem::Kind::kJsonLine
                                 ? read_json_line(item, fields, id).text
                                 : decode(item.bytes, encoding).text;
    std::vector<SentenceSpan> found;
    raw->split(text, found);
    std::vector<Span> spans;
    spans.reserve(found.size());
    for (const SentenceSpan& span : found) spans.push_back(Span{span.begin, span.end});
    return sentences_record(id, text, spans);
  });
}

Outcome slogans_document(const Pipeline& pipeline, const SloganOutput& output, const WorkItem& item,
                         const JsonlFields& fields, std::string_view encoding) {
  return guarded(item, [&](std::string& id) {
    Document document;
    if (output.no_clean) {
      document.text = item.kind == WorkItem::Kind::kJsonLine ? read_json_line(item, fields, id).text
                                                             : decode(item.bytes, encoding).text;
      document.source.id = id;
      document.source.path = item.path;
      pipeline.recognizer().recognize(document);
    } else {
      document = run_item(pipeline, item, fields, id);
    }
    if (!output.per_mention) return slogans_to_json(document);
    std::string lines;
    for (const std::string& line : mentions_to_json_lines(document, output.window)) {
      if (!lines.empty()) lines += '\n';
      lines += line;
    }
    return lines;
  });
}

std::string sentences_record(std::string_view id, std::string_view text,
                             const std::vector<Span>& spans) {
  std::string record = "{\"id\":";
  append_json_string(record, id);
  record += ",\"sentences\":[";
  // Code points before `pos`, counted forward: spans come in text order.
  std::size_t pos = 0;
  std::size_t chars = 0;
  const auto char_offset = [&](std::size_t offset) {
    if (offset < pos) pos = chars = 0;
    for (; pos < offset && pos < text.size(); ++pos) {
      if ((static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80) ++chars;
    }
    return chars;
  };
  bool first = true;
  for (const Span& span : spans) {
    if (!first) record += ',';
    first = false;
    const std::size_t char_start = char_offset(span.begin);
    const std::size_t char_end = char_offset(span.end);
    record += fmt::format("{{\"start\":{},\"end\":{},\"char_start\":{},\"char_end\":{},\"text\":",
                          span.begin, span.end, char_start, char_end);
    append_json_string(record, text.substr(span.begin, span.end - span.begin));
    record += '}';
  }
  record += "]}";
  return record;
}

}  // namespace tifa::cli
