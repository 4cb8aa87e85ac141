/* tifa.h: the stable C ABI of tifa (spec/interfaces.md §1).
 *
 * tifa turns Chinese policy news into research data: a clean document (text, blocks, metadata),
 * its sentences and the policy slogans it uses. This header is the only interface with a binary
 * compatibility promise; the C++ API (include/tifa/) has none.
 *
 * Conventions (docs/c-api.md):
 * - Handles are opaque. Every `_free` function accepts NULL.
 * - Fallible functions return an int status: TIFA_OK (0) or a negative TIFA_E_* code. Outputs are
 *   out-parameters placed first; on failure they are set to NULL (or 0). tifa_last_error() gives a
 *   message for the last failure on the calling thread.
 * - Input text is (const char *data, size_t len): len is the truth, no NUL terminator is needed,
 *   and the library copies what it keeps.
 * - Borrowed strings (const char * + size_t *len) live as long as the handle they come from; they
 *   are NUL-terminated for convenience, but may contain NUL bytes, so use the length. Owned strings
 *   (char **) are freed with tifa_string_free(), never with free().
 * - Spans are half-open [begin, end) UTF-8 byte offsets. Each function says which buffer they index:
 *   the document's clean text (tifa_doc_text) or the original input.
 * - Threads: lexicons, configs (once no longer modified) and pipelines are immutable and may be
 *   shared by any number of threads; a tifa_doc may be read from many threads at once;
 *   tifa_last_error() is per thread. There is no global state and no init call.
 * - No C++ exception ever crosses this interface.
 *
 * Stability: everything above the line "EXPERIMENTAL" keeps its ABI for the life of the SONAME
 * (libtifa.so.N). Declarations below it may change in any release.
 */
#ifndef TIFA_H
#define TIFA_H

#include <stddef.h>

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#include <stdint.h>
typedef uint32_t tifa_u32;
#elif defined(__cplusplus) && __cplusplus >= 201103L
#include <cstdint>
typedef std::uint32_t tifa_u32;
#else
typedef unsigned int tifa_u32; /* C89: 32 bits on every platform tifa supports */
#endif

#if defined(TIFA_STATIC)
#define TIFA_API
#elif defined(_WIN32)
#if defined(TIFA_BUILDING)
#define TIFA_API __declspec(dllexport)
#else
#define TIFA_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define TIFA_API __attribute__((visibility("default")))
#else
#define TIFA_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Versions. The API version below is the single source of truth (CMake reads it). The ABI version
 * is the SONAME number, kept apart: it changes only when the ABI check demands it.
 */
#define TIFA_VERSION_MAJOR 0
#define TIFA_VERSION_MINOR 1
#define TIFA_VERSION_PATCH 0
#define TIFA_VERSION_STRING "0.1.0"

/* The version of the library at run time as MAJOR * 10000 + MINOR * 100 + PATCH.
 * @since 0.1 */
TIFA_API int tifa_version(void);

/* The version of the library at run time, "MAJOR.MINOR.PATCH". Static storage; never NULL.
 * @since 0.1 */
TIFA_API const char *tifa_version_string(void);

/* ---------------------------------------------------------------------------------------------
 * Status codes. The values never change and are never reused.
 */
#define TIFA_OK 0
#define TIFA_E_INVALID_ARG (-1) /* a NULL handle or output, a bad option value, an index out of range */
#define TIFA_E_UTF8 (-2)        /* text that must be UTF-8 is not */
#define TIFA_E_ENCODING (-3)    /* an unknown encoding was forced */
#define TIFA_E_NOMEM (-4)       /* out of memory */
#define TIFA_E_IO (-5)          /* a file could not be read */
#define TIFA_E_PARSE (-6)       /* input that cannot be parsed at all */
#define TIFA_E_LIMIT (-7)       /* input over a configured limit (max_input_bytes) */
#define TIFA_E_LEXICON (-8)     /* a lexicon with errors; tifa_last_error() lists them */
#define TIFA_E_INTERNAL (-9)    /* a bug in tifa; please report it with tifa_last_error() */

/* A short static name of a status code ("ok", "invalid_argument", ...); "unknown" for other values.
 * @since 0.1 */
TIFA_API const char *tifa_status_string(int status);

/* The message of the last failed call on this thread, or "" when the last call succeeded. Every
 * other tifa_* call clears it on entry. The pointer stays valid until the next tifa_* call on this
 * thread; never NULL.
 * @since 0.1 */
TIFA_API const char *tifa_last_error(void);

/* Frees a string the library returned as owned (char **). NULL is allowed.
 * @since 0.1 */
TIFA_API void tifa_string_free(char *s);

/* ---------------------------------------------------------------------------------------------
 * Lexicons (docs/lexicon.md): the slogans a pipeline recognises.
 */
typedef struct tifa_lexicon tifa_lexicon;

/* The built-in lexicon (data/slogans.tsv compiled in). *out is owned by the caller: free it with
 * tifa_lexicon_free().
 * Errors: TIFA_E_INVALID_ARG (out is NULL), TIFA_E_NOMEM.
 * @since 0.1 */
TIFA_API int tifa_lexicon_builtin(tifa_lexicon **out);

/* Loads a lexicon file; the format follows the file name and first line (TSV, word list, quanteda
 * YAML). *out is owned by the caller.
 * Errors: TIFA_E_IO (unreadable), TIFA_E_LEXICON (every diagnostic in tifa_last_error(), one per
 * line), TIFA_E_INVALID_ARG, TIFA_E_NOMEM.
 * @since 0.1 */
TIFA_API int tifa_lexicon_from_file(tifa_lexicon **out, const char *path);

/* Loads a lexicon from memory (native TSV when the first non-comment line has a `canonical`
 * column, else a word list). `source_name` names the buffer in diagnostics (NULL: "<buffer>").
 * *out is owned by the caller.
 * Errors: TIFA_E_LEXICON, TIFA_E_INVALID_ARG, TIFA_E_NOMEM.
 * @since 0.1 */
TIFA_API int tifa_lexicon_from_buffer(tifa_lexicon **out, const char *data, size_t len,
                                      const char *source_name);

/* `overlay` layered over `base` (docs/lexicon.md, merging). Neither input is changed. *out is
 * owned by the caller.
 * Errors: TIFA_E_INVALID_ARG, TIFA_E_NOMEM.
 * @since 0.1 */
TIFA_API int tifa_lexicon_merge(tifa_lexicon **out, const tifa_lexicon *base,
                                const tifa_lexicon *overlay);

/* The number of entries; 0 for NULL.
 * @since 0.1 */
TIFA_API size_t tifa_lexicon_size(const tifa_lexicon *lexicon);

/* The SHA-256 of the lexicon's canonical form, 64 lowercase hex digits. Borrowed: lives as long as
 * the lexicon. NULL for a NULL lexicon.
 * @since 0.1 */
TIFA_API const char *tifa_lexicon_sha256(const tifa_lexicon *lexicon);

/* Frees a lexicon. Pipelines made from it keep their own copy. NULL is allowed.
 * @since 0.1 */
TIFA_API void tifa_lexicon_free(tifa_lexicon *lexicon);

/* ---------------------------------------------------------------------------------------------
 * Configuration: every option of the pipeline, by name (docs/c-api.md lists the keys). A new
 * option is a new key, never a new layout.
 */
typedef struct tifa_config tifa_config;

/* Switches, as bits of tifa_config_set_flags(). A bit that is set turns its switch on. */
#define TIFA_OPT_NO_SLOGANS ((tifa_u32)1u << 0)         /* do not recognise slogans */
#define TIFA_OPT_NO_DISCOVERY ((tifa_u32)1u << 1)       /* lexicon mentions only */
#define TIFA_OPT_NO_GAP_TOLERANCE ((tifa_u32)1u << 2)   /* no noise inside a slogan */
#define TIFA_OPT_NO_SENTENCES ((tifa_u32)1u << 3)       /* do not split sentences */
#define TIFA_OPT_SPLIT_ON_SEMICOLON ((tifa_u32)1u << 4) /* '；' ends a sentence */
#define TIFA_OPT_VERIFY ((tifa_u32)1u << 5)             /* check the invariants, warn on failure */
#define TIFA_OPT_NO_FULLWIDTH_PUNCT ((tifa_u32)1u << 6) /* keep ASCII punctuation (no P1, P2) */
#define TIFA_OPT_NO_IMAGES ((tifa_u32)1u << 7)          /* collect no images */
#define TIFA_OPT_NO_CAPTIONS ((tifa_u32)1u << 8)        /* no caption blocks in the text */

/* A configuration with every default. *out is owned by the caller: tifa_config_free().
 * Errors: TIFA_E_INVALID_ARG, TIFA_E_NOMEM.
 * @since 0.1 */
TIFA_API int tifa_config_new(tifa_config **out);

/* Sets an option by name to a value given as text, e.g. ("min_confidence", "high"),
 * ("format", "html"), ("encoding", "gb18030"), ("assume_offset", "+08:00"),
 * ("page_marker", "<PAGE_DIV>"), ("max_input_bytes", "1048576"). Booleans take "true"/"false".
 * The keys are the fields of tifa::Options; "test_throw" is a test hook (docs/c-api.md).
 * Errors: TIFA_E_INVALID_ARG (unknown key or bad value; tifa_last_error() says which).
 * @since 0.1 */
TIFA_API int tifa_config_set(tifa_config *config, const char *key, const char *value);

/* Sets the switches: `flags` is a combination of TIFA_OPT_* bits; every switch whose bit is clear
 * takes its default. Unknown bits are TIFA_E_INVALID_ARG.
 * @since 0.1 */
TIFA_API int tifa_config_set_flags(tifa_config *config, tifa_u32 flags);

/* Frees a configuration. NULL is allowed.
 * @since 0.1 */
TIFA_API void tifa_config_free(tifa_config *config);

/* ---------------------------------------------------------------------------------------------
 * Pipelines.
 */
typedef struct tifa_pipeline tifa_pipeline;
typedef struct tifa_doc tifa_doc;

/* A pipeline with `lexicon` (NULL: the built-in one) and `config` (NULL: defaults). Both are
 * copied; the caller may free them right after. *out is owned by the caller: tifa_pipeline_free().
 * A pipeline is immutable: share it between threads.
 * Errors: TIFA_E_INVALID_ARG (an option the pipeline rejects), TIFA_E_NOMEM.
 * @since 0.1 */
TIFA_API int tifa_pipeline_new(tifa_pipeline **out, const tifa_lexicon *lexicon,
                               const tifa_config *config);

/* Decodes, reads, cleans, splits and recognises one document given as bytes (any supported format
 * and encoding). *out is owned by the caller: tifa_doc_free(). Broken input still gives a document
 * with warnings.
 * Errors: TIFA_E_LIMIT (over max_input_bytes), TIFA_E_ENCODING (an unknown forced encoding),
 * TIFA_E_INVALID_ARG, TIFA_E_NOMEM, TIFA_E_INTERNAL.
 * @since 0.1 */
TIFA_API int tifa_pipeline_process(tifa_doc **out, const tifa_pipeline *pipeline, const char *data,
                                   size_t len);

/* As tifa_pipeline_process() with per-document hints, each NULL when not given: `id` (kept as the
 * document id), `format` ("hexo", "jekyll", "html", "markdown", "text"; beats the config), `date`
 * (the publication date when the document has none, e.g. "2022-01-09").
 * @since 0.1 */
TIFA_API int tifa_pipeline_process_with(tifa_doc **out, const tifa_pipeline *pipeline,
                                        const char *data, size_t len, const char *id,
                                        const char *format, const char *date);

/* Splits UTF-8 text as given (no cleaning) into sentences: the document's text is `text` itself and
 * its sentences index it; it has no blocks, mentions or metadata. *out is owned by the caller.
 * Errors: TIFA_E_UTF8, TIFA_E_INVALID_ARG, TIFA_E_NOMEM.
 * @since 0.1 */
TIFA_API int tifa_pipeline_split(tifa_doc **out, const tifa_pipeline *pipeline, const char *text,
                                 size_t len);

/* Recognises slogans in UTF-8 text as given (no cleaning): the document's text is `text` itself,
 * with its sentences and mentions. *out is owned by the caller.
 * Errors: TIFA_E_UTF8, TIFA_E_INVALID_ARG, TIFA_E_NOMEM.
 * @since 0.1 */
TIFA_API int tifa_pipeline_find_slogans(tifa_doc **out, const tifa_pipeline *pipeline,
                                        const char *text, size_t len);

/* Frees a pipeline. Documents it made stay valid. NULL is allowed.
 * @since 0.1 */
TIFA_API void tifa_pipeline_free(tifa_pipeline *pipeline);

/* ---------------------------------------------------------------------------------------------
 * Documents: read-only results. Index arguments out of range give TIFA_E_INVALID_ARG.
 */

/* Frees a document and every borrowed string it handed out. NULL is allowed.
 * @since 0.1 */
TIFA_API void tifa_doc_free(tifa_doc *doc);

/* The clean text (UTF-8). Borrowed; *len receives its length in bytes (len may be NULL).
 * @since 0.1 */
TIFA_API const char *tifa_doc_text(const tifa_doc *doc, size_t *len);

/* A metadata value by key: "id", "title", "original_title", "subtitle", "published_at" (ISO 8601
 * with offset), "published_date_local", "url", "publisher", "source_outlet", "editor", "format",
 * "encoding". Borrowed (len may be NULL); NULL when the value is unknown or the key is not one of
 * these.
 * @since 0.1 */
TIFA_API const char *tifa_doc_meta(const tifa_doc *doc, const char *key, size_t *len);

/* Blocks of the clean text, in order. tifa_doc_block_at gives the block's span (bytes of the clean
 * text) and its type: 0 title, 1 heading, 2 paragraph, 3 caption, 4 byline (begin, end and type
 * may be NULL). Counts are 0 for a NULL doc.
 * Errors: TIFA_E_INVALID_ARG (NULL doc, index out of range; the outputs are set to 0).
 * @since 0.1 */
TIFA_API size_t tifa_doc_block_count(const tifa_doc *doc);
TIFA_API int tifa_doc_block_at(const tifa_doc *doc, size_t index, size_t *begin, size_t *end,
                               int *type);

/* Sentences, in order; spans are bytes of the clean text. Errors as for blocks.
 * @since 0.1 */
TIFA_API size_t tifa_doc_sentence_count(const tifa_doc *doc);
TIFA_API int tifa_doc_sentence_at(const tifa_doc *doc, size_t index, size_t *begin, size_t *end);

/* Slogan mentions, in text order; spans are bytes of the clean text. Errors as for blocks.
 * @since 0.1 */
TIFA_API size_t tifa_doc_mention_count(const tifa_doc *doc);
TIFA_API int tifa_doc_mention_at(const tifa_doc *doc, size_t index, size_t *begin, size_t *end);

/* A field of a mention as text: "canonical", "slogan_id", "category" (NULL when discovered),
 * "kind" (lexicon, numeric, quoted, parallel), "origin" (lexicon, discovered), "confidence" (low,
 * medium, high), "rule" (L, D1 ... D9). Borrowed (len may be NULL); NULL for an unknown field or
 * index.
 * @since 0.1 */
TIFA_API const char *tifa_doc_mention_field(const tifa_doc *doc, size_t index, const char *field,
                                            size_t *len);

/* The members a mention's text states (spec/slogans.md §5), as spans of the clean text. Errors as
 * for blocks.
 * @since 0.1 */
TIFA_API size_t tifa_doc_mention_member_count(const tifa_doc *doc, size_t index);
TIFA_API int tifa_doc_mention_member_at(const tifa_doc *doc, size_t index, size_t member,
                                        size_t *begin, size_t *end);

/* The number of warnings the document collected (docs/cleaning.md).
 * @since 0.1 */
TIFA_API size_t tifa_doc_warning_count(const tifa_doc *doc);

/* The input byte offset that clean-text byte `offset` comes from (0 <= offset <= text length).
 * Errors: TIFA_E_INVALID_ARG (NULL doc or input_offset, offset past the end; *input_offset is set
 * to 0).
 * @since 0.1 */
TIFA_API int tifa_doc_source_offset(const tifa_doc *doc, size_t offset, size_t *input_offset);

/* The whole document as one line of JSON (spec/interfaces.md §3). *out is owned: free it with
 * tifa_string_free(). *len (may be NULL) receives its length.
 * Errors: TIFA_E_INVALID_ARG, TIFA_E_NOMEM.
 * @since 0.1 */
TIFA_API int tifa_doc_to_json(char **out, size_t *len, const tifa_doc *doc);

/* ---------------------------------------------------------------------------------------------
 * Batches: many documents per call, processed on `threads` threads (0: all cores). For each i,
 * json[i] receives the document's JSON (owned; tifa_string_free) or NULL, and status[i] its status;
 * a failed document does not stop the others (its message is not kept: process it alone to see
 * it). The call returns TIFA_OK when the arguments are usable, even if some documents failed.
 * Errors: TIFA_E_INVALID_ARG (a NULL array while count > 0), TIFA_E_NOMEM.
 * @since 0.1 */
TIFA_API int tifa_pipeline_process_batch(const tifa_pipeline *pipeline, size_t count,
                                         const char *const *data, const size_t *len, char **json,
                                         int *status, unsigned threads);

/* ---------------------------------------------------------------------------------------------
 * EXPERIMENTAL: below this line, declarations may change in any release.
 */

#ifdef __cplusplus
}
#endif

#endif /* TIFA_H */
