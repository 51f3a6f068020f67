"""Writing a file so that readers see either the old file or the complete new one.

The bytes go to a temporary file in the destination's folder (same filesystem, so the final
rename is atomic), are flushed and fsync'ed, and `os.replace` puts them in place. An exception
(or a kill) before the rename leaves the previous file untouched; the temporary is removed on
an exception and, after a kill, is only a stray ".<name>.*.tmp" beside it.
"""
import contextlib
import os
import tempfile


@contextlib.contextmanager
def atomic_write(path, overwrite=True):
    """`with atomic_write(path) as f: f.write(...)`: f is a binary file that replaces `path` when
    the block ends without an exception."""
    path = os.fspath(path)
    if not overwrite and os.path.exists(path):
        raise FileExistsError(f"{path} exists and overwrite=False.")
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise
    _fsync_folder(folder)


def write_bytes_atomically(path, data, overwrite=True):
    with atomic_write(path, overwrite=overwrite) as f:
        f.write(data)


def _fsync_folder(folder):
    """Makes the rename itself durable (where the OS allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
