{#- How many cells of a line (its cells as a JSON array of strings) print a non-zero money
    amount. Two kinds of cells count:
    - a number with a decimal point or thousands commas (1,234 / 12.50) and a digit other than 0
      (0.00 is an amount printed as nothing);
    - a bare integer (1250000, -15300, 8) with a digit other than 0 that stands after the line's
      last cell holding a Chinese character. A bare integer may otherwise be a code, a 序号, a
      year, a 栏次 number or a count; on the real corpus every code and 序号 is printed before the
      name it belongs to (201 | 一般公共服务支出, 30108 | 基本养老保险缴费 | 50501 | 工资福利支出 in the
      side-by-side 经济分类 layout: codes sit between names, so the boundary is the last name, not
      the first), and what follows the last name is the line's amounts, in 元 and in 万元 tables
      alike (a document printing whole 万元 prints 8, 45, 30000). Not counted: a line with no
      Chinese cell (a 序号 or code alone, a bare 1 | 2 | 3 column-number line: nothing tells its
      numbers from codes), a line whose last label is a column-header cell (`header_cells`, the
      header_cell vocabulary: 栏次 | 1 | 2 | 3, 行次 …), a 4-digit 19xx / 20xx (a year).
    Without the second kind a table printed in whole 元 that the parser reads as nothing would
    look as if it printed no amount, and R20 would pass it: a silent loss.
    `header_cells` is a regular expression matched against the last label cell
    (vocabulary_pattern('header_cell')), written as a SQL literal by regex_literal. Engines differ in their array functions,
    hence the dispatch. -#}
{% macro nonzero_money_cells(cells_json, header_cells) -%}
    {{ return(adapter.dispatch('nonzero_money_cells')(cells_json, header_cells)) }}
{%- endmacro %}

{% macro default__nonzero_money_cells(cells_json, header_cells) -%}
    (
        len(list_filter(
            regexp_extract_all({{ cells_json }}, '"\s*(-?[0-9][0-9,]*(\.[0-9]+)?)\s*"', 1),
            x -> regexp_matches(x, '[.,]') and regexp_matches(x, '[1-9]')
        ))
        + case
            when regexp_matches(
                regexp_extract({{ cells_json }}, '"([^"]*[\x{4e00}-\x{9fff}][^"]*)"[^\x{4e00}-\x{9fff}]*$', 1), {{ regex_literal(header_cells) }}
            ) then 0
            else len(list_filter(
                regexp_extract_all(
                    regexp_extract({{ cells_json }}, '[\x{4e00}-\x{9fff}][^"]*"([^\x{4e00}-\x{9fff}]*)$', 1),
                    '"\s*(-?[0-9]+)\s*"', 1
                ),
                x -> regexp_matches(x, '[1-9]') and not regexp_matches(x, '^(19|20)[0-9][0-9]$')
            ))
        end
    )
{%- endmacro %}

{% macro spark__nonzero_money_cells(cells_json, header_cells) -%}
    (
        size(filter(
            regexp_extract_all({{ cells_json }}, '"\\s*(-?[0-9][0-9,]*(\\.[0-9]+)?)\\s*"', 1),
            x -> x rlike '[.,]' and x rlike '[1-9]'
        ))
        + case
            when regexp_extract({{ cells_json }}, '"([^"]*[\\x{4e00}-\\x{9fff}][^"]*)"[^\\x{4e00}-\\x{9fff}]*$', 1) rlike {{ regex_literal(header_cells) }}
                then 0
            else size(filter(
                regexp_extract_all(
                    regexp_extract({{ cells_json }}, '[\\x{4e00}-\\x{9fff}][^"]*"([^\\x{4e00}-\\x{9fff}]*)$', 1),
                    '"\\s*(-?[0-9]+)\\s*"', 1
                ),
                x -> x rlike '[1-9]' and not x rlike '^(19|20)[0-9][0-9]$'
            ))
        end
    )
{%- endmacro %}
