"""A WordPress post's content as Townhall rich text, as it read on the old site.

In WordPress's order: shortcodes and lone video addresses become what they showed (images with
captions, galleries, links to videos and recordings), paragraphs are made as wpautop makes
them (not for block-editor posts, which carry their own), the site's sanitiser keeps what its
editor can show, and links whose address it removed are unwrapped to their words. Images come
as Wagtail images where their files are on this machine (media.MediaLibrary). Whatever does
not come across is noted for the import's report, never shown as raw text.
"""

import html
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from townhall.core.sanitise import clean_rich_text, strip_all
from townhall.wordpress.autop import autop
from townhall.wordpress.media import MediaLibrary, MediaMissing
from townhall.wordpress.shortcodes import Shortcode, replace_shortcodes
from townhall.wordpress.wxr import WxrItem

_IMG = re.compile(r"(?:<a\b[^>]*>\s*)?(<img\b[^>]*>)(?:\s*</a>)?", re.IGNORECASE)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_LONE_ADDRESS = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)
_DEAD_LINK = re.compile(r"<a\b(?![^>]*\bhref=)[^>]*>(.*?)</a>", re.DOTALL)
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|<br\s*/?>)*</p>")
# Shortcodes inside unknown shortcodes deeper than this are refused: page builders nest four
# or five deep, and a hostile post nested thousands deep would exhaust Python's stack.
MAX_NESTING = 40
VIDEO_SITES = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "youtube-nocookie.com": "YouTube",
    "vimeo.com": "Vimeo",
}


class ItemRefused(Exception):
    """An item whose content cannot be brought across; the message says why, for the report."""


@dataclass
class Body:
    html: str
    notes: list[str] = field(default_factory=list)  # what did not come across, and why
    missing: dict[str, list[str]] = field(default_factory=dict)  # images not brought, by why

    def image_missing(self, missing: MediaMissing) -> None:
        addresses = self.missing.setdefault(missing.reason, [])
        if missing.address not in addresses:
            addresses.append(missing.address)

    def all_notes(self) -> list[str]:
        return self.notes + [
            _("images not brought (%(why)s): %(addresses)s")
            % {"why": why, "addresses": ", ".join(addresses)}
            for why, addresses in self.missing.items()
        ]


@dataclass
class _Blocks:
    """Rich text made outside the sanitiser (image embeds it would strip), each behind a token
    no export can guess, put back after sanitising."""

    nonce: str = field(default_factory=lambda: secrets.token_hex(6))
    made: list[str] = field(default_factory=list)

    def token(self, rich_text: str) -> str:
        self.made.append(rich_text)
        return f"\n\nwpblock{self.nonce}n{len(self.made) - 1}x\n\n"

    def put_back(self, text: str) -> str:
        pattern = re.compile(rf"(<p>\s*)?wpblock{self.nonce}n(\d+)x(\s*</p>)?")

        def one(match: re.Match) -> str:
            block = self.made[int(match.group(2))]
            if match.group(1) and match.group(3):  # alone in its paragraph, as made
                return block
            # inside a paragraph: close it around the block, so no block sits in a <p>
            return f"{'' if match.group(1) else '</p>'}{block}{'' if match.group(3) else '<p>'}"

        return pattern.sub(one, text)


def _attributes(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in _ATTR.finditer(tag)
    }


def image_embed(image, alt: str) -> str:
    return (
        f'<embed embedtype="image" id="{image.pk}" format="fullwidth" '
        f'alt="{html.escape(alt.strip(), quote=True)}"/>'
    )


def link_paragraph(address: str, words: str) -> str:
    return f'<p><a href="{html.escape(address, quote=True)}">{html.escape(words)}</a></p>'


def _video_site(address: str) -> str | None:
    host = urlsplit(address).netloc.lower().removeprefix("www.").removeprefix("m.")
    return VIDEO_SITES.get(host)


def _safe_address(address: str) -> bool:
    return urlsplit(address.strip()).scheme.lower() in ("http", "https")


class ContentConverter:
    def __init__(self, media: MediaLibrary) -> None:
        self.media = media

    def body(self, item: WxrItem) -> Body:
        body = Body("")
        blocks = _Blocks()
        text = item.content
        has_blocks = "<!-- wp:" in text
        text = replace_shortcodes(text, lambda code: self._shortcode(code, item, blocks, body))
        text = _LONE_ADDRESS.sub(lambda m: self._lone_address(m.group(1), blocks), text)
        if not has_blocks:  # WordPress does not wpautop block-editor posts
            text = autop(text)
        text = _IMG.sub(lambda m: self._img(m.group(1), blocks, body), text)
        text = clean_rich_text(text)
        text = _DEAD_LINK.sub(r"\1", text)  # a link whose unsafe address was removed
        text = blocks.put_back(text)
        body.html = _EMPTY_PARAGRAPH.sub("", text).strip() or "<p></p>"
        return body

    def featured_image(self, item: WxrItem):
        """The post's featured image (_thumbnail_id), or MediaMissing saying why not."""
        number = item.meta.get("_thumbnail_id", "")
        if not number.isdigit():
            return None
        return self.media.image_for_attachment(int(number))

    # Shortcodes, each as WordPress showed it.

    def _shortcode(
        self, code: Shortcode, item: WxrItem, blocks: _Blocks, body: Body, depth: int = 1
    ) -> str:
        handler: dict[str, Callable] = {
            "caption": self._caption,
            "wp_caption": self._caption,
            "gallery": self._gallery,
            "embed": self._embed,
            "youtube": self._embed,
            "vimeo": self._embed,
            "video": self._media_file,
            "audio": self._media_file,
        }
        if code.name in handler:
            return handler[code.name](code, item, blocks, body)
        body.notes.append(
            _("left out the shortcode %(code)s: Townhall has nothing that does what it did")
            % {"code": code.raw[:80] if code.content is None else f"[{code.name} ...]"}
        )
        if code.content is None:
            return ""
        if depth >= MAX_NESTING:
            raise ItemRefused(
                _("its shortcodes are nested more than %(limit)s deep") % {"limit": MAX_NESTING}
            )
        inner = code.content  # an unknown wrapper's words are the writer's: keep them
        return replace_shortcodes(
            inner, lambda c: self._shortcode(c, item, blocks, body, depth + 1)
        )

    def _caption(self, code: Shortcode, item: WxrItem, blocks: _Blocks, body: Body) -> str:
        content = code.content or ""
        found = _IMG.search(content)
        caption = code.get("caption") or strip_all(_IMG.sub("", content)).strip()
        if found is None:
            return blocks.token(f"<p>{html.escape(html.unescape(caption))}</p>")
        image = self._image_block(found.group(1), body)
        caption_html = f"<p><i>{html.escape(html.unescape(caption))}</i></p>" if caption else ""
        return blocks.token(image + caption_html)

    def _gallery(self, code: Shortcode, item: WxrItem, blocks: _Blocks, body: Body) -> str:
        ids = [int(n) for n in re.findall(r"\d+", code.get("ids") or code.get("include"))]
        if not ids:  # a bare [gallery] shows the images attached to the post
            ids = sorted(a.id for a in self.media.attachments.values() if a.parent_id == item.id)
        made = []
        for number in ids:
            attachment = self.media.attachments.get(number)
            try:
                image = self.media.image_for_attachment(number)
            except MediaMissing as missing:
                body.image_missing(missing)
                continue
            alt = attachment.meta.get("_wp_attachment_image_alt", "") if attachment else ""
            made.append(image_embed(image, alt))
            if attachment and attachment.excerpt:
                made.append(f"<p><i>{html.escape(strip_all(attachment.excerpt))}</i></p>")
        return blocks.token("".join(made)) if made else ""

    def _embed(self, code: Shortcode, item: WxrItem, blocks: _Blocks, body: Body) -> str:
        address = (code.content or code.get("url") or code.get("src") or "").strip()
        address = address or (code.positional[0] if code.positional else "")
        if code.name == "vimeo" and address.isdigit():
            address = f"https://vimeo.com/{address}"
        if not _safe_address(address):
            body.notes.append(
                _("left out %(code)s: it names no web address") % {"code": code.raw[:80]}
            )
            return ""
        return self._lone_address(address, blocks)

    def _media_file(self, code: Shortcode, item: WxrItem, blocks: _Blocks, body: Body) -> str:
        keys = ("src", "mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "wav")
        sources = [code.get(k) for k in keys] + code.positional
        address = next((s for s in sources if _safe_address(s)), "")
        if not address:
            body.notes.append(
                _("left out %(code)s: it names no web address") % {"code": code.raw[:80]}
            )
            return ""
        words = (_("Video: %(name)s") if code.name == "video" else _("Recording: %(name)s")) % {
            "name": urlsplit(address).path.rsplit("/", 1)[-1] or address
        }
        body.notes.append(
            _(
                "the %(kind)s %(address)s is linked at its old address: upload it as a document "
                "if the old site is closing"
            )
            % {"kind": code.name, "address": address}
        )
        return blocks.token(link_paragraph(address, words))

    def _lone_address(self, address: str, blocks: _Blocks) -> str:
        """A web address alone on a line, which WordPress showed as an embedded player: a
        plain link here, as the site's content policy allows no frames from elsewhere, and
        a link sends nothing to the video site until a reader chooses to go there."""
        site = _video_site(address)
        words = _("Watch the video on %(site)s") % {"site": site} if site else address
        return blocks.token(link_paragraph(address, words))

    # Images.

    def _image_block(self, tag: str, body: Body) -> str:
        attributes = _attributes(tag)
        address, alt = attributes.get("src", ""), attributes.get("alt", "")
        if not address:
            return ""
        try:
            image = self.media.image_for_address(address, alt)
        except MediaMissing as missing:
            body.image_missing(missing)
            return ""
        return image_embed(image, alt)

    def _img(self, tag: str, blocks: _Blocks, body: Body) -> str:
        block = self._image_block(tag, body)
        return blocks.token(block) if block else ""
