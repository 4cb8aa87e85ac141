/* embed.c: tifa from C through the stable C ABI, <tifa/tifa.h> (docs/install.md). Processes one
 * article and prints its title, date, sentence count, and each slogan with its canonical form and
 * confidence, as examples/embed.cpp does with the C++ API.
 *
 *   embed_c FILE
 *
 * Build it against an installed tifa:  cc embed.c $(pkg-config --cflags --libs tifa)
 * or in CMake with find_package(tifa CONFIG REQUIRED) and tifa::c.
 */
#include <tifa/tifa.h>

#include <stdio.h>
#include <stdlib.h>

/* Reads a whole file into a malloc'd buffer; NULL on failure. */
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *data = NULL;
  size_t size = 0, cap = 0, n;
  if (f == NULL) return NULL;
  for (;;) {
    if (size == cap) {
      char *grown;
      cap = cap ? cap * 2 : 65536;
      grown = (char *)realloc(data, cap);
      if (grown == NULL) break;
      data = grown;
    }
    n = fread(data + size, 1, cap - size, f);
    size += n;
    if (n == 0) break;
  }
  if (ferror(f) || size == cap) { /* a read error, or realloc failed */
    free(data);
    data = NULL;
  }
  fclose(f);
  *len = size;
  return data;
}

/* Prints a borrowed string of known length (it may contain NUL bytes). */
static void print_span(const char *text, size_t len) { fwrite(text, 1, len, stdout); }

static void print_meta(const tifa_doc *doc, const char *label, const char *key) {
  size_t len = 0;
  const char *value = tifa_doc_meta(doc, key, &len);
  printf("%s: ", label);
  if (value != NULL) print_span(value, len); else fputs("(none)", stdout);
  putchar('\n');
}

int main(int argc, char **argv) {
  tifa_pipeline *pipeline = NULL;
  tifa_doc *doc = NULL;
  char *data;
  size_t len = 0, i, count;
  const char *text;
  int status;

  if (argc != 2) {
    fputs("usage: embed_c FILE\n", stderr);
    return 64;
  }
  data = read_file(argv[1], &len);
  if (data == NULL) {
    fprintf(stderr, "embed_c: cannot read %s\n", argv[1]);
    return 66;
  }

  /* The built-in lexicon and default options. A pipeline is immutable: share it between threads. */
  status = tifa_pipeline_new(&pipeline, NULL, NULL);
  if (status != TIFA_OK) {
    fprintf(stderr, "embed_c: %s: %s\n", tifa_status_string(status), tifa_last_error());
    free(data);
    return 70;
  }
  status = tifa_pipeline_process(&doc, pipeline, data, len);
  free(data); /* the library copied what it keeps */
  if (status != TIFA_OK) {
    fprintf(stderr, "embed_c: %s: %s\n", tifa_status_string(status), tifa_last_error());
    tifa_pipeline_free(pipeline);
    return 65;
  }

  print_meta(doc, "title", "title");
  print_meta(doc, "date", "published_at");
  printf("sentences: %lu\n", (unsigned long)tifa_doc_sentence_count(doc));
  count = tifa_doc_mention_count(doc);
  printf("slogans: %lu\n", (unsigned long)count);
  text = tifa_doc_text(doc, NULL);
  for (i = 0; i < count; ++i) {
    size_t begin = 0, end = 0, canonical_len = 0, confidence_len = 0;
    const char *canonical, *confidence;
    if (tifa_doc_mention_at(doc, i, &begin, &end) != TIFA_OK) continue;
    canonical = tifa_doc_mention_field(doc, i, "canonical", &canonical_len);
    confidence = tifa_doc_mention_field(doc, i, "confidence", &confidence_len);
    fputs("  ", stdout);
    print_span(text + begin, end - begin); /* spans are bytes of the clean text */
    fputs(" -> ", stdout);
    if (canonical != NULL) print_span(canonical, canonical_len);
    fputs(" (", stdout);
    if (confidence != NULL) print_span(confidence, confidence_len);
    fputs(")\n", stdout);
  }

  tifa_doc_free(doc);
  tifa_pipeline_free(pipeline);
  return 0;
}
