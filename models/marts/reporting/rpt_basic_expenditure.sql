{{ config(materialized='view') }}
-- 基本支出报表视图 (basic expenditure, ready for BI): one row per fct_basic_expenditure row
-- (部门经济分类 leaf × 人员经费/公用经费) of the documents in totals, with the document, the
-- unit and its region, the 经济分类 类/款 names and the matching 政府经济分类 code and name
-- already joined. Safe to sum: leaves only, one non-overlapping set of documents.
with basic_expenditure as (
    select * from {{ ref('fct_basic_expenditure').include(database=false) }}
    where in_totals
),

documents as (
    select document_id, source_file, doc_kind, scope from {{ ref('dim_document').include(database=false) }}
),

units as (
    select * from {{ ref('dim_unit').include(database=false) }}
),

econ_subjects as (
    select * from {{ ref('dim_econ_subject').include(database=false) }}
)

select
    basic_expenditure.document_id,
    documents.source_file,
    documents.doc_kind,
    documents.scope,
    basic_expenditure.year,
    basic_expenditure.stage,
    basic_expenditure.unit_id,
    {{ unit_label_columns('units') }},
    basic_expenditure.expense_type,
    basic_expenditure.econ_code,
    coalesce(subject.econ_name, basic_expenditure.printed_econ_name) as econ_name,
    {{ dbt.concat(["basic_expenditure.econ_code", "' '", "coalesce(subject.econ_name, basic_expenditure.printed_econ_name)"]) }} as econ_label,
    basic_expenditure.printed_econ_name,
    subject.level as econ_level,
    subject.class_code,
    subject.class_name,
    coalesce(subject.gov_econ_code, basic_expenditure.gov_econ_code_printed) as gov_econ_code,
    gov.econ_name as gov_econ_name,
    basic_expenditure.amount_wan,
    basic_expenditure.code_repaired,
    basic_expenditure.source_table_no,
    basic_expenditure.source_line_no
from basic_expenditure
left join documents on basic_expenditure.document_id = documents.document_id
left join units on basic_expenditure.unit_id = units.unit_id
left join econ_subjects as subject on basic_expenditure.econ_code = subject.econ_code
left join econ_subjects as gov
    on gov.econ_code = coalesce(subject.gov_econ_code, basic_expenditure.gov_econ_code_printed)
