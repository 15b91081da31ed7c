# The front door: include/socialcure/socialcure.hpp must include every public header, and
# include/ must hold no internal header (those live under src/<area>/detail/).
#   cmake -DSOURCE_DIR=<repository> -P front_door.cmake
# Fails with the list of public headers the front door misses, internal headers found under
# include/, and front-door includes that name no header.
cmake_minimum_required(VERSION 3.25)
set(front_door "${SOURCE_DIR}/include/socialcure/socialcure.hpp")
file(GLOB_RECURSE headers RELATIVE "${SOURCE_DIR}/include" "${SOURCE_DIR}/include/socialcure/*.hpp")
list(APPEND headers socialcure/core/version.hpp)  # generated from cmake/version.hpp.in
list(REMOVE_ITEM headers socialcure/socialcure.hpp)

file(STRINGS "${front_door}" lines REGEX "^#include")
set(included "")
foreach(line IN LISTS lines)
  if(line MATCHES "^#include [\"<]([^\">]+)[\">]")
    list(APPEND included "${CMAKE_MATCH_1}")
  endif()
endforeach()

set(problems "")
foreach(header IN LISTS headers)
  if(header MATCHES "/detail/")
    string(APPEND problems "  internal header under include/ (move it to src/<area>/detail/): ${header}\n")
  elseif(NOT header IN_LIST included)
    string(APPEND problems "  not included by socialcure/socialcure.hpp: ${header}\n")
  endif()
endforeach()
foreach(header IN LISTS included)
  if(NOT header IN_LIST headers)
    string(APPEND problems "  socialcure/socialcure.hpp includes ${header}, which is not a public header\n")
  endif()
endforeach()
if(problems)
  message(FATAL_ERROR "The front door is incomplete:\n${problems}")
endif()
list(LENGTH headers count)
message(STATUS "socialcure/socialcure.hpp includes all ${count} public headers")
