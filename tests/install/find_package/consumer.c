/* Links tifa::c (libtifa.so) from an installed tree; tests/install/run_consumers.sh also builds
 * it with pkg-config. Processes a seed, prints its title and mention count. */
#include <tifa/tifa.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  static char data[1 << 20];
  size_t len, title_len = 0;
  const char *title;
  tifa_pipeline *pipeline = NULL;
  tifa_doc *doc = NULL;
  FILE *f;
  int status;

  if (argc != 2) {
    fputs("usage: consumer_c FILE\n", stderr);
    return 64;
  }
  /* The header and the library must agree. */
  if (strcmp(tifa_version_string(), TIFA_VERSION_STRING) != 0) {
    fprintf(stderr, "consumer_c: header %s, library %s\n", TIFA_VERSION_STRING,
            tifa_version_string());
    return 1;
  }
  f = fopen(argv[1], "rb");
  if (f == NULL) {
    fprintf(stderr, "consumer_c: cannot read %s\n", argv[1]);
    return 66;
  }
  len = fread(data, 1, sizeof data, f);
  fclose(f);

  status = tifa_pipeline_new(&pipeline, NULL, NULL);
  if (status == TIFA_OK) status = tifa_pipeline_process(&doc, pipeline, data, len);
  if (status != TIFA_OK) {
    fprintf(stderr, "consumer_c: %s: %s\n", tifa_status_string(status), tifa_last_error());
    tifa_pipeline_free(pipeline);
    return 1;
  }
  title = tifa_doc_meta(doc, "title", &title_len);
  printf("version: %s\n", tifa_version_string());
  printf("title: %.*s\n", title != NULL ? (int)title_len : 0, title != NULL ? title : "");
  printf("mentions: %lu\n", (unsigned long)tifa_doc_mention_count(doc));
  status = tifa_doc_mention_count(doc) > 0 ? 0 : 1;
  tifa_doc_free(doc);
  tifa_pipeline_free(pipeline);
  return status;
}
