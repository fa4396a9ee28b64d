{#- Every proper prefix (3 to 6 digits) of a classification code, one row each, so that
    "child starts with parent" becomes an equality join (fast on any engine) instead of a
    substring comparison over all pairs. -#}
{% macro code_prefixes(relation, code_column, keep_columns) -%}
    select
        {% for c in keep_columns %}{{ c }}, {% endfor %}
        substr({{ code_column }}, 1, prefix_lengths.prefix_length) as ancestor_code
    from {{ relation }}
    cross join (
        select 3 as prefix_length union all select 4 union all select 5 union all select 6
    ) as prefix_lengths
    where length({{ code_column }}) > prefix_lengths.prefix_length
{%- endmacro %}
