{#- How many cells of a line (its cells as a JSON array of strings) print a non-zero money
    amount: a number with a decimal point or thousands commas (1,234 / 12.50; a bare integer
    may be a code, a year or a column number) and a digit other than 0 (0.00 is an amount
    printed as nothing). Engines differ in their array functions, hence the dispatch. -#}
{% macro nonzero_money_cells(cells_json) -%}
    {{ return(adapter.dispatch('nonzero_money_cells')(cells_json)) }}
{%- endmacro %}

{% macro default__nonzero_money_cells(cells_json) -%}
    len(list_filter(
        regexp_extract_all({{ cells_json }}, '"\s*(-?[0-9][0-9,]*(\.[0-9]+)?)\s*"', 1),
        x -> regexp_matches(x, '[.,]') and regexp_matches(x, '[1-9]')
    ))
{%- endmacro %}

{% macro spark__nonzero_money_cells(cells_json) -%}
    size(filter(
        regexp_extract_all({{ cells_json }}, '"\\s*(-?[0-9][0-9,]*(\\.[0-9]+)?)\\s*"', 1),
        x -> x rlike '[.,]' and x rlike '[1-9]'
    ))
{%- endmacro %}
