-- 年度维度: fiscal years present in the documents
with years as (
    select distinct year from {{ ref('stg_documents') }} where year is not null
)
select
    year,
    cast(year as {{ dbt.type_string() }}) || '年' as year_label,
    year - 1 as previous_year
from years
