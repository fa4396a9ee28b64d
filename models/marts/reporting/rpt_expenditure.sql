{{ config(materialized='view') }}
-- 支出报表视图 (expenditure, ready for BI): the all-funds (全部资金) rows of fct_expenditure for
-- the documents in totals (in_totals), with the document, the unit and its region, and the
-- 功能分类 类/款/项 names already joined. Safe to sum: every row is a different amount, so
-- sum(amount_wan) with any grouping counts each amount once. The fund tables (一般公共预算,
-- 政府性基金预算, 国有资本经营预算), which re-print parts of these amounts, are in
-- rpt_expenditure_by_fund; documents inside a 部门汇总 (in_totals = false) are in
-- fct_expenditure. References are schema-qualified without the catalog name, so the view also
-- works when a tool ATTACHes the file under another alias.
{{ expenditure_report("expenditure.fund_type = '全部资金'") }}
