-- 未完成的绩效指标 (indicators not achieved): self-evaluation indicators whose actual value
-- missed the target (achieved = false) or that lost points (score < weight), with the target,
-- the actual and the publisher's reason, worst first.
with indicators as (
    select *
    from {{ ref('rpt_indicator_achievement').include(database=false) }}
    where stage = '自评'
)

select
    unit_name,
    year,
    project_name,
    level2,
    indicator_name,
    target_raw,
    actual_raw,
    achievement_status,
    weight,
    score,
    score_lost,
    deviation_reason
from indicators
where achieved = false or score_lost > 0
order by score_lost desc nulls last, unit_name, project_name, source_line_no
