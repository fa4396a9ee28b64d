{#- The unit and region labels every reporting view repeats beside its measures. -#}
{% macro unit_label_columns(alias='units') -%}
    {{ alias }}.unit_name,
    {{ alias }}.unit_code,
    {{ alias }}.unit_level,
    {{ alias }}.province,
    {{ alias }}.city,
    {{ alias }}.county,
    {{ alias }}.adcode
{%- endmacro %}

{#- The body of rpt_expenditure and rpt_expenditure_by_fund: fct_expenditure rows of the
    documents in totals that match `fund_filter`, with every label joined. One macro, so the
    two views cannot drift apart; the filter is what keeps each of them safe to sum. -#}
{% macro expenditure_report(fund_filter) -%}
with expenditure as (
    select * from {{ ref('fct_expenditure').include(database=false) }} as expenditure
    where expenditure.in_totals and {{ fund_filter }}
),

documents as (
    select document_id, source_file, doc_kind, scope from {{ ref('dim_document').include(database=false) }}
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
    documents.scope,
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
    expenditure.is_derived,
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
{%- endmacro %}
