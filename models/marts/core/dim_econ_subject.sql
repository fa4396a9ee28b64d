-- 经济分类科目维度: 部门 and 政府 economic classification seeds (with the 部门→政府 mapping),
-- plus printed codes the catalogue lacks.
with catalogue as (
    select econ_code, econ_name, scheme, level, parent_code, class_code, gov_econ_code, catalogue_version, true as in_catalogue
    from {{ ref('econ_subjects') }}
),

printed as (
    select subject_code as econ_code, max(subject_name) as econ_name
    from {{ ref('stg_amount_cells') }}
    where subject_scheme = 'econ_dept' and subject_code is not null
    group by subject_code
    union all
    select paired_code, max(paired_name)
    from {{ ref('stg_amount_cells') }}
    where subject_scheme = 'econ_dept' and paired_code is not null
    group by paired_code
),

missing as (
    select
        printed.econ_code,
        coalesce(max(printed.econ_name), '（名称未知）') as econ_name,
        case when substr(printed.econ_code, 1, 1) = '5' then '政府' else '部门' end as scheme,
        case length(printed.econ_code) when 3 then '类' else '款' end as level,
        case when length(printed.econ_code) > 3 then substr(printed.econ_code, 1, 3) end as parent_code,
        substr(printed.econ_code, 1, 3) as class_code,
        cast(null as {{ dbt.type_string() }}) as gov_econ_code,
        cast(null as {{ dbt.type_string() }}) as catalogue_version,
        false as in_catalogue
    from printed
    left join catalogue on printed.econ_code = catalogue.econ_code
    where catalogue.econ_code is null
    group by printed.econ_code
),

members as (
    select * from catalogue
    union all
    select * from missing
)

select
    members.econ_code,
    members.econ_name,
    members.scheme,
    members.level,
    members.parent_code,
    members.class_code,
    classes.econ_name as class_name,
    members.gov_econ_code,
    members.catalogue_version,
    members.in_catalogue
from members
left join catalogue as classes on members.class_code = classes.econ_code
