-- 科目名称差异: every (code, printed name) pair whose printed name differs from the catalogue's
-- canonical name, or whose code the catalogue lacks. Catalogue gaps, renamed subjects
-- (e.g. an older edition's name) and OCR damage become visible here instead of silent.
with printed as (
    select
        case when c.subject_scheme = 'func' then 'func' else 'econ' end as scheme,
        c.subject_code as code,
        c.subject_name as printed_name,
        c.document_id,
        c.table_no,
        c.line_no
    from {{ ref('stg_amount_cells') }} as c
    where c.subject_scheme in ('func', 'econ_dept') and c.subject_code is not null and c.subject_name is not null
      and c.row_kind = 'item'
),

catalogue as (
    select 'func' as scheme, func_code as code, func_name as catalogue_name, in_catalogue from {{ ref('dim_func_subject') }}
    union all
    select 'econ', econ_code, econ_name, in_catalogue from {{ ref('dim_econ_subject') }}
),

compared as (
    select
        printed.*,
        catalogue.catalogue_name,
        coalesce(catalogue.in_catalogue, false) as in_catalogue,
        replace(replace(replace(printed.printed_name, '(', '（'), ')', '）'), ' ', '') as printed_normalised,
        replace(replace(replace(catalogue.catalogue_name, '(', '（'), ')', '）'), ' ', '') as catalogue_normalised
    from printed
    left join catalogue on printed.scheme = catalogue.scheme and printed.code = catalogue.code
)

select
    scheme,
    code,
    printed_name,
    catalogue_name,
    in_catalogue,
    case
        when not in_catalogue then '目录缺失 (code not in catalogue)'
        -- a prefix test, not `like printed || '%'`: a printed '_' or '%' is no wildcard, and
        -- Spark and others have no data-driven LIKE pattern
        when left(catalogue_normalised, length(printed_normalised)) = printed_normalised
            then '名称截断 (printed name cut short)'
        else '名称不同 (printed name differs)'
    end as drift_kind,
    count(distinct document_id) as documents,
    min(document_id) as example_document_id,
    min(line_no) as example_line_no
from compared
where not in_catalogue or printed_normalised <> catalogue_normalised
group by scheme, code, printed_name, catalogue_name, in_catalogue, catalogue_normalised, printed_normalised
