{#
  value_between: every non-null value of `column_name` lies within [min_value, max_value]
  (either bound may be omitted). 取值范围 / value range, e.g. a score 总分 between 0 and 100.
  Returns the rows outside the range.
#}
{% test value_between(model, column_name, min_value=none, max_value=none) %}

select
    {{ column_name }} as out_of_range_value,
    count(*) as n_rows
from {{ model }}
where {{ column_name }} is not null
  and (
        1 = 0
    {%- if min_value is not none %}
     or {{ column_name }} < {{ min_value }}
    {%- endif %}
    {%- if max_value is not none %}
     or {{ column_name }} > {{ max_value }}
    {%- endif %}
  )
group by {{ column_name }}

{% endtest %}
