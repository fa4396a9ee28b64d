-- 拒收文件: input files that could not be read or understood (contract: reachable unqualified)
select * from {{ ref('stg_ingest_rejections') }}
