{{ config(materialized='view') }}
-- "三公"经费报表视图 ("three public" expenses, ready for BI): one row per fct_three_public row
-- (document × stage × item) with the document, the unit and its region joined, and the
-- item's group as the documents print it (公务用车购置费 and 公务用车运行维护费 together are
-- 公务用车购置及运行维护费).
with three_public as (
    select * from {{ ref('fct_three_public').include(database=false) }}
),

documents as (
    select document_id, source_file, doc_kind from {{ ref('dim_document').include(database=false) }}
),

units as (
    select * from {{ ref('dim_unit').include(database=false) }}
)

select
    three_public.document_id,
    documents.source_file,
    documents.doc_kind,
    three_public.year,
    three_public.stage,
    three_public.unit_id,
    {{ unit_label_columns('units') }},
    three_public.item,
    case
        when three_public.item in ('公务用车购置费', '公务用车运行维护费') then '公务用车购置及运行维护费'
        else three_public.item
    end as item_group,
    three_public.amount_wan,
    three_public.source_table_no,
    three_public.source_line_no
from three_public
left join documents on three_public.document_id = documents.document_id
left join units on three_public.unit_id = units.unit_id
