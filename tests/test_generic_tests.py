"""The project's own generic dbt tests (tests/generic/*.sql), run on small tables whose
failures are known by construction. The `{% test %}` body is rendered with plain Jinja (the
tests use no dbt context beyond `model` and their arguments) and executed on DuckDB."""

from __future__ import annotations

import re

import duckdb
import jinja2
import pytest
from conftest import ROOT

GENERIC = ROOT / "tests" / "generic"


def render_generic_test(name: str, **arguments) -> str:
    source = (GENERIC / f"{name}.sql").read_text(encoding="utf-8")
    body = re.search(r"{%\s*test\s+" + name + r"\(.*?\)\s*%}(.*?){%\s*endtest\s*%}", source, re.S).group(1)
    return jinja2.Template(body).render(**arguments)


@pytest.fixture()
def con():
    con = duckdb.connect()
    con.execute("""
        create table facts as select * from (values
            ('d1', 'a', 1.0,  '2101'),
            ('d1', 'b', null, '2102'),
            ('d2', null, null, '2101')
        ) as t(document_id, name, amount, code)
    """)
    yield con
    con.close()


def test_not_null_columns_reports_each_column_with_nulls_and_how_many(con):
    sql = render_generic_test("not_null_columns", model="facts", columns=["document_id", "name", "amount", "code"])
    failures = dict(con.execute(sql).fetchall())
    assert failures == {"name": 1, "amount": 2}


def test_not_null_columns_passes_on_filled_columns(con):
    sql = render_generic_test("not_null_columns", model="facts", columns=["document_id", "code"])
    assert con.execute(sql).fetchall() == []


def test_not_null_columns_single_column(con):
    sql = render_generic_test("not_null_columns", model="facts", columns=["amount"])
    assert con.execute(sql).fetchall() == [("amount", 2)]


def test_unique_combination_reports_repeated_grain(con):
    sql = render_generic_test("unique_combination", model="facts", columns=["document_id", "code"])
    assert con.execute(sql).fetchall() == []
    sql = render_generic_test("unique_combination", model="facts", columns=["document_id"])
    assert sorted(con.execute(sql).fetchall()) == [("d1", 2)]
