-- 绩效指标
select * from {{ source('raw', 'perf_indicators') }}
