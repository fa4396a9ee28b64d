-- 表格行: every header and data line of every table, cells as printed (a JSON array), with how
-- many cells print a non-zero money amount (R20 asks whether a table that prints amounts
-- yielded any; macros/money_cells.sql: decimals and thousands commas anywhere, bare integers
-- after the line's last name cell unless that label is a column-header cell such as 栏次), whether
-- it prints a number at all, and whether the line is a printed empty-table note (空表 / 本表无数据 …, the
-- `empty_table_note` vocabulary of the template vocabulary seed, which the parser reads too;
-- macros/vocabulary_pattern.sql inlines it, and the `header_cell` one)
--
-- A table, not a view like the other staging models, and incremental by document
-- (macros/incremental.sql): its regular expressions are the costliest per-line work of the
-- build, and a filter on a view's document is applied after them (100,000 documents: 90 s of a
-- 121 s incremental build in R20, which reads a few changed documents).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_changed_documents() }}",
) }}
-- depends_on: {{ ref('template_vocabulary') }}
-- depends_on: {{ ref('int_build_changes') }}
with source as (
    select * from {{ source('raw', 'table_lines') }}
    {{ only_changed_documents('document_id', 'where') }}
),

lines as (
    select
        source.document_id,
        source.table_no,
        source.line_no,
        source.line_role,
        source.cells_json,
        source.page_no,
        {{ nonzero_money_cells('source.cells_json', vocabulary_pattern('header_cell')) }} as n_amounts_printed,
        -- a digit outside brackets: a blank 绩效 card prints only its labels ('分值权重（90分）')
        {{ regex_matches(regex_replace_all('source.cells_json', '[（(][^）)]*[）)]', ''), '[0-9]') }} as prints_number,
        -- the cells' text, joined: a note stands alone on its line
        {{ regex_replace_all(regex_replace_all('source.cells_json', '^\\[|\\]$|"', ''), '\\s*,\\s*', ' ') }} as line_text
    from source
)

select
    lines.document_id,
    lines.table_no,
    lines.line_no,
    lines.line_role,
    lines.cells_json,
    lines.page_no,
    lines.n_amounts_printed,
    lines.prints_number,
    coalesce(
        lines.n_amounts_printed = 0 and length(trim(lines.line_text)) < 80
        and {{ regex_matches('lines.line_text', vocabulary_pattern('empty_table_note')) }},
        false
    ) as is_empty_note
from lines
