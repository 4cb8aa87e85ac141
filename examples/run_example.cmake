# Runs an embedding example on one input (cmake -P, from CTest):
#   -DEXE=<example> -DINPUT=<file> [-DSAME_AS=<other example>]
# Passes when the example exits with 0 and prints a title, a positive sentence count and at least
# one slogan line; with SAME_AS, the other example must print exactly the same.
foreach(var EXE INPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_example.cmake: -D${var}=... is missing")
  endif()
endforeach()

function(run_example exe out_var)
  execute_process(COMMAND ${exe} ${INPUT}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 50)
  if(NOT rc STREQUAL "0")
    message(FATAL_ERROR "${exe} ${INPUT} exited with ${rc}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

run_example(${EXE} output)
message("${output}")
if(output STREQUAL "")
  message(FATAL_ERROR "${EXE} printed nothing")
endif()
if(NOT output MATCHES "(^|\n)title: [^\n(]")
  message(FATAL_ERROR "${EXE}: no title line")
endif()
if(NOT output MATCHES "(^|\n)sentences: [1-9]")
  message(FATAL_ERROR "${EXE}: no sentences")
endif()
if(NOT output MATCHES "\n  [^\n]+ -> [^\n]+ \\((low|medium|high)\\)\n")
  message(FATAL_ERROR "${EXE}: no slogan line")
endif()

if(DEFINED SAME_AS)
  run_example(${SAME_AS} reference)
  if(NOT output STREQUAL reference)
    message(FATAL_ERROR "${EXE} and ${SAME_AS} print different things.\n${SAME_AS}:\n${reference}")
  endif()
endif()
