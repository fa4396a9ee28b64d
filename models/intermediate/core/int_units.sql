-- 单位(规范化): every unit a document names, under its canonical name (aliases resolved from
-- the document itself and from the unit_aliases seed), with its surrogate key. Rows with
-- role 'alias' only record another printed name of a unit.
with units as (
    select * from {{ ref('stg_units') }}
),

aliases as (
    select unit_name as alias_name, max(alias_of) as canonical_name
    from units
    where role = 'alias'
    group by unit_name
    union all
    select alias_name, canonical_name from {{ ref('unit_aliases') }}
),

canonical as (
    select
        units.document_id,
        units.role,
        coalesce(aliases.canonical_name, units.unit_name) as unit_name,
        units.unit_name as printed_unit_name,
        units.unit_code,
        coalesce(units.unit_level, '单位') as unit_level,
        coalesce(parent_alias.canonical_name, units.parent_unit_name) as parent_unit_name,
        units.parent_unit_code,
        units.province,
        units.city,
        units.county,
        units.adcode
    from units
    left join aliases on units.unit_name = aliases.alias_name
    left join aliases as parent_alias on units.parent_unit_name = parent_alias.alias_name
)

select
    {{ surrogate_key(['unit_name', 'unit_level']) }} as unit_id,
    case when parent_unit_name is not null then {{ surrogate_key(['parent_unit_name', "'部门'"]) }} end as parent_unit_id,
    *
from canonical
