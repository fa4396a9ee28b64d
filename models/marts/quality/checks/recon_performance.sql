-- R09: indicator scores (+ the budget-execution score, − a printed 减分项) add up to the printed 总分;
-- R10: the printed 执行率 equals 全年执行数 / 全年预算数 (within 0.1 percentage point, or 0.5
-- when the rate is printed as a whole number);
-- R12: no indicator scores more than its 分值 (weight): one check per project, printed = the
-- scores as printed, computed = the same scores capped at their weights, so the difference is
-- the excess; line_no points at the first indicator over its weight.
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with projects as (
    select * from {{ ref('stg_perf_projects') }}
    {{ only_changed_documents('document_id', 'where') }}
),

indicator_scores as (
    select document_id, project_no, sum(score) as score_sum, count(score) as n
    from {{ ref('stg_perf_indicators') }}
    {{ only_changed_documents('document_id', 'where') }}
    group by document_id, project_no
),

score_checks as (
    select
        projects.document_id, 'R09' as rule_id, cast(null as integer) as table_no, projects.line_start as line_no,
        projects.project_name as subject, '总分' as measure,
        projects.score_total as printed_value,
        coalesce(indicator_scores.score_sum, 0) + coalesce(projects.execution_score, 0) - coalesce(projects.deduction, 0) as computed_value,
        coalesce(indicator_scores.n, 0) as n_summed
    from projects
    left join indicator_scores
        on projects.document_id = indicator_scores.document_id and projects.project_no = indicator_scores.project_no
    where projects.stage = '自评' and projects.score_total is not null and indicator_scores.n > 0
),

rate_checks as (
    select
        document_id, 'R10' as rule_id, cast(null as integer) as table_no, line_start as line_no,
        project_name as subject, '执行率' as measure,
        execution_rate as printed_value,
        round(100.0 * executed_wan / annual_budget_wan, 2) as computed_value,
        -- tolerance 0.1 pp; a rate printed as a whole number was rounded to one: ±0.5 pp
        case when execution_rate = round(execution_rate, 0) then 50 else 10 end as n_summed
    from projects
    where execution_rate is not null and executed_wan is not null and annual_budget_wan is not null and annual_budget_wan <> 0
),

weighted_scores as (
    select
        projects.document_id, projects.project_no, projects.project_name, projects.line_start,
        indicators.line_no, indicators.score, indicators.weight
    from {{ ref('stg_perf_indicators') }} as indicators
    inner join projects
        on indicators.document_id = projects.document_id and indicators.project_no = projects.project_no
    where indicators.score is not null and indicators.weight is not null
      {{ only_changed_documents('indicators.document_id') }}
),

weight_checks as (
    select
        document_id, 'R12' as rule_id, cast(null as integer) as table_no,
        coalesce(min(case when score > weight then line_no end), min(line_start)) as line_no,
        project_name as subject, '得分≤分值' as measure,
        sum(score) as printed_value,
        sum(case when score > weight then weight else score end) as computed_value,
        -- capping adds no rounding: the tolerance of a single printed value (0.01)
        1 as n_summed
    from weighted_scores
    group by document_id, project_no, project_name
)

select * from score_checks
union all
select * from rate_checks
union all
select * from weight_checks
