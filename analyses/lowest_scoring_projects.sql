-- 得分最低的项目 (projects with the lowest self-evaluation scores): 绩效自评 projects by total
-- score, lowest first, with the grade, the budget execution rate and how many points the
-- indicators lost (and in how many indicators). A unit's whole-of-unit evaluation
-- (整体:<unit name>) is included; add `where not is_unit_overall` to leave it out.
with indicators as (
    select document_id, project_no, project_name, is_unit_overall, unit_name, year,
           project_score, project_grade, project_execution_rate, score_lost
    from {{ ref('rpt_indicator_achievement').include(database=false) }}
    where stage = '自评'
),

projects as (
    select
        unit_name,
        year,
        project_name,
        is_unit_overall,
        project_score,
        project_grade,
        project_execution_rate,
        count(*) as indicators,
        sum(case when score_lost > 0 then 1 else 0 end) as indicators_losing_points,
        sum(score_lost) as points_lost
    from indicators
    group by document_id, project_no, unit_name, year, project_name, is_unit_overall,
             project_score, project_grade, project_execution_rate
)

select
    unit_name,
    year,
    project_name,
    project_score,
    project_grade,
    project_execution_rate,
    indicators,
    indicators_losing_points,
    points_lost
from projects
where project_score is not null
order by project_score, points_lost desc, project_name
limit 10
