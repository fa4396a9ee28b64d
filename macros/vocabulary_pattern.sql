{#- One regular expression that matches any pattern of one vocabulary of the template
    vocabulary seed (e.g. empty_table_note: 空表|表为空|无数据 …), for `regex_matches`
    (macros/regex.sql), which writes it as a SQL literal. Read from the seed when the model
    runs, so the vocabulary stays data that the parser reads too; inlined as a constant because
    a pattern taken from a joined table is matched row × pattern (a nested loop over every
    table line of the warehouse), a constant one is compiled once. The model must name the
    seed in a `depends_on` comment, so dbt builds the seed first. -#}
{% macro vocabulary_pattern(vocabulary) -%}
    {%- set joined = 'a^' -%}  {#- matches nothing: at parse time, or a vocabulary with no rows -#}
    {%- if execute -%}
        {%- set rows = run_query(
            "select pattern from " ~ ref('template_vocabulary') ~ " where vocabulary = '" ~ vocabulary ~ "' order by rank"
        ) -%}
        {%- set patterns = rows.columns[0].values() | list -%}
        {%- if patterns -%}{%- set joined = patterns | join('|') -%}{%- endif -%}
    {%- endif -%}
    {{ return(joined) }}
{%- endmacro %}
