"""A careful HDF5 reader: the whole file becomes plain Python data (groups, attributes, numpy
arrays), and everything a hostile file could use is refused before it is touched.

Refused, with UnsafeFileError: soft, external and user-defined links (only hard links are
followed), virtual datasets, external storage, committed datatypes, non-numeric data and
attributes (references, compounds, opaque), declared sizes the file's bytes cannot hold (checked
from the dataspace before any read, so a "shape bomb" allocates nothing), and absurd nesting.
Anything h5py itself cannot parse (not HDF5, truncated, corrupted) becomes FileFormatError.
"""
import io
import math

import numpy as np

from kerasish.saving.errors import FileFormatError, SavingError, UnsafeFileError

HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"
MAX_OBJECTS = 100_000
MAX_DEPTH = 64
# A compressed dataset may decode to more bytes than the file holds; not to more than this many
# times the file's size (zlib's best ratio is about 1000:1 on zeros; weights compress far less).
MAX_COMPRESSION_RATIO = 64


class H5Group:
    def __init__(self, path):
        self.path = path
        self.attrs = {}
        self.groups = {}
        self.datasets = {}

    def get(self, path):
        """The group at a '/'-separated path below this one, or None."""
        node = self
        for part in [p for p in path.split("/") if p]:
            node = node.groups.get(part)
            if node is None:
                return None
        return node

    def walk_datasets(self):
        """(path, H5Dataset) for every dataset below this group."""
        for ds in self.datasets.values():
            yield ds.path, ds
        for group in self.groups.values():
            yield from group.walk_datasets()


class H5Dataset:
    def __init__(self, path, value, attrs):
        self.path = path
        self.value = value
        self.attrs = attrs


def is_hdf5(data):
    """True when the bytes start with an HDF5 superblock (at 0 or a power-of-two user block)."""
    offset = 0
    while offset + 8 <= len(data):
        if data[offset:offset + 8] == HDF5_SIGNATURE:
            return True
        offset = 512 if offset == 0 else offset * 2
    return False


def read_h5(source, what="file"):
    """The H5Group tree of an HDF5 file given as a path or bytes; `what` names it in errors."""
    import h5py

    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    else:
        with open(source, "rb") as f:
            data = f.read()
        what = f"{what} {source}" if what == "file" else what
    if not is_hdf5(data):
        raise FileFormatError(f"The {what} is not an HDF5 file (no HDF5 signature).")
    reader = _Reader(len(data), what)
    try:
        with h5py.File(io.BytesIO(data), "r") as f:
            return reader.group(f, "", 0, ())
    except SavingError:
        raise
    except Exception as e:  # h5py raises OSError, KeyError, RuntimeError... for damaged files
        raise FileFormatError(
            f"The {what} is a damaged or truncated HDF5 file: {type(e).__name__}: {e}") from None


class _Reader:
    def __init__(self, file_size, what):
        self.file_size = file_size
        self.what = what
        self.objects = 0
        self.decoded = 0  # bytes of data read so far, against the file's size

    def refuse(self, path, why):
        raise UnsafeFileError(f"Refusing the {self.what}: {why} at '/{path}'.")

    def group(self, h5group, path, depth, ancestors):
        import h5py

        address = h5py.h5o.get_info(h5group.id).addr
        if address in ancestors:
            self.refuse(path, "a hard link cycle (a group containing itself)")
        ancestors = ancestors + (address,)
        if depth > MAX_DEPTH:
            self.refuse(path, f"groups nested more than {MAX_DEPTH} deep")
        node = H5Group(path)
        node.attrs = self.attributes(h5group, path)
        for name in h5group.keys():
            self.objects += 1
            if self.objects > MAX_OBJECTS:
                self.refuse(path, f"more than {MAX_OBJECTS} objects")
            child_path = f"{path}/{name}" if path else name
            link = h5group.id.links.get_info(name.encode("utf-8")).type
            if link != h5py.h5l.TYPE_HARD:
                kind = {h5py.h5l.TYPE_SOFT: "a soft link",
                        h5py.h5l.TYPE_EXTERNAL: "an external link"}.get(link, "a user-defined link")
                self.refuse(child_path, f"{kind} (only plain hard links are read)")
            child = h5group.get(name)
            if isinstance(child, h5py.Group):
                node.groups[name] = self.group(child, child_path, depth + 1, ancestors)
            elif isinstance(child, h5py.Dataset):
                node.datasets[name] = self.dataset(child, child_path)
            else:
                self.refuse(child_path, f"an object of type {type(child).__name__}")
        return node

    def dataset(self, ds, path):
        if ds.is_virtual:
            self.refuse(path, "a virtual dataset (data from other files)")
        plist = ds.id.get_create_plist()
        if plist.get_external_count() > 0:
            self.refuse(path, "a dataset with external storage (data in other files)")
        attrs = self.attributes(ds, path)
        dtype = ds.dtype
        bfloat16 = attrs.get("dtype") == "bfloat16" and dtype.itemsize == 2
        if not (dtype.kind in "biuf" or bfloat16) or dtype.fields is not None \
                or dtype.subdtype is not None:
            self.refuse(path, f"a dataset of non-numeric type {dtype}")
        shape = ds.shape
        if shape is None:
            self.refuse(path, "a dataset without a dataspace")
        nbytes = math.prod(int(d) for d in shape) * dtype.itemsize
        stored = ds.id.get_storage_size()
        compressed = plist.get_nfilters() > 0
        limit = MAX_COMPRESSION_RATIO * self.file_size if compressed else min(stored, self.file_size)
        if nbytes > limit or self.decoded + nbytes > MAX_COMPRESSION_RATIO * self.file_size:
            self.refuse(path, f"a dataset declaring shape {tuple(shape)} of {dtype} ({nbytes} "
                              f"bytes) that the file ({self.file_size} bytes, {stored} stored for "
                              f"this dataset) cannot hold")
        self.decoded += nbytes
        value = np.empty(shape, dtype=dtype)
        if nbytes:
            ds.read_direct(value)
        if bfloat16:
            import ml_dtypes
            value = value.view(ml_dtypes.bfloat16)
        return H5Dataset(path, value, attrs)

    def attributes(self, obj, path):
        import h5py

        result = {}
        for name in obj.attrs.keys():
            aid = h5py.h5a.open(obj.id, name.encode("utf-8"))
            dtype, shape = aid.dtype, aid.shape
            string = h5py.check_string_dtype(dtype) is not None
            if not (string or dtype.kind in "biufS") or dtype.fields is not None \
                    or h5py.check_dtype(ref=dtype) is not None:
                self.refuse(path, f"an attribute {name!r} of unsupported type {dtype}")
            count = math.prod(int(d) for d in shape) if shape else 1
            if count * dtype.itemsize > self.file_size + 64:
                self.refuse(path, f"an attribute {name!r} declaring {count} values, more than "
                                  f"the file can hold")
            result[name] = _plain(obj.attrs[name])
        return result


def _plain(value):
    """Attribute values as Python data: bytes -> str, arrays of strings -> lists of str."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "SOU":
            return [_plain(v) for v in value.tolist()]
        return value
    if isinstance(value, np.generic):
        return value.item()
    return value
