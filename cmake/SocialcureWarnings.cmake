function(socialcure_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      # GCC 12 reports -Wrestrict false positives inside std::string concatenation at -O2/-O3
      # (GCC bug 105651, fixed in GCC 13).
      target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    if(SOCIALCURE_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
