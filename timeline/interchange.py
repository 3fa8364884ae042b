"""The command-line side of ``import timelinejs``, ``export timelinejs`` and ``template``.

timeline.cli wires these in with ``add_interchange_commands`` and ``INTERCHANGE_COMMANDS``; everything that reads
or writes a file or prints lives here, the mapping itself in timelinejs.py, importer.py and template.py. Files a
curator made are never overwritten without ``--force``; the JSON export is derived data and is replaced.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from timeline.catalog import load_catalog
from timeline.importer import OUTPUT_COLUMNS, SheetImport, import_records
from timeline.problems import format_problem
from timeline.reader import read_table
from timeline.schema import COLUMN_NAMES
from timeline.settings import SETTINGS_NAME, Environment, load_settings, settings_path_for
from timeline.store import write_atomically
from timeline.template import template_rows
from timeline.timelinejs import SheetRecord, export_timeline, records_from_json, records_from_table
from timeline.wording import counted

# The one declaration of the statuses timeline.cli documents (0 done, 1 invalid or unreadable input, 2 misuse,
# 3 an unexpected problem: a bug, or a file or folder that could not be read or written): cli imports them from
# here, as this module cannot import cli without a cycle.
EXIT_OK, EXIT_INVALID, EXIT_MISUSE, EXIT_CRASH = 0, 1, 2, 3
IMPORTED_NAME = "events-imported.csv"
TEMPLATE_NAME = "events-template.csv"
_IGNORED_READER_CODES = frozenset({"column-missing", "column-unknown"})  # about OUR header, not a TimelineJS one


def add_interchange_commands(commands: argparse._SubParsersAction, env: Environment) -> None:
    imp = commands.add_parser("import", help="convert a TimelineJS sheet (CSV) or JSON into an events CSV")
    imp.add_argument("format", choices=("timelinejs",), help="the format to read")
    imp.add_argument("sheet", type=Path, help="the TimelineJS sheet saved as CSV, or TimelineJS JSON")
    imp.add_argument("-o", "--output", type=Path, help=f"events CSV to write (default {IMPORTED_NAME} beside "
                     "the sheet)")
    imp.add_argument("--force", action="store_true", help="replace the output file if it exists")
    exp = commands.add_parser("export", help="write the published entries as TimelineJS JSON")
    exp.add_argument("format", choices=("timelinejs",), help="the format to write")
    exp.add_argument("output", type=Path, help="JSON file to write (replaced if it exists)")
    exp.add_argument("--csv", type=Path, default=env.data, help=f"events CSV (default {env.data})")
    exp.add_argument("--media", type=Path, default=env.media, help=f"media folder (default {env.media})")
    tpl = commands.add_parser("template", help="write an events CSV with the header and one example per kind")
    tpl.add_argument("-o", "--output", type=Path, default=Path(TEMPLATE_NAME),
                     help=f"file to write (default {TEMPLATE_NAME} in the current folder)")
    tpl.add_argument("--force", action="store_true", help="replace the output file if it exists")


def run_import(args: argparse.Namespace, out: TextIO) -> int:
    output = args.output or args.sheet.parent / IMPORTED_NAME
    if refused := _refuse_output(output, args.force, out):
        return refused
    try:
        data = args.sheet.read_bytes()
    except OSError as error:
        out.write(f"{args.sheet}: cannot read the file ({error.strerror or error}).\n")
        return EXIT_INVALID
    records, columns, problem = _records(data, out, str(args.sheet))
    problem = problem or ("" if records else "It has no rows to import.")
    if problem:
        out.write(f"{args.sheet}: {problem} Nothing was written.\n")
        return EXIT_INVALID
    result = import_records(records, columns)
    _write_csv(output, OUTPUT_COLUMNS, result.rows)
    for note in result.notes:
        out.write(f"{args.sheet}:{note.row}: {note.column}: {note.message}\n")
    out.write(import_summary(result, args.sheet, output) + "\n")
    return EXIT_OK


def _records(data: bytes, out: TextIO, path: str) -> tuple[Sequence[SheetRecord], Sequence[str], str | None]:
    """Sheet rows from JSON or CSV bytes; reader problems about the file itself are printed as the checker does."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        try:
            parsed = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            return (), (), f"This looks like JSON but cannot be read: {error}."
        records, problem = records_from_json(parsed)
        return records, (), problem
    table = read_table(io.BytesIO(data))
    for reader_problem in table.problems:
        if reader_problem.code not in _IGNORED_READER_CODES:
            out.write(format_problem(reader_problem, path) + "\n")
    if not table.columns:
        return (), (), "The file could not be read as a sheet (see above)."
    records, problem = records_from_table(table)
    return records, table.columns, problem


def import_summary(result: SheetImport, sheet: Path, output: Path) -> str:
    eras = sum(row["kind"] == "era" for row in result.rows)
    lines = [f"Imported {counted(len(result.rows), 'row')} ({counted(eras, 'era')}, "
             f"{counted(result.drafts, 'draft')}) from {sheet} into {output}; "
             f"{counted(len(result.notes), 'report line')} above."]
    if result.unsourced:
        lines.append(f"Without sources (TimelineJS has no such column): {counted(result.unsourced, 'row')}, kept as "
                     "drafts until you fill in sources and set status to published.")
    if result.title:  # JSON string escapes are valid TOML basic strings
        lines.append(f"Title slide (row {result.title.row}): the exhibit's title lives in data/{SETTINGS_NAME}; "
                     f"add:\n    title = {json.dumps(result.title.headline, ensure_ascii=False)}")
        if result.title.text:
            lines.append(f"    introduction = {json.dumps(result.title.text, ensure_ascii=False)}")
    lines.append(f"Next: copy images into media/, then run: python -m timeline check {output}")
    return "\n".join(lines)


def run_export(args: argparse.Namespace, out: TextIO) -> int:
    if refused := _refuse_output(args.output, True, out):
        return refused
    settings = load_settings(settings_path_for(args.csv))
    catalog = load_catalog(args.csv, args.media, settings.category_order())
    if not catalog.publishable:
        out.write(f"{args.csv} has {counted(catalog.error_count, 'error')}, so it is not published and nothing was "
                  "exported. "
                  f"Run: python -m timeline check {args.csv}\n")
        return EXIT_INVALID
    visible = catalog.visible
    exported = json.dumps(export_timeline(visible, settings), ensure_ascii=False, indent=2) + "\n"
    write_atomically(args.output, exported.encode("utf-8"))
    shown = f"{counted(visible.counts.published_entries, 'published entry', 'published entries')} and " \
            f"{counted(visible.counts.eras, 'era')}"
    out.write(f"Wrote {args.output}: {shown} (drafts left out). "
              "Copy the images it names from media/ beside it.\n")
    return EXIT_OK


def run_template(args: argparse.Namespace, out: TextIO) -> int:
    if refused := _refuse_output(args.output, args.force, out):
        return refused
    _write_csv(args.output, COLUMN_NAMES, template_rows())
    out.write(f"Wrote {args.output}: the header and one example row per kind (event, quote, era), as drafts. "
              "Replace the examples with your entries.\n")
    return EXIT_OK


def _refuse_output(path: Path, force: bool, out: TextIO) -> int | None:
    if path.exists() and not force:
        out.write(f"{path} already exists; nothing was written. Choose another file with -o, or add --force to "
                  "replace it.\n")
        return EXIT_MISUSE
    if not path.parent.is_dir():
        out.write(f"The folder {path.parent} does not exist; nothing was written.\n")
        return EXIT_MISUSE
    return None


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> None:
    """UTF-8 with a BOM, so Excel opens accented letters correctly; our reader accepts it."""
    with path.open("w", encoding="utf-8-sig", newline="") as fp:
        writer = csv.DictWriter(fp, columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


INTERCHANGE_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "import": run_import, "export": run_export, "template": run_template,
}
