-- 单位维度: one member per publishing 部门/单位
with members as (
    select
        unit_id,
        unit_name,
        unit_level,
        max(unit_code) as unit_code,
        max(parent_unit_id) as parent_unit_id,
        max(province) as province,
        max(city) as city,
        max(county) as county,
        max(adcode) as adcode,
        count(distinct document_id) as documents_naming_it
    from {{ ref('int_units') }}
    where role <> 'alias'
    group by unit_id, unit_name, unit_level
),

aliases as (
    select
        i.unit_id,
        {{ dbt.listagg('distinct i.printed_unit_name', "'、'", 'order by i.printed_unit_name') }} as printed_names
    from {{ ref('int_units') }} as i
    group by i.unit_id
)

select
    members.unit_id,
    members.unit_name,
    members.unit_code,
    members.unit_level,
    members.parent_unit_id,
    members.province,
    members.city,
    members.county,
    members.adcode,
    aliases.printed_names,
    members.documents_naming_it
from members
left join aliases on members.unit_id = aliases.unit_id
