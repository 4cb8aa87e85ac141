// tifa.h compiles as C++ (the extern "C" guard; no C++ type in it) and links from C++.
#include <tifa/tifa.h>

#include <cstring>
#include <type_traits>

static_assert(std::is_same_v<tifa_u32, std::uint32_t>);

// The values of the macros are ABI too, but abidiff cannot see macros: they are pinned here.
static_assert(TIFA_OK == 0 && TIFA_E_INVALID_ARG == -1 && TIFA_E_UTF8 == -2 &&
              TIFA_E_ENCODING == -3 && TIFA_E_NOMEM == -4 && TIFA_E_IO == -5 &&
              TIFA_E_PARSE == -6 && TIFA_E_LIMIT == -7 && TIFA_E_LEXICON == -8 &&
              TIFA_E_INTERNAL == -9);
static_assert(TIFA_OPT_NO_SLOGANS == 0x1 && TIFA_OPT_NO_DISCOVERY == 0x2 &&
              TIFA_OPT_NO_GAP_TOLERANCE == 0x4 && TIFA_OPT_NO_SENTENCES == 0x8 &&
              TIFA_OPT_SPLIT_ON_SEMICOLON == 0x10 && TIFA_OPT_VERIFY == 0x20 &&
              TIFA_OPT_NO_FULLWIDTH_PUNCT == 0x40 && TIFA_OPT_NO_IMAGES == 0x80 &&
              TIFA_OPT_NO_CAPTIONS == 0x100);

int main() {
  tifa_pipeline* pipeline = nullptr;
  if (tifa_pipeline_new(&pipeline, nullptr, nullptr) != TIFA_OK) return 1;
  tifa_doc* doc = nullptr;
  const int status = tifa_pipeline_process(&doc, pipeline, "x", 1);
  const bool ok = status == TIFA_OK && std::strcmp(tifa_version_string(), TIFA_VERSION_STRING) == 0;
  tifa_doc_free(doc);
  tifa_pipeline_free(pipeline);
  return ok ? 0 : 1;
}
