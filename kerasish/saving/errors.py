"""The errors kerasish raises for files it cannot or will not load.

Every problem with a file (not HDF5, truncated, hostile, for another architecture, holding code)
is one of these, so a caller can catch `kerasish.saving.SavingError` and know the file was refused
without anything having been run or allocated. They subclass ValueError, as Keras raises
ValueError for bad files; an unreadable path still raises the OS's own OSError.
"""


class SavingError(ValueError):
    """Base of every error about a model or weights file."""


class FileFormatError(SavingError):
    """The file is not a readable file of the expected format (not HDF5 or zip, truncated,
    corrupted, missing members)."""


class UnsafeFileError(SavingError):
    """The file holds something kerasish refuses to read: code, links out of the file, external
    storage, declared sizes the file cannot hold, a zip bomb, a path-traversal member."""


class UnsafeCodeError(UnsafeFileError):
    """The file holds Python code (Lambda bytecode); loading it needs `safe_mode=False`."""


class WeightsMismatchError(SavingError):
    """The weights in the file do not fit the model (another architecture)."""


class ConfigError(SavingError):
    """The model config in the file cannot be rebuilt (unknown class or function, bad values)."""
