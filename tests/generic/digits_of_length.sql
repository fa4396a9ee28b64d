{#
  digits_of_length: every non-null value of `column_name` is made of the digits 0-9 only
  and its length is one of `lengths` (e.g. [6] for an adcode, [3, 5, 7] for a 功能分类 code).
  编码格式 / code format. Returns the values that break the format.
  Written with replace() and length() only, so it runs on any SQL engine.
#}
{% test digits_of_length(model, column_name, lengths) %}

{%- set value = "cast(" ~ column_name ~ " as " ~ dbt.type_string() ~ ")" %}

select
    {{ column_name }} as bad_value,
    count(*) as n_rows
from {{ model }}
where {{ column_name }} is not null
  and (
        length({{ value }}) not in ({{ lengths | join(', ') }})
     or replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
            {{ value }}, '0', ''), '1', ''), '2', ''), '3', ''), '4', ''), '5', ''), '6', ''), '7', ''), '8', ''), '9', '') <> ''
  )
group by {{ column_name }}

{% endtest %}
