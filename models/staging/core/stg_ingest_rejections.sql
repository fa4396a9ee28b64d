-- 拒收文件
select source_file, source_path, content_sha256, stage, reason, rejected_at
from {{ source('raw', 'ingest_rejections') }}
