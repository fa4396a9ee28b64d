{#- Money as printed -> 万元 (ten-thousand yuan). Tables printed in 元 are divided by 10000. -#}
{% macro to_wan(amount_column, unit_column) -%}
    case when {{ unit_column }} = '元' then {{ amount_column }} / 10000.0 else {{ amount_column }} end
{%- endmacro %}

{#- The published rounding tolerance: ±0.01 万元 per summed row, at least 0.01. -#}
{% macro rounding_tolerance(n_rows_column) -%}
    (0.01 * greatest(coalesce({{ n_rows_column }}, 1), 1) + 0.000001)
{%- endmacro %}

{#- Level of a classification code from its length. -#}
{% macro code_level(code_column) -%}
    case length({{ code_column }}) when 3 then '类' when 5 then '款' when 7 then '项' end
{%- endmacro %}

{#- A stable surrogate key from text columns (md5 is available on every target engine). -#}
{% macro surrogate_key(columns) -%}
    substr(md5({%- for c in columns -%}coalesce(cast({{ c }} as {{ dbt.type_string() }}), '∅'){%- if not loop.last %} || '|' || {% endif -%}{%- endfor -%}), 1, 16)
{%- endmacro %}
