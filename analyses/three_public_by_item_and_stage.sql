-- "三公"经费 by item and stage: per unit and year, each item's 预算 (budget) and 决算 (actual)
-- side by side, with the unit's "三公" total per stage. The budget is the 预算 document's
-- amount, else the budget column the 决算 document prints beside its actuals
-- (printed_budget_wan); the actual is the 决算 document's amount.
with three_public as (
    select unit_name, year, stage, item_group, item, amount_wan, printed_budget_wan
    from {{ ref('rpt_three_public').include(database=false) }}
),

by_item as (
    select
        unit_name,
        year,
        item_group,
        item,
        coalesce(sum(case when stage = '预算' then amount_wan end), sum(printed_budget_wan)) as budget_wan,
        sum(case when stage = '决算' then amount_wan end) as final_wan
    from three_public
    group by unit_name, year, item_group, item
),

unit_totals as (
    select
        unit_name,
        year,
        '合计' as item_group,
        '合计' as item,
        sum(budget_wan) as budget_wan,
        sum(final_wan) as final_wan
    from by_item
    group by unit_name, year
),

report as (
    select *, 1 as sort_key from by_item
    union all
    select *, 2 as sort_key from unit_totals
)

select
    unit_name,
    year,
    item,
    cast(budget_wan as decimal(18, 2)) as budget_wan,
    cast(final_wan as decimal(18, 2)) as final_wan
from report
order by unit_name, year, sort_key, item_group, item
