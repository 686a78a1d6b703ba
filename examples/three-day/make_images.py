"""Draw the example's images: the venue map and the sponsors' logos (all invented).

    python examples/three-day/make_images.py

writes content/images/venue-map.png and content/images/logos/*.png (one logo also as SVG) next to this file,
at 300 dpi for the size they are printed at. The text is set in the repository's Noto Sans.
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent.parent / "fonts"
IMAGES = HERE / "content" / "images"
INK, MUTED, WATER, ROOM, FOYER, ACCENT = "#1a1a1a", "#5d6970", "#cfe3ec", "#eef3f6", "#f6efd9", "#0a5a7c"


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"NotoSans-{'Bold' if bold else 'Regular'}.ttf"), size)


def centred(draw: ImageDraw.ImageDraw, box, lines: list[tuple[str, ImageFont.FreeTypeFont]], fill=INK) -> None:
    heights = [draw.textbbox((0, 0), text, font=f)[3] for text, f in lines]
    y = (box[1] + box[3]) / 2 - sum(heights) / 2 - 4 * (len(lines) - 1)
    for (text, f), h in zip(lines, heights):
        w = draw.textlength(text, font=f)
        draw.text(((box[0] + box[2]) / 2 - w / 2, y), text, font=f, fill=fill)
        y += h + 8


def venue_map() -> None:
    """The ground floor of the (invented) Elbufer Congress Centre, the river below it."""
    im = Image.new("RGB", (1500, 1050), "white")
    d = ImageDraw.Draw(im)
    d.rectangle([0, 880, 1500, 1050], fill=WATER)
    d.text((40, 950), "Elbe", font=font(44, True), fill=ACCENT)
    d.text((820, 955), "Dinner: Brühl's Terrace, 20 min on foot", font=font(30), fill=ACCENT)
    d.rectangle([60, 60, 1440, 820], outline=INK, width=6)
    rooms = [
        ((60, 60, 620, 470), "Auditorium Maximum", "850 seats", ROOM),
        ((620, 60, 960, 330), "Hall Semper", "320 seats", ROOM),
        ((960, 60, 1260, 330), "Hall Zwinger", "240 seats", ROOM),
        ((1260, 60, 1440, 330), "Room", "Pillnitz", ROOM),
        ((1260, 330, 1440, 560), "Seminar", "room 6", ROOM),
        ((620, 470, 1260, 820), "Elbe Foyer", "posters · coffee · lunch", FOYER),
    ]
    for box, name, note, colour in rooms:
        d.rectangle(box, fill=colour, outline=INK, width=4)
        size = 40   # smaller where the room's name would touch its walls ("Seminar")
        while size > 24 and d.textlength(name, font=font(size, True)) > box[2] - box[0] - 28:
            size -= 2
        centred(d, box, [(name, font(size, True)), (note, font(30))])
    d.rectangle([60, 470, 620, 820], fill="white", outline=INK, width=4)
    centred(d, (60, 470, 620, 640), [("Registration", font(36, True)), ("and cloakroom", font(30))])
    centred(d, (620, 330, 1260, 470), [("Corridor", font(30))], fill=MUTED)
    d.rectangle([1260, 560, 1440, 820], fill="white", outline=INK, width=4)
    centred(d, (1260, 560, 1440, 820), [("WC", font(34, True)), ("lift", font(28))])
    # the main entrance and the bus stop in front of it
    d.rectangle([250, 800, 430, 840], fill="white")
    d.polygon([(340, 790), (310, 740), (370, 740)], fill=ACCENT)
    centred(d, (60, 660, 620, 730), [("Main entrance", font(30, True))], fill=ACCENT)
    d.rounded_rectangle([520, 845, 760, 900], radius=12, fill=ACCENT)
    centred(d, (520, 845, 760, 900), [("Bus stop", font(28, True))], fill="white")
    im.save(IMAGES / "venue-map.png", dpi=(300, 300), optimize=True)


LOGOS = [  # file, name, second line, colour, shape, size in pixels
    ("kestrel", "KESTREL", "detectors", "#7a2418", "triangle", (640, 260)),
    ("quantix", "Quantix", "imaging systems", "#1f5fa8", "circle", (640, 260)),
    ("lumen", "lumen", "optics", "#d4a017", "circle", (420, 420)),
    ("elbe-vacuum", "Elbe Vacuum", "Technik", "#2f9e6e", "square", (520, 220)),
    ("nordlicht", "Nordlicht", "software", "#5b3fa0", "triangle", (520, 220)),
    ("saxon-microscopy", "Saxon Microscopy", "Society", "#0a5a7c", "square", (440, 180)),
    ("pixelwerk", "pixelwerk", "", "#d7263d", "square", (360, 360)),
    ("dresden-cryo", "Dresden Cryo", "Services", "#1a1a1a", "circle", (440, 180)),
]


def logo(name: str, word: str, second: str, colour: str, shape: str, size: tuple[int, int]) -> None:
    w, h = size
    im = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(im)
    mark = min(w, h) * (0.55 if w > h else 0.45)
    x0, y0 = (w - mark) / 2, h * 0.08 if h >= w else (h - mark) / 2
    if w > h:   # a wide logo: the mark on the left, the words beside it
        x0 = h * 0.12
    box = [x0, y0, x0 + mark, y0 + mark]
    if shape == "circle":
        d.ellipse(box, fill=colour)
    elif shape == "triangle":
        d.polygon([(box[0], box[3]), ((box[0] + box[2]) / 2, box[1]), (box[2], box[3])], fill=colour)
    else:
        d.rectangle(box, fill=colour)
    room = (w - box[2] - h * 0.2) if w > h else w * 0.9   # the width the words may take
    size = int(mark * 0.42)
    while size > 10 and max(d.textlength(word, font=font(size, True)), d.textlength(second, font=font(size * 5 // 8))) > room:
        size -= 2
    big, small = font(size, True), font(size * 5 // 8)
    if w > h:
        left = box[2] + h * 0.12
        centred(d, (left, 0, w - h * 0.08, h), [(word, big)] + ([(second, small)] if second else []), fill=colour)
    else:
        centred(d, (0, box[3], w, h), [(word, big)] + ([(second, small)] if second else []), fill=colour)
    im.save(IMAGES / "logos" / f"{name}.png", dpi=(300, 300), optimize=True)


def svg_logo() -> None:
    """One logo as SVG, drawn as vectors in the booklet (its text is set in the booklet's sans)."""
    (IMAGES / "logos" / "elbe-vacuum.svg").write_text("""<svg xmlns="http://www.w3.org/2000/svg" width="130mm" height="55mm" viewBox="0 0 520 220">
  <rect x="24" y="46" width="128" height="128" fill="#2f9e6e"/>
  <circle cx="88" cy="110" r="40" fill="#ffffff"/>
  <text x="176" y="112" font-family="sans-serif" font-weight="bold" font-size="50" fill="#2f9e6e">Elbe Vacuum</text>
  <text x="176" y="160" font-family="sans-serif" font-size="32" fill="#2f9e6e">Technik</text>
</svg>
""", encoding="utf-8")


if __name__ == "__main__":
    (IMAGES / "logos").mkdir(parents=True, exist_ok=True)
    venue_map()
    for spec in LOGOS:
        logo(*spec)
    svg_logo()
