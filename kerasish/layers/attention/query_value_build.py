"""Building from (query, value[, key]) shapes, shared by MultiHeadAttention and
GroupQueryAttention: the base Layer would build from the first tensor's shape only."""


class QueryValueBuild:
    """Mixin: build(query_shape, value_shape, key_shape=None) from the call's tensors, with the
    build config in Keras's form {"shapes_dict": {"query_shape": ..., "value_shape": ...}}."""

    def _maybe_build(self, signature, args, kwargs):
        # The tensors are passed on by name (the base binds positional arguments by name), the
        # key defaulting to the value; as Keras, key_shape is recorded only for a given key.
        bound = {**dict(zip(("query", "value", "key"), args)), **kwargs}
        no_key = not self.built and bound.get("key") is None and bound.get("value") is not None
        if no_key:
            bound["key"] = bound["value"]
        super()._maybe_build(signature, (), bound)
        if no_key and self._build_shapes_dict:
            self._build_shapes_dict.pop("key_shape", None)

    def get_build_config(self):
        shapes = self._build_shapes_dict
        if not shapes:
            return None
        return {"shapes_dict": {k: v for k, v in shapes.items() if k != "input_shape"}}

    def build_from_config(self, config):
        if not config or self.built:
            return
        shapes = dict(config.get("shapes_dict", config))
        self.build(**shapes)
        self._build_shapes_dict = shapes
        self.built = True
