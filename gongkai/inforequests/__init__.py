"""依申请公开: applications, the statutory clock, replies, fees, review and litigation records."""
