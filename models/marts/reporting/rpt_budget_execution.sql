{{ config(materialized='view') }}
-- 预算执行报表视图 (budget execution, ready for BI): a unit-year's 预算 (budget) set against
-- its 决算 (final accounts), by 功能分类 code × expense_type, from the all-funds (全部资金)
-- tables of the documents in totals — so sum(budget_wan) and sum(final_wan) count each
-- amount once. A full outer join, so a line printed on one side only is kept with NULL on
-- the other (both_printed = false); both_documents says whether the unit-year has a document
-- of each stage at all. fund_type is always '全部资金' (kept so that filters written for the
-- earlier by-fund version of this view still work).
with expenditure as (
    select * from {{ ref('fct_expenditure').include(database=false) }}
    where in_totals and fund_type = '全部资金'
),

documents as (
    select document_id, source_file, doc_kind, unit_id, year
    from {{ ref('dim_document').include(database=false) }}
    where in_totals
),

budget_lines as (
    select unit_id, year, fund_type, func_code, expense_type, sum(amount_wan) as budget_wan
    from expenditure
    where stage = '预算'
    group by unit_id, year, fund_type, func_code, expense_type
),

final_lines as (
    select unit_id, year, fund_type, func_code, expense_type, sum(amount_wan) as final_wan
    from expenditure
    where stage = '决算'
    group by unit_id, year, fund_type, func_code, expense_type
),

matched_lines as (
    select
        coalesce(budget_lines.unit_id, final_lines.unit_id) as unit_id,
        coalesce(budget_lines.year, final_lines.year) as year,
        coalesce(budget_lines.fund_type, final_lines.fund_type) as fund_type,
        coalesce(budget_lines.func_code, final_lines.func_code) as func_code,
        coalesce(budget_lines.expense_type, final_lines.expense_type) as expense_type,
        budget_lines.budget_wan,
        final_lines.final_wan
    from budget_lines
    full outer join final_lines
        on budget_lines.unit_id = final_lines.unit_id
        and budget_lines.year = final_lines.year
        and budget_lines.fund_type = final_lines.fund_type
        and budget_lines.func_code = final_lines.func_code
        and budget_lines.expense_type = final_lines.expense_type
),

budget_documents as (
    select unit_id, year, {{ dbt.listagg('distinct source_file', "', '", 'order by source_file') }} as budget_source_files
    from documents
    where doc_kind = '预算'
    group by unit_id, year
),

final_documents as (
    select unit_id, year, {{ dbt.listagg('distinct source_file', "', '", 'order by source_file') }} as final_source_files
    from documents
    where doc_kind = '决算'
    group by unit_id, year
),

units as (
    select * from {{ ref('dim_unit').include(database=false) }}
),

func_subjects as (
    select * from {{ ref('dim_func_subject').include(database=false) }}
)

select
    {{ surrogate_key(['matched_lines.unit_id', 'matched_lines.year', 'matched_lines.fund_type', 'matched_lines.func_code', 'matched_lines.expense_type']) }} as execution_line_id,
    matched_lines.unit_id,
    {{ unit_label_columns('units') }},
    matched_lines.year,
    matched_lines.fund_type,
    matched_lines.expense_type,
    matched_lines.func_code,
    subject.func_name,
    subject.level as func_level,
    subject.class_code,
    subject.class_name,
    kuan.func_code as kuan_code,
    kuan.func_name as kuan_name,
    cast(matched_lines.budget_wan as decimal(18, 6)) as budget_wan,
    cast(matched_lines.final_wan as decimal(18, 6)) as final_wan,
    cast(matched_lines.final_wan - matched_lines.budget_wan as decimal(18, 6)) as variance_wan,
    case
        when matched_lines.budget_wan is not null and matched_lines.budget_wan <> 0
            then round(matched_lines.final_wan * 100.0 / matched_lines.budget_wan, 2)
    end as execution_rate,
    matched_lines.budget_wan is not null and matched_lines.final_wan is not null as both_printed,
    budget_documents.unit_id is not null and final_documents.unit_id is not null as both_documents,
    budget_documents.budget_source_files,
    final_documents.final_source_files
from matched_lines
left join budget_documents
    on matched_lines.unit_id = budget_documents.unit_id and matched_lines.year = budget_documents.year
left join final_documents
    on matched_lines.unit_id = final_documents.unit_id and matched_lines.year = final_documents.year
left join units on matched_lines.unit_id = units.unit_id
left join func_subjects as subject on matched_lines.func_code = subject.func_code
left join func_subjects as kuan
    on kuan.func_code = case subject.level
        when '项' then subject.parent_code
        when '款' then subject.func_code
    end
