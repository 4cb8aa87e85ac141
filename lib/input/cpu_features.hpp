// Which vector instructions the byte scans of lib/input may use, decided at run time: the
// library is built for plain x86-64 (SSE2), and the widest scans (UTF-8 check, island hints,
// comment search) go twice as far per step with AVX2 where the CPU has it. Private to lib/input.
#pragma once

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#include <immintrin.h>
#define TIFA_INPUT_AVX2 1
// A function built for AVX2; it must only run after cpu_has_avx2() said yes. (Lambdas do not take
// the attribute over: the AVX2 code is written as such functions.)
#define TIFA_TARGET_AVX2 __attribute__((target("avx2")))
#else
#define TIFA_INPUT_AVX2 0
#endif

namespace tifa::input {

// The CPU is probed once per process by the compiler's runtime (no state of ours); the answer is
// a load and a bit test.
inline bool cpu_has_avx2() {
#if TIFA_INPUT_AVX2
  return __builtin_cpu_supports("avx2");
#else
  return false;
#endif
}

}  // namespace tifa::input
