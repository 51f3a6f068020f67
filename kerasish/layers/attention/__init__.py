"""kerasish.layers: attention layers."""
from kerasish.layers.attention.additive_attention import AdditiveAttention
from kerasish.layers.attention.attention import Attention
from kerasish.layers.attention.grouped_query_attention import (GroupedQueryAttention,
                                                                GroupQueryAttention)
from kerasish.layers.attention.multi_head_attention import MultiHeadAttention

__all__ = ["AdditiveAttention", "Attention", "GroupedQueryAttention", "GroupQueryAttention",
           "MultiHeadAttention"]
