"""Curator mode through AppTest: drafts marked, the checker's exact messages, and what visitors still see."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.web_list import list_titles
from timeline.catalog import load_catalog
from timeline.cli import main as checker
from timeline.store import PublishedStore, Snapshot
from timeline.wording import counted

FIXTURES = Path(__file__).parent / "fixtures" / "publishing"
APP = Path(__file__).resolve().parents[1] / "app.py"
DRAFT_TITLE = "Nursing school plans (work in progress)"
NEW_TITLE = "Hospital opens its doors to patients"  # broken.csv's edit of a published entry


pytestmark = pytest.mark.usefixtures("fresh_app_state")  # tests/conftest.py: no registry of one test reaches the next


@pytest.fixture
def exhibit(tmp_path, monkeypatch):
    """A data folder of its own (the published state sits beside the CSV), with an empty media folder."""
    data, media = tmp_path / "data" / "events.csv", tmp_path / "media"
    data.parent.mkdir()
    media.mkdir()
    monkeypatch.setenv("TIMELINE_DATA", str(data))
    monkeypatch.setenv("TIMELINE_MEDIA", str(media))
    return data, media


def put(fixture: str, data: Path) -> None:
    shutil.copyfile(FIXTURES / fixture, data)


def publish_then_break(data: Path, media: Path) -> Snapshot:
    """An earlier run published good.csv; then the curator saved broken.csv. Returns what was published."""
    put("good.csv", data)
    published = PublishedStore(data, media).refresh()
    put("broken.csv", data)
    return published


def run_app(mode: str, monkeypatch) -> AppTest:
    monkeypatch.setenv("TIMELINE_MODE", mode)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def page_text(at: AppTest) -> str:
    """Every piece of text on the page, whatever element carries it."""
    parts = [e.value for kind in ("html", "markdown", "text", "code", "success", "error", "warning")
             for e in getattr(at, kind)]
    parts += [b.label for b in at.button] + [x.label for x in at.expander]
    return "\n".join(str(p) for p in parts)


def table(at: AppTest, alt: str) -> list[dict]:
    """The rows of the curator table named ``alt`` (its accessible name), as dicts keyed by column."""
    (frame,) = [t.value for t in at.dataframe if t.proto.alt == alt]
    return frame.to_dict("records")


def labels(at: AppTest, alt: str) -> list[str]:
    """The column headings a curator reads on that table, in order."""
    (shown,) = [t for t in at.dataframe if t.proto.alt == alt]
    columns = json.loads(shown.proto.columns)
    return [columns.get(name, {}).get("label", name) for name in shown.value.columns]


PROBLEMS = "Problems the checker finds in the file on disk"
CHANGES = "Entries the file on disk adds, removes or changes"
IMAGES = "Images the file names, and their state"


def checker_lines(data: Path, media: Path) -> list[str]:
    """What ``python -m timeline check`` prints for each problem (its two-line messages), without the summary."""
    out = io.StringIO()
    checker(["check", str(data), "--media", str(media)], out=out)
    lines = out.getvalue().splitlines()[:-1]
    return ["\n".join(pair) for pair in zip(lines[::2], lines[1::2], strict=True)]


def test_curator_mode_lists_drafts_marked_as_drafts(exhibit, monkeypatch):
    data, _ = exhibit
    put("good.csv", data)
    at = run_app("curator", monkeypatch)
    text = page_text(at)
    assert DRAFT_TITLE in text
    assert "Draft — not public" in text
    assert "Drafts shown only here: 1." in text


@pytest.fixture
def bound_to():
    """Sets the address the server is bound to as Streamlit's config holds it (given on purpose, or its default),
    and puts the project's setting back afterwards."""
    from streamlit import config
    from streamlit.config_option import ConfigOption

    before = (config.get_option("server.address"), config.get_where_defined("server.address"))

    def bind(address: str, given: bool) -> None:
        config.set_option("server.address", address,
                          "command-line argument or environment variable" if given else ConfigOption.DEFAULT_DEFINITION)

    yield bind
    config.set_option("server.address", *before)


@pytest.mark.parametrize(("address", "given", "says", "shows_drafts"), [
    ("127.0.0.1", True, "", True),
    ("localhost", True, "", True),
    ("0.0.0.0", True, "Curator mode is open to the network: the server listens on every network interface", True),
    ("192.0.2.2", True, "Curator mode is open to the network: the server listens on 192.0.2.2", True),
    ("", False, "Curator mode is not shown: the server listens on every network interface", False),
])
def test_the_warning_follows_the_bound_address_not_the_host_header(exhibit, monkeypatch, bound_to, address, given,
                                                                    says, shows_drafts):
    """A curator who browses via localhost to a server open to the network is warned all the same; a server that
    nobody chose an address for shows no drafts at all."""
    data, _ = exhibit
    put("good.csv", data)
    bound_to(address, given)
    at = run_app("curator", monkeypatch)
    notices = [n.value for n in (*at.warning, *at.error) if n.value.startswith("Curator mode is")]
    assert [n[:len(says)] for n in notices] == ([says] if says else [])
    assert (DRAFT_TITLE in page_text(at)) is shows_drafts
    assert ("Publish anyway" in page_text(at) or "Curator view" in page_text(at)) is shows_drafts


@pytest.mark.parametrize("broken", [False, True])
def test_the_filter_bar_counts_as_the_checker_and_the_banner_do(exhibit, monkeypatch, broken):
    """Entries are published events and quotes; drafts are counted apart, as ``Catalog.counts`` counts them. The
    page lists good.csv: the file on disk, or the version published before a broken save."""
    data, media = exhibit
    if broken:
        publish_then_break(data, media)
    else:
        put("good.csv", data)
    at = run_app("curator", monkeypatch)
    counts = load_catalog(FIXTURES / "good.csv", media).counts
    assert counts.drafts and counts.published_entries > 1
    (status,) = [re.sub(r"<[^>]+>", "", e.proto.body) for e in at.get("html") if 'role="status"' in e.proto.body]
    assert status == f"All {counts.published_entries} entries · {counted(counts.drafts, 'draft')}"
    assert [p.proto.popover.label for p in at.get("popover")] == [f"Filters · all {counts.published_entries}"]
    at.text_input(key="filter-text").set_value("school").run()  # the draft is a nursing school's plan
    (status,) = [re.sub(r"<[^>]+>", "", e.proto.body) for e in at.get("html") if 'role="status"' in e.proto.body]
    assert re.fullmatch(rf"\d+ of {counts.published_entries} entries · 1 draft · “school”", status)


def test_the_exhibit_title_is_the_first_heading_and_the_panel_follows_it(exhibit, monkeypatch):
    data, _ = exhibit
    put("good.csv", data)
    at = run_app("curator", monkeypatch)
    levels = [int(level) for e in at.get("html") for level in re.findall(r"<h([1-6])", e.proto.body)]
    panel = next(i for i, e in enumerate(at.get("html")) if "Curator view" in e.proto.body)
    title = next(i for i, e in enumerate(at.get("html")) if "<h1" in e.proto.body)
    assert levels[0] == 1 and levels.count(1) == 1 and title < panel
    assert all(after - before <= 1 for before, after in zip(levels, levels[1:], strict=False))  # no level skipped


def test_web_mode_never_shows_drafts(exhibit, monkeypatch):
    data, _ = exhibit
    put("good.csv", data)
    text = page_text(run_app("web", monkeypatch))
    assert "First students admitted" in text
    assert DRAFT_TITLE not in text
    assert "Draft — not public" not in text
    assert "Curator view" not in text


def test_problems_panel_shows_the_checkers_exact_messages_errors_first(exhibit, monkeypatch):
    data, media = exhibit
    put("broken.csv", data)
    at = run_app("curator", monkeypatch)
    expected = checker_lines(data, media)
    ordered = sorted(expected, key=lambda m: ": error: " not in m.splitlines()[0])  # errors first, each in file order
    rows = table(at, PROBLEMS)
    assert [r["severity"] for r in rows] == ["error", "warning", "warning"]  # a missing image only warns
    assert len(rows) == len(ordered)
    for row, message in zip(rows, ordered, strict=True):
        where_what, fix = message.splitlines()
        where = f"{data}:{row['row']}: {row['column']}"
        assert where_what == f"{where}: {row['severity']}: {row['problem']} [{row['code']}]"
        assert fix == f"    fix: {row['fix']}"
    assert labels(at, PROBLEMS) == ["Row", "Column", "Severity", "What is wrong", "How to fix it", "Code"]  # no line
    assert not at.code  # the table replaced the block of text


def test_a_problem_that_knows_its_text_line_shows_the_line_column(exhibit, monkeypatch):
    data, _ = exhibit
    data.write_bytes((FIXTURES / "good.csv").read_bytes().replace(b"Five students", b"Five\x00students"))
    at = run_app("curator", monkeypatch)
    (row,) = table(at, PROBLEMS)
    assert (row["row"], row["line"], row["code"]) == (None, 3, "file-binary")
    assert labels(at, PROBLEMS)[:2] == ["Row", "Text line"]


def test_a_file_without_problems_says_so_on_one_line(exhibit, monkeypatch):
    data, _ = exhibit
    put("good.csv", data)
    at = run_app("curator", monkeypatch)
    assert not [x.label for x in at.expander if x.label.startswith("Problems")]
    assert ("Problems in the file on disk: 0 errors, 0 warnings: the checker finds nothing to fix "
            "(python -m timeline check says the same).") in [t.value for t in at.text]


def test_a_broken_save_after_a_good_one_says_visitors_still_see_the_published_version(exhibit, monkeypatch):
    data, media = exhibit
    published = publish_then_break(data, media)
    at = run_app("curator", monkeypatch)
    status = [e.value for e in at.error if e.value.startswith("Visitors still see")]
    assert len(status) == 1
    assert "(2 published entries). The file on disk has 1 error, listed below." in status[0]
    listed = " ".join(list_titles(at))
    assert DRAFT_TITLE in listed and "First students admitted" in listed  # the last good version, with drafts
    assert NEW_TITLE not in listed
    assert published.current.version == PublishedStore(data, media).snapshot.current.version


def test_visitors_keep_the_last_good_version_while_the_file_has_errors(exhibit, monkeypatch):
    data, media = exhibit
    publish_then_break(data, media)
    at = run_app("web", monkeypatch)
    listed = " ".join(list_titles(at))
    assert "First students admitted" in listed
    assert NEW_TITLE not in listed
    assert "Visitors still see" not in page_text(at)


def test_curator_panel_reports_images_and_changes(exhibit, monkeypatch):
    data, media = exhibit
    publish_then_break(data, media)
    at = run_app("curator", monkeypatch)
    expanders = [x.label for x in at.expander]
    assert "Images: 1 image: 1 missing." in expanders
    assert ("File on disk compared with what visitors see: Differences in 3 entries: 1 added, 1 removed, 1 changed."
            in expanders)
    assert [(r["change"], r["id"], r["column"]) for r in table(at, CHANGES)] == [
        ("added", "clinic-photo", ""), ("removed", "students-admitted", ""), ("changed", "hospital-opens", "title"),
        ("changed", "hospital-opens", "notes")]
    (title,) = [r for r in table(at, CHANGES) if r["column"] == "title"]
    assert (title["before"], title["after"]) != ("", "") and title["after"] == NEW_TITLE
    assert labels(at, CHANGES) == ["Change", "Id", "Title", "Draft", "Column", "Visitors see", "File on disk"]
    assert [(r["row"], r["entry"], r["image"], r["state"]) for r in table(at, IMAGES)] == [
        (5, "clinic-photo", "clinic.jpg", "missing")]  # a warning: the entry is in the file, with a placeholder
    assert labels(at, IMAGES) == ["Row", "Entry id", "Image file", "State"]


def test_a_save_removing_many_entries_is_held_back_until_the_curator_publishes_it_anyway(exhibit, monkeypatch):
    data, media = exhibit
    put("good.csv", data)
    PublishedStore(data, media).refresh()  # 2 published entries
    data.write_bytes(b"".join((FIXTURES / "good.csv").read_bytes().splitlines(keepends=True)[:2]))  # 1 is left
    assert "First students admitted" in " ".join(list_titles(run_app("web", monkeypatch)))
    at = run_app("curator", monkeypatch)
    (status,) = [e.value for e in at.error]
    assert status.startswith("Visitors still see the version published at")
    assert "would take 1 of the 2 published entries away from visitors" in status
    assert [(r["change"], r["id"], r["title"], r["draft"]) for r in table(at, CHANGES)] == [
        ("removed", "students-admitted", "First students admitted", False),
        ("removed", "nursing-draft", DRAFT_TITLE, True)]
    at.button(key="publish-anyway").click().run()
    assert not at.exception and not at.error
    assert any(e.value.startswith("Visitors see the file on disk") for e in at.success)
    assert "First students admitted" not in " ".join(list_titles(run_app("web", monkeypatch)))


def test_a_published_copy_that_could_not_be_saved_is_shown_in_the_panel(exhibit, monkeypatch):
    data, _ = exhibit
    put("good.csv", data)
    (data.parent / ".published").write_text("a file where the folder should be", encoding="utf-8")
    at = run_app("curator", monkeypatch)
    assert any(e.value.startswith("Visitors see the file on disk") for e in at.success)
    (warning,) = [w.value for w in at.warning if "could not be saved" in w.value]
    assert str(data.parent / ".published" / "events") in warning


def test_no_differences_is_said_plainly_not_behind_an_empty_expander(exhibit, monkeypatch):
    data, media = exhibit
    put("good.csv", data)
    PublishedStore(data, media).refresh()
    at = run_app("curator", monkeypatch)
    assert not [x.label for x in at.expander if "compared with what visitors see" in x.label]
    assert "File on disk compared with what visitors see: No differences: visitors see what is in the file." in [
        t.value for t in at.text]


def test_curator_panel_lists_each_published_entrys_narration(exhibit, monkeypatch, tmp_path):
    data, media = exhibit
    put("good.csv", data)
    monkeypatch.setattr("timeline.ui.curator.page.CACHE_DIR", tmp_path / "derived")  # nothing narrated there yet
    at = run_app("curator", monkeypatch)
    published = load_catalog(data).counts.published_entries
    assert f"Narration: {counted(published, 'entry', 'entries')}: {published} missing." in [x.label for x in
                                                                                           at.expander]
