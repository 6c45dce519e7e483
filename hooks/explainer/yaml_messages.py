"""Plain-language messages for YAML syntax slips, for editors who are not programmers.

The parser's words ("did not find expected key") name its internals, not the slip. These messages look at the
error's position and at the lines around it, say what the editor most likely did, and how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

Explanation = tuple[int, int | None, str]

# PyYAML's wording for problems that are not about layout, where an editor needs plainer words.
YAML_PROBLEMS = {
    "found unconstructable recursive node": "an alias (*name) points back into itself; write the value out instead",
    "but found another document": "a data file holds one document; remove the second '---'",
}
# The loader's own messages (yaml_lines.py) are already plain: they pass through as they are.
OWN_PROBLEMS = ("this value cannot be read as", "a key here is")
# Characters that YAML reads as markup when a value starts with them; such a value needs quotes.
SPECIAL_STARTS = "[]{}*&!%@`|>"
SPECIAL_BEFORE_SPACE = "?-"  # markup only when a space follows them ("- item", "? key")

# indentation, list dashes, an optional `key:` and the rest of the line.
LINE_FORM = re.compile(r"(?P<indent> *)(?P<dashes>(?:- +)*)(?:(?P<key>[A-Za-z_][\w-]*) *:(?: +|$))?(?P<value>.*)")
BLOCK_START = re.compile(r"[|>][-+0-9]*\s*(#.*)?")
LAYOUT_PREFIX = re.compile(r"[ \t]*(?:-[ \t]+)*(?:[A-Za-z_][\w-]*[ \t]*:[ \t]+)?")
COMMENT = re.compile(r"\s+#.*$")


@dataclass(frozen=True)
class _Line:
    """One line of the file, cut into the parts that decide its place in the layout."""

    number: int
    text: str
    start: int  # spaces before the first dash, key or text
    dashes: tuple[int, ...]  # columns of the list dashes that open the line
    key: str | None
    key_column: int  # column of the key, or of the text when there is no key
    value: str
    in_block: bool  # a line of a `|` or `>` text

    @property
    def is_content(self) -> bool:
        return bool(self.text.strip()) and not self.text.lstrip().startswith("#")

    @property
    def opens_block(self) -> bool:
        return not self.in_block and bool(BLOCK_START.fullmatch(self.value))

    @property
    def value_column(self) -> int:
        return len(self.text) - len(self.value)


@dataclass(frozen=True)
class _Slip:
    """The error and the file it was raised on."""

    error: yaml.YAMLError
    lines: list[_Line]
    line: int  # 1-based line of the problem mark
    column: int  # 1-based
    text: str

    def at(self, number: int) -> _Line:
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else _cut(number, "", False)

    def char(self, mark: yaml.Mark) -> str:
        # By line and column: libyaml's marks count their index differently from PyYAML's.
        return self.at(mark.line + 1).text[mark.column: mark.column + 1]

    @property
    def problem(self) -> str:
        return getattr(self.error, "problem", None) or ""

    @property
    def context(self) -> str:
        return getattr(self.error, "context", None) or ""

    @property
    def context_mark(self) -> yaml.Mark | None:
        return getattr(self.error, "context_mark", None)


def explain(error: yaml.YAMLError, text: str) -> Explanation:
    """(line, column, message) for a YAML error raised while parsing `text`: the slip in plain words, and its fix."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is None:
        # Only the loader raises marked-less errors (nesting too deep), in its own plain words.
        return 1, None, str(error)
    slip = _Slip(error, _layout(text), mark.line + 1, mark.column + 1, text)
    for detector in DETECTORS:
        explanation = detector(slip)
        if explanation:
            return explanation
    return slip.line, slip.column, (f"the file's layout cannot be read here; check the indentation and the "
                                    f"quotation marks around line {slip.line}")


# ----- the lines of the file ------------------------------------------------------------------------------


def _layout(text: str) -> list[_Line]:
    lines: list[_Line] = []
    block_parent: int | None = None  # the column a `|` or `>` text must go beyond
    block_indent: int | None = None  # the column of that text, once its first line is seen
    for number, raw in enumerate(text.splitlines(), 1):
        start = len(raw) - len(raw.lstrip(" "))
        in_block = False
        if block_parent is not None:
            if not raw.strip() or (block_indent or block_parent + 1) <= start:
                in_block = True
                block_indent = block_indent or (start if raw.strip() else None)
            else:
                block_parent = block_indent = None
        line = _cut(number, raw, in_block)
        if line.opens_block:
            block_parent, block_indent = (line.key_column if line.key else line.start), None
        lines.append(line)
    return lines


def _cut(number: int, raw: str, in_block: bool) -> _Line:
    match = LINE_FORM.fullmatch(raw)
    assert match is not None  # every group is optional
    indent = len(match["indent"])
    dashes = tuple(indent + index for index, char in enumerate(match["dashes"]) if char == "-")
    key_column = match.start("key") if match["key"] else match.start("value")
    return _Line(number, raw, indent, dashes, match["key"], key_column, match["value"], in_block)


def _open_lines(slip: _Slip, number: int) -> list[_Line]:
    """The lines above line `number` whose lists and mappings are still open there, nearest first."""
    chain: list[_Line] = []
    for line in reversed(slip.lines[: number - 1]):
        if line.is_content and not line.in_block and (not chain or line.start < chain[-1].start):
            chain.append(line)
    return chain


def _plain(value: str) -> str:
    return COMMENT.sub("", value).strip()


def _quoted(value: str) -> tuple[str, str]:
    """The value in quotes an editor can paste, and which quotes those are."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"', "double"
    if "'" not in value:
        return f"'{value}'", "single"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"', "double"


def _spaces(count: int) -> str:
    return f"{count} space" if count == 1 else f"{count} spaces"


def _subject(line: _Line) -> str:
    return f'the text after "{line.key}:"' if line.key else "the list item" if line.dashes else "this text"


def _written(line: _Line, value: str) -> str:
    return f"{line.key}: {value}" if line.key else f"- {value}" if line.dashes else value


# ----- the slips, most specific first ----------------------------------------------------------------------


def _known_problem(slip: _Slip) -> Explanation | None:
    if slip.problem in YAML_PROBLEMS:
        return slip.line, slip.column, YAML_PROBLEMS[slip.problem]
    if slip.problem.startswith(OWN_PROBLEMS):
        return slip.line, slip.column, slip.problem
    return None


def _tab(slip: _Slip) -> Explanation | None:
    marks = [slip.line] + ([slip.context_mark.line + 1] if slip.context_mark else [])
    for number in marks:
        line = slip.at(number)
        prefix = LAYOUT_PREFIX.match(line.text)
        tab = prefix.group().find("\t") if prefix else -1
        if tab < 0:
            continue
        if not line.text.strip():
            return number, tab + 1, "this empty line holds a tab character; delete it (data files allow only spaces)"
        if not line.text[:tab].strip():
            return number, tab + 1, ("this line is indented with a tab character; data files allow only spaces: "
                                     "replace the tab with spaces")
        after = line.text[tab:].split()[0]
        return number, tab + 1, (f'there is a tab character before "{after}"; data files allow only spaces: '
                                 "replace the tab with a space")
    return None


def _unclosed_quote(slip: _Slip) -> Explanation | None:
    mark = slip.context_mark
    if mark and "quoted scalar" in slip.context and "end of stream" in slip.problem:
        return _never_closed(slip.at(mark.line + 1), mark.column, slip.char(mark))
    # An unclosed quote runs on to the next quotation mark, lines below, and the error shows only there.
    for token in reversed(_quoted_tokens(slip.text, slip.line)):
        if token.start_mark.line < token.end_mark.line == slip.line - 1:
            start = token.start_mark
            return _never_closed(slip.at(start.line + 1), start.column, slip.char(start))
    return None


def _quoted_tokens(text: str, last_line: int) -> list[yaml.ScalarToken]:
    tokens: list[yaml.ScalarToken] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line >= last_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in {'"', "'"}:
                tokens.append(token)
    except yaml.YAMLError:
        pass  # the tokens up to the error are what matters
    return tokens


def _never_closed(line: _Line, column: int, quote: str) -> Explanation:
    return line.number, column + 1, (f"{_subject(line)} opens a quotation mark ({quote}) that is never closed; "
                                     f"add a closing {quote} at the end of the value")


def _bad_escape(slip: _Slip) -> Explanation | None:
    line = slip.at(slip.line)
    value = _plain(line.value)
    if "quoted scalar" not in slip.context or not value.startswith('"') or "\\" not in value:
        return None
    inner = value[1:-1] if len(value) > 1 and value.endswith('"') else value[1:]
    # Single quotes keep a backslash as it is, but then an apostrophe must be doubled: double the backslash instead.
    fixed = '"' + inner.replace("\\", "\\\\") + '"' if "'" in inner else f"'{inner}'"
    return slip.line, slip.column, (f"{_subject(line)} is in double quotes, where a backslash (\\) starts a code; "
                                    f"write it twice, or put the value in single quotes: {_written(line, fixed)}")


def _quote_closes_early(slip: _Slip) -> Explanation | None:
    line = slip.at(slip.line)
    value = _plain(line.value)
    if not value or value[0] not in "\"'" or slip.column - 1 <= line.value_column or "quoted" in slip.context:
        return None
    quote = value[0]
    inner = value[1:-1] if len(value) > 1 and value.endswith(quote) else value
    suggestion, kind = _quoted(inner)
    if quote == "'" and kind == "single":
        suggestion, kind = '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"', "double"
    closing = "the next quotation mark" if quote == '"' else "the next apostrophe"
    around = f'the text after "{line.key}:"' if line.key else "the list item"
    fix = f"put the whole value in {kind} quotes: {_written(line, suggestion)}"
    return slip.line, line.value_column + 1, f"the quotes around {around} close at {closing}, before its end; {fix}"


def _unclosed_bracket(slip: _Slip) -> Explanation | None:
    mark = slip.context_mark
    if not mark or "flow" not in slip.context:
        return None
    line = slip.at(mark.line + 1)
    bracket = slip.char(mark)
    closing = {"[": "]", "{": "}"}.get(bracket, "]")
    suggestion, kind = _quoted(_plain(line.value))
    return line.number, mark.column + 1, (f'the "{bracket}" that starts {_subject(line)} is never closed; if it is a '
                                          f'list, end it with "{closing}"; if it is text, put the whole value in '
                                          f"{kind} quotes: {_written(line, suggestion)}")


def _special_start(slip: _Slip) -> Explanation | None:
    line = slip.at(slip.line)
    value = _plain(line.value)
    special = value[:1] in SPECIAL_STARTS or (value[:1] in SPECIAL_BEFORE_SPACE and value[1:2] in {" ", ""})
    # The parser stops inside or after the value; a mark before it means a slip elsewhere (`about: [a, b]` is fine).
    if not special or not (line.key or line.dashes) or line.in_block or slip.column - 1 < line.value_column:
        return None
    start = "[[" if value.startswith("[[") else value[0]
    suggestion, kind = _quoted(value)
    whole = "the whole item" if not line.key and line.dashes else "the whole value"
    return slip.line, line.value_column + 1, (f'{_subject(line)} starts with "{start}", which is allowed only inside '
                                              f"quotes; put {whole} in {kind} quotes: {_written(line, suggestion)}")


def _colon_in_value(slip: _Slip) -> Explanation | None:
    line = slip.at(slip.line)
    column = slip.column - 1
    if not line.key or column < line.value_column or line.text[column: column + 1] != ":":
        return None
    suggestion, kind = _quoted(_plain(line.value))
    return slip.line, slip.column, (f"{_subject(line)} has a colon followed by a space, which YAML reads as a new "
                                    f"key; put the whole value in {kind} quotes: {_written(line, suggestion)}")


def _dash_without_space(slip: _Slip) -> Explanation | None:
    for number in (slip.line - 1, slip.line):
        line = slip.at(number)
        if not line.in_block and re.fullmatch(r" *-[A-Za-z\"'].*", line.text):
            return number, line.start + 1, (f"a dash that starts a list entry needs a space after it: "
                                            f"- {line.text.strip()[1:]}")
    return None


def _missing_colon(slip: _Slip) -> Explanation | None:
    mark = slip.context_mark
    if not mark or "simple key" not in slip.context:
        return None
    line = slip.at(mark.line + 1)
    if _block_text_above(slip, line.number) is not None:
        return _text_not_indented(slip, line)
    glued = re.fullmatch(r"(?P<key>[A-Za-z_][\w-]*):(?P<rest>\S.*)", line.value)
    if glued:
        return line.number, line.value_column + len(glued["key"]) + 2, (
            f'"{glued["key"]}:" needs a space after its colon: {glued["key"]}: {glued["rest"]}')
    word, _, rest = line.value.partition(" ")
    return line.number, line.key_column + 1, (f'this line has no colon: if "{word}" is a key, put a colon and a '
                                              f"space after it: {word}: {rest}")


def _layout_slip(slip: _Slip) -> Explanation | None:
    line = slip.at(slip.line)
    if not line.is_content or line.in_block:
        return None
    chain = _open_lines(slip, line.number)
    if not chain:
        return None
    if line.dashes:
        return _dash_not_lined_up(line, chain)
    if not line.key:
        if _block_text_above(slip, line.number) is not None:
            return _text_not_indented(slip, line)
        return _missing_dash(line, chain, slip) if line.start in _dash_columns(chain) else None
    if line.start in _dash_columns(chain) and line.start not in _key_columns(chain):
        return _missing_dash(line, chain, slip)
    return _key_not_lined_up(line, chain)


def _key_columns(chain: list[_Line]) -> set[int]:
    return {line.key_column for line in chain if line.key}


def _dash_columns(chain: list[_Line]) -> set[int]:
    return {dash for line in chain for dash in line.dashes}


def _nearest_key(chain: list[_Line], column: int) -> _Line:
    return next(line for line in chain if line.key and line.key_column == column)


def _key_not_lined_up(line: _Line, chain: list[_Line]) -> Explanation | None:
    above = chain[0]
    columns = _key_columns(chain)
    if line.start in columns or (line.start > above.key_column and above.key and not _plain(above.value)):
        return None  # lined up, or the first key under `key:`: the slip is elsewhere
    if line.start > above.key_column:
        targets, how, pick = [column for column in columns if column < line.start], "indented too far", max
    else:
        targets, how, pick = [column for column in columns if column > line.start], "not indented far enough", min
    if not targets:
        return None
    return _key_message(line, how, _nearest_key(chain, pick(targets)))


def _key_message(line: _Line, how: str, other: _Line) -> Explanation:
    return line.number, line.start + 1, (f'the key "{line.key}:" is {how}: it has {_spaces(line.start)} before it; '
                                         f'give it {other.key_column}, to line it up with "{other.key}:" on line '
                                         f"{other.number}")


def _dash_not_lined_up(line: _Line, chain: list[_Line]) -> Explanation | None:
    above = chain[0]
    dash = line.dashes[0]
    columns = _dash_columns(chain)
    if dash in columns or (above.key and not _plain(above.value) and dash >= above.key_column):
        return None  # lined up, or the first entry of a list under `key:`: the slip is elsewhere
    if not columns or dash in _key_columns(chain):
        return None  # a list under a key that already has a value: too many possible fixes to name one
    target = min(columns, key=lambda column: abs(column - dash))
    other = next(candidate for candidate in chain if target in candidate.dashes)
    return line.number, dash + 1, (f"this list entry is not lined up with the others: its dash has {_spaces(dash)} "
                                   f"before it; give it {target}, like the dash on line {other.number}")


def _missing_dash(line: _Line, chain: list[_Line], slip: _Slip) -> Explanation | None:
    entry = next(candidate for candidate in chain if line.start in candidate.dashes)
    if line.key and not entry.key:
        return None
    if line.key and line.key not in _entry_keys(slip, entry, line.number):
        # A key of the entry above, written as far left as its dash: not lined up, rather than a new entry.
        return _key_message(line, "not indented far enough", _nearest_key(chain, entry.key_column))
    return line.number, line.start + 1, ('this line starts a new list entry but has no dash; put "- " in front of '
                                         f"it, so that it reads: - {line.text.strip()}")


def _entry_keys(slip: _Slip, entry: _Line, before: int) -> set[str]:
    keys = {entry.key} if entry.key else set()
    for line in slip.lines[entry.number: before - 1]:
        if line.key and line.key_column == entry.key_column and not line.dashes and not line.in_block:
            keys.add(line.key)
    return keys


def _block_text_above(slip: _Slip, number: int) -> int | None:
    """The indentation of the `|` or `>` text just above line `number`, if there is one."""
    starts: list[int] = []
    for line in reversed(slip.lines[: number - 1]):
        if line.in_block:
            if line.is_content:
                starts.append(line.start)
        elif line.is_content:
            return min(starts) if starts and line.opens_block else None
    return None


def _text_not_indented(slip: _Slip, line: _Line) -> Explanation | None:
    indent = _block_text_above(slip, line.number)
    if indent is None or line.start >= indent:
        return None
    return line.number, line.start + 1, (f"this line of text is not indented far enough: it has "
                                         f"{_spaces(line.start)} before it; give it {indent}, like the text above it")


DETECTORS: list[Callable[[_Slip], Explanation | None]] = [
    _known_problem,
    _tab,
    _unclosed_quote,
    _bad_escape,
    _unclosed_bracket,
    _quote_closes_early,
    _missing_colon,
    _special_start,
    _colon_in_value,
    _dash_without_space,
    _layout_slip,
]
