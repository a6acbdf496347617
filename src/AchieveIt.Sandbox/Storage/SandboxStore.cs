using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace AchieveIt.Sandbox.Storage
{
    /// <summary>
    /// Jobs and the updates applied, in SQLite; a job's uploaded body waits in <see cref="Bodies"/> until it is processed.
    /// A job's updates and its final state are written in one transaction, so after a crash a job is either wholly
    /// applied or still pending: never twice. The write-ahead log is cut back to 64 MB after each checkpoint.
    /// </summary>
    public sealed class SandboxStore : IDisposable
    {
        private readonly string connectionString;
        private readonly SqliteConnection keepAlive; // holds a shared in-memory database open

        public SandboxStore(string database)
        {
            DatabasePath = database;
            connectionString = database == ":memory:"
                ? new SqliteConnectionStringBuilder { DataSource = "sandbox-" + Guid.NewGuid().ToString("N"), Mode = SqliteOpenMode.Memory, Cache = SqliteCacheMode.Shared }.ToString()
                : new SqliteConnectionStringBuilder { DataSource = database, Pooling = true }.ToString();
            keepAlive = new SqliteConnection(connectionString);
            keepAlive.Open();
            Execute(keepAlive, database == ":memory:" ? "SELECT 1" : "PRAGMA journal_mode=WAL");
            // content: always empty now that bodies wait in files; kept so that a database of an earlier sandbox opens.

            Execute(keepAlive, @"
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY, seq INTEGER NOT NULL, kind TEXT NOT NULL, file_name TEXT NOT NULL, size INTEGER NOT NULL,
  state TEXT NOT NULL, submitted_at TEXT NOT NULL, completed_at TEXT, rows_applied INTEGER NOT NULL DEFAULT 0,
  errors TEXT, content BLOB NOT NULL DEFAULT X'');
CREATE TABLE IF NOT EXISTS updates (
  id INTEGER PRIMARY KEY, job_id TEXT NOT NULL, line INTEGER NOT NULL, external_id TEXT NOT NULL,
  status TEXT, metric TEXT, as_of_date TEXT NOT NULL, comment TEXT, applied_at TEXT NOT NULL);
");
            Bodies = new BodyFolder(database);
            var pending = new HashSet<string>(PendingJobs().Select(j => j.JobId), StringComparer.OrdinalIgnoreCase);
            Bodies.DeleteAllBut(pending.Contains); // bodies of jobs processed just before a crash
        }

        public string DatabasePath { get; }

        /// <summary>Where uploaded bodies wait for their jobs.</summary>
        public BodyFolder Bodies { get; }

        /// <summary>Records a job whose body is already in <see cref="Bodies"/> under <paramref name="id"/>.</summary>
        public void CreateJob(string id, string kind, string fileName, long size)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = @"INSERT INTO jobs (id, seq, kind, file_name, size, state, submitted_at, content)
VALUES ($id, (SELECT IFNULL(MAX(seq), 0) + 1 FROM jobs), $kind, $name, $size, $state, $at, X'')";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$kind", kind);
            command.Parameters.AddWithValue("$name", fileName);
            command.Parameters.AddWithValue("$size", size);
            command.Parameters.AddWithValue("$state", JobStates.Queued);
            command.Parameters.AddWithValue("$at", Now());
            command.ExecuteNonQuery();
        }

        public JobRecord GetJob(string id)
        {
            var jobs = QueryJobs("WHERE id = $id", ("$id", id));
            return jobs.Count == 0 ? null : jobs[0];
        }

        public IReadOnlyList<JobRecord> ListJobs() => QueryJobs(string.Empty);

        /// <summary>Jobs that were queued or being processed, oldest first: the ones to (re)process at start-up.</summary>
        public IReadOnlyList<JobRecord> PendingJobs() =>
            QueryJobs("WHERE state IN ($queued, $processing)", ("$queued", JobStates.Queued), ("$processing", JobStates.Processing));

        /// <summary>The job's uploaded body, or null once it is processed (a job queued by an earlier sandbox kept it in the database).</summary>
        public byte[] GetContent(string id)
        {
            var body = Bodies.Read(id);
            if (body != null) return body;
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT content FROM jobs WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteScalar() is byte[] kept && kept.Length > 0 ? kept : null;
        }

        public void MarkProcessing(string id) => SetState(id, JobStates.Processing, null, null);

        /// <summary>Fails the job; its body is no longer needed.</summary>
        public void Fail(string id, string errorsJson)
        {
            SetState(id, JobStates.Failed, errorsJson, Now());
            Bodies.Delete(id);
        }

        /// <summary>
        /// Runs <paramref name="process"/>, which sends each update to apply and returns the job's errors as JSON (null
        /// when none). With no errors the updates and the Processed state commit together; otherwise nothing is applied
        /// and the job fails. A job already processed is left alone.
        /// </summary>
        public bool Apply(string id, Func<Action<AppliedUpdate>, string> process)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT state FROM jobs WHERE id = $id";
                check.Parameters.AddWithValue("$id", id);
                if ((check.ExecuteScalar() as string) == JobStates.Processed)
                {
                    Bodies.Delete(id);
                    return true;
                }
            }

            long applied = 0;
            string error;
            var at = Now();
            using (var batch = new UpdateInsertBatch(connection, transaction, id, at))
            {
                error = process(batch.Add);
                applied = batch.Complete();
            }

            if (error != null)
            {
                transaction.Rollback();
                Fail(id, error);
                return false;
            }

            using (var done = connection.CreateCommand())
            {
                done.Transaction = transaction;
                done.CommandText = "UPDATE jobs SET state = $state, completed_at = $at, rows_applied = $rows, errors = NULL WHERE id = $id";
                done.Parameters.AddWithValue("$state", JobStates.Processed);
                done.Parameters.AddWithValue("$at", Now());
                done.Parameters.AddWithValue("$rows", applied);
                done.Parameters.AddWithValue("$id", id);
                done.ExecuteNonQuery();
            }

            transaction.Commit();
            Bodies.Delete(id);
            return true;
        }

        public IReadOnlyList<AppliedUpdate> Updates(string externalId, int limit)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT u.job_id, u.line, u.external_id, u.status, u.metric, u.as_of_date, u.comment, u.applied_at, j.kind FROM updates u LEFT JOIN jobs j ON j.id = u.job_id " +
                (string.IsNullOrEmpty(externalId) ? string.Empty : "WHERE u.external_id = $external COLLATE NOCASE ") + "ORDER BY u.id LIMIT $limit";
            if (!string.IsNullOrEmpty(externalId)) command.Parameters.AddWithValue("$external", externalId);
            command.Parameters.AddWithValue("$limit", limit);
            var list = new List<AppliedUpdate>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                list.Add(new AppliedUpdate(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), Text(reader, 3), Text(reader, 4),
                    reader.GetString(5), Text(reader, 6), DateTime.Parse(reader.GetString(7), null, System.Globalization.DateTimeStyles.RoundtripKind), Text(reader, 8)));
            }

            return list;
        }

        public void Clear()
        {
            using var connection = Open();
            var removed = new HashSet<string>(ListJobs().Select(j => j.JobId), StringComparer.OrdinalIgnoreCase);
            Execute(connection, "DELETE FROM updates; DELETE FROM jobs;");
            Bodies.DeleteAllBut(id => !removed.Contains(id)); // only the removed jobs' bodies: an upload arriving now keeps its own
        }

        public void Dispose()
        {
            keepAlive.Dispose();
            Bodies.RemoveIfTemporary();
        }

        private SqliteConnection Open()
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 5000; PRAGMA journal_size_limit = 67108864");
            return connection;
        }

        private void SetState(string id, string state, string errors, string completedAt)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE jobs SET state = $state, errors = $errors, completed_at = $at WHERE id = $id AND state <> $processed";
            command.Parameters.AddWithValue("$state", state);
            command.Parameters.AddWithValue("$errors", (object)errors ?? DBNull.Value);
            command.Parameters.AddWithValue("$at", (object)completedAt ?? DBNull.Value);
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$processed", JobStates.Processed);
            command.ExecuteNonQuery();
        }

        private List<JobRecord> QueryJobs(string where, params (string Name, object Value)[] parameters)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, kind, file_name, size, state, submitted_at, completed_at, rows_applied, errors FROM jobs " + where + " ORDER BY seq";
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            var list = new List<JobRecord>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                list.Add(new JobRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                    ParseTime(reader.GetString(5)), reader.IsDBNull(6) ? null : ParseTime(reader.GetString(6)), reader.GetInt64(7), Text(reader, 8)));
            }

            return list;
        }

        private static string Text(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

        private static DateTime ParseTime(string text) => DateTime.Parse(text, null, System.Globalization.DateTimeStyles.RoundtripKind);

        private static string Now() => DateTime.UtcNow.ToString("O");

        private static void Execute(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}
