"""Hypothesis fuzzing: valid weights and .keras files mutated in their bytes and in their HDF5
structure either load or raise the library's own error (SavingError), never anything else.
The number of cases that ran is printed and recorded as a test property."""
import io
import warnings
import zipfile

import h5py
import numpy as np
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

import kerasish  # noqa: E402
from kerasish.saving import SavingError  # noqa: E402
from tests.saving import hostile_files as hf  # noqa: E402

FUZZ = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def originals(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    with kerasish.backend.use_backend("numpy"):
        model = hf.valid_model()
        model.compile("adam", "mse")
        model.fit(np.ones((4, 3)), np.ones((4, 2)), verbose=0)
        model.save_weights(folder / "w.weights.h5")
        model.save(folder / "m.keras")
    return folder, (folder / "w.weights.h5").read_bytes(), (folder / "m.keras").read_bytes()


def _attempt(load):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            load()
            return "loaded"
        except SavingError:
            return "refused"


byte_edits = st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
                      min_size=1, max_size=8)


def _mutate_bytes(data, edits, cut):
    data = bytearray(data)
    for where, value in edits:
        data[int(where * len(data))] = value
    return bytes(data[: max(1, int(cut * len(data)))]) if cut < 1 else bytes(data)


def test_fuzz_weights_bytes(originals, tmp_path_factory, record_property):
    folder, weights, _ = originals
    ran, outcomes = [0], set()

    @FUZZ
    @given(edits=byte_edits, cut=st.sampled_from([1.0, 1.0, 1.0, 0.9, 0.5, 0.05]))
    def run(edits, cut):
        ran[0] += 1
        path = folder / "fuzz.weights.h5"
        path.write_bytes(_mutate_bytes(weights, edits, cut))
        with kerasish.backend.use_backend("numpy"):
            model = hf.valid_model()
            outcomes.add(_attempt(lambda: model.load_weights(path)))
    run()
    print(f"fuzz weights bytes: {ran[0]} cases, outcomes {sorted(outcomes)}")
    record_property("cases", ran[0])
    assert ran[0] >= 80


def _structure_edit(f, kind, rng):
    datasets = []
    f.visititems(lambda n, o: datasets.append(n) if isinstance(o, h5py.Dataset) else None)
    target = datasets[rng.integers(len(datasets))]
    parent, name = target.rsplit("/", 1)
    if kind == "delete":
        del f[target]
    elif kind == "reshape":
        del f[target]
        f[parent].create_dataset(name, data=np.zeros(tuple(rng.integers(0, 5, rng.integers(0, 4))),
                                                     "float32"))
    elif kind == "retype":
        data = f[target][()]
        del f[target]
        f[parent].create_dataset(name, data=np.asarray(data).astype(rng.choice(["int8", "float64", "uint16", "bool"])))
    elif kind == "group":
        del f[target]
        f[parent].create_group(name)
    elif kind == "extra":
        f[parent].create_dataset(f"{rng.integers(2, 50)}", data=np.ones((2,), "float32"))
    elif kind == "rename":
        f.move(parent, parent + "_x")
    elif kind == "attr":
        values = [b"layers", np.array([b"zzz"]), np.arange(3)]
        f[parent].attrs[str(rng.choice(["name", "layer_names", "weight_names"]))] = \
            values[rng.integers(len(values))]
    elif kind == "hardlink":
        f[parent]["loop"] = f["/"]
    elif kind == "softlink":
        f[parent][f"{name}_s"] = h5py.SoftLink("/" + target)


STRUCTURE = ["delete", "reshape", "retype", "group", "extra", "rename", "attr", "hardlink",
             "softlink"]


def test_fuzz_hdf5_structure_and_archives(originals, record_property):
    folder, weights, archive = originals
    ran, outcomes = [0], set()

    @FUZZ
    @given(kinds=st.lists(st.sampled_from(STRUCTURE), min_size=1, max_size=3),
           seed=st.integers(0, 2**16), in_archive=st.booleans(), skip=st.booleans())
    def run(kinds, seed, in_archive, skip):
        ran[0] += 1
        rng = np.random.default_rng(seed)
        path = folder / "s.weights.h5"
        path.write_bytes(weights)
        with h5py.File(path, "a") as f:
            for kind in kinds:
                try:
                    _structure_edit(f, kind, rng)
                except (ValueError, KeyError, OSError):
                    pass  # that edit does not apply to this file (a name taken, gone...)
        with kerasish.backend.use_backend("numpy"):
            if in_archive:
                members = {n: zipfile.ZipFile(io.BytesIO(archive)).read(n)
                           for n in ("config.json", "metadata.json")}
                members["model.weights.h5"] = path.read_bytes()
                target = folder / "s.keras"
                target.write_bytes(hf.archive(members))
                outcomes.add(_attempt(lambda: kerasish.saving.load_model(target)))
            else:
                model = hf.valid_model()
                outcomes.add(_attempt(lambda: model.load_weights(path, skip_mismatch=skip)))
    run()
    print(f"fuzz HDF5 structure: {ran[0]} cases, outcomes {sorted(outcomes)}")
    record_property("cases", ran[0])
    assert ran[0] >= 80 and "refused" in outcomes


def test_fuzz_archive_bytes(originals, record_property):
    folder, _, archive = originals
    ran = [0]

    @settings(FUZZ, max_examples=40)
    @given(edits=byte_edits, cut=st.sampled_from([1.0, 1.0, 0.7, 0.2]))
    def run(edits, cut):
        ran[0] += 1
        path = folder / "f.keras"
        path.write_bytes(_mutate_bytes(archive, edits, cut))
        with kerasish.backend.use_backend("numpy"):
            _attempt(lambda: kerasish.saving.load_model(path))
    run()
    print(f"fuzz archive bytes: {ran[0]} cases")
    record_property("cases", ran[0])
