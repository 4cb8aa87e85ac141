# Profile-guided optimisation of the library (GCC only), in two builds:
#   TIFA_PGO=GENERATE  an instrumented library; every program linked with it writes its profile
#                      (.gcda files) into TIFA_PGO_DIR when it exits;
#   TIFA_PGO=USE       the library compiled with that profile.
# scripts/build-pgo.sh runs both, with a training run of `tifa process` over examples/samples in
# between. The profile only steers code layout, inlining and branch order: the output is the same
# with and without it (bench/README.md, "Profile-guided builds").
set(TIFA_PGO OFF CACHE STRING "Profile-guided optimisation of the library: OFF, GENERATE or USE (GCC)")
set_property(CACHE TIFA_PGO PROPERTY STRINGS OFF GENERATE USE)
set(TIFA_PGO_DIR "${PROJECT_BINARY_DIR}/pgo-profile" CACHE PATH
    "Where a TIFA_PGO=GENERATE build writes its profile and a TIFA_PGO=USE build reads it")

function(tifa_enable_pgo target)
  if(TIFA_PGO STREQUAL "OFF")
    return()
  endif()
  if(NOT TIFA_PGO MATCHES "^(GENERATE|USE)$")
    message(FATAL_ERROR "TIFA_PGO is \"${TIFA_PGO}\": use OFF, GENERATE or USE")
  endif()
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(FATAL_ERROR "TIFA_PGO needs GCC (the compiler is ${CMAKE_CXX_COMPILER_ID})")
  endif()
  # The profile files are named after the object files' paths below the build directory, so that
  # the instrumented build and the optimised one may live in different directories.
  set(where "-fprofile-dir=${TIFA_PGO_DIR}" "-fprofile-prefix-path=${PROJECT_BINARY_DIR}")
  if(TIFA_PGO STREQUAL "GENERATE")
    # Atomic counters where the target has them: a training run may use several threads.
    target_compile_options(${target} PRIVATE -fprofile-generate -fprofile-update=prefer-atomic ${where})
    # Programs linking the instrumented library need the profiling runtime.
    target_link_options(${target} INTERFACE $<BUILD_INTERFACE:-fprofile-generate>)
    return()
  endif()
  # scripts/build-pgo.sh writes this file after each training run: every source of the library
  # depends on it, so a new profile recompiles the library even where no source changed.
  set(trained "${TIFA_PGO_DIR}/trained.stamp")
  if(NOT EXISTS "${trained}")
    message(FATAL_ERROR "TIFA_PGO=USE: no profile in ${TIFA_PGO_DIR} (no trained.stamp); run "
                        "scripts/build-pgo.sh, or a TIFA_PGO=GENERATE build, a training run and "
                        "`touch ${trained}` first")
  endif()
  get_target_property(sources ${target} SOURCES)
  set_property(SOURCE ${sources} TARGET_DIRECTORY ${target} APPEND PROPERTY OBJECT_DEPENDS "${trained}")
  # Functions the training run never reached are optimised as without a profile, not for size
  # (-fprofile-partial-training): the samples do not reach every path of every input.
  target_compile_options(${target} PRIVATE -fprofile-use -fprofile-partial-training -Wno-missing-profile ${where})
endfunction()
