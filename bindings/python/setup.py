"""Build hook: record where libkefu.so is, as a binary's RUNPATH would.

pyproject.toml holds the metadata. This only adds kefu/_config.py to the
built package, holding the absolute path given in the KEFU_LIBRARY
environment variable at build time (or None: then kefu loads libkefu.so.0 by
SONAME, as a distribution package that installs the library system-wide
would want). kefu/_ffi.py explains the search order.
"""

import os

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyRecordingLibrary(build_py):
    def run(self):
        super().run()
        library = os.environ.get("KEFU_LIBRARY") or None
        if library is not None:
            library = os.path.abspath(library)
            if not os.path.isfile(library):
                raise SystemExit(f"KEFU_LIBRARY={library}: no such file")
        target = os.path.join(self.build_lib, "kefu", "_config.py")
        with open(target, "w", encoding="utf-8") as f:
            f.write('"""Written by setup.py at build time: do not edit."""\n\n')
            f.write(f"LIBRARY = {library!r}\n")


setup(cmdclass={"build_py": BuildPyRecordingLibrary})
