#!/usr/bin/env bash
# Builds the Windows installer on Linux and runs it under Wine: install, an upgrade over it, uninstall.
#
#   installers/windows/test-nsis.sh
#
# The installer is made by the product's own installers/ rules (windows.cmake, the association scripts, the
# DLL bundling in deploy.cmake) around MinGW-w64 stand-ins for the two executables (test/standin.cpp),
# because there is no Qt for Windows here. It checks what a Windows user relies on: the files and the
# bundled C++ runtime DLLs, the Start-menu entry, the file associations (taken only where no other program
# holds the extension, and opening a path with spaces), the UTF-8 code page the manifest asks for, an
# upgrade that replaces the previous version, and an uninstall that leaves nothing of ours behind.
#
# Differences from the real installer: makensis builds a 64-bit setup program here (Debian's Wine runs no
# 32-bit programs without i386 packages) where NSIS for Windows builds a 32-bit one; the association
# scripts write the 64-bit registry view either way. Qt's windeployqt is not run.
#
# Needs Debian's g++-mingw-w64-x86-64-posix, nsis and wine. Exits 77 (CTest's skip) when one is missing.
set -euo pipefail

source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
source "$source_dir/tests/support/wine.sh"

(($# == 0)) || { echo "usage: $0" >&2; exit 2; }
for tool in x86_64-w64-mingw32-g++-posix x86_64-w64-mingw32-windres makensis cmake cpack; do
    command -v "$tool" >/dev/null || skip "$tool is not installed"
done
wine_start "$(mktemp -d -t macroscope-nsis.XXXXXX)"
work="$wine_work"

# The folders of the MinGW runtime DLLs, which the installer must bundle.
runtime_dirs=""
for dll in libstdc++-6.dll libgcc_s_seh-1.dll libwinpthread-1.dll; do
    found="$(x86_64-w64-mingw32-g++-posix -print-file-name="$dll")"
    [[ "$found" == /* ]] || fail "MinGW-w64 has no $dll"
    runtime_dirs+="${runtime_dirs:+;}$(dirname "$found")"
done

printf '#!/bin/sh\nexec makensis "-XTarget amd64-unicode" "$@"\n' >"$work/makensis-amd64"
chmod +x "$work/makensis-amd64"

# MSYS2's GCC links a default manifest (language-neutral, asking for nothing but asInvoker) into every
# executable; Debian's has none to link. The same file here, found by GCC's spec through -B, checks that the
# executables' own manifest is the one that remains, as it must on Windows.
mkdir "$work/toolchain"
cat >"$work/toolchain/default.manifest" <<'EOF_MANIFEST'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security><requestedPrivileges><requestedExecutionLevel level="asInvoker"/></requestedPrivileges></security>
  </trustInfo>
</assembly>
EOF_MANIFEST
printf 'LANGUAGE 0, 0\n1 24 "default.manifest"\n' >"$work/toolchain/default-manifest.rc"
(cd "$work/toolchain" && x86_64-w64-mingw32-windres default-manifest.rc -O coff -o default-manifest.o) ||
    fail "compiling the toolchain's default manifest"

build_installer() { # build_installer NAME [CMAKE-ARGS...]: prints the setup program's path
    local name=$1 build="$work/build-$1"
    shift
    cmake -S "$source_dir/installers/windows/test" -B "$build" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_TOOLCHAIN_FILE="$source_dir/installers/windows/test/mingw-w64.cmake" \
        -DMACROSCOPE_RUNTIME_DIRS="$runtime_dirs" -DCMAKE_EXE_LINKER_FLAGS="-B$work/toolchain/" "$@" \
        >"$work/$name.log" 2>&1 &&
        cmake --build "$build" >>"$work/$name.log" 2>&1 &&
        (cd "$build" && cpack -G NSIS -D CPACK_NSIS_EXECUTABLE="$work/makensis-amd64") >>"$work/$name.log" 2>&1 ||
        { tail -40 "$work/$name.log" >&2; fail "building the $name installer"; }
    ls "$build"/macroscope-*-windows-amd64.exe
}

win() { "$wine" "$@" 2>/dev/null | tr -d '\r'; }
settle() { "$wineserver" -w; }
# The data of a registry value ("" for a key's default), or status 1 when the key or value does not exist.
reg_value() { # reg_value KEY [NAME]
    local listing
    if (($# == 2)); then
        listing="$(win reg query "$1" /v "$2")" || return 1
    else
        listing="$(win reg query "$1" /ve)" || return 1
    fi
    awk -F'    ' '$3 ~ /^REG_/ { print $4; found = 1; exit } END { exit !found }' <<<"$listing"
}
key_exists() { win reg query "$1" >/dev/null; }
expect_value() { # expect_value EXPECTED KEY [NAME]
    local expected=$1 actual
    shift
    actual="$(reg_value "$@")" || fail "registry: $* is missing"
    [[ "$actual" == "$expected" ]] || fail "registry: $* is '$actual', expected '$expected'"
}

classes='HKLM\Software\Classes'
uninstall_key='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall'
extensions=(.h5 .hdf5 .he5 .nxs .h5ad)
install_dir="$WINEPREFIX/drive_c/Program Files/Macroscope"
start_menu="$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs"
cli='C:\Program Files\Macroscope\bin\macroscope-cli.exe'

say "Building the installer with the product's version"
first="$(build_installer first -DSTANDIN_RETIRED_FILE=ON)"
version="$(basename "$first" | sed -E 's/^macroscope-(.*)-windows-amd64\.exe$/\1/')"
# The later version no longer has a file the first one installed, which the upgrade must remove with the
# rest of the first version.
say "Building a later version's installer"
second="$(build_installer second -DMACROSCOPE_VERSION=99.0.0 -DSTANDIN_RETIRED_FILE=OFF)"

# Another program already holds .nxs; Macroscope must only add itself to that extension's "Open with".
win reg add "$classes\\.nxs" /ve /d NeXus.File /f >/dev/null

say "Installing $(basename "$first")"
win "$first" /S
settle
for file in bin/macroscope.exe bin/macroscope-cli.exe bin/qt.conf bin/libstdc++-6.dll bin/libgcc_s_seh-1.dll \
    bin/libwinpthread-1.dll bin/retired.txt share/doc/macroscope/README.md \
    share/macroscope/schemas/recording.schema.json Uninstall.exe; do
    [[ -f "$install_dir/$file" ]] || fail "the installer did not install $file"
done
[[ -f "$start_menu/Macroscope/Macroscope.lnk" ]] || fail "no Start-menu entry Macroscope\\Macroscope.lnk"
expect_value "$version" "$uninstall_key\\Macroscope" DisplayVersion

say "Running the installed programs"
# Only the bundled DLLs can satisfy the imports: Wine's PATH holds no MinGW folder.
[[ "$(win "$cli" --version)" == "macroscope-cli $version" ]] || fail "macroscope-cli.exe --version: a DLL is missing from bin"
[[ "$(win "$cli" --code-page)" == 65001 ]] || fail "macroscope-cli.exe does not run with the UTF-8 code page its manifest asks for"
# Characters outside every Western code page, which only the UTF-8 code page carries through char names.
mkdir -p "$work/Δεδομένα"
echo readable >"$work/Δεδομένα/記録 1.txt"
[[ "$(win "$cli" --read "Z:$work/Δεδομένα/記録 1.txt")" == readable ]] ||
    fail "macroscope-cli.exe cannot open a non-ASCII file name through the C runtime"

say "Checking the file associations"
expect_value '"C:\Program Files\Macroscope\bin\macroscope.exe" "%1"' "$classes\\Macroscope.HDF5\\shell\\open\\command"
for extension in "${extensions[@]}"; do
    expect_value "" "$classes\\$extension\\OpenWithProgids" Macroscope.HDF5
    if [[ "$extension" == .nxs ]]; then
        expect_value NeXus.File "$classes\\$extension"
    else
        expect_value Macroscope.HDF5 "$classes\\$extension"
    fi
done
mkdir -p "$WINEPREFIX/drive_c/data dir"
: >"$WINEPREFIX/drive_c/data dir/scan 1.h5"
MACROSCOPE_STANDIN_LOG="Z:$work/opened.txt" win start /wait /unix "$WINEPREFIX/drive_c/data dir/scan 1.h5"
settle
[[ -f "$work/opened.txt" && "$(tr -d '\r' <"$work/opened.txt")" == 'C:\data dir\scan 1.h5' ]] ||
    fail "opening scan 1.h5 did not start macroscope.exe with its path as one argument (got: $(cat "$work/opened.txt" 2>/dev/null))"

say "Upgrading with $(basename "$second")"
win "$second" /S
settle
[[ "$(win "$cli" --version)" == "macroscope-cli 99.0.0" ]] || fail "the upgrade did not replace macroscope-cli.exe"
[[ ! -e "$install_dir/bin/retired.txt" ]] || fail "the upgrade left the previous version's bin/retired.txt"
expect_value 99.0.0 "$uninstall_key\\Macroscope" DisplayVersion
entries="$(win reg query "$uninstall_key" | grep -ci macroscope || true)"
((entries == 1)) || fail "Programs and Features lists Macroscope $entries times after the upgrade"
folders="$(ls "$start_menu" | grep -ci macroscope || true)"
((folders == 1)) || fail "the Start menu has $folders Macroscope folders after the upgrade"

say "Uninstalling"
win "C:\\Program Files\\Macroscope\\Uninstall.exe" /S
settle
[[ ! -e "$install_dir" ]] || fail "the uninstaller left $(cd "$install_dir" && find . -mindepth 1 | head | tr '\n' ' ')"
[[ ! -e "$start_menu/Macroscope" ]] || fail "the uninstaller left the Start-menu folder"
! key_exists "$uninstall_key\\Macroscope" || fail "the uninstaller left its Programs and Features entry"
! key_exists 'HKLM\Software\Macroscope developers\Macroscope' || fail "the uninstaller left its Start-menu setting"
! key_exists "$classes\\Macroscope.HDF5" || fail "the uninstaller left the Macroscope.HDF5 file type"
for extension in "${extensions[@]}"; do
    ! reg_value "$classes\\$extension\\OpenWithProgids" Macroscope.HDF5 >/dev/null ||
        fail "the uninstaller left Macroscope in $extension's Open with"
    if [[ "$extension" == .nxs ]]; then
        expect_value NeXus.File "$classes\\$extension"
    else
        ! key_exists "$classes\\$extension" || fail "the uninstaller left the $extension key"
    fi
done
say "PASSED: install, associations, upgrade and uninstall of the Windows installer"
