# Sourced by the scripts that run Windows builds under Wine (tests/windows/run-filescheck.sh,
# installers/windows/test-nsis.sh). Defines skip, say and fail, and wine_start WORK, which finds Wine (or
# skips), makes it a fresh prefix in WORK and shuts it down and removes WORK when the script exits. Needs
# Debian's wine; exits 77 (CTest's skip) without it.

skip() { echo "SKIPPED: $*" >&2; exit 77; }
say() { printf '==> [%3ds] %s\n' "$SECONDS" "$*" >&2; }
fail() { echo "FAILED: $*" >&2; exit 1; }

wine_start() { # wine_start WORK: sets $wine, $wineserver and $wine_work (WORK)
    wine_work=$1
    # Debian's wine package puts wine64 outside PATH.
    PATH="$PATH:/usr/lib/wine"
    wine="$(command -v wine64 || command -v wine || true)"
    wineserver="$(command -v wineserver64 || command -v wineserver || true)"
    [[ -n "$wine" && -n "$wineserver" ]] || { rm -rf "$wine_work"; skip "wine is not installed"; }
    export WINEPREFIX="$wine_work/wine" WINEARCH=win64 WINEDEBUG=-all LANG=C.UTF-8
    # No Mono or Gecko download prompts; nothing here needs them.
    export WINEDLLOVERRIDES="mscoree,mshtml="
    # Programs must find their DLLs in their own folder, not through the build machine's.
    unset WINEPATH DISPLAY
    trap wine_stop EXIT
    say "making a Wine prefix"
    "$wine" wineboot --init >/dev/null 2>&1
    "$wineserver" -w
}

wine_stop() {
    local status=$?
    "$wineserver" -k 2>/dev/null || true
    rm -rf "$wine_work"
    exit "$status"
}
