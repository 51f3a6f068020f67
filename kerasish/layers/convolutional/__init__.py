"""kerasish.layers: convolutional layers."""
from kerasish.layers.convolutional.conv1d import Conv1D, Convolution1D
from kerasish.layers.convolutional.conv1d_transpose import Conv1DTranspose, Convolution1DTranspose
from kerasish.layers.convolutional.conv2d import Conv2D, Convolution2D
from kerasish.layers.convolutional.conv2d_transpose import Conv2DTranspose, Convolution2DTranspose
from kerasish.layers.convolutional.conv3d import Conv3D, Convolution3D
from kerasish.layers.convolutional.conv3d_transpose import Conv3DTranspose, Convolution3DTranspose
from kerasish.layers.convolutional.depthwise_conv1d import DepthwiseConv1D
from kerasish.layers.convolutional.depthwise_conv2d import DepthwiseConv2D
from kerasish.layers.convolutional.separable_conv1d import SeparableConv1D, SeparableConvolution1D
from kerasish.layers.convolutional.separable_conv2d import SeparableConv2D, SeparableConvolution2D

__all__ = [
    "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
    "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D",
    "Convolution1D", "Convolution2D", "Convolution3D", "Convolution1DTranspose",
    "Convolution2DTranspose", "Convolution3DTranspose", "SeparableConvolution1D",
    "SeparableConvolution2D",
]
