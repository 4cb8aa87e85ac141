/* Target 7: the C API (capi/tifa.h) on raw bytes: tifa_pipeline_process, tifa_doc_to_json and
 * the frees, through libtifa.so. TIFA_E_INTERNAL ("a bug in tifa") is a finding; TIFA_E_LIMIT
 * cannot happen below the default max_input_bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tifa/tifa.h>

static tifa_pipeline *pipeline(void) {
  static tifa_pipeline *made = NULL;
  if (made == NULL && tifa_pipeline_new(&made, NULL, NULL) != TIFA_OK) {
    fprintf(stderr, "tifa_pipeline_new: %s\n", tifa_last_error());
    abort();
  }
  return made;
}

static void check(int status, const char *call) {
  if (status != TIFA_OK) {
    fprintf(stderr, "%s: %s (%s)\n", call, tifa_status_string(status), tifa_last_error());
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tifa_doc *doc = NULL;
  char *json = NULL;
  size_t len = 0;
  check(tifa_pipeline_process(&doc, pipeline(), (const char *)data, size), "tifa_pipeline_process");
  check(tifa_doc_to_json(&json, &len, doc), "tifa_doc_to_json");
  if (json == NULL || strlen(json) != len || len == 0 || json[0] != '{') {
    fprintf(stderr, "tifa_doc_to_json: bad output\n");
    abort();
  }
  tifa_string_free(json);
  tifa_doc_free(doc);
  return 0;
}
