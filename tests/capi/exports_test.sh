#!/bin/sh
# libkefu.so exports only kefu_* symbols, every function kefu.h declares
# among them, and its SONAME carries the ABI major version.
#
#   exports_test.sh LIBKEFU_SO KEFU_H ABI_VERSION
set -eu
lib=$1
header=$2
abi=$3

defined=$(nm -D --defined-only "$lib" | awk '{print $NF}' | sort -u)
stray=$(printf '%s\n' "$defined" | grep -v '^kefu_' || true)
if [ -n "$stray" ]; then
  echo "FAIL: symbols exported beyond kefu_*:"
  printf '%s\n' "$stray"
  exit 1
fi

missing=""
for name in $(grep -o 'KEFU_API [^(]*\bkefu_[a-z_0-9]*(' "$header" |
              grep -o 'kefu_[a-z_0-9]*' | sort -u); do
  printf '%s\n' "$defined" | grep -qx "$name" || missing="$missing $name"
done
[ -z "$missing" ] || { echo "FAIL: declared but not exported:$missing"; exit 1; }

soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libkefu.so.$abi" ] ||
  { echo "FAIL: SONAME is '$soname', expected libkefu.so.$abi"; exit 1; }
echo "PASS: $(printf '%s\n' "$defined" | wc -l) symbols, all kefu_*; SONAME $soname"
