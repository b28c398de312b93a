"""What Policy, Calendar and Engine share: one C handle, owned.

An object frees its handle on ``close()``, on leaving a ``with`` block, or,
as a backstop, when it is garbage collected. A closed object raises
:class:`kefu.ClosedError` on use; closing twice is harmless.
"""

from ._ffi import ffi
from .errors import ClosedError


class Handle:
    _handle = ffi.NULL  # until the constructor succeeds, and after close()

    @staticmethod
    def _release(handle):
        """The kefu_x_free() of the subclass's handle type."""
        raise NotImplementedError

    def _ptr(self):
        handle = self._handle
        if handle == ffi.NULL:
            raise ClosedError(f"this {type(self).__name__} is closed")
        return handle

    @property
    def closed(self):
        return self._handle == ffi.NULL

    def close(self):
        """Frees the C handle now. Objects made from this one stay valid."""
        handle, self._handle = self._handle, ffi.NULL
        if handle != ffi.NULL:
            self._release(handle)

    def __enter__(self):
        self._ptr()
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001 (interpreter shutdown: nothing to do)
            pass
