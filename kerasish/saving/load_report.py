"""What a load did: which weights matched, which the model kept (skipped, with why), which had
another shape in the file (both shapes), and what in the file nothing used.

Loading is strict by default: a mismatch, a model weight the file lacks, or a weight of the file
the model has no place for raises WeightsMismatchError naming the layer and both shapes.
`skip_mismatch=True` (the same meaning for every format) loads what fits, leaves the rest as it
was and warns with the report instead.
"""
import warnings

from kerasish.saving.errors import WeightsMismatchError


class LoadReport:
    def __init__(self, source):
        self.source = source
        self.matched = []     # (model weight path, shape)
        self.skipped = []     # (model weight path, reason): left as they were
        self.mismatched = []  # (layer name, model weight path, model shape, file shape)
        self.unused = []      # file entries that nothing in the model read
        self.unused_ok = set()  # unused entries that are not an error (optimizer state)
        self.notes = []       # non-fatal remarks (optimizer state not restored, ...)
        self._mismatched_in_file = set()  # file entries already reported as mismatched

    def match(self, path, shape):
        self.matched.append((path, tuple(shape)))

    def mismatch(self, layer, path, model_shape, file_shape, file_path=None):
        if file_path is not None:
            self._mismatched_in_file.add(file_path)
        self.mismatched.append((layer, path, tuple(model_shape), tuple(file_shape)))
        self.skipped.append((path, f"shape {tuple(file_shape)} in the file, "
                                   f"{tuple(model_shape)} in the model"))

    def missing(self, layer, path, shape):
        self.skipped.append((path, f"not in the file (layer {layer!r}, shape {tuple(shape)})"))

    @property
    def ok(self):
        return not (self.skipped or self.strict_unused)

    @property
    def strict_unused(self):
        return [p for p in self.unused if p not in self.unused_ok]

    def finish(self, skip_mismatch):
        """Raises (strict) or warns (skip_mismatch) when something did not fit; returns self."""
        if self.ok:
            return self
        if skip_mismatch:
            warnings.warn(f"Loaded with skip_mismatch=True; some weights did not fit.\n{self}",
                          stacklevel=3)
            return self
        lines = []
        for layer, path, model_shape, file_shape in self.mismatched:
            lines.append(f"Layer {layer!r}: weight {path!r} has shape {model_shape} in the model "
                         f"but {file_shape} in the file.")
        mismatched = {m[1] for m in self.mismatched}
        lines += [f"Model weight {path!r}: {why}." for path, why in self.skipped
                  if path not in mismatched]
        lines += [f"File entry {path!r} fits nothing in the model." for path in self.strict_unused
                  if path not in self._mismatched_in_file]
        raise WeightsMismatchError(
            f"The weights in {self.source} do not fit this model (another architecture?):\n  "
            + "\n  ".join(lines[:20]) + (f"\n  ... and {len(lines) - 20} more" if len(lines) > 20 else "")
            + "\nPass skip_mismatch=True to load only what fits.")

    def __str__(self):
        out = [f"Load report for {self.source}: {len(self.matched)} matched, "
               f"{len(self.skipped)} skipped, {len(self.mismatched)} mismatched, "
               f"{len(self.unused)} unused in the file."]
        out += [f"  mismatched: layer {l!r} {p}: model {m}, file {f}" for l, p, m, f in self.mismatched]
        out += [f"  skipped: {p} ({why})" for p, why in self.skipped]
        out += [f"  unused: {p}" for p in self.unused]
        out += [f"  note: {n}" for n in self.notes]
        return "\n".join(out)

    def __repr__(self):
        return (f"<LoadReport matched={len(self.matched)} skipped={len(self.skipped)} "
                f"mismatched={len(self.mismatched)} unused={len(self.unused)}>")
