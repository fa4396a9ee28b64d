-- 绩效项目（带项目键）: every named 绩效 project table of a current document with the key that
-- identifies its project: the printed 项目编码 where there is one, else the name; where one
-- document prints the same code or name for projects of different 实施单位 / 资金使用单位
-- (the same 业务培训 of five sub-units), the printed unit joins the key, so they stay apart.
-- depends_on: {{ ref('int_build_changes') }}  (incremental by document: macros/incremental.sql)
with projects as (
    select projects.*, documents.unit_id, documents.year, documents.in_totals
    from {{ ref('stg_perf_projects') }} as projects
    inner join {{ ref('dim_document') }} as documents
        on projects.document_id = documents.document_id and documents.is_current
    where projects.project_name is not null
      {{ only_changed_documents('projects.document_id') }}
),

keys as (
    select
        document_id,
        project_no,
        case
            when min(coalesce(unit_name, '')) over same_key <> max(coalesce(unit_name, '')) over same_key
                then coalesce(project_code, project_name) || '@' || coalesce(unit_name, '')
            else coalesce(project_code, project_name)
        end as project_key
    from projects
    window same_key as (partition by document_id, coalesce(project_code, project_name))
)

select
    projects.*,
    keys.project_key
from projects
inner join keys on projects.document_id = keys.document_id and projects.project_no = keys.project_no
