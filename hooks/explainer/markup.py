"""The text grammar of the data and of docs/ pages: the one [[link]] parser, and what text may not hold.

Data text is Markdown whose only links are [[id]] and [[id|plain text]]: a Markdown link, image, autolink,
reference definition, attribute list or raw HTML could publish a script link or a third-party request, so the
loader refuses them. Hand-written pages in docs/ may use Markdown links, but never a script URL nor anything
loaded from another host. Code (`inline` and fenced) is shown as written, so nothing in it counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Neither part may hold a [: each try stops at the next one, so a flood of [[ takes linear time, not quadratic.
LINK = r"\[\[(?P<target>[^\][|]*)(?:\|(?P<text>[^\][]*))?\]\]"
CODE = r"(?P<code>^(?P<fence>`{3,}|~{3,}).*?^(?P=fence)|`[^`\n]*`)"
CODE_OR_LINK = re.compile(f"{CODE}|{LINK}", re.MULTILINE | re.DOTALL)
# A hand-written page in docs/ asks for a picture made from the data (render.page_pictures) with this line.
PICTURE_MARK = re.compile(r"^<!-- picture: (?P<name>[a-z-]+) -->$", re.MULTILINE)


@dataclass(frozen=True)
class Link:
    """One [[target]] or [[target|text]] in a text, with its place."""

    target: str
    text: str | None
    start: int


def find_links(text: str) -> Iterator[Link]:
    for match in CODE_OR_LINK.finditer(text):
        if not match.group("code"):
            yield Link(match.group("target").strip(), match.group("text"), match.start())


def replace_links(text: str, replace: Callable[[Link], str]) -> str:
    """`text` with every [[link]] outside code replaced by what `replace` makes of it."""

    def one(match: re.Match[str]) -> str:
        if match.group("code"):
            return match.group(0)
        return replace(Link(match.group("target").strip(), match.group("text"), match.start()))

    return CODE_OR_LINK.sub(one, text)


def _blanked(text: str) -> str:
    """The text with code and well-formed [[links]] blanked out, offsets kept, so what is left is prose."""
    # A link keeps its closing bracket, so that "[[id]](javascript:…)" still reads as a Markdown link.
    return CODE_OR_LINK.sub(lambda match: " " * len(match.group(0)) if match.group("code") else
                            " " * (len(match.group(0)) - 1) + "]", text)


LINK_OR_SOURCE = "link a page with [[id]] or [[id|text]], and give a source with cite:"
DATA_TEXT_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"!\["), f"an image is not allowed in the data; describe it in words ({LINK_OR_SOURCE})"),
    # As Python-Markdown reads them: "](" with nothing between, "] [" with at most one space.
    (re.compile(r"\]\(|\]\s?\["), f"a Markdown link is not allowed in the data; {LINK_OR_SOURCE}"),
    # At any indent: inside a list item, a deeper one is still a definition.
    (re.compile(r"^[ \t]*\[[^\]\n]+\]:", re.MULTILINE),
     f"a Markdown reference definition ([x]: …) is not allowed in the data; {LINK_OR_SOURCE}"),
    (re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]*:|[^\s<>@]+@)[^\s<>]*>"),
     f"an autolink (<…>) is not allowed in the data; {LINK_OR_SOURCE}"),
    # A tag, but not an autolink such as <javascript:…>, which has its own message.
    (re.compile(r"<\s*/?\s*[A-Za-z!?](?![A-Za-z0-9+.-]*:)"),
     "raw HTML is not allowed in the data; write plain text (the site styles it)"),
    # In any form: "{: …}", "{ style=… }" and "{ href=… }" all set attributes in Python-Markdown.
    (re.compile(r"[{}]"), "curly brackets ({ }) are not allowed in the data (they set HTML attributes); "
                          "write plain text or use round brackets"),
    (re.compile(r"\[\^"), "a footnote mark ([^…]) is not allowed in the data; give the source with cite:"),
    (re.compile(r"^[ \t]*\*\[", re.MULTILINE),
     "an abbreviation definition (*[…]: …) is not allowed in the data; list short forms under abbreviations:"),
    (re.compile(r"\[\["), "this [[link]] is not closed, or its text holds a [ or ]; write [[id]] or [[id|plain text]]"),
]
# Inside [[id|text]] the text is plain: no Markdown or HTML that could turn it into something else.
LINK_TEXT_FORBIDDEN = re.compile(r"[\[\]<>`*\\]")


# Characters that hide or reorder text, or that no text needs: control characters (but tab and line breaks),
# bidirectional overrides and isolates, and zero-width characters. Some scripts need a zero-width (non-)joiner,
# so a quotation in one may keep those two.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ZERO_WIDTH = re.compile(r"[\u200b\u2060\ufeff\u00ad\u180e]")
JOINERS = re.compile(r"[\u200c\u200d]")


def character_problems(text: str, quotation: bool = False) -> list[str]:
    """Why `text` holds characters a reader cannot see (each kind once), naming the first; a quotation may keep the
    zero-width joiners its script needs."""
    rules = [(CONTROL, "a control character"), (BIDI, "a bidirectional override"), (ZERO_WIDTH, "a zero-width "
             "character")] + ([] if quotation else [(JOINERS, "a zero-width joiner")])
    return [f"the text holds {what} (U+{ord(found.group()):04X}), which a reader cannot see; delete it"
            for pattern, what in rules if (found := pattern.search(text))]


def data_text_problems(text: str) -> list[str]:
    """Why `text` cannot be published as data text (each problem once), or nothing."""
    problems = [f"the text of [[{link.target}|{link.text}]] must be plain (no [ ] < > ` * or \\); "
                "write the words only"
                for link in find_links(text) if link.text and LINK_TEXT_FORBIDDEN.search(link.text)]
    prose = _blanked(text)
    problems += [message for pattern, message in DATA_TEXT_RULES if pattern.search(prose)]
    return problems


SCRIPT_URL = r"\s*(?:javascript|data|vbscript)\s*:"
OTHER_HOST = r"\s*(?:[A-Za-z][A-Za-z0-9+.-]*:)?//"
PAGE_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?:\]\(|^[ \t]{{0,3}}\[[^\]\n]+\]:|<|\b(?:href|src|action|formaction|srcset)\s*=\s*[\"']?)"
                rf"{SCRIPT_URL}", re.IGNORECASE | re.MULTILINE),
     "a link with a javascript:, data: or vbscript: address is not allowed; "
     "link a page of the site or an https:// address"),
    (re.compile(rf"!\[[^\]]*\]\({OTHER_HOST}", re.IGNORECASE),
     "an image from another host is not allowed (reading the site must request nothing from elsewhere); "
     "put the image in docs/assets/ and link it there"),
    (re.compile(rf"<\s*(?:img|script|iframe|frame|link|source|video|audio|embed|object|style)\b[^>]*"
                rf"\b(?:src|href|srcset|data)\s*=\s*[\"']?{OTHER_HOST}", re.IGNORECASE),
     "an image, script, frame or stylesheet from another host is not allowed; keep the file in docs/assets/"),
    (re.compile(r"<\s*(?:script|iframe|frame|object|embed)\b", re.IGNORECASE),
     "a script, frame or embedded object is not allowed in a page; write Markdown"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE), "an event handler (on…=) is not allowed in a page"),
]


def page_problems(markdown: str) -> list[tuple[int, str]]:
    """(line, problem) for what a hand-written page may not publish; line counts from 1 in `markdown`."""
    prose = CODE_OR_LINK.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)) if match.group("code")
                             else match.group(0), markdown)
    return sorted({(prose.count("\n", 0, match.start()) + 1, message)
                   for pattern, message in PAGE_RULES for match in pattern.finditer(prose)})
