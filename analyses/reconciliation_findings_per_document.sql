-- 勾稽核对结果 (reconciliation findings per document): for every document, how many
-- internal-consistency checks ran and failed, by severity, the largest absolute difference
-- and which rules failed — the publisher's own inconsistencies, as data. Drill into one
-- document with `select * from fct_reconciliation where source_file = '…' and not passed`.
with checks as (
    select source_file, rule_id, rule_name, severity, passed, difference
    from {{ ref('fct_reconciliation').include(database=false) }}
),

documents as (
    select source_file, doc_kind, year, unit_name
    from {{ ref('dim_document').include(database=false) }}
),

per_document as (
    select
        source_file,
        count(*) as checks,
        sum(case when not passed then 1 else 0 end) as failed,
        sum(case when not passed and severity = 'error' then 1 else 0 end) as failed_error,
        sum(case when not passed and severity = 'warn' then 1 else 0 end) as failed_warn,
        max(case when not passed then abs(difference) end) as largest_difference
    from checks
    group by source_file
),

failed_rules as (
    select source_file, {{ dbt.listagg('distinct rule_id', "', '", 'order by rule_id') }} as failed_rules
    from checks
    where not passed
    group by source_file
)

select
    documents.source_file,
    documents.doc_kind,
    documents.year,
    per_document.checks,
    per_document.failed,
    per_document.failed_error,
    per_document.failed_warn,
    cast(per_document.largest_difference as decimal(18, 2)) as largest_difference,
    failed_rules.failed_rules
from documents
left join per_document on documents.source_file = per_document.source_file
left join failed_rules on documents.source_file = failed_rules.source_file
order by per_document.failed desc, documents.source_file
