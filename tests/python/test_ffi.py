"""The cdef in kefu/_ffi.py against capi/kefu.h, and the library it loads.

cffi's ABI mode believes whatever the cdef says: a parameter added to the
header but not to the cdef would crash, not fail. So both are parsed with
pycparser (cffi's own C parser) and compared declaration by declaration:
functions (types, parameter names ignored), structs, enums and integer
#defines.
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest
from pycparser import c_ast, c_generator, c_parser

import kefu
from kefu import _ffi

from conftest import REPO

HEADER = REPO / "capi" / "kefu.h"
# What the header's #includes provide, as far as its declarations go.
STUB_TYPES = ("typedef unsigned long size_t;\n"
              "typedef long int64_t;\n"
              "typedef unsigned long uint64_t;\n"
              "typedef int int32_t;\n"
              "typedef unsigned int uint32_t;\n")


def _strip_param_names(node):
    """Parameter names are not part of the ABI: blank them in a FuncDecl."""
    if isinstance(node, c_ast.FuncDecl) and node.args is not None:
        for param in node.args.params:
            if isinstance(param, c_ast.Decl):
                param.name = None
                inner = param.type
                while not isinstance(inner, c_ast.TypeDecl):
                    inner = inner.type
                inner.declname = None
    for _, child in node.children():
        _strip_param_names(child)


def _declarations(source):
    """{name: canonical C text} for each top-level declaration."""
    ast = c_parser.CParser().parse(STUB_TYPES + source, filename="<kefu>")
    generator = c_generator.CGenerator()
    stubs = {"size_t", "int64_t", "uint64_t", "int32_t", "uint32_t"}
    found = {}
    for node in ast.ext:
        if node.name in stubs:
            continue
        _strip_param_names(node)
        name = node.name
        if name is None:  # a bare `struct x {...};` or `enum x {...};`
            name = node.type.name
        text = " ".join(generator.visit(node).split())
        key = f"{type(node).__name__} {name}"
        assert key not in found, f"declared twice: {key}"
        found[key] = text
    return found


def _header_source(tmp_path):
    """capi/kefu.h through the C preprocessor, KEFU_EXPERIMENTAL defined,
    its system headers replaced by the stub types (pycparser reads C, not
    glibc's extensions).
    """
    cpp = shutil.which("cpp")
    if cpp is None:
        pytest.skip("no C preprocessor (cpp): install build-essential")
    for name in ("stddef.h", "stdint.h", "kefu_version.h"):
        (tmp_path / name).write_text("")
    result = subprocess.run(
        [cpp, "-P", "-nostdinc", "-undef", "-DKEFU_EXPERIMENTAL",
         f"-I{tmp_path}", str(HEADER)],
        check=True, capture_output=True, text=True)
    return result.stdout


def _int_defines(text):
    return dict(re.findall(r"^\s*#\s*define\s+(KEFU_\w+)\s+(-?\d+)\s*$", text,
                           re.MULTILINE))


def _differences(header, cdef_text):
    """What differs between the header's declarations and a cdef's."""
    cdef = _declarations(re.sub(r"^\s*#.*$", "", cdef_text, flags=re.MULTILINE))
    problems = [f"in capi/kefu.h, not in the CDEF: {k}"
                for k in sorted(set(header) - set(cdef))]
    problems += [f"in the CDEF, not in capi/kefu.h: {k}"
                 for k in sorted(set(cdef) - set(header))]
    problems += [f"differs: {k}\n  header: {header[k]}\n  cdef:   {cdef[k]}"
                 for k in sorted(set(header) & set(cdef)) if header[k] != cdef[k]]
    return problems


def test_cdef_declares_exactly_the_header(tmp_path):
    header = _declarations(_header_source(tmp_path))
    problems = _differences(header, _ffi.CDEF)
    assert not problems, "kefu/_ffi.py CDEF drifted:\n" + "\n".join(problems)
    # Every exported function is declared (the experimental ones too).
    functions = {k.split()[1] for k in header if k.startswith("Decl kefu_")}
    assert "kefu_engine_explain" in functions
    assert len(functions) >= 25


@pytest.mark.parametrize("before, after", [
    ("size_t n,", "int n,"),                                   # a type
    ("int kefu_abi_version(void);", ""),                       # a function
    ("KEFU_ENULL = -8", "KEFU_ENULL = -9"),                    # an enum value
    ("unsigned int version;", "unsigned int version; int x;"),  # a field
    ("const kefu_engine* engine,\n                           int64_t",
     "kefu_engine* engine,\n                           int64_t"),  # a const
])
def test_the_comparison_catches_drift(tmp_path, before, after):
    header = _declarations(_header_source(tmp_path))
    assert before in _ffi.CDEF
    assert _differences(header, _ffi.CDEF.replace(before, after, 1))


def test_cdef_integer_macros_match_the_header():
    header = _int_defines(HEADER.read_text())
    assert _int_defines(_ffi.CDEF) == header
    assert header  # KEFU_ENGINE_OPTIONS_VERSION at least


def test_declared_abi_is_the_projects():
    cmake = (REPO / "CMakeLists.txt").read_text()
    abi = re.search(r"set\(KEFU_ABI_VERSION (\d+)\)", cmake).group(1)
    assert _ffi.ABI_VERSION == int(abi)
    assert kefu.abi_version() == _ffi.ABI_VERSION


def test_package_version_is_the_librarys():
    number = kefu.version_number()
    major, minor, patch = number // 10000, number // 100 % 100, number % 100
    assert kefu.__version__ == f"{major}.{minor}.{patch}"


def test_error_codes_mirror_the_enum():
    assert [int(c) for c in kefu.Code] == list(range(0, -9, -1))
    assert kefu.Code.EREFUSED == _ffi.lib.KEFU_EREFUSED


def test_finds_the_library_without_environment_variables():
    env = {k: v for k, v in os.environ.items()
           if k not in ("LD_LIBRARY_PATH", "LD_PRELOAD", "KEFU_LIBRARY")}
    out = subprocess.run(
        [sys.executable, "-c",
         "import kefu; print(kefu.library_path); print(kefu.abi_version())"],
        env=env, cwd="/", check=True, capture_output=True, text=True).stdout
    path, abi = out.split()
    assert abi == str(_ffi.ABI_VERSION)
    assert pathlib.Path(path).name == _ffi.SONAME


def test_explicit_library_that_does_not_load_fails_the_import(tmp_path):
    env = dict(os.environ, KEFU_LIBRARY=str(tmp_path / "libkefu.so.0"))
    result = subprocess.run([sys.executable, "-c", "import kefu"], env=env,
                            cwd="/", capture_output=True, text=True)
    assert result.returncode != 0
    assert "cannot load the kefu shared library" in result.stderr
