"""Curator file bytes to text: UTF-8 (with or without BOM), else Windows-1252 with a warning; everything else refused.

Excel saves "CSV UTF-8", plain "CSV" (Windows-1252), "Unicode Text" (UTF-16) and workbooks; curators rename
files. Each is recognised here with a message that says what the file is and how to save it properly.
"""

from __future__ import annotations

import codecs
import re

from timeline.problems import Problem, make_problem, quoted

_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"PK\x03\x04", "file-workbook", "an Excel or LibreOffice workbook (.xlsx or .ods, a ZIP archive)"),
    (b"\xd0\xcf\x11\xe0", "file-workbook", "an old Excel workbook (.xls)"),
    (b"\xff\xfe", "encoding-utf16", "UTF-16 text (it starts with a UTF-16 byte-order mark)"),
    (b"\xfe\xff", "encoding-utf16", "UTF-16 text (it starts with a UTF-16 byte-order mark)"),
    (b"\x89PNG", "file-binary", "a PNG image"),
    (b"\xff\xd8\xff", "file-binary", "a JPEG image"),
    (b"GIF8", "file-binary", "a GIF image"),
    (b"%PDF", "file-binary", "a PDF document"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BINARY_SAMPLE = 65536  # characters inspected for control codes
_BINARY_RATIO = 0.05  # text typed in a spreadsheet has practically none
_NEWLINE = re.compile(rb"\r\n|\r|\n")


def decode_text(data: bytes) -> tuple[str | None, str, list[Problem]]:
    """Text, the encoding read and any problems; text is None when the bytes are not CSV text."""
    refused = _refuse_binary(data)
    if refused:
        return None, "", [refused]
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as utf8_error:
        text, encoding, problem = _decode_legacy(data, encoding, utf8_error.start)
        if text is None:
            return None, "", [problem]
        problems = [problem]
    else:
        problems = []
    sample = text[:_BINARY_SAMPLE]
    if len(_CONTROL.findall(sample)) > _BINARY_RATIO * len(sample):
        return None, "", [make_problem("file-binary", "Much of the file is control codes, not text: it is not a "
                                       "CSV text file (perhaps a damaged file or another kind of file).")]
    if not text.strip():
        return None, "", [make_problem("file-empty", "The file contains only spaces and blank lines.")]
    return text, encoding, problems


def _refuse_binary(data: bytes) -> Problem | None:
    """Recognise empty, workbook, UTF-16 and other binary files before trying to decode them."""
    if not data:
        return make_problem("file-empty", "The file is empty (0 bytes).")
    for magic, code, what in _SIGNATURES:
        if data.startswith(magic):
            return make_problem(code, f"The file is {what}, not a CSV text file.")
    if b"\x00" not in data:
        return None
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) >= max(2, len(sample) // 6) and min(even, odd) <= max(even, odd) // 10:
        return make_problem("encoding-utf16", "The file is UTF-16 text without a byte-order mark (every other byte "
                            "is zero), not CSV UTF-8 text.")
    line = _line_at(data, data.index(0))
    return make_problem("file-binary", f"The file contains NUL (zero) bytes, the first on line {line}: it is not a "
                        "CSV text file (perhaps damaged, or another kind of file).", line=line)


def _decode_legacy(data: bytes, encoding: str, bad: int) -> tuple[str | None, str, Problem]:
    """Older Excel saves "CSV" as Windows-1252; anything else that is not UTF-8 is refused."""
    line = _line_at(data, bad)
    if encoding == "utf-8-sig":
        return None, "", make_problem("encoding-unknown", f"The file starts with a UTF-8 marker but byte "
                                      f"0x{data[bad]:02X} on line {line} is not UTF-8: it mixes encodings.", line=line)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        where = _line_at(data, error.start)
        return None, "", make_problem("encoding-unknown", f"Byte 0x{data[error.start]:02X} on line {where} is "
                                      "neither UTF-8 nor Windows-1252 text.", line=where)
    start = max(data.rfind(b"\n", 0, bad), data.rfind(b"\r", 0, bad)) + 1
    snippet = re.split(r"[\r\n]", data[max(start, bad - 25):bad + 25].decode("cp1252"))[0]
    return text, "windows-1252", make_problem(
        "encoding-windows-1252", f"The file is not UTF-8, so it was read as Windows-1252 (older Excel \"CSV\"): "
        f"check accented letters and curly quotes, e.g. line {line} reads {quoted(snippet)}.", line=line)


def _line_at(data: bytes, position: int) -> int:
    return len(_NEWLINE.findall(data, 0, position)) + 1
