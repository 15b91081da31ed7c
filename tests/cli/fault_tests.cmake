# CTest cases for faults: a full device, a full disk (a file size limit), an unwritable folder and
# Ctrl-C (included after report_tests.cmake: uses ${tool}, ${bundled_study}; the cases are in
# faults.cmake). fault_probe (tests/tools/fault_probe.cpp) sets the file size limit and sends SIGINT.
add_executable(fault_probe tools/fault_probe.cpp)
set_target_properties(fault_probe PROPERTIES CXX_EXTENSIONS OFF)
socialcure_set_warnings(fault_probe)
set(fault_cases svg_to_full_device stdout_to_full_device unwritable_folder file_too_large symlink_followed
    report_kept_when_disk_full interrupt_mediate interrupt_mediate_within interrupt_report)
foreach(case IN LISTS fault_cases)
  add_test(NAME cli.faults.${case} COMMAND "${CMAKE_COMMAND}" -DCASE=${case} -DTOOL=${tool}
    -DPROBE=$<TARGET_FILE:fault_probe> -DDIR=${CMAKE_CURRENT_BINARY_DIR}/faults/${case}
    -DSTUDY=${bundled_study} -DDATA=${CMAKE_CURRENT_SOURCE_DIR}/reference/mediation/data
    -P "${CMAKE_CURRENT_SOURCE_DIR}/cli/faults.cmake")
  set_tests_properties(cli.faults.${case} PROPERTIES TIMEOUT 120)
endforeach()
