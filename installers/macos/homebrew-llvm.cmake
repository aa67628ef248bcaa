# Toolchain file for building Macroscope on macOS: Homebrew's LLVM (clang and its libc++) instead of Xcode's.
# The code is C++20 as GCC 12 and libstdc++ implement it, and Apple's libc++ still lacks parts of that
# library: std::jthread and <stop_token> are experimental before LLVM 20, and std::from_chars for floating
# point needs LLVM 20 and, in Apple's build of it, a newer macOS than Homebrew's Qt requires. Homebrew's
# libc++ has both; the deploy step copies it into the bundle like every other Homebrew library.
#
#   brew install llvm
#   cmake -S . -B build --toolchain installers/macos/homebrew-llvm.cmake ...
#
# Xcode's command-line tools are still needed: the SDK, codesign, and the linker clang calls.

execute_process(COMMAND brew --prefix llvm OUTPUT_VARIABLE homebrew_llvm OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE brew_result)
if(NOT brew_result EQUAL 0 OR NOT EXISTS "${homebrew_llvm}/bin/clang++")
    message(FATAL_ERROR "Homebrew's llvm is not installed (brew install llvm)")
endif()

# Homebrew builds its libraries, which the bundle carries, for the macOS it runs on: the bundle needs that
# version too. Upstream clang would otherwise target the SDK's version, which may be newer.
execute_process(COMMAND sw_vers -productVersion OUTPUT_VARIABLE macos_version OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REGEX MATCH "^[0-9]+" macos_major "${macos_version}")
set(CMAKE_OSX_DEPLOYMENT_TARGET "${macos_major}.0" CACHE STRING "oldest macOS the bundle runs on")

set(CMAKE_C_COMPILER "${homebrew_llvm}/bin/clang")
set(CMAKE_CXX_COMPILER "${homebrew_llvm}/bin/clang++")
# Link Homebrew's libc++ (and the unwinder it is built with) rather than the system's, and find it at run
# time until the deploy step rewrites the reference to the bundle's copy.
set(CMAKE_EXE_LINKER_FLAGS_INIT
    "-L${homebrew_llvm}/lib/c++ -L${homebrew_llvm}/lib/unwind -lunwind -Wl,-rpath,${homebrew_llvm}/lib/c++")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "${CMAKE_EXE_LINKER_FLAGS_INIT}")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "${CMAKE_EXE_LINKER_FLAGS_INIT}")
