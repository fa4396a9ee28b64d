{{ config(materialized='view') }}
-- 支出报表视图 (expenditure, ready for BI): one row per fct_expenditure row, with the document,
-- the unit and its region, and the 功能分类 类/款/项 names already joined, so a BI user can drag
-- fields without writing joins. Sum amount_wan within one fund_type (never add '全部资金' to
-- the fund-table rows). References are schema-qualified without the catalog name, so the
-- view also works when a tool ATTACHes the file under another alias.
with expenditure as (
    select * from {{ ref('fct_expenditure').include(database=false) }}
),

documents as (
    select document_id, source_file, doc_kind from {{ ref('dim_document').include(database=false) }}
),

units as (
    select * from {{ ref('dim_unit').include(database=false) }}
),

func_subjects as (
    select * from {{ ref('dim_func_subject').include(database=false) }}
)

select
    expenditure.document_id,
    documents.source_file,
    documents.doc_kind,
    expenditure.year,
    expenditure.stage,
    expenditure.unit_id,
    {{ unit_label_columns('units') }},
    expenditure.fund_type,
    expenditure.expense_type,
    expenditure.func_code,
    coalesce(subject.func_name, expenditure.printed_func_name) as func_name,
    {{ dbt.concat(["expenditure.func_code", "' '", "coalesce(subject.func_name, expenditure.printed_func_name)"]) }} as func_label,
    expenditure.printed_func_name,
    subject.level as func_level,
    subject.class_code,
    subject.class_name,
    kuan.func_code as kuan_code,
    kuan.func_name as kuan_name,
    expenditure.amount_wan,
    expenditure.code_repaired,
    expenditure.source_table_no,
    expenditure.source_line_no
from expenditure
left join documents on expenditure.document_id = documents.document_id
left join units on expenditure.unit_id = units.unit_id
left join func_subjects as subject on expenditure.func_code = subject.func_code
left join func_subjects as kuan
    on kuan.func_code = case subject.level
        when '项' then subject.parent_code
        when '款' then subject.func_code
    end
