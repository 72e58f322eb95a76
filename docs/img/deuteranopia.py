"""Writes a deuteranopia-simulated copy of a PNG (Machado, Oliveira and Fernandes 2009,
severity 1.0, applied in linear RGB), to check that a diagram still reads without
red-green distinction: python3 docs/img/deuteranopia.py IN.png OUT.png (needs Pillow)."""
import sys

from PIL import Image

MATRIX = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)


def to_linear(c):
    c /= 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def to_srgb(c):
    c = min(max(c, 0.0), 1.0)
    c = c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055
    return round(c * 255)


def main(source, target):
    image = Image.open(source).convert("RGB")
    linear = [to_linear(v) for v in range(256)]
    cache = {}

    def simulate(pixel):
        if pixel not in cache:
            r, g, b = (linear[v] for v in pixel)
            cache[pixel] = tuple(to_srgb(m[0] * r + m[1] * g + m[2] * b) for m in MATRIX)
        return cache[pixel]

    pixels = image.get_flattened_data() if hasattr(image, "get_flattened_data") else image.getdata()
    image.putdata([simulate(p) for p in pixels])
    image.save(target, optimize=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
