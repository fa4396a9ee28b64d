-- 绩效指标事实: one row per document × project × indicator row
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with indicators as (
    select * from {{ ref('stg_perf_indicators') }}
    {{ only_changed_documents('document_id', 'where') }}
),

projects as (
    select document_id, project_no, project_id, stage, unit_id, year
    from {{ ref('fct_project_performance') }}
    {{ only_changed_documents('document_id', 'where') }}
)

select
    indicators.document_id,
    projects.unit_id,
    projects.year,
    projects.project_id,
    indicators.project_no,
    projects.stage,
    indicators.line_no,
    indicators.item_no,
    indicators.level1,
    indicators.level2,
    indicators.indicator_name,
    indicators.target_raw,
    indicators.target_op,
    indicators.target_value,
    indicators.target_unit,
    indicators.adjusted_target_raw,
    indicators.actual_raw,
    indicators.actual_value,
    indicators.actual_unit,
    indicators.weight,
    indicators.score,
    indicators.achieved,
    indicators.achieved_rule,
    indicators.description,
    indicators.basis,
    indicators.deviation_reason
from indicators
inner join projects
    on indicators.document_id = projects.document_id and indicators.project_no = projects.project_no
