// Package queue runs the gateway's background work on River, over the store's own
// database: riverpgxv5 on the PostgreSQL pool, riversqlite on the SQLite *sql.DB.
//
// Features own their jobs: each declares a job args type (with Kind) and a
// river.Worker, adds the worker to the Queue's Workers bundle (and its periodic jobs with
// AddPeriodic) while the server lists the features, and inserts jobs with InsertTx in
// the transaction of the change that causes them, holding nothing but that transaction
// (a storage.Store handed to InTx's fn). Permanent failures return river.JobCancel, and
// waits return river.JobSnooze; everything else is retried with Backoff (30 s doubling to
// an hour) up to MaxAttempts (10).
//
// On SQLite the database has one connection. River's own transactions and ours take
// turns on it; nothing holds it while waiting for another connection, because a job is
// inserted through the caller's transaction (InsertTx never opens one of its own).
package queue
