"""A corpus of hostile and broken files, made on the fly, modelled on the published Keras CVEs
(Lambda bytecode, configs naming arbitrary functions or modules, HDF5 external links) and on
classic parser attacks (shape bombs, zip bombs, path traversal)."""
import base64
import io
import json
import marshal
import zipfile

import h5py
import numpy as np


def valid_model():
    import kerasish
    return kerasish.Sequential([kerasish.Input((3,)), kerasish.layers.Dense(4),
                                kerasish.layers.Dense(2)])


def archive(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def members_of(path):
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def with_config(path, edit):
    """The .keras file at `path` with its config.json passed through `edit(config)`."""
    members = members_of(path)
    config = json.loads(members["config.json"])
    edit(config)
    members["config.json"] = json.dumps(config).encode()
    return archive(members)


def marker_code(marker):
    """Bytecode of a lambda that would create the file `marker` when run."""
    fn = eval(f"lambda x: (open({str(marker)!r}, 'w').close(), x)[1]")
    return base64.b64encode(marshal.dumps(fn.__code__)).decode()


def lambda_entry(marker):
    return {"class_name": "__lambda__", "config": {"value": [marker_code(marker), None, None]}}


# -- HDF5 ---------------------------------------------------------------------------------------
def edit_h5(src, dst, edit):
    with open(src, "rb") as f:
        data = f.read()
    with open(dst, "wb") as f:
        f.write(data)
    with h5py.File(dst, "a") as f:
        edit(f)
    return dst


def external_link(f, tmp_path):
    target = tmp_path / "elsewhere.h5"
    with h5py.File(target, "w") as g:
        g["secret"] = np.ones((4,), "float32")
    del f["layers/dense/vars/1"]
    f["layers/dense/vars/1"] = h5py.ExternalLink(str(target), "/secret")


def soft_link(f):
    del f["layers/dense/vars/1"]
    f["layers/dense/vars/1"] = h5py.SoftLink("/layers/dense_1/vars/1")


def external_storage(f, tmp_path):
    raw = tmp_path / "raw.bin"
    raw.write_bytes(np.ones((4,), "float32").tobytes())
    del f["layers/dense/vars/1"]
    f["layers/dense/vars"].create_dataset("1", shape=(4,), dtype="float32",
                                          external=[(str(raw), 0, 16)])


def virtual_dataset(f):
    layout = h5py.VirtualLayout(shape=(4,), dtype="float32")
    layout[:] = h5py.VirtualSource(f["layers/dense/vars/1"])
    f.create_virtual_dataset("layers/dense/vars/2", layout)


def shape_bomb(f):
    """Declares 40 GB of float32 that the file never stores."""
    del f["layers/dense/vars/0"]
    f["layers/dense/vars"].create_dataset("0", shape=(100_000, 100_000), dtype="float32",
                                          chunks=(100, 100))


def compressed_bomb(f):
    """8 MB of zeros in a few KB of gzip: decodes to far more than the file's size."""
    del f["layers/dense/vars/0"]
    f["layers/dense/vars"].create_dataset("0", data=np.zeros((2048, 1024), "float32"),
                                          compression="gzip", compression_opts=9, chunks=True)


def string_dataset(f):
    del f["layers/dense/vars/1"]
    f["layers/dense/vars"].create_dataset("1", data=np.array([b"abcd"] * 4))


def reference_attribute(f):
    f["layers/dense/vars"].attrs["name"] = f["layers/dense_1"].ref
