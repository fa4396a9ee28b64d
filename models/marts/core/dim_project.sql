-- 项目维度: one member per project of a unit (by code where printed, else by name; see
-- int_perf_projects for the key). A unit's whole-of-unit performance table is the project
-- named 整体:<unit name>.
with projects as (
    select * from {{ ref('int_perf_projects') }}
)

select
    {{ surrogate_key(['unit_id', 'project_key']) }} as project_id,
    max(project_name) as project_name,
    max(project_code) as project_code,
    unit_id,
    count(*) as tables_found
from projects
group by unit_id, project_key
