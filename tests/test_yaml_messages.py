"""Each YAML slip an editor makes gets a plain message: where, what is wrong, and the fix, without parser words."""

from __future__ import annotations

from typing import NamedTuple

import pytest

SUMMARY = "summary: A Moscow-led economic union."
TAB = "this line is indented with a tab character; data files allow only spaces: replace the tab with spaces"
LAST_LINE = "          - source: kun-eaeu-observer-2020\n"  # the end of organisations.yml
QUOTES_ONLY = "which is allowed only inside quotes; put the whole value in double quotes"


class Slip(NamedTuple):
    """Replace `old` with `new` in organisations.yml; the error is on the line holding `needle`."""

    old: str
    new: str
    needle: str
    column: int
    message: str


SLIPS = [
    pytest.param(Slip("    founded:", "\tfounded:", "founded:", 1, TAB), id="tab"),
    pytest.param(Slip("    founded:", "      founded:", "founded:", 7,
                      'the key "founded:" is indented too far: it has 6 spaces before it; give it 4, to line it up '
                      'with "summary:" on line 5'), id="indented-too-deep"),
    pytest.param(Slip("        role: observer", "       role: observer", "role:", 8,
                      'the key "role:" is not indented far enough: it has 7 spaces before it; give it 8, to line it '
                      'up with "country:" on line 11'), id="indented-too-shallow"),
    pytest.param(Slip("        quote: EurAsEC", "      quote: EurAsEC", "quote: EurAsEC", 7,
                      'the key "quote:" is not indented far enough: it has 6 spaces before it; give it 8, to line it '
                      'up with "source:" on line 8'), id="key-as-far-left-as-the-dash"),
    pytest.param(Slip("name: Eurasian Economic", "name: Eurasian: Economic", "name:", len("    name: Eurasian:"),
                      'the text after "name:" has a colon followed by a space, which YAML reads as a new key; put the '
                      'whole value in double quotes: name: "Eurasian: Economic Union"'), id="colon-in-value"),
    pytest.param(Slip(SUMMARY, 'summary: He said: "no" to it', "summary:", len("    summary: He said:"),
                      'the text after "summary:" has a colon followed by a space, which YAML reads as a new key; put '
                      "the whole value in single quotes: summary: 'He said: \"no\" to it'"),
                 id="colon-in-value-with-quotes"),
    pytest.param(Slip(SUMMARY, "summary: [[eaeu]] was founded in 2015", "summary:", 14,
                      f'the text after "summary:" starts with "[[", {QUOTES_ONLY}: '
                      'summary: "[[eaeu]] was founded in 2015"'), id="starts-with-a-link"),
    *[pytest.param(Slip(SUMMARY, f"summary: {value}", "summary:", 14,
                        f'the text after "summary:" starts with "{value[0]}", {QUOTES_ONLY}: summary: "{value}"'),
                   id=f"starts-with-{name}")
      for name, value in [("bracket", "[EAEU] is a union"), ("star", "*EAEU* is a union"),
                          ("ampersand", "& EAEU is a union"), ("exclamation", "!EAEU is a union"),
                          ("percent", "%40 of trade"), ("at", "@EAEU is a union"), ("backtick", "`EAEU` is a union")]],
    pytest.param(Slip("    abbreviations: [EAEU, EEU]\n", "    abbreviations:\n      - [[eaeu]] for short\n",
                      "[[eaeu]] for short", 9,
                      'the list item starts with "[[", which is allowed only inside quotes; put the whole item in '
                      'double quotes: - "[[eaeu]] for short"'), id="list-item-starts-with-a-link"),
    pytest.param(Slip(LAST_LINE, f"{LAST_LINE}  id: eurasec\n    name: EurAsEC\n",
                      "id: eurasec", 3,
                      'this line starts a new list entry but has no dash; put "- " in front of it, so that it '
                      "reads: - id: eurasec"), id="missing-dash"),
    pytest.param(Slip(LAST_LINE, f"{LAST_LINE}   - id: eurasec\n     name: EurAsEC\n",
                      "id: eurasec", 4,
                      "this list entry is not lined up with the others: its dash has 3 spaces before it; give it 2, "
                      "like the dash on line 2"), id="dash-not-lined-up"),
    pytest.param(Slip(SUMMARY, 'summary: "A Moscow-led economic union.', "summary:", 14,
                      'the text after "summary:" opens a quotation mark (") that is never closed; add a closing " at '
                      "the end of the value"), id="unclosed-double-quote"),
    pytest.param(Slip(SUMMARY, "summary: 'A Moscow-led economic union.", "summary:", 14,
                      "the text after \"summary:\" opens a quotation mark (') that is never closed; add a closing ' at "
                      "the end of the value"), id="unclosed-single-quote"),
    pytest.param(Slip(SUMMARY, 'summary: "A "Moscow-led" union"', "summary:", 14,
                      'the quotes around the text after "summary:" close at the next quotation mark, before its end; '
                      "put the whole value in single quotes: summary: 'A \"Moscow-led\" union'"),
                 id="quotes-inside-quotes"),
    pytest.param(Slip(SUMMARY, "summary: >-\n      A Moscow-led\n     economic union.", "     economic union.", 6,
                      "this line of text is not indented far enough: it has 5 spaces before it; give it 6, like the "
                      "text above it"), id="text-not-lined-up"),
    pytest.param(Slip("name: Eurasian", "name:Eurasian", "name:", 10,
                      '"name:" needs a space after its colon: name: Eurasian Economic Union'),
                 id="no-space-after-colon"),
    pytest.param(Slip("abbreviations: [EAEU, EEU]", "abbreviations: [EAEU, EEU", "abbreviations:", 20,
                      'the "[" that starts the text after "abbreviations:" is never closed; if it is a list, end it '
                      'with "]"; if it is text, put the whole value in double quotes: abbreviations: "[EAEU, EEU"'),
                 id="unclosed-bracket"),
    pytest.param(Slip("    founded:", "    : 1994\n    founded:", ": 1994", 5,
                      "the file's layout cannot be read here; check the indentation and the quotation marks around "
                      "line 6"), id="anything-else"),
    pytest.param(Slip('    founded: "2015"\n', '    founded: "2015"\n---\n', "---", 1,
                      "a data file holds one document; remove the second '---'"), id="second-document"),
]


@pytest.mark.parametrize("slip", SLIPS)
def test_yaml_slip_message(tmp_data, slip):
    tmp_data.edit("organisations.yml", slip.old, slip.new)
    line = tmp_data.line("organisations.yml", slip.needle)
    assert tmp_data.errors() == [f"data/organisations.yml:{line}:{slip.column}: {slip.message}"]
