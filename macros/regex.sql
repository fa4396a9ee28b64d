{#- Regular expressions the same on every engine the project builds on. DuckDB writes
    regexp_matches(x, p) and regexp_replace(x, p, r, 'g'); Spark writes x rlike p and
    regexp_replace(x, p, r) (which replaces every match; its fourth argument is a position),
    and reads a backslash in a string literal as an escape, so a pattern's backslashes are
    doubled there. Patterns are passed as Jinja strings and written as SQL literals here. -#}

{% macro regex_literal(pattern) -%}
    {%- set text = pattern | replace('\\', '\\\\') if target.type == 'spark' else pattern -%}
    '{{ text | replace("'", "''") }}'
{%- endmacro %}

{% macro regex_matches(value, pattern) -%}
    {{ return(adapter.dispatch('regex_matches')(value, pattern)) }}
{%- endmacro %}

{% macro default__regex_matches(value, pattern) -%}
    regexp_matches({{ value }}, {{ regex_literal(pattern) }})
{%- endmacro %}

{% macro spark__regex_matches(value, pattern) -%}
    ({{ value }} rlike {{ regex_literal(pattern) }})
{%- endmacro %}

{% macro regex_replace_all(value, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace_all')(value, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace_all(value, pattern, replacement) -%}
    regexp_replace({{ value }}, {{ regex_literal(pattern) }}, {{ regex_literal(replacement) }}, 'g')
{%- endmacro %}

{% macro spark__regex_replace_all(value, pattern, replacement) -%}
    regexp_replace({{ value }}, {{ regex_literal(pattern) }}, {{ regex_literal(replacement) }})
{%- endmacro %}
