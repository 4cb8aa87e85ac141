// Which vector instructions a scan may use, decided at run time: the library is built for plain
// x86-64 (SSE2), and a few hot byte scans (lib/input's UTF-8 check, island and pair scans, tag
// count; lib/slogans' prefilter) have a second build for newer CPUs, chosen by these tests.
// Shared by the stages like utf8.hpp: no state of ours (the compiler's runtime probes the CPU
// once per process; each answer is a load and a bit test).
#pragma once

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#include <immintrin.h>
#define TIFA_CPU_DISPATCH 1
// A function built for AVX2; it must only run after cpu_has_avx2() said yes. (Lambdas do not take
// the attribute over: such code is written as functions.)
#define TIFA_TARGET_AVX2 __attribute__((target("avx2")))
// The same for x86-64-v3 (AVX2, BMI1, BMI2); only after cpu_is_x86_64_v3() said yes.
#define TIFA_TARGET_X86_64_V3 __attribute__((target("avx2,bmi,bmi2")))
#else
#define TIFA_CPU_DISPATCH 0
#endif

namespace tifa::util {

inline bool cpu_has_avx2() noexcept {
#if TIFA_CPU_DISPATCH
  __builtin_cpu_init();  // needed when called before main() (static initialisers), harmless after
  return __builtin_cpu_supports("avx2");
#else
  return false;
#endif
}

inline bool cpu_is_x86_64_v3() noexcept {
#if TIFA_CPU_DISPATCH
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
#else
  return false;
#endif
}

}  // namespace tifa::util
