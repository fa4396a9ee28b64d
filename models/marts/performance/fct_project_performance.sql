-- 项目绩效事实: one row per document × project × stage (目标 / 自评)
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with projects as (
    select * from {{ ref('int_perf_projects') }}
    {{ only_changed_documents('document_id', 'where') }}
),

indicator_counts as (
    select
        document_id,
        project_no,
        count(*) as indicator_count,
        sum(weight) as indicator_weight,
        sum(score) as indicator_score
    from {{ ref('stg_perf_indicators') }}
    {{ only_changed_documents('document_id', 'where') }}
    group by document_id, project_no
)

select
    projects.document_id,
    projects.project_no,
    projects.unit_id,
    projects.year,
    projects.in_totals,
    {{ surrogate_key(['projects.unit_id', 'projects.project_key']) }} as project_id,
    projects.project_name,
    projects.project_code,
    projects.stage,
    projects.layout,
    cast(projects.budget_wan as decimal(18, 6)) as budget_wan,
    cast(projects.fiscal_wan as decimal(18, 6)) as fiscal_wan,
    cast(projects.other_wan as decimal(18, 6)) as other_wan,
    cast(projects.annual_budget_wan as decimal(18, 6)) as annual_budget_wan,
    cast(projects.executed_wan as decimal(18, 6)) as executed_wan,
    projects.execution_rate,
    projects.execution_weight,
    projects.execution_score,
    indicator_counts.indicator_weight,
    indicator_counts.indicator_score,
    projects.deduction,
    projects.weight_total,
    projects.score_total as score,
    coalesce(projects.weight_total, 100) - projects.score_total as points_lost,
    case
        when projects.score_total is null then null
        when projects.score_total >= 90 then '优'
        when projects.score_total >= 80 then '良'
        when projects.score_total >= 60 then '中'
        else '差'
    end as grade,
    projects.grade_printed,
    coalesce(indicator_counts.indicator_count, 0) as indicator_count,
    projects.indicator_rows as indicator_rows_printed,
    projects.purpose,
    projects.annual_goal,
    projects.plan_q1,
    projects.plan_q2,
    projects.plan_q3,
    projects.plan_q4,
    projects.unit_name as printed_unit_name,
    projects.table_title,
    projects.line_start as source_line_start,
    projects.line_end as source_line_end
from projects
left join indicator_counts
    on projects.document_id = indicator_counts.document_id and projects.project_no = indicator_counts.project_no
