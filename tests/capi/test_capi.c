/* The C API from C (C99, tifa.h only).
 *
 *   test_capi EXPECTED SEED...
 *
 * Processes every seed through the C API, writes what it reports in the line format of
 * expected.cpp and compares it byte for byte with EXPECTED, which tifa_capi_expected wrote from
 * the C++ API. Then checks versions, every error path, the exception firewall (the "test_throw"
 * hook), NULL handling, lexicons and batches. Exits 0 when every check passes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tifa/tifa.h>

static int failures = 0;

static void check(int ok, const char *what, const char *file, int line) {
  if (!ok) {
    fprintf(stderr, "%s:%d: check failed: %s (last error: \"%s\")\n", file, line, what,
            tifa_last_error());
    ++failures;
  }
}
#define CHECK(cond) check((cond) != 0, #cond, __FILE__, __LINE__)

/* A failed call: the status, a non-empty message containing `part` (NULL: any). */
static void check_error(int status, int expected, const char *part, const char *what,
                        const char *file, int line) {
  const char *message = tifa_last_error();
  if (status != expected || message == NULL || message[0] == '\0' ||
      (part != NULL && strstr(message, part) == NULL)) {
    fprintf(stderr, "%s:%d: %s: status %d (%s), expected %d (%s); message \"%s\"%s%s\n", file, line,
            what, status, tifa_status_string(status), expected, tifa_status_string(expected),
            message ? message : "(null)", part ? ", expected to contain " : "", part ? part : "");
    ++failures;
  }
}
#define CHECK_ERROR(call, expected, part) \
  check_error((call), (expected), (part), #call, __FILE__, __LINE__)

/* ---- a growable buffer ---- */

typedef struct {
  char *data;
  size_t size;
  size_t capacity;
} buffer;

static void buf_put(buffer *b, const char *data, size_t len) {
  if (b->size + len + 1 > b->capacity) {
    size_t capacity = b->capacity ? b->capacity : 4096;
    while (capacity < b->size + len + 1) capacity *= 2;
    b->data = (char *)realloc(b->data, capacity);
    if (b->data == NULL) {
      fputs("out of memory\n", stderr);
      exit(1);
    }
    b->capacity = capacity;
  }
  memcpy(b->data + b->size, data, len);
  b->size += len;
  b->data[b->size] = '\0';
}

static void buf_printf(buffer *b, const char *format, ...) {
  char line[512];
  int n;
  va_list args;
  va_start(args, format);
  n = vsnprintf(line, sizeof line, format, args);
  va_end(args);
  if (n < 0 || (size_t)n >= sizeof line) {
    fputs("buf_printf: line too long\n", stderr);
    exit(1);
  }
  buf_put(b, line, (size_t)n);
}

/* The same escaping as expected.cpp: control bytes, space, '\\' and DEL as \xHH. */
static void put_string(buffer *b, const char *text, size_t len) {
  size_t i;
  for (i = 0; i < len; ++i) {
    unsigned char byte = (unsigned char)text[i];
    if (byte <= 0x20 || byte == '\\' || byte == 0x7F) {
      buf_printf(b, "\\x%02X", byte);
    } else {
      buf_put(b, text + i, 1);
    }
  }
}

static void put_optional(buffer *b, const char *value, size_t len) {
  buf_put(b, " ", 1);
  if (value == NULL) {
    buf_put(b, "-", 1);
  } else {
    put_string(b, value, len);
  }
}

static int read_file(const char *path, buffer *out) {
  char chunk[65536];
  size_t n;
  FILE *file = fopen(path, "rb");
  if (file == NULL) return 0;
  while ((n = fread(chunk, 1, sizeof chunk, file)) > 0) buf_put(out, chunk, n);
  fclose(file);
  buf_put(out, "", 0); /* an empty file still gets a buffer */
  return 1;
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

/* ---- the seeds, compared with the C++ API ---- */

static void put_meta(buffer *b, const tifa_doc *doc) {
  static const char *const keys[] = {"id", "title", "original_title", "subtitle", "published_at",
                                     "published_date_local", "url", "publisher", "source_outlet",
                                     "editor", "format", "encoding"};
  size_t i;
  for (i = 0; i < sizeof keys / sizeof keys[0]; ++i) {
    size_t len = 99;
    const char *value = tifa_doc_meta(doc, keys[i], &len);
    CHECK(value != NULL || len == 0);
    buf_printf(b, "meta %s", keys[i]);
    put_optional(b, value, len);
    buf_put(b, "\n", 1);
  }
}

static void put_field(buffer *b, const tifa_doc *doc, size_t index, const char *name) {
  size_t len = 0;
  const char *value = tifa_doc_mention_field(doc, index, name, &len);
  put_optional(b, value, len);
}

static void put_mentions(buffer *b, const tifa_doc *doc) {
  size_t count = tifa_doc_mention_count(doc);
  size_t i, m;
  buf_printf(b, "mentions %zu\n", count);
  for (i = 0; i < count; ++i) {
    size_t begin = 0, end = 0;
    CHECK(tifa_doc_mention_at(doc, i, &begin, &end) == TIFA_OK);
    buf_printf(b, "mention %zu %zu", begin, end);
    put_field(b, doc, i, "canonical");
    put_field(b, doc, i, "slogan_id");
    put_field(b, doc, i, "category");
    put_field(b, doc, i, "kind");
    put_field(b, doc, i, "origin");
    put_field(b, doc, i, "confidence");
    put_field(b, doc, i, "rule");
    buf_put(b, "\n", 1);
    for (m = 0; m < tifa_doc_mention_member_count(doc, i); ++m) {
      CHECK(tifa_doc_mention_member_at(doc, i, m, &begin, &end) == TIFA_OK);
      buf_printf(b, "member %zu %zu\n", begin, end);
    }
  }
}

static void put_document(buffer *b, const tifa_doc *doc) {
  size_t len = 0, count, i, begin, end, raw;
  int type = -1;
  char *json = NULL;
  CHECK(tifa_doc_text(doc, &len) != NULL);
  buf_printf(b, "text_bytes %zu\n", len);
  put_meta(b, doc);
  count = tifa_doc_block_count(doc);
  buf_printf(b, "blocks %zu\n", count);
  for (i = 0; i < count; ++i) {
    CHECK(tifa_doc_block_at(doc, i, &begin, &end, &type) == TIFA_OK);
    buf_printf(b, "block %zu %zu %d\n", begin, end, type);
  }
  count = tifa_doc_sentence_count(doc);
  buf_printf(b, "sentences %zu\n", count);
  for (i = 0; i < count; ++i) {
    CHECK(tifa_doc_sentence_at(doc, i, &begin, &end) == TIFA_OK);
    CHECK(tifa_doc_source_offset(doc, begin, &raw) == TIFA_OK);
    buf_printf(b, "sentence %zu %zu %zu\n", begin, end, raw);
  }
  put_mentions(b, doc);
  buf_printf(b, "warnings %zu\n", tifa_doc_warning_count(doc));
  CHECK(tifa_doc_to_json(&json, &len, doc) == TIFA_OK);
  CHECK(json != NULL && strlen(json) == len);
  buf_put(b, "json ", 5);
  buf_put(b, json ? json : "", json ? len : 0);
  buf_put(b, "\n", 1);
  tifa_string_free(json);
}

/* The clean text as plain text: tifa_pipeline_split and tifa_pipeline_find_slogans. */
static void put_plain_text(buffer *b, const tifa_pipeline *pipeline, const tifa_doc *doc) {
  size_t len = 0, count, i, begin, end;
  const char *text = tifa_doc_text(doc, &len);
  tifa_doc *split = NULL, *found = NULL;
  CHECK(tifa_pipeline_split(&split, pipeline, text, len) == TIFA_OK);
  count = tifa_doc_sentence_count(split);
  buf_printf(b, "split %zu\n", count);
  for (i = 0; i < count; ++i) {
    CHECK(tifa_doc_sentence_at(split, i, &begin, &end) == TIFA_OK);
    buf_printf(b, "s %zu %zu\n", begin, end);
  }
  CHECK(tifa_doc_mention_count(split) == 0 && tifa_doc_block_count(split) == 0);
  CHECK(tifa_pipeline_find_slogans(&found, pipeline, text, len) == TIFA_OK);
  count = tifa_doc_mention_count(found);
  buf_printf(b, "find %zu\n", count);
  for (i = 0; i < count; ++i) {
    CHECK(tifa_doc_mention_at(found, i, &begin, &end) == TIFA_OK);
    buf_printf(b, "m %zu %zu", begin, end);
    put_field(b, found, i, "canonical");
    buf_put(b, "\n", 1);
  }
  tifa_doc_free(split);
  tifa_doc_free(found);
}

/* The length of the line at `text`, at most 300 bytes (for messages). */
static int line_length(const char *text) {
  size_t n = strcspn(text, "\n");
  return n < 300 ? (int)n : 300;
}

/* Reports the first line where `got` and `expected` differ. */
static void compare(const char *got, const char *expected) {
  size_t line = 1;
  const char *g = got, *e = expected;
  while (*g != '\0' && *g == *e) {
    if (*g == '\n') {
      ++line;
      got = g + 1;
      expected = e + 1;
    }
    ++g;
    ++e;
  }
  if (*g == *e) return;
  fprintf(stderr, "seeds: the C API differs from the C++ API at line %zu\n  C:   %.*s\n  C++: %.*s\n",
          line, line_length(got), got, line_length(expected), expected);
  ++failures;
}

static void test_seeds(const char *expected_path, int count, char **seeds) {
  buffer got = {NULL, 0, 0}, expected = {NULL, 0, 0}, input = {NULL, 0, 0};
  tifa_pipeline *pipeline = NULL;
  int i;
  CHECK(tifa_pipeline_new(&pipeline, NULL, NULL) == TIFA_OK);
  for (i = 0; i < count; ++i) {
    tifa_doc *doc = NULL;
    input.size = 0;
    if (!read_file(seeds[i], &input)) {
      fprintf(stderr, "cannot read %s\n", seeds[i]);
      ++failures;
      continue;
    }
    CHECK(tifa_pipeline_process_with(&doc, pipeline, input.data, input.size, base_name(seeds[i]),
                                     NULL, NULL) == TIFA_OK);
    CHECK(tifa_doc_mention_count(doc) > 0);
    buf_printf(&got, "doc %s\n", base_name(seeds[i]));
    put_document(&got, doc);
    put_plain_text(&got, pipeline, doc);
    tifa_doc_free(doc);
  }
  if (!read_file(expected_path, &expected)) {
    fprintf(stderr, "cannot read %s\n", expected_path);
    ++failures;
  } else {
    compare(got.data, expected.data);
  }
  tifa_pipeline_free(pipeline);
  free(got.data);
  free(expected.data);
  free(input.data);
}

/* ---- versions, status codes ---- */

static void test_versions(void) {
  char text[32];
  sprintf(text, "%d.%d.%d", TIFA_VERSION_MAJOR, TIFA_VERSION_MINOR, TIFA_VERSION_PATCH);
  CHECK(tifa_version() == TIFA_VERSION_MAJOR * 10000 + TIFA_VERSION_MINOR * 100 + TIFA_VERSION_PATCH);
  CHECK(strcmp(tifa_version_string(), TIFA_VERSION_STRING) == 0);
  CHECK(strcmp(text, TIFA_VERSION_STRING) == 0);
  CHECK(strcmp(tifa_status_string(TIFA_OK), "ok") == 0);
  CHECK(strcmp(tifa_status_string(TIFA_E_INVALID_ARG), "invalid_argument") == 0);
  CHECK(strcmp(tifa_status_string(TIFA_E_LEXICON), "lexicon") == 0);
  CHECK(strcmp(tifa_status_string(TIFA_E_INTERNAL), "internal") == 0);
  CHECK(strcmp(tifa_status_string(-100), "unknown") == 0);
  CHECK(strcmp(tifa_status_string(1), "unknown") == 0);
}

/* ---- errors ---- */

static void test_null_arguments(void) {
  tifa_pipeline *pipeline = NULL;
  tifa_lexicon *lexicon = (tifa_lexicon *)&failures; /* not NULL: must be reset */
  tifa_doc *doc = (tifa_doc *)&failures;
  tifa_config *config = NULL;
  char *json = (char *)&failures;
  size_t len = 7, begin = 7, end = 7;
  int type = 7;

  CHECK_ERROR(tifa_lexicon_builtin(NULL), TIFA_E_INVALID_ARG, "out");
  CHECK_ERROR(tifa_lexicon_from_file(&lexicon, NULL), TIFA_E_INVALID_ARG, "path");
  CHECK(lexicon == NULL);
  CHECK_ERROR(tifa_lexicon_from_buffer(&lexicon, NULL, 3, NULL), TIFA_E_INVALID_ARG, "data");
  CHECK_ERROR(tifa_lexicon_merge(&lexicon, NULL, NULL), TIFA_E_INVALID_ARG, "base");
  CHECK(tifa_lexicon_size(NULL) == 0 && tifa_lexicon_sha256(NULL) == NULL);
  CHECK_ERROR(tifa_config_new(NULL), TIFA_E_INVALID_ARG, "out");
  CHECK_ERROR(tifa_config_set(NULL, "format", "html"), TIFA_E_INVALID_ARG, "config");
  CHECK_ERROR(tifa_config_set_flags(NULL, 0), TIFA_E_INVALID_ARG, "config");
  CHECK_ERROR(tifa_pipeline_new(NULL, NULL, NULL), TIFA_E_INVALID_ARG, "out");
  CHECK_ERROR(tifa_pipeline_process(&doc, NULL, "x", 1), TIFA_E_INVALID_ARG, "pipeline");
  CHECK(doc == NULL);

  CHECK(tifa_pipeline_new(&pipeline, NULL, NULL) == TIFA_OK);
  CHECK(tifa_config_new(&config) == TIFA_OK);
  CHECK_ERROR(tifa_config_set(config, NULL, "x"), TIFA_E_INVALID_ARG, "key");
  CHECK_ERROR(tifa_config_set(config, "format", NULL), TIFA_E_INVALID_ARG, "value");
  CHECK_ERROR(tifa_pipeline_process(NULL, pipeline, "x", 1), TIFA_E_INVALID_ARG, "out");
  CHECK_ERROR(tifa_pipeline_process(&doc, pipeline, NULL, 1), TIFA_E_INVALID_ARG, "data");
  CHECK_ERROR(tifa_pipeline_process_with(&doc, pipeline, "x", 1, NULL, "pdf", NULL),
              TIFA_E_INVALID_ARG, "format");
  CHECK_ERROR(tifa_pipeline_split(&doc, NULL, "x", 1), TIFA_E_INVALID_ARG, "pipeline");
  CHECK_ERROR(tifa_pipeline_find_slogans(&doc, pipeline, NULL, 1), TIFA_E_INVALID_ARG, "text");
  CHECK_ERROR(tifa_doc_to_json(&json, &len, NULL), TIFA_E_INVALID_ARG, "doc");
  CHECK(json == NULL && len == 0);
  CHECK_ERROR(tifa_doc_block_at(NULL, 0, &begin, &end, &type), TIFA_E_INVALID_ARG, "doc");
  CHECK(begin == 0 && end == 0 && type == 0);
  CHECK_ERROR(tifa_doc_sentence_at(NULL, 0, &begin, &end), TIFA_E_INVALID_ARG, "doc");
  CHECK_ERROR(tifa_doc_mention_at(NULL, 0, &begin, &end), TIFA_E_INVALID_ARG, "doc");
  CHECK_ERROR(tifa_doc_mention_member_at(NULL, 0, 0, &begin, &end), TIFA_E_INVALID_ARG, "doc");
  CHECK_ERROR(tifa_doc_source_offset(NULL, 0, &begin), TIFA_E_INVALID_ARG, "doc");
  CHECK(tifa_doc_text(NULL, &len) == NULL && len == 0);
  CHECK(tifa_last_error()[0] != '\0');
  CHECK(tifa_doc_meta(NULL, "title", &len) == NULL && len == 0);
  CHECK(tifa_doc_mention_field(NULL, 0, "canonical", NULL) == NULL);
  CHECK(tifa_doc_block_count(NULL) == 0 && tifa_doc_sentence_count(NULL) == 0);
  CHECK(tifa_doc_mention_count(NULL) == 0 && tifa_doc_warning_count(NULL) == 0);
  CHECK(tifa_doc_mention_member_count(NULL, 0) == 0);
  CHECK_ERROR(tifa_pipeline_process_batch(pipeline, 1, NULL, NULL, NULL, NULL, 1),
              TIFA_E_INVALID_ARG, "json");

  /* Every _free accepts NULL. */
  tifa_string_free(NULL);
  tifa_lexicon_free(NULL);
  tifa_config_free(NULL);
  tifa_pipeline_free(NULL);
  tifa_doc_free(NULL);
  /* A successful call clears the last error. */
  CHECK(tifa_pipeline_process(&doc, pipeline, NULL, 0) == TIFA_OK);
  CHECK(strcmp(tifa_last_error(), "") == 0);
  CHECK(tifa_doc_text(doc, &len) != NULL && len == 0);
  tifa_doc_free(doc);
  tifa_config_free(config);
  tifa_pipeline_free(pipeline);
}

static void test_config(void) {
  static const char *const good[][2] = {
      {"format", "html"}, {"encoding", "gb18030"}, {"fullwidth_punct", "false"},
      {"cjk_space_repair", "all"}, {"title_wrap_repair", "false"}, {"page_marker", "<PAGE>"},
      {"bylines", "block"}, {"meta_from_comments", "false"}, {"main_content", "off"},
      {"images", "false"}, {"captions", "false"}, {"tables", "drop"}, {"assume_offset", "-05:00"},
      {"reference_time", "2022-01-09T13:39:16+08:00"}, {"max_input_bytes", "1048576"},
      {"verify", "true"}, {"sentences", "false"}, {"split_on_semicolon", "true"},
      {"slogans", "false"}, {"min_confidence", "0.7"}, {"discovery", "false"},
      {"gap_tolerance", "false"}, {"test_throw", ""}};
  static const char *const bad[][2] = {
      {"format", "pdf"}, {"fullwidth_punct", "yes"}, {"cjk_space_repair", "some"},
      {"bylines", "x"}, {"main_content", "on"}, {"tables", "cols"}, {"assume_offset", "8"},
      {"reference_time", "yesterday"}, {"max_input_bytes", "0"}, {"max_input_bytes", "12x"},
      {"min_confidence", "2"}, {"encoding", ""}, {"test_throw", "segfault"}};
  tifa_config *config = NULL;
  tifa_pipeline *pipeline = NULL;
  tifa_doc *doc = NULL;
  size_t i;
  CHECK(tifa_config_new(&config) == TIFA_OK);
  for (i = 0; i < sizeof good / sizeof good[0]; ++i) {
    CHECK(tifa_config_set(config, good[i][0], good[i][1]) == TIFA_OK);
  }
  for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    CHECK_ERROR(tifa_config_set(config, bad[i][0], bad[i][1]), TIFA_E_INVALID_ARG, bad[i][0]);
  }
  CHECK_ERROR(tifa_config_set(config, "no_such_option", "1"), TIFA_E_INVALID_ARG, "no_such_option");
  CHECK(tifa_config_set_flags(config, TIFA_OPT_NO_SLOGANS | TIFA_OPT_NO_CAPTIONS) == TIFA_OK);
  CHECK_ERROR(tifa_config_set_flags(config, (tifa_u32)1u << 20), TIFA_E_INVALID_ARG, "bits");
  tifa_config_free(config);

  /* Flags take effect: no slogans, no sentences. */
  CHECK(tifa_config_new(&config) == TIFA_OK);
  CHECK(tifa_config_set_flags(config, TIFA_OPT_NO_SLOGANS | TIFA_OPT_NO_SENTENCES) == TIFA_OK);
  CHECK(tifa_pipeline_new(&pipeline, NULL, config) == TIFA_OK);
  tifa_config_free(config); /* the pipeline keeps its own copy */
  CHECK(tifa_pipeline_process(&doc, pipeline, "坚决做到两个维护。\n", 28) == TIFA_OK);
  CHECK(tifa_doc_mention_count(doc) == 0 && tifa_doc_sentence_count(doc) == 0);
  tifa_doc_free(doc);
  tifa_pipeline_free(pipeline);

  /* Limits and encodings are reported by processing. */
  CHECK(tifa_config_new(&config) == TIFA_OK);
  CHECK(tifa_config_set(config, "max_input_bytes", "4") == TIFA_OK);
  CHECK(tifa_pipeline_new(&pipeline, NULL, config) == TIFA_OK);
  CHECK_ERROR(tifa_pipeline_process(&doc, pipeline, "12345", 5), TIFA_E_LIMIT, NULL);
  CHECK(doc == NULL);
  tifa_pipeline_free(pipeline);
  CHECK(tifa_config_set(config, "max_input_bytes", "100") == TIFA_OK);
  CHECK(tifa_config_set(config, "encoding", "no-such-encoding") == TIFA_OK);
  CHECK(tifa_pipeline_new(&pipeline, NULL, config) == TIFA_OK);
  CHECK_ERROR(tifa_pipeline_process(&doc, pipeline, "12345", 5), TIFA_E_ENCODING, NULL);
  tifa_pipeline_free(pipeline);
  /* An option the pipeline rejects: a page marker with a space. */
  CHECK(tifa_config_set(config, "page_marker", "a b") == TIFA_OK);
  CHECK_ERROR(tifa_pipeline_new(&pipeline, NULL, config), TIFA_E_INVALID_ARG, NULL);
  CHECK(pipeline == NULL);
  tifa_config_free(config);
}

/* The exception firewall: each kind of exception thrown inside tifa_pipeline_process becomes a
 * status and a message, and the process goes on. */
static void test_firewall(void) {
  static const struct {
    const char *kind;
    int status;
    const char *message;
  } cases[] = {{"runtime_error", TIFA_E_INTERNAL, "test_throw: runtime_error"},
               {"bad_alloc", TIFA_E_NOMEM, "out of memory"},
               {"unknown", TIFA_E_INTERNAL, "unknown type"},
               {"tifa_error", TIFA_E_PARSE, "test_throw: tifa_error"}};
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
    tifa_config *config = NULL;
    tifa_pipeline *pipeline = NULL;
    tifa_doc *doc = (tifa_doc *)&failures;
    const char *data[1] = {"x"};
    size_t len[1] = {1};
    char *json[1] = {NULL};
    int status[1] = {0};
    CHECK(tifa_config_new(&config) == TIFA_OK);
    CHECK(tifa_config_set(config, "test_throw", cases[i].kind) == TIFA_OK);
    CHECK(tifa_pipeline_new(&pipeline, NULL, config) == TIFA_OK);
    CHECK_ERROR(tifa_pipeline_process(&doc, pipeline, "x", 1), cases[i].status, cases[i].message);
    CHECK(doc == NULL);
    CHECK(tifa_pipeline_process_batch(pipeline, 1, data, len, json, status, 1) == TIFA_OK);
    CHECK(json[0] == NULL && status[0] == cases[i].status);
    tifa_pipeline_free(pipeline);
    tifa_config_free(config);
  }
}

static void test_lexicons(const char *missing_path) {
  static const char tsv[] = "canonical\tcategory\n两个维护\tparty-building\n共同富裕\teconomy\n";
  static const char bad[] = "canonical\tfirst_year\n两个维护\tabc\n";
  tifa_lexicon *builtin = NULL, *mine = NULL, *merged = NULL, *broken = (tifa_lexicon *)&failures;
  const char *sha;
  CHECK(tifa_lexicon_builtin(&builtin) == TIFA_OK);
  CHECK(tifa_lexicon_size(builtin) > 100);
  sha = tifa_lexicon_sha256(builtin);
  CHECK(sha != NULL && strlen(sha) == 64 && strspn(sha, "0123456789abcdef") == 64);
  CHECK(tifa_lexicon_from_buffer(&mine, tsv, sizeof tsv - 1, "mine.tsv") == TIFA_OK);
  CHECK(tifa_lexicon_size(mine) == 2);
  CHECK(tifa_lexicon_merge(&merged, builtin, mine) == TIFA_OK);
  CHECK(tifa_lexicon_size(merged) >= tifa_lexicon_size(builtin));

  /* Every diagnostic, naming the source and the line. */
  CHECK_ERROR(tifa_lexicon_from_buffer(&broken, bad, sizeof bad - 1, "broken.tsv"), TIFA_E_LEXICON,
              "broken.tsv:2:");
  CHECK(broken == NULL);
  CHECK(strstr(tifa_last_error(), "E_YEAR") != NULL);
  CHECK_ERROR(tifa_lexicon_from_file(&broken, missing_path), TIFA_E_IO, NULL);

  tifa_lexicon_free(builtin);
  tifa_lexicon_free(mine);
  tifa_lexicon_free(merged);
}

static void test_documents(void) {
  static const char text[] = "要坚决做到“两个维护”。推进共同富裕！";
  static const char invalid_utf8[] = "abc\xC3(";
  tifa_pipeline *pipeline = NULL;
  tifa_doc *doc = NULL;
  size_t begin = 0, end = 0, len = 0, raw = 9;
  CHECK(tifa_pipeline_new(&pipeline, NULL, NULL) == TIFA_OK);
  CHECK_ERROR(tifa_pipeline_split(&doc, pipeline, invalid_utf8, sizeof invalid_utf8 - 1),
              TIFA_E_UTF8, "UTF-8");
  CHECK_ERROR(tifa_pipeline_find_slogans(&doc, pipeline, invalid_utf8, sizeof invalid_utf8 - 1),
              TIFA_E_UTF8, NULL);
  CHECK(doc == NULL);

  CHECK(tifa_pipeline_find_slogans(&doc, pipeline, text, sizeof text - 1) == TIFA_OK);
  CHECK(tifa_doc_text(doc, &len) != NULL && len == sizeof text - 1);
  CHECK(tifa_doc_sentence_count(doc) == 2);
  CHECK(tifa_doc_mention_count(doc) >= 1);
  CHECK(tifa_doc_mention_at(doc, 0, &begin, &end) == TIFA_OK);
  CHECK(end - begin == 12 && memcmp(text + begin, "两个维护", 12) == 0);
  CHECK(tifa_doc_mention_field(doc, 0, "no_such_field", &len) == NULL && len == 0);
  CHECK(tifa_doc_meta(doc, "no_such_key", NULL) == NULL);
  CHECK_ERROR(tifa_doc_mention_at(doc, 99, &begin, &end), TIFA_E_INVALID_ARG, "out of range");
  CHECK(begin == 0 && end == 0);
  CHECK_ERROR(tifa_doc_sentence_at(doc, 2, NULL, NULL), TIFA_E_INVALID_ARG, "out of range");
  CHECK(tifa_doc_mention_field(doc, 99, "canonical", NULL) == NULL);
  CHECK(tifa_last_error()[0] != '\0');
  CHECK(tifa_doc_source_offset(doc, sizeof text - 1, &raw) == TIFA_OK);
  CHECK_ERROR(tifa_doc_source_offset(doc, sizeof text, &raw), TIFA_E_INVALID_ARG, "past the end");
  CHECK(raw == 0);
  tifa_doc_free(doc);
  tifa_pipeline_free(pipeline);
}

/* A batch gives the same JSON as one call per document, on any number of threads. */
static void test_batch(int count, char **seeds) {
  tifa_pipeline *pipeline = NULL;
  buffer inputs[16];
  const char *data[17];
  size_t len[17];
  char *json[17];
  int status[17];
  unsigned threads;
  int i, n = count < 16 ? count : 16;
  CHECK(tifa_pipeline_new(&pipeline, NULL, NULL) == TIFA_OK);
  for (i = 0; i < n; ++i) {
    inputs[i].data = NULL;
    inputs[i].size = inputs[i].capacity = 0;
    CHECK(read_file(seeds[i], &inputs[i]));
    data[i] = inputs[i].data;
    len[i] = inputs[i].size;
  }
  data[n] = NULL; /* a bad slot fails alone */
  len[n] = 1;
  for (threads = 0; threads <= 3; ++threads) {
    CHECK(tifa_pipeline_process_batch(pipeline, (size_t)n + 1, data, len, json, status, threads) ==
          TIFA_OK);
    CHECK(strcmp(tifa_last_error(), "") == 0);
    CHECK(status[n] == TIFA_E_INVALID_ARG && json[n] == NULL);
    for (i = 0; i < n; ++i) {
      tifa_doc *doc = NULL;
      char *one = NULL;
      CHECK(status[i] == TIFA_OK && json[i] != NULL);
      CHECK(tifa_pipeline_process(&doc, pipeline, data[i], len[i]) == TIFA_OK);
      CHECK(tifa_doc_to_json(&one, NULL, doc) == TIFA_OK);
      CHECK(one != NULL && json[i] != NULL && strcmp(one, json[i]) == 0);
      tifa_string_free(one);
      tifa_string_free(json[i]);
      tifa_doc_free(doc);
    }
  }
  CHECK(tifa_pipeline_process_batch(pipeline, 0, NULL, NULL, NULL, NULL, 0) == TIFA_OK);
  for (i = 0; i < n; ++i) free(inputs[i].data);
  tifa_pipeline_free(pipeline);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fputs("usage: test_capi EXPECTED SEED...\n", stderr);
    return 2;
  }
  test_versions();
  test_seeds(argv[1], argc - 2, argv + 2);
  test_null_arguments();
  test_config();
  test_firewall();
  test_lexicons("/nonexistent/tifa-test/lexicon.tsv");
  test_documents();
  test_batch(argc - 2, argv + 2);
  if (failures != 0) {
    fprintf(stderr, "test_capi: %d check(s) failed\n", failures);
    return 1;
  }
  printf("test_capi: all checks passed (%d seeds)\n", argc - 2);
  return 0;
}
