-- 绩效自评汇总
select * from {{ source('raw', 'perf_summaries') }}
