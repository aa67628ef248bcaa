#!/usr/bin/env bash
# Builds the .deb from a build directory, installs it into a fresh Debian root, checks that both executables
# work there and that removing the package leaves none of its files behind.
#
#   installers/linux/test-deb.sh BUILD_DIR
#
# Needs root (debootstrap, chroot, mounts) and Debian's package archive. Exits 77 (CTest's skip) when it
# cannot run here. MACROSCOPE_DEB_TEST_CACHE=DIR keeps a pristine minimal root in DIR (made on first use)
# and the downloaded packages beside it, so that later runs skip debootstrap and the downloads; every run
# works on a copy, so the cached root stays clean.
set -euo pipefail

skip() { echo "SKIPPED: $*" >&2; exit 77; }
say() { printf '==> [%3ds] %s\n' "$SECONDS" "$*" >&2; }
fail() { echo "FAILED: $*" >&2; exit 1; }

(($# == 1)) || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
build="$(cd "$1" && pwd)"
[[ -f "$build/CPackConfig.cmake" ]] || fail "$build has no CPackConfig.cmake: not a configured build directory"
(($(id -u) == 0)) || skip "needs root (debootstrap, chroot and mounts)"
for tool in debootstrap cpack chroot dpkg-deb; do
    command -v "$tool" >/dev/null || skip "$tool is not installed"
done

# The binaries are tested on the release they were built on.
suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
[[ -n "$suite" ]] || skip "/etc/os-release names no Debian release"

work="$(mktemp -d -t macroscope-deb.XXXXXX)"
root="$work/root"
mounts=()

cleanup() {
    local status=$? i
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount "${mounts[i]}" || umount -l "${mounts[i]}" || true
    done
    # rm must never descend into a bind mount: that would delete the host's /dev or package cache.
    if grep -q " $work/" /proc/mounts; then
        echo "WARNING: $work is still mounted on; left in place" >&2
    else
        rm -rf --one-file-system "$work"
    fi
    exit "$status"
}
trap cleanup EXIT

mount_into_root() { # mount_into_root MOUNT-ARGS... TARGET
    mkdir -p "${*: -1}"
    mount "$@"
    mounts+=("${*: -1}")
}

in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"; }

say "Building the package"
# The man pages and changelog are gzipped at build time; a build of the executables alone leaves them out.
cmake --build "$build" --target macroscope macroscope-cli macroscope_linux_files >"$work/build.log" 2>&1 ||
    { tail -30 "$work/build.log" >&2; fail "building the packaged targets"; }
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/package" >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log" >&2; fail "cpack"; }
debs=("$work"/package/macroscope_*.deb)
[[ -f "${debs[0]}" ]] || fail "cpack made no macroscope_*.deb"
deb="${debs[0]}"
dpkg-deb -I "$deb" >&2
version="$(dpkg-deb -f "$deb" Version)"
if command -v lintian >/dev/null; then
    say "lintian"
    lintian --fail-on error "$deb" >&2 || fail "lintian reports errors"
else
    say "lintian is not installed: not run"
fi

if [[ -n "${MACROSCOPE_DEB_TEST_CACHE:-}" ]]; then
    cache="$MACROSCOPE_DEB_TEST_CACHE"
    if [[ ! -x "$cache/bin/sh" ]]; then
        say "Making the cached $suite root in $cache"
        rm -rf --one-file-system "$cache.partial"
        debootstrap --variant=minbase "$suite" "$cache.partial" >"$work/debootstrap.log" 2>&1 ||
            { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap"; }
        mv "$cache.partial" "$cache"
    fi
    say "Copying the cached root"
    cp -a "$cache" "$root"
    mkdir -p "$cache.archives/partial"
    mount_into_root --bind "$cache.archives" "$root/var/cache/apt/archives"
else
    say "debootstrap $suite (minbase)"
    debootstrap --variant=minbase "$suite" "$root" >"$work/debootstrap.log" 2>&1 ||
        { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap"; }
fi

mount_into_root -t proc proc "$root/proc"
mount_into_root -t sysfs sysfs "$root/sys"
mount_into_root --bind /dev "$root/dev"
mount_into_root --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The root is thrown away afterwards, so dpkg need not sync every file it unpacks (a third of the time).
echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/unsafe-io"

say "Installing macroscope $version and its Depends (no Recommends)"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
in_root apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" >"$work/install.log" 2>&1 ||
    { tail -30 "$work/install.log" >&2; fail "apt-get install"; }
# The MIME database is built only where shared-mime-info is installed: install it to see our types merged.
in_root apt-get install -y -qq --no-install-recommends shared-mime-info >>"$work/install.log" 2>&1 ||
    { tail -30 "$work/install.log" >&2; fail "apt-get install shared-mime-info"; }
in_root dpkg -L macroscope >"$work/files"

say "Checking the installed package"
[[ "$(in_root macroscope-cli --version)" == "macroscope-cli $version" ]] ||
    fail "macroscope-cli --version says '$(in_root macroscope-cli --version)', the package is $version"
[[ "$(in_root macroscope --version)" == "macroscope $version" ]] ||
    fail "macroscope --version says '$(in_root macroscope --version)', the package is $version"

for compression in none blosc; do
    in_root macroscope-cli record --camera sim --frames 20 --compression "$compression" --out "/tmp/$compression.h5" >&2 ||
        fail "record --compression $compression"
    in_root macroscope-cli verify "/tmp/$compression.h5" >&2 || fail "verify of a recording with compression $compression"
done
# verify reads no pixels; inspect tells whether HDF5 has a blosc filter to decode them: the one built into
# Macroscope, since the package brings no plug-in.
inspect="$(in_root macroscope-cli inspect /tmp/blosc.h5 --json)" || fail "inspect /tmp/blosc.h5"
grep -q '"name": "blosc"' <<<"$inspect" || fail "the blosc recording has no blosc filter"
! grep -q '"available": false' <<<"$inspect" || fail "HDF5 has no blosc filter: the blosc recording is unreadable"

in_root env QT_QPA_PLATFORM=offscreen macroscope /tmp/none.h5 --screenshot /tmp/s.png >&2 || fail "macroscope --screenshot"
[[ "$(head -c 8 "$root/tmp/s.png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] ||
    fail "the screenshot is not a PNG"
(($(stat -c %s "$root/tmp/s.png") > 1000)) || fail "the screenshot is too small to show a window"

for page in macroscope macroscope-cli; do
    zcat "$root/usr/share/man/man1/$page.1.gz" | grep -q '^\.TH ' || fail "$page.1.gz is not a man page"
    if command -v man >/dev/null; then
        [[ -z "$(MANWIDTH=80 man --warnings -l "$root/usr/share/man/man1/$page.1.gz" 2>&1 >/dev/null)" ]] ||
            fail "man reports problems in $page.1"
    fi
done
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$root/usr/share/applications/macroscope.desktop" || fail "desktop-file-validate"
fi
for glob in 'application/x-hdf:\*\.he5' 'application/x-nexus:\*\.nxs' 'application/x-anndata:\*\.h5ad' \
    'application/x-hdf:\*\.h5$'; do
    grep -q ":$glob" "$root/usr/share/mime/globs2" || fail "the MIME database has no ${glob//\\/}"
done

say "Removing the package"
in_root apt-get remove --purge -y -qq macroscope >>"$work/install.log" 2>&1 ||
    { tail -30 "$work/install.log" >&2; fail "apt-get remove --purge"; }
status="$(in_root dpkg-query -W -f='${Status}' macroscope 2>/dev/null || true)"
[[ -z "$status" || "$status" == *not-installed ]] || fail "after purge, dpkg says macroscope is '$status'"
left=()
while read -r path; do
    # Directories such as /usr/share/man/man1 belong to other packages too and stay.
    if [[ -L "$root$path" ]] || [[ -e "$root$path" && ! -d "$root$path" ]] ||
        [[ -d "$root$path" && "$path" == */macroscope* ]]; then
        left+=("$path")
    fi
done <"$work/files"
((${#left[@]} == 0)) || fail "left behind after purge: ${left[*]}"
! grep -q -E 'x-nexus|x-anndata|\*\.he5' "$root/usr/share/mime/globs2" || fail "the MIME types outlive the package"

say "PASSED: macroscope $version installs, runs and purges cleanly on $suite"
