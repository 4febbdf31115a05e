"""Small images a site carries: executives' photos (JPEG), banners and QR codes (SVG)."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw


def portrait_jpeg(rng: random.Random) -> bytes:
    """A passport-style photo: a head and shoulders on a plain background (no text, nothing to read)."""
    bg = tuple(rng.randint(150, 230) for _ in range(3))
    img = Image.new("RGB", (90, 120), bg)
    draw = ImageDraw.Draw(img)
    shirt = tuple(rng.randint(20, 120) for _ in range(3))
    skin = (rng.randint(190, 230), rng.randint(150, 190), rng.randint(120, 160))
    draw.ellipse((5, 78, 85, 150), fill=shirt)
    draw.ellipse((27, 22, 63, 66), fill=skin)
    draw.rectangle((27, 18, 63, 34), fill=(30, 25, 25))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70)
    return out.getvalue()


def qr_svg(rng: random.Random, caption: str = "") -> str:
    """A QR-code-looking SVG (random modules with the three finder squares)."""
    n, cell = 25, 6
    rects = []
    for y in range(n):
        for x in range(n):
            lx = x if x < 7 else x - (n - 7)
            ly = y if y < 7 else y - (n - 7)
            if 0 <= lx < 7 and 0 <= ly < 7 and not (x >= n - 7 and y >= n - 7):
                on = lx in (0, 6) or ly in (0, 6) or (2 <= lx <= 4 and 2 <= ly <= 4)
            else:
                on = rng.random() < 0.5
            if on:
                rects.append(f'<rect x="{x * cell}" y="{y * cell}" width="{cell}" height="{cell}"/>')
    size = n * cell
    title = f"<title>{caption}</title>" if caption else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}">'
        f'{title}<rect width="{size}" height="{size}" fill="#fff"/><g fill="#000">{"".join(rects)}</g></svg>'
    )


def banner_svg(words: str, color: str) -> str:
    """A flat banner with one line of text, as vendor templates use for ITA/EIT links."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="80" viewBox="0 0 300 80">'
        f'<rect width="300" height="80" rx="8" fill="{color}"/>'
        f'<text x="150" y="48" font-size="22" text-anchor="middle" fill="#fff">{words}</text></svg>'
    )
