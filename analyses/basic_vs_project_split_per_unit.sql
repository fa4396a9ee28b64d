-- 基本支出与项目支出结构 (basic vs project split per unit): for each unit and document, how
-- much of the spending is 基本支出 (keeping the unit running: 人员经费 + 公用经费) and how much
-- is 项目支出 (projects), with the basic share in percent (rpt_expenditure: all funds).
with spending as (
    select unit_name, unit_level, county, city, year, stage, source_file, expense_type, amount_wan
    from {{ ref('rpt_expenditure').include(database=false) }}
),

per_document as (
    select
        unit_name,
        unit_level,
        coalesce(county, city) as region,
        year,
        stage,
        source_file,
        sum(case when expense_type = '基本支出' then amount_wan else 0 end) as basic_wan,
        sum(case when expense_type = '项目支出' then amount_wan else 0 end) as project_wan,
        sum(case when expense_type not in ('基本支出', '项目支出') then amount_wan else 0 end) as other_wan,
        sum(amount_wan) as total_wan
    from spending
    group by unit_name, unit_level, coalesce(county, city), year, stage, source_file
)

select
    unit_name,
    region,
    year,
    stage,
    cast(basic_wan as decimal(18, 2)) as basic_wan,
    cast(project_wan as decimal(18, 2)) as project_wan,
    cast(other_wan as decimal(18, 2)) as other_wan,
    cast(total_wan as decimal(18, 2)) as total_wan,
    case when total_wan <> 0 then round(basic_wan * 100.0 / total_wan, 1) end as basic_share_pct
from per_document
order by total_wan desc
