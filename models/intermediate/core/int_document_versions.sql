-- 文档版本: every document on record and whether it is the one the warehouse uses.
-- Three ways a document stops being current:
--   superseded     its file later had different content (the refresh records the old version);
--   duplicate      the same text (another encoding, another file name) is already current
--                  (the UTF-8 copy, then the first path, is the one kept);
--   older_version  another document of the same unit, year, kind and scope is more complete:
--                  more table kinds read, then fewer repairs (a damaged copy needs more, and
--                  its junk can look like extra amounts), then more distinct amounts and
--                  projects, then the shorter text (a copy printing its tables twice is not
--                  more complete), then the newest.
-- The facts read current documents only, so two files of one document never count twice.
with documents as (
    select * from {{ ref('stg_documents') }}
),

tables_read as (
    select document_id, count(distinct table_kind) as n_tables_read
    from {{ ref('stg_tables') }}
    where table_kind <> 'other'
    group by document_id
),

amounts_read as (
    select
        cells.document_id,
        count(distinct tables.table_kind || '|' || coalesce(cells.subject_code, cells.subject_name, '') || '|' || cells.measure)
            as n_amounts_read
    from {{ ref('stg_amount_cells') }} as cells
    inner join {{ ref('stg_tables') }} as tables
        on cells.document_id = tables.document_id and cells.table_no = tables.table_no
    group by cells.document_id
),

projects_read as (
    select document_id, count(distinct coalesce(project_name, '') || '|' || stage) as n_projects_read
    from {{ ref('stg_perf_projects') }}
    group by document_id
),

repairs_made as (
    select document_id, count(*) as n_repairs
    from {{ ref('stg_repairs') }}
    group by document_id
),

measured as (
    select
        documents.*,
        coalesce(tables_read.n_tables_read, 0) as n_tables_read,
        coalesce(amounts_read.n_amounts_read, 0) as n_amounts_read,
        coalesce(projects_read.n_projects_read, 0) as n_projects_read,
        coalesce(repairs_made.n_repairs, 0) as n_repairs
    from documents
    left join tables_read on documents.document_id = tables_read.document_id
    left join amounts_read on documents.document_id = amounts_read.document_id
    left join projects_read on documents.document_id = projects_read.document_id
    left join repairs_made on documents.document_id = repairs_made.document_id
),

text_ranks as (
    select
        document_id,
        row_number() over (
            partition by text_sha256
            order by n_tables_read desc, n_amounts_read desc, n_projects_read desc, n_repairs,
                case when encoding = 'utf-8' then 0 else 1 end, source_path
        ) as text_rank,
        first_value(source_file) over (
            partition by text_sha256
            order by n_tables_read desc, n_amounts_read desc, n_projects_read desc, n_repairs,
                case when encoding = 'utf-8' then 0 else 1 end, source_path
        ) as text_first_file
    from measured
    where status = 'current'
),

identity_ranks as (
    select
        measured.document_id,
        row_number() over (
            partition by measured.unit_name, measured.year, measured.doc_kind, measured.scope
            order by measured.n_tables_read desc, measured.n_repairs, measured.n_amounts_read desc,
                measured.n_projects_read desc, measured.n_lines, measured.loaded_at desc, measured.source_path
        ) as version_rank,
        first_value(measured.source_file) over (
            partition by measured.unit_name, measured.year, measured.doc_kind, measured.scope
            order by measured.n_tables_read desc, measured.n_repairs, measured.n_amounts_read desc,
                measured.n_projects_read desc, measured.n_lines, measured.loaded_at desc, measured.source_path
        ) as version_first_file
    from measured
    inner join text_ranks on measured.document_id = text_ranks.document_id
    where text_ranks.text_rank = 1
)

select
    measured.*,
    coalesce(measured.status = 'current' and text_ranks.text_rank = 1 and identity_ranks.version_rank = 1, false) as is_current,
    case
        when measured.status <> 'current' then 'superseded'
        when text_ranks.text_rank > 1 then 'duplicate'
        when identity_ranks.version_rank > 1 then 'older_version'
        else 'current'
    end as version_status,
    case
        when measured.status <> 'current' then 'the file changed; its newer content is document ' || measured.superseded_by
        when text_ranks.text_rank > 1 then 'the same text as ' || text_ranks.text_first_file
        when identity_ranks.version_rank > 1
            then 'a more complete version of the same unit, year, kind and scope is current: ' || identity_ranks.version_first_file
    end as version_reason
from measured
left join text_ranks on measured.document_id = text_ranks.document_id
left join identity_ranks on measured.document_id = identity_ranks.document_id
