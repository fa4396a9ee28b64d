-- 绩效项目
select * from {{ source('raw', 'perf_projects') }}
