# Renders two study files and requires identical results.json, byte for byte:
#   cmake -DCOMMAND=socialcure -DFIRST=a.toml -DSECOND=b.toml -DOUT=folder -P same_report.cmake
foreach(which FIRST SECOND)
  execute_process(COMMAND "${COMMAND}" report --study "${${which}}" --out "${OUT}/${which}" --replicates 200
                          --threads 2 --quiet
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "report --study ${${which}} failed (${code}):\n${out}\n${err}")
  endif()
  file(READ "${OUT}/${which}/results.json" json_${which})
endforeach()
if(NOT json_FIRST STREQUAL json_SECOND)
  message(FATAL_ERROR "results.json differs between ${FIRST} and ${SECOND} (see ${OUT})")
endif()
string(LENGTH "${json_FIRST}" length)
message(STATUS "same results.json (${length} bytes) from ${FIRST} and ${SECOND}")
