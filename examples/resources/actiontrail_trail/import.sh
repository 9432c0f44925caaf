# A trail of the provider's region, by name.
terraform import actiontrail_trail.example trail-test

# A trail of another region: <region>:<name>.
terraform import actiontrail_trail.example cn-shanghai:trail-test
