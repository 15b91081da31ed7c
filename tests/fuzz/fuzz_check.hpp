#pragma once
// Shared by the fuzz targets of tests/fuzz: a property check that stops the run loudly, so that
// libFuzzer saves the input as a crash.

#include <cstdio>
#include <cstdlib>

/// \brief Aborts with the condition, file and line when `condition` is false.
#define SOCIALCURE_FUZZ_CHECK(condition)                                                                     \
  do {                                                                                                       \
    if (!(condition)) {                                                                                      \
      std::fprintf(stderr, "%s:%d: fuzz property violated: %s\n", __FILE__, __LINE__, #condition);           \
      std::abort();                                                                                          \
    }                                                                                                        \
  } while (false)
