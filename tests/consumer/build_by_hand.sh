#!/usr/bin/env bash
# Builds and runs main.cpp against an installed (staged) socialcure without CMake, the two ways a
# user of another build system would:
#   build_by_hand.sh pkg-config   STAGE LIBDIR OUT CXX
#   build_by_hand.sh command-line STAGE LIBDIR OUT CXX EIGEN_INCLUDE_DIR LIBRARY_FILE
# CXXFLAGS and LDFLAGS from the environment are added (the sanitizer presets pass theirs).
set -euo pipefail
how=$1 stage=$2 libdir=$3 out=$4 cxx=$5
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$out"
program="$out/consumer-$how"
# shellcheck disable=SC2086  # CXXFLAGS and LDFLAGS are lists of flags
case "$how" in
  pkg-config)
    export PKG_CONFIG_PATH="$stage/$libdir/pkgconfig"
    flags=$(pkg-config --cflags --libs socialcure)
    set -x
    "$cxx" -std=c++20 ${CXXFLAGS:-} "$here/main.cpp" -o "$program" $flags ${LDFLAGS:-}
    ;;
  command-line)
    eigen=$6 library=$7
    set -x
    "$cxx" -std=c++20 ${CXXFLAGS:-} -I"$stage/include" -I"$eigen" "$here/main.cpp" -o "$program" \
      "$stage/$libdir/$library" -lreadstat -pthread ${LDFLAGS:-}
    ;;
  *)
    echo "build_by_hand.sh: unknown way '$how' (pkg-config or command-line)" >&2
    exit 2
    ;;
esac
{ set +x; } 2>/dev/null
LD_LIBRARY_PATH="$stage/$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$program"
