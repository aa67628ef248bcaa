# Debian's MinGW-w64 cross compiler (g++-mingw-w64-x86-64-posix), for test-nsis.sh. The POSIX-threads
# flavour is the one whose libstdc++ has std::thread, like MSYS2's.
set(CMAKE_SYSTEM_NAME Windows)
# What a 64-bit Windows reports; CPack names the installer after it.
set(CMAKE_SYSTEM_PROCESSOR AMD64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
