#!/usr/bin/env bash
# Installs the Debian packages socialcure needs to build and test, if any are missing.
# Usage: scripts/install-deps.sh [extra-package ...]
set -euo pipefail

packages=(cmake ninja-build g++ libeigen3-dev libboost-math-dev doctest-dev libcli11-dev nlohmann-json3-dev librandom123-dev libtoml11-dev libreadstat-dev pkgconf "$@")

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "socialcure: these Debian packages are missing and I am not root (and sudo is not available):" >&2
  echo "  ${missing[*]}" >&2
  exit 1
fi
echo "socialcure: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
