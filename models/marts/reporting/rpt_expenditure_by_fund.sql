{{ config(materialized='view') }}
-- 分资金性质支出报表视图 (expenditure by fund, ready for BI): the rows of the fund tables —
-- 一般公共预算 (general public budget), 政府性基金预算 (government funds), 国有资本经营预算
-- (state capital operations) — for the documents in totals, labelled like rpt_expenditure.
-- The three funds are disjoint, so sum(amount_wan) is the money appropriated through them
-- (财政拨款), each amount once; it is part of rpt_expenditure's all-funds total, never to be
-- added to it.
{{ expenditure_report("expenditure.fund_type <> '全部资金'") }}
