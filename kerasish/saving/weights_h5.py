"""Keras 3's `.weights.h5` layout: for each object of the model's tree (see saveable_tree), a
group "<path>/vars" with a `name` attribute and one dataset per variable, "0", "1", ... in the
object's own-variable order (trainable, then non-trainable). The same bytes are the
`model.weights.h5` member of a `.keras` archive.
"""
import io
import warnings

import numpy as np

from kerasish.saving.load_report import LoadReport
from kerasish.saving.saveable_tree import state_entries


def weights_h5_bytes(model):
    """The model's weights (and optimizer state, when compiled) as `.weights.h5` bytes."""
    import h5py

    _sync(model)
    buffer = io.BytesIO()
    with h5py.File(buffer, "w") as f:
        for entry in state_entries(model):
            group = f.create_group(entry.vars_path)
            group.attrs["name"] = entry.owner
            for i, variable in enumerate(entry.variables):
                value = np.asarray(variable.numpy())
                if value.dtype.name == "bfloat16":
                    group.create_dataset(str(i), data=value.view("u2")).attrs["dtype"] = "bfloat16"
                else:
                    group.create_dataset(str(i), data=value)
    return buffer.getvalue()


def _sync(model):
    """During fit the live state is held by the trainer; put it in the variables first."""
    sync = getattr(model, "_sync_training_state", None)
    if sync is not None:
        sync()


def load_weights_tree(model, tree, source, skip_mismatch=False):
    """Assigns the weights of an H5Group tree (h5_reader) in Keras 3's layout to `model`;
    returns the LoadReport. In strict mode a file that does not fit raises before any variable
    is assigned, so the model is left as it was."""
    _sync(model)
    report = LoadReport(source)
    plan = []  # (variable, value) assigned once the whole file is known to fit
    entries = state_entries(model)
    optimizer = getattr(model, "optimizer", None)
    if optimizer is not None and not optimizer.built and "optimizer/vars" in _groups(tree) \
            and model.built:
        optimizer.build(model.trainable_variables)  # so the saved slots have a place to go
        entries = state_entries(model)
    used = set()
    for entry in entries:
        group = tree.get(entry.vars_path)
        stored = dict(group.datasets) if group is not None else {}
        if entry.kind == "optimizer":
            _load_optimizer(entry, stored, report, used, plan)
            continue
        for i, variable in enumerate(entry.variables):
            path = f"{entry.vars_path}/{i}"
            data = stored.get(str(i))
            if data is None:
                report.missing(entry.owner, _name(variable, path), variable.shape)
                continue
            if _plan(entry.owner, variable, data.value, path, report, plan):
                used.add(path)
    for path, _ in tree.walk_datasets():
        if path not in used:
            report.unused.append(path)
            if path.startswith("optimizer/"):
                report.unused_ok.add(path)  # optimizer state the model has no optimizer for
    report.finish(skip_mismatch)
    for variable, value in plan:
        variable.assign(np.asarray(value).astype(variable.dtype))
    return report


def _load_optimizer(entry, stored, report, used, plan):
    """Optimizer state loads all-or-nothing (as Keras): a file for another optimizer or model
    leaves the optimizer as it is, with a warning rather than an error."""
    keys = [k for k in stored if k.isdigit()]
    if not stored:
        return
    problem = None
    variables = entry.variables
    if len(keys) < len(variables) and len(keys) <= 2:
        # Saved before its first step (unbuilt: iteration and learning rate only); the slots
        # of the built optimizer here are still their initial zeros, which is what it had.
        variables = variables[:len(keys)]
    if len(keys) != len(variables):
        problem = (f"the file holds {len(keys)} optimizer variables, the optimizer "
                   f"{entry.owner!r} has {len(entry.variables)}")
    else:
        for i, variable in enumerate(variables):
            if tuple(stored[str(i)].value.shape) != tuple(variable.shape):
                problem = (f"optimizer variable {i} has shape {tuple(stored[str(i)].value.shape)} "
                           f"in the file, {tuple(variable.shape)} in the optimizer")
                break
    if problem:
        report.notes.append(f"optimizer state not restored: {problem}")
        warnings.warn(f"Skipping the optimizer state in {report.source}: {problem}.", stacklevel=4)
        return
    for i, variable in enumerate(variables):
        path = f"{entry.vars_path}/{i}"
        used.add(path)
        plan.append((variable, stored[str(i)].value))
        report.match(path, variable.shape)


def _plan(layer, variable, value, path, report, plan):
    if tuple(value.shape) != tuple(variable.shape):
        report.mismatch(layer, _name(variable, path), variable.shape, value.shape, file_path=path)
        return False
    plan.append((variable, value))
    report.match(_name(variable, path), variable.shape)
    return True


def _name(variable, fallback):
    return getattr(variable, "path", None) or fallback


def _groups(tree):
    return {path.rsplit("/", 1)[0] for path, _ in tree.walk_datasets()}
