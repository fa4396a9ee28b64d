-- 各县按功能科目支出 (spending by 功能分类 across counties): for every region and stage, what
-- the money is for — 类 → 款 → 项 — split into 基本支出 / 项目支出, from rpt_expenditure (the
-- all-funds tables of the documents in totals: every amount once).
-- Change the filters at the bottom of `spending` (e.g. a province or a year) to narrow it.
with spending as (
    select
        province,
        city,
        coalesce(county, '（市本级）') as county,
        year,
        stage,
        class_name,
        kuan_name,
        func_label,
        expense_type,
        amount_wan
    from {{ ref('rpt_expenditure').include(database=false) }}
),

by_subject as (
    select
        province,
        city,
        county,
        year,
        stage,
        class_name,
        kuan_name,
        func_label,
        sum(case when expense_type = '基本支出' then amount_wan else 0 end) as basic_wan,
        sum(case when expense_type = '项目支出' then amount_wan else 0 end) as project_wan,
        sum(amount_wan) as total_wan
    from spending
    group by province, city, county, year, stage, class_name, kuan_name, func_label
)

select
    province,
    city,
    county,
    year,
    stage,
    class_name,
    kuan_name,
    func_label,
    cast(basic_wan as decimal(18, 2)) as basic_wan,
    cast(project_wan as decimal(18, 2)) as project_wan,
    cast(total_wan as decimal(18, 2)) as total_wan
from by_subject
where total_wan <> 0
order by province, city, county, year, stage, total_wan desc
