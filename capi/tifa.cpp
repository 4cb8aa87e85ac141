// The C ABI (tifa.h) over the C++ API. Each entry point checks its arguments, calls the C++ API
// inside the exception firewall (capi_internal.hpp) and converts the result; nothing else.
#include "tifa.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "capi_internal.hpp"

static_assert(TIFA_VERSION_MAJOR == tifa::kVersionMajor && TIFA_VERSION_MINOR == tifa::kVersionMinor &&
                  TIFA_VERSION_PATCH == tifa::kVersionPatch,
              "tifa.h and the generated tifa/version.hpp disagree: re-run CMake");
// The firewall returns tifa::Error::code() as the status: the values must agree.
constexpr bool same_code(int status, tifa::ErrorCode code) { return status == static_cast<int>(code); }
static_assert(same_code(TIFA_E_INVALID_ARG, tifa::ErrorCode::kInvalidArgument) &&
                  same_code(TIFA_E_UTF8, tifa::ErrorCode::kUtf8) &&
                  same_code(TIFA_E_ENCODING, tifa::ErrorCode::kEncoding) &&
                  same_code(TIFA_E_NOMEM, tifa::ErrorCode::kNoMemory) &&
                  same_code(TIFA_E_IO, tifa::ErrorCode::kIo) &&
                  same_code(TIFA_E_PARSE, tifa::ErrorCode::kParse) &&
                  same_code(TIFA_E_LIMIT, tifa::ErrorCode::kLimit) &&
                  same_code(TIFA_E_LEXICON, tifa::ErrorCode::kLexicon) &&
                  same_code(TIFA_E_INTERNAL, tifa::ErrorCode::kInternal),
              "TIFA_E_* must equal tifa::ErrorCode");

namespace tifa::capi {

// ---- the last error and the firewall ----

namespace {

thread_local std::string error_message;
// Set instead of error_message when recording a message itself ran out of memory.
thread_local const char* error_fallback = nullptr;

// Records the concatenation of `parts` as the last error and returns `status`.
int fail(int status, std::initializer_list<std::string_view> parts) noexcept {
  try {
    error_message.clear();
    for (const std::string_view part : parts) error_message += part;
    error_fallback = nullptr;
  } catch (...) {
    error_fallback = "out of memory (while recording an error message)";
  }
  return status;
}

// Every diagnostic, one per line, without a prefix: each stands alone (source:line:column: ...).
int fail_lexicon(const LexiconError& error) noexcept {
  const int status = static_cast<int>(error.code());
  if (error.diagnostics().empty()) return fail(status, {error.what()});
  try {
    error_message.clear();
    for (const LexiconDiagnostic& diagnostic : error.diagnostics()) {
      if (!error_message.empty()) error_message += '\n';
      error_message += diagnostic.to_string();
    }
    error_fallback = nullptr;
    return status;
  } catch (...) {
    return fail(status, {error.what()});
  }
}

}  // namespace

void clear_error() noexcept {
  error_message.clear();
  error_fallback = nullptr;
}

const char* last_error() noexcept {
  return error_fallback != nullptr ? error_fallback : error_message.c_str();
}

int handle_exception(const char* where) noexcept {
  try {
    throw;
  } catch (const LexiconError& error) {
    return fail_lexicon(error);
  } catch (const Error& error) {
    return fail(static_cast<int>(error.code()), {where, ": ", error.what()});
  } catch (const std::bad_alloc&) {
    return fail(TIFA_E_NOMEM, {where, ": out of memory"});
  } catch (const std::exception& error) {
    return fail(TIFA_E_INTERNAL, {where, ": internal error: ", error.what()});
  } catch (...) {
    return fail(TIFA_E_INTERNAL, {where, ": internal error: an exception of unknown type"});
  }
}

void invalid(const std::string& message) { throw Error(ErrorCode::kInvalidArgument, message); }

namespace {

// ---- argument checks and conversions ----

template <typename T>
void require(const T* pointer, const char* name) {
  if (pointer == nullptr) invalid(std::string(name) + " is NULL");
}

// Output parameters are NULL (or 0) until the call succeeds.
template <typename T>
void reset(T** out) noexcept {
  if (out != nullptr) *out = nullptr;
}

// (data, len) input: len is the truth; NULL data is the empty input only.
std::string_view bytes(const char* data, std::size_t len, const char* name) {
  if (data == nullptr && len != 0) invalid(std::string(name) + " is NULL but its length is not 0");
  return data == nullptr ? std::string_view() : std::string_view(data, len);
}

// Strict UTF-8 (RFC 3629): no overlong forms, surrogates or code points past U+10FFFF.
bool is_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    unsigned char low = 0x80;  // the allowed range of the second byte
    unsigned char high = 0xBF;
    if (lead < 0x80) {
      ++i;
      continue;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (text.size() - i < length) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto byte = static_cast<unsigned char>(text[i + k]);
      if (byte < (k == 1 ? low : 0x80) || byte > (k == 1 ? high : 0xBF)) return false;
    }
    i += length;
  }
  return true;
}

std::string_view utf8_text(const char* text, std::size_t len) {
  const std::string_view view = bytes(text, len, "text");
  if (!is_utf8(view)) throw Error(ErrorCode::kUtf8, "text is not valid UTF-8");
  return view;
}

// A copy the caller frees with tifa_string_free (malloc, so that free() in the library matches).
char* owned_copy(std::string_view text) {
  auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

// A borrowed string: `text` must point into a NUL-terminated string that outlives the handle
// (a std::string of the handle, or a static name).
const char* borrowed(std::string_view text, std::size_t* len) noexcept {
  if (len != nullptr) *len = text.size();
  return text.data();
}

const char* none(std::size_t* len) noexcept {
  if (len != nullptr) *len = 0;
  return nullptr;
}

// Writes a span to the optional out-parameters.
void put_span(const Span& span, std::size_t* begin, std::size_t* end) noexcept {
  if (begin != nullptr) *begin = span.begin;
  if (end != nullptr) *end = span.end;
}

template <typename Vector>
const typename Vector::value_type& at(const Vector& items, std::size_t index, const char* what) {
  if (index >= items.size()) {
    invalid(std::string(what) + " index " + std::to_string(index) + " is out of range (" +
            std::to_string(items.size()) + " " + what + "s)");
  }
  return items[index];
}

const Document& doc_of(const tifa_doc* doc) {
  require(doc, "doc");
  return doc->document;
}

// ---- documents ----

void throw_test_exception(TestThrow kind) {
  switch (kind) {
    case TestThrow::kNone: return;
    case TestThrow::kRuntimeError: throw std::runtime_error("test_throw: runtime_error");
    case TestThrow::kBadAlloc: throw std::bad_alloc();
    case TestThrow::kUnknown: throw 42;  // not a std::exception
    case TestThrow::kTifaError: throw Error(ErrorCode::kParse, "test_throw: tifa_error");
  }
}

// The call into the core shared by the single and the batch entry points.
Document run(const tifa_pipeline& pipeline, std::string_view data, const Input& input) {
  throw_test_exception(pipeline.test_throw);
  Document document = pipeline.pipeline.process(data, input);
  // The id is the caller's to give; keep it even if no stage copied it (as the CLI does).
  if (document.source.id.empty()) document.source.id = input.id;
  return document;
}

int make_doc(tifa_doc** out, Document document) {
  auto doc = std::make_unique<tifa_doc>(tifa_doc{std::move(document)});
  *out = doc.release();
  return TIFA_OK;
}

// Text as given: the document is the text itself, split by the pipeline's sentence options.
Document text_document(const tifa_pipeline& pipeline, std::string_view text) {
  Document document;
  document.text = text;
  std::vector<SentenceSpan> spans;
  pipeline.splitter.split(document.text, spans);
  document.sentences.reserve(spans.size());
  for (const SentenceSpan& span : spans) {
    document.sentences.push_back(Sentence{Span{span.begin, span.end}, 0, span.flags});
  }
  return document;
}

std::optional<std::string_view> field(const std::optional<Field>& value) {
  if (!value) return std::nullopt;
  return value->value;
}

std::optional<std::string_view> unless_empty(const std::string& value) {
  if (value.empty()) return std::nullopt;
  return value;
}

std::optional<std::string_view> meta_value(const Document& document, std::string_view key) {
  const Meta& meta = document.meta;
  if (key == "id") return unless_empty(document.source.id);
  if (key == "title") return field(meta.title);
  if (key == "original_title") return field(meta.original_title);
  if (key == "subtitle") return field(meta.subtitle);
  if (key == "published_at" && meta.published_at) return unless_empty(meta.published_at->iso);
  if (key == "published_date_local" && meta.published_at) {
    return unless_empty(meta.published_at->local_date);
  }
  if (key == "url") return field(meta.url);
  if (key == "publisher") return field(meta.publisher);
  if (key == "source_outlet") return field(meta.source_outlet);
  if (key == "editor") return field(meta.editor);
  if (key == "format" && document.source.format != Format::kAuto) {
    return to_string(document.source.format);
  }
  if (key == "encoding") return unless_empty(document.source.encoding);
  return std::nullopt;
}

std::optional<std::string_view> mention_value(const Mention& mention, std::string_view name) {
  if (name == "canonical") return mention.canonical;
  if (name == "slogan_id") return mention.slogan_id;
  if (name == "category") return unless_empty(mention.category);  // none when discovered
  if (name == "kind") return to_string(mention.kind);
  if (name == "origin") return mention.in_lexicon ? "lexicon" : "discovered";
  if (name == "confidence") return to_string(mention.confidence);
  if (name == "rule") return mention.rule;
  return std::nullopt;
}

// ---- batches ----

// Runs work(0) ... work(count - 1) on up to `threads` threads (0: one per core), the calling
// thread included. `work` must not throw.
template <typename Work>
void run_parallel(std::size_t count, unsigned threads, const Work& work) {
  std::size_t wanted = threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
  wanted = std::min(wanted, count);
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) work(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(wanted);
  for (std::size_t t = 1; t < wanted; ++t) {
    try {
      pool.emplace_back(worker);
    } catch (const std::exception&) {
      break;  // no more threads to be had: the ones running (and this one) do the work
    }
  }
  worker();
  for (std::thread& thread : pool) thread.join();
}

}  // namespace

}  // namespace tifa::capi

// The entry points below only convert between C and the helpers above.
using namespace tifa::capi;

// ---- versions, status codes, strings ----

extern "C" {

int tifa_version(void) {
  return get("tifa_version", 0, [] {
    return TIFA_VERSION_MAJOR * 10000 + TIFA_VERSION_MINOR * 100 + TIFA_VERSION_PATCH;
  });
}

const char* tifa_version_string(void) {
  return get("tifa_version_string", TIFA_VERSION_STRING, [] { return TIFA_VERSION_STRING; });
}

const char* tifa_status_string(int status) {
  return get("tifa_status_string", "unknown", [status] {
    if (status == TIFA_OK) return "ok";
    if (status < TIFA_E_INTERNAL || status > 0) return "unknown";
    return tifa::to_string(static_cast<tifa::ErrorCode>(status));
  });
}

const char* tifa_last_error(void) { return last_error(); }

void tifa_string_free(char* s) {
  clear_error();
  std::free(s);
}

// ---- lexicons ----

int tifa_lexicon_builtin(tifa_lexicon** out) {
  return call("tifa_lexicon_builtin", [&] {
    reset(out);
    require(out, "out");
    *out = new tifa_lexicon{tifa::Lexicon::builtin()};
    return TIFA_OK;
  });
}

int tifa_lexicon_from_file(tifa_lexicon** out, const char* path) {
  return call("tifa_lexicon_from_file", [&] {
    reset(out);
    require(out, "out");
    require(path, "path");
    *out = new tifa_lexicon{tifa::Lexicon::from_file(path)};
    return TIFA_OK;
  });
}

int tifa_lexicon_from_buffer(tifa_lexicon** out, const char* data, size_t len,
                             const char* source_name) {
  return call("tifa_lexicon_from_buffer", [&] {
    reset(out);
    require(out, "out");
    const std::string_view text = bytes(data, len, "data");
    *out = new tifa_lexicon{tifa::Lexicon::from_buffer(
        text, tifa::LexiconFormat::kAuto, source_name != nullptr ? source_name : "<buffer>")};
    return TIFA_OK;
  });
}

int tifa_lexicon_merge(tifa_lexicon** out, const tifa_lexicon* base, const tifa_lexicon* overlay) {
  return call("tifa_lexicon_merge", [&] {
    reset(out);
    require(out, "out");
    require(base, "base");
    require(overlay, "overlay");
    *out = new tifa_lexicon{tifa::Lexicon::merged(base->lexicon, overlay->lexicon)};
    return TIFA_OK;
  });
}

size_t tifa_lexicon_size(const tifa_lexicon* lexicon) {
  return get("tifa_lexicon_size", std::size_t{0}, [&] {
    require(lexicon, "lexicon");
    return lexicon->lexicon.size();
  });
}

const char* tifa_lexicon_sha256(const tifa_lexicon* lexicon) {
  return get("tifa_lexicon_sha256", static_cast<const char*>(nullptr), [&] {
    require(lexicon, "lexicon");
    return lexicon->lexicon.sha256().c_str();
  });
}

void tifa_lexicon_free(tifa_lexicon* lexicon) {
  clear_error();
  delete lexicon;
}

// ---- configuration ----

int tifa_config_new(tifa_config** out) {
  return call("tifa_config_new", [&] {
    reset(out);
    require(out, "out");
    *out = new tifa_config{};
    return TIFA_OK;
  });
}

int tifa_config_set(tifa_config* config, const char* key, const char* value) {
  return call("tifa_config_set", [&] {
    require(config, "config");
    require(key, "key");
    require(value, "value");
    set_option(config->config, key, value);
    return TIFA_OK;
  });
}

int tifa_config_set_flags(tifa_config* config, tifa_u32 flags) {
  return call("tifa_config_set_flags", [&] {
    require(config, "config");
    set_flags(config->config.options, flags);
    return TIFA_OK;
  });
}

void tifa_config_free(tifa_config* config) {
  clear_error();
  delete config;
}

// ---- pipelines ----

int tifa_pipeline_new(tifa_pipeline** out, const tifa_lexicon* lexicon, const tifa_config* config) {
  return call("tifa_pipeline_new", [&] {
    reset(out);
    require(out, "out");
    const Config settings = config != nullptr ? config->config : Config{};
    const tifa::Options& options = settings.options;
    tifa::SentenceOptions sentence_options;  // as lib/pipeline.cpp sets them
    sentence_options.split_on_semicolon = options.split_on_semicolon;
    sentence_options.page_marker = options.page_marker;
    *out = new tifa_pipeline{
        tifa::Pipeline(options, lexicon != nullptr ? lexicon->lexicon : tifa::Lexicon::builtin()),
        tifa::SentenceSplitter(std::move(sentence_options)), settings.test_throw};
    return TIFA_OK;
  });
}

int tifa_pipeline_process(tifa_doc** out, const tifa_pipeline* pipeline, const char* data,
                          size_t len) {
  return call("tifa_pipeline_process", [&] {
    reset(out);
    require(out, "out");
    require(pipeline, "pipeline");
    return make_doc(out, run(*pipeline, bytes(data, len, "data"), tifa::Input{}));
  });
}

int tifa_pipeline_process_with(tifa_doc** out, const tifa_pipeline* pipeline, const char* data,
                               size_t len, const char* id, const char* format, const char* date) {
  return call("tifa_pipeline_process_with", [&] {
    reset(out);
    require(out, "out");
    require(pipeline, "pipeline");
    tifa::Input input;
    if (id != nullptr) input.id = id;
    if (format != nullptr) {
      const auto parsed = tifa::parse_format(format);
      if (!parsed) {
        invalid(std::string("format must be auto, hexo, jekyll, html, markdown or text, not \"") +
                format + "\"");
      }
      input.format = *parsed;
    }
    if (date != nullptr) input.date = date;
    return make_doc(out, run(*pipeline, bytes(data, len, "data"), input));
  });
}

int tifa_pipeline_split(tifa_doc** out, const tifa_pipeline* pipeline, const char* text,
                        size_t len) {
  return call("tifa_pipeline_split", [&] {
    reset(out);
    require(out, "out");
    require(pipeline, "pipeline");
    return make_doc(out, text_document(*pipeline, utf8_text(text, len)));
  });
}

int tifa_pipeline_find_slogans(tifa_doc** out, const tifa_pipeline* pipeline, const char* text,
                               size_t len) {
  return call("tifa_pipeline_find_slogans", [&] {
    reset(out);
    require(out, "out");
    require(pipeline, "pipeline");
    tifa::Document document = text_document(*pipeline, utf8_text(text, len));
    // No blocks: the recogniser takes the text's paragraphs (as `tifa slogans --no-clean`).
    pipeline->pipeline.recognizer().recognize(document);
    return make_doc(out, std::move(document));
  });
}

void tifa_pipeline_free(tifa_pipeline* pipeline) {
  clear_error();
  delete pipeline;
}

int tifa_pipeline_process_batch(const tifa_pipeline* pipeline, size_t count,
                                const char* const* data, const size_t* len, char** json,
                                int* status, unsigned threads) {
  return call("tifa_pipeline_process_batch", [&] {
    if (count == 0) return TIFA_OK;
    require(json, "json");
    require(status, "status");
    std::fill(json, json + count, nullptr);
    std::fill(status, status + count, TIFA_E_INTERNAL);
    require(pipeline, "pipeline");
    require(data, "data");
    require(len, "len");
    // Each document runs in its own firewall and writes only its own slots.
    run_parallel(count, threads, [&](std::size_t i) noexcept {
      status[i] = call("tifa_pipeline_process_batch", [&] {
        const tifa::Document document = run(*pipeline, bytes(data[i], len[i], "data[i]"), {});
        json[i] = owned_copy(tifa::to_json(document));
        return TIFA_OK;
      });
    });
    clear_error();  // this thread may have run documents; the call itself succeeded
    return TIFA_OK;
  });
}

// ---- documents ----

void tifa_doc_free(tifa_doc* doc) {
  clear_error();
  delete doc;
}

const char* tifa_doc_text(const tifa_doc* doc, size_t* len) {
  none(len);
  return get("tifa_doc_text", static_cast<const char*>(nullptr),
             [&] { return borrowed(doc_of(doc).text, len); });
}

const char* tifa_doc_meta(const tifa_doc* doc, const char* key, size_t* len) {
  none(len);
  return get("tifa_doc_meta", static_cast<const char*>(nullptr), [&]() -> const char* {
    require(key, "key");
    const auto value = meta_value(doc_of(doc), key);
    return value ? borrowed(*value, len) : nullptr;
  });
}

size_t tifa_doc_block_count(const tifa_doc* doc) {
  return get("tifa_doc_block_count", std::size_t{0}, [&] { return doc_of(doc).blocks.size(); });
}

int tifa_doc_block_at(const tifa_doc* doc, size_t index, size_t* begin, size_t* end, int* type) {
  put_span({}, begin, end);
  if (type != nullptr) *type = 0;
  return call("tifa_doc_block_at", [&] {
    const tifa::Block& block = at(doc_of(doc).blocks, index, "block");
    put_span(block.span, begin, end);
    if (type != nullptr) *type = static_cast<int>(block.type);
    return TIFA_OK;
  });
}

size_t tifa_doc_sentence_count(const tifa_doc* doc) {
  return get("tifa_doc_sentence_count", std::size_t{0},
             [&] { return doc_of(doc).sentences.size(); });
}

int tifa_doc_sentence_at(const tifa_doc* doc, size_t index, size_t* begin, size_t* end) {
  put_span({}, begin, end);
  return call("tifa_doc_sentence_at", [&] {
    put_span(at(doc_of(doc).sentences, index, "sentence").span, begin, end);
    return TIFA_OK;
  });
}

size_t tifa_doc_mention_count(const tifa_doc* doc) {
  return get("tifa_doc_mention_count", std::size_t{0},
             [&] { return doc_of(doc).mentions.size(); });
}

int tifa_doc_mention_at(const tifa_doc* doc, size_t index, size_t* begin, size_t* end) {
  put_span({}, begin, end);
  return call("tifa_doc_mention_at", [&] {
    put_span(at(doc_of(doc).mentions, index, "mention").span, begin, end);
    return TIFA_OK;
  });
}

const char* tifa_doc_mention_field(const tifa_doc* doc, size_t index, const char* field,
                                   size_t* len) {
  none(len);
  return get("tifa_doc_mention_field", static_cast<const char*>(nullptr), [&]() -> const char* {
    require(field, "field");
    const auto value = mention_value(at(doc_of(doc).mentions, index, "mention"), field);
    return value ? borrowed(*value, len) : nullptr;
  });
}

size_t tifa_doc_mention_member_count(const tifa_doc* doc, size_t index) {
  return get("tifa_doc_mention_member_count", std::size_t{0},
             [&] { return at(doc_of(doc).mentions, index, "mention").members.size(); });
}

int tifa_doc_mention_member_at(const tifa_doc* doc, size_t index, size_t member, size_t* begin,
                               size_t* end) {
  put_span({}, begin, end);
  return call("tifa_doc_mention_member_at", [&] {
    const tifa::Mention& mention = at(doc_of(doc).mentions, index, "mention");
    put_span(at(mention.members, member, "member"), begin, end);
    return TIFA_OK;
  });
}

size_t tifa_doc_warning_count(const tifa_doc* doc) {
  return get("tifa_doc_warning_count", std::size_t{0},
             [&] { return doc_of(doc).warnings.size(); });
}

int tifa_doc_source_offset(const tifa_doc* doc, size_t offset, size_t* input_offset) {
  if (input_offset != nullptr) *input_offset = 0;
  return call("tifa_doc_source_offset", [&] {
    require(input_offset, "input_offset");
    const tifa::Document& document = doc_of(doc);
    if (offset > document.text.size()) {
      invalid("offset " + std::to_string(offset) + " is past the end of the text (" +
              std::to_string(document.text.size()) + " bytes)");
    }
    *input_offset = document.raw_offset(offset);
    return TIFA_OK;
  });
}

int tifa_doc_to_json(char** out, size_t* len, const tifa_doc* doc) {
  reset(out);
  if (len != nullptr) *len = 0;
  return call("tifa_doc_to_json", [&] {
    require(out, "out");
    const std::string json = tifa::to_json(doc_of(doc));
    *out = owned_copy(json);
    if (len != nullptr) *len = json.size();
    return TIFA_OK;
  });
}

}  // extern "C"
