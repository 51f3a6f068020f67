"""kerasish.layers: merging layers. Their functional forms (`add([a, b])`, ...) are exported by
kerasish.layers only, so the names here stay the modules (`merging.add` is add.py)."""
from kerasish.layers.merging.add import Add
from kerasish.layers.merging.average import Average
from kerasish.layers.merging.base_merge import Merge
from kerasish.layers.merging.concatenate import Concatenate
from kerasish.layers.merging.dot import Dot
from kerasish.layers.merging.maximum import Maximum
from kerasish.layers.merging.minimum import Minimum
from kerasish.layers.merging.multiply import Multiply
from kerasish.layers.merging.subtract import Subtract

__all__ = ["Add", "Average", "Concatenate", "Dot", "Maximum", "Minimum", "Multiply", "Subtract"]
