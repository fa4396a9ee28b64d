{#
  not_greater_than: on every row where both are known, `column_name` does not exceed
  `other_column` (e.g. an indicator's 得分 score never exceeds its 分值 weight).
  不超过 / at most. Returns the offending rows' two values.
#}
{% test not_greater_than(model, column_name, other_column) %}

select
    {{ column_name }} as value,
    {{ other_column }} as limit_value
from {{ model }}
where {{ column_name }} is not null
  and {{ other_column }} is not null
  and {{ column_name }} > {{ other_column }}

{% endtest %}
