-- 功能分类科目维度: the catalogue seed, plus every code printed in a document that the
-- catalogue lacks (name as printed, in_catalogue = false), so no fact is ever orphaned.
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

missing as (
    select
        printed.func_code,
        printed.func_name,
        {{ code_level('printed.func_code') }} as level,
        case length(printed.func_code) when 5 then substr(printed.func_code, 1, 3) when 7 then substr(printed.func_code, 1, 5) end as parent_code,
        substr(printed.func_code, 1, 3) as class_code,
        cast(null as {{ dbt.type_string() }}) as catalogue_version,
        false as in_catalogue
    from printed
    left join catalogue on printed.func_code = catalogue.func_code
    where catalogue.func_code is null
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
