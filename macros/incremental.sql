{#
    The incremental build, keyed by document (ingest/pipeline/incremental.py writes what changed).

    The large per-document models are `incremental`: a refresh after one changed document
    recomputes that document's rows only. Which documents: int_build_changes (the documents
    the refresh parsed or removed, and those whose version status, unit, year or in_totals
    the new build sees differently). Each such model
      - deletes its rows of those documents before the build (pre-hook `delete_changed_documents`),
      - selects only their rows (`only_changed_documents`, in its where clause),
      - appends them.
    A first build, `--full-refresh`, or a change of the project's code builds the whole table.
#}

{% macro only_changed_documents(column, keyword='and') -%}
    {%- if is_incremental() -%}
        {{ keyword }} {{ column }} in (select document_id from {{ ref('int_build_changes') }})
    {%- endif -%}
{%- endmacro %}

{% macro delete_changed_documents() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where document_id in (select document_id from {{ ref('int_build_changes') }})
    {%- endif -%}
{%- endmacro %}
