-- 单位: every unit a document names, with its region
select
    document_id,
    role,
    trim(unit_name) as unit_name,
    nullif(trim(unit_code), '') as unit_code,
    unit_level,
    nullif(trim(parent_unit_name), '') as parent_unit_name,
    nullif(trim(parent_unit_code), '') as parent_unit_code,
    province,
    city,
    county,
    adcode,
    alias_of
from {{ source('raw', 'units') }}
