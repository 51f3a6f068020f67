"""The `.keras` archive: a zip with config.json, metadata.json and model.weights.h5 (Keras 3's
layout). Written in memory, then atomically to disk.

Reading never extracts anything: members are looked up by their exact name, their sizes are
capped (declared and actually decompressed), and an archive with path-traversal or absolute
member names, duplicate names, too many members or an absurd compression ratio is refused.
"""
import datetime
import io
import json
import zipfile

from kerasish.saving.errors import FileFormatError, UnsafeFileError

CONFIG = "config.json"
METADATA = "metadata.json"
WEIGHTS = "model.weights.h5"
KERAS_VERSION = "3.15.1"  # the Keras release whose format this writes
MAX_MEMBERS = 10_000
MAX_JSON_BYTES = 64 * 2**20
MAX_RATIO = 200  # decompressed / compressed; Keras stores members uncompressed (ratio 1)


def archive_bytes(config, weights_h5):
    metadata = {"keras_version": KERAS_VERSION, "kerasish": True,
                "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(METADATA, json.dumps(metadata))
        zf.writestr(CONFIG, json.dumps(config))
        zf.writestr(WEIGHTS, weights_h5)
    return buffer.getvalue()


class Archive:
    """The members of a `.keras` file, read safely: `.config`, `.metadata`, `.weights` (bytes)."""

    def __init__(self, data, source):
        self.source = source
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            infos = zf.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
            raise FileFormatError(f"{source} is not a .keras archive (not a readable zip: {e}).") from None
        self._check_names(infos)
        self._zf, self._size = zf, len(data)
        self._infos = {info.filename: info for info in infos}
        self.config = self._json(CONFIG)
        self.metadata = self._json(METADATA) if METADATA in self._infos else {}
        if WEIGHTS not in self._infos:
            other = [n for n in self._infos if n.endswith(".npz")]
            hint = " (npz weights are not supported)" if other else ""
            raise FileFormatError(f"{source} has no '{WEIGHTS}' member{hint}; members: "
                                  f"{sorted(self._infos)[:10]}.")
        self.weights = self.read(WEIGHTS, limit=MAX_RATIO * self._size)

    def _check_names(self, infos):
        if len(infos) > MAX_MEMBERS:
            raise UnsafeFileError(f"{self.source}: the zip has {len(infos)} members (a zip bomb?).")
        seen = set()
        for info in infos:
            name = info.filename
            parts = name.replace("\\", "/").split("/")
            if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
                raise UnsafeFileError(
                    f"{self.source}: the zip has a member named {name!r}, a path outside the "
                    f"archive (path traversal); a .keras file never has one.")
            if name in seen:
                raise UnsafeFileError(f"{self.source}: the zip has two members named {name!r}.")
            seen.add(name)

    def read(self, name, limit):
        info = self._infos.get(name)
        if info is None:
            raise FileFormatError(f"{self.source} has no '{name}' member.")
        if info.file_size > limit or (info.compress_size and
                                      info.file_size > MAX_RATIO * max(info.compress_size, 1024)):
            raise UnsafeFileError(
                f"{self.source}: member '{name}' declares {info.file_size} bytes "
                f"({info.compress_size} compressed), more than allowed (a zip bomb?).")
        try:
            with self._zf.open(info) as f:
                data = f.read(info.file_size + 1)  # never more than declared (+1 to notice a lie)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
            raise FileFormatError(f"{self.source}: member '{name}' is damaged: {e}") from None
        if len(data) != info.file_size:
            raise FileFormatError(f"{self.source}: member '{name}' does not hold its declared size.")
        return data

    def _json(self, name):
        data = self.read(name, limit=MAX_JSON_BYTES)
        try:
            return json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as e:
            raise FileFormatError(f"{self.source}: member '{name}' is not valid JSON: {e}") from None
