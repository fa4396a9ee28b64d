{{ config(materialized='view') }}
-- 收入报表视图 (revenue, ready for BI): one row per fct_revenue row (document × canonical
-- income line, no total lines) of the documents in totals, with the document, the unit and
-- its region joined — safe to sum: a document's rows add up to its 收入总计 — and whether the line is
-- 财政拨款 (a government appropriation), 非财政拨款 (money the unit raised itself) or
-- 结转结余及事业基金 (carried over from earlier years / drawn from its own fund).
with revenue as (
    select * from {{ ref('fct_revenue').include(database=false) }}
    where in_totals
),

documents as (
    select document_id, source_file, doc_kind, scope from {{ ref('dim_document').include(database=false) }}
),

units as (
    select * from {{ ref('dim_unit').include(database=false) }}
)

select
    revenue.document_id,
    documents.source_file,
    documents.doc_kind,
    documents.scope,
    revenue.year,
    revenue.stage,
    revenue.unit_id,
    {{ unit_label_columns('units') }},
    revenue.revenue_type,
    case
        when revenue.revenue_type like '%财政拨款%' then '财政拨款'
        when revenue.revenue_type like '上年结转%' or revenue.revenue_type like '%弥补收支差额' then '结转结余及事业基金'
        else '非财政拨款'
    end as revenue_group,
    revenue.printed_label,
    revenue.amount_wan,
    revenue.source_table_no,
    revenue.source_line_no
from revenue
left join documents on revenue.document_id = documents.document_id
left join units on revenue.unit_id = units.unit_id
