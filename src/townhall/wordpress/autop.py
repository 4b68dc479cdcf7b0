"""WordPress's wpautop, written again in Python: how a classic-editor post's blank lines
become paragraphs and its single newlines line breaks, leaving block elements alone.

It follows wp-includes/formatting.php (WordPress 6.x) step by step, so a post reads here as
it read on its old site; the <option>, <object> and <svg> steps are left out, as nothing they
protect survives Townhall's sanitiser.
"""

import re

_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section"
    r"|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
# An HTML comment, or any other tag (an unclosed one runs to the end), as wp_html_split finds.
_HTML_TAG = re.compile(r"(<(?:!--(?:-(?!->)|[^-])*+(?:-->)?|[^>]*>?))")
_NEWLINE_MARK = " <!-- wpnl --> "
_KEEP_NEWLINE = "<WPPreserveNewline />"
_RAW_OPEN = re.compile(r"<(script|style|svg)")


def _in_tags(text: str, needle: str, replacement: str) -> str:
    """Replace `needle` only inside tags and comments, never in the text between them."""
    parts = _HTML_TAG.split(text)
    for i in range(1, len(parts), 2):
        parts[i] = parts[i].replace(needle, replacement)
    return "".join(parts)


def _hide_pre(text: str) -> tuple[str, dict[str, str]]:
    """<pre> keeps its own line breaks: set each aside behind a placeholder."""
    if "<pre" not in text:
        return text, {}
    *parts, last = text.split("</pre>")
    kept: dict[str, str] = {}
    out = []
    for part in parts:
        start = part.find("<pre")
        if start == -1:  # malformed HTML: leave it be
            out.append(part)
            continue
        name = f"<pre wp-pre-tag-{len(kept)}></pre>"
        kept[name] = part[start:] + "</pre>"
        out.append(part[:start] + name)
    return "".join(out) + last, kept


def _keep_newlines_in_raw_elements(text: str) -> str:
    """WordPress's `<(script|style|svg).*?</\\1>` step, in one pass: its regex searches to the
    end of the post from every unclosed <svg, so a post of many took minutes. Here each
    element's end is looked for once, and an element whose end is missing is not looked for
    again after that place, as no later one of its kind can close there either."""
    out, position, unclosed = [], 0, set()
    while (start := _RAW_OPEN.search(text, position)) is not None:
        name = start.group(1)
        end = -1 if name in unclosed else text.find(f"</{name}>", start.end())
        if end == -1:
            unclosed.add(name)
            out.append(text[position : start.end()])
            position = start.end()
            continue
        end += len(name) + 3
        out.append(text[position : start.start()])
        out.append(text[start.start() : end].replace("\n", _KEEP_NEWLINE))
        position = end
    out.append(text[position:])
    return "".join(out)


def autop(text: str, br: bool = True) -> str:
    if not text.strip():
        return ""
    text, pre_tags = _hide_pre(text + "\n")
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(rf"(<{_BLOCKS}[\s/>])", r"\n\n\1", text)
    text = re.sub(rf"(</{_BLOCKS}>)", r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _in_tags(text, "\n", _NEWLINE_MARK)
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*(</?{_BLOCKS}[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.IGNORECASE)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?{_BLOCKS}[^>]*>)", r"\1", text)
    text = re.sub(rf"(</?{_BLOCKS}[^>]*>)\s*</p>", r"\1", text)
    if br:
        text = _keep_newlines_in_raw_elements(text)
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
        text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
        text = text.replace(_KEEP_NEWLINE, "\n")
    text = re.sub(rf"(</?{_BLOCKS}[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for name, original in pre_tags.items():
        text = text.replace(name, original)
    return text.replace(_NEWLINE_MARK, "\n").replace("<!-- wpnl -->", "\n")
