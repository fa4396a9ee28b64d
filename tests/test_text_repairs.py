"""Text repairs on fragments written from the samples' damage patterns."""

import pytest

from ingest.text import UnreadableDocument, decode_bytes, parse_amount, parse_code, split_cells


@pytest.mark.parametrize(
    "printed, value",
    [
        ("8476. 31", 8476.31),  # OCR inner space (sample 000)
        ("3,131,700.00", 3131700.0),  # thousands separators (sample 001)
        ("1,459.71", 1459.71),
        ("1，459.71", 1459.71),  # full-width comma
        ("11915. 40", 11915.40),
        ("0.00", 0.0),
        ("-20400", -20400.0),
        ("—", None),
        ("-", None),
        ("", None),
        ("·", None),
        ("_", None),
        ("明显提高", None),
    ],
)
def test_parse_amount(printed, value):
    assert parse_amount(printed) == value


def test_parse_code_keeps_only_real_codes():
    assert parse_code("2101506") == "2101506"
    assert parse_code(" 31203") == "31203"
    assert parse_code("3010") == "3010"  # cut short: kept, completed later from the name
    assert parse_code("1 17 5") is None  # OCR junk in a header is not a code
    assert parse_code("118. 34") is None


def test_split_cells_tabs_markdown_and_tags():
    assert split_cells("<b>本年收入合计</b>\t3,131,700.00") == ["本年收入合计", "3,131,700.00"]
    assert split_cells("| 208 | 社会保障和就业支出 | 72.83 |") == ["208", "社会保障和就业支出", "72.83"]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_decode_chinese_encodings(encoding):
    text = "部门预算收支总表\n单位：万元\n"
    decoded, _ = decode_bytes(text.encode(encoding))
    assert decoded.replace("\r\n", "\n") == text


def test_decode_refuses_binary_and_empty():
    with pytest.raises(UnreadableDocument):
        decode_bytes(b"")
    with pytest.raises(UnreadableDocument):
        decode_bytes(bytes(range(256)) * 20)
