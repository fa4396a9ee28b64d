-- R06: a fact printed by two tables agrees (each further printing with the kept one); R07: where all revenue is 一般公共预算, the
-- all-funds expenditure equals the 一般公共预算 expenditure (per function code and type);
-- R08: the 基本支出 table's total equals the 一般公共预算 table's 基本支出 total.
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with printings as (
    select * from {{ ref('int_expenditure_printings') }}
    {{ only_changed_documents('document_id', 'where') }}
),

-- every further printing of a fact is checked against the one fct_expenditure keeps
-- (printing_rank 1), so three printings make two checks, not three
two_printings as (
    select
        kept.document_id, 'R06' as rule_id, other.table_no, other.line_no,
        kept.func_code || ' ' || kept.expense_type as subject, kept.fund_type as measure,
        kept.amount_wan as printed_value, other.amount_wan as computed_value, 1 as n_summed
    from printings as kept
    inner join printings as other
        on kept.document_id = other.document_id and kept.fund_type = other.fund_type
        and kept.func_code = other.func_code and kept.expense_type = other.expense_type
        and other.printing_rank > 1
    where kept.printing_rank = 1
),

-- a leaf of one table that another table breaks down further (it prints the 类, the other
-- the 项): the coarser printing against the sum of the finer leaves fct_expenditure keeps
finer_leaves as (
    select * from printings where printing_rank = 1 and not has_finer_printing
),

finer_by_ancestor as (
    select document_id, fund_type, expense_type, ancestor_code, sum(amount_wan) as amount_wan, count(*) as n
    from (
        select prefixes.*, finer_leaves.amount_wan
        from ({{ code_prefixes('finer_leaves', 'func_code', ['document_id', 'fund_type', 'expense_type', 'func_code']) }}) as prefixes
        inner join finer_leaves
            on prefixes.document_id = finer_leaves.document_id and prefixes.fund_type = finer_leaves.fund_type
            and prefixes.expense_type = finer_leaves.expense_type and prefixes.func_code = finer_leaves.func_code
    ) as leaf_ancestors
    group by document_id, fund_type, expense_type, ancestor_code
),

coarse_vs_finer as (
    select
        coarse.document_id, 'R06' as rule_id, coarse.table_no, coarse.line_no,
        coarse.func_code || ' ' || coarse.expense_type as subject, coarse.fund_type || ' (其他表细项合计)' as measure,
        coarse.amount_wan as printed_value, finer_by_ancestor.amount_wan as computed_value, finer_by_ancestor.n as n_summed
    from printings as coarse
    inner join finer_by_ancestor
        on coarse.document_id = finer_by_ancestor.document_id and coarse.fund_type = finer_by_ancestor.fund_type
        and coarse.expense_type = finer_by_ancestor.expense_type and coarse.func_code = finer_by_ancestor.ancestor_code
    where coarse.printing_rank = 1 and coarse.has_finer_printing
),

revenue_kinds as (
    select document_id, max(case when revenue_type <> '一般公共预算财政拨款收入' and amount_wan <> 0 then 1 else 0 end) as has_other_money
    from {{ ref('fct_revenue') }}
    {{ only_changed_documents('document_id', 'where') }}
    group by document_id
),

by_fund as (
    select document_id, fund_type, func_code, expense_type, max(amount_wan) as amount_wan, min(table_no) as table_no, min(line_no) as line_no
    from printings
    group by document_id, fund_type, func_code, expense_type
),

all_vs_gpb as (
    select
        allf.document_id, 'R07' as rule_id, allf.table_no, allf.line_no,
        allf.func_code || ' ' || allf.expense_type as subject, '全部资金 vs 一般公共预算' as measure,
        allf.amount_wan as printed_value, coalesce(gpb.amount_wan, 0) as computed_value, 1 as n_summed
    from by_fund as allf
    inner join revenue_kinds on allf.document_id = revenue_kinds.document_id and revenue_kinds.has_other_money = 0
    left join by_fund as gpb
        on gpb.document_id = allf.document_id and gpb.fund_type = '一般公共预算'
        and gpb.func_code = allf.func_code and gpb.expense_type = allf.expense_type
    where allf.fund_type = '全部资金'
      and exists (select 1 from by_fund as x where x.document_id = allf.document_id and x.fund_type = '一般公共预算')
),

-- each 基本支出 fact once, as fct_basic_expenditure keeps it: a document printing the table
-- again, e.g. for 本级 beside 汇总, is not summed twice
basic_table_total as (
    select document_id, min(table_no) as table_no, sum(amount_wan) as amount_wan, count(*) as n
    from {{ ref('int_basic_expenditure_printings') }}
    where printing_rank = 1
      {{ only_changed_documents('document_id') }}
    group by document_id
),

gpb_basic_total as (
    select document_id, sum(amount_wan) as amount_wan
    from by_fund
    where fund_type = '一般公共预算' and expense_type = '基本支出'
    group by document_id
),

basic_vs_gpb as (
    select
        basic_table_total.document_id, 'R08' as rule_id, basic_table_total.table_no, cast(null as integer) as line_no,
        '基本支出合计' as subject, '经济分类 vs 功能分类' as measure,
        basic_table_total.amount_wan as printed_value, gpb_basic_total.amount_wan as computed_value,
        basic_table_total.n as n_summed
    from basic_table_total
    inner join gpb_basic_total on basic_table_total.document_id = gpb_basic_total.document_id
)

select * from two_printings
union all
select * from coarse_vs_finer
union all
select * from all_vs_gpb
union all
select * from basic_vs_gpb
