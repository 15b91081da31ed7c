# Faults lose nothing: each case runs the tool under a fault and checks what it leaves behind.
#   cmake -DCASE=name -DTOOL=socialcure -DPROBE=fault_probe -DDIR=scratch-folder [-DSTUDY=study.toml]
#         [-DDATA=folder] -P faults.cmake
# The faults work as root and need no mounts: /dev/full (a device that is always full), a file size
# limit (RLIMIT_FSIZE through fault_probe: writes past it fail with EFBIG, as on a full disk), a
# folder whose parent is a regular file (ENOTDIR; chmod cannot lock root out), and SIGINT sent by
# fault_probe to the running tool.

# run(VAR code out err ARGS...): runs a command, setting <VAR>_code, <VAR>_out and <VAR>_err.
function(run var)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(${var}_code "${code}" PARENT_SCOPE)
  set(${var}_out "${out}" PARENT_SCOPE)
  set(${var}_err "${err}" PARENT_SCOPE)
  set(${var}_report "command: ${ARGN}\nexit code: ${code}\nstdout:\n${out}\nstderr:\n${err}" PARENT_SCOPE)
endfunction()

function(expect_one_line_error var regex)
  if(NOT "${${var}_err}" MATCHES "^socialcure: [^\n]*${regex}[^\n]*\n$")
    message(FATAL_ERROR "stderr is not one line matching '${regex}'\n${${var}_report}")
  endif()
endfunction()

function(expect_code var code)
  if(NOT "${${var}_code}" STREQUAL "${code}")
    message(FATAL_ERROR "expected exit code ${code}\n${${var}_report}")
  endif()
endfunction()

# The files under a folder (hidden ones included), relative to it.
function(files_under dir var)
  file(GLOB_RECURSE found LIST_DIRECTORIES false RELATIVE "${dir}" "${dir}/*")
  list(SORT found)
  set(${var} "${found}" PARENT_SCOPE)
endfunction()

# A fingerprint of every file under a folder: names and SHA-256 of the contents.
function(fingerprint dir var)
  files_under("${dir}" names)
  set(print "")
  foreach(name IN LISTS names)
    file(SHA256 "${dir}/${name}" hash)
    string(APPEND print "${name} ${hash}\n")
  endforeach()
  set(${var} "${print}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
set(tal_or "${DATA}/tal_or.csv")

if(CASE STREQUAL "svg_to_full_device")
  # A streamed output on a full device: the file and the reason, exit 1.
  run(r "${TOOL}" mediate --data "${tal_or}" --x cond --m pmi --y reaction --seed 1 --boot 200 --svg /dev/full)
  expect_code(r 1)
  expect_one_line_error(r "/dev/full: cannot write the file: No space left on device")

elseif(CASE STREQUAL "stdout_to_full_device")
  execute_process(COMMAND "${TOOL}" scales --format json OUTPUT_FILE /dev/full RESULT_VARIABLE r_code ERROR_VARIABLE r_err)
  set(r_report "scales --format json > /dev/full\nexit code: ${r_code}\nstderr:\n${r_err}")
  expect_code(r 1)
  expect_one_line_error(r "cannot write to standard output: No space left on device")

elseif(CASE STREQUAL "unwritable_folder")
  # The folder of --out is a regular file: the file named, the OS reason, nothing written.
  file(WRITE "${DIR}/not_a_folder" "")
  run(r "${TOOL}" score --data sample:panel_t0.csv --id id --scale ucla3 --items ucla1,ucla2,ucla3
        --out "${DIR}/not_a_folder/scores.csv")
  expect_code(r 1)
  expect_one_line_error(r "not_a_folder/scores.csv: cannot create the file: Not a directory")

elseif(CASE STREQUAL "file_too_large")
  # A write that fails half way (file size limit): no truncated file, no temporary file.
  file(WRITE "${DIR}/scores.csv" "the earlier file\n")
  run(r "${PROBE}" --fsize 4096 -- "${TOOL}" score --data sample:panel_t0.csv --id id --scale ucla3
        --items ucla1,ucla2,ucla3 --out "${DIR}/scores.csv")
  expect_code(r 1)
  if(NOT r_err MATCHES "^socialcure: error: [^\n]*scores.csv: cannot write the file: File too large\n$")
    message(FATAL_ERROR "expected a one-line 'File too large' error naming scores.csv\n${r_report}")
  endif()
  file(READ "${DIR}/scores.csv" kept)
  files_under("${DIR}" left)
  if(NOT kept STREQUAL "the earlier file\n" OR NOT left STREQUAL "scores.csv")
    message(FATAL_ERROR "the earlier scores.csv was not left alone: ${left}\n${r_report}")
  endif()

elseif(CASE STREQUAL "symlink_followed")
  # A link to the output file stays a link; the file it points to is replaced, nothing else is left.
  file(WRITE "${DIR}/real.csv" "the earlier file\n")
  file(CREATE_LINK "real.csv" "${DIR}/link.csv" SYMBOLIC)
  run(r "${TOOL}" score --data sample:panel_t0.csv --id id --scale ucla3 --items ucla1,ucla2,ucla3
        --out "${DIR}/link.csv")
  expect_code(r 0)
  file(READ "${DIR}/real.csv" written)
  files_under("${DIR}" left)
  if(NOT IS_SYMLINK "${DIR}/link.csv" OR NOT written MATCHES "^id,ucla3," OR NOT left STREQUAL "link.csv;real.csv")
    message(FATAL_ERROR "the link was not followed (files: ${left})\n${r_report}")
  endif()

elseif(CASE STREQUAL "report_kept_when_disk_full")
  # A complete report, then a second run that cannot write its files: every earlier file intact.
  run(first "${TOOL}" report --study "${STUDY}" --out "${DIR}/out" --replicates 100 --seed 1 --threads 2 --quiet)
  expect_code(first 0)
  fingerprint("${DIR}/out" before)
  run(r "${PROBE}" --fsize 30000 -- "${TOOL}" report --study "${STUDY}" --out "${DIR}/out" --replicates 200
        --seed 2 --threads 2 --quiet)
  expect_code(r 1)
  expect_one_line_error(r "/out/[^:]+: cannot write the file: File too large")
  fingerprint("${DIR}/out" after)
  if(NOT before STREQUAL after)
    message(FATAL_ERROR "the earlier report changed:\nbefore:\n${before}after:\n${after}\n${r_report}")
  endif()
  if(NOT before MATCHES "results.json" OR before MATCHES "\\.tmp ")
    message(FATAL_ERROR "unexpected files in the first report:\n${before}")
  endif()

elseif(CASE MATCHES "^interrupt_")
  # SIGINT 1.5 s into a long bootstrap: exit 130 within the bound, one line on stderr, no output.
  if(CASE STREQUAL "interrupt_mediate")
    set(command mediate --data "${tal_or}" --x cond --m import,pmi --y reaction --seed 1 --boot 20000000
        --threads 2 --format json --svg "${DIR}/out/paths.svg" --dot "${DIR}/out/paths.dot")
  elseif(CASE STREQUAL "interrupt_mediate_within")
    set(command mediate-within --data "${DATA}/dohle.csv" --m hazard_simple:hazard_complex
        --y willing_simple:willing_complex --seed 1 --boot 20000000 --ci bca --svg "${DIR}/out/paths.svg")
  else()
    set(command report --study "${STUDY}" --out "${DIR}/out" --replicates 2000000 --seed 1 --threads 2)
  endif()
  file(MAKE_DIRECTORY "${DIR}/out")
  file(WRITE "${DIR}/out/results.json" "{\"earlier\": true}\n")
  run(r "${PROBE}" --interrupt-after 1500 --within 5000 -- "${TOOL}" ${command})
  expect_code(r 130)
  if(NOT r_out MATCHES "^fault_probe: exit 130 after [0-9]+ ms\n$")
    message(FATAL_ERROR "the tool wrote to stdout or did not stop in time\n${r_report}")
  endif()
  expect_one_line_error(r "interrupted; no output written")
  files_under("${DIR}/out" left)
  file(READ "${DIR}/out/results.json" kept)
  if(NOT left STREQUAL "results.json" OR NOT kept STREQUAL "{\"earlier\": true}\n")
    message(FATAL_ERROR "files were written or changed: ${left}\n${r_report}")
  endif()
  message(STATUS "${r_out}")

else()
  message(FATAL_ERROR "unknown CASE '${CASE}'")
endif()
message(STATUS "ok: ${CASE}")
