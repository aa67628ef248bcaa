#!/usr/bin/env bash
# Sets Macroscope up on Debian 12 and runs it:
#   ./bootstrap.sh run [ARGS...]   install what is missing, build, start the GUI (or, without a display, the
#                                  headless demo)
#   ./bootstrap.sh test            install what is missing, build, run the whole test suite
#   ./bootstrap.sh build           install what is missing and build
# Packages already installed are skipped; nothing is downloaded except Debian packages and the pinned npm
# packages the RFC 8785 and DuckDB cross-check tests use.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${MACROSCOPE_BUILD_DIR:-$here/build}"

packages=(
    cmake ninja-build ccache g++ pkg-config
    qt6-base-dev libgl-dev
    # the browser: plots, and SVG export of what a view shows
    libqcustomplot-dev qt6-svg-dev
    libhdf5-dev
    libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev libopencv-videoio-dev
    # cameras: GenICam through Aravis; its fake GigE Vision camera serves the tests on 127.0.0.1
    libaravis-dev libusb-1.0-0-dev aravis-tools
    # recordings: blosc chunks are written and read by us with libblosc; the tests check with h5py, through the
    # standard HDF5 plugin, that other readers can read them too
    libblosc-dev hdf5-filter-plugin-blosc-serial
    nlohmann-json3-dev libfast-float-dev
    libssl-dev
    # Parquet's compression codecs (core/formats/parquet)
    zlib1g-dev libsnappy-dev libzstd-dev liblz4-dev libbrotli-dev
    # the genomic store's inputs (core/genomics): YAML metadata, bigWig tracks
    libyaml-cpp-dev libbigwig-dev
    fonts-dejavu-core
    # tests: h5py and anndata write the foreign files inspect must read; node runs the independent RFC 8785
    # oracle (nodejs and npm are added below only when no node is installed)
    python3-h5py python3-numpy python3-anndata
    # tests: the stimulus window's OpenGL presentation loop runs inside a virtual X server
    xvfb xauth libgl1-mesa-dri
)
# Only for the tests: core/files' Windows code is built with MinGW-w64 and run under Wine (tests/windows).
test_packages=(g++-mingw-w64-x86-64-posix wine64)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_packages() { # install_packages PACKAGE...
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
    command -v node >/dev/null 2>&1 || missing+=(nodejs)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
    if ((${#missing[@]} == 0)); then
        return
    fi
    say "Installing Debian packages: ${missing[*]}"
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_oracle() {
    if [[ ! -d "$here/tests/oracle/node_modules/canonicalize" || ! -d "$here/tests/oracle/node_modules/@duckdb/node-api" ]]; then
        say "Installing the independent implementations the tests compare against: RFC 8785 and DuckDB (npm ci in tests/oracle)"
        # Without the registry the suite still runs; the cross-check tests then skip and say why.
        (cd "$here/tests/oracle" && npm ci --no-audit --no-fund --loglevel=error) ||
            say "WARNING: npm ci failed; the RFC 8785 and DuckDB cross-checks will be skipped"
    fi
}

build() {
    say "Building in $build"
    cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$build" --parallel "$(nproc)"
}

command="${1:-run}"
shift || true
case "$command" in
    build)
        install_packages "${packages[@]}"
        build
        ;;
    run)
        install_packages "${packages[@]}"
        build
        if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
            exec "$build/app/macroscope" "$@"
        fi
        say "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set): running the headless demo instead."
        exec "$build/app/macroscope-cli" demo --out "${MACROSCOPE_DEMO_DIR:-$here/macroscope-demo}"
        ;;
    test)
        install_packages "${packages[@]}" "${test_packages[@]}"
        install_oracle
        build
        say "Running the test suite"
        cd "$build"
        # The .deb test (label installer) debootstraps a Debian root and installs the package into it: minutes
        # and the network, so it runs on its own: ctest -L installer (installers/linux/test-deb.sh).
        exec ctest --output-on-failure --parallel "$(nproc)" --timeout 600 -LE installer
        ;;
    *)
        echo "usage: $0 run [ARGS...] | test | build" >&2
        exit 2
        ;;
esac
