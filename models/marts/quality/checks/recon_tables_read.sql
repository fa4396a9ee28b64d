-- R20 / R21: a table that was found but gave nothing is loud. Every recognised table of a kind
-- a parser reads (table_kinds.parser <> 'none') yields something: amount cells for the money
-- tables (收支总表, 收入表, 支出表, 基本支出表, "三公"经费表 …: R20), a project for the 绩效
-- tables, a line for the 绩效自评情况汇总表 (R21). A table need not yield anything when it prints that it is
-- empty (an `empty_table_note`: 空表, 本表无数据, 本单位不涉及 …) or, for a money table, when no
-- cell of its rows prints a non-zero amount (all zero or blank), for a 绩效 table when no row
-- prints a number outside brackets (a blank card prints only labels: '分值权重（90分）').
-- Exempt too: a 收入表 printed by budget unit, which the parser declares it does not read
-- (repair by_unit_not_read): the revenue by source is read from the 收支总表, which prints it
-- for the whole department. One row per table: printed_value 1 when the table should yield,
-- computed_value 1 when it did.
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with tables as (
    select
        tables.document_id, tables.table_no, tables.table_kind, tables.table_family, tables.title,
        tables.line_start, tables.line_end, tables.n_rows, tables.empty_note
    from {{ ref('stg_tables') }} as tables
    inner join {{ ref('table_kinds') }} as kinds on tables.table_kind = kinds.table_kind
    where kinds.parser <> 'none'
      {{ only_changed_documents('tables.document_id') }}
),

printed as (
    select
        document_id, table_no,
        sum(case when line_role = 'row' then n_amounts_printed else 0 end) as n_amounts_printed,
        max(case when line_role = 'row' and prints_number then 1 else 0 end) as has_number_row,
        max(case when is_empty_note then 1 else 0 end) as has_empty_line
    from {{ ref('stg_table_lines') }}
    {{ only_changed_documents('document_id', 'where') }}
    group by document_id, table_no
),

cells as (
    select document_id, table_no, count(*) as n_cells
    from {{ ref('stg_amount_cells') }}
    where amount_wan is not null
      {{ only_changed_documents('document_id') }}
    group by document_id, table_no
),

-- a project belongs to the table whose lines it overlaps (a card continued over a page break
-- under a repeated title is one project and two tables)
projects as (
    select tables.document_id, tables.table_no, count(*) as n_projects
    from tables
    inner join {{ ref('stg_perf_projects') }} as projects
        on tables.document_id = projects.document_id
        and projects.line_start <= tables.line_end and projects.line_end >= tables.line_start
    where tables.table_family = 'performance'
    group by tables.document_id, tables.table_no
),

summary_lines as (
    select tables.document_id, tables.table_no, count(*) as n_lines
    from tables
    inner join {{ ref('stg_perf_summaries') }} as summaries
        on tables.document_id = summaries.document_id
        and summaries.line_no between tables.line_start and tables.line_end
    where tables.table_kind = 'perf_summary'
    group by tables.document_id, tables.table_no
),

not_read_by_design as (
    select distinct document_id, table_no
    from {{ ref('stg_repairs') }}
    where rule = 'by_unit_not_read'
      {{ only_changed_documents('document_id') }}
),

judged as (
    select
        tables.*,
        coalesce(cells.n_cells, 0) + coalesce(projects.n_projects, 0) + coalesce(summary_lines.n_lines, 0) as n_yielded,
        case
            when tables.empty_note is not null or coalesce(printed.has_empty_line, 0) = 1 then false
            when tables.table_family = 'performance' then coalesce(printed.has_number_row, 0) = 1
            when tables.table_family = 'revenue' and not_read_by_design.table_no is not null then false
            else coalesce(printed.n_amounts_printed, 0) > 0
        end as should_yield,
        coalesce(printed.n_amounts_printed, 0) as n_amounts_printed
    from tables
    left join printed on tables.document_id = printed.document_id and tables.table_no = printed.table_no
    left join cells on tables.document_id = cells.document_id and tables.table_no = cells.table_no
    left join projects on tables.document_id = projects.document_id and tables.table_no = projects.table_no
    left join summary_lines
        on tables.document_id = summary_lines.document_id and tables.table_no = summary_lines.table_no
    left join not_read_by_design
        on tables.document_id = not_read_by_design.document_id and tables.table_no = not_read_by_design.table_no
)

select
    document_id,
    case when table_family = 'performance' then 'R21' else 'R20' end as rule_id,
    table_no,
    line_start as line_no,
    title as subject,
    case when table_family = 'performance' then '读出项目' else '读出金额' end as measure,
    cast(case when should_yield then 1 else 0 end as double) as printed_value,
    cast(case when should_yield and n_yielded > 0 then 1 else 0 end as double) as computed_value,
    cast(1 as bigint) as n_summed
from judged
