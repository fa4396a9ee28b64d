-- R11: the 绩效自评情况汇总表 against the self-evaluation tables of the same document:
-- 项目数量 = projects found; 资金总量 = Σ 全年预算数 (应评价) and Σ 全年执行数 (已评价);
-- 绩效评价等级:X = projects whose 总分 falls in grade X.
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with summaries as (
    select * from {{ ref('stg_perf_summaries') }}
    {{ only_changed_documents('document_id', 'where') }}
),

projects as (
    select
        document_id,
        count(*) as n_projects,
        sum(annual_budget_wan) as annual_budget_wan,
        sum(executed_wan) as executed_wan,
        sum(case when score >= 90 then 1 else 0 end) as n_excellent,
        sum(case when score >= 80 and score < 90 then 1 else 0 end) as n_good,
        sum(case when score >= 60 and score < 80 then 1 else 0 end) as n_fair,
        sum(case when score < 60 then 1 else 0 end) as n_poor
    from {{ ref('fct_project_performance') }}
    where stage = '自评' and project_name not like '整体:%'
      {{ only_changed_documents('document_id') }}
    group by document_id
),

checks as (
    select s.document_id, s.line_no, s.label as subject, '项目数量' as measure,
           cast(s.project_count as double) as printed_value, cast(p.n_projects as double) as computed_value
    from summaries as s inner join projects as p on s.document_id = p.document_id
    where s.label = '项目数量'
    union all
    select s.document_id, s.line_no, s.label, '资金总量(应评价)', s.budget_wan, p.annual_budget_wan
    from summaries as s inner join projects as p on s.document_id = p.document_id
    where s.label = '资金总量' and s.budget_wan is not null
    union all
    select s.document_id, s.line_no, s.label, '资金总量(已评价)', s.executed_wan, p.executed_wan
    from summaries as s inner join projects as p on s.document_id = p.document_id
    where s.label = '资金总量' and s.executed_wan is not null
    union all
    select s.document_id, s.line_no, s.label, '等级项目数', cast(coalesce(s.project_count, 0) as double),
           cast(case s.label
                    when '绩效评价等级:优' then p.n_excellent
                    when '绩效评价等级:良' then p.n_good
                    when '绩效评价等级:中' then p.n_fair
                    when '绩效评价等级:差' then p.n_poor
                end as double)
    from summaries as s inner join projects as p on s.document_id = p.document_id
    where s.label like '绩效评价等级:%'
)

select
    document_id,
    'R11' as rule_id,
    cast(null as integer) as table_no,
    line_no,
    subject,
    measure,
    printed_value,
    computed_value,
    1 as n_summed
from checks
