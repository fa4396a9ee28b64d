{#
  level_matches_code_length: the level in `column_name` must agree with the
  length of the code in `code_column`: 类 = 3 digits, 款 = 5, 项 = 7.
  科目级次与编码长度一致 / subject level must match code length.
  Returns the rows that disagree.
#}
{% test level_matches_code_length(model, column_name, code_column) %}

select
    {{ code_column }} as code,
    {{ column_name }} as level
from {{ model }}
where {{ column_name }} is not null
  and not (
        ({{ column_name }} = '类' and coalesce(length({{ code_column }}), 0) = 3)
     or ({{ column_name }} = '款' and coalesce(length({{ code_column }}), 0) = 5)
     or ({{ column_name }} = '项' and coalesce(length({{ code_column }}), 0) = 7)
  )

{% endtest %}
