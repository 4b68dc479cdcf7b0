"""The demo's Easy Read version (issue 29) of its libraries consultation: illustrative
wording written for the demo, not the council's, and simple pictures drawn here with Pillow
(nothing is downloaded). Its title says it is illustrative."""

from collections.abc import Callable
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as Picture
from PIL import ImageDraw
from wagtail.images import get_image_model

from townhall.consultations.models import ConsultationPage
from townhall.core.models import EasyReadPage, Organisation

WIDTH, HEIGHT = 640, 480
INK, PAPER, BRAND, GREEN, YELLOW = "#0b0c0c", "#ffffff", "#1d4f6e", "#00703c", "#ffdd00"


def _library(draw: ImageDraw.ImageDraw) -> None:
    draw.polygon([(120, 190), (320, 70), (520, 190)], fill=BRAND)
    draw.rectangle([140, 190, 500, 420], fill="#d9e6ee", outline=INK, width=6)
    for x in (175, 255, 385, 465):
        draw.rectangle([x - 15, 220, x + 15, 420], fill=PAPER, outline=INK, width=4)
    draw.rectangle([285, 290, 355, 420], fill=BRAND)


def _open_library(draw: ImageDraw.ImageDraw) -> None:
    _library(draw)
    draw.ellipse([430, 40, 590, 200], fill=GREEN)
    draw.line([(465, 120), (500, 160), (560, 80)], fill=PAPER, width=16)


def _machine(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle([200, 60, 440, 430], fill="#d9e6ee", outline=INK, width=6)
    draw.rectangle([235, 100, 405, 230], fill=BRAND)
    draw.rectangle([270, 130, 370, 200], fill=YELLOW, outline=INK, width=4)  # a book on screen
    draw.line([(320, 130), (320, 200)], fill=INK, width=4)
    draw.rectangle([280, 290, 360, 305], fill=INK)  # where the card goes


def _speech(draw: ImageDraw.ImageDraw) -> None:
    draw.rounded_rectangle([90, 70, 550, 330], radius=50, fill=YELLOW, outline=INK, width=6)
    draw.polygon([(180, 325), (150, 430), (270, 325)], fill=YELLOW, outline=INK)
    for x in (220, 320, 420):
        draw.ellipse([x - 22, 178, x + 22, 222], fill=INK)


def _calendar(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle([130, 90, 510, 420], fill=PAPER, outline=INK, width=6)
    draw.rectangle([130, 90, 510, 160], fill=BRAND)
    for row in range(3):
        for column in range(5):
            x, y = 160 + column * 70, 185 + row * 75
            draw.rectangle([x, y, x + 45, y + 50], fill="#d9e6ee")
    draw.ellipse([365, 320, 465, 410], outline="#b10e1e", width=10)  # the closing day


# (the picture's title, used as its alt text; how to draw it; the step's sentences)
STEPS: list[tuple[str, Callable[[ImageDraw.ImageDraw], None], str]] = [
    (
        "A drawing of a library building",
        _library,
        "The council runs the libraries in Barnet. It wants to change when they open.",
    ),
    (
        "A drawing of a library with a green tick",
        _open_library,
        "Every library will stay open.",
    ),
    (
        "A drawing of a machine for borrowing books",
        _machine,
        "Some hours will have staff. At other hours you use a machine to borrow books.",
    ),
    (
        "A drawing of a speech bubble",
        _speech,
        "Tell the council what you think of this plan.",
    ),
    (
        "A drawing of a calendar with one day circled",
        _calendar,
        "You can answer until the closing date. The consultation page says when that is.",
    ),
]


def _picture(title: str, draw: Callable[[ImageDraw.ImageDraw], None], collection, number: int):
    canvas = Picture.new("RGB", (WIDTH, HEIGHT), "#f3f2f1")
    draw(ImageDraw.Draw(canvas))
    data = BytesIO()
    canvas.save(data, "PNG")
    image = get_image_model()(title=title, description=title, collection=collection)
    image.file = ImageFile(data, name=f"easy-read-libraries-{number}.png")
    image.save()
    return image


def load_easy_read() -> int:
    if EasyReadPage.objects.exists():
        return 0
    council = Organisation.objects.filter(slug="council").select_related("home_page").first()
    original = ConsultationPage.objects.filter(slug="libraries-consultation").first()
    if council is None or council.home_page is None or original is None:
        return 0
    steps = [
        {
            "type": "step",
            "value": {
                "image": _picture(title, draw, council.collection, number).pk,
                "alt": "",  # the picture's title says what it shows
                "text": text,
            },
        }
        for number, (title, draw, text) in enumerate(STEPS, start=1)
    ]
    page = EasyReadPage(
        title="The future of Barnet's libraries: Easy Read (illustrative)",
        slug="libraries-consultation-easy-read",
        explains=original,
        steps=steps,
    )
    council.home_page.specific.add_child(instance=page)
    page.save_revision().publish()
    return 1
