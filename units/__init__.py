"""Categories 考核类别, units 单位 (街镇/部门) and the users who belong to them."""
