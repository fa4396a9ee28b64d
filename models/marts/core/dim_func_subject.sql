-- 功能分类科目维度: the catalogue seed, plus every code printed in a document that the
-- catalogue lacks (name as printed, in_catalogue = false), and the 款 above such a code when
-- nothing names it ('（名称未知）'), so no fact is ever orphaned and every member has a parent.
with catalogue as (
    select func_code, func_name, level, parent_code, class_code, catalogue_version, true as in_catalogue
    from {{ ref('func_subjects') }}
),

printed as (
    select subject_code as func_code, max(subject_name) as func_name
    from {{ ref('stg_amount_cells') }}
    where subject_scheme = 'func' and subject_code is not null
    group by subject_code
),

missing_codes as (
    select printed.func_code, printed.func_name
    from printed
    left join catalogue on printed.func_code = catalogue.func_code
    where catalogue.func_code is null
),

-- the 款 of a printed 项 that neither the catalogue nor the document names (a table printing
-- only leaves, under a 款 the partial catalogue lacks), so every member has its parent
missing_parents as (
    select distinct substr(missing_codes.func_code, 1, 5) as func_code, cast(null as {{ dbt.type_string() }}) as func_name
    from missing_codes
    left join catalogue on substr(missing_codes.func_code, 1, 5) = catalogue.func_code
    left join missing_codes as printed_parent on substr(missing_codes.func_code, 1, 5) = printed_parent.func_code
    where length(missing_codes.func_code) = 7
      and catalogue.func_code is null
      and printed_parent.func_code is null
),

missing as (
    select
        func_code,
        coalesce(func_name, '（名称未知）') as func_name,
        {{ code_level('func_code') }} as level,
        case length(func_code) when 5 then substr(func_code, 1, 3) when 7 then substr(func_code, 1, 5) end as parent_code,
        substr(func_code, 1, 3) as class_code,
        cast(null as {{ dbt.type_string() }}) as catalogue_version,
        false as in_catalogue
    from (
        select * from missing_codes
        union all
        select * from missing_parents
    ) as not_in_catalogue
),

members as (
    select * from catalogue
    union all
    select * from missing
)

select
    members.func_code,
    members.func_name,
    members.level,
    members.parent_code,
    members.class_code,
    classes.func_name as class_name,
    members.catalogue_version,
    members.in_catalogue
from members
left join catalogue as classes on members.class_code = classes.func_code
