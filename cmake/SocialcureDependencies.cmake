# Finds the dependencies and fails at configure time with the Debian package to install.
macro(socialcure_require package debian_package)
  find_package(${package} ${ARGN} QUIET)
  if(NOT ${package}_FOUND)
    message(FATAL_ERROR
      "socialcure needs ${package}, which was not found.\n"
      "On Debian 12 install it with:  apt-get install ${debian_package}\n"
      "(or run scripts/test.sh / scripts/demo.sh, which install every missing package)")
  endif()
endmacro()

socialcure_require(Eigen3 libeigen3-dev 3.4 NO_MODULE)
socialcure_require(Boost libboost-math-dev 1.74 CONFIG)
socialcure_require(nlohmann_json nlohmann-json3-dev 3.10)
find_package(Threads REQUIRED)
# Random123 (counter-based random numbers for reproducible parallel bootstrap) is header-only and
# used inside the library only.
find_path(SOCIALCURE_RANDOM123_INCLUDE_DIR Random123/philox.h)
if(NOT SOCIALCURE_RANDOM123_INCLUDE_DIR)
  message(FATAL_ERROR
    "socialcure needs Random123, which was not found.\n"
    "On Debian 12 install it with:  apt-get install librandom123-dev\n"
    "(or run scripts/test.sh / scripts/demo.sh, which install every missing package)")
endif()
# toml11 (study files) is header-only and used inside the library only.
socialcure_require(toml11 libtoml11-dev 3.7)
# ReadStat (SPSS .sav/.zsav/.por and Stata .dta files) is a C library linked by the library.
find_path(SOCIALCURE_READSTAT_INCLUDE_DIR readstat.h)
find_library(SOCIALCURE_READSTAT_LIBRARY readstat)
if(NOT SOCIALCURE_READSTAT_INCLUDE_DIR OR NOT SOCIALCURE_READSTAT_LIBRARY)
  message(FATAL_ERROR
    "socialcure needs ReadStat, which was not found.\n"
    "On Debian 12 install it with:  apt-get install libreadstat-dev\n"
    "(or run scripts/test.sh / scripts/demo.sh, which install every missing package)")
endif()
if(SOCIALCURE_BUILD_TOOL)
  socialcure_require(CLI11 libcli11-dev 2.1)
endif()
if(SOCIALCURE_BUILD_TESTS)
  socialcure_require(doctest doctest-dev 2.4)
endif()
