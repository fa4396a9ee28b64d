-- 绩效表核对 (checks on every 绩效 table, targets and self-evaluations alike), one row per
-- project and rule, so that a misreading is loud:
-- R13: the indicator 分值 (+ the budget-execution 分值) add up to the printed total
--      (weight_total: 分值权重（90分）, the 总分 row's 分值), or to 100 where none is printed
--      (预算执行率 is worth 10 in the self-evaluation template where its 分值 is not printed);
-- R14: indicators read = rows of the indicator section that print one (counted apart);
-- R15: the project has a name, and indicators where its table prints an indicator section;
-- R16: 资金总额 / 预算数 = 财政拨款 + 其他资金 (cards; the one-project-a-row tables print more
--      fund columns than are kept);
-- R17: no indicator is named with a header-zone label (a header row read as an indicator).
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with projects as (
    select * from {{ ref('stg_perf_projects') }}
    {{ only_changed_documents('document_id', 'where') }}
),

indicators as (
    select * from {{ ref('stg_perf_indicators') }}
    {{ only_changed_documents('document_id', 'where') }}
),

zone_labels as (
    select canonical as label
    from {{ ref('template_vocabulary') }}
    where vocabulary = 'perf_zone_label'
),

per_project as (
    select
        document_id,
        project_no,
        count(*) as n_indicators,
        sum(weight) as weight_sum,
        count(weight) as n_weights
    from indicators
    group by document_id, project_no
),

label_rows as (
    select indicators.document_id, indicators.project_no, count(*) as n_label_rows, min(indicators.line_no) as first_line
    from indicators
    inner join zone_labels
        -- '资金金额（万元）', '实施期资金总额：' are the labels themselves
        on {{ regex_replace_all('indicators.indicator_name', '[（(][^）)]*[）)]|[:：]$', '') }} = zone_labels.label
    group by indicators.document_id, indicators.project_no
),

projects_read as (
    select
        projects.*,
        coalesce(per_project.n_indicators, 0) as n_indicators,
        per_project.weight_sum,
        coalesce(per_project.n_weights, 0) as n_weights,
        coalesce(label_rows.n_label_rows, 0) as n_label_rows,
        label_rows.first_line as first_label_line
    from projects
    left join per_project
        on projects.document_id = per_project.document_id and projects.project_no = per_project.project_no
    left join label_rows
        on projects.document_id = label_rows.document_id and projects.project_no = label_rows.project_no
),

weight_checks as (
    select
        document_id, 'R13' as rule_id, line_start as line_no, coalesce(project_name, '（无名称）') as subject,
        '分值合计' as measure,
        coalesce(weight_total, 100) as printed_value,
        -- a self-evaluation that scores 预算执行率 without printing its 分值 follows the template: 10
        weight_sum + coalesce(execution_weight, case when stage = '自评' and execution_score is not null then 10 end, 0)
        as computed_value
    from projects_read
    where n_weights > 0
),

count_checks as (
    select
        document_id, 'R14' as rule_id, line_start as line_no, coalesce(project_name, '（无名称）') as subject,
        '指标数' as measure,
        cast(indicator_rows as double) as printed_value,
        cast(n_indicators as double) as computed_value
    from projects_read
    where indicator_rows is not null
),

named_checks as (
    select
        document_id, 'R15' as rule_id, line_start as line_no, coalesce(project_name, '（无名称）') as subject,
        '有名称有指标' as measure,
        1.0 as printed_value,
        case when project_name is not null and (indicator_rows is null or n_indicators > 0) then 1.0 else 0.0 end as computed_value
    from projects_read
),

budget_checks as (
    select
        document_id, 'R16' as rule_id, line_start as line_no, coalesce(project_name, '（无名称）') as subject,
        '资金总额' as measure,
        budget_wan as printed_value,
        fiscal_wan + coalesce(other_wan, 0) as computed_value
    from projects_read
    where budget_wan is not null and fiscal_wan is not null and layout not like '%.wide'
),

label_checks as (
    select
        document_id, 'R17' as rule_id, coalesce(first_label_line, line_start) as line_no,
        coalesce(project_name, '（无名称）') as subject,
        '表头标签行' as measure,
        0.0 as printed_value,
        cast(n_label_rows as double) as computed_value
    from projects_read
    where n_indicators > 0
),

checks as (
    select * from weight_checks
    union all
    select * from count_checks
    union all
    select * from named_checks
    union all
    select * from budget_checks
    union all
    select * from label_checks
)

select
    document_id,
    rule_id,
    cast(null as integer) as table_no,
    line_no,
    subject,
    measure,
    cast(printed_value as double) as printed_value,
    cast(computed_value as double) as computed_value,
    1 as n_summed
from checks
