#!/bin/sh
# Installs a build into a temporary prefix, then builds the out-of-tree
# consumer (tests/capi/consumer) against it both ways a user would:
# find_package(kefu) with CMake, and plain cc with pkg-config. Runs both.
#
#   install_test.sh BUILD_DIR CONSUMER_DIR POLICY.json
#
# KEFU_TEST_CFLAGS (optional) is added to the consumer's C flags: the
# sanitizer build passes -fsanitize=..., which a consumer of an
# instrumented library needs.
set -eu
build=$1
consumer=$2
policy=$3
cflags=${KEFU_TEST_CFLAGS:-}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log"

lib=$(find "$prefix" -name 'libkefu.so.*.*.*' | head -n 1)
[ -n "$lib" ] || { echo "FAIL: no libkefu.so.N.N.N installed"; exit 1; }
libdir=$(dirname "$lib")
for f in "$prefix/include/kefu.h" "$prefix/include/kefu_version.h" \
         "$libdir/libkefu.so" "$libdir/pkgconfig/kefu.pc" \
         "$libdir/cmake/kefu/kefuConfig.cmake" \
         "$libdir/cmake/kefu/kefuConfigVersion.cmake"; do
  [ -e "$f" ] || { echo "FAIL: $f was not installed"; exit 1; }
done
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
echo "installed $(basename "$lib"), SONAME $soname"

echo "== find_package(kefu)"
cmake -S "$consumer" -B "$tmp/cmake-build" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_FLAGS="-Werror -pedantic $cflags" \
  >"$tmp/configure.log" || { cat "$tmp/configure.log"; exit 1; }
cmake --build "$tmp/cmake-build" >"$tmp/build.log" ||
  { cat "$tmp/build.log"; exit 1; }
readelf -d "$tmp/cmake-build/kefu_consumer" | grep -q "NEEDED.*\[$soname\]" ||
  { echo "FAIL: the consumer does not need $soname"; exit 1; }
# CMake gives the build tree an rpath to the imported library.
"$tmp/cmake-build/kefu_consumer" "$policy"

echo "== pkg-config"
PKG_CONFIG_PATH=$libdir/pkgconfig
export PKG_CONFIG_PATH
echo "pkg-config --cflags --libs kefu: $(pkg-config --cflags --libs kefu)"
[ "$(pkg-config --modversion kefu)" != "" ]
# shellcheck disable=SC2046,SC2086
cc -std=c99 -pedantic -Werror $cflags "$consumer/consumer.c" \
  $(pkg-config --cflags --libs kefu) -o "$tmp/consumer-pc"
LD_LIBRARY_PATH=$libdir "$tmp/consumer-pc" "$policy"
echo "PASS"
