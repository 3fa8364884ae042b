"""Bytes to text: which encodings are read, which are refused, and what each refusal says."""

from __future__ import annotations

import codecs

import pytest

from timeline.encoding import decode_text


@pytest.mark.parametrize(("data", "text", "encoding", "codes"), [
    ("id,title\nå,é\n".encode(), "id,title\nå,é\n", "utf-8", []),
    (codecs.BOM_UTF8 + b"id\n1\n", "id\n1\n", "utf-8-sig", []),
    ("id,title\n1,Café “quoted”\n".encode("cp1252"), "id,title\n1,Café “quoted”\n", "windows-1252",
     ["encoding-windows-1252"]),
])
def test_text_files_are_read_and_their_encoding_named(data, text, encoding, codes):
    decoded, read_as, problems = decode_text(data)
    assert (decoded, read_as, [p.code for p in problems]) == (text, encoding, codes)


@pytest.mark.parametrize(("data", "code", "phrase"), [
    (b"", "file-empty", "0 bytes"),
    (b"  \n\n", "file-empty", "blank lines"),
    (b"PK\x03\x04workbook", "file-workbook", ".xlsx"),
    (b"\xd0\xcf\x11\xe0old", "file-workbook", ".xls"),
    ("id,title\n".encode("utf-16"), "encoding-utf16", "UTF-16"),
    ("id,title\n1,2\n".encode("utf-16-le"), "encoding-utf16", "every other byte"),
    (b"id,title\n1,\x00x\n", "file-binary", "line 2"),
    (b"\x89PNG\r\n", "file-binary", "PNG"),
    (b"id\n\x81\x8d", "encoding-unknown", "0x81"),
    (codecs.BOM_UTF8 + b"id\n\xe9\n", "encoding-unknown", "mixes encodings"),
    (bytes(range(1, 9)) * 100, "file-binary", "control codes"),
])
def test_non_text_files_are_refused_with_a_reason(data, code, phrase):
    text, _, problems = decode_text(data)
    assert text is None
    assert [p.code for p in problems] == [code]
    assert phrase in problems[0].message
