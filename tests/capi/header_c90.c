/* tifa.h compiles as C90 with -pedantic -Werror (spec/interfaces.md §1, header rules). */
#include <tifa/tifa.h>

int main(void) {
  tifa_u32 flags = TIFA_OPT_NO_SLOGANS | TIFA_OPT_NO_CAPTIONS;
  int version = TIFA_VERSION_MAJOR * 10000 + TIFA_VERSION_MINOR * 100 + TIFA_VERSION_PATCH;
  return flags == 0x101u && tifa_version() == version ? 0 : 1;
}
