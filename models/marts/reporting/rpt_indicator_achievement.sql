{{ config(materialized='view') }}
-- 绩效指标完成报表视图 (indicator achievement, ready for BI): one row per performance
-- indicator row, with its project (name, code, total score, grade, execution rate), the
-- unit and its region, the target against the actual value, whether it was achieved, its
-- weight (分值), score (得分) and the points it lost (weight − score). 目标 (target-table)
-- rows have targets only; 自评 (self-evaluation) rows carry actuals and scores. Only the
-- documents in totals (a 部门汇总 and its units' own documents list the same projects).
with indicators as (
    select * from {{ ref('fct_performance_indicator').include(database=false) }}
),

projects as (
    select * from {{ ref('fct_project_performance').include(database=false) }}
    where in_totals
),

documents as (
    select document_id, source_file, doc_kind, scope from {{ ref('dim_document').include(database=false) }}
),

units as (
    select * from {{ ref('dim_unit').include(database=false) }}
)

select
    indicators.document_id,
    documents.source_file,
    documents.doc_kind,
    documents.scope,
    indicators.year,
    indicators.stage,
    indicators.unit_id,
    {{ unit_label_columns('units') }},
    indicators.project_id,
    indicators.project_no,
    projects.project_name,
    projects.project_code,
    projects.project_name like '整体:%' as is_unit_overall,
    projects.score as project_score,
    projects.grade as project_grade,
    projects.execution_rate as project_execution_rate,
    indicators.line_no as source_line_no,
    indicators.item_no as source_item_no,
    indicators.level1,
    indicators.level2,
    indicators.indicator_name,
    indicators.target_raw,
    indicators.target_op,
    indicators.target_value,
    indicators.target_unit,
    indicators.actual_raw,
    indicators.actual_value,
    indicators.actual_unit,
    indicators.achieved,
    indicators.achieved_rule,
    case
        when indicators.achieved then '已完成'
        when not indicators.achieved then '未完成'
        else '未判定'
    end as achievement_status,
    indicators.weight,
    indicators.score,
    case
        when indicators.weight is not null and indicators.score is not null
            then round(indicators.weight - indicators.score, 4)
    end as score_lost,
    indicators.deviation_reason
from indicators
inner join projects
    on indicators.document_id = projects.document_id and indicators.project_no = projects.project_no
left join documents on indicators.document_id = documents.document_id
left join units on indicators.unit_id = units.unit_id
