-- 项目维度: one member per project of a unit (by code where printed, else by name).
-- A unit's whole-of-unit performance table is the project named 整体:<unit name>.
with projects as (
    select p.*, d.unit_id
    from {{ ref('stg_perf_projects') }} as p
    inner join {{ ref('dim_document') }} as d on p.document_id = d.document_id and d.is_current
    where p.project_name is not null
)

select
    {{ surrogate_key(['unit_id', 'coalesce(project_code, project_name)']) }} as project_id,
    max(project_name) as project_name,
    max(project_code) as project_code,
    unit_id,
    count(*) as tables_found
from projects
group by unit_id, coalesce(project_code, project_name)
