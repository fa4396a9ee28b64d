{#
  leaf_codes_only: within one group (`group_by`, e.g. document × fund type × expense type)
  no code in `column_name` is the prefix of a longer code of the same group, so the rows
  are the leaves of the printed hierarchy and summing them never double counts.
  只含末级科目 / leaves only. Returns each (parent, child) pair found in the same group.
#}
{% test leaf_codes_only(model, column_name, group_by) %}

select
    {%- for g in group_by %}
    parent.{{ g }},
    {%- endfor %}
    parent.{{ column_name }} as parent_code,
    child.{{ column_name }} as child_code
from {{ model }} as parent
inner join {{ model }} as child
    on {% for g in group_by %}child.{{ g }} = parent.{{ g }}
    and {% endfor %}length(child.{{ column_name }}) > length(parent.{{ column_name }})
    and substr(child.{{ column_name }}, 1, length(parent.{{ column_name }})) = parent.{{ column_name }}

{% endtest %}
