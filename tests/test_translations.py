"""Translations as overlays (explainer.translations) and the words around them (explainer.i18n), without MkDocs:
the loader refuses what it cannot use with file:line and the fix, a stale or missing translation shows the English
marked as such, and dates, numbers and plurals take the language's forms."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explainer import i18n, translations
from explainer.errors import DataErrors
from explainer.load import load_dataset
from explainer.model import Person
from explainer.pages import Site
from tests.sitebuild import REPO


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data, without its translations (each test writes its own)."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(REPO / "data", root / "data", ignore=shutil.ignore_patterns("i18n"))
    return root / "data"


def overlay_of(data_dir: Path, files: dict[str, str]) -> translations.Overlay:
    folder = data_dir / "i18n" / "ru"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return translations.load_overlay(data_dir, "ru", load_dataset(data_dir))


def entry(id_: str, field: str, english: str, text: str) -> str:
    return (f"  - id: {id_}\n    field: {field}\n    en_hash: \"{translations.english_hash(english)}\"\n"
            f"    text: \"{text}\"\n")


def tokayev(data_dir: Path) -> Person:
    return next(person for person in load_dataset(data_dir).of(Person) if person.id == "tokayev")


def test_the_english_data_is_left_as_it_was(data_copy):
    """The loader keeps what it validated for the next load: a translation works on a copy."""
    name = tokayev(data_copy).name
    overlay = overlay_of(data_copy, {"people.yml": "checked: 2026-12-06\ntranslations:\n"
                                     + entry("tokayev", "name", name, "Касым-Жомарт Токаев")})
    translations.translated(load_dataset(data_copy), overlay)
    assert tokayev(data_copy).name == name == "Kassym-Jomart Tokayev"


def test_a_translation_is_written_into_the_data(data_copy):
    name = tokayev(data_copy).name
    overlay = overlay_of(data_copy, {"people.yml": "checked: 2026-12-06\ntranslations:\n"
                                     + entry("tokayev", "name", name, "Касым-Жомарт Токаев")})
    assert not overlay.errors
    dataset, coverage = translations.translated(load_dataset(data_copy), overlay)
    person = next(person for person in dataset.of(Person) if person.id == "tokayev")
    assert person.name == "Касым-Жомарт Токаев"
    assert coverage.files["data/people.yml"][0] == 1
    assert coverage.checked == {"data/people.yml": "2026-12-06"}
    # Not translated: the English, marked line by line, so that the page shows it as English.
    assert person.summary.startswith(i18n.OPEN) and person.summary.endswith(i18n.CLOSE)


def test_a_stale_translation_shows_the_english_marked(data_copy):
    overlay = overlay_of(data_copy, {"people.yml": "checked: 2026-12-06\ntranslations:\n"
                                     + entry("tokayev", "name", "An older English name", "Касым-Жомарт Токаев")})
    dataset, coverage = translations.translated(load_dataset(data_copy), overlay)
    person = next(person for person in dataset.of(Person) if person.id == "tokayev")
    assert person.name == f"{i18n.OPEN}Kassym-Jomart Tokayev{i18n.CLOSE}"
    assert [(unit.id, unit.field) for unit in coverage.stale] == [("tokayev", "name")]


@pytest.mark.parametrize(("text", "expected"), [
    (entry("no-such-entry", "name", "x", "y"), "people.yml:3: no-such-entry name: no entry, fact or event has the id "
                                               "'no-such-entry'"),
    (entry("tokayev", "country", "kazakhstan", "y"), "people.yml:3: tokayev country: 'country' is not a translated "
                                                     "field of tokayev; its translated fields are:"),
    (entry("kazakhstan", "name", "Kazakhstan", "Казахстан"), "people.yml:3: kazakhstan name: kazakhstan is written in "
                                                             "data/countries.yml: move this translation to "
                                                             "data/i18n/ru/countries.yml"),
    (entry("tokayev", "summary", "x", "Президент [[russia]]"), "the English links [["),
    (entry("tokayev", "name", "x", "Токаев") + entry("tokayev", "name", "x", "Токаев"), "people.yml:7: tokayev name: "
                                                                                        "translated twice (also at "
                                                                                        "line 3); keep one"),
    ("  - id: tokayev\n    field: name\n    text: \"Токаев\"\n", "people.yml:3: translations.translations[1].en_hash"),
])
def test_the_loader_refuses_what_it_cannot_use(data_copy, text, expected):
    overlay = overlay_of(data_copy, {"people.yml": "checked: 2026-12-06\ntranslations:\n" + text})
    messages = [str(error) for error in overlay.errors]
    assert any(expected in message for message in messages), messages
    assert all(message.startswith("data/i18n/ru/people.yml:") for message in messages), messages


def test_the_translation_of_a_reworded_fact_is_set_aside_not_an_error(data_copy):
    """A fact without an id: is named by a hash of its text: rewording it leaves its translation naming nothing."""
    overlay = overlay_of(data_copy, {"people.yml": "checked: 2026-12-06\ntranslations:\n"
                                     + entry("0123abcd", "text", "old words", "старые слова")})
    assert not overlay.errors
    assert [orphan.id for orphan in overlay.orphans] == ["0123abcd"]


def test_a_malformed_file_is_an_error_at_its_line_and_the_site_does_not_load(data_copy):
    overlay = overlay_of(data_copy, {"people.yml": "checked: 2026-12-06\ntranslations:\n  - id: [tokayev\n"})
    assert [error.file for error in overlay.errors] == ["data/i18n/ru/people.yml"]
    assert overlay.errors[0].line == 3
    with pytest.raises(DataErrors, match=r"data/i18n/ru/people.yml:3"):
        Site.load(data_copy, language="ru")


def test_marked_english_becomes_a_span_that_nests(data_copy):
    marked = i18n.untranslated("First paragraph.\n\n- a list item")
    assert marked == f"{i18n.OPEN}First paragraph.{i18n.CLOSE}\n\n- {i18n.OPEN}a list item{i18n.CLOSE}"
    page = (f"<title>{i18n.OPEN}Tokayev{i18n.CLOSE}</title><p>{i18n.OPEN}A <a href=\"x\">link</a> and "
            f"text{i18n.CLOSE}</p><svg><text>{i18n.OPEN}Map{i18n.CLOSE}</text></svg>")
    html = i18n.marked_html(page, "ещё не переведено")
    span = '<span lang="en" class="explainer-untranslated">'
    assert html == (f"<title>Tokayev</title><p>{span}A </span><a href=\"x\">{span}link</span></a>{span} and text"
                    '</span><small class="explainer-untranslated-note">ещё не переведено</small></p>'
                    "<svg><text>Map</text></svg>")
    # An untranslated name inside an untranslated sentence: the sentence's run goes on after the name's.
    nested = i18n.marked_html(f"<p>{i18n.OPEN}In {i18n.OPEN}Tashkent{i18n.CLOSE} on 21 December{i18n.CLOSE}</p>",
                              "note")
    assert nested == (f'<p>{span}In Tashkent on 21 December</span>'
                      '<small class="explainer-untranslated-note">note</small></p>')


def test_dates_numbers_and_plurals_take_the_languages_forms():
    english, russian = i18n.language("en"), i18n.language("ru")
    assert [english.date(date) for date in ("2022-12-22", "2022-12", "2022")] == ["22 December 2022",
                                                                                  "December 2022", "2022"]
    assert [russian.date(date) for date in ("2022-12-22", "2022-12", "2022")] == ["22 декабря 2022 года",
                                                                                  "декабрь 2022 года", "2022"]
    # After «с», «до», «к»: the month in the genitive, and a year with «года».
    assert [russian.date(date, "genitive") for date in ("2022-12", "2022")] == ["декабря 2022 года", "2022 года"]
    assert (russian.figure(55.2, 2), english.figure(55.2, 2)) == ("55,20", "55.20")
    assert (english.figure(2357), english.figure(4.97)) == ("2,357", "4.97")
    assert (russian.figure(2357), russian.figure(4.97)) == ("2\xa0357", "4,97")
    table = i18n.Language("ru", {"%(num)s check": ["%(num)s проверка", "%(num)s проверки", "%(num)s проверок"]})
    assert [table.ngettext("%(num)s check", "%(num)s checks", count) for count in (1, 3, 5, 21)] == [
        "%(num)s проверка", "%(num)s проверки", "%(num)s проверок", "%(num)s проверка"]
    assert table.gettext("Not in the table") == f"{i18n.OPEN}Not in the table{i18n.CLOSE}"


def test_the_message_tables_are_well_formed():
    assert i18n.message_problems("ru") == []


@pytest.mark.parametrize(("quote", "translation", "expected"), [
    ("The treaty was signed.", None, "en"),
    ("Президент подчеркнул, что статус и порядок формирования Халық кеңесі планируется закрепить в новой "
     "Конституции страны.", "x", "ru"),
    ("Қазақстан Республикасы Үкіметінің 2022 жылғы қаулысы", "x", "kk"),
    ("Миллий статистика қўмитаси маълумотларига кўра", "x", "uz"),
    ("Президент Казахстану Касим-Жомарт Токаєв", "x", "uk"),
    ("Il nuovo mandato di Mirziyoyev durerà fino al 2030", "x", "it"),
    ("Investimenti, dell'Industria e del Commercio", "x", "it"),  # not Turkish: an I is no dotless ı
    ("Popșoi a menționat că", "x", "ro"),
    ("Oʻzbekiston Respublikasi", "x", "uz"),
])
def test_a_quotes_language_is_read_from_its_letters(quote, translation, expected):
    from explainer.model import Citation

    assert translations.quote_language(Citation(source="s", quote=quote, translation=translation)) == expected


def test_every_word_the_core_writes_has_its_russian():
    """Every page and file the core makes in Russian asks the message table only for messages it has (a missing
    one would show in English, marked: right for the data, a slip for the site's own words)."""
    from explainer.render import outputs

    russian = i18n.language("ru")
    russian.missing.clear()
    made = list(outputs(Site.load(REPO / "data", language="ru")))
    assert len(made) > 100
    assert not russian.missing, f"messages without a Russian translation: {sorted(russian.missing)}"


def test_a_broken_message_table_is_reported_not_raised(tmp_path, monkeypatch):
    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "broken.yml").write_text("Data last changed %(date)s: Последнее изменение: %(date)s\n",
                                                encoding="utf-8")
    monkeypatch.setattr(i18n, "MESSAGES", tmp_path)
    i18n.language.cache_clear()
    try:
        assert i18n.language("ru").messages == {}
        problems = i18n.message_problems("ru")
        assert len(problems) == 1 and problems[0].startswith("hooks/explainer/messages/ru/broken.yml: not YAML")
    finally:
        i18n.language.cache_clear()
