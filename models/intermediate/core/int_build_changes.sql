-- 本次变更文档 (documents this build recomputes): the incremental models (macros/incremental.sql)
-- recompute the rows of these documents and keep everyone else's. A document is here when
-- the refresh parsed it or dropped it (raw.build_changes), or when what the facts take from
-- the other documents changed for it: whether it is current (a newer version or a duplicate
-- arrived or left), its unit, year, kind, or whether it counts in totals (a 部门汇总 arrived).
with changed_raw as (
    select document_id from {{ source('raw', 'build_changes') }}
),

previous as (
    select document_id, is_current, in_totals, unit_id, year, doc_kind
    from {{ source('raw', 'build_previous_documents') }}
),

now as (
    select document_id, is_current, in_totals, unit_id, year, doc_kind
    from {{ ref('dim_document') }}
),

changed_context as (
    select coalesce(now.document_id, previous.document_id) as document_id
    from now
    full outer join previous on now.document_id = previous.document_id
    where now.document_id is null
       or previous.document_id is null
       or now.is_current is distinct from previous.is_current
       or now.in_totals is distinct from previous.in_totals
       or now.unit_id is distinct from previous.unit_id
       or now.year is distinct from previous.year
       or now.doc_kind is distinct from previous.doc_kind
)

select document_id from changed_raw
union
select document_id from changed_context
