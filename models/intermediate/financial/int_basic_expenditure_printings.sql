-- 基本支出(经济分类)明细: leaf amounts of the 基本支出 tables by 部门经济分类, with expense type.
-- Where the table prints 人员经费 / 公用经费 columns they are used as printed; where it prints
-- one amount per code (决算 side-by-side groups, or 预算数 only) the type follows the
-- economic class (econ_subjects.basic_expense_type: 301 工资福利支出 and 303 对个人和家庭的补助
-- are 人员经费, the rest 公用经费).
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with cells as (
    select * from {{ ref('int_subject_cells') }}
    where subject_scheme = 'econ_dept' and table_kind = 'basic_econ'
      {{ only_changed_documents('document_id') }}
),

class_types as (
    select econ_code as class_code, basic_expense_type
    from {{ ref('econ_subjects') }}
    where scheme = '部门' and level = '类'
),

table_measures as (
    select
        document_id,
        table_no,
        max(case when row_kind = 'item' and measure in ('人员经费', '公用经费') then 1 else 0 end) = 1 as has_type_columns
    from cells
    group by document_id, table_no
),

typed as (
    select
        cells.*,
        case
            when tm.has_type_columns then case when cells.measure in ('人员经费', '公用经费') then cells.measure end
            when cells.measure in ('合计', '决算数') then coalesce(class_types.basic_expense_type, '公用经费')
        end as expense_type,
        not tm.has_type_columns as type_from_class
    from cells
    inner join table_measures as tm
        on cells.document_id = tm.document_id and cells.table_no = tm.table_no
    left join class_types
        on class_types.class_code = substr(cells.subject_code, 1, 3)
),

leaf_printings as (
    select
        document_id,
        stage,
        subject_code as econ_code,
        expense_type,
        table_no,
        min(line_no) as line_no,
        max(subject_name) as printed_econ_name,
        -- a table crossing 部门 with 政府 codes prints one 部门 code beside several 政府 codes
        -- (301 beside 501 机关工资福利支出 and 505 对事业单位经常性补助): the sum has no one code
        case when count(distinct paired_code) = 1 then max(paired_code) end as gov_econ_code_printed,
        max(case when code_repaired then 1 else 0 end) = 1 as code_repaired,
        max(case when type_from_class then 1 else 0 end) = 1 as expense_type_from_class,
        sum(amount_wan) as amount_wan
    from typed
    where expense_type is not null
      and row_kind = 'item'
      and is_leaf
      and amount_wan is not null
    group by document_id, stage, subject_code, expense_type, table_no
)

-- printing_rank 1 is the printing fct_basic_expenditure keeps (the first table printing the
-- fact); the R08 check reads it from here
select
    *,
    row_number() over (partition by document_id, econ_code, expense_type order by table_no) as printing_rank
from leaf_printings
