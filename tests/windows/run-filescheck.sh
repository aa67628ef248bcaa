#!/usr/bin/env bash
# Builds tests/windows/filescheck.cpp with core/files' Windows sources using MinGW-w64 and runs it under Wine:
# the Windows code paths of the atomic commit, the no-replace rename and the writer's lock, which the Linux
# build never compiles.
#
#   tests/windows/run-filescheck.sh
#
# Needs Debian's g++-mingw-w64-x86-64-posix and wine. Exits 77 (CTest's skip) when one is missing.
set -euo pipefail
source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
source "$source_dir/tests/support/wine.sh"

(($# == 0)) || { echo "usage: $0" >&2; exit 2; }
command -v x86_64-w64-mingw32-g++-posix >/dev/null || skip "x86_64-w64-mingw32-g++-posix is not installed"
wine_start "$(mktemp -d -t macroscope-filescheck.XXXXXX)"

say "building filescheck.exe"
# Static, so that no MinGW runtime DLL has to be found.
x86_64-w64-mingw32-g++-posix -std=c++20 -O1 -Wall -Wextra -Wpedantic -Werror -static -I"$source_dir" \
    -o "$wine_work/filescheck.exe" "$source_dir/tests/windows/filescheck.cpp" \
    "$source_dir/core/files/atomicfile.cpp" "$source_dir/core/files/filelock.cpp" \
    "$source_dir/core/files/systemcalls_windows.cpp" || fail "building filescheck.exe"
say "running it under Wine"
"$wine" "$wine_work/filescheck.exe" || fail "filescheck.exe (above)"
