{{ config(materialized='view') }}
-- "三公"经费报表视图 ("three public" expenses, ready for BI): one row per document × item of
-- the documents in totals, with the document, the unit and its region joined. amount_wan is
-- the amount of the document's own stage — a 预算 document's budget, a 决算 document's actual
-- spending — so sum(amount_wan) counts each amount once. A 决算 document also prints the
-- year's budget beside the actual (预算数): that is printed_budget_wan, for comparison only,
-- because the same budget is the amount_wan of the unit's 预算 document. item_group puts
-- 公务用车购置费 and 公务用车运行维护费 together as the documents' 公务用车购置及运行维护费 line.
with three_public as (
    select * from {{ ref('fct_three_public').include(database=false) }}
    where in_totals
),

documents as (
    select document_id, source_file, doc_kind, scope from {{ ref('dim_document').include(database=false) }}
),

units as (
    select * from {{ ref('dim_unit').include(database=false) }}
),

-- one row per document and item, the document's own stage beside the budget column
items as (
    select
        three_public.document_id,
        three_public.unit_id,
        three_public.year,
        three_public.item,
        documents.doc_kind as stage,
        sum(case when three_public.stage = documents.doc_kind then three_public.amount_wan end) as amount_wan,
        sum(case when documents.doc_kind = '决算' and three_public.stage = '预算' then three_public.amount_wan end)
            as printed_budget_wan,
        min(three_public.source_table_no) as source_table_no,
        min(three_public.source_line_no) as source_line_no
    from three_public
    inner join documents on three_public.document_id = documents.document_id
    group by three_public.document_id, three_public.unit_id, three_public.year, three_public.item, documents.doc_kind
)

select
    items.document_id,
    documents.source_file,
    documents.doc_kind,
    documents.scope,
    items.year,
    items.stage,
    items.unit_id,
    {{ unit_label_columns('units') }},
    items.item,
    case
        when items.item in ('公务用车购置费', '公务用车运行维护费') then '公务用车购置及运行维护费'
        else items.item
    end as item_group,
    cast(items.amount_wan as decimal(18, 6)) as amount_wan,
    cast(items.printed_budget_wan as decimal(18, 6)) as printed_budget_wan,
    items.source_table_no,
    items.source_line_no
from items
left join documents on items.document_id = documents.document_id
left join units on items.unit_id = units.unit_id
