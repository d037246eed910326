package postgres

// MigrateTo exposes migrateTo to the tests of the jobs-table upgrade.
var MigrateTo = migrateTo
