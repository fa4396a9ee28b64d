{#- The unit and region labels every reporting view repeats beside its measures. -#}
{% macro unit_label_columns(alias='units') -%}
    {{ alias }}.unit_name,
    {{ alias }}.unit_code,
    {{ alias }}.unit_level,
    {{ alias }}.province,
    {{ alias }}.city,
    {{ alias }}.county,
    {{ alias }}.adcode
{%- endmacro %}
