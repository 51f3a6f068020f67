"""Where each variable of a model lives in a Keras 3 weights file.

Keras 3 walks the model's object tree: an object's own variables go to "<path>/vars/<i>"; a
Sequential or Functional model's `layers` come first (path "layers/<snake_case class name>",
numbered "_1", "_2"... within the list); then every other attribute in sorted order (private
ones last) holding a layer, the optimizer, or a list/dict of them ("container" for a nested
list). An object reached twice is stored once, at its first path. Paths therefore name the
attribute or class, never the layer's (auto-generated) name, so two instances of the same
architecture share paths.
"""
import re

from kerasish.layers.layer import Layer


class Entry:
    """One object's own state: its path ("" for the model itself), display name, variables,
    and kind ("layer" or "optimizer")."""

    def __init__(self, path, owner, variables, kind):
        self.path = path
        self.owner = owner
        self.variables = variables
        self.kind = kind

    @property
    def vars_path(self):
        return f"{self.path}/vars" if self.path else "vars"


def to_snake_case(name):
    """Keras's naming.to_snake_case ("Conv2DTranspose" -> "conv2d_transpose")."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def state_entries(model):
    """The Entry list of `model` (layers and, when compiled, the optimizer), in Keras's order."""
    entries, visited = [], set()
    _visit(model, "", entries, visited)
    return entries


def _is_optimizer(obj):
    from kerasish.optimizers import Optimizer
    return isinstance(obj, Optimizer)


def _visit(obj, path, entries, visited):
    if id(obj) in visited:
        return
    visited.add(id(obj))
    if _is_optimizer(obj):
        entries.append(Entry(path, obj.name, list(obj.variables), "optimizer"))
        return
    entries.append(Entry(path, obj.name, obj._own_weights(), "layer"))
    for attr, child in _children(obj):
        child_path = f"{path}/{attr}" if path else attr
        if isinstance(child, Layer) or _is_optimizer(child):
            _visit(child, child_path, entries, visited)
        elif isinstance(child, (list, tuple, dict)):
            _visit_container(child, child_path, entries, visited, set())


def _visit_container(container, path, entries, visited, seen_containers):
    if id(container) in seen_containers:
        return
    seen_containers.add(id(container))
    used = {}
    for item in (container.values() if isinstance(container, dict) else container):
        if isinstance(item, Layer) or _is_optimizer(item):
            _visit(item, f"{path}/{_unique(to_snake_case(type(item).__name__), used)}",
                   entries, visited)
        elif isinstance(item, (list, tuple, dict)):
            _visit_container(item, f"{path}/{_unique('container', used)}", entries, visited,
                             seen_containers)


def _unique(name, used):
    if name in used:
        used[name] += 1
        return f"{name}_{used[name]}"
    used[name] = 0
    return name


def _name_key(name):
    return f"~{name}" if name.startswith("_") else name  # private attributes last, as Keras


def _children(obj):
    """(attribute, value) pairs Keras's walk visits, minus kerasish's own bookkeeping."""
    from kerasish.models.functional import Functional
    from kerasish.models.sequential import Sequential

    if isinstance(obj, (Functional, Sequential)):
        yield "layers", list(obj.layers)
    names = set(vars(obj)) | _user_properties(type(obj))
    for name in sorted(names - _internal_attributes(), key=_name_key):
        if name.startswith("__"):
            continue
        try:
            value = getattr(obj, name)
        except Exception:
            continue
        yield name, value


def _user_properties(cls):
    """Properties defined by user classes (not kerasish's), which Keras's dir() walk sees."""
    names = set()
    for klass in cls.__mro__:
        if klass.__module__.startswith("kerasish.") or klass is object:
            continue
        names.update(k for k, v in vars(klass).items() if isinstance(v, property))
    return names


_INTERNAL = None


def _internal_attributes():
    """Attributes kerasish's Layer/Model/Sequential/Functional/Trainer set for themselves (the
    counterpart of Keras's skip set, dir(Layer())), except `optimizer`."""
    global _INTERNAL
    if _INTERNAL is None:
        from kerasish.models.sequential import Sequential
        names = set(vars(Layer(name="reference"))) | set(vars(Sequential(name="reference")))
        names |= {"_inputs", "_inputs_struct", "_outputs", "_outputs_struct", "_nodes_by_depth",
                  "_operations", "_functional", "_stack", "_compile_loss", "_compile_metrics",
                  "_loss_tracker", "_functions", "_running", "_compile_config", "history",
                  "loss", "compiled", "stop_training", "steps_per_execution", "run_eagerly",
                  "jit_compile", "_initial_epoch", "_layers"}
        _INTERNAL = frozenset(names)
    return _INTERNAL
