"""What a layer's `call` and `build` signatures accept, read once per class."""
import functools
import inspect


class CallSignature:
    def __init__(self, call):
        params = dict(inspect.signature(call).parameters)
        params.pop("self", None)  # read from the class: `call` is unbound
        self.names = [n for n, p in params.items()
                      if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        self.positional = [n for n, p in params.items()
                           if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        self.has_training = "training" in params
        self.training_default = params["training"].default if self.has_training else None
        if self.training_default is inspect.Parameter.empty:
            self.training_default = None
        self.has_mask = "mask" in params
        self.accepts_kwargs = any(p.kind == p.VAR_KEYWORD for p in params.values())
        self.first_name = self.positional[0] if self.positional else None

    def bind(self, args, kwargs):
        """{argument name: value} for the arguments passed (positional ones by position)."""
        bound = dict(zip(self.positional, args))
        bound.update(kwargs)
        return bound

    def first_arg(self, args, kwargs):
        if args:
            return args[0]
        return kwargs.get(self.first_name)


@functools.lru_cache(maxsize=None)
def call_signature(cls):
    return CallSignature(cls.call)


@functools.lru_cache(maxsize=None)
def build_argument_names(cls):
    params = inspect.signature(cls.build).parameters
    return [n for n, p in params.items()
            if n != "self" and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
