#!/usr/bin/python3
"""Writes the ONNX fixtures of the generator module's import tests (run with Debian's python3-torch, python3-onnx):

    /usr/bin/python3 make_onnx_fixture.py        (from this directory)

generator-tanh.onnx    latent "latent" [N, 16] -> Linear -> ReLU -> Reshape 8x7x7 -> (nearest upsample x2 -> Conv 3x3)
                       x2 -> Tanh: an image [N, 1, 28, 28] in [-1, 1]. Upsample + Conv rather than ConvTranspose,
                       because samediff-import-onnx 1.0.0-M2.1 has no ConvTranspose mapping.
generator-sigmoid.onnx the same network with a Sigmoid output: [N, 1, 28, 28] in [0, 1].
classifier.onnx        latent [N, 16] -> Linear -> [N, 10]: a graph whose output is not an image.
deconv.onnx            latent [N, 16] -> Linear -> Reshape -> ConvTranspose -> Sigmoid: uses an op the importer lacks.
latents.npy            float32 [5, 16] fixed latents (numpy seed 20261126)
tanh-expected.npy, sigmoid-expected.npy   float32 [5, 1, 28, 28]: the networks' outputs on latents.npy, raw
                       (before any mapping to [0, 1]), computed by PyTorch in float32.
"""
import sys

import numpy as np
import onnx
import torch
from torch import nn

SEED = 20261126
OPSET = 13


class Generator(nn.Module):
    def __init__(self, final):
        super().__init__()
        self.fc = nn.Linear(16, 8 * 7 * 7)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.conv1 = nn.Conv2d(8, 4, 3, padding=1)
        self.conv2 = nn.Conv2d(4, 1, 3, padding=1)
        self.final = final

    def forward(self, z):
        h = torch.relu(self.fc(z)).reshape(-1, 8, 7, 7)
        h = torch.relu(self.conv1(self.up(h)))
        return self.final(self.conv2(self.up(h)))


class Deconv(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(16, 8 * 7 * 7)
        self.deconv = nn.ConvTranspose2d(8, 1, 4, stride=2, padding=1)

    def forward(self, z):
        return torch.sigmoid(self.deconv(torch.relu(self.fc(z)).reshape(-1, 8, 7, 7)))


def export(model, path, output_name):
    model.eval()
    dummy = torch.zeros(2, 16)
    torch.onnx.export(model, dummy, path, input_names=["latent"], output_names=[output_name], opset_version=OPSET,
                      dynamic_axes={"latent": {0: "batch"}, output_name: {0: "batch"}}, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))


def main():
    torch.manual_seed(SEED)
    tanh = Generator(nn.Tanh())
    sigmoid = Generator(nn.Sigmoid())
    sigmoid.load_state_dict(tanh.state_dict())
    classifier = nn.Linear(16, 10)
    latents = np.random.default_rng(SEED).standard_normal((5, 16)).astype(np.float32)
    export(tanh, "generator-tanh.onnx", "image")
    export(sigmoid, "generator-sigmoid.onnx", "image")
    export(classifier, "classifier.onnx", "logits")
    export(Deconv(), "deconv.onnx", "image")
    with torch.no_grad():
        z = torch.from_numpy(latents)
        np.save("latents.npy", latents)
        np.save("tanh-expected.npy", tanh(z).numpy().astype(np.float32))
        np.save("sigmoid-expected.npy", sigmoid(z).numpy().astype(np.float32))
    print("torch", torch.__version__, "onnx", onnx.__version__, "opset", OPSET, file=sys.stderr)


if __name__ == "__main__":
    main()
